"""Thresholds, weights and labels of the regulations, as data.

These are the defaults written into the template's `Referensi` sheet.  At run
time the rules take their values from that sheet (read by `validasi.referensi`), so an
office can follow a changed regulation without a new release; these defaults
are used only when a Referensi table is absent.  Decimal bounds are strings so
comparisons are exact (0,8155 is Maju, 0,8156 Mandiri).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# PermenPANRB 14/2017: nine unsur in the regulation's scope order.  Many
# offices' forms ask sarana (Q8) before pengaduan (Q9); the labels are data so
# such an office can relabel U8/U9 without touching code.
UNSUR_LABEL: dict[str, str] = {
    "U1": "Persyaratan",
    "U2": "Sistem, Mekanisme, dan Prosedur",
    "U3": "Waktu Penyelesaian",
    "U4": "Biaya/Tarif",
    "U5": "Produk Spesifikasi Jenis Pelayanan",
    "U6": "Kompetensi Pelaksana",
    "U7": "Perilaku Pelaksana",
    "U8": "Penanganan Pengaduan, Saran dan Masukan",
    "U9": "Sarana dan Prasarana",
}


@dataclass(frozen=True)
class Mutu:
    mutu: str
    batas_bawah: Decimal  # inclusive, on the IKM rounded to 2 decimals
    batas_atas: Decimal
    kinerja: str


# IKM intervals (konversi IKM), checked on IKM rounded half-up to 2 decimals.
MUTU_IKM: tuple[Mutu, ...] = (
    Mutu("A", Decimal("88.31"), Decimal("100.00"), "Sangat Baik"),
    Mutu("B", Decimal("76.61"), Decimal("88.30"), "Baik"),
    Mutu("C", Decimal("65.00"), Decimal("76.60"), "Kurang Baik"),
    Mutu("D", Decimal("25.00"), Decimal("64.99"), "Tidak Baik"),
)

# Weight per unsur as MetodeBobotIKM names it.
BOBOT_IKM: dict[str, str] = {"1/9": "1/9", "0,111": "111/1000", "0,11": "11/100"}

# PermenPANRB 88/2021 components (tblAKIP's headers, in their order) and their maxima
# (bobot).  Which indicator reports a component is the catalogue's business (a
# `Nilai AKIP` row names it in Pembilang), never this table's.
BOBOT_AKIP: dict[str, Decimal] = {
    "Perencanaan Kinerja": Decimal("30"),
    "Pengukuran Kinerja": Decimal("30"),
    "Pelaporan Kinerja": Decimal("15"),
    "Evaluasi Internal": Decimal("25"),
}


@dataclass(frozen=True)
class Predikat:
    predikat: str
    batas_bawah: Decimal  # exclusive: the regulation says "> 70"
    keterangan: str


PREDIKAT_AKIP: tuple[Predikat, ...] = (
    Predikat("AA", Decimal("90"), "Sangat Memuaskan"),
    Predikat("A", Decimal("80"), "Memuaskan"),
    Predikat("BB", Decimal("70"), "Sangat Baik"),
    Predikat("B", Decimal("60"), "Baik"),
    Predikat("CC", Decimal("50"), "Cukup (Memadai)"),
    Predikat("C", Decimal("30"), "Kurang"),
    Predikat("D", Decimal("0"), "Sangat Kurang"),
)

# Permendesa PDTT 2/2016: upper bound (inclusive) of each status.
STATUS_IDM: tuple[tuple[str, Decimal | None], ...] = (
    ("Sangat Tertinggal", Decimal("0.4907")),
    ("Tertinggal", Decimal("0.5989")),
    ("Berkembang", Decimal("0.7072")),
    ("Maju", Decimal("0.8155")),
    ("Mandiri", None),
)

# Permendagri 86/2017 capaian scale: lower bound (inclusive) and label.
KATEGORI_CAPAIAN: tuple[tuple[Decimal, str], ...] = (
    (Decimal("91"), "Sangat Tinggi"),
    (Decimal("76"), "Tinggi"),
    (Decimal("66"), "Sedang"),
    (Decimal("51"), "Rendah"),
    (Decimal("-1E9"), "Sangat Rendah"),
)

# Krejcie–Morgan constants as PermenPANRB 14/2017 tabulates them.
KM_CHI2 = Decimal("3.841")
KM_P = Decimal("0.5")
KM_D = Decimal("0.05")

# A starter list of kecamatan services (PATEN) and their service standard.
JENIS_LAYANAN_AWAL: tuple[tuple[str, int], ...] = (
    ("Rekomendasi Izin Usaha Mikro", 3),
    ("Surat Keterangan Ahli Waris", 5),
    ("Legalisasi Surat Keterangan Tanah", 7),
    ("Rekomendasi Izin Keramaian", 3),
    ("Surat Keterangan Domisili Usaha", 2),
    ("Rekomendasi Pindah Penduduk", 2),
    ("Surat Pengantar Nikah", 1),
    ("Surat Keterangan Tidak Mampu", 1),
    ("Rekomendasi Beasiswa", 2),
    ("Dispensasi Nikah", 3),
    ("Surat Keterangan Catatan Kepolisian (pengantar)", 1),
    ("Rekomendasi Proposal Bantuan", 5),
)


@dataclass
class Referensi:
    """The thresholds a run actually uses (read from the workbook's Referensi)."""

    unsur_label: dict[str, str] = field(default_factory=lambda: dict(UNSUR_LABEL))
    mutu_ikm: tuple[Mutu, ...] = MUTU_IKM
    # Component header of tblAKIP → its bobot (tblBobotAKIP's Komponen and Bobot).
    bobot_akip: dict[str, Decimal] = field(default_factory=lambda: dict(BOBOT_AKIP))
    predikat: tuple[Predikat, ...] = PREDIKAT_AKIP
    status_idm: tuple[tuple[str, Decimal | None], ...] = STATUS_IDM
    # Indeks Desa (Permendesa PDTT 9/2024): no thresholds unless the office fills them.
    status_indeks_desa: tuple[tuple[str, Decimal | None], ...] = ()
    kategori: tuple[tuple[Decimal, str], ...] = KATEGORI_CAPAIAN

    def batas_desa(self, skema: str) -> tuple[tuple[str, Decimal | None], ...]:
        """The status thresholds of a scheme; empty when there are none."""
        return self.status_idm if skema == "IDM" else self.status_indeks_desa


# Extra reference tables on the Referensi sheet: name → headers.
TABEL_REFERENSI: dict[str, tuple[str, ...]] = {
    "tblUnsur": ("Kode", "Unsur"),
    "tblMutuIKM": ("Mutu", "Batas Bawah", "Batas Atas", "Kinerja"),
    "tblBobotAKIP": ("Kode", "Komponen", "Bobot"),
    "tblPredikatAKIP": ("Predikat", "Lebih Dari", "Keterangan"),
    "tblStatusIDM": ("Status", "Batas Atas"),
    # Per scheme (SkemaIndeksDesa): empty in the template, as the Indeks Desa
    # thresholds are not published with the statuses.
    "tblStatusIndeksDesa": ("Status", "Batas Atas"),
    "tblKategoriCapaian": ("Paling Rendah", "Kategori"),
}
