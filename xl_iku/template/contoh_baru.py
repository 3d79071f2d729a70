"""The second bundled sample: a kecamatan of the new period with a catalogue
of its own (issue 19, KONTRAK §5).

Kecamatan Siak Kecil (Kabupaten Bengkalis), Renstra 2025–2029 of RPJMD
2025–2029, TahunLaporan 2026, targets 2026–2030.  Its catalogue has an IKM
and SAKIP like the seed's, a score typed from the kabupaten's evaluation
(Nilai Kinerja Kecamatan), a register the office added (pelanggaran Perda),
a lower-is-better count, "% desa whose Indeks Desa score rose", a kegiatan
Kelompok of its own, and timeliness of services.  The registers of the first
sample's generator (`contoh.data_contoh`) are reused for 2026 under this
office's name; the data are generated, not any office's real figures.
"""

from __future__ import annotations

import random
from datetime import date

from .contoh import data_contoh

TAHUN = 2026
TAHUN_TARGET = (2026, 2027, 2028, 2029, 2030)
KELOMPOK_IKU = "IKU"
KELOMPOK_KINERJA = "Indikator Kinerja"
KELOMPOK_WILAYAH = "Kinerja Wilayah"
SASARAN_PELAYANAN = "Meningkatnya kualitas pelayanan publik kecamatan"
SASARAN_TATA = "Meningkatnya akuntabilitas kinerja kecamatan"
SASARAN_WILAYAH = "Meningkatnya ketenteraman dan pembangunan desa"


def _ind(kode, kelompok, nama, satuan, cara, *, arah=None, tabel=None, saring=None, pembilang=None,
         penyebut=None, sasaran=None, sumber=None, definisi="", formulasi="", pj="Camat"):
    return {"Kode": kode, "Kelompok": kelompok, "Indikator": nama, "Definisi Operasional": definisi,
            "Formulasi Perhitungan": formulasi, "Penanggung Jawab": pj, "Satuan": satuan, "Arah": arah,
            "Cara Hitung": cara, "Tabel": tabel, "Saring": saring, "Pembilang": pembilang, "Penyebut": penyebut,
            "Sasaran": sasaran, "Sumber Data": sumber}


KATALOG = [
    _ind("IKU-01", KELOMPOK_IKU, "Indeks Kepuasan Masyarakat (IKM)", "nilai (25–100)", "Survei IKM",
         sasaran=SASARAN_PELAYANAN, sumber="Survei Kepuasan Masyarakat (PermenPANRB 14/2017)",
         definisi="Nilai kepuasan penerima layanan kecamatan atas sembilan unsur pelayanan.",
         formulasi="Rata-rata NRR per unsur × bobot × 25"),
    _ind("IKU-02", KELOMPOK_IKU, "Nilai Kinerja Kecamatan", "nilai", "Nilai Diketik",
         sasaran=SASARAN_TATA, sumber="Hasil evaluasi kinerja kecamatan oleh Pemerintah Kabupaten",
         definisi="Nilai hasil evaluasi penyelenggaraan pemerintahan kecamatan oleh kabupaten.",
         formulasi="Nilai diterbitkan tim evaluasi kabupaten"),
    _ind("IK-01", KELOMPOK_KINERJA, "Predikat Akuntabilitas Kinerja", "predikat", "Predikat AKIP",
         sasaran=SASARAN_TATA, sumber="LHE SAKIP Inspektorat Daerah",
         formulasi="Predikat menurut nilai LHE (PermenPANRB 88/2021)", pj="Sekretaris Camat"),
    _ind("IK-02", KELOMPOK_KINERJA, "Nilai Evaluasi AKIP", "nilai", "Nilai AKIP", sasaran=SASARAN_TATA,
         sumber="LHE SAKIP Inspektorat Daerah", formulasi="Jumlah nilai empat komponen", pj="Sekretaris Camat"),
    _ind("IK-03", KELOMPOK_KINERJA, "Persentase Pelayanan yang Selesai Tepat Waktu", "%", "Tepat Waktu",
         tabel="tblLayanan", pembilang="Jenis Layanan", sasaran=SASARAN_PELAYANAN, sumber="Register pelayanan",
         formulasi="Permohonan selesai dalam standar waktu ÷ permohonan masuk × 100", pj="Kasi Pelayanan"),
    _ind("KW-01", KELOMPOK_WILAYAH, "Jumlah Pelanggaran Peraturan Daerah", "kasus", "Nilai Diketik",
         arah="Turun", sasaran=SASARAN_WILAYAH, sumber="Rekap Satpol PP kecamatan",
         definisi="Pelanggaran Perda yang tercatat di wilayah kecamatan dalam satu tahun; makin kecil makin baik.",
         formulasi="Jumlah kasus tercatat", pj="Kasi Trantib"),
    _ind("KW-02", KELOMPOK_WILAYAH, "Persentase Pelanggaran Perda yang Ditindak", "%", "Hitung Baris",
         tabel="tblPerda", pembilang="Status = Ditindak", sasaran=SASARAN_WILAYAH,
         sumber="Register pelanggaran Perda", formulasi="Pelanggaran ditindak ÷ pelanggaran tercatat × 100",
         pj="Kasi Trantib"),
    _ind("KW-03", KELOMPOK_WILAYAH, "Persentase Desa dengan Nilai Indeks Desa Naik", "%", "Hitung Baris",
         tabel="tblNilaiDesa", pembilang="[Nilai 2026] > [Nilai 2025]", sasaran=SASARAN_WILAYAH,
         sumber="Indeks Desa Kemendesa PDTT", formulasi="Desa yang nilainya naik ÷ jumlah desa × 100",
         pj="Kasi PMD"),
    _ind("KW-04", KELOMPOK_WILAYAH, "Persentase Kegiatan Pembinaan Desa Terlaksana", "%", "Jumlah Kolom",
         tabel="tblKegiatan", saring="Kelompok = Pembinaan Desa", pembilang="Realisasi", penyebut="Target",
         sasaran=SASARAN_WILAYAH, sumber="Register kegiatan", formulasi="Realisasi ÷ target kegiatan × 100",
         pj="Kasi PMD"),
]

TARGET = {
    "IKU-01": (82, 83, 84, 85, 86), "IKU-02": (80, 81, 82, 83, 84), "IK-01": ("BB", "BB", "A", "A", "A"),
    "IK-02": (72, 74, 76, 78, 80), "IK-03": (92, 93, 94, 95, 96), "KW-01": (15, 14, 13, 12, 11),
    "KW-02": (85, 87, 89, 91, 93), "KW-03": (60, 62, 64, 66, 68), "KW-04": (90, 91, 92, 93, 94),
}
DESA = ("Sungai Linau", "Tanjung Datuk", "Muara Dua", "Lubuk Muda", "Sepotong", "Sadar Jaya", "Sungai Siput",
        "Buantan Besar", "Langkat", "Bandar Jaya", "Tanjung Belit", "Koto Raja", "Sumber Jaya", "Lubuk Gaung",
        "Sungai Nibung", "Benteng", "Beringin", "Sungai Kubu")


def katalog():
    """The sample's catalogue as a Katalog (its output sheets in the template)."""
    from ..katalog.model import Indikator, Katalog

    return Katalog(tuple(Indikator(
        kode=r["Kode"], nama=r["Indikator"], satuan=r["Satuan"], penanggung_jawab=r["Penanggung Jawab"],
        definisi=r["Definisi Operasional"], formulasi=r["Formulasi Perhitungan"], kelompok=r["Kelompok"],
        cara=r["Cara Hitung"], tabel=r["Tabel"], saring=r["Saring"], pembilang=r["Pembilang"],
        penyebut=r["Penyebut"], arah=r["Arah"] or "Naik", sasaran=r["Sasaran"], sumber_data=r["Sumber Data"])
        for r in KATALOG), bawaan=False)


def data_contoh_baru(seed: int = TAHUN) -> tuple[dict, dict, dict]:
    """(pengaturan, tabel, tabel_kantor) of the new-period sample."""
    pengaturan, tabel = data_contoh(TAHUN, seed)
    rng = random.Random(seed + 1)
    pengaturan.update({"NamaKecamatan": "Siak Kecil", "TempatPenandatanganan": "Lubuk Muda",
                       "NamaCamat": "NAMA CAMAT (CONTOH)", "NIPCamat": "19800101 200501 1 001",
                       "DasarPenetapanIKU": "Keputusan Bupati Bengkalis tentang Indikator Kinerja Utama Perangkat "
                                            "Daerah Tahun 2025–2029 (contoh)"})
    tabel["tblIndikator"] = [dict(r) for r in KATALOG]
    tabel["tblTarget"] = [{"Kode": r["Kode"], "Indikator": r["Indikator"], "Satuan": r["Satuan"],
                           **{str(th): v for th, v in zip(TAHUN_TARGET, TARGET[r["Kode"]])}} for r in KATALOG]
    tabel["tblRiwayat"] = [{"Kode": "IKU-02", "Tahun": TAHUN, "Realisasi": 81.25},
                           {"Kode": "KW-01", "Tahun": TAHUN, "Realisasi": 13}]
    tabel["tblTargetTriwulan"] = []
    tabel["tblRekapManual"] = []
    tabel["tblAnalisis"] = [{"Kode": r["Kode"]} for r in KATALOG]
    kegiatan = [r for r in tabel["tblKegiatan"] if r["Kelompok"] != "Monev APBDes"]
    nama = ("Bimbingan teknis perangkat desa", "Evaluasi RKPDes", "Pembinaan BUMDes", "Fasilitasi musyawarah desa")
    for i, n in enumerate(nama):
        target = rng.randint(2, 6)
        kegiatan.append({"No": len(kegiatan) + 1, "Kelompok": "Pembinaan Desa", "Kegiatan": n, "Target": target,
                         "Realisasi": target - (1 if i == 2 else 0)})
    tabel["tblKegiatan"] = [dict(r, No=i) for i, r in enumerate(kegiatan, start=1)]
    perda = []
    for i in range(24):
        tgl = date(TAHUN, 1 + i // 2, 3 + (i * 7) % 24)
        perda.append({"Tanggal": tgl, "Perda": rng.choice(("Ketertiban Umum", "Bangunan", "Retribusi")),
                      "Desa": rng.choice(DESA), "Status": "Ditindak" if i % 6 else "Dalam Proses"})
    nilai = []
    for d in DESA:
        lama = round(rng.uniform(0.55, 0.80), 4)
        nilai.append({"Nama Desa": d, "Nilai 2025": lama, "Nilai 2026": round(lama + rng.uniform(-0.03, 0.06), 4)})
    kantor = {"tblPerda": ("Perda", ("Tanggal", "Perda", "Desa", "Status"), perda),
              "tblNilaiDesa": ("Nilai Desa", ("Nama Desa", "Nilai 2025", "Nilai 2026"), nilai)}
    return pengaturan, tabel, kantor
