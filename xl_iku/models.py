"""Typed input models.  Each row keeps its sheet and cell addresses.

Raw cells are cleaned in `validasi.sel` (which owns the Indonesian messages);
the cleaned values then pass through these pydantic models, which fix their
types and constraints for the rules.  A row reaching a rule is well-typed.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, SkipValidation
from pydantic.dataclasses import dataclass

# Rows are pydantic dataclasses with __slots__: validated like models, but
# ~10× smaller than BaseModel instances (10,000-row registers are common).
_ROW = {"frozen": True, "slots": True, "config": ConfigDict(extra="forbid")}


Likert = Annotated[int, Field(ge=1, le=4)]
NonNeg = Annotated[float, Field(ge=0)]
Hitung = Annotated[int, Field(ge=0)]


@dataclass(**_ROW)
class Baris:
    lembar: str
    baris: int
    # header → 1-based column; shared by every row of a table, so not copied.
    kolom: SkipValidation[dict[str, int]]

    def alamat(self, header: str) -> str:
        from .dasar.raw import address

        return address(self.baris, self.kolom[header])


@dataclass(**_ROW)
class BarisSKM(Baris):
    tanggal: date
    jawaban: Annotated[tuple[Likert | None, ...], Field(min_length=9, max_length=9)]
    jenis_layanan: str | None = None
    jenis_kelamin: Literal["L", "P"] | None = None
    usia: int | None = None
    pendidikan: str | None = None
    pekerjaan: str | None = None
    saran: str | None = None


@dataclass(**_ROW)
class BarisAKIP(Baris):
    tahun: int
    komponen: dict[str, NonNeg]  # kode IK-03..IK-06 → nilai
    predikat_lhe: str | None = None


@dataclass(**_ROW)
class BarisSOP(Baris):
    nama_layanan: str
    jumlah: Hitung
    sesuai: Hitung


@dataclass(**_ROW)
class BarisKamtibmas(Baris):
    tanggal: date
    jenis: str
    status: str


@dataclass(**_ROW)
class BarisSarpras(Baris):
    kebutuhan: Hitung
    tersedia: Hitung
    kondisi_baik: Hitung
    dipelihara: Hitung


@dataclass(**_ROW)
class BarisDesa(Baris):
    nama: str
    status: str  # given, or derived from nilai_idm
    nilai_idm: float | None = None


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
    target: NonNeg
    realisasi: NonNeg


@dataclass(**_ROW)
class BarisRekap(Baris):
    kode: str
    pembilang: NonNeg
    penyebut: NonNeg


class Pengaturan(BaseModel):
    model_config = ConfigDict(frozen=True)

    nama_kecamatan: str | None = None
    nama_kabupaten: str | None = None
    tahun: int | None = None
    metode_bobot: str | None = None
    populasi: int | None = Field(default=None, ge=1)
    batas_pengaduan: int | None = Field(default=None, ge=0)
    tempat: str | None = None
    tanggal_ttd: date | str | None = None  # text when typed as text (printed as is)
    nama_camat: str | None = None
    nip_camat: str | None = None
    pangkat_camat: str | None = None
    periode: str | None = None

