"""Which actions the Excel client in front of us really implements.

xlwings' remote engine (xlwings Server, xlwings Lite) answers a script with a
list of *actions*; the client applies each by name and fails on a name it
does not know, before writing anything.  Clients differ: xlwings' VBA client
(`RunServerPython`, Excel 2010–2019), Office Scripts, Google Apps Script, the
xlwings Server Office.js add-in of each server version, and xlwings Lite.

The sets are never kept by hand here: they are read from the client's own
source, shipped inside the installed packages —

* VBA: `xlwings/addin/Remote.bas`, one `Sub name(wb As Workbook, action As
  Dictionary)` per action;
* Office Scripts / Google Apps Script: `xlwings/js/xlwings.ts` /
  `xlwings.js`, one `registerCallback(name)` / `function name(workbook,
  action)` per action;
* xlwings Server's Office.js add-in: the server serves its own JS, so the
  add-in is exactly as old as the installed `xlwings_server`; its actions
  are the keys of `let funcs = {…}` in its static JS (1.0 and 1.10: 44
  actions, without rangeMerge/rangeUnmerge/setRangeColors/setRowHeight;
  1.19 and 1.20: 136).

xlwings Lite (Pyodide, `sys_platform == 'emscripten'`) is always Microsoft's
current add-in: every action.  `None` means "no restriction".
"""

from __future__ import annotations

import functools
import importlib.util
import re
import sys
from pathlib import Path

VBA = "VBA"
OFFICE_JS = "Office.js"
OFFICE_SCRIPTS = "Microsoft Office Scripts"
APPS_SCRIPT = "Google Apps Script"

_SUB_VBA = re.compile(r"^Sub\s+(\w+)\s*\(\s*wb\s+As\s+Workbook\s*,\s*action\s+As\s+Dictionary\s*\)",
                      re.IGNORECASE | re.MULTILINE)
_REGISTER = re.compile(r"^\s*registerCallback\((\w+)\)", re.MULTILINE)
_FUNGSI_GAS = re.compile(r"^function\s+(\w+)\s*\(\s*workbook\s*,\s*action\s*\)", re.MULTILINE)
_FUNCS = re.compile(r"\blet\s+funcs\s*=\s*\{(.*?)\n\s*\};", re.DOTALL)
_KUNCI = re.compile(r"^\s*(\w+)\s*:", re.MULTILINE)


def aksi_vba(teks: str) -> frozenset[str]:
    """Actions of xlwings' VBA client, from the text of Remote.bas."""
    return frozenset(_SUB_VBA.findall(teks))


def aksi_register(teks: str) -> frozenset[str]:
    """Actions of xlwings.ts (Office Scripts: `registerCallback(name)`) or
    xlwings.js (Google Apps Script: top-level `function name(workbook, action)`)."""
    return frozenset(_REGISTER.findall(teks)) | frozenset(_FUNGSI_GAS.findall(teks))


def aksi_server_js(teks: str) -> frozenset[str]:
    """Actions of xlwings Server's Office.js add-in, from its `let funcs = {…}`."""
    m = _FUNCS.search(teks)
    return frozenset(_KUNCI.findall(m.group(1))) if m else frozenset()


def _folder(paket: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(paket)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).parent


@functools.lru_cache(maxsize=None)
def _dari_xlwings(relatif: str, baca) -> frozenset[str] | None:
    folder = _folder("xlwings")
    if folder is None or not (folder / relatif).is_file():
        return None
    return baca((folder / relatif).read_text(encoding="utf-8", errors="replace"))


@functools.lru_cache(maxsize=None)
def aksi_xlwings_server() -> frozenset[str] | None:
    """The installed xlwings Server's add-in actions (None: not installed)."""
    folder = _folder("xlwings_server")
    if folder is None:
        return None
    for js in sorted((folder / "static" / "js").rglob("*.js")):
        teks = js.read_text(encoding="utf-8", errors="replace")
        if "let funcs" in teks:
            aksi = aksi_server_js(teks)
            if aksi:
                return aksi
    return None


def aksi_klien(klien: str | None) -> frozenset[str] | None:
    """The actions client `klien` implements; None: all (xlwings Lite, or an
    Office.js host whose add-in we cannot see, which is a current one)."""
    if klien == VBA:
        return _dari_xlwings("addin/Remote.bas", aksi_vba) or frozenset()
    if klien == OFFICE_SCRIPTS:
        return _dari_xlwings("js/xlwings.ts", aksi_register) or frozenset()
    if klien == APPS_SCRIPT:
        return _dari_xlwings("js/xlwings.js", aksi_register) or frozenset()
    if klien == OFFICE_JS:
        if sys.platform == "emscripten":
            return None
        return aksi_xlwings_server()
    return frozenset()  # an unknown client: only what every client has
