"""xlwings adapter, reading side: an open workbook → RawWorkbook.

The same contract as the file adapter (`io.file_reader`): tables are found by
name, columns by header text, rows typed directly below a table belong to it,
and a missing required table or defined name stops the run with one
Indonesian sentence.  Only the values differ in how they travel:

* every sheet that is read is read in ONE call (its used range as a 2-D
  block, within the columns of its KONTRAK tables and settings and never
  past the values a client sent); tables and names only contribute their
  addresses.  The number of calls therefore depends on the number of sheets
  and tables, never on the number of rows (each call to a live Excel costs
  milliseconds), and what is held on where the data is, never on a stray
  cell or a table range reaching row 1.048.576;
* values are normalised to what calamine gives the file adapter, so both
  adapters hand the engine identical input: "" → None, numbers → float
  (the remote engine gives int for whole numbers, desktop Excel gives float,
  calamine gives float), a midnight datetime → date;
* in date columns (Jenis.TANGGAL, and the TanggalPenandatanganan setting) a
  number is an Excel serial date (1900 date system) and becomes a date: Excel
  clients older than ExcelApi 1.12, and cells whose format Excel files under
  "Custom" (the template's dd/mm/yyyy), send dates as serial numbers;
* error cells arrive as their code ("#N/A"; `err_to_str`), as the file
  adapter gives them, so the cell checks make them a galat;
* a table's Total Row (`show_totals`) is never data; merged ranges and
  percentage formats come from desktop Excel synchronously, from xlwings
  Lite through its on-demand reads before this read (`sifat.baca_lite`).
  xlwings Server can answer neither, so there a number in (0, 1] in a
  target/realisasi cell of a 0–100 indicator is read as the percentage Excel
  shows for it, with a peringatan (`validasi.persen`, which applies the
  formats once the catalogue says which columns are read as numbers);
* a client that sends no table column names (a minimal payload: VBA, older
  Office.js) still sends the sheet's values, so a table's headers are read
  from its header row: tblTarget's years as typed, an office's own tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .. import kontrak as K
from ..dasar.ooxml import dari_serial
from ..dasar.raw import SERIAL_MAX as _SERIAL_MAX, SERIAL_MIN as _SERIAL_MIN
from ..dasar.raw import RawName, RawRow, RawTable, RawWorkbook, parse_address, parse_ref
from ..io.tabel import (Letak, StrukturError, format_persen, gabungan, gabungan_tak_diketahui, letak_tabel,
                        periksa_struktur)
from ..referensi import TABEL_REFERENSI


# The open workbook cannot be used (a required table, column or name is
# missing): `pesan` is one Indonesian sentence for the user; nothing is written.
MasalahBuku = StrukturError


def normal(v: Any) -> Any:
    """A value as calamine would give it for the same cell."""
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, str):
        return None if v == "" else v
    if isinstance(v, int):
        return float(v)
    if isinstance(v, datetime):
        return v.date() if v.time() == datetime.min.time() else v
    return v


def tanggal(v: Any) -> Any:
    """A normalised value read from a date column."""
    if isinstance(v, float) and _SERIAL_MIN <= v <= _SERIAL_MAX:
        return dari_serial(v)
    return v


@dataclass
class Grid:
    """The part of a sheet that is read (`baca_grid`), addressed 1-based like Excel."""

    r0: int = 1  # sheet row of data[0]
    c0: int = 1
    data: list[list[Any]] = field(default_factory=list)

    def get(self, row: int, col: int) -> Any:
        r, c = row - self.r0, col - self.c0
        if r < 0 or c < 0 or r >= len(self.data):
            return None
        line = self.data[r]
        return line[c] if c < len(line) else None

    def put(self, row: int, col: int, v: Any) -> None:
        r, c = row - self.r0, col - self.c0
        if 0 <= r < len(self.data) and 0 <= c < len(self.data[r]):
            self.data[r][c] = v

    def terisi(self, a: int, b: int, kolom: list[int]):
        """Rows in a..b holding a value in one of `kolom` (only rows read are looked at)."""
        for r in range(max(a, self.r0), min(b, self.last_row) + 1):
            if any(self.get(r, c) is not None for c in kolom):
                yield r

    @property
    def last_row(self) -> int:
        return self.r0 + len(self.data) - 1

    @property
    def last_col(self) -> int:
        return self.c0 + max((len(r) for r in self.data), default=0) - 1


def _muatan(sheet) -> tuple[int, int] | None:
    """Rows and columns of the values an xlwings client sent for the sheet
    (the remote engine: Server and Lite), None elsewhere (desktop Excel)."""
    try:
        api = sheet.api
    except Exception:  # a lazy book whose values are not loaded: ask the range as usual
        return None
    v = api.get("values") if isinstance(api, dict) else None
    if not isinstance(v, list):
        return None
    return len(v), max((len(r) for r in v if isinstance(r, list)), default=0)


def baca_grid(sheet, kolom: tuple[int, int] | None = None, baris_awal: int = 1) -> Grid:
    """The sheet's used range in one call, values normalised: only columns
    kolom[0]…kolom[1] and rows from `baris_awal` when given (the tables and
    settings read there), never beyond the values the client sent (a used
    range a client declares larger is not padded out cell by cell), and
    without the blank rows at its end.  What is read is bounded by what is
    used, never by where a stray cell sits."""
    used = sheet.used_range
    r1, c1 = used.row, used.column
    r2, c2 = r1 + used.shape[0] - 1, c1 + used.shape[1] - 1
    if kolom is not None:
        c1, c2 = max(c1, kolom[0]), min(c2, kolom[1])
        r1 = max(r1, baris_awal)
    batas = _muatan(sheet)
    if batas is not None:  # values are anchored at A1
        r2, c2 = min(r2, batas[0]), min(c2, batas[1])
    if r2 < r1 or c2 < c1:
        return Grid(r1, c1, [])
    if (r1, c1, r2, c2) == (used.row, used.column, used.row + used.shape[0] - 1, used.column + used.shape[1] - 1):
        rng = used
    else:
        rng = sheet.range((r1, c1), (r2, c2))
    data = rng.options(ndim=2, err_to_str=True).value or []
    rows = [[normal(v) for v in row] for row in data]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return Grid(r1, c1, rows)


@dataclass
class InfoTabel:
    name: str
    sheet: str
    ref: str  # "A4:Q309"
    columns: tuple[str, ...]  # header texts Excel keeps for the table (may be empty)
    totals: int = 0  # 1 when the table shows its Total Row
    sheet_obj: Any = None


@dataclass
class Bacaan:
    """Everything read from the book: the RawWorkbook and what the writer needs."""

    raw: RawWorkbook
    grids: dict[str, Grid]
    sheets: tuple[str, ...]


def _tabel_info(sheet) -> list[InfoTabel]:
    out = []
    for t in sheet.tables:
        rng = t.range
        ref = rng.address.replace("$", "")
        try:
            cols = tuple(c.name for c in t.columns)
        except Exception:  # minimal client payloads carry no column names
            cols = ()
        try:
            totals = 1 if t.show_totals else 0
        except Exception:  # pragma: no cover - a client without the flag
            totals = 0
        out.append(InfoTabel(t.name, sheet.name, ref, cols, totals, sheet))
    return out


def _teks_kepala(v: Any) -> str:
    """A header cell's text, as Excel keeps a table column's name (a typed
    2026 is the name "2026")."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _nama_info(book) -> dict[str, tuple[str, str]]:
    """Book-scoped defined names that refer to one range: name → (sheet, 'B5')."""
    out: dict[str, tuple[str, str]] = {}
    for n in book.names:
        nama = n.name
        if "!" in nama:  # sheet-scoped names are keyed 'Sheet!Name'
            continue
        try:
            rng = n.refers_to_range
            out[nama] = (rng.sheet.name, rng.address.replace("$", "").split(":")[0])
        except Exception:  # a constant or a formula, not a range
            continue
    return out


class Buku:
    """The open book's structure, checked once: its sheets, the KONTRAK tables
    and names, each sheet's used range (read when first needed, one call) and
    each table's rows (`io.tabel.letak_tabel`, as the file adapter finds them).

    Shared by the reader and by xlwings Lite's on-demand questions
    (`sifat.baca_lite` asks exactly about the rows read here), so the book is
    read once.  Raises MasalahBuku when a required table, column or name is
    missing.
    """

    def __init__(self, book):
        self.book = book
        self.sheets = {s.name: s for s in book.sheets}
        self.wanted = {n: t.headers for n, t in K.TABEL.items()} | TABEL_REFERENSI
        self.tables: dict[str, InfoTabel] = {}
        for s in self.sheets.values():
            for info in _tabel_info(s):
                self.tables[info.name] = info
        self.names = _nama_info(book)
        self.grids: dict[str, Grid] = {}
        self._letak: dict[str, Letak] = {}
        for info in self.tables.values():
            if not info.columns:  # a client that sends no column names: the header row says them
                info.columns = self._kepala(info)
        for nama, info in list(self.tables.items()):
            if nama in self.wanted:
                continue
            kepala = tuple(c for c in info.columns if c)
            if kepala:
                # An office's own table a catalogue row may name (KONTRAK §5).
                self.wanted[nama] = kepala
            else:
                del self.tables[nama]
        if "tblTarget" in self.tables:
            self.wanted["tblTarget"] = K.kepala_wajib("tblTarget", self.tables["tblTarget"].columns)
        periksa_struktur(tuple(self.sheets), self.names, self.tables, "buku kerja ini")

    def _kepala(self, info: InfoTabel) -> tuple[str, ...]:
        """A table's header texts as its header row holds them ("" for a blank cell)."""
        r1, c1, _, c2 = parse_ref(info.ref)
        g = self.grid(info.sheet)
        return tuple(_teks_kepala(g.get(r1, c)) for c in range(c1, c2 + 1))

    def _jendela(self, nama: str) -> tuple[tuple[int, int], int] | None:
        """Columns and first row read on a sheet: its KONTRAK tables' and
        settings' (rows typed below a table are the used range's); None for
        a sheet read whole (Validasi, Gaya for the writer)."""
        kotak = [parse_ref(t.ref) for t in self.tables.values() if t.sheet == nama]
        kotak += [(r, c, r, c) for spec in K.PENGATURAN if spec.nama in self.names
                  for lembar, a in [self.names[spec.nama]] if lembar == nama for r, c in [parse_address(a)]]
        if not kotak:
            return None
        return (min(k[1] for k in kotak), max(k[3] for k in kotak)), min(k[0] for k in kotak)

    def grid(self, nama: str) -> Grid:
        if nama not in self.grids:
            j = self._jendela(nama)
            self.grids[nama] = (baca_grid(self.sheets[nama]) if j is None
                                else baca_grid(self.sheets[nama], j[0], j[1]))
        return self.grids[nama]

    def letak(self, name: str) -> Letak:
        """Header row, columns and rows of a table present in the book."""
        if name not in self._letak:
            info = self.tables[name]
            g = self.grid(info.sheet)
            lain = tuple(parse_ref(t.ref) for n, t in self.tables.items() if t.sheet == info.sheet and n != name)
            self._letak[name] = letak_tabel(name, info.sheet, info.ref, info.columns, self.wanted[name], g.get,
                                            g.terisi, "buku kerja ini", totals=info.totals, lain=lain)
        return self._letak[name]


def baca(book, lembar_tambahan: tuple[str, ...] = (), sifat=None) -> Bacaan:
    """Read the KONTRAK names and tables (and the Referensi tables present).

    `lembar_tambahan`: further sheets whose used range the writer needs
    (Validasi, Gaya) — read in the same way, one call each.
    `sifat`: merges and number formats already asked of xlwings Lite
    (`excel.sifat.baca_lite`, whose Buku is reused); without it they are asked
    of the engine synchronously, which only desktop Excel can answer.
    """
    buku = sifat.buku if sifat is not None and sifat.buku is not None else Buku(book)
    raw = RawWorkbook(sheets=tuple(buku.sheets), source=_nama_buku(book))
    for spec in K.PENGATURAN:
        if spec.nama not in buku.names:
            continue
        lembar, alamat = buku.names[spec.nama]
        r, c = parse_address(alamat)
        v = buku.grid(lembar).get(r, c)
        if spec.jenis is K.Jenis.TANGGAL:
            v = tanggal(v)
        raw.names[spec.nama] = RawName(spec.nama, lembar, alamat, v)
    for name in buku.wanted:
        if name in buku.tables:
            raw.tables[name] = _baca_tabel(name, buku, raw.catatan, sifat)
    for nama in lembar_tambahan:
        if nama in buku.sheets:
            buku.grid(nama)
    return Bacaan(raw, buku.grids, tuple(buku.sheets))


def _nama_buku(book) -> str:
    try:
        return str(book.name)
    except Exception:
        return ""


def _baca_tabel(name: str, buku: Buku, catatan: list, sifat=None) -> RawTable:
    info, letak = buku.tables[name], buku.letak(name)
    g = buku.grid(info.sheet)
    spec = K.TABEL.get(name)
    kolom_tanggal = {k.header for k in spec.kolom if k.jenis is K.Jenis.TANGGAL} if spec else set()
    catatan.extend(letak.catatan)
    if sifat is None:  # desktop Excel answers synchronously (the remote engine cannot: none known)
        merges = (_gabungan(info.sheet_obj, letak) if letak.rentang else None) or []
        persen = _format_persen(info.sheet_obj, letak)
    else:  # asked of xlwings Lite first; not `diketahui` on xlwings Server
        merges = sifat.gabungan_di(info.sheet) if sifat.diketahui else None

        def persen(r: int, c: int, _s=info.sheet):
            return sifat.persen(_s, r, c)
    if merges is None:  # xlwings Server: say where a merge could hide
        catatan.extend(gabungan_tak_diketahui(name, info.sheet, letak, g.get))
    elif letak.rentang:
        catatan.extend(gabungan(name, info.sheet, letak, merges, g.get))
    cols = letak.cols
    rows = []
    for r in letak.baris:
        values = {h: g.get(r, c) for h, c in cols.items()}
        for h in kolom_tanggal:
            values[h] = tanggal(values[h])
        rows.append(RawRow(r, values, cols))
    # Which numbers show as a percentage is asked by validation, for the
    # columns the catalogue reads as numbers (`validasi.persen`).
    return RawTable(name, info.sheet, letak.header_row, cols, rows, persen=persen)


def _gabungan(sheet, letak) -> list[tuple[int, int, int, int]] | None:
    """Merged ranges over the table's rows, asked of desktop Excel by halving
    the rows (a handful of calls, whatever the table's size).  The remote
    engine cannot answer synchronously: None (unknown)."""
    c1, c2 = min(letak.cols.values()), max(letak.cols.values())
    out: set[tuple[int, int, int, int]] = set()

    def cari(r1: int, r2: int) -> None:
        rng = sheet.range((r1, c1), (r2, c2))
        m = rng.merge_cells
        if m is False:
            return
        if r1 == r2:
            for c in range(c1, c2 + 1):
                cell = sheet.range((r1, c))
                if cell.merge_cells:
                    a = cell.merge_area
                    out.add((a.row, a.column, a.row + a.rows.count - 1, a.column + a.columns.count - 1))
            return
        mid = (r1 + r2) // 2
        cari(r1, mid)
        cari(mid + 1, r2)

    try:
        for a, b in letak.rentang:  # blank rows too: a merged range there is inside the table
            cari(a, b)
    except (NotImplementedError, AttributeError):
        return None
    return sorted(out)


def _format_persen(sheet, letak):
    """(row, col) → is the cell percent-formatted; None when the engine cannot
    say (remote).  Desktop: one call per column, per cell only when the
    column's formats are mixed."""
    kolom: dict[int, Any] = {}
    tahu = [sheet is not None]

    def persen(r: int, c: int):
        if not tahu[0]:
            return None
        try:
            if c not in kolom:
                kolom[c] = sheet.range((letak.baris[0], c), (letak.baris[-1], c)).number_format
            fmt = kolom[c] if kolom[c] is not None else sheet.range((r, c)).number_format
        except (NotImplementedError, AttributeError):
            tahu[0] = False
            return None
        return isinstance(fmt, str) and format_persen(fmt)

    return persen
