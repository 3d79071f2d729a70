"""Typed input models.  Each row keeps its sheet and cell addresses.

Raw cells are cleaned in `validasi.sel` (which owns the Indonesian messages)
and checked per table in `validasi.tabel`; what reaches these rows is already
well-typed, so they are plain slotted dataclasses.  The few conversions and
bounds the rules rely on (a float field given an int, Likert 1–4, counts ≥ 0)
are kept as checks at construction: a failing one is a bug upstream, never
user input, and it stops the run instead of giving a number.

Not pydantic: every click on Hitung starts a fresh Python, and building the
schemas at import took ~120 ms of CPU — a third of a small workbook's run —
while validating 100.000 rows one by one took longer than computing them.
Not frozen either: frozen dataclasses set every field through
object.__setattr__, three times slower to build; nothing changes a row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

_ROW = {"slots": True}
_LIKERT = frozenset((1, 2, 3, 4))
_JENIS_KELAMIN = (None, "L", "P")


def _tak_negatif(nilai, nama: str, bulat: bool = False):
    """float ≥ 0 (an int becomes a float, as the rules expect); with `bulat` an int ≥ 0."""
    if type(nilai) is bool or not isinstance(nilai, (int, float)) or (bulat and not isinstance(nilai, int)):
        raise TypeError(f"{nama}: {'bilangan bulat' if bulat else 'angka'} diharapkan, bukan {type(nilai).__name__}")
    if not nilai >= 0:
        raise ValueError(f"{nama} tidak boleh negatif")
    return nilai if bulat else float(nilai)


@dataclass(**_ROW)
class Baris:
    lembar: str
    baris: int
    # header → 1-based column; shared by every row of a table, so not copied.
    kolom: dict[str, int] = field(repr=False)

    def alamat(self, header: str) -> str:
        from .io.raw import address

        return address(self.baris, self.kolom[header])


@dataclass(**_ROW)
class BarisSKM(Baris):
    tanggal: date
    jawaban: tuple[int | None, ...]  # U1..U9, each 1–4 or blank
    jenis_layanan: str | None = None
    jenis_kelamin: str | None = None  # "L", "P" or blank
    usia: int | None = None
    pendidikan: str | None = None
    pekerjaan: str | None = None
    saran: str | None = None

    def __post_init__(self) -> None:
        j = self.jawaban
        if len(j) != 9 or not all(x is None or x in _LIKERT for x in j) or self.jenis_kelamin not in _JENIS_KELAMIN:
            raise ValueError(f"baris SKM {self.baris}: jawaban atau jenis kelamin di luar pilihan")


@dataclass(**_ROW)
class BarisAKIP(Baris):
    tahun: int
    komponen: dict[str, float]  # kode IK-03..IK-06 → nilai ≥ 0
    predikat_lhe: str | None = None

    def __post_init__(self) -> None:
        self.komponen = {k: _tak_negatif(v, k) for k, v in self.komponen.items()}


@dataclass(**_ROW)
class BarisSOP(Baris):
    nama_layanan: str
    jumlah: int
    sesuai: int

    def __post_init__(self) -> None:
        _tak_negatif(self.jumlah, "jumlah", bulat=True)
        _tak_negatif(self.sesuai, "sesuai", bulat=True)


@dataclass(**_ROW)
class BarisKamtibmas(Baris):
    tanggal: date
    jenis: str
    status: str


@dataclass(**_ROW)
class BarisSarpras(Baris):
    kebutuhan: int
    tersedia: int
    kondisi_baik: int
    dipelihara: int

    def __post_init__(self) -> None:
        for nama in ("kebutuhan", "tersedia", "kondisi_baik", "dipelihara"):
            _tak_negatif(getattr(self, nama), nama, bulat=True)


@dataclass(**_ROW)
class BarisDesa(Baris):
    nama: str
    status: str  # given, or derived from nilai_idm
    nilai_idm: float | None = None

    def __post_init__(self) -> None:
        if type(self.nilai_idm) is int:
            self.nilai_idm = float(self.nilai_idm)


@dataclass(**_ROW)
class BarisRegister(Baris):
    """tblLayanan and tblPengaduan: a dated request and when it was settled."""

    masuk: date
    selesai: date | None = None
    jenis_layanan: str | None = None


@dataclass(**_ROW)
class BarisYaTidak(Baris):
    """tblASN (Kompeten), tblBencana (Ditindaklanjuti), tblUsulan (Diverifikasi)."""

    ya: bool


@dataclass(**_ROW)
class BarisKegiatan(Baris):
    kelompok: str
    target: float
    realisasi: float

    def __post_init__(self) -> None:
        self.target = _tak_negatif(self.target, "target")
        self.realisasi = _tak_negatif(self.realisasi, "realisasi")


@dataclass(**_ROW)
class BarisRekap(Baris):
    kode: str
    pembilang: float
    penyebut: float

    def __post_init__(self) -> None:
        self.pembilang = _tak_negatif(self.pembilang, "pembilang")
        self.penyebut = _tak_negatif(self.penyebut, "penyebut")


@dataclass(frozen=True)
class Pengaturan:
    nama_kecamatan: str | None = None
    nama_kabupaten: str | None = None
    tahun: int | None = None
    metode_bobot: str | None = None
    populasi: int | None = None  # ≥ 1
    batas_pengaduan: int | None = None  # ≥ 0
    tempat: str | None = None
    tanggal_ttd: date | str | None = None  # text when typed as text (printed as is)
    nama_camat: str | None = None
    nip_camat: str | None = None
    pangkat_camat: str | None = None
    periode: str | None = None

    def __post_init__(self) -> None:
        if self.populasi is not None and _tak_negatif(self.populasi, "populasi", bulat=True) < 1:
            raise ValueError("populasi harus ≥ 1")
        if self.batas_pengaduan is not None:
            _tak_negatif(self.batas_pengaduan, "batas_pengaduan", bulat=True)
