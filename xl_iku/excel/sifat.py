"""What xlwings Lite's payload leaves out: merged ranges and number formats.

The payload Lite hands the Hitung script carries values only.  KONTRAK §3
needs two more facts about the table bodies: whether a range is merged (its
hidden cells would read as blank) and whether a target/realisasi cell is
formatted as a percentage (0,93 shown "93%" counts as 93).  Lite answers
both on demand (`await rng.get_merge_cells()`, `get_merge_area()`,
`get_number_format()`), each one round trip to Excel, so `baca_lite` asks
them before the synchronous read, by halving:

* merges: one question per table body (its rows as the reader finds them:
  `reader.Buku`); only a body that holds merged cells is split (rows, then
  columns) until each merged cell's area is known;
* formats: one question per column where a percentage shown counts (over
  the rows holding a number): the target/realisasi columns and the columns
  the workbook's catalogue reads as numbers (`validasi.katalog`, resolved
  from tblIndikator's rows and the tables' headers before the read); only a
  column whose formats differ is split.

A clean template therefore costs one question per table and per percent
column, asked concurrently.  xlwings Server cannot answer on-demand reads
(they need Lite's client); there the result is not `diketahui`, and the
reader says so and falls back on the values (`io.tabel`).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from .. import kontrak as K
from ..io.tabel import format_persen
from .reader import Buku

log = logging.getLogger("xl_iku.excel")

# Follow-up questions (splits) asked at most per run, beyond the first one per
# table body and percent column: a pathological sheet (formats alternating row
# by row) must not turn one click into thousands of round trips.  Past the
# budget a range known to hold merged cells is reported whole, and a column's
# mixed formats count as unknown, as on xlwings Server.
BATAS_TANYA = 400


@dataclass
class SifatSel:
    """Merged ranges and percent formats found, per sheet (1-based rows/columns).

    `diketahui` False: the engine could not answer at all (xlwings Server);
    the reader then says so where it matters (`io.tabel.gabungan_tak_diketahui`)
    and validation falls back on what values alone can tell (`validasi.persen`).
    """

    diketahui: bool = True
    buku: Any = None  # reader.Buku: the structure and grids the questions were based on

    gabungan: dict[str, set[tuple[int, int, int, int]]] = field(default_factory=dict)
    # (sheet, column) → [(first row, last row, percent-formatted)] for the rows asked
    format: dict[tuple[str, int], list[tuple[int, int, bool]]] = field(default_factory=dict)

    def gabungan_di(self, sheet: str) -> list[tuple[int, int, int, int]]:
        return sorted(self.gabungan.get(sheet, ()))

    def persen(self, sheet: str, row: int, col: int) -> bool | None:
        """Whether the cell is percent-formatted; None when it was not asked."""
        if not self.diketahui:
            return None
        for r1, r2, p in self.format.get((sheet, col), ()):
            if r1 <= row <= r2:
                return p
        return None


class _Anggaran:
    def __init__(self, n: int):
        self.sisa, self.habis = n, False

    def ambil(self, n: int) -> bool:
        """Spend n questions, if that many are left."""
        if self.sisa < n:
            self.habis = True
            return False
        self.sisa -= n
        return True


async def _gabungan(sheet, r1: int, c1: int, r2: int, c2: int, out: set, ang: _Anggaran) -> None:
    """Every merged area meeting rows r1..r2 × columns c1..c2."""
    if any(a <= r1 and r2 <= b and c <= c1 and c2 <= d for a, c, b, d in out):
        return  # inside an area already found
    m = await sheet.range((r1, c1), (r2, c2)).get_merge_cells()
    if m is False:
        return
    if r1 == r2 and c1 == c2:
        area = await sheet.range((r1, c1)).get_merge_area()
        a, c = area.row, area.column
        out.add((a, c, a + area.shape[0] - 1, c + area.shape[1] - 1))
        return
    if not ang.ambil(2):
        # Merged cells are known to be in here, only not exactly where: the
        # range itself is reported (never silence).
        out.add((r1, c1, r2, c2))
        return
    if r1 < r2:
        mid = (r1 + r2) // 2
        await _gabungan(sheet, r1, c1, mid, c2, out, ang)
        await _gabungan(sheet, mid + 1, c1, r2, c2, out, ang)
    else:
        mid = (c1 + c2) // 2
        await _gabungan(sheet, r1, c1, r1, mid, out, ang)
        await _gabungan(sheet, r1, mid + 1, r1, c2, out, ang)


async def _format(sheet, col: int, r1: int, r2: int, out: list, ang: _Anggaran) -> None:
    fmt = await sheet.range((r1, col), (r2, col)).get_number_format()
    if isinstance(fmt, str):
        out.append((r1, r2, format_persen(fmt)))
        return
    if r1 == r2 or not ang.ambil(2):
        return  # unknown: the reader falls back as on xlwings Server
    mid = (r1 + r2) // 2
    await _format(sheet, col, r1, mid, out, ang)
    await _format(sheet, col, mid + 1, r2, out, ang)


def kolom_angka(buku: Buku) -> dict[str, set[str]]:
    """table → the headers the workbook's catalogue reads as numbers, from
    tblIndikator's rows and the tables' headers alone (no other cell)."""
    from ..dasar.raw import RawName, RawRow, RawTable, RawWorkbook
    from ..validasi.katalog import TABEL, baca_katalog
    from ..validasi.sel import Pemeriksa

    raw = RawWorkbook(sheets=tuple(buku.sheets),
                      names={n: RawName(n, lembar, a, None) for n, (lembar, a) in buku.names.items()})
    for n, info in buku.tables.items():
        letak = buku.letak(n)
        rows = []
        if n == TABEL:
            g = buku.grid(info.sheet)
            rows = [RawRow(r, {h: g.get(r, c) for h, c in letak.cols.items()}, letak.cols) for r in letak.baris]
        raw.tables[n] = RawTable(n, info.sheet, letak.header_row, letak.cols, rows)
    return baca_katalog(raw, Pemeriksa()).kolom_angka


async def _satu_tabel(buku, name: str, sifat: SifatSel, ang: _Anggaran, dibaca: set[str] = frozenset()) -> None:
    """Questions about one table, over exactly the rows the reader reads;
    `dibaca`: the headers its catalogue reads as numbers."""
    info, letak = buku.tables[name], buku.letak(name)
    if not letak.rentang:
        return
    sheet, g = info.sheet_obj, buku.grid(info.sheet)
    r1, r2 = letak.rentang[0][0], letak.rentang[-1][1]  # blank rows too: a merge there is in the table
    kolom = letak.cols.values()
    gab: set = sifat.gabungan.setdefault(info.sheet, set())
    tugas = [_gabungan(sheet, r1, min(kolom), r2, max(kolom), gab, ang)]
    for h in dict.fromkeys((*K.KOLOM_PERSEN_TAMPIL.get(name, ()), *sorted(dibaca))):
        c = letak.cols.get(h)
        angka = [r for r in letak.baris if type(g.get(r, c)) in (int, float)] if c is not None else []
        if angka:
            out = sifat.format.setdefault((info.sheet, c), [])
            tugas.append(_format(sheet, c, angka[0], angka[-1], out, ang))
    await asyncio.gather(*tugas)


async def baca_lite(book, batas: int = BATAS_TANYA) -> SifatSel:
    """Ask Lite for merges and percent formats of the table bodies (not
    `diketahui` where the engine cannot answer on demand: xlwings Server).
    The book's structure read for it (`reader.Buku`) travels along for the
    reader; a book the reader would refuse is left for it to refuse."""
    try:
        buku = Buku(book)
    except Exception:  # MasalahBuku or worse: the reader meets it again and says so
        return SifatSel(diketahui=False)
    sifat, ang = SifatSel(buku=buku), _Anggaran(batas)
    try:
        angka = kolom_angka(buku)
        await asyncio.gather(*(_satu_tabel(buku, n, sifat, ang, angka.get(n, set())) for n in buku.tables))
    except NotImplementedError:
        return SifatSel(diketahui=False, buku=buku)  # xlwings Server: no on-demand reads
    except Exception as e:  # an Excel client that failed to answer: as if it could not
        log.warning("sifat sel tidak terbaca: %s", type(e).__name__)
        return SifatSel(diketahui=False, buku=buku)
    if ang.habis:
        log.warning("sifat sel: batas %d pertanyaan lanjutan tercapai", batas)
    return sifat
