"""Working days: Monday–Friday minus the office's holiday list."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache


@lru_cache(maxsize=16)
def _libur(tahun: tuple[int, ...]) -> tuple[tuple[date, str], ...]:
    import holidays

    h = holidays.country_holidays("ID", years=tahun, categories=("public", "government"), language="id")
    return tuple(sorted(h.items()))


def libur_nasional(tahun: Iterable[int]) -> list[tuple[date, str]]:
    """Indonesia's national holidays and cuti bersama in those years, by date,
    named in Indonesian (python-holidays): the template's default tblHariLibur."""
    return list(_libur(tuple(tahun)))


def _hari_biasa_sebelum(ordinal: int) -> int:
    # Weekdays among ordinals 1 .. ordinal-1; ordinal 1 (0001-01-01) is a Monday.
    minggu, sisa = divmod(ordinal - 1, 7)
    return minggu * 5 + min(sisa, 5)


class Kalender:
    """Counts working days against a fixed set of holidays."""

    def __init__(self, libur: Iterable[date]):
        # Only weekday holidays matter: a Saturday holiday is already off.
        self._libur = sorted(
            {d.toordinal() for d in libur if d is not None and d.weekday() < 5}
        )

    def hari_kerja(self, mulai: date, selesai: date) -> int:
        """Working days from `mulai` to `selesai`, both included."""
        a, b = mulai.toordinal(), selesai.toordinal()
        if b < a:
            raise ValueError(f"tanggal selesai {selesai} sebelum tanggal mulai {mulai}")
        libur = bisect_right(self._libur, b) - bisect_left(self._libur, a)
        return _hari_biasa_sebelum(b + 1) - _hari_biasa_sebelum(a) - libur

    def tanggal_kerja(self, mulai: date, selesai: date) -> list[date]:
        """The working days from `mulai` to `selesai`, both included, in order."""
        libur = set(self._libur)
        n = (selesai - mulai).days + 1
        hari = (mulai + timedelta(days=i) for i in range(max(n, 0)))
        return [d for d in hari if d.weekday() < 5 and d.toordinal() not in libur]
