"""Indonesian numbers, dates and status words as the documents print them.

Two decimals and the half rounding of the output sheets (`layout.angka_id`),
so a document shows exactly what the signed sheets show.
"""

from __future__ import annotations

from datetime import date

from ..dasar.ooxml import angka_teks
from ..hasil import STATUS_GALAT, STATUS_TANPA_DATA, HasilIndikator
from ..layout import angka_id, tanggal_id

SUNTING = "[Perlu disunting: {}]"
GALAT_TEKS = "tidak dihitung (galat)"
TANPA_DATA_TEKS = "tanpa data"


def angka(x, digits: int = 2) -> str:
    """91.4751 → '91,48'; text (a predikat) as is; None → '–'."""
    if x is None:
        return "–"
    if isinstance(x, str):
        return x
    return angka_id(float(x), digits)


def bulat(n) -> str:
    """1200 → '1.200'."""
    if n is None:
        return "–"
    return angka_teks(int(n), 0)


def rupiah(x) -> str:
    return "–" if x is None else f"Rp{angka_teks(x, 0)}"


def tanggal(d: date | str | None) -> str:
    return tanggal_id(d) if d else "–"


def sunting(teks: str) -> str:
    """A generated sentence the office must check before signing."""
    return SUNTING.format(teks)


def realisasi(ind: HasilIndikator) -> str:
    if ind.status == STATUS_GALAT:
        return GALAT_TEKS
    if ind.status == STATUS_TANPA_DATA or ind.realisasi is None:
        return TANPA_DATA_TEKS
    return angka(ind.realisasi)


def capaian(ind: HasilIndikator) -> str:
    if ind.status == STATUS_GALAT:
        return GALAT_TEKS
    if ind.status == STATUS_TANPA_DATA:
        return TANPA_DATA_TEKS
    return angka(ind.capaian)
