"""Predikat akuntabilitas kinerja (PermenPANRB 88/2021)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, localcontext

from .. import referensi
from .angka import ke_decimal, ke_fraction


def nilai_akip(komponen: Iterable) -> Decimal:
    """Exact sum of the component scores."""
    total = Decimal(0)
    with localcontext() as ctx:
        ctx.prec = 100  # wide enough that adding workbook numbers never rounds
        for k in komponen:
            if k is None:
                raise ValueError("nilai komponen AKIP kosong")
            total += ke_decimal(k)
    return total


def _urut(tabel) -> list[referensi.Predikat]:
    if not tabel:
        raise ValueError("tabel predikat AKIP kosong")
    return sorted(tabel, key=lambda b: ke_fraction(b.batas_bawah), reverse=True)


def _kunci(predikat: str) -> str:
    return str(predikat).strip().upper()


def predikat(nilai, tabel=referensi.PREDIKAT_AKIP) -> str:
    """Highest predikat whose lower bound the score exceeds ("> 70"); lowest otherwise."""
    n = ke_fraction(nilai)
    urut = _urut(tabel)
    for baris in urut:
        if ke_fraction(baris.batas_bawah) < n:
            return baris.predikat
    return urut[-1].predikat


def batas_bawah(predikat: str, tabel=referensi.PREDIKAT_AKIP) -> Decimal:
    """Lower bound of a predikat (AA 90 … D 0); KeyError if unknown."""
    kunci = _kunci(predikat)
    for baris in tabel:
        if baris.predikat == kunci:
            return ke_decimal(baris.batas_bawah)
    raise KeyError(predikat)


def peringkat(predikat: str, tabel=referensi.PREDIKAT_AKIP) -> int:
    """Rank of a predikat: 0 for the best (AA), larger is worse; KeyError if unknown."""
    kunci = _kunci(predikat)
    for i, baris in enumerate(_urut(tabel)):
        if baris.predikat == kunci:
            return i
    raise KeyError(predikat)
