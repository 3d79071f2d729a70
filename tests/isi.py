"""Fill the template the way another program would: openpyxl, by KONTRAK
table and header names only (no xl-iku code), as the hidden workbooks are made.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

TEMPLATE = Path(__file__).resolve().parent.parent / "workbook" / "IKU_template.xlsx"


def isi(path: Path, pengaturan: dict | None = None, tabel: dict | None = None,
        template: Path = TEMPLATE) -> Path:
    wb = openpyxl.load_workbook(template)
    for name, value in (pengaturan or {}).items():
        dn = wb.defined_names[name]
        (sheet, ref), = list(dn.destinations)
        wb[sheet][ref.replace("$", "")].value = value
    for name, rows in (tabel or {}).items():
        ws, t, (c1, r1, c2, r2), headers = tabel_di(wb, name)
        for r in range(r1 + 1, r2 + 1):  # clear the template's rows
            for c in range(c1, c2 + 1):
                ws.cell(r, c).value = None
        for i, row in enumerate(rows):
            for h, v in row.items():
                ws.cell(r1 + 1 + i, headers[h]).value = v
        last = r1 + max(1, len(rows))
        t.ref = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{last}"
        if t.autoFilter is not None:
            t.autoFilter.ref = t.ref
    wb.save(path)
    return path


def tabel_di(wb, name):
    """(worksheet, table, (c1, r1, c2, r2), {header: column}) of a named table."""
    for ws in wb.worksheets:
        if name in ws.tables:
            t = ws.tables[name]
            c1, r1, c2, r2 = range_boundaries(t.ref)
            cols = {ws.cell(r1, c).value: c for c in range(c1, c2 + 1)}
            return ws, t, (c1, r1, c2, r2), cols
    raise KeyError(name)
