"""The workbook contract (KONTRAK §2) as data.

Every name a user or another program sees — sheets, tables, headers, defined
names, closed lists — lives here and nowhere else.  The template builder, the
readers and the validation all take their names from this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Jenis(str, Enum):
    """What kind of value a column holds; drives reading and validation."""

    TEKS = "teks"
    BULAT = "bulat"  # whole number
    ANGKA = "angka"  # any number
    TANGGAL = "tanggal"
    PILIHAN = "pilihan"  # one of a closed list
    LIKERT = "likert"  # whole number 1..4 or blank
    NIP = "nip"


@dataclass(frozen=True)
class Kolom:
    header: str
    jenis: Jenis = Jenis.TEKS
    pilihan: tuple[str, ...] = ()
    wajib: bool = False
    lebar: float = 14


@dataclass(frozen=True)
class Tabel:
    nama: str
    lembar: str
    kolom: tuple[Kolom, ...]
    # Dated registers count only rows whose date falls in TahunLaporan.
    kolom_tanggal: str | None = None
    # Rows that name the indicator they feed: a galat in such a row blocks
    # that indicator only, not the table's readers.
    kolom_kode: str | None = None
    keterangan: str = ""

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(k.header for k in self.kolom)

    def kolom_by_header(self, header: str) -> Kolom:
        for k in self.kolom:
            if k.header == header:
                return k
        raise KeyError(header)


YA_TIDAK = ("Ya", "Tidak")
JENIS_KELAMIN = ("L", "P")
JENIS_KAMTIBMAS = ("Penyakit Masyarakat", "Pedagang Kaki Lima", "Lainnya")
STATUS_KAMTIBMAS = ("Tuntas", "Dalam Proses", "Belum Ditindaklanjuti")
STATUS_IDM = ("Sangat Tertinggal", "Tertinggal", "Berkembang", "Maju", "Mandiri")
KELOMPOK_KEGIATAN = ("Monev APBDes", "Pemberdayaan Masyarakat", "Pemerintahan Umum")
PREDIKAT = ("AA", "A", "BB", "B", "CC", "C", "D")
METODE_BOBOT = ("1/9", "0,111", "0,11")
# IK-10's scheme: IDM (Permendesa PDTT 2/2016) or Indeks Desa (Permendesa PDTT 9/2024).
SKEMA_IDM = "IDM"
SKEMA_INDEKS_DESA = "Indeks Desa"
SKEMA_DESA = (SKEMA_IDM, SKEMA_INDEKS_DESA)
# A blank SkemaIndeksDesa means IDM up to this TahunLaporan, Indeks Desa after it.
TAHUN_TERAKHIR_IDM = 2024
TAHUN_IKU = (2021, 2022, 2023, 2024, 2025, 2026)  # the template's tblTarget years
# tblIndikator's closed lists (KONTRAK §5).
ARAH = ("Naik", "Turun")
CARA_HITUNG = ("Survei IKM", "Predikat AKIP", "Nilai AKIP", "Status Desa", "Hitung Baris", "Jumlah Kolom",
               "Rata-rata Rasio", "Tepat Waktu", "Nilai Diketik", "Rekap Manual")
UNSUR = tuple(f"U{i}" for i in range(1, 10))

_likert = tuple(Kolom(u, Jenis.LIKERT, lebar=5) for u in UNSUR)

TABEL: dict[str, Tabel] = {
    t.nama: t
    for t in (
        Tabel(
            "tblSKM",
            "SKM",
            (
                Kolom("No", Jenis.BULAT, lebar=6),
                Kolom("Tanggal", Jenis.TANGGAL, wajib=True, lebar=12),
                Kolom("Jenis Layanan", lebar=26),
                Kolom("Jenis Kelamin", Jenis.PILIHAN, JENIS_KELAMIN, lebar=8),
                Kolom("Usia", Jenis.BULAT, lebar=7),
                Kolom("Pendidikan", lebar=12),
                Kolom("Pekerjaan", lebar=14),
                *_likert,
                Kolom("Saran", lebar=40),
            ),
            kolom_tanggal="Tanggal",
            keterangan="Jawaban Survei Kepuasan Masyarakat, satu baris per responden (skala 1–4).",
        ),
        Tabel(
            "tblAKIP",
            "AKIP",
            (
                Kolom("Tahun", Jenis.BULAT, wajib=True, lebar=8),
                Kolom("Perencanaan Kinerja", Jenis.ANGKA, wajib=True, lebar=14),
                Kolom("Pengukuran Kinerja", Jenis.ANGKA, wajib=True, lebar=14),
                Kolom("Pelaporan Kinerja", Jenis.ANGKA, wajib=True, lebar=14),
                Kolom("Evaluasi Internal", Jenis.ANGKA, wajib=True, lebar=14),
                Kolom("Predikat LHE", Jenis.PILIHAN, PREDIKAT, lebar=10),
            ),
            keterangan="Nilai komponen LHE SAKIP dari Inspektorat (PermenPANRB 88/2021), satu baris per tahun.",
        ),
        Tabel(
            "tblSOP",
            "SOP",
            (
                Kolom("No", Jenis.BULAT, lebar=6),
                Kolom("Nama Layanan", wajib=True, lebar=36),
                Kolom("Jumlah Persyaratan", Jenis.BULAT, wajib=True, lebar=12),
                Kolom("Persyaratan Sesuai", Jenis.BULAT, wajib=True, lebar=12),
            ),
            keterangan="Kesesuaian persyaratan setiap layanan publik dengan SOP-nya.",
        ),
        Tabel(
            "tblKamtibmas",
            "Kamtibmas",
            (
                Kolom("No", Jenis.BULAT, lebar=6),
                Kolom("Tanggal", Jenis.TANGGAL, wajib=True, lebar=12),
                Kolom("Jenis", Jenis.PILIHAN, JENIS_KAMTIBMAS, wajib=True, lebar=20),
                Kolom("Desa", lebar=20),
                Kolom("Uraian", lebar=40),
                Kolom("Status", Jenis.PILIHAN, STATUS_KAMTIBMAS, wajib=True, lebar=20),
            ),
            kolom_tanggal="Tanggal",
            keterangan="Gangguan ketenteraman dan ketertiban umum yang ditangani kecamatan.",
        ),
        Tabel(
            "tblSarpras",
            "Sarpras",
            (
                Kolom("No", Jenis.BULAT, lebar=6),
                Kolom("Nama Sarpras", wajib=True, lebar=30),
                Kolom("Kebutuhan", Jenis.BULAT, wajib=True, lebar=11),
                Kolom("Tersedia", Jenis.BULAT, wajib=True, lebar=11),
                Kolom("Kondisi Baik", Jenis.BULAT, wajib=True, lebar=11),
                Kolom("Dipelihara", Jenis.BULAT, wajib=True, lebar=11),
            ),
            keterangan="Sarana dan prasarana ruang pelayanan (PATEN).",
        ),
        Tabel(
            "tblDesa",
            "Desa",
            (
                Kolom("No", Jenis.BULAT, lebar=6),
                Kolom("Nama Desa", wajib=True, lebar=26),
                Kolom("Nilai IDM", Jenis.ANGKA, lebar=11),
                Kolom("Status IDM", Jenis.PILIHAN, STATUS_IDM, lebar=18),
            ),
            keterangan="Status setiap desa: Indeks Desa Membangun (Permendesa PDTT 2/2016) atau Indeks Desa "
                       "(Permendesa PDTT 9/2024), menurut pengaturan Skema indeks desa.",
        ),
        Tabel(
            "tblLayanan",
            "Layanan",
            (
                Kolom("No Register", wajib=True, lebar=18),
                Kolom("Tanggal Masuk", Jenis.TANGGAL, wajib=True, lebar=13),
                Kolom("Jenis Layanan", wajib=True, lebar=30),
                Kolom("Tanggal Selesai", Jenis.TANGGAL, lebar=13),
            ),
            kolom_tanggal="Tanggal Masuk",
            keterangan="Register permohonan pelayanan publik.",
        ),
        Tabel(
            "tblPengaduan",
            "Pengaduan",
            (
                Kolom("No", Jenis.BULAT, lebar=6),
                Kolom("Tanggal Masuk", Jenis.TANGGAL, wajib=True, lebar=13),
                Kolom("Saluran", lebar=16),
                Kolom("Uraian", lebar=40),
                Kolom("Tanggal Selesai", Jenis.TANGGAL, lebar=13),
            ),
            kolom_tanggal="Tanggal Masuk",
            keterangan="Register pengaduan pelayanan publik.",
        ),
        Tabel(
            "tblASN",
            "ASN",
            (
                Kolom("No", Jenis.BULAT, lebar=6),
                Kolom("NIP", Jenis.NIP, lebar=22),
                Kolom("Nama", lebar=30),
                Kolom("Jabatan", lebar=30),
                Kolom("Kompeten", Jenis.PILIHAN, YA_TIDAK, wajib=True, lebar=11),
            ),
            keterangan="Aparatur kecamatan dan hasil penilaian kompetensinya.",
        ),
        Tabel(
            "tblBencana",
            "Bencana",
            (
                Kolom("No", Jenis.BULAT, lebar=6),
                Kolom("Tanggal", Jenis.TANGGAL, wajib=True, lebar=12),
                Kolom("Jenis", lebar=22),
                Kolom("Desa", lebar=20),
                Kolom("Uraian", lebar=40),
                Kolom("Ditindaklanjuti", Jenis.PILIHAN, YA_TIDAK, wajib=True, lebar=14),
            ),
            kolom_tanggal="Tanggal",
            keterangan="Kejadian bencana di wilayah kecamatan dan dukungan yang diberikan.",
        ),
        Tabel(
            "tblKegiatan",
            "Kegiatan",
            (
                Kolom("No", Jenis.BULAT, lebar=6),
                Kolom("Kelompok", Jenis.PILIHAN, KELOMPOK_KEGIATAN, wajib=True, lebar=24),
                Kolom("Kegiatan", lebar=40),
                Kolom("Target", Jenis.ANGKA, wajib=True, lebar=10),
                Kolom("Realisasi", Jenis.ANGKA, wajib=True, lebar=10),
            ),
            keterangan="Kegiatan fasilitasi: monev APBDes, pemberdayaan masyarakat, pemerintahan umum.",
        ),
        Tabel(
            "tblUsulan",
            "Musrenbang",
            (
                Kolom("No", Jenis.BULAT, lebar=6),
                Kolom("Desa", lebar=20),
                Kolom("Usulan", lebar=44),
                Kolom("Diverifikasi", Jenis.PILIHAN, YA_TIDAK, wajib=True, lebar=12),
            ),
            keterangan="Usulan prioritas pembangunan desa di SIPD RI dan hasil verifikasinya.",
        ),
        Tabel(
            "tblRekapManual",
            "Rekap Manual",
            (
                Kolom("Kode", wajib=True, lebar=10),
                Kolom("Pembilang", Jenis.ANGKA, wajib=True, lebar=12),
                Kolom("Penyebut", Jenis.ANGKA, wajib=True, lebar=12),
                Kolom("Sumber Data", lebar=40),
            ),
            kolom_kode="Kode",
            keterangan="Angka rekap untuk indikator persentase yang registernya tidak diisi tahun ini.",
        ),
        Tabel(
            "tblTarget",
            "Target",
            (
                Kolom("Kode", wajib=True, lebar=9),
                Kolom("Indikator", lebar=44),
                Kolom("Satuan", lebar=12),
                *(Kolom(str(t), Jenis.TEKS, lebar=8) for t in TAHUN_IKU),
            ),
            kolom_kode="Kode",
            keterangan="Target setiap indikator per tahun (target Predikat AKIP boleh berupa predikat, mis. BB).",
        ),
        Tabel(
            "tblRiwayat",
            "Target",
            (
                Kolom("Kode", wajib=True, lebar=9),
                Kolom("Tahun", Jenis.BULAT, wajib=True, lebar=8),
                Kolom("Realisasi", Jenis.TEKS, lebar=11),
            ),
            keterangan="Realisasi tahun-tahun lain (untuk lembar IKU 2021–2026).",
        ),
        Tabel(
            "tblTargetTriwulan",
            "Target",
            (
                Kolom("Kode", wajib=True, lebar=9),
                Kolom("Tahun", Jenis.BULAT, wajib=True, lebar=8),
                Kolom("Triwulan I", Jenis.TEKS, lebar=10),
                Kolom("Triwulan II", Jenis.TEKS, lebar=10),
                Kolom("Triwulan III", Jenis.TEKS, lebar=10),
                Kolom("Triwulan IV", Jenis.TEKS, lebar=10),
            ),
            kolom_kode="Kode",
            keterangan="Target per triwulan (kumulatif sejak Januari), bila berbeda dari target tahunan.",
        ),
        Tabel(
            "tblRTL",
            "Rencana Tindak Lanjut",
            (
                Kolom("Unsur", Jenis.PILIHAN, UNSUR, wajib=True, lebar=8),
                Kolom("Program/Kegiatan", wajib=True, lebar=50),
                Kolom("Waktu", lebar=18),
                Kolom("Penanggung Jawab", lebar=26),
            ),
            keterangan="Rencana tindak lanjut hasil SKM untuk unsur bernilai terendah (dicetak di Hasil SKM).",
        ),
        Tabel(
            "tblAnalisis",
            "Analisis",
            (
                # No dropdown of codes: the row order is the office's, and an unknown
                # code is a peringatan at its cell (the LKjIP chapter ignores it).
                Kolom("Kode", wajib=True, lebar=9),
                Kolom("Faktor Pendukung", lebar=40),
                Kolom("Faktor Penghambat", lebar=40),
                Kolom("Upaya", lebar=40),
                Kolom("Pagu Anggaran", Jenis.ANGKA, lebar=16),
                Kolom("Realisasi Anggaran", Jenis.ANGKA, lebar=16),
            ),
            keterangan="Analisis capaian per indikator untuk Bab III LKjIP: faktor pendukung, penghambat, upaya, "
                       "dan anggaran (Rp). Baris kosong diisi kalimat yang perlu disunting.",
        ),
        Tabel(
            "tblIndikator",
            "Indikator",
            (
                Kolom("Kode", wajib=True, lebar=9),
                Kolom("Kelompok", wajib=True, lebar=18),
                Kolom("Indikator", wajib=True, lebar=36),
                Kolom("Definisi Operasional", lebar=40),
                Kolom("Formulasi Perhitungan", lebar=40),
                Kolom("Penanggung Jawab", lebar=14),
                Kolom("Satuan", lebar=10),
                Kolom("Arah", Jenis.PILIHAN, ARAH, lebar=8),
                Kolom("Cara Hitung", Jenis.PILIHAN, CARA_HITUNG, wajib=True, lebar=16),
                Kolom("Tabel", lebar=14),
                Kolom("Saring", lebar=28),
                Kolom("Pembilang", lebar=28),
                Kolom("Penyebut", lebar=24),
                Kolom("Sasaran", lebar=30),
                Kolom("Sumber Data", lebar=24),
            ),
            keterangan="Katalog indikator kantor ini (KONTRAK §5): satu baris per indikator, cara hitung dan tabelnya.",
        ),
        Tabel(
            "tblJenisLayanan",
            "Referensi",
            (
                Kolom("Jenis Layanan", wajib=True, lebar=34),
                Kolom("Standar Waktu (Hari Kerja)", Jenis.BULAT, wajib=True, lebar=14),
            ),
        ),
        Tabel(
            "tblHariLibur",
            "Referensi",
            (
                Kolom("Tanggal", Jenis.TANGGAL, wajib=True, lebar=12),
                Kolom("Keterangan", lebar=34),
            ),
        ),
    )
}

# Tables a workbook must have for `hitung` to run at all (KONTRAK §4 exit 2).
# Tables added after KONTRAK §2 (issue 6): workbooks without them still run.
TABEL_TAMBAHAN = ("tblTargetTriwulan", "tblRTL", "tblAnalisis", "tblIndikator")
TABEL_WAJIB: tuple[str, ...] = tuple(n for n in TABEL if n not in TABEL_TAMBAHAN)

DATED_TABLES = tuple(n for n, t in TABEL.items() if t.kolom_tanggal)


def kolom_tahun(headers) -> tuple[str, ...]:
    """tblTarget's year columns as typed: four-digit headers (KONTRAK §2)."""
    return tuple(h for h in headers if isinstance(h, str) and h.strip().isdigit() and len(h.strip()) == 4)


def kepala_wajib(nama: str, ada) -> tuple[str, ...]:
    """The headers a table must have: KONTRAK §2's, with tblTarget's years as the office typed them."""
    spec = TABEL[nama]
    if nama == "tblTarget":
        tahun = kolom_tahun(ada)
        return spec.headers[:3] + (tahun or spec.headers[3:])
    return spec.headers


# Krejcie–Morgan's minimum for a large population (N = 1.000.000 → 384, §3): the yardstick
# of a survey whose population is not known (a test checks it against rules.ikm).
SAMPEL_POPULASI_BESAR = 384
# Registers with neither date nor year: what they hold is the state on the day of hitung, and a
# workbook copied from last year still holds last year's (issue 21).
TABEL_TANPA_TANGGAL = ("tblSOP", "tblSarpras", "tblASN", "tblKegiatan", "tblUsulan")

# Target and realisasi cells (KONTRAK §3 "Cells"): a number formatted as a
# percentage counts as the percentage it shows (0,93 shown 93% is 93).
KOLOM_PERSEN_TAMPIL: dict[str, tuple[str, ...]] = {
    # Any year column an office types (KONTRAK §2: e.g. 2025 … 2030).
    "tblTarget": tuple(str(t) for t in range(2000, 2101)),
    "tblTargetTriwulan": ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"),
    "tblRiwayat": ("Realisasi",),
    "tblKegiatan": ("Target", "Realisasi"),
}


@dataclass(frozen=True)
class Pengaturan:
    nama: str
    label: str
    jenis: Jenis = Jenis.TEKS
    wajib: bool = False
    pilihan: tuple[str, ...] = ()
    bawaan: object = None  # value in a fresh template


PENGATURAN: tuple[Pengaturan, ...] = (
    Pengaturan("NamaKecamatan", "Nama Kecamatan", wajib=True),
    Pengaturan("NamaKabupaten", "Nama Kabupaten", wajib=True),
    Pengaturan("TahunLaporan", "Tahun Laporan", Jenis.BULAT, wajib=True),
    Pengaturan("NamaCamat", "Nama Camat"),
    Pengaturan("NIPCamat", "NIP Camat", Jenis.NIP),
    Pengaturan("PangkatCamat", "Pangkat / Golongan Camat"),
    Pengaturan("TempatPenandatanganan", "Tempat Penandatanganan"),
    Pengaturan("TanggalPenandatanganan", "Tanggal Penandatanganan", Jenis.TANGGAL),
    Pengaturan("MetodeBobotIKM", "Bobot per unsur IKM", Jenis.PILIHAN, True, METODE_BOBOT, bawaan="1/9"),
    Pengaturan("PopulasiPenerimaLayanan", "Populasi penerima layanan (untuk sampel minimum)", Jenis.BULAT),
    Pengaturan("BatasWaktuPengaduan", "Batas waktu penyelesaian pengaduan (hari kerja)", Jenis.BULAT, True, bawaan=14),
    # Not in KONTRAK §2's list (issue 6): optional, a workbook without it is yearly.
    Pengaturan("Periode", "Periode laporan", Jenis.PILIHAN, False,
               ("Tahunan", "Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"), bawaan="Tahunan"),
    # Optional; blank = IDM up to TahunLaporan 2024, Indeks Desa from 2025 (KONTRAK §2).
    Pengaturan("SkemaIndeksDesa", "Skema indeks desa (Status Desa)", Jenis.PILIHAN, False, SKEMA_DESA),
    # Optional (KONTRAK §2): printed under the IKU table; blank = no line. The seed's decree as default.
    Pengaturan("DasarPenetapanIKU", "Dasar penetapan IKU", bawaan=(
        "Keputusan Bupati Bengkalis Nomor 177/KPTS/I/2022 tentang Penetapan Indikator Kinerja Utama Perangkat "
        "Daerah di Lingkungan Pemerintah Kabupaten Bengkalis")),
)

LEMBAR_PENGATURAN = "Pengaturan"
LEMBAR_BERANDA = "Beranda"
LEMBAR_REFERENSI = "Referensi"

# Output sheets: owned by xl-iku, rewritten on every run, never typed into.
LEMBAR_IKU = "IKU"
LEMBAR_IK = "Indikator Kinerja"
LEMBAR_IKP = "Indikator Pendukung"
LEMBAR_SKM = "Hasil SKM"
LEMBAR_VALIDASI = "Validasi"
LEMBAR_KELUARAN = (LEMBAR_IKU, LEMBAR_IK, LEMBAR_IKP, LEMBAR_SKM, LEMBAR_VALIDASI)

# Cell on Beranda holding the status line of the last run.
SEL_STATUS = "B12"

HEADER_KELUARAN = (
    "No",
    "Indikator Kinerja",
    "Definisi Operasional",
    "Formulasi Perhitungan",
    "Penanggung Jawab",
    "Target",
    "Realisasi",
    "Capaian (%)",
    "Kategori",
    "Keterangan",
)
HEADER_VALIDASI = ("Tingkat", "Lembar", "Sel", "Pesan")
