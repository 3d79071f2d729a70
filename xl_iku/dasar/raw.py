"""What an adapter hands to the engine: cell values with their addresses.

Both adapters (the file reader and the xlwings reader) produce a
`RawWorkbook`; everything after that — parsing, validation, rules, layout —
is one code path.  Values are plain Python: None, str, int/float, bool,
datetime.date / datetime.datetime (only for cells Excel itself stores as dates).
A cell holding an Excel error value carries its code as text ("#N/A"): that is
how every xlwings client sends it, so both adapters hand the engine the same
value, and the cell checks turn it into a galat at that cell (never a blank).
"""

from __future__ import annotations

import re
from functools import cache
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import repeat
from operator import attrgetter, is_, itemgetter
from typing import Any, Callable

# Excel's error values (typed, pasted or a formula's saved result).
KODE_GALAT_EXCEL = frozenset({
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!",
    "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#DATA!",
})


# Serial numbers Excel can display as a date (1900-01-01 … 9999-12-31).
SERIAL_MIN, SERIAL_MAX = 1, 2958465
@cache  # a sheet of 100,000 cells names the same few columns over and over
def col_letter(col: int) -> str:
    """1 → A, 27 → AA."""
    s = ""
    while col:
        col, r = divmod(col - 1, 26)
        s = chr(65 + r) + s
    return s


_ADDR = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def col_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def parse_address(addr: str) -> tuple[int, int]:
    """'H12' → (12, 8)."""
    m = _ADDR.match(addr.strip())
    if not m:
        raise ValueError(addr)
    return int(m.group(2)), col_index(m.group(1))


def parse_ref(ref: str) -> tuple[int, int, int, int]:
    """'A3:Q20' → (first_row, first_col, last_row, last_col)."""
    ref = ref.split("!")[-1].replace("$", "")
    a, _, b = ref.partition(":")
    r1, c1 = parse_address(a)
    r2, c2 = parse_address(b or a)
    return r1, c1, r2, c2


def address(row: int, col: int) -> str:
    return f"{col_letter(col)}{row}"


class RowValues(Mapping):
    """header → value over one row list, without a dict per row.

    Tables of 10,000 rows are common; a view over the reader's own row list
    (with one header → index map shared by every row) keeps memory flat.
    Empty strings read as None, as a blank cell.
    """

    __slots__ = ("_line", "_idx")

    def __init__(self, line, idx: dict[str, int]):
        self._line = line
        self._idx = idx

    def __getitem__(self, header: str):
        i = self._idx[header]
        line = self._line
        if i < 0 or i >= len(line):
            return None
        v = line[i]
        return None if v == "" else v

    # Mapping's generic get/items go through __getitem__ and exceptions; these
    # are called for every cell of every row, so they get direct versions.
    def get(self, header: str, default=None):
        i = self._idx.get(header)
        line = self._line
        if i is None or i < 0 or i >= len(line):
            return default
        v = line[i]
        return None if v == "" else v

    def items(self):
        line, n = self._line, len(self._line)
        return [(h, (None if (v := line[i]) == "" else v) if 0 <= i < n else None) for h, i in self._idx.items()]

    def values(self):
        return [v for _, v in self.items()]

    def __iter__(self):
        return iter(self._idx)

    def __len__(self) -> int:
        return len(self._idx)

    def __repr__(self) -> str:
        return repr(dict(self))

    def ganti(self, header: str, v) -> None:
        """Replace the value under `header` in the reader's own row list."""
        i = self._idx[header]
        if 0 <= i < len(self._line):
            self._line[i] = v


_KOSONG = {"": None}
_VALUES, _IDX, _LINE = attrgetter("values"), attrgetter("_idx"), attrgetter("_line")


def kolom_nilai(rows: list[RawRow], headers: Iterable[str] | None = None) -> dict[str, list] | None:
    """header → `[r.values.get(header) for r in rows]` for every header (or
    those of `headers` the rows have), one column at a time at C speed, when
    the rows are views over one reader's lines (the 100.000-row registers);
    None for other rows (go row by row)."""
    if not rows or type(rows[0].values) is not RowValues:
        return None
    idx = rows[0].values._idx
    # Checked with C-level maps: this runs over every row of every table.
    views = list(map(_VALUES, rows))
    if set(map(type, views)) != {RowValues} or not all(map(is_, map(_IDX, views), repeat(idx))):
        return None
    lines = list(map(_LINE, views))
    del views
    lebar = min(map(len, lines))
    out = {}
    for h, i in idx.items() if headers is None else ((h, idx[h]) for h in headers if h in idx):
        if i < 0:
            col = [None] * len(lines)
        elif i < lebar:
            col = list(map(itemgetter(i), lines))
        else:
            col = [line[i] if i < len(line) else None for line in lines]
        if "" in col:
            # d.get(v, v): None for "", the value itself otherwise (C speed;
            # hash("") == hash(0) but 0 != "", so only "" maps to None).
            try:
                col = list(map(_KOSONG.get, col, col))
            except TypeError:  # an unhashable value (no reader gives one today)
                col = [None if v == "" else v for v in col]
        out[h] = col
    return out


@dataclass(slots=True)
class RawRow:
    row: int  # 1-based sheet row
    values: Mapping[str, Any]  # header → value (a dict or a RowValues view)
    cols: dict[str, int]  # header → 1-based sheet column

    def cell(self, header: str) -> str:
        return address(self.row, self.cols[header])

    def ganti(self, header: str, v: Any) -> None:
        """Replace the value read under `header` (a dict or a RowValues view)."""
        if isinstance(self.values, RowValues):
            self.values.ganti(header, v)
        else:
            self.values[header] = v  # type: ignore[index]


@dataclass(frozen=True)
class Catatan:
    """A finding of the reading layer (a row or cell the adapter saw but the
    engine's cell values cannot show: a row after a gap, a merged range, a
    percentage-formatted number).  The engine files it like its own."""

    tingkat: str  # "galat" | "peringatan"
    lembar: str
    sel: str
    pesan: str
    tabel: str | None = None  # a galat blocks this table's readers ...
    kode: str | None = None
    blokir: tuple[str, ...] | None = None  # ... or only these codes


# (row, col) → whether the cell is formatted as a percentage; None when the
# adapter cannot know (xlwings Server sends no number formats).
FormatPersen = Callable[[int, int], "bool | None"]


@dataclass
class RawTable:
    name: str
    sheet: str
    header_row: int
    columns: dict[str, int]  # header text → 1-based column
    rows: list[RawRow] = field(default_factory=list)
    # Which number cells show as a percentage (KONTRAK §3 "Cells"), asked by
    # validation once the catalogue says which columns are read as numbers
    # (`validasi.persen`); None: no cell of the table is percent-formatted.
    persen: FormatPersen | None = field(default=None, compare=False, repr=False)
    # Values `validasi.persen` replaced, as read: (row, header) → value, so a
    # second validation of the same RawWorkbook starts from what was read.
    asli: dict[tuple[int, str], Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass
class RawName:
    name: str
    sheet: str
    address: str  # e.g. "C5"
    value: Any


@dataclass
class RawWorkbook:
    names: dict[str, RawName] = field(default_factory=dict)
    tables: dict[str, RawTable] = field(default_factory=dict)
    sheets: tuple[str, ...] = ()
    source: str = ""
    # Cells holding a formula with no stored result (e.g. written by a program
    # that cannot calculate): their value reads as blank, so they are reported.
    rumus_tanpa_nilai: dict[str, set[str]] = field(default_factory=dict)
    catatan: list[Catatan] = field(default_factory=list)
