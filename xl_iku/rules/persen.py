"""Percentages computed exactly from the numbers as typed."""

from __future__ import annotations

from .angka import ke_fraction


def persen(pembilang, penyebut) -> float | None:
    """pembilang / penyebut × 100; None for a zero (or missing) denominator."""
    if pembilang is None or penyebut is None:
        return None
    p = ke_fraction(penyebut)
    if p == 0:
        return None
    return float(ke_fraction(pembilang) / p * 100)
