"""Typed input: the rows and settings the rules read, and `Masukan`, the
output of the validation phase (`validasi.periksa`).

Where each constraint lives (one place each):
- what one cell may hold (its kind, a closed list, 1–4 for U1–U9, a whole
  number ≥ 0): the column's `kontrak.Kolom`, applied by `validasi.sel`;
- what a row or a setting must satisfy (Persyaratan Sesuai ≤ Jumlah
  Persyaratan, a component within its bobot, a known Jenis Layanan, …): the
  pydantic models below.  Their errors are `PydanticCustomError`s with the
  Indonesian message and the header of the cell at fault; `validasi.baris`
  turns them into temuan at that cell and drops the row.  A validator that
  only warns appends to the validation context's `peringatan` list;
- what a table must satisfy as a whole (unique No Register, one AKIP row per
  year, one Rekap Manual row per kode): `validasi.tabel`.

Field aliases are the Excel headers (or defined names), so an error's
location names the cell directly.
"""

from __future__ import annotations

from dataclasses import dataclass as plain_dataclass
from dataclasses import field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, ConfigDict, Field, SkipValidation, ValidationInfo, model_validator
from pydantic.dataclasses import dataclass
from pydantic_core import PydanticCustomError

from . import kontrak as K

if TYPE_CHECKING:
    from .hasil import Temuan
    from .periode import Periode
    from .referensi import Referensi

# Rows are pydantic dataclasses with __slots__: validated like models, but
# ~10× smaller than BaseModel instances (100,000-row registers happen).
# Unknown keys (the other columns of the row) are ignored.
_ROW = {"frozen": True, "slots": True, "config": ConfigDict(extra="ignore", populate_by_name=True, defer_build=True)}


def galat(pesan: str, *kolom: str) -> PydanticCustomError:
    """A row error: `pesan` is shown as is, at the cell of the first `kolom`
    (each further kolom gets its own temuan with the same message)."""
    return PydanticCustomError("galat", pesan.replace("{", "(").replace("}", ")"), {"kolom": list(kolom)})


def lewati(pesan: str, *kolom: str) -> PydanticCustomError:
    """Not an error: the row is left out of the count with a peringatan."""
    return PydanticCustomError("lewati", pesan.replace("{", "(").replace("}", ")"), {"kolom": list(kolom)})


def _peringatan(info: ValidationInfo, sel: str, pesan: str, kode: str | None) -> None:
    if info.context is not None:
        info.context.setdefault("peringatan", []).append((sel, pesan, kode))


def _angka_id(v) -> str:
    from .dasar.ooxml import angka_teks

    return angka_teks(float(v), None)


@dataclass(**_ROW)
class Baris:
    lembar: str
    baris: int
    # header → 1-based column; shared by every row of a table, so not copied.
    kolom: SkipValidation[dict[str, int]]

    def alamat(self, header: str) -> str:
        from .dasar.raw import address

        return address(self.baris, self.kolom[header])


def _jenis_dikenal(jl: str | None, info: ValidationInfo) -> None:
    dikenal = (info.context or {}).get("jenis_layanan")
    if jl and dikenal is not None and jl.casefold() not in dikenal:
        raise galat(f"Jenis Layanan '{jl}' tidak ada di tabel Jenis Layanan (lembar Referensi), "
                    "sehingga standar waktunya tidak diketahui.", "Jenis Layanan")


@dataclass(**_ROW)
class BarisSKM(Baris):
    tanggal: Annotated[date, Field(alias="Tanggal")]
    jawaban: tuple[int | None, ...]  # U1..U9, each 1–4 or blank (checked per cell)
    jenis_layanan: Annotated[str | None, Field(alias="Jenis Layanan")] = None
    jenis_kelamin: Annotated[str | None, Field(alias="Jenis Kelamin")] = None
    # Usia and Jenis Layanan are profile fields: checked in validasi.tabel.skm,
    # where a bad one is a galat at its cell that keeps the respondent in the
    # IKM (KONTRAK §3: a galat blocks only what reads the offending cell).
    usia: Annotated[int | None, Field(alias="Usia")] = None
    pendidikan: Annotated[str | None, Field(alias="Pendidikan")] = None
    pekerjaan: Annotated[str | None, Field(alias="Pekerjaan")] = None
    saran: Annotated[str | None, Field(alias="Saran")] = None

    @model_validator(mode="after")
    def _cek(self, info: ValidationInfo):
        if len(self.jawaban) != len(K.UNSUR):
            raise galat(f"Satu responden harus punya {len(K.UNSUR)} kolom jawaban U1–U9.", "Tanggal")
        if self.jawaban.count(None) == len(self.jawaban):
            raise lewati("Semua jawaban U1–U9 kosong; responden ini tidak dihitung.", "U1", "Tanggal")
        return self



# Component field → header; bobot (by header) comes from Referensi via the context.
KOMPONEN_AKIP = {
    "perencanaan": "Perencanaan Kinerja",
    "pengukuran": "Pengukuran Kinerja",
    "pelaporan": "Pelaporan Kinerja",
    "evaluasi": "Evaluasi Internal",
}


@dataclass(**_ROW)
class BarisAKIP(Baris):
    tahun: Annotated[int, Field(alias="Tahun")]
    perencanaan: Annotated[float, Field(alias="Perencanaan Kinerja")]
    pengukuran: Annotated[float, Field(alias="Pengukuran Kinerja")]
    pelaporan: Annotated[float, Field(alias="Pelaporan Kinerja")]
    evaluasi: Annotated[float, Field(alias="Evaluasi Internal")]
    predikat_lhe: Annotated[str | None, Field(alias="Predikat LHE")] = None

    @model_validator(mode="after")
    def _dalam_bobot(self, info: ValidationInfo):
        bobot = (info.context or {}).get("bobot_akip", {})
        salah = []
        for nama, header in KOMPONEN_AKIP.items():
            batas = bobot.get(header)
            v = getattr(self, nama)
            if batas is not None and not Decimal(0) <= Decimal(str(v)) <= batas:
                salah.append((header, batas))
        if salah:
            raise PydanticCustomError("galat", "AKIP", {"kolom": [h for h, _ in salah], "pesan": [
                f"Nilai {h} harus antara 0 dan bobotnya {_angka_id(b)}." for h, b in salah]})
        return self

    @property
    def komponen(self) -> dict[str, float]:
        """component header → nilai."""
        return {header: getattr(self, nama) for nama, header in KOMPONEN_AKIP.items()}


@dataclass(**_ROW)
class BarisSOP(Baris):
    nama_layanan: Annotated[str, Field(alias="Nama Layanan")]
    jumlah: Annotated[int, Field(alias="Jumlah Persyaratan")]
    sesuai: Annotated[int, Field(alias="Persyaratan Sesuai")]

    @model_validator(mode="after")
    def _cek(self):
        if self.sesuai > self.jumlah:
            raise galat("Persyaratan Sesuai tidak boleh lebih besar dari Jumlah Persyaratan.", "Persyaratan Sesuai")
        if self.jumlah == 0:
            raise galat("Jumlah Persyaratan tidak boleh 0.", "Jumlah Persyaratan")
        return self


@dataclass(**_ROW)
class BarisKamtibmas(Baris):
    tanggal: Annotated[date, Field(alias="Tanggal")]
    jenis: Annotated[str, Field(alias="Jenis")]
    status: Annotated[str, Field(alias="Status")]


@dataclass(**_ROW)
class BarisSarpras(Baris):
    kebutuhan: Annotated[int, Field(alias="Kebutuhan")]
    tersedia: Annotated[int, Field(alias="Tersedia")]
    kondisi_baik: Annotated[int, Field(alias="Kondisi Baik")]
    dipelihara: Annotated[int, Field(alias="Dipelihara")]

    @model_validator(mode="after")
    def _cek(self, info: ValidationInfo):
        salah = []
        if self.kondisi_baik > self.tersedia:
            salah.append(("Kondisi Baik", "Kondisi Baik tidak boleh lebih besar dari Tersedia."))
        if self.dipelihara > self.tersedia:
            salah.append(("Dipelihara", "Dipelihara tidak boleh lebih besar dari Tersedia."))
        if self.tersedia > self.kebutuhan:
            _peringatan(info, self.alamat("Tersedia"),
                        "Tersedia melebihi Kebutuhan; periksa kembali angka kebutuhan.",
                        (info.context or {}).get("kode_kebutuhan"))
        if salah:
            raise PydanticCustomError("galat", "Sarpras", {"kolom": [h for h, _ in salah],
                                                          "pesan": [m for _, m in salah]})
        return self


@dataclass(**_ROW)
class BarisDesa(Baris):
    """Status as typed (None: derived by the rule from the score)."""

    nama: Annotated[str, Field(alias="Nama Desa")]
    nilai_idm: Annotated[float | None, Field(alias="Nilai IDM")] = None
    status: Annotated[str | None, Field(alias="Status IDM")] = None

    @model_validator(mode="after")
    def _cek(self, info: ValidationInfo):
        from .rules.idm import status_idm

        ctx = info.context or {}
        skema = ctx.get("skema_desa", K.SKEMA_IDM)
        batas = ctx.get("batas_desa") or ()
        idm = skema == K.SKEMA_IDM
        nilai, status = self.nilai_idm, self.status
        if nilai is not None and idm and not 0 <= nilai <= 1:
            raise galat("Nilai IDM harus antara 0 dan 1 (contoh 0,8156).", "Nilai IDM")
        if nilai is not None and nilai < 0:
            raise galat("Nilai indeks desa tidak boleh negatif.", "Nilai IDM")
        if status is None and not batas:
            raise galat("Isi Status desa ini menurut Indeks Desa (Permendesa PDTT 9/2024) yang diterbitkan "
                        "kementerian; batas status Indeks Desa tidak ada di tabel tblStatusIndeksDesa (lembar "
                        "Referensi), sehingga status tidak dapat diturunkan dari nilainya.", "Status IDM")
        if nilai is None and status is None:
            raise galat(f"Isi Nilai atau Status {skema} desa ini.", "Nilai IDM")
        if nilai is not None and status is not None and batas:
            turunan = status_idm(nilai, batas)
            if status != turunan:
                dasar = "Permendesa PDTT 2/2016" if idm else "batas Indeks Desa di lembar Referensi"
                raise galat(f"Status '{status}' bertentangan dengan Nilai {skema} {_angka_id(nilai)} "
                            f"(menurut {dasar}: {turunan}).", "Status IDM")
        return self


@dataclass(**_ROW)
class BarisRegister(Baris):
    """tblLayanan and tblPengaduan: a dated request and when it was settled."""

    masuk: Annotated[date, Field(alias="Tanggal Masuk")]
    selesai: Annotated[date | None, Field(alias="Tanggal Selesai")] = None
    jenis_layanan: Annotated[str | None, Field(alias="Jenis Layanan")] = None

    @model_validator(mode="after")
    def _cek(self, info: ValidationInfo):
        if self.selesai is not None and self.selesai < self.masuk:
            raise galat("Tanggal Selesai lebih awal dari Tanggal Masuk.", "Tanggal Selesai")
        _jenis_dikenal(self.jenis_layanan, info)
        return self


@dataclass(**_ROW)
class BarisYaTidak(Baris):
    """tblASN (Kompeten), tblBencana (Ditindaklanjuti), tblUsulan (Diverifikasi)."""

    ya: bool


@dataclass(**_ROW)
class BarisKegiatan(Baris):
    kelompok: Annotated[str, Field(alias="Kelompok")]
    target: Annotated[float, Field(alias="Target")]
    realisasi: Annotated[float, Field(alias="Realisasi")]

    @model_validator(mode="after")
    def _cek(self, info: ValidationInfo):
        if self.target < 0 or self.realisasi < 0:
            raise galat("Target dan Realisasi kegiatan tidak boleh negatif.",
                        "Target" if self.target < 0 else "Realisasi")
        if self.realisasi > self.target:
            kode = (info.context or {}).get("kode_kelompok", {}).get(self.kelompok)
            _peringatan(info, self.alamat("Realisasi"), "Realisasi melebihi Target kegiatan.", kode)
        return self


@dataclass(**_ROW)
class BarisRekap(Baris):
    kode: Annotated[str, Field(alias="Kode")]
    pembilang: Annotated[float, Field(alias="Pembilang")]
    penyebut: Annotated[float, Field(alias="Penyebut")]

    @model_validator(mode="after")
    def _cek(self):
        if self.pembilang < 0 or self.penyebut < 0:
            raise galat("Pembilang dan Penyebut tidak boleh negatif.",
                        "Pembilang" if self.pembilang < 0 else "Penyebut")
        if self.pembilang > self.penyebut:
            raise galat("Pembilang tidak boleh lebih besar dari Penyebut.", "Pembilang")
        return self


def _tahun(v):
    if v is not None and not 2000 <= v <= 2100:
        raise galat("Tahun Laporan harus tahun empat digit, misalnya 2024.", "TahunLaporan")
    return v


@dataclass(frozen=True, config=ConfigDict(extra="ignore", populate_by_name=True, defer_build=True))
class Pengaturan:
    """The settings of sheet Pengaturan; aliases are the defined names."""

    nama_kecamatan: Annotated[str | None, Field(alias="NamaKecamatan")] = None
    nama_kabupaten: Annotated[str | None, Field(alias="NamaKabupaten")] = None
    tahun: Annotated[int | None, Field(alias="TahunLaporan"), AfterValidator(_tahun)] = None
    metode_bobot: Annotated[str | None, Field(alias="MetodeBobotIKM")] = None
    # 0 people served reads as "not filled" (no minimum sample), as a blank.
    populasi: Annotated[int | None, Field(alias="PopulasiPenerimaLayanan"),
                        AfterValidator(lambda v: v or None)] = None
    batas_pengaduan: Annotated[int | None, Field(alias="BatasWaktuPengaduan")] = None
    tempat: Annotated[str | None, Field(alias="TempatPenandatanganan")] = None
    tanggal_ttd: Annotated[date | str | None, Field(alias="TanggalPenandatanganan")] = None  # text: printed as is
    nama_camat: Annotated[str | None, Field(alias="NamaCamat")] = None
    nip_camat: Annotated[str | None, Field(alias="NIPCamat")] = None
    pangkat_camat: Annotated[str | None, Field(alias="PangkatCamat")] = None
    periode: Annotated[str | None, Field(alias="Periode")] = None
    skema_desa: Annotated[str | None, Field(alias="SkemaIndeksDesa")] = None  # as typed; see skema_desa_berlaku
    dasar_penetapan: Annotated[str | None, Field(alias="DasarPenetapanIKU")] = None


def skema_desa_berlaku(skema: str | None, tahun: int) -> str:
    """SkemaIndeksDesa, or when blank: IDM up to TahunLaporan 2024, Indeks Desa from 2025."""
    if skema:
        return skema
    return K.SKEMA_IDM if tahun <= K.TAHUN_TERAKHIR_IDM else K.SKEMA_INDEKS_DESA


@plain_dataclass
class Masukan:
    """Everything the rules read, validated: the output of `validasi.periksa`.

    Rows that carry a galat are not here; `temuan` holds every finding of the
    validation phase (the rules add only their own, such as a Predikat LHE
    that differs from the computed one).
    """

    pengaturan: Pengaturan
    referensi: "Referensi"
    periode: "Periode | None"
    temuan: "list[Temuan]"
    skema_desa: str | None = None
    jenis_layanan: dict[str, int] = field(default_factory=dict)  # casefolded name → Standar Waktu
    hari_libur: list[date] = field(default_factory=list)
    skm: list[BarisSKM] = field(default_factory=list)
    rtl: dict[str, list[tuple[str, str | None, str | None]]] = field(default_factory=dict)
    akip: BarisAKIP | None = None
    desa: list[BarisDesa] = field(default_factory=list)
    rekap: dict[str, BarisRekap] = field(default_factory=dict)  # kode → a Rekap Manual row
    # The survey, the AKIP row of the year, tblDesa: rows in the period.
    ada_skm: bool = False
    ada_akip: bool = False
    ada_desa: bool = False
    # The workbook's catalogue (KONTRAK §5) and what it asks of the tables.
    katalog: Any = None
    terbaca: Any = None
    # table → its cleaned rows of the period, for the register kinds.
    tabel: dict[str, Any] = field(default_factory=dict)
    # table → (sheet, header row, column → header): where a finding's cell sits.
    kolom_tabel: dict[str, tuple[str, int, dict[int, str]]] = field(default_factory=dict)
    # kode → target for the period (number, predikat text for IK-02, None = not filled);
    # a code whose target cell is a galat is absent.
    target: dict[str, Any] = field(default_factory=dict)
    # For the documents (hasil.Hasil carries them on): tblAnalisis per kode, and the
    # first and last survey date counted in the period.
    analisis: dict[str, Any] = field(default_factory=dict)
    survei_awal: date | None = None
    survei_akhir: date | None = None
    # kode → the Realisasi typed in tblRiwayat for TahunLaporan (Nilai Diketik).
    diketik: dict[str, float] = field(default_factory=dict)
    # kode → {tahun: (target, realisasi)} of tblTarget and tblRiwayat, cleaned.
    riwayat: dict[str, dict[int, tuple[Any, Any]]] = field(default_factory=dict)
