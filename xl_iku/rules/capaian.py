"""Capaian kinerja and its kategori (Permendagri 86/2017)."""

from __future__ import annotations

from .. import referensi
from .akip import batas_bawah
from .angka import ke_fraction
from .persen import persen


def capaian(realisasi, target) -> float | None:
    """realisasi / target × 100; None without a realisasi or a non-zero target."""
    # All seed indicators are "higher is better", so capaian is a plain ratio.
    return persen(realisasi, target)


def kategori(nilai_capaian, tabel=referensi.KATEGORI_CAPAIAN) -> str | None:
    """Kategori of the UNROUNDED capaian: first row whose lower bound it reaches."""
    if nilai_capaian is None:
        return None
    if not tabel:
        raise ValueError("tabel kategori capaian kosong")
    n = ke_fraction(nilai_capaian)
    urut = sorted(tabel, key=lambda r: ke_fraction(r[0]), reverse=True)
    for bawah, label in urut:
        if n >= ke_fraction(bawah):
            return label
    return urut[-1][1]


def capaian_predikat(nilai_akip, target_predikat: str, tabel=referensi.PREDIKAT_AKIP) -> float | None:
    """AKIP score over the lower bound of the target predikat × 100; None for D."""
    bawah = batas_bawah(target_predikat, tabel)  # unknown predikat: KeyError
    if nilai_akip is None or bawah == 0:
        return None
    return float(ke_fraction(nilai_akip) / ke_fraction(bawah) * 100)
