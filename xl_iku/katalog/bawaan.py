"""The built-in catalogue: the 22 indicators of the seed (KONTRAK §1, §5), as data.

Wording is the seed's, with its typos corrected ("Defenisi", "Deserta",
"Bupati Bengkulu" → Bengkalis).  The seed leaves the definisi of IKP-01 blank;
ours is written from its formula; the README says so (never the printed sheet).
Each row's Cara Hitung and parameters are KONTRAK §5's "The seed's 22 in
these terms"; the template's tblIndikator rows and the default of a workbook
without an Indikator sheet both come from here.
"""

from __future__ import annotations

from .model import (
    Katalog,
    HITUNG_BARIS, JUMLAH_KOLOM, NILAI_AKIP, PERSEN, PREDIKAT_AKIP, RATA_RATA_RASIO, STATUS_DESA,
    SURVEI_IKM, TEPAT_WAKTU, Indikator,
)

KELOMPOK_IKU = "IKU"
KELOMPOK_IK = "Indikator Kinerja"
KELOMPOK_IKP = "Indikator Pendukung"


_DEF_IKM = (
    "Persentase data dan informasi tentang tingkat kepuasan masyarakat yang diperoleh dari hasil "
    "pengukuran secara kuantitatif dan kualitatif atas pendapat masyarakat dalam memperoleh "
    "pelayanan dari aparatur penyelenggara pelayanan publik dengan membandingkan antara harapan "
    "dan kebutuhannya."
)
_FORM_IKM = (
    "Peraturan Menteri PANRB Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan "
    "Masyarakat Unit Penyelenggara Pelayanan Publik: IKM = (Total dari Nilai Persepsi per Unsur / "
    "Total Unsur yang Terisi) × Nilai Tertimbang"
)


def _nilai_akip(komponen: str) -> tuple[str, str]:
    return (
        f"Nilai ini diperoleh dari Hasil Evaluasi terhadap {komponen} pada Perangkat Daerah "
        "dengan waktu yang ditentukan.",
        f"Nilai diperoleh berdasarkan Hasil Evaluasi terhadap {komponen} dari Inspektorat Daerah.",
    )


_ESELON4 = "Eselon IV"


def _ind(kode, nama, satuan, pj, definisi, formulasi, kelompok, cara, tabel=None, saring=None,
         pembilang=None, penyebut=None):
    return Indikator(kode, nama, satuan, pj, definisi, formulasi, kelompok, cara, tabel, saring, pembilang, penyebut)


INDIKATOR: tuple[Indikator, ...] = (
    _ind("IKU-01", "Indeks Kepuasan Masyarakat (IKM)", "nilai (25–100)", "Camat",
         _DEF_IKM, _FORM_IKM, KELOMPOK_IKU, SURVEI_IKM),
    _ind("IK-01", "Indeks Kepuasan Masyarakat (IKM)", "nilai (25–100)", "Camat",
         _DEF_IKM, _FORM_IKM, KELOMPOK_IK, SURVEI_IKM),
    _ind("IK-02", "Predikat Akuntabilitas Kinerja", "predikat (nilai 0–100)", "Camat",
         "Perwujudan kewajiban suatu Instansi Pemerintah untuk mempertanggungjawabkan "
         "keberhasilan/kegagalan pelaksanaan Program, Kegiatan dan Subkegiatan yang telah "
         "diamanatkan para pemangku kepentingan dalam rangka mencapai misi organisasi secara "
         "terukur dengan sasaran/target kinerja yang telah ditetapkan melalui laporan kinerja "
         "Instansi Pemerintah yang disusun secara periodik.",
         "Predikat didapat dari Hasil Penilaian Sistem Akuntabilitas Kinerja yang tertuang dalam "
         "Laporan Hasil Evaluasi Akuntabilitas Kinerja dari Inspektorat Daerah.",
         KELOMPOK_IK, PREDIKAT_AKIP),
    _ind("IK-03", "Nilai Perencanaan Kinerja", "nilai (0–bobot)", "Sekretaris",
         *_nilai_akip("Perencanaan Kinerja"), KELOMPOK_IK, NILAI_AKIP, pembilang="Perencanaan Kinerja"),
    _ind("IK-04", "Nilai Pengukuran Kinerja", "nilai", "Sekretaris",
         *_nilai_akip("Pengukuran Kinerja"), KELOMPOK_IK, NILAI_AKIP, pembilang="Pengukuran Kinerja"),
    _ind("IK-05", "Nilai Pelaporan Kinerja", "nilai", "Sekretaris",
         *_nilai_akip("Pelaporan Kinerja"), KELOMPOK_IK, NILAI_AKIP, pembilang="Pelaporan Kinerja"),
    _ind("IK-06", "Nilai Pelaksanaan Evaluasi Akuntabilitas Kinerja Internal", "nilai", "Sekretaris",
         *_nilai_akip("Pelaksanaan Evaluasi Akuntabilitas Kinerja Internal"), KELOMPOK_IK, NILAI_AKIP,
         pembilang="Evaluasi Internal"),
    _ind("IK-07", "Persentase Pelayanan Publik Sesuai SOP", PERSEN, _ESELON4,
         "Nilai ini diperoleh dari hitungan komposit. Data yang dipersiapkan: jumlah SOP yang "
         "tersedia untuk pelayanan publik dan persentase kesesuaian persyaratan SOP, yaitu jumlah "
         "persyaratan sesuai SOP setiap pelayanan publik yang dilakukan dibagi dengan jumlah "
         "persyaratan SOP.",
         "Jumlah Persentase Kesesuaian Persyaratan SOP / Jumlah SOP Pelayanan Publik × 100",
         KELOMPOK_IK, RATA_RATA_RASIO, "tblSOP", None, "Persyaratan Sesuai", "Jumlah Persyaratan"),
    _ind("IK-08", "Persentase Gangguan Kamtibmas yang ditindaklanjuti secara tuntas", PERSEN, _ESELON4,
         "Gangguan Kamtibmas yang ditindaklanjuti sebatas wewenang bidang Seksi Ketenteraman dan "
         "Ketertiban Umum Kecamatan. Gangguan Kamtibmas dimaksud antara lain Penyakit Masyarakat "
         "dan Penertiban Pedagang Kaki Lima.",
         "Gangguan Kamtibmas yang ditindaklanjuti secara tuntas / Jumlah Gangguan Kamtibmas "
         "selama satu tahun × 100",
         KELOMPOK_IK, HITUNG_BARIS, "tblKamtibmas", None, "Status = Tuntas"),
    _ind("IK-09", "Persentase Sarpras Pelayanan dalam Kondisi Baik", PERSEN, _ESELON4,
         "Sarana dan prasarana yang menjadi objek penilaian merupakan sarpras yang berada di "
         "pelayanan publik (PATEN).",
         "Jumlah sarpras yang dalam kondisi baik / Jumlah keseluruhan sarpras di pelayanan publik "
         "(PATEN) × 100",
         KELOMPOK_IK, JUMLAH_KOLOM, "tblSarpras", None, "Kondisi Baik", "Tersedia"),
    _ind("IK-10", "Persentase Desa Mandiri", PERSEN, _ESELON4,
         "Nilai diperoleh dari IDM (Indeks Desa Membangun) yang setiap tahun dikeluarkan oleh Dinas "
         "Pemberdayaan Masyarakat dan Desa. Dalam pengukuran IDM, desa diklasifikasikan ke dalam "
         "lima status, yakni 1. Desa Sangat Tertinggal, 2. Desa Tertinggal, 3. Desa Berkembang, "
         "4. Desa Maju dan 5. Desa Mandiri.",
         "Jumlah Desa Mandiri / Jumlah Desa × 100",
         KELOMPOK_IK, STATUS_DESA),
    _ind("IKP-01", "Persentase Pelayanan Publik yang diberikan tepat waktu", PERSEN, _ESELON4,
         "Pelayanan publik di kecamatan yang diselesaikan dalam standar waktu (hari kerja) jenis "
         "layanannya, dihitung dari register pelayanan.",
         "Jumlah Pelayanan Publik diberikan tepat waktu / Jumlah Pelayanan Publik yang masuk "
         "selama satu tahun × 100",
         KELOMPOK_IKP, TEPAT_WAKTU, "tblLayanan", None, "Jenis Layanan"),
    _ind("IKP-02", "Persentase Penyelesaian Pengaduan pelayanan publik tepat waktu", PERSEN, _ESELON4,
         "Pengaduan masyarakat sebatas pada pelayanan publik yang ada di kecamatan.",
         "Jumlah Penyelesaian Pengaduan pelayanan publik tepat waktu dalam satu tahun / Jumlah "
         "Pengaduan Pelayanan Publik dalam satu tahun × 100",
         KELOMPOK_IKP, TEPAT_WAKTU, "tblPengaduan", None, "BatasWaktuPengaduan"),
    _ind("IKP-03", "Persentase Aparatur yang Berkompeten", PERSEN, _ESELON4,
         "Persentase ASN diperoleh berdasarkan kompetensi yang ada pada ASN tersebut sesuai bidang "
         "keahliannya.",
         "Jumlah ASN yang Berkompetensi / Jumlah ASN Perangkat Daerah × 100",
         KELOMPOK_IKP, HITUNG_BARIS, "tblASN", None, "Kompeten = Ya"),
    _ind("IKP-04", "Persentase Penyakit Masyarakat yang ditindaklanjuti sampai tuntas", PERSEN, _ESELON4,
         "Penyakit Masyarakat (PEKAT) yang dapat ditindaklanjuti sebatas kewenangan dan tugas "
         "Seksi Ketenteraman dan Ketertiban Kecamatan seperti razia warung remang-remang, razia "
         "tempat penginapan, razia ketertiban pasar, razia tempat perjudian.",
         "Jumlah Penyakit Masyarakat yang ditindaklanjuti sampai tuntas / Jumlah Penyakit "
         "Masyarakat selama satu tahun × 100",
         KELOMPOK_IKP, HITUNG_BARIS, "tblKamtibmas", "Jenis = Penyakit Masyarakat", "Status = Tuntas"),
    _ind("IKP-05", "Persentase Dukungan Kebencanaan di lingkungan kecamatan yang ditindaklanjuti",
         PERSEN, _ESELON4,
         "Kebencanaan di lingkungan kecamatan yang ditindaklanjuti sebatas kewenangan dan tugas "
         "kecamatan seperti bantuan penanggulangan kebakaran hutan dan lahan, bantuan kepada "
         "masyarakat korban banjir, dan korban kebakaran rumah penduduk.",
         "Jumlah Kebencanaan di lingkungan kecamatan yang ditindaklanjuti / Jumlah Kebencanaan di "
         "lingkungan kecamatan × 100",
         KELOMPOK_IKP, HITUNG_BARIS, "tblBencana", None, "Ditindaklanjuti = Ya"),
    _ind("IKP-06", "Persentase tersedianya Sarana Prasarana Pelayanan", PERSEN, _ESELON4,
         "Sarana dan prasarana pelayanan publik yang tersedia sebatas pada sarpras yang ada di "
         "ruang pelayanan (PATEN).",
         "Jumlah Sarpras yang tersedia pada Pelayanan / Jumlah Kebutuhan Sarpras Pelayanan × 100",
         KELOMPOK_IKP, JUMLAH_KOLOM, "tblSarpras", None, "Tersedia", "Kebutuhan"),
    _ind("IKP-07", "Persentase Pemeliharaan Sarana Prasarana Pelayanan", PERSEN, _ESELON4,
         "Sarana dan prasarana pelayanan publik yang dipelihara sebatas pada sarpras yang ada di "
         "ruang pelayanan (PATEN).",
         "Jumlah Pemeliharaan Sarpras Pelayanan / Jumlah Keseluruhan Sarpras Pelayanan × 100",
         KELOMPOK_IKP, JUMLAH_KOLOM, "tblSarpras", None, "Dipelihara", "Tersedia"),
    _ind("IKP-08", "Persentase Monitoring dan Evaluasi APBDes yang terlaksana", PERSEN, _ESELON4,
         "Kegiatan ini termasuk kegiatan lomba desa, monitoring dan evaluasi APBDes serta kegiatan "
         "yang terkait dengan penilaian desa.",
         "Realisasi Monitoring dan Evaluasi APBDes yang terlaksana / Target Monitoring dan "
         "Evaluasi APBDes × 100",
         KELOMPOK_IKP, JUMLAH_KOLOM, "tblKegiatan", "Kelompok = Monev APBDes", "Realisasi", "Target"),
    _ind("IKP-09", "Persentase Usulan Prioritas Pembangunan yang diverifikasi", PERSEN, _ESELON4,
         "Usulan prioritas pembangunan yang dimaksud yakni usulan yang dientri oleh setiap desa dari "
         "hasil musrenbang desa ke aplikasi SIPD RI. Usulan yang dihitung adalah usulan yang lengkap "
         "sesuai dengan persyaratan yang telah ditetapkan dan diverifikasi oleh Tim Verifikator "
         "Kecamatan.",
         "Realisasi usulan Prioritas Pembangunan yang diverifikasi / Jumlah Usulan Prioritas "
         "Pembangunan pada SIPD RI × 100",
         KELOMPOK_IKP, HITUNG_BARIS, "tblUsulan", None, "Diverifikasi = Ya"),
    _ind("IKP-10", "Persentase Fasilitas Pemberdayaan Masyarakat yang terlaksana", PERSEN, _ESELON4,
         "Kegiatan Pemberdayaan Masyarakat ini terdiri dari MTQ Kecamatan, MTQ Kabupaten, Safari "
         "Ramadhan Kecamatan, Fasilitasi Kegiatan Lampu Colok, Fasilitasi Hari Besar Islam, "
         "Penyelenggaraan Kegiatan Keagamaan pada Rumah Ibadah, Fasilitasi Bantuan Kegiatan "
         "Keagamaan, Kegiatan Penanggulangan Stunting.",
         "Realisasi Fasilitas Pemberdayaan Masyarakat yang terlaksana / Jumlah Fasilitas Kegiatan "
         "Pemberdayaan Masyarakat × 100",
         KELOMPOK_IKP, JUMLAH_KOLOM, "tblKegiatan", "Kelompok = Pemberdayaan Masyarakat", "Realisasi", "Target"),
    _ind("IKP-11", "Persentase Fasilitas Pemerintahan Umum yang terlaksana", PERSEN, _ESELON4,
         "Kegiatan sebatas pada lingkup tugas dan tanggung jawab seksi tata pemerintahan, di "
         "antaranya fasilitasi Peringatan Hari Besar Nasional dan fasilitasi Pembinaan Peningkatan "
         "Kemampuan Masyarakat seperti Pelatihan Membatik, Pelatihan Menjahit dan Pelatihan "
         "Memasak.",
         "Realisasi Fasilitas Pemerintahan Umum yang terlaksana / Jumlah Fasilitas Pemerintahan "
         "Umum yang ada × 100",
         KELOMPOK_IKP, JUMLAH_KOLOM, "tblKegiatan", "Kelompok = Pemerintahan Umum", "Realisasi", "Target"),
)

INDIKATOR_BY_KODE: dict[str, Indikator] = {i.kode: i for i in INDIKATOR}
# The built-in catalogue for printing (which columns each reads is resolved by validasi.katalog).
KATALOG = Katalog(INDIKATOR)

assert len(INDIKATOR) == 22


def baris_tabel(indikator=INDIKATOR) -> list[dict[str, object]]:
    """The catalogue as tblIndikator rows (header → value): the template's
    prefilled rows, written from the same data the engine defaults to."""
    return [{
        "Kode": i.kode, "Kelompok": i.kelompok, "Indikator": i.nama, "Definisi Operasional": i.definisi,
        "Formulasi Perhitungan": i.formulasi, "Penanggung Jawab": i.penanggung_jawab, "Satuan": i.satuan,
        "Arah": i.arah, "Cara Hitung": i.cara, "Tabel": i.tabel, "Saring": i.saring, "Pembilang": i.pembilang,
        "Penyebut": i.penyebut, "Sasaran": i.sasaran, "Sumber Data": i.sumber_data,
    } for i in indikator]
