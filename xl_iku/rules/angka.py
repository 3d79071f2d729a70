"""Exact numbers: the value the user typed, rounded the way an auditor rounds."""

from __future__ import annotations

import math
import numbers
import re
from decimal import Decimal, localcontext
from fractions import Fraction

# Digits kept when a Fraction has no finite decimal expansion (e.g. 1/3).
PRESISI = 40

_ANGKA = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# "1.234,5": Indonesian thousands dots with a decimal comma.
_RIBUAN_ID = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?")


def _teks(s: str) -> Decimal:
    t = s.strip()
    if "," in t:
        if "." in t:
            if not _RIBUAN_ID.fullmatch(t):
                raise ValueError(f"bukan angka: {s!r}")
            t = t.replace(".", "")
        t = t.replace(",", ".", 1)
    # Decimal() alone would also take 'NaN', 'Infinity' and '1_000'.
    if not _ANGKA.fullmatch(t):
        raise ValueError(f"bukan angka: {s!r}")
    return Decimal(t)


def _pecahan(f: Fraction) -> Decimal:
    n, d = f.numerator, f.denominator
    sisa, k2, k5 = d, 0, 0
    while sisa % 2 == 0:
        sisa //= 2
        k2 += 1
    while sisa % 5 == 0:
        sisa //= 5
        k5 += 1
    if sisa == 1:  # finite expansion: give it exactly
        k = max(k2, k5)
        return Decimal(f"{n * 10**k // d}E-{k}")
    with localcontext() as ctx:
        ctx.prec = PRESISI
        return Decimal(n) / Decimal(d)


def ke_decimal(v) -> Decimal:
    """Decimal of `v` as the user sees it: floats via repr, '0,8155' accepted."""
    if isinstance(v, bool):
        # TRUE in a number cell is a data error, not 1.
        raise TypeError("nilai logika (TRUE/FALSE) bukan angka")
    if isinstance(v, Decimal):
        hasil = v
    elif isinstance(v, Fraction):
        return _pecahan(v)
    elif isinstance(v, numbers.Integral):
        return Decimal(int(v))
    elif isinstance(v, float):
        # repr(float(..)): numpy scalars repr as 'np.float64(0.1)'.
        hasil = Decimal(repr(float(v)))
    elif isinstance(v, str):
        hasil = _teks(v)
    else:
        raise TypeError(f"bukan angka: {type(v).__name__}")
    if not hasil.is_finite():
        raise ValueError(f"bukan angka terhingga: {v!r}")
    return hasil


def ke_fraction(v) -> Fraction:
    """Exact Fraction of `v` (same reading as ke_decimal)."""
    if isinstance(v, Fraction):
        return v
    return Fraction(ke_decimal(v))


def bulat(x, digits: int = 2) -> Decimal:
    """Round half-up (ties away from zero, like Excel ROUND) to `digits` decimals."""
    f = ke_fraction(x)
    q = math.floor(abs(f) * Fraction(10) ** digits + Fraction(1, 2))
    if f < 0:
        q = -q
    return Decimal(f"{q}E{-digits}")
