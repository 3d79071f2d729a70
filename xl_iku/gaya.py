"""Cell styles of the output sheets, by role.

The template carries one cell per role on the very hidden sheet `Gaya`
(role n at A{n}).  The file writer regenerates the output sheets with the
style index it finds there, so the styles survive any re-save (Excel or
LibreOffice renumber style indexes, but the palette cell moves with them)
and the writer never has to touch styles.xml.
"""

from __future__ import annotations

LEMBAR_GAYA = "Gaya"

_BORDER = {"border": 1, "valign": "top", "font_name": "Arial", "font_size": 9}
_BASE = {"font_name": "Arial", "font_size": 9}

# Order matters: role n lives at A{n} on the Gaya sheet.
PERAN: dict[str, dict] = {
    "judul": {**_BASE, "bold": True, "font_size": 12, "align": "center", "valign": "vcenter"},
    "subjudul": {**_BASE, "bold": True, "font_size": 10, "align": "center"},
    "teks": {**_BASE},
    "miring": {**_BASE, "italic": True, "font_size": 8},
    "bagian": {**_BASE, "bold": True, "font_size": 10},
    "header": {**_BORDER, "bold": True, "align": "center", "valign": "vcenter", "text_wrap": True,
               "bg_color": "#D9E1F2"},
    "sel_teks": {**_BORDER, "text_wrap": True},
    "sel_tengah": {**_BORDER, "align": "center"},
    "sel_angka": {**_BORDER, "num_format": "#,##0.00", "align": "right"},
    "sel_angka4": {**_BORDER, "num_format": "0.0000", "align": "right"},
    "sel_bulat": {**_BORDER, "num_format": "#,##0", "align": "right"},
    "sel_tebal": {**_BORDER, "bold": True},
    "sel_tebal_angka": {**_BORDER, "bold": True, "num_format": "#,##0.00", "align": "right"},
    "galat": {**_BORDER, "bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE"},
    "peringatan": {**_BORDER, "font_color": "#7F6000", "bg_color": "#FFEB9C"},
    "tautan": {**_BORDER, "font_color": "#0563C1", "underline": 1, "align": "center"},
    "ttd": {**_BASE, "align": "center", "font_size": 10},
    "ttd_nama": {**_BASE, "align": "center", "bold": True, "underline": 1, "font_size": 10},
    "isian": {**_BORDER, "locked": False},
}

NOMOR_PERAN = {nama: i + 1 for i, nama in enumerate(PERAN)}
