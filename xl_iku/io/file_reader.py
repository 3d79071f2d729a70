"""File adapter, reading side: the workbook package → RawWorkbook.

Table locations, total rows and defined names come from the package XML
itself (`io.package`); cell values and merged ranges from python-calamine,
which reads a sheet without building an object per cell; error cells,
formulas without a stored result and percentage formats from `io.sel_berkas`
(only in the sheets where they can occur).  Which rows belong to a table
(`io.tabel.letak_tabel`) is shared with the xlwings adapter.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import python_calamine as pc

from .. import kontrak as K
from ..referensi import TABEL_REFERENSI
from .package import FileError, Package
from .sel_berkas import InfoSel, baca_info, xf_persen
from .tabel import StrukturError, gabungan, letak_tabel, periksa_struktur, persen_tampil
from ..dasar.raw import RawName, RawRow, RawTable, RawWorkbook, RowValues, parse_address, parse_ref

# What calamine raises for a part it cannot parse (its own error family; the
# Rust side surfaces I/O and bad values as OSError/ValueError).  Anything else
# is a bug and reaches the boundary as one.
_GALAT_CALAMINE = (pc.CalamineError, OSError, ValueError)


class _Grid:
    """One sheet's values, addressed 1-based like Excel."""

    def __init__(self, sheet: pc.CalamineSheet, info: InfoSel | None = None):
        start = sheet.start
        self.r0, self.c0 = (start if start is not None else (0, 0))
        self.data = sheet.to_python(skip_empty_area=True) if start is not None else []
        # (first row, first col, last row, last col), 1-based
        self.merges = [(a + 1, b + 1, c + 1, d + 1) for (a, b), (c, d) in (sheet.merged_cell_ranges or ())]
        self.info = info or InfoSel()
        for (r, c), kode in self.info.galat.items():
            # calamine reads an error cell as blank; it carries its code instead.
            self.put(r, c, kode)
        for (r, c), logika in self.info.logika.items():
            self.put(r, c, logika)  # TRUE/FALSE as Excel computes it, not LibreOffice's stored 1/0

    def put(self, row: int, col: int, v) -> None:
        r, c = row - 1 - self.r0, col - 1 - self.c0
        if 0 <= r < len(self.data) and 0 <= c < len(self.data[r]):
            self.data[r][c] = v

    def get(self, row: int, col: int):
        r, c = row - 1 - self.r0, col - 1 - self.c0
        if r < 0 or c < 0 or r >= len(self.data):
            return None
        line = self.data[r]
        if c >= len(line):
            return None
        v = line[c]
        return None if v == "" else v

    def line(self, row: int) -> list:
        r = row - 1 - self.r0
        return self.data[r] if 0 <= r < len(self.data) else []

    @property
    def last_row(self) -> int:
        return self.r0 + len(self.data)


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
    # calamine parses the sheets we read: refuse a DOCTYPE in them first.
    needed = {t.sheet for t in tables.values()} | {n.sheet for n in names.values()}
    lembar_persen = {t.sheet for n, t in tables.items() if n in K.KOLOM_PERSEN_TAMPIL}
    persen_xf = xf_persen(pkg) if lembar_persen else frozenset()
    for info in pkg.sheets:
        if info.name in needed:
            pkg.check_prolog(info.part)
    scan: dict[str, Future] = {
        info.name: _latar(pool, baca_info, pkg, info.part, persen_xf if info.name in lembar_persen else frozenset())
        for info in pkg.sheets if info.name in needed}

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

    def grid(sheet: str) -> _Grid:
        if sheet not in grids:
            try:
                lembar = book.get_sheet_by_name(sheet)  # the parse, beside this sheet's scan
            except _GALAT_CALAMINE as e:
                scan_dulu()
                raise FileError(f"Lembar '{sheet}' di berkas '{path.name}' rusak dan tidak dapat dibaca.") from e
            grids[sheet] = _Grid(lembar, info_sel(sheet))
        return grids[sheet]

    raw = RawWorkbook(sheets=tuple(sheets), source=str(path))
    for spec in K.PENGATURAN:
        dn = names.get(spec.nama)
        if dn is None:
            continue
        r, c = parse_address(dn.address)
        raw.names[spec.nama] = RawName(spec.nama, dn.sheet, dn.address, grid(dn.sheet).get(r, c))
    wanted = {n: t.headers for n, t in K.TABEL.items()} | TABEL_REFERENSI
    # An office's own tables (KONTRAK §5: a catalogue row may name any Excel
    # Table) are read with the headers they have.
    kantor = {n: tuple(info.columns) for n, info in tables.items() if n not in wanted and info.columns}
    if "tblTarget" in tables:
        wanted["tblTarget"] = K.kepala_wajib("tblTarget", tables["tblTarget"].columns)
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


def _read_table(path: Path, name: str, info, headers: tuple[str, ...], g: _Grid, lain, catatan: list) -> RawTable:
    letak = letak_tabel(name, info.sheet, info.ref, info.columns, headers, g.get, g.last_row,
                        f"berkas '{path.name}'", totals=info.totals_row_count, lain=lain)
    catatan.extend(letak.catatan)
    catatan.extend(gabungan(name, info.sheet, letak, g.merges, g.get))
    if name in K.KOLOM_PERSEN_TAMPIL and g.info.persen:
        persen = g.info.persen
        catatan.extend(persen_tampil(name, info.sheet, letak, g.get, g.put, lambda r, c: (r, c) in persen))
    cols = letak.cols
    idx = {h: c - 1 - g.c0 for h, c in cols.items()}
    rows = [RawRow(r, RowValues(g.line(r), idx), cols) for r in letak.baris]
    return RawTable(name, info.sheet, letak.header_row, cols, rows)
