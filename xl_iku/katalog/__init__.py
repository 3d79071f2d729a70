"""The indicator catalogue (KONTRAK §5): what an office measures, as data.

- `model`: an indicator as a catalogue row and the catalogue of one workbook;
- `bawaan`: the built-in catalogue (the seed's 22 indicators), the template's
  tblIndikator rows and the default of a workbook without an Indikator sheet.

Reading a workbook's tblIndikator (with its findings) is validation's job:
`validasi.katalog`.
"""

from .bawaan import INDIKATOR, INDIKATOR_BY_KODE, KELOMPOK_IK, KELOMPOK_IKP, KELOMPOK_IKU
from .model import (
    ARAH, CARA_HITUNG, CARA_TABEL, NAIK, PERSEN, TURUN, Indikator, Katalog, kunci,
)

__all__ = [
    "ARAH", "CARA_HITUNG", "CARA_TABEL", "INDIKATOR", "INDIKATOR_BY_KODE", "KELOMPOK_IK",
    "KELOMPOK_IKP", "KELOMPOK_IKU", "NAIK", "PERSEN", "TURUN", "Indikator", "Katalog", "kunci",
]


def per_kelompok(kelompok: str) -> tuple[Indikator, ...]:
    """The built-in catalogue's indicators of `kelompok` (for a workbook's own, `Katalog.per_kelompok`)."""
    return tuple(i for i in INDIKATOR if i.kelompok == kelompok)


def dari_hasil(hasil) -> Katalog:
    """The catalogue a Hasil was computed with (the built-in one for a Hasil
    made without a workbook: the template's empty sheets)."""
    from .bawaan import KATALOG

    return hasil.katalog if hasil.katalog is not None else KATALOG
