"""File adapter, reading side: the workbook package → RawWorkbook.

Table locations and defined names come from the package XML itself
(`io.package`); cell values from python-calamine, which reads a sheet without
building an object per cell.  Tables are found by name and columns by header
text, so a moved, extended or widened table still reads; rows typed directly
below a table (that Excel would have absorbed) are read too.
"""

from __future__ import annotations

import re
from pathlib import Path

import python_calamine as pc

from .. import kontrak as K
from ..referensi import TABEL_REFERENSI
from .package import FileError, Package
from .tabel import StrukturError, letak_tabel, periksa_struktur
from ..dasar.raw import RawName, RawRow, RawTable, RawWorkbook, RowValues, parse_address


_RUMUS_TANPA_NILAI = re.compile(
    rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3}[0-9]+)"[^>]*>\s*<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)'
    rb'\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>'
)


def _rumus_tanpa_nilai(xml: bytes) -> set[str]:
    """Addresses of formula cells without a cached value."""
    return {m.group(1).decode() for m in _RUMUS_TANPA_NILAI.finditer(xml)}


class _Grid:
    """One sheet's values, addressed 1-based like Excel."""

    def __init__(self, sheet: pc.CalamineSheet):
        start = sheet.start
        self.r0, self.c0 = (start if start is not None else (0, 0))
        self.data = sheet.to_python(skip_empty_area=True) if start is not None else []

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


def baca_paket(pkg: Package) -> RawWorkbook:
    """Read an already opened package (so `hitung` opens and checks it once)."""
    path = pkg.path
    sheets = [s.name for s in pkg.sheets]
    names = dict(pkg.defined_names)
    tables = dict(pkg.tables)
    # calamine parses the sheets we read: refuse a DOCTYPE in them first.
    needed = {t.sheet for t in tables.values()} | {n.sheet for n in names.values()}
    rumus: dict[str, set[str]] = {}
    for info in pkg.sheets:
        if info.name in needed:
            pkg.check_prolog(info.part)
            # Formulas are rare in input sheets: stream-scan, parse only on a hit.
            if pkg.contains(info.part, (b"<f>", b"<f ", b":f>", b":f ")):
                kosong = _rumus_tanpa_nilai(pkg.read(info.part))
                if kosong:
                    rumus[info.name] = kosong
    try:
        periksa_struktur(sheets, names, tables, f"berkas '{path.name}'")
    except StrukturError as e:
        raise FileError(e.pesan) from None
    try:
        book = pc.CalamineWorkbook.from_path(str(path))
    except Exception as e:  # calamine raises its own error types for broken parts
        raise FileError(f"Berkas '{path.name}' rusak dan tidak dapat dibaca isinya.") from e
    grids: dict[str, _Grid] = {}

    def grid(sheet: str) -> _Grid:
        if sheet not in grids:
            try:
                grids[sheet] = _Grid(book.get_sheet_by_name(sheet))
            except Exception as e:
                raise FileError(f"Lembar '{sheet}' di berkas '{path.name}' rusak dan tidak dapat dibaca.") from e
        return grids[sheet]

    raw = RawWorkbook(sheets=tuple(sheets), source=str(path), rumus_tanpa_nilai=rumus)
    for spec in K.PENGATURAN:
        dn = names.get(spec.nama)
        if dn is None:
            continue
        r, c = parse_address(dn.address)
        raw.names[spec.nama] = RawName(spec.nama, dn.sheet, dn.address, grid(dn.sheet).get(r, c))
    wanted = {n: t.headers for n, t in K.TABEL.items()} | TABEL_REFERENSI
    for name, headers in wanted.items():
        info = tables.get(name)
        if info is None:
            continue
        try:
            raw.tables[name] = _read_table(path, name, info, headers, grid(info.sheet))
        except StrukturError as e:
            raise FileError(e.pesan) from None
    book.close()
    return raw


def _read_table(path: Path, name: str, info, headers: tuple[str, ...], g: _Grid) -> RawTable:
    header_row, cols, last = letak_tabel(name, info.sheet, info.ref, info.columns, headers, g.get, g.last_row,
                                         f"berkas '{path.name}'")
    idx = {h: c - 1 - g.c0 for h, c in cols.items()}
    rows = [RawRow(r, RowValues(g.line(r), idx), cols) for r in range(header_row + 1, last + 1)]
    return RawTable(name, info.sheet, header_row, cols, rows)
