"""Capaian kinerja and its kategori (Permendagri 86/2017).

What is printed is what is judged (KONTRAK §3): kategori and tercapai are
decided on the capaian as every page prints it, rounded half-up to two
decimals (`dicetak`), so a capaian printed 100,00 is never "belum tercapai".
"""

from __future__ import annotations

from .. import referensi
from .akip import batas_bawah, peringkat
from .angka import bulat, ke_fraction
from .persen import persen


def capaian(realisasi, target) -> float | None:
    """realisasi / target × 100; None without a realisasi or a non-zero target."""
    # All seed indicators are "higher is better", so capaian is a plain ratio.
    return persen(realisasi, target)


# Decimals of a printed capaian (sheets' number format 0,00; documents; CLI).
DESIMAL = 2


def dicetak(nilai_capaian):
    """The capaian as a person reads it: half-up to two decimals (Decimal); None stays None."""
    return None if nilai_capaian is None else bulat(nilai_capaian, DESIMAL)


def kategori(nilai_capaian, tabel=referensi.KATEGORI_CAPAIAN) -> str | None:
    """Kategori of the PRINTED capaian: first row whose lower bound it reaches
    (90,996 prints 91,00 and is Sangat Tinggi, as the page shows)."""
    if nilai_capaian is None:
        return None
    if not tabel:
        raise ValueError("tabel kategori capaian kosong")
    n = ke_fraction(dicetak(nilai_capaian))
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


def tercapai(nilai_capaian) -> bool | None:
    """Target reached: the printed capaian ≥ 100,00 (99,996 prints 100,00 and is
    reached; 99,994 prints 99,99 and is not); None without a capaian."""
    if nilai_capaian is None:
        return None
    return dicetak(nilai_capaian) >= 100


def tercapai_predikat(realisasi_predikat, target_predikat: str, tabel=referensi.PREDIKAT_AKIP) -> bool | None:
    """A predikat target is reached by rank, not by the score ratio: 70,00 is B
    (BB needs > 70), so it misses target BB although nilai / 70 × 100 = 100."""
    if realisasi_predikat is None:
        return None
    return peringkat(realisasi_predikat, tabel) <= peringkat(target_predikat, tabel)
