"""Test harness for xlwings' *remote* engine (xlwings Server / xlwings Lite).

There is no Excel on the test machines. xlwings' remote engine lets the same
Python that runs behind the "Hitung" button run here: the Excel client
(Office.js add-in, VBA module, ...) serialises the workbook into a JSON
*payload*, Python loads it with ``xw.Book(json=payload)``, and every write is
queued as an *action* that ``book.json()`` returns for the client to apply.

This module plays the client's two halves on top of openpyxl:

* :func:`payload_from_xlsx` reads a real ``.xlsx`` and builds the payload the
  way xlwings' clients build it (see ``xlwingsjs/src/xlwings.ts`` ->
  ``runPython`` for Office.js and ``xlwings/addin/Remote.bas`` ->
  ``RunServerPython`` for VBA).
* :func:`apply_actions` applies the returned actions to a copy of the
  workbook, the way the client's callbacks (``setValues``,
  ``rangeClearContents``, ``setRangeColor``, ``addHyperlink``, ...) would,
  including the parts of Excel's "typed value" semantics that matter for
  round trips (ISO strings become dates, numeric text becomes numbers, ...).

Helpers :func:`run_remote`, :func:`sheet_values` and :func:`diff_sheets`
glue this together for tests. See ``docs/xlwings-remote.md``.

The licence key must be in the environment *before* xlwings is first
imported, otherwise xlwings registers no remote engine; importing this module
sets it (``XLWINGS_LICENSE_KEY=noncommercial``; the remote engine is PolyForm
Noncommercial, which covers use by government institutions).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import os
import posixpath
import re
import shutil
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Literal, Sequence
from xml.etree import ElementTree as ET

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import openpyxl  # noqa: E402
from openpyxl.cell.cell import MergedCell  # noqa: E402
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # noqa: E402
from openpyxl.utils import get_column_letter, range_boundaries  # noqa: E402
from openpyxl.utils.datetime import from_excel, to_excel  # noqa: E402
from openpyxl.workbook.defined_name import DefinedName  # noqa: E402
from openpyxl.worksheet.hyperlink import Hyperlink  # noqa: E402

__all__ = [
    "ApplyResult",
    "RemoteRun",
    "apply_actions",
    "action_counts",
    "actions_of",
    "diff_sheets",
    "drawing_objects",
    "excel_date",
    "load_book",
    "payload_from_xlsx",
    "run_remote",
    "sheet_values",
    "xlwings",
]

Client = Literal["Office.js", "VBA"]
DateMode = Literal["iso", "builtin", "serial"]


def xlwings():
    """Import xlwings with the remote engine available, or fail loudly."""
    import xlwings as xw

    if "remote" not in [engine.name for engine in xw.engines]:
        raise RuntimeError(
            "xlwings was imported before XLWINGS_LICENSE_KEY was set, so it has "
            "no remote engine. Import tests.xlwings_remote (or set the variable) "
            "before anything imports xlwings."
        )
    return xw


# --------------------------------------------------------------------------
# Payload (what the client sends)
# --------------------------------------------------------------------------

# Built-in number formats that Excel files under the "Date" / "Time"
# categories whatever the user's locale (ECMA-376 18.8.30). Custom formats
# such as "dd/mm/yyyy" (numFmtId >= 164) are reported by Office.js'
# `numberFormatCategories` as "Custom" unless Excel matches them to an entry
# of its locale's Date list, which we cannot know here: `dates="builtin"`
# assumes the worst case.
_BUILTIN_DATE_TIME_FMT_IDS = set(range(14, 23)) | {45, 46, 47} | set(range(27, 37)) | set(
    range(50, 59)
)

_JS_EPOCH = dt.datetime(1970, 1, 1)


def _iso_from_serial(serial: float) -> str:
    """``new Date(Math.round((value - 25569) * 86400 * 1000)).toISOString()``."""
    ms = math.floor((serial - 25569) * 86400 * 1000 + 0.5)  # JS Math.round
    moment = _JS_EPOCH + dt.timedelta(milliseconds=ms)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _json_number(value: float | int) -> float | int:
    """JSON.stringify writes 3.0 as 3, so Python's json reads it back as int."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _is_date_value(value: Any) -> bool:
    return isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta))


def _cell_payload_value(cell, client: Client, dates: DateMode, wb_epoch) -> Any:
    value = cell.value
    if value is None:
        return None if client == "VBA" else ""
    if isinstance(value, bool):
        return value
    if _is_date_value(value):
        serial = to_excel(value, wb_epoch)
        if client == "VBA":
            # Range.Value gives a VBA Date for every date-formatted cell and
            # WebHelpers.ConvertToIso formats it as yyyy-mm-ddTHH:mm:ss.000Z.
            return _iso_from_serial(serial)
        if dates == "serial":
            return _json_number(serial)
        if dates == "builtin" and cell._style.numFmtId not in _BUILTIN_DATE_TIME_FMT_IDS:
            return _json_number(serial)
        return _iso_from_serial(serial)
    if isinstance(value, (int, float)):
        return _json_number(value)
    return str(value)


def _strip_sheet(address: str) -> str:
    """Office.js addresses come as ``Sheet1!A1:B2``; clients keep ``A1:B2``."""
    return address.split("!")[-1]


def _office_address(ref: str) -> str:
    """Office.js reports relative-looking addresses: ``A1:C4``, ``B2``."""
    ref = _strip_sheet(ref).replace("$", "").upper()
    if ":" in ref:
        first, last = ref.split(":")
        if first == last:
            return first
    return ref


def _vba_address(ref: str) -> str:
    """``Range.Address`` (VBA default): ``$A$1:$C$4``."""
    min_col, min_row, max_col, max_row = range_boundaries(_office_address(ref))
    first = f"${get_column_letter(min_col)}${min_row}"
    if (min_col, min_row) == (max_col, max_row):
        return first
    return f"{first}:${get_column_letter(max_col)}${max_row}"


def _used_bounds(ws) -> tuple[int, int, int, int] | None:
    """(min_row, min_col, max_row, max_col) of cells present in the sheet XML.

    Like Excel's ``UsedRange`` (not ``valuesOnly``) this includes cells that
    only carry formatting.
    """
    if not ws._cells:
        return None
    rows = [r for r, _ in ws._cells]
    cols = [c for _, c in ws._cells]
    return min(rows), min(cols), max(rows), max(cols)


def _rumus_logika(path: Path) -> dict[str, dict[tuple[int, int], bool]]:
    """sheet → {(row, col): bool} for the cells holding =TRUE() or =FALSE().

    LibreOffice has no logical type: a typed TRUE is saved as =TRUE() with the
    number 1 stored.  Excel recalculates such a workbook when it opens it (it
    carries no calcId), so what Excel — and any xlwings client — reads there
    is the logical value, not the stored 1."""
    with zipfile.ZipFile(path) as z:
        if not any(b"TRUE()" in z.read(n) or b"FALSE()" in z.read(n)
                   for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")):
            return {}
    out: dict[str, dict[tuple[int, int], bool]] = {}
    for ws in openpyxl.load_workbook(path).worksheets:  # formulas, not their stored values
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if isinstance(v, str) and v.strip().upper() in ("=TRUE()", "=FALSE()"):
                    out.setdefault(ws.title, {})[(cell.row, cell.column)] = v.strip().upper() == "=TRUE()"
    return out


def _sheet_values(ws, client: Client, dates: DateMode, wb_epoch, bounds) -> list[list]:
    if bounds is None:
        # Office.js: getUsedRange() of a blank sheet is A1 -> [[""]].
        # VBA: IsEmpty(UsedRange.Value) -> Array(Array()).
        return [[""]] if client == "Office.js" else [[]]
    _, _, max_row, max_col = bounds
    values = []
    # Values always start at A1, up to the used range's last cell.
    for row in ws.iter_rows(min_row=1, max_row=max_row, min_col=1, max_col=max_col):
        values.append([_cell_payload_value(c, client, dates, wb_epoch) for c in row])
    return values


def _table_payload(table, client: Client, extended: bool) -> dict:
    address = _vba_address if client == "VBA" else _office_address
    min_col, min_row, max_col, max_row = range_boundaries(_office_address(table.ref))
    header_rows = 1 if table.headerRowCount is None else int(table.headerRowCount)
    totals_rows = int(table.totalsRowCount or 0)
    show_headers = header_rows > 0
    show_totals = totals_rows > 0
    body_first = min_row + header_rows
    body_last = max_row - totals_rows

    def rng(r1, r2):
        return address(f"{get_column_letter(min_col)}{r1}:{get_column_letter(max_col)}{r2}")

    style = table.tableStyleInfo
    entry = {
        "name": table.name,
        "range_address": address(table.ref),
        "header_row_range_address": rng(min_row, min_row) if show_headers else None,
        "data_body_range_address": rng(body_first, body_last) if body_last >= body_first else None,
        "total_row_range_address": rng(max_row, max_row) if show_totals else None,
        "show_headers": show_headers,
        "show_totals": show_totals,
        "table_style": (style.name or "") if style is not None else "",
        "show_autofilter": table.autoFilter is not None,
    }
    if extended:
        entry.update(
            {
                "columns": [column.name for column in table.tableColumns],
                "row_count": max_row - min_row + 1,
                "column_count": max_col - min_col + 1,
                "show_table_style_first_column": bool(style and style.showFirstColumn),
                "show_table_style_last_column": bool(style and style.showLastColumn),
                "show_table_style_row_stripes": bool(style and style.showRowStripes),
                "show_table_style_column_stripes": bool(style and style.showColumnStripes),
            }
        )
    return entry


def _name_entries(wb, client: Client, extended: bool, skip_sheets: set[str]) -> list[dict]:
    """Named *ranges* only (``NamedItemType.range``), book scope first."""
    index_of = {ws.title: ix for ix, ws in enumerate(wb.worksheets)}

    def entry(defined: DefinedName, scope_ws=None) -> dict | None:
        try:
            destinations = list(defined.destinations) if defined.type == "RANGE" else []
        except Exception:  # formulas such as OFFSET(...) aren't plain ranges
            destinations = []
        # Multi-area or unresolvable names aren't NamedItemType.range.
        if len(destinations) != 1 or destinations[0][0] not in index_of:
            return None
        sheet_name, ref = destinations[0]
        item = {
            "name": defined.name,
            "sheet_index": index_of[sheet_name],
            "address": _office_address(ref),
            "scope_sheet_name": scope_ws.title if scope_ws is not None else None,
            "scope_sheet_index": index_of[scope_ws.title] if scope_ws is not None else None,
            "book_scope": scope_ws is None,
        }
        if extended:
            item["refers_to"] = "=" + defined.attr_text
        return item

    names = []
    for defined in wb.defined_names.values():
        item = entry(defined)
        if item:
            names.append(item)
    for ws in wb.worksheets:
        if ws.title in skip_sheets and client == "Office.js":
            continue
        for defined in ws.defined_names.values():
            item = entry(defined, scope_ws=ws)
            if item:
                names.append(item)
    return names


# --- drawings: shapes and pictures (openpyxl doesn't keep shapes) ----------

_NS = {
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
_EMU_PER_POINT = 12700


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship id -> absolute part name for ``part``."""
    folder, name = posixpath.split(part)
    rels_part = posixpath.join(folder, "_rels", name + ".rels")
    if rels_part not in zf.namelist():
        return {}
    out = {}
    for rel in ET.fromstring(zf.read(rels_part)).findall("rel:Relationship", _NS):
        if rel.get("TargetMode") == "External":
            out[rel.get("Id")] = rel.get("Target")
            continue
        target = rel.get("Target")
        if target.startswith("#"):
            out[rel.get("Id")] = target  # in-document link, e.g. "#Beranda!B4"
        elif target.startswith("/"):
            out[rel.get("Id")] = target.lstrip("/")
        else:
            out[rel.get("Id")] = posixpath.normpath(posixpath.join(folder, target))
    return out


def _col_points(ws, col_ix0: int) -> float:
    letter = get_column_letter(col_ix0 + 1)
    dim = ws.column_dimensions.get(letter)
    width = dim.width if dim is not None and dim.customWidth and dim.width else None
    if width is None:
        width = ws.sheet_format.defaultColWidth
    if width is None:
        return 48.0  # 64 px: Calibri 11 default column
    pixels = math.trunc((256 * width + math.trunc(128 / 7)) / 256 * 7)
    return pixels * 0.75


def _row_points(ws, row_ix0: int) -> float:
    dim = ws.row_dimensions.get(row_ix0 + 1)
    if dim is not None and dim.ht:
        return float(dim.ht)
    return float(ws.sheet_format.defaultRowHeight or 15)


def _anchor_point(ws, marker) -> tuple[float, float]:
    col = int(marker.find("xdr:col", _NS).text)
    col_off = int(marker.find("xdr:colOff", _NS).text)
    row = int(marker.find("xdr:row", _NS).text)
    row_off = int(marker.find("xdr:rowOff", _NS).text)
    left = sum(_col_points(ws, c) for c in range(col)) + col_off / _EMU_PER_POINT
    top = sum(_row_points(ws, r) for r in range(row)) + row_off / _EMU_PER_POINT
    return left, top


_SHAPE_TYPES = {"sp": "GeometricShape", "pic": "Image", "grpSp": "Group", "cxnSp": "Line"}


def drawing_objects(path: str | os.PathLike, wb=None) -> dict[str, list[dict]]:
    """Shapes per sheet name, read from the drawing parts of the package.

    Each entry: name, type (Office.js ``ShapeType``: GeometricShape, Image,
    Group, Line), left/top/width/height in points (approximate: computed from
    the anchor cells' widths and heights), text (text boxes) and
    hyperlink (``location`` for ``#Sheet!A1``-style links, else target).
    """
    wb = wb or openpyxl.load_workbook(path)
    out: dict[str, list[dict]] = {ws.title: [] for ws in wb.worksheets}
    with zipfile.ZipFile(path) as zf:
        workbook_part = "xl/workbook.xml"
        book_rels = _rels(zf, workbook_part)
        root = ET.fromstring(zf.read(workbook_part))
        for sheet in root.find("main:sheets", _NS):
            title = sheet.get("name")
            if title not in out:
                continue  # chart sheets
            sheet_part = book_rels[sheet.get(f"{{{_NS['r']}}}id")]
            sheet_xml = ET.fromstring(zf.read(sheet_part))
            drawing = sheet_xml.find("main:drawing", _NS)
            if drawing is None:
                continue
            drawing_part = _rels(zf, sheet_part)[drawing.get(f"{{{_NS['r']}}}id")]
            drawing_rels = _rels(zf, drawing_part)
            ws = wb[title]
            for anchor in ET.fromstring(zf.read(drawing_part)):
                kind = anchor.tag.split("}")[1]
                obj = next(
                    (child for child in anchor if child.tag.split("}")[1] in _SHAPE_TYPES),
                    None,
                )
                if obj is None:
                    continue
                local = obj.tag.split("}")[1]
                c_nv_pr = obj.find(".//xdr:cNvPr", _NS)
                entry = {
                    "name": c_nv_pr.get("name") if c_nv_pr is not None else "",
                    "type": _SHAPE_TYPES[local],
                }
                if kind == "twoCellAnchor":
                    left, top = _anchor_point(ws, anchor.find("xdr:from", _NS))
                    right, bottom = _anchor_point(ws, anchor.find("xdr:to", _NS))
                    width, height = right - left, bottom - top
                else:
                    ext = anchor.find("xdr:ext", _NS)
                    width = int(ext.get("cx")) / _EMU_PER_POINT
                    height = int(ext.get("cy")) / _EMU_PER_POINT
                    if kind == "oneCellAnchor":
                        left, top = _anchor_point(ws, anchor.find("xdr:from", _NS))
                    else:
                        pos = anchor.find("xdr:pos", _NS)
                        left = int(pos.get("x")) / _EMU_PER_POINT
                        top = int(pos.get("y")) / _EMU_PER_POINT
                entry.update(left=left, top=top, width=width, height=height)
                texts = [t.text or "" for t in obj.findall(".//a:t", _NS)]
                entry["text"] = "".join(texts) if texts else None
                link = c_nv_pr.find("a:hlinkClick", _NS) if c_nv_pr is not None else None
                if link is not None:
                    rid = link.get(f"{{{_NS['r']}}}id")
                    target = drawing_rels.get(rid, "") if rid else ""
                    entry["hyperlink"] = target
                else:
                    entry["hyperlink"] = None
                out[title].append(entry)
    return out


def _selection(ws) -> str:
    try:
        selection = ws.sheet_view.selection[0]
        return _office_address(selection.sqref or selection.activeCell or "A1")
    except (IndexError, AttributeError):
        return "A1"


_CALC_MODES = {"auto": "Automatic", "manual": "Manual", "autoNoTable": "AutomaticExceptTables"}


def payload_from_xlsx(
    path: str | os.PathLike,
    *,
    client: Client = "Office.js",
    extended: bool = True,
    dates: DateMode = "iso",
    include: Sequence[str] | None = None,
    exclude: Sequence[str] | None = None,
    book_name: str | None = None,
) -> dict:
    """Build the request payload an xlwings client sends for ``path``.

    client
        ``"Office.js"`` (xlwings Lite / xlwings Server add-ins, the default) or
        ``"VBA"`` (``RunServerPython``). They differ in details: VBA sends
        table addresses as ``$A$1:$C$4``, empty cells as ``null``, and an empty
        sheet as ``[[]]``; Office.js sends ``A1:C4``, ``""`` and ``[[""]]``.
    extended
        Office.js only. Adds the fields the 0.37.x remote engine reads from
        current clients on top of the public ``runPython`` payload: table
        ``columns``/``row_count``/``column_count``/style flags (without them
        ``table.columns`` raises NotImplementedError), names' ``refers_to``,
        sheets' ``visibility``/``used_range_address``/``shapes``/``notes``/
        ``print_area``/``show_gridlines``/``charts``/``pivot_tables``, the
        book's ``calculation``. ``False`` gives the minimal public payload;
        code that works with both works with every client.
    dates
        Office.js only; how date/time cells travel. ``"iso"``: every cell
        openpyxl sees as a date becomes ``"2024-06-28T00:00:00.000Z"`` (Excel
        365 with the cell's format in the Date/Time category). ``"builtin"``:
        only cells with a built-in date/time format (e.g. numFmtId 14) do;
        custom formats like ``dd/mm/yyyy`` arrive as serial numbers, as they do
        when Excel files them under "Custom". ``"serial"``: all dates arrive as
        serial numbers (Excel 2016/2019, no ExcelApi 1.12). VBA always sends
        ISO strings.
    include / exclude
        Sheet names whose content is sent (``@script(include=..., exclude=...)``);
        the others arrive with ``values [[]]`` and no tables.

    The result is round-tripped through ``json`` like the real request body.
    """
    path = Path(path)
    if include and exclude:
        raise ValueError("Either use 'include' or 'exclude', but not both!")
    wb = openpyxl.load_workbook(path, data_only=True)
    logika_semua = _rumus_logika(path)
    epoch = wb.epoch
    titles = [ws.title for ws in wb.worksheets]
    skip = set(exclude or [])
    if include:
        skip |= {t for t in titles if t not in set(include)}
    is_office = client == "Office.js"
    extended = extended and is_office

    active = wb.active if wb.active in wb.worksheets else wb.worksheets[0]
    payload: dict[str, Any] = {
        "client": client,
        "version": xlwings().__version__,
        "book": {
            "name": book_name or path.name,
            "active_sheet_index": wb.worksheets.index(active),
            "selection": _selection(active),
        },
        "names": _name_entries(wb, client, extended, skip),
        "sheets": [],
    }
    if extended:
        payload["book"]["calculation"] = _CALC_MODES.get(
            (wb.calculation.calcMode if wb.calculation else None) or "auto", "Automatic"
        )
    drawings = drawing_objects(path, wb) if extended else {}

    for ws in wb.worksheets:
        excluded = ws.title in skip
        bounds = _used_bounds(ws)
        if excluded:
            values: list[list] = [[]]
        else:
            values = _sheet_values(ws, client, dates, epoch, bounds)
            for (r, c), logika in logika_semua.get(ws.title, {}).items():
                if r <= len(values) and c <= len(values[r - 1]):
                    values[r - 1][c - 1] = logika
        tables = [] if excluded else [_table_payload(t, client, extended) for t in ws.tables.values()]
        objects = [] if excluded else drawings.get(ws.title, [])
        pictures = [
            {"name": o["name"], "width": o["width"], "height": o["height"]}
            for o in objects
            if o["type"] == "Image"
        ]
        if extended:
            for pic, obj in zip(pictures, [o for o in objects if o["type"] == "Image"]):
                pic.update(left=obj["left"], top=obj["top"], lock_aspect_ratio=True)
        sheet: dict[str, Any] = {
            "name": ws.title,
            "values": values,
            "pictures": pictures,
            "tables": tables,
        }
        if extended:
            if bounds is None:
                used = None
            else:
                r1, c1, r2, c2 = bounds
                used = _office_address(
                    f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"
                )
            print_area = ws.print_area
            sheet.update(
                {
                    "visibility": {"hidden": "Hidden", "veryHidden": "VeryHidden"}.get(
                        ws.sheet_state, "Visible"
                    ),
                    "used_range_address": used,
                    "show_gridlines": ws.sheet_view.showGridLines is not False,
                    "print_area": _office_address(print_area.split(",")[0])
                    if print_area
                    else None,
                    "shapes": [
                        {k: o[k] for k in ("name", "type", "left", "top", "width", "height")}
                        for o in objects
                    ],
                    "charts": [],
                    "notes": []
                    if excluded
                    else [
                        {"address": c.coordinate}
                        for row in ws.iter_rows()
                        for c in row
                        if c.comment is not None
                    ],
                    "notes_supported": True,
                    "pivot_tables": [],
                }
            )
        payload["sheets"].append(sheet)
    return json.loads(json.dumps(payload))


def load_book(payload: dict):
    """``xw.Book(json=payload)`` on the remote engine (payload is deep-copied)."""
    xw = xlwings()
    return xw.Book(json=copy.deepcopy(payload))


# --------------------------------------------------------------------------
# Actions (what the client applies)
# --------------------------------------------------------------------------


def actions_of(actions_or_json: dict | list) -> list[dict]:
    """Accept ``book.json()`` (``{"actions": [...]}``) or the list itself."""
    if isinstance(actions_or_json, dict):
        return list(actions_or_json["actions"])
    return list(actions_or_json)


def action_counts(actions_or_json: dict | list) -> Counter:
    return Counter(action["func"] for action in actions_of(actions_or_json))


@dataclass
class ApplyResult:
    """What :func:`apply_actions` did besides writing the file.

    alerts: ``book.app.alert(...)`` calls as dicts (prompt, title, buttons, mode,
        callback) -- the client shows these as message boxes.
    warnings: places where Excel would not keep what Python wrote (numeric
        text turned into a number, text starting with ``=``/``+``/``-`` turned
        into a formula, ``"TRUE"`` into a boolean) and actions that some
        clients reject (``setRangeColor`` with ``None``: the public Office.js
        and VBA callbacks call ``.toString()`` / ``HexToRgb`` on it).
    counts: number of actions per ``func``.
    """

    alerts: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    # Actions Excel refuses because their sheet is protected (locked cells,
    # or a formatting change the protection does not allow); the client stops
    # with an error at the first one. See _protection_block.
    blocked: list[str] = field(default_factory=list)


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?Z?$"
)
_NUMBER_TEXT = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_PERCENT_TEXT = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)%$")


def _parse_iso(text: str) -> dt.datetime | None:
    match = _ISO_DATE.match(text)
    if match:
        try:
            return dt.datetime(*map(int, match.groups()))
        except ValueError:
            return None
    match = _ISO_DATETIME.match(text)
    if match:
        parts = [int(p) for p in match.groups()[:6]]
        fraction = match.group(7)
        micro = int(fraction.ljust(6, "0")) if fraction else 0
        try:
            return dt.datetime(*parts, micro)
        except ValueError:
            return None
    return None


def _excel_typed(value: Any, cell, where: str, warnings: list[str], coerce: bool):
    """The value Excel stores when a client writes ``value`` into ``cell``.

    Office.js ``range.values = ...`` and VBA ``Range.Value = ...`` treat a
    string like text typed into the cell. Returns ``(value, number_format)``,
    number_format None meaning "leave as is".
    """
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return value, None
    if not isinstance(value, str):
        raise TypeError(f"{where}: unexpected value type {type(value).__name__}: {value!r}")
    if value == "":
        return None, None
    if not coerce or cell.number_format == "@":
        return value, None
    if value.startswith("'"):
        return value[1:], None  # quote prefix: stored as text
    moment = _parse_iso(value)
    if moment is not None:
        if moment.time() == dt.time(0):
            return moment, "yyyy-mm-dd" if cell.number_format == "General" else None
        return moment, "yyyy-mm-dd h:mm:ss" if cell.number_format == "General" else None
    if value.startswith("="):
        return value, None  # formula
    if _NUMBER_TEXT.match(value):
        number = float(value)
        if number.is_integer() and "." not in value and "e" not in value.lower():
            number = int(number)
        warnings.append(
            f"{where}: text {value!r} becomes the number {number!r} in Excel "
            "(write a number, prefix the text with \"'\", or format the cell as text '@' first)"
        )
        return number, None
    if _PERCENT_TEXT.match(value):
        number = float(value[:-1]) / 100
        warnings.append(f"{where}: text {value!r} becomes the number {number!r} (0%) in Excel")
        return number, "0%" if cell.number_format == "General" else None
    if value.upper() in ("TRUE", "FALSE"):
        warnings.append(f"{where}: text {value!r} becomes a boolean in Excel")
        return value.upper() == "TRUE", None
    if value[0] in "+-" and len(value) > 1:
        warnings.append(
            f"{where}: text {value!r} starts with {value[0]!r}; Excel reads it as a "
            "formula (prefix it with \"'\")"
        )
        return "=" + value, None
    return value, None


def _hex_argb(color: str) -> str:
    return "FF" + color.lstrip("#").upper()


_H_ALIGN = {
    "General": "general",
    "Left": "left",
    "Center": "center",
    "Right": "right",
    "Fill": "fill",
    "Justify": "justify",
    "CenterAcrossSelection": "centerContinuous",
    "Distributed": "distributed",
}
_V_ALIGN = {
    "Top": "top",
    "Center": "center",
    "Bottom": "bottom",
    "Justify": "justify",
    "Distributed": "distributed",
}
_BORDER_STYLES = {
    ("continuous", "hairline"): "hair",
    ("continuous", "thin"): "thin",
    ("continuous", "medium"): "medium",
    ("continuous", "thick"): "thick",
    ("dash", "thin"): "dashed",
    ("dash", "medium"): "mediumDashed",
    ("dash_dot", "thin"): "dashDot",
    ("dash_dot", "medium"): "mediumDashDot",
    ("dash_dot_dot", "thin"): "dashDotDot",
    ("dash_dot_dot", "medium"): "mediumDashDotDot",
    ("dot", "thin"): "dotted",
    ("double", "thin"): "double",
    ("slant_dash_dot", "medium"): "slantDashDot",
}

# Actions with no effect on cell contents/formatting that a file can show.
_NO_OP = {
    "setAutofit",
    "setSheetAutofit",
    "calculate",
    "setCalculation",
    "setScreenUpdating",
    "rangeSelect",
    "save",
    "activateSheet",
    "freezePaneAtRange",
    "freezePaneUnfreeze",
}


class _Applier:
    def __init__(self, wb, result: ApplyResult, coerce: bool):
        self.wb = wb
        self.result = result
        self.coerce = coerce
        self.border_state: dict[tuple, dict] = {}

    # -- helpers --
    def sheet(self, action):
        return self.wb.worksheets[action["sheet_position"]]

    def cells(self, action):
        ws = self.sheet(action)
        r0, c0 = action["start_row"] + 1, action["start_column"] + 1
        for i in range(action["row_count"]):
            yield [ws.cell(row=r0 + i, column=c0 + j) for j in range(action["column_count"])]

    def where(self, ws, cell) -> str:
        return f"{ws.title}!{cell.coordinate}"

    def range_ref(self, action) -> str:
        r0, c0 = action["start_row"] + 1, action["start_column"] + 1
        r1, c1 = r0 + action["row_count"] - 1, c0 + action["column_count"] - 1
        ref = f"{get_column_letter(c0)}{r0}"
        if (r1, c1) != (r0, c0):
            ref += f":{get_column_letter(c1)}{r1}"
        return ref

    def write(self, ws, cell, value, *, formula_only=False):
        if isinstance(cell, MergedCell):
            if value not in (None, ""):
                self.result.warnings.append(
                    f"{self.where(ws, cell)}: value {value!r} written into a merged area is lost"
                )
            return
        if value is None:
            return  # Office.js: null leaves the cell unchanged
        if formula_only:
            cell.value = value if value != "" else None
            return
        stored, number_format = _excel_typed(
            value, cell, self.where(ws, cell), self.result.warnings, self.coerce
        )
        cell.value = stored
        if number_format:
            cell.number_format = number_format

    # -- callbacks (same names as the client's) --
    def setValues(self, action, formula_only=False):
        values = action["values"]
        nrows, ncols = action["row_count"], action["column_count"]
        if not isinstance(values, list):
            values = [[values] * ncols for _ in range(nrows)]
        if len(values) != nrows or any(len(row) != ncols for row in values):
            raise ValueError(
                f"{action['func']}: values of shape {len(values)}x"
                f"{len(values[0]) if values else 0} for a {nrows}x{ncols} range"
            )
        ws = self.sheet(action)
        for row_values, row_cells in zip(values, self.cells(action)):
            for value, cell in zip(row_values, row_cells):
                self.write(ws, cell, value, formula_only=formula_only)

    def setFormula(self, action):
        self.setValues(action, formula_only=True)

    def rangeClearContents(self, action):
        # Office.js ClearApplyTo.contents / VBA ClearContents: values and
        # formulas go, formats and hyperlinks stay.
        for row in self.cells(action):
            for cell in row:
                if not isinstance(cell, MergedCell):
                    cell.value = None

    def rangeClearFormats(self, action):
        self._unmerge_within(action)
        for row in self.cells(action):
            for cell in row:
                cell.style = "Normal"

    def _unmerge_within(self, action):
        """Excel's Clear/ClearFormats also unmerge (merging is a format)."""
        ws = self.sheet(action)
        if action.get("start_row") is None:
            for merged in list(ws.merged_cells.ranges):
                ws.unmerge_cells(str(merged))
            return
        self.rangeUnmerge(action)

    def rangeClear(self, action):
        self._unmerge_within(action)
        for row in self.cells(action):
            for cell in row:
                if not isinstance(cell, MergedCell):
                    cell.value = None
                    cell.hyperlink = None
                cell.style = "Normal"

    def sheetClearContents(self, action):
        ws = self.sheet(action)
        for row in ws.iter_rows():
            for cell in row:
                if not isinstance(cell, MergedCell):
                    cell.value = None

    def sheetClearFormats(self, action):
        self._unmerge_within(action)
        ws = self.sheet(action)
        for row in ws.iter_rows():
            for cell in row:
                cell.style = "Normal"

    def sheetClear(self, action):
        self._unmerge_within(action)
        ws = self.sheet(action)
        for row in ws.iter_rows():
            for cell in row:
                if not isinstance(cell, MergedCell):
                    cell.value = None
                    cell.hyperlink = None
                cell.style = "Normal"

    def setRangeColor(self, action):
        color = action["args"][0]
        if color is None:
            self.result.warnings.append(
                f"{self.sheet(action).title}!{self.range_ref(action)}: setRangeColor(None) "
                "removes the fill in xlwings Lite, but the public Office.js/VBA "
                "client callbacks fail on null"
            )
            fill = PatternFill(fill_type=None)
        else:
            fill = PatternFill(fill_type="solid", start_color=_hex_argb(color), end_color=_hex_argb(color))
        for row in self.cells(action):
            for cell in row:
                cell.fill = fill

    def setRangeColors(self, action):
        matrix = action["args"][0]
        for colors, cells in zip(matrix, self.cells(action)):
            for color, cell in zip(colors, cells):
                if color == "keep":
                    continue
                if color is None:
                    cell.fill = PatternFill(fill_type=None)
                else:
                    cell.fill = PatternFill(
                        fill_type="solid", start_color=_hex_argb(color), end_color=_hex_argb(color)
                    )

    def addHyperlink(self, action):
        address, text, tip = action["args"]
        first = next(self.cells(action))[0]
        if address.startswith("#"):
            link = Hyperlink(ref=first.coordinate, location=address[1:], tooltip=tip, display=text)
        else:
            link = Hyperlink(ref=first.coordinate, target=address, tooltip=tip, display=text)
        first.hyperlink = link
        first.value = text  # textToDisplay is written into the top-left cell

    def setNumberFormat(self, action):
        for row in self.cells(action):
            for cell in row:
                cell.number_format = action["args"][0]

    def setFontProperty(self, action):
        attribute, value = action["args"]
        for row in self.cells(action):
            for cell in row:
                font = copy.copy(cell.font)
                if attribute == "bold":
                    font = Font(**{**_font_kwargs(font), "bold": bool(value)})
                elif attribute == "italic":
                    font = Font(**{**_font_kwargs(font), "italic": bool(value)})
                elif attribute == "size":
                    font = Font(**{**_font_kwargs(font), "size": value})
                elif attribute == "color":
                    font = Font(**{**_font_kwargs(font), "color": _hex_argb(value) if value else None})
                elif attribute == "name":
                    font = Font(**{**_font_kwargs(font), "name": value})
                else:
                    raise NotImplementedError(f"setFontProperty {attribute!r}")
                cell.font = font

    def setWrapText(self, action):
        self._alignment(action, wrap_text=bool(action["args"][0]))

    def setHorizontalAlignment(self, action):
        self._alignment(action, horizontal=_H_ALIGN[action["args"][0]])

    def setVerticalAlignment(self, action):
        self._alignment(action, vertical=_V_ALIGN[action["args"][0]])

    def _alignment(self, action, **changes):
        for row in self.cells(action):
            for cell in row:
                al = cell.alignment
                cell.alignment = Alignment(
                    horizontal=changes.get("horizontal", al.horizontal),
                    vertical=changes.get("vertical", al.vertical),
                    wrap_text=changes.get("wrap_text", al.wrap_text),
                    indent=al.indent,
                    text_rotation=al.text_rotation,
                    shrink_to_fit=al.shrink_to_fit,
                )

    def setColumnWidth(self, action):
        points = action["args"][0]
        ws = self.sheet(action)
        chars = max(0.0, (points / 0.75 - 5) / 7)  # Office.js uses points
        for j in range(action["column_count"]):
            letter = get_column_letter(action["start_column"] + 1 + j)
            ws.column_dimensions[letter].width = round(chars, 2)

    def setRowHeight(self, action):
        ws = self.sheet(action)
        for i in range(action["row_count"]):
            ws.row_dimensions[action["start_row"] + 1 + i].height = action["args"][0]

    def setRowHidden(self, action):
        ws = self.sheet(action)
        for i in range(action["row_count"]):
            ws.row_dimensions[action["start_row"] + 1 + i].hidden = bool(action["args"][0])

    def setColumnHidden(self, action):
        ws = self.sheet(action)
        for j in range(action["column_count"]):
            ws.column_dimensions[get_column_letter(action["start_column"] + 1 + j)].hidden = bool(
                action["args"][0]
            )

    def setBorderProperty(self, action):
        side, attribute, value = action["args"]
        key = (action["sheet_position"], self.range_ref(action), side)
        state = self.border_state.setdefault(
            key, {"line_style": "continuous", "weight": "thin", "color": None}
        )
        state[attribute] = value
        if state["line_style"] in (None, "none"):
            style = None
        else:
            style = _BORDER_STYLES.get((state["line_style"], state["weight"]), "thin")
        new_side = Side(style=style, color=_hex_argb(state["color"]) if state["color"] else None)
        rows = list(self.cells(action))
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                b = cell.border
                kw = {"left": b.left, "right": b.right, "top": b.top, "bottom": b.bottom}
                first_col, last_col = j == 0, j == len(row) - 1
                first_row, last_row = i == 0, i == len(rows) - 1
                if (side == "edge_left" and first_col) or (side == "inside_vertical" and not first_col):
                    kw["left"] = new_side
                if (side == "edge_right" and last_col) or (side == "inside_vertical" and not last_col):
                    kw["right"] = new_side
                if (side == "edge_top" and first_row) or (side == "inside_horizontal" and not first_row):
                    kw["top"] = new_side
                if (side == "edge_bottom" and last_row) or (side == "inside_horizontal" and not last_row):
                    kw["bottom"] = new_side
                cell.border = Border(**kw)

    def rangeMerge(self, action):
        across = bool(action["args"][0])
        ws = self.sheet(action)
        r0, c0 = action["start_row"] + 1, action["start_column"] + 1
        r1, c1 = r0 + action["row_count"] - 1, c0 + action["column_count"] - 1
        if across:
            for r in range(r0, r1 + 1):
                ws.merge_cells(start_row=r, start_column=c0, end_row=r, end_column=c1)
        else:
            ws.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)

    def rangeUnmerge(self, action):
        ws = self.sheet(action)
        ref = self.range_ref(action)
        min_col, min_row, max_col, max_row = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
        for merged in list(ws.merged_cells.ranges):
            if (
                merged.min_row >= min_row
                and merged.max_row <= max_row
                and merged.min_col >= min_col
                and merged.max_col <= max_col
            ):
                ws.unmerge_cells(str(merged))

    def addSheet(self, action):
        index, name = action["args"]
        self.wb.create_sheet(title=name, index=index)

    def setSheetName(self, action):
        self.sheet(action).title = action["args"][0]

    def setSheetPosition(self, action):
        ws = self.sheet(action)
        self.wb.move_sheet(ws, offset=action["args"][0] - action["sheet_position"])

    def sheetDelete(self, action):
        self.wb.remove(self.sheet(action))

    def setSheetVisibility(self, action):
        self.sheet(action).sheet_state = {"Hidden": "hidden", "VeryHidden": "veryHidden"}.get(
            action["args"][0], "visible"
        )

    def setShowGridlines(self, action):
        self.sheet(action).sheet_view.showGridLines = bool(action["args"][0])

    def setPrintArea(self, action):
        value = action["args"][0]
        self.sheet(action).print_area = value if value else None

    def setRangeName(self, action):
        ws = self.sheet(action)
        ref = self.range_ref(action)
        absolute = ":".join(
            re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", part) for part in ref.split(":")
        )
        self.wb.defined_names[action["args"][0]] = DefinedName(
            action["args"][0], attr_text=f"{_quote_sheet(ws.title)}!{absolute}"
        )

    def namesAdd(self, action):
        name, refers_to = action["args"]
        defined = DefinedName(name, attr_text=refers_to.lstrip("="))
        if action["sheet_position"] is None:
            self.wb.defined_names[name] = defined
        else:
            self.sheet(action).defined_names[name] = defined

    def nameDelete(self, action):
        _, _, name, _, book_scope, scope_sheet_index = action["args"]
        if book_scope:
            del self.wb.defined_names[name]
        else:
            del self.wb.worksheets[scope_sheet_index].defined_names[name]

    def setNameRefersTo(self, action):
        name, book_scope, scope_sheet_index, value = action["args"]
        container = (
            self.wb.defined_names if book_scope else self.wb.worksheets[scope_sheet_index].defined_names
        )
        container[name].attr_text = value.lstrip("=")

    def addNote(self, action):
        from openpyxl.comments import Comment

        address, text = action["args"]
        self.sheet(action)[address.replace("$", "")].comment = Comment(text, "xlwings")

    def setNoteText(self, action):
        self.addNote(action)

    def copyFromRange(self, action):
        """Office.js ``range.copyFrom(source, copyType, skipBlanks, transpose)``.

        The source is tiled over the destination (a one-cell source fills the
        whole destination, as a paste does). copy_type: "all" (default),
        "formats", "values", "formulas".
        """
        sheet_index, source_address, copy_type, skip_blanks, transpose = action["args"]
        if transpose:
            raise NotImplementedError("copyFromRange with transpose")
        copy_type = (copy_type or "all").lower()
        src_ws = self.wb.worksheets[sheet_index]
        ref = source_address.split("!")[-1].replace("$", "")
        min_col, min_row, max_col, max_row = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
        height, width = max_row - min_row + 1, max_col - min_col + 1
        ws = self.sheet(action)
        for i, row in enumerate(self.cells(action)):
            for j, cell in enumerate(row):
                src = src_ws.cell(row=min_row + i % height, column=min_col + j % width)
                if skip_blanks and src.value in (None, ""):
                    continue
                if copy_type in ("all", "formats"):
                    cell._style = copy.copy(src._style)
                if copy_type in ("all", "values", "formulas") and not isinstance(cell, MergedCell):
                    cell.value = src.value

    def copyRange(self, action):
        """``source.copy(destination)``: VBA ``Range.Copy Destination:=...`` /
        Office.js ``destination.copyFrom(source)`` -- values and formats, the
        source tiled over the destination."""
        sheet_index, destination = action["args"]
        ref = destination.split("!")[-1].replace("$", "")
        min_col, min_row, max_col, max_row = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
        src_cells = list(self.cells(action))
        height, width = len(src_cells), len(src_cells[0])
        ws = self.wb.worksheets[sheet_index]
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                src = src_cells[(r - min_row) % height][(c - min_col) % width]
                cell = ws.cell(row=r, column=c)
                cell._style = copy.copy(src._style)
                if not isinstance(cell, MergedCell):
                    cell.value = src.value

    def alert(self, action):
        prompt, title, buttons, mode, callback = action["args"]
        self.result.alerts.append(
            {"prompt": prompt, "title": title, "buttons": buttons, "mode": mode, "callback": callback}
        )


def _font_kwargs(font: Font) -> dict:
    return {
        "name": font.name,
        "size": font.size,
        "bold": font.bold,
        "italic": font.italic,
        "underline": font.underline,
        "strike": font.strike,
        "color": font.color,
        "vertAlign": font.vertAlign,
    }


def _quote_sheet(title: str) -> str:
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", title):
        return title
    return "'" + title.replace("'", "''") + "'"


# Sheet protection: what Excel (desktop and Office.js alike) refuses on a
# protected sheet. openpyxl's SheetProtection flags are True when the
# operation is *locked* (XlsxWriter's format_cells=True writes formatCells="0").
_VALUE_FUNCS = {"setValues", "setFormula", "setFormulaArray", "rangeClearContents", "rangeClear",
                "addHyperlink", "sheetClear", "sheetClearContents"}
_FORMAT_FUNCS = {"setRangeColor", "setRangeColors", "setNumberFormat", "setFontProperty",
                 "setWrapText", "setHorizontalAlignment", "setVerticalAlignment",
                 "setBorderProperty", "rangeClearFormats", "sheetClearFormats", "copyFromRange"}
_ROW_FUNCS = {"setRowHeight", "setRowHidden"}
_COLUMN_FUNCS = {"setColumnWidth", "setColumnHidden"}
_MERGE_FUNCS = {"rangeMerge", "rangeUnmerge"}


def _protection_block(wb, action) -> str | None:
    """Why Excel would refuse ``action`` on a protected sheet, or None."""
    func = action["func"]
    if func == "copyRange":
        # The action's range is the source; the destination is in args.
        sheet_index, destination = action["args"]
        ref = destination.split("!")[-1].replace("$", "")
        min_col, min_row, max_col, max_row = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
        action = {"func": "setValues", "sheet_position": sheet_index, "start_row": min_row - 1,
                  "start_column": min_col - 1, "row_count": max_row - min_row + 1,
                  "column_count": max_col - min_col + 1}
        return _protection_block(wb, action) or _protection_block(wb, {**action, "func": "setNumberFormat"})
    position = action.get("sheet_position")
    if position is None or position >= len(wb.worksheets):
        return None
    ws = wb.worksheets[position]
    prot = ws.protection
    if not prot.sheet:
        return None
    where = ws.title
    if action.get("start_row") is not None:
        r0, c0 = action["start_row"] + 1, action["start_column"] + 1
        r1, c1 = r0 + action["row_count"] - 1, c0 + action["column_count"] - 1
        where += f"!{get_column_letter(c0)}{r0}:{get_column_letter(c1)}{r1}"
    if func in _VALUE_FUNCS:
        if action.get("start_row") is None:
            return f"{func} {where}: the sheet is protected"
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if ws.cell(row=r, column=c).protection.locked is not False:
                    return f"{func} {where}: locked cell {get_column_letter(c)}{r} on a protected sheet"
        return None
    if func in _FORMAT_FUNCS and prot.formatCells is not False:
        return f"{func} {where}: 'format cells' is not allowed on this protected sheet"
    if (func in _ROW_FUNCS or (func == "setAutofit" and action["args"][0] == "rows")) and prot.formatRows is not False:
        return f"{func} {where}: 'format rows' is not allowed on this protected sheet"
    if func in _COLUMN_FUNCS and prot.formatColumns is not False:
        return f"{func} {where}: 'format columns' is not allowed on this protected sheet"
    if func in _MERGE_FUNCS:
        return f"{func} {where}: merging is not allowed on a protected sheet"
    return None


def apply_actions(
    path_in: str | os.PathLike,
    actions: dict | list,
    path_out: str | os.PathLike,
    *,
    coerce: bool = True,
    data_only: bool = False,
    ignore: Iterable[str] = (),
) -> ApplyResult:
    """Apply remote-engine ``actions`` to a copy of ``path_in``, saved as ``path_out``.

    Actions are applied in order with the client's semantics (0-based
    ``sheet_position``/``start_row``/``start_column`` + ``row_count`` x
    ``column_count``; see docs/xlwings-remote.md for every shape). With
    ``coerce`` (default) strings are stored the way Excel stores typed text:
    ``"2024-06-28"`` / ``"2024-06-28 13:05:00"`` / ISO ``...T...Z`` become
    dates, numeric text a number, ``=...`` a formula, ``'text`` plain text --
    except in cells formatted as text (``@``). ``None`` leaves a cell
    unchanged (Office.js semantics for ``null``); ``""`` empties it.

    ``data_only=True`` loads the input with cached values instead of formulas.
    Unknown actions raise NotImplementedError unless named in ``ignore``.
    openpyxl drops drawing shapes (text boxes, buttons) when saving: check
    shapes on the input file, not on ``path_out``.
    """
    path_in, path_out = Path(path_in), Path(path_out)
    keep_vba = path_in.suffix.lower() in (".xlsm", ".xlam")
    if path_in.resolve() != path_out.resolve():
        shutil.copyfile(path_in, path_out)
    wb = openpyxl.load_workbook(path_out, keep_vba=keep_vba, data_only=data_only)
    result = ApplyResult()
    applier = _Applier(wb, result, coerce)
    ignored = set(ignore)
    for action in actions_of(actions):
        func = action["func"]
        result.counts[func] += 1
        blocked = _protection_block(wb, action)
        if blocked:
            result.blocked.append(blocked)
        if func in _NO_OP or func in ignored:
            continue
        handler = getattr(applier, func, None)
        if handler is None or func.startswith("_"):
            raise NotImplementedError(f"apply_actions: no emulation for action {func!r}")
        handler(action)
    wb.save(path_out)
    return result


# --------------------------------------------------------------------------
# Glue for tests
# --------------------------------------------------------------------------


@dataclass
class RemoteRun:
    payload: dict
    book: Any
    actions: list[dict]
    result: ApplyResult | None = None

    @property
    def counts(self) -> Counter:
        return action_counts(self.actions)


def run_remote(
    path_in: str | os.PathLike,
    func: Callable[[Any], Any],
    path_out: str | os.PathLike | None = None,
    *,
    apply_kwargs: dict | None = None,
    **payload_kwargs,
) -> RemoteRun:
    """payload_from_xlsx -> xw.Book(json=...) -> func(book) -> book.json() [-> apply].

    ``func`` is called like the server calls a ``@script``: with the remote
    ``xw.Book`` as its only argument. With ``path_out`` the actions are applied
    to a copy of ``path_in`` (see :func:`apply_actions`).
    """
    payload = payload_from_xlsx(path_in, **payload_kwargs)
    book = load_book(payload)
    func(book)
    # The server answers with book.json(); it must be JSON-serialisable.
    actions = json.loads(json.dumps(book.json()))["actions"]
    run = RemoteRun(payload=payload, book=book, actions=actions)
    if path_out is not None:
        run.result = apply_actions(path_in, actions, path_out, **(apply_kwargs or {}))
    return run


def sheet_values(path: str | os.PathLike, sheet: str, *, data_only: bool = True) -> list[list]:
    """All values of ``sheet`` from A1 to its last non-empty row/column."""
    wb = openpyxl.load_workbook(path, data_only=data_only)
    ws = wb[sheet]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    while rows and all(v is None or v == "" for v in rows[-1]):
        rows.pop()
    width = 0
    for row in rows:
        for ix in range(len(row) - 1, -1, -1):
            if row[ix] is not None and row[ix] != "":
                width = max(width, ix + 1)
                break
    return [row[:width] + [None] * (width - len(row[:width])) for row in rows]


def _normal(value: Any) -> Any:
    if value == "":
        return None
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value


def _same(a: Any, b: Any, tol: float) -> bool:
    a, b = _normal(a), _normal(b)
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or a == b and type(a) is type(b)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=tol, abs_tol=tol)
    return a == b


def diff_sheets(
    path_a: str | os.PathLike,
    path_b: str | os.PathLike,
    sheets: Iterable[str],
    *,
    tol: float = 1e-9,
    data_only: bool = True,
    limit: int = 50,
) -> list[str]:
    """Cell-by-cell differences of ``sheets`` between two files ([] if equal).

    ``""`` equals empty, a midnight datetime equals its date, numbers compare
    with ``tol``, booleans only with booleans. With ``data_only=False`` formulas
    compare as their text.
    """
    diffs: list[str] = []
    for sheet in sheets:
        a = sheet_values(path_a, sheet, data_only=data_only)
        b = sheet_values(path_b, sheet, data_only=data_only)
        nrows = max(len(a), len(b))
        ncols = max([len(r) for r in a + b] or [0])
        for i in range(nrows):
            for j in range(ncols):
                va = a[i][j] if i < len(a) and j < len(a[i]) else None
                vb = b[i][j] if i < len(b) and j < len(b[i]) else None
                if not _same(va, vb, tol):
                    diffs.append(f"{sheet}!{get_column_letter(j + 1)}{i + 1}: {va!r} != {vb!r}")
                    if len(diffs) >= limit:
                        return diffs
    return diffs


def excel_date(value: Any, epoch=None) -> Any:
    """Serial number -> datetime (for payloads built with ``dates != "iso"``)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return from_excel(value, epoch) if epoch else from_excel(value)
    return value


# ------------------------------------------------------------ Lite's on-demand reads


def _ref(address: str) -> tuple[int, int, int, int]:
    """'$A$1:$C$5' → (row1, col1, row2, col2), 1-based."""
    c1, r1, c2, r2 = range_boundaries(address.replace("$", ""))
    return r1, c1, r2, c2


class LiteSel:
    """xlwings Lite's on-demand range reads, answered from a real .xlsx.

    Lite's client answers `getRangeData(sheet, address, keys)` from Excel
    (xlwings_server/static/js/custom-scripts/index.js); this does the same from
    the file, with openpyxl, for the keys xl-iku asks:

    * ``merge_cells``: False when no cell of the range is merged, True when all
      are, None when some are (``mergeCellsState``: merged cells counted by
      overlap with each merged area);
    * ``merge_area``: the address of the merged area holding the range's first
      cell, or None;
    * ``number_format``: the one format all the range's cells share, or None.

    :meth:`model` gives the same facts as JSON for the Pyodide driver's
    JavaScript ``getRangeData`` (tests/lite_driver.mjs); :meth:`pasang`
    answers CPython's remote engine, which otherwise cannot (it is not Lite).
    ``tanya`` counts the questions asked.
    """

    def __init__(self, path: str | os.PathLike):
        wb = openpyxl.load_workbook(path)
        self.merges: dict[str, list[tuple[int, int, int, int]]] = {}
        self.formats: dict[str, dict[tuple[int, int], str]] = {}
        for ws in wb.worksheets:
            self.merges[ws.title] = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
            f = {}
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell, MergedCell):
                        continue
                    if cell.number_format != "General":
                        f[(cell.row, cell.column)] = cell.number_format
            # Column and row styles give blank cells their format too.
            self.formats[ws.title] = f
        self.tanya = 0

    def jawab(self, sheet: str, address: str, keys: list[str]) -> dict:
        self.tanya += 1
        r1, c1, r2, c2 = _ref(address)
        out: dict[str, Any] = {}
        areas = self.merges.get(sheet, [])
        for key in keys:
            if key == "merge_cells":
                n = sum(max(0, min(r2, b) - max(r1, a) + 1) * max(0, min(c2, d) - max(c1, c) + 1)
                        for a, c, b, d in areas)
                out[key] = False if n == 0 else (True if n == (r2 - r1 + 1) * (c2 - c1 + 1) else None)
            elif key == "merge_area":
                hit = next(((a, c, b, d) for a, c, b, d in areas if a <= r1 <= b and c <= c1 <= d), None)
                out[key] = None if hit is None else (
                    f"{get_column_letter(hit[1])}{hit[0]}:{get_column_letter(hit[3])}{hit[2]}")
            elif key == "number_format":
                f = self.formats.get(sheet, {})
                seen = {f.get((r, c), "General") for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
                out[key] = seen.pop() if len(seen) == 1 else None
            else:
                raise NotImplementedError(key)
        return out

    def model(self) -> dict:
        return {s: {"merges": [list(m) for m in self.merges[s]],
                    "formats": {f"{r},{c}": v for (r, c), v in self.formats[s].items()}}
                for s in self.merges}

    def pasang(self):
        """Context manager: the remote engine's on-demand reads answer from this file."""
        import contextlib

        from xlwings.pro import _xlremote

        @contextlib.contextmanager
        def cm():
            asli = _xlremote.Range._get_range_data

            async def baca(rng, key, method=None):
                return self.jawab(rng.sheet.name, rng.address, [key])[key]

            _xlremote.Range._get_range_data = baca
            try:
                yield self
            finally:
                _xlremote.Range._get_range_data = asli

        return cm()
