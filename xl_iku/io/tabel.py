"""Where a KONTRAK table sits, for both adapters (file and xlwings).

Tables are found by name and columns by header text, so a moved, extended or
widened table still reads; rows typed directly below a table (that Excel
would have absorbed) belong to it.  Only how cell values arrive differs per
adapter: each passes a `get(row, col)` over its own grid.
"""

from __future__ import annotations

from typing import Any, Callable

from .. import kontrak as K
from ..pesan import PesanError
from ..dasar.raw import parse_ref


class StrukturError(PesanError):
    """The workbook lacks a table, a column or a name the contract requires."""


def norm_header(h) -> str:
    if isinstance(h, float) and h.is_integer():
        h = int(h)
    return " ".join(str(h).split()).casefold()


def periksa_struktur(sheets, names, tables, asal: str) -> None:
    """`asal` names the workbook in messages: "berkas 'x.xlsx'" or "buku kerja ini"."""
    hilang = [n for n in K.TABEL_WAJIB if n not in tables]
    if hilang:
        t = K.TABEL[hilang[0]]
        lembar = "" if t.lembar in sheets else f" (lembar '{t.lembar}' juga tidak ada)"
        lain = f" dan {len(hilang) - 1} tabel lain" if len(hilang) > 1 else ""
        raise StrukturError(
            f"Tabel '{hilang[0]}'{lain} tidak ditemukan di {asal}{lembar}; "
            "jangan menghapus atau mengganti nama tabel templat."
        )
    for spec in K.PENGATURAN:
        if spec.wajib and spec.nama not in names:
            raise StrukturError(
                f"Nama sel '{spec.nama}' (lembar Pengaturan) tidak ditemukan di {asal}; "
                "gunakan templat xl-iku terbaru."
            )


def letak_tabel(name: str, sheet: str, ref: str, part_columns: list[str], headers: tuple[str, ...],
                get: Callable[[int, int], Any], last_row: int, asal: str) -> tuple[int, dict[str, int], int]:
    """(header row, header → column, last data row) of a table, all 1-based."""
    r1, c1, r2, c2 = parse_ref(ref)
    found: dict[str, int] = {}
    for col in range(c1, c2 + 1):
        v = get(r1, col)
        if v is None and col - c1 < len(part_columns):
            v = part_columns[col - c1]
        if v is not None:
            found.setdefault(norm_header(v), col)
    cols: dict[str, int] = {}
    for h in headers:
        col = found.get(norm_header(h))
        if col is None:
            raise StrukturError(
                f"Kolom '{h}' tidak ditemukan di tabel '{name}' (lembar '{sheet}') di {asal}; "
                "jangan mengganti nama judul kolom templat."
            )
        cols[h] = col
    last = r2
    while last < last_row and any(get(last + 1, c) is not None for c in cols.values()):
        last += 1
    return r1, cols, last
