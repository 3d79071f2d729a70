"""Status desa from the Indeks Desa Membangun (Permendesa PDTT 2/2016)."""

from __future__ import annotations

from .. import referensi
from .angka import ke_fraction


def status_idm(nilai, tabel=referensi.STATUS_IDM) -> str:
    """First status whose inclusive upper bound holds the score; the open-ended one otherwise."""
    if not tabel:
        raise ValueError("tabel status IDM kosong")
    n = ke_fraction(nilai)
    berbatas = sorted(
        ((status, ke_fraction(atas)) for status, atas in tabel if atas is not None),
        key=lambda r: r[1],
    )
    for status, atas in berbatas:
        if n <= atas:
            return status
    terbuka = [status for status, atas in tabel if atas is None]
    return terbuka[-1] if terbuka else berbatas[-1][0]
