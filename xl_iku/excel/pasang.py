"""Desktop Excel (Windows/macOS) with a local Python: the one-click set-up.

Nothing here invents VBA: the macro code comes from the files xlwings itself
ships (`quickstart_standalone.xlsm` and `quickstart_addin_ribbon.xlam` in the
installed xlwings package, BSD-3-Clause), whose `vbaProject.bin` is reused as
is.  Two artefacts:

1. `buat_xlsm(BERKAS.xlsx)` → folder with
   * `BERKAS.xlsm`: the workbook unchanged, plus xlwings' standalone VBA
     project (modules `xlwings`, `Dictionary`, `Module1`); the "Hitung"
     shape on Beranda is bound to the macro `SampleCall` (its hyperlink, used
     by xlwings Lite, is dropped in this copy so a click runs the macro);
   * `BERKAS.py`: `from xl_iku.excel import main`.  `SampleCall` runs
     `RunPython "import <nama berkas>; <nama berkas>.main()"`, the module named
     after the workbook, so the workbook's name must be a valid Python module
     name (the command makes it one) and must not be changed afterwards;
   * `xlwings.conf`: `INTERPRETER_WIN` / `INTERPRETER_MAC` = the Python that
     ran the command (the one that has xl-iku), read by xlwings' VBA from the
     workbook's folder.

2. `buat_addin(FOLDER)` → `xl_iku_addin.xlam` (xlwings' quickstart ribbon
   add-in with its tab relabelled: "xl-iku" → "Hitung IKU", calling the
   add-in's own `RibbonMyAddin.RunMain`), `xl_iku_addin.py` and
   `myaddin.conf` (the add-in's PROJECT_NAME is "myaddin").  Works on the
   active workbook, whatever its name; load it with File → Options → Add-ins
   → Browse so that the three files stay together.
"""

from __future__ import annotations

import io
import keyword
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .. import kontrak as K
from ..io.package import FileError, Package

NS = {
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
}
NAMA_TOMBOL = "Hitung"
MAKRO = "SampleCall"  # xlwings' standalone quickstart: Module1.SampleCall
MAKRO_PITA = "RibbonMyAddin.RunMain"  # xlwings' ribbon add-in quickstart
NAMA_ADDIN = "xl_iku_addin"
_CT_MAKRO = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
_CT_ADDIN = "application/vnd.ms-excel.addin.macroEnabled.main+xml"
_CT_VBA = "application/vnd.ms-office.vbaProject"
_REL_VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"

PY_XLSM = '''"""Dibuat oleh `xl-iku pasang-excel`.

Tombol Hitung di {xlsm} menjalankan makro xlwings SampleCall, yang memanggil
`import {modul}; {modul}.main()`.  Jangan mengganti nama berkas ini atau
berkas Excel-nya, dan simpan keduanya di folder yang sama.
"""

from xl_iku.excel import main  # noqa: F401
'''

PY_ADDIN = '''"""Dibuat oleh `xl-iku pasang-excel --addin`.

Tombol "Hitung IKU" di pita Excel (tab xl-iku) memanggil
`import {modul}; {modul}.main()` untuk buku kerja yang sedang aktif.
Simpan berkas ini di folder yang sama dengan {modul}.xlam.
"""

from xl_iku.excel import main  # noqa: F401
'''

CUSTOM_UI = """<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui">
    <ribbon>
        <tabs>
            <tab id="xlikuTab" label="xl-iku">
                <group id="xlikuGroup" label="Indikator Kinerja">
                    <button id="hitungIku" label="Hitung IKU" size="large" onAction="{makro}" imageMso="MacroPlay"
                            screentip="Hitung IKU"
                            supertip="Validasi, hitung, dan isi lembar keluaran buku kerja IKU yang sedang aktif." />
                </group>
            </tab>
        </tabs>
    </ribbon>
</customUI>
"""


def xlwings_file(nama: str) -> Path:
    """A file shipped inside the installed xlwings package."""
    import importlib.util

    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.origin:
        raise FileError("Paket xlwings belum terpasang; jalankan: pip install xlwings")
    path = Path(spec.origin).parent / nama
    if not path.exists():
        raise FileError(f"Berkas '{nama}' tidak ada di paket xlwings yang terpasang; pasang ulang xlwings.")
    return path


def nama_modul(stem: str) -> str:
    """A workbook stem turned into an importable Python module name."""
    s = re.sub(r"\W", "_", stem, flags=re.ASCII).strip("_") or "iku"
    if s[0].isdigit() or keyword.iskeyword(s):
        s = "iku_" + s
    return s


def conf(nama_file: Path, interpreter: str | None = None) -> None:
    """xlwings' config file format (read by the VBA with `Input #`)."""
    interpreter = interpreter or sys.executable
    if sys.platform.startswith("win"):
        pyw = Path(interpreter).with_name("pythonw.exe")
        if pyw.exists():
            interpreter = str(pyw)
    baris = []
    if sys.platform.startswith("win"):
        baris.append(f'"INTERPRETER_WIN","{interpreter}"')
    elif sys.platform == "darwin":
        baris.append(f'"INTERPRETER_MAC","{interpreter}"')
    baris.append('"SHOW_ERROR_POPUPS","True"')
    nama_file.write_text("\r\n".join(baris) + "\r\n", encoding="utf-8")


# ------------------------------------------------------------ package edits


def _xml(data: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    return etree.fromstring(data, parser)


def _bytes(root) -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' + etree.tostring(root, encoding="UTF-8")


def _content_types(data: bytes, main_ct: str) -> bytes:
    root = _xml(data)
    ns = root.nsmap[None]
    for o in root.findall(f"{{{ns}}}Override"):
        if o.get("PartName") == "/xl/workbook.xml":
            o.set("ContentType", main_ct)
        if o.get("PartName") == "/xl/vbaProject.bin":
            root.remove(o)
    etree.SubElement(root, f"{{{ns}}}Override", PartName="/xl/vbaProject.bin", ContentType=_CT_VBA)
    return _bytes(root)


def _workbook_rels(data: bytes) -> bytes:
    root = _xml(data)
    ns = root.nsmap[None]
    ids = {r.get("Id") for r in root}
    for r in list(root):
        if r.get("Type") == _REL_VBA:
            root.remove(r)
    n = 1
    while f"rIdVba{n}" in ids:
        n += 1
    etree.SubElement(root, f"{{{ns}}}Relationship", Id=f"rIdVba{n}", Type=_REL_VBA, Target="vbaProject.bin")
    return _bytes(root)


def _workbook(data: bytes) -> bytes:
    """workbookPr codeName="ThisWorkbook" (the VBA project's document module)."""
    root = _xml(data)
    m = NS["m"]
    pr = root.find(f"{{{m}}}workbookPr")
    if pr is None:
        pr = etree.Element(f"{{{m}}}workbookPr")
        # workbookPr follows fileVersion / fileSharing (ECMA-376 order).
        pos = 0
        for i, el in enumerate(root):
            if etree.QName(el).localname in ("fileVersion", "fileSharing"):
                pos = i + 1
        root.insert(pos, pr)
    pr.set("codeName", "ThisWorkbook")
    return _bytes(root)


def _sheet(data: bytes, code_name: str) -> bytes:
    """sheetPr codeName="SheetN" (Excel matches VBA sheet modules by it)."""
    root = _xml(data)
    m = NS["m"]
    pr = root.find(f"{{{m}}}sheetPr")
    if pr is None:
        pr = etree.Element(f"{{{m}}}sheetPr")
        root.insert(0, pr)
    if not pr.get("codeName"):
        pr.set("codeName", code_name)
    return _bytes(root)


def _drawing_makro(data: bytes, tombol: str, makro: str) -> tuple[bytes, bool]:
    """Bind the shape named `tombol` to `makro`; drop its hyperlink."""
    root = _xml(data)
    found = False
    for sp in root.iter(f"{{{NS['xdr']}}}sp"):
        c = sp.find("xdr:nvSpPr/xdr:cNvPr", NS)
        if c is None or c.get("name") != tombol:
            continue
        sp.set("macro", f"[0]!{makro}")
        for link in c.findall("a:hlinkClick", NS):
            c.remove(link)
        found = True
    return _bytes(root), found


@dataclass
class Artefak:
    berkas: Path  # the .xlsm / .xlam
    modul: Path  # the companion .py
    konfigurasi: Path  # xlwings.conf / myaddin.conf


def buat_xlsm(sumber: str | Path, folder: str | Path | None = None, *, timpa: bool = False,
              interpreter: str | None = None) -> Artefak:
    """BERKAS.xlsx → BERKAS.xlsm + BERKAS.py + xlwings.conf (see module doc)."""
    sumber = Path(sumber)
    folder = Path(folder) if folder is not None else sumber.parent
    if not folder.is_dir():
        raise FileError(f"Folder '{folder}' tidak ada.")
    modul = nama_modul(sumber.stem)
    xlsm, py, cfg = folder / f"{modul}.xlsm", folder / f"{modul}.py", folder / "xlwings.conf"
    if not timpa:
        for p in (xlsm, py):
            if p.exists():
                raise FileError(f"Berkas '{p}' sudah ada; hapus dulu atau gunakan --timpa.")
    vba = zipfile.ZipFile(xlwings_file("quickstart_standalone.xlsm")).read("xl/vbaProject.bin")
    out = io.BytesIO()
    with Package.open(sumber) as pkg:
        if pkg.has_part("xl/vbaProject.bin"):
            raise FileError(f"Berkas '{sumber.name}' sudah berisi makro; gunakan berkas .xlsx dari templat xl-iku.")
        beranda = next((s for s in pkg.sheets if s.name == K.LEMBAR_BERANDA), None)
        if beranda is None:
            raise FileError(f"Lembar '{K.LEMBAR_BERANDA}' tidak ada di berkas '{sumber.name}'.")
        gambar = [r.target for r in pkg.relationships(beranda.part)
                  if not r.external and r.type.endswith("/drawing")]
        kode = {s.part: f"Sheet{s.index + 1}" for s in pkg.sheets}
        ada_tombol = False
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info in pkg._zf.infolist():
                name = info.filename
                data = pkg.read(name)
                if name == "[Content_Types].xml":
                    data = _content_types(data, _CT_MAKRO)
                elif name == "xl/_rels/workbook.xml.rels":
                    data = _workbook_rels(data)
                elif name == pkg.workbook_part:
                    data = _workbook(data)
                elif name in kode:
                    data = _sheet(data, kode[name])
                elif name in gambar:
                    data, ok = _drawing_makro(data, NAMA_TOMBOL, MAKRO)
                    ada_tombol = ada_tombol or ok
                elif name == "xl/vbaProject.bin":
                    continue
                z.writestr(info, data)
            z.writestr("xl/vbaProject.bin", vba)
        if not ada_tombol:
            raise FileError(f"Tombol '{NAMA_TOMBOL}' tidak ditemukan di lembar Beranda berkas '{sumber.name}'; "
                            "gunakan templat xl-iku terbaru.")
    xlsm.write_bytes(out.getvalue())
    py.write_text(PY_XLSM.format(xlsm=xlsm.name, modul=modul), encoding="utf-8")
    conf(cfg, interpreter)
    return Artefak(xlsm, py, cfg)


def buat_addin(folder: str | Path, *, timpa: bool = False, interpreter: str | None = None) -> Artefak:
    """xl_iku_addin.xlam + xl_iku_addin.py + myaddin.conf in `folder`."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileError(f"Folder '{folder}' tidak ada.")
    xlam, py, cfg = folder / f"{NAMA_ADDIN}.xlam", folder / f"{NAMA_ADDIN}.py", folder / "myaddin.conf"
    if not timpa:
        for p in (xlam, py):
            if p.exists():
                raise FileError(f"Berkas '{p}' sudah ada; hapus dulu atau gunakan --timpa.")
    src = xlwings_file("quickstart_addin_ribbon.xlam")
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "customUI/customUI.xml":
                data = CUSTOM_UI.format(makro=MAKRO_PITA).encode("utf-8")
            z.writestr(info, data)
    xlam.write_bytes(out.getvalue())
    py.write_text(PY_ADDIN.format(modul=NAMA_ADDIN), encoding="utf-8")
    conf(cfg, interpreter)
    return Artefak(xlam, py, cfg)
