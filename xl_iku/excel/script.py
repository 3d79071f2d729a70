"""The Hitung button for xlwings Lite and xlwings Server.

The template carries a text box named "Hitung" over Beranda!B9, hyperlinked
to that cell (`template.build.NAMA_TOMBOL`, `SEL_TOMBOL`).  That is xlwings'
convention for sheet buttons: `@script(button="[ShapeName]Sheet!Cell")` —
clicking the shape selects the cell under it, and the add-in runs the script.

xlwings Lite: paste into the add-in's editor (main.py)::

    from xl_iku.excel.script import hitung_iku  # noqa: F401

xlwings Server: import this module among the server's custom scripts
(`custom_scripts_meta(xl_iku.excel.script)`).
"""

from __future__ import annotations

import xlwings as xw

try:
    # The Office.js script registry: xlwings Server, and xlwings' Pyodide
    # runtime (which also sets XLWINGS_ON_SERVER, making `xlwings.script` this).
    from xlwings.server import script
except Exception:  # pragma: no cover - an xlwings without the server module
    from xlwings import script

from .. import kontrak as K

# Same as template.build.NAMA_TOMBOL / SEL_TOMBOL (a test checks it); not
# imported from there so that xlwings Lite needn't load XlsxWriter.
NAMA_TOMBOL = "Hitung"
SEL_TOMBOL = "B9"
TOMBOL = f"[{NAMA_TOMBOL}]{K.LEMBAR_BERANDA}!{SEL_TOMBOL}"  # "[Hitung]Beranda!B9"


@script(name="Hitung IKU", button=TOMBOL, show_taskpane=False)
async def hitung_iku(book: xw.Book):
    """Validasi, hitung, dan isi lembar keluaran buku kerja ini."""
    from . import hitung
    from .sifat import baca_lite

    # Lite's payload has values only: merges and number formats are asked on
    # demand first (xlwings Server cannot answer them; the reader says so).
    hitung(book, sifat=await baca_lite(book))  # catches every error itself: message box + status line
