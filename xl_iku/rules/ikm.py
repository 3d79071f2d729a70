"""Indeks Kepuasan Masyarakat (PermenPANRB 14/2017)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from operator import itemgetter

from .. import referensi
from ..kontrak import UNSUR
from .angka import bulat, ke_decimal, ke_fraction


def bobot(metode: str) -> Fraction:
    """Weight per unsur named by MetodeBobotIKM: '1/9', '0,111' or '0,11'."""
    if isinstance(metode, str):
        kunci = metode.strip().replace(".", ",")
        if kunci in referensi.BOBOT_IKM:
            return Fraction(referensi.BOBOT_IKM[kunci])
    raise ValueError(
        f"MetodeBobotIKM tidak dikenal: {metode!r} (pilihan: {', '.join(referensi.BOBOT_IKM)})"
    )


def _skor(v) -> int:
    # Validated answers are plain ints: take the fast path (10,000 rows × 9).
    if type(v) is int and 1 <= v <= 4:
        return v
    # Excel may hand back 4.0 for a typed 4; anything not a whole 1..4 is refused.
    if isinstance(v, bool):
        raise ValueError(f"jawaban harus bilangan bulat 1–4: {v!r}")
    try:
        f = ke_fraction(v)
    except (TypeError, ValueError):
        raise ValueError(f"jawaban harus bilangan bulat 1–4: {v!r}") from None
    if f.denominator != 1 or not 1 <= f <= 4:
        raise ValueError(f"jawaban harus bilangan bulat 1–4: {v!r}")
    return int(f)


def jumlah_unsur(jawaban: Iterable[Sequence[int | None]]) -> dict[str, tuple[int, int]]:
    """Per unsur: (answers given, sum of their scores); blanks don't count."""
    baris = jawaban if isinstance(jawaban, list) else list(jawaban)
    if set(map(len, baris)) - {len(UNSUR)}:
        b = next(b for b in baris if len(b) != len(UNSUR))
        raise ValueError(f"satu responden harus punya {len(UNSUR)} jawaban, ada {len(b)}")
    out: dict[str, tuple[int, int]] = {}
    for i, u in enumerate(UNSUR):
        kolom = list(map(itemgetter(i), baris))
        # Validated answers are plain ints 1..4 (100.000 respondents × 9): the
        # types over the column, then a count per score, all at C speed. Types
        # first: a Counter would take True for 1. Anything else takes _skor's path.
        jenis = set(map(type, kolom))
        jenis.discard(type(None))
        per_skor = Counter(kolom)
        per_skor.pop(None, None)
        if jenis <= {int} and per_skor.keys() <= {1, 2, 3, 4}:
            out[u] = (sum(per_skor.values()), sum(v * n for v, n in per_skor.items()))
        else:
            isi = [v for v in kolom if v is not None]
            out[u] = (len(isi), sum(_skor(v) for v in isi))
    return out


def nrr(jawaban: Iterable[Sequence[int | None]]) -> dict[str, Fraction | None]:
    """NRR per unsur: sum of answers / answers given (blanks don't count)."""
    return nrr_dari(jumlah_unsur(jawaban))


def nrr_dari(jumlah: Mapping[str, tuple[int, int]]) -> dict[str, Fraction | None]:
    """NRR per unsur from `jumlah_unsur`'s (answers given, sum)."""
    return {u: Fraction(total, n) if n else None for u, (n, total) in ((u, jumlah[u]) for u in UNSUR)}


def nilai_ikm(nrr: Mapping[str, Fraction], w: Fraction) -> Fraction:
    """IKM = Σ NRR × w × 25 over U1..U9, exact."""
    kosong = [u for u in UNSUR if nrr.get(u) is None]
    if kosong:
        raise ValueError(f"NRR tidak ada untuk {', '.join(kosong)}")
    w = ke_fraction(w)
    return sum((ke_fraction(nrr[u]) * w * 25 for u in UNSUR), Fraction(0))


def mutu(nilai, tabel=referensi.MUTU_IKM) -> referensi.Mutu:
    """Mutu of an IKM, judged on the value rounded half-up to 2 decimals."""
    if not tabel:
        raise ValueError("tabel mutu IKM kosong")
    r = bulat(nilai, 2)
    for baris in tabel:
        if ke_decimal(baris.batas_bawah) <= r <= ke_decimal(baris.batas_atas):
            return baris
    # Outside every interval (above 100, below 25, or a gap in an edited
    # Referensi table): the highest grade whose lower bound is reached.
    urut = sorted(tabel, key=lambda b: ke_decimal(b.batas_bawah), reverse=True)
    for baris in urut:
        if r >= ke_decimal(baris.batas_bawah):
            return baris
    return urut[-1]


def mutu_unsur(nrr_value, tabel=referensi.MUTU_IKM) -> referensi.Mutu:
    """Mutu of one unsur: the IKM table applied to NRR × 25."""
    if nrr_value is None:
        raise ValueError("NRR tidak ada")
    return mutu(ke_fraction(nrr_value) * 25, tabel)


def sampel_minimum(populasi: int) -> int:
    """Krejcie–Morgan minimum sample for a population of `populasi`, exact."""
    try:
        n = ke_fraction(populasi)
    except TypeError:
        raise ValueError(f"populasi harus bilangan bulat positif: {populasi!r}") from None
    if n.denominator != 1 or n <= 0:
        raise ValueError(f"populasi harus bilangan bulat positif: {populasi!r}")
    chi2 = Fraction(referensi.KM_CHI2)
    p = Fraction(referensi.KM_P)
    d = Fraction(referensi.KM_D)
    pq = p * (1 - p)
    # Krejcie & Morgan's printed table (the one PermenPANRB 14/2017 lets an
    # office use) rounds the formula to the nearest whole number, half up:
    # N = 50 gives 44,49 → 44 (ceil would ask for 45).
    return math.floor(chi2 * n * pq / (d * d * (n - 1) + chi2 * pq) + Fraction(1, 2))
