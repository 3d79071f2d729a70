"""File adapter, reading side: the workbook package → RawWorkbook.

Table locations, total rows and defined names come from the package XML
itself (`io.package`); cell values and merged ranges from python-calamine,
which reads a sheet without building an object per cell; error cells,
formulas without a stored result and percentage formats from `io.sel_berkas`
(only in the sheets where they can occur).  Which rows belong to a table
(`io.tabel.letak_tabel`) is shared with the xlwings adapter.

Reading is bounded by what is read, not by where a cell sits: calamine
builds a dense grid from a sheet's first to its last value (one stray value
at XFD1048576 is 512 GB), so a streamed pass (`sel_berkas.pindai`) first
finds the box every cell lies in, and a sheet whose box is out of proportion
to its size reaches calamine filtered to the cells of its KONTRAK tables and
settings (`sel_berkas.saring`).  A table's rows are its filled rows, found
through the grid, so a range reaching row 1.048.576 costs what its data costs.
"""

from __future__ import annotations

import io
from bisect import bisect_left, bisect_right
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Iterable

import python_calamine as pc

from .. import kontrak as K
from ..referensi import TABEL_REFERENSI
from .package import FileError, Package
from .salin import salin
from .sel_berkas import InfoSel, Pindaian, Saringan, baca_info, jarum_persen, pindai, saring, xf_persen
from .tabel import BARIS_MAKS, StrukturError, gabungan, letak_tabel, periksa_struktur
from ..dasar.raw import RawName, RawRow, RawTable, RawWorkbook, RowValues, parse_address, parse_ref

# What calamine raises for a part it cannot parse (its own error family; the
# Rust side surfaces I/O and bad values as OSError/ValueError).  Anything else
# is a bug and reaches the boundary as one.
_GALAT_CALAMINE = (pc.CalamineError, OSError, ValueError)


class _Grid:
    """One sheet's values, addressed 1-based like Excel: calamine's dense
    grid of the whole sheet (`pindai` found it in proportion to the file)."""

    def __init__(self, sheet: pc.CalamineSheet, info: InfoSel | None = None):
        start = sheet.start
        self.r0, self.c0 = (start if start is not None else (0, 0))
        self.data = sheet.to_python(skip_empty_area=True) if start is not None else []
        # (first row, first col, last row, last col), 1-based
        self.merges = [(a + 1, b + 1, c + 1, d + 1) for (a, b), (c, d) in (sheet.merged_cell_ranges or ())]
        self._isi(info)

    def _isi(self, info: InfoSel | None) -> None:
        self.info = info or InfoSel()
        for (r, c), kode in self.info.galat.items():
            # calamine reads an error cell as blank; it carries its code instead.
            self.put(r, c, kode)
        for (r, c), logika in self.info.logika.items():
            self.put(r, c, logika)  # TRUE/FALSE as Excel computes it, not LibreOffice's stored 1/0
        self._rumus = [parse_address(a) for a in self.info.tanpa_nilai] if self.info.tanpa_nilai else []

    def _rc(self, row: int, col: int) -> tuple[int, int]:
        return row - 1 - self.r0, col - 1 - self.c0

    def put(self, row: int, col: int, v) -> None:
        r, c = self._rc(row, col)
        if 0 <= r < len(self.data) and 0 <= c < len(self.data[r]):
            self.data[r][c] = v

    def get(self, row: int, col: int):
        r, c = self._rc(row, col)
        if r < 0 or c < 0 or r >= len(self.data):
            return None
        line = self.data[r]
        if c >= len(line):
            return None
        v = line[c]
        return None if v == "" else v

    def line(self, row: int) -> list:
        r = self._rc(row, 1)[0]
        return self.data[r] if 0 <= r < len(self.data) else []

    def lines_at(self, rows: list[int]) -> list[list]:
        """`line(r)` for each of `rows` (a table's 100,000 rows: one comprehension)."""
        data, r0, n = self.data, self.r0, len(self.data)
        return [data[i] if 0 <= (i := r - 1 - r0) < n else [] for r in rows]

    def indeks(self, col: int) -> int:
        """Where column `col` sits in `line(row)` (negative: never)."""
        return col - 1 - self.c0

    def _baris(self, a: int, b: int) -> Iterable[int]:
        return range(max(a, self.r0 + 1), min(b, self.r0 + len(self.data)) + 1)

    def _lines(self, rows: range) -> list[list]:
        """The grid lines of `rows` (consecutive rows inside the grid)."""
        return self.data[rows.start - 1 - self.r0:rows.stop - 1 - self.r0]

    def terisi(self, a: int, b: int, kolom: list[int]) -> list[int]:
        """Rows in a..b holding a value in one of `kolom`, ascending (a value
        as `get` sees one)."""
        rows = self._baris(a, b)
        lines = self._lines(rows)
        # Column by column over the lines, not cell by cell through `get`
        # (100,000 rows: one comprehension, not a million calls); the rows
        # still blank narrow at each column, and most leave at the first.
        kosong: Iterable[int] = range(len(lines))
        for j in dict.fromkeys(map(self.indeks, kolom)):
            if j < 0:
                continue
            kosong = [i for i in kosong if len(ln := lines[i]) <= j or (v := ln[j]) is None or v == ""]
            if not kosong:
                return list(rows)
        if len(kosong) == len(lines):
            return []
        tetap = set(kosong)
        return [r for i, r in enumerate(rows) if i not in tetap]

    def berumus(self, a: int, b: int, kolom: list[int]) -> list[int]:
        """Rows in a..b with a formula without a stored value in one of `kolom`."""
        k = set(kolom)
        return sorted({r for r, c in self._rumus if a <= r <= b and c in k})


class _GridSaring(_Grid):
    """A sheet read through `sel_berkas.saring`: only the rows and columns
    holding a cell the product reads, mapped back to sheet coordinates."""

    def __init__(self, sheet: pc.CalamineSheet, s: Saringan, info: InfoSel | None = None):
        self.r0 = self.c0 = 0
        self.data = sheet.to_python(skip_empty_area=False) if sheet.start is not None else []
        self.merges = s.gabungan
        self._rows = s.baris
        self._ib = {r: i for i, r in enumerate(s.baris)}
        self._ik = {c: j for j, c in enumerate(s.kolom)}
        self._isi(info)

    def _rc(self, row: int, col: int) -> tuple[int, int]:
        return self._ib.get(row, -1), self._ik.get(col, -1)

    def indeks(self, col: int) -> int:
        return self._ik.get(col, -1)

    def _baris(self, a: int, b: int) -> Iterable[int]:
        return self._rows[bisect_left(self._rows, a):bisect_right(self._rows, b)]

    def _lines(self, rows: list[int]) -> list[list]:
        return [self.data[self._ib[r]] for r in rows]

    def lines_at(self, rows: list[int]) -> list[list]:
        data, ib, n = self.data, self._ib, len(self.data)
        return [data[i] if 0 <= (i := ib.get(r, -1)) < n else [] for r in rows]


def baca(path: str | Path) -> RawWorkbook:
    with Package.open(path) as pkg:
        return baca_paket(pkg)


def _latar(pool: ThreadPoolExecutor, fn, *args) -> Future:
    """`fn(*args)` on the pool's thread, or here and now where no thread can
    start (Pyodide): the result or the error waits in the Future either way."""
    try:
        return pool.submit(fn, *args)
    except RuntimeError:
        f: Future = Future()
        try:
            f.set_result(fn(*args))
        except Exception as e:  # re-raised by f.result(), where the caller waits
            f.set_exception(e)
        return f


def baca_paket(pkg: Package) -> RawWorkbook:
    """Read an already opened package (so `hitung` opens and checks it once)."""
    # calamine parses a sheet with the GIL released, and so does zlib while the
    # cell-info scan inflates a sheet part: the scans run on a second thread
    # beside the parse (100,000 respondents: 75 MB of sheet XML inflated twice).
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="xl-iku-sel") as pool:
        return _baca_paket(pkg, pool)


def _baca_paket(pkg: Package, pool: ThreadPoolExecutor) -> RawWorkbook:
    path = pkg.path
    sheets = [s.name for s in pkg.sheets]
    names = dict(pkg.defined_names)
    tables = dict(pkg.tables)
    wanted = {n: t.headers for n, t in K.TABEL.items()} | TABEL_REFERENSI
    # An office's own tables (KONTRAK §5: a catalogue row may name any Excel
    # Table) are read with the headers they have; tblTarget with its years as typed.
    kantor = {n: tuple(info.columns) for n, info in tables.items() if n not in wanted and info.columns}
    if "tblTarget" in tables:
        wanted["tblTarget"] = K.kepala_wajib("tblTarget", tables["tblTarget"].columns)
    # calamine parses the sheets we read: refuse a DOCTYPE in them first.
    needed = {t.sheet for t in tables.values()} | {n.sheet for n in names.values()}
    # Percent formats: any table's number may be read as one (the catalogue
    # decides which, after reading); a sheet is scanned for them only when
    # its XML names a percent cell style at all.
    persen_xf = xf_persen(pkg)
    jarum = jarum_persen(persen_xf)
    lembar_persen = {t.sheet for t in tables.values()} if persen_xf else set()
    for info in pkg.sheets:
        if info.name in needed:
            pkg.check_prolog(info.part)
    # What each sheet is read for: the cells calamine must see, and no more
    # (`sel_berkas.saring` when the sheet's cells reach far beyond them):
    # a table's columns from its header row down (rows typed below it
    # count), a setting's one cell.
    jendela: dict[str, list[tuple[int, int, int, int]]] = {}
    for spec in K.PENGATURAN:
        if (dn := names.get(spec.nama)) is not None:
            r, c = parse_address(dn.address)
            jendela.setdefault(dn.sheet, []).append((r, r, c, c))
    for name in (*wanted, *kantor):
        if (t := tables.get(name)) is not None and t.ref:
            r1, c1, _, c2 = parse_ref(t.ref)
            jendela.setdefault(t.sheet, []).append((r1, BARIS_MAKS, c1, c2))
    # One pass per sheet (`pindai`: its needles and its cells' box), then the
    # cell-info scan where the needles say so, on a second thread; the main
    # thread parses each sheet once its pass is done, smallest first, so the
    # pass over the biggest sheet runs beside the parse of the others.
    urut = sorted((i for i in pkg.sheets if i.name in needed), key=lambda i: (_ukuran(pkg, i.part), i.index))
    bounds: dict[str, Future] = {}
    scan: dict[str, Future] = {}
    for info in urut:
        persen = info.name in lembar_persen
        bounds[info.name] = _latar(pool, pindai, pkg, info.part, jarum if persen else ())
        scan[info.name] = _latar(pool, _info_sesudah, pkg, info.part,
                                 persen_xf if persen else frozenset(), bounds[info.name], jarum)
    scan = {i.name: scan[i.name] for i in pkg.sheets if i.name in scan}  # sheet order, as before

    def info_sel(sheet: str) -> InfoSel | None:
        return scan[sheet].result() if sheet in scan else None

    def scan_dulu() -> None:
        # A damaged sheet part found by its scan is reported before anything
        # else, as when the scans ran first.
        for f in scan.values():
            f.result()

    try:
        periksa_struktur(sheets, names, tables, f"berkas '{path.name}'")
    except StrukturError as e:
        scan_dulu()
        raise FileError(e.pesan) from None
    try:
        book = pc.CalamineWorkbook.from_path(str(path))
    except _GALAT_CALAMINE as e:
        scan_dulu()
        raise FileError(f"Berkas '{path.name}' rusak dan tidak dapat dibaca isinya.") from e
    grids: dict[str, _Grid] = {}
    gagal: dict[str, BaseException] = {}

    def buat(sheet: str) -> None:
        """Read one sheet; a failure waits until the sheet is needed, so the
        first one in the usual order is the one reported."""
        try:
            p: Pindaian | None = bounds[sheet].result() if sheet in bounds else None
            if p is None or p.aman:
                try:
                    lembar = book.get_sheet_by_name(sheet)  # the parse, beside the other sheets' scans
                except _GALAT_CALAMINE as e:
                    raise FileError(f"Lembar '{sheet}' di berkas '{path.name}' rusak dan tidak dapat dibaca.") from e
                grids[sheet] = _Grid(lembar, info_sel(sheet))
            else:
                grids[sheet] = _baca_saring(pkg, sheet, jendela.get(sheet, []), info_sel)
        except Exception as e:  # raised where the sheet is needed, as when it was read there
            gagal[sheet] = e

    def grid(sheet: str) -> _Grid:
        if sheet not in grids and sheet not in gagal:
            buat(sheet)
        if sheet in gagal:
            scan_dulu()
            raise gagal[sheet]
        return grids[sheet]

    for info in urut:
        if info.name in jendela:
            buat(info.name)
    raw = RawWorkbook(sheets=tuple(sheets), source=str(path))
    for spec in K.PENGATURAN:
        dn = names.get(spec.nama)
        if dn is None:
            continue
        r, c = parse_address(dn.address)
        raw.names[spec.nama] = RawName(spec.nama, dn.sheet, dn.address, grid(dn.sheet).get(r, c))
    for name, headers in (wanted | kantor).items():
        info = tables.get(name)
        if info is None:
            continue
        lain = tuple(parse_ref(t.ref) for n, t in tables.items() if t.sheet == info.sheet and n != name and t.ref)
        try:
            raw.tables[name] = _read_table(path, name, info, headers, grid(info.sheet), lain, raw.catatan)
        except StrukturError as e:
            if name in kantor:
                continue  # not xl-iku's: a catalogue row naming it says the table cannot be read
            scan_dulu()
            raise FileError(e.pesan) from None
    book.close()
    for sheet in scan:  # every scanned sheet, read or not (in sheet order, as before)
        sel = info_sel(sheet)
        if sel is not None and sel.tanpa_nilai:
            raw.rumus_tanpa_nilai[sheet] = sel.tanpa_nilai
    return raw


def _ukuran(pkg: Package, part: str) -> int:
    try:
        return pkg.arsip.getinfo(pkg._canon(part)).file_size
    except KeyError:
        return 0


def _info_sesudah(pkg: Package, part: str, persen_xf: frozenset[int], bounds: Future,
                  jarum: tuple[bytes, ...] = ()) -> InfoSel | None:
    hits = bounds.result().hits
    if persen_xf and not any(j in hits for j in jarum):
        persen_xf = frozenset()  # no cell of the sheet carries a percent style
    return baca_info(pkg, part, persen_xf, hits)


def _baca_saring(pkg: Package, sheet: str, jendela, info_sel) -> _Grid:
    """A sheet whose cells reach far beyond what is read: only the cells in
    `jendela`, in a one-sheet workbook of their own, go to calamine (which
    still decides every value: shared strings, dates, numbers)."""
    part = pkg.sheet(sheet).part
    s = saring(pkg, part, sheet, jendela)
    buf = io.BytesIO()
    # The package as it is (members copied compressed, untouched) with this
    # sheet's part replaced: calamine finds styles and shared strings where
    # the workbook says.
    salin(pkg, buf, {part: s.xml}, compresslevel=1)
    buf.seek(0)
    try:
        with pc.CalamineWorkbook.from_filelike(buf) as book:
            lembar = book.get_sheet_by_name(sheet)
    except _GALAT_CALAMINE as e:
        raise FileError(f"Lembar '{sheet}' di berkas '{pkg.path.name}' rusak dan tidak dapat dibaca.") from e
    return _GridSaring(lembar, s, info_sel(sheet))


def _read_table(path: Path, name: str, info, headers: tuple[str, ...], g: _Grid, lain, catatan: list) -> RawTable:
    letak = letak_tabel(name, info.sheet, info.ref, info.columns, headers, g.get, g.terisi,
                        f"berkas '{path.name}'", totals=info.totals_row_count, lain=lain, berumus=g.berumus)
    catatan.extend(letak.catatan)
    catatan.extend(gabungan(name, info.sheet, letak, g.merges, g.get))
    cols = letak.cols
    idx = {h: g.indeks(c) for h, c in cols.items()}
    rows = [RawRow(r, RowValues(line, idx), cols) for r, line in zip(letak.baris, g.lines_at(letak.baris))]
    persen = g.info.persen  # applied by validation, which knows the columns read as numbers
    return RawTable(name, info.sheet, letak.header_row, cols, rows,
                    persen=(lambda r, c: (r, c) in persen) if persen else None)
