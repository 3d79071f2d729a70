"""Reporting period: the year, or a quarter counted cumulatively from January.

Triwulan II covers 1 January – 30 June; Triwulan IV equals the whole year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from .dasar.tanggal import BULAN as _BULAN

TAHUNAN = "Tahunan"
TRIWULAN = ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV")


@dataclass(frozen=True)
class Periode:
    tahun: int
    nama: str = TAHUNAN

    @property
    def bulan_akhir(self) -> int:
        return 12 if self.nama == TAHUNAN else 3 * (TRIWULAN.index(self.nama) + 1)

    @cached_property
    def akhir(self) -> date:
        # Once per period, not per row (`memuat` runs for every dated row); the
        # day before the next month's first, without importing calendar.
        m = self.bulan_akhir
        return date(self.tahun + m // 12, m % 12 + 1, 1) - timedelta(days=1)

    @property
    def triwulan(self) -> bool:
        return self.nama != TAHUNAN

    def memuat(self, d: date) -> bool:
        return d.year == self.tahun and d <= self.akhir

    @property
    def judul(self) -> str:
        """'TAHUN 2024' or 'TAHUN 2024 — TRIWULAN II (JANUARI–JUNI)'."""
        if not self.triwulan:
            return f"TAHUN {self.tahun}"
        return f"TAHUN {self.tahun} — {self.nama.upper()} (JANUARI–{_BULAN[self.bulan_akhir - 1].upper()})"

    @property
    def uraian(self) -> str:
        """For messages: 'tahun 2024' or 'Triwulan II 2024 (Januari–Juni)'."""
        if not self.triwulan:
            return f"tahun {self.tahun}"
        return f"{self.nama} {self.tahun} (Januari–{_BULAN[self.bulan_akhir - 1]})"
