"""Dates in Indonesian, as every sheet, document and message writes them: 28 Juni 2024.

One month table for writing and for reading back what staff type.  (babel's
CLDR `d MMMM y` for locale id gives the same text — tests/test_tanggal.py
checks every month against it — at the cost of loading the whole locale:
≈ 4 MB and 8 ms at every start, for twelve names.)
"""

from __future__ import annotations

from datetime import date

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
BULAN_KE = {b.casefold(): i + 1 for i, b in enumerate(BULAN)}  # "juni" → 6


def tanggal_id(d: date) -> str:
    """28 Juni 2024 (the day without a leading zero)."""
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"
