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
from ..io.salin import salin

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
PROYEK_ADDIN = "myaddin"  # PROJECT_NAME in the quickstart add-in's xlwings module
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


def _modul_terpasang(kecuali: Path | None = None) -> set[str]:
    """Top-level names Python can import here (lower case: Windows and macOS
    folders ignore case), except what lives in `kecuali` (our own .py there)."""
    import pkgutil

    nama = {n.lower() for n in sys.builtin_module_names} | {n.lower() for n in sys.stdlib_module_names}
    lewati = kecuali.resolve() if kecuali is not None else None
    for m in pkgutil.iter_modules():
        try:
            if lewati is not None and Path(m.module_finder.path).resolve() == lewati:
                continue
        except (AttributeError, TypeError, OSError):
            pass
        nama.add(m.name.lower())
    return nama


def nama_modul(stem: str, folder: Path | None = None) -> tuple[str, str | None]:
    """A workbook stem turned into an importable Python module name that
    shadows no module Python can already import (xlwings puts the workbook's
    folder first on sys.path: `xl_iku.py` there would hide the package,
    `json.py` the standard library).  Returns (name, why it was renamed)."""
    s = re.sub(r"\W", "_", stem, flags=re.ASCII).strip("_") or "iku"
    if s[0].isdigit() or keyword.iskeyword(s):
        s = "iku_" + s
    terpakai = _modul_terpasang(folder)
    if s.lower() not in terpakai and not s.lower().startswith(("xl_iku", "xlwings")):
        return s, None
    asal = s
    s = "buku_" + s
    while s.lower() in terpakai:
        s = "buku_" + s
    return s, (f"Nama '{asal}' sama dengan modul Python yang sudah ada (berkas {asal}.py akan "
               f"menutupi modul itu), jadi hasilnya dinamai '{s}'.")


def _penyandian_vba() -> str:
    """xlwings' VBA reads xlwings.conf with `Line Input`, i.e. in the ANSI code
    page of Windows (cp1252 on Indonesian and English Windows)."""
    if sys.platform.startswith("win"):
        import locale

        return locale.getencoding()
    return "cp1252"


def _interpreter(interpreter: str | None) -> str:
    interpreter = interpreter or sys.executable
    if sys.platform.startswith("win"):
        pyw = Path(interpreter).with_name("pythonw.exe")
        if pyw.exists():
            interpreter = str(pyw)
    return interpreter


def _kunci_interpreter() -> str:
    return "INTERPRETER_MAC" if sys.platform == "darwin" else "INTERPRETER_WIN"


def conf_teks(interpreter: str | None = None) -> tuple[bytes, str]:
    """xlwings.conf ("KEY","value" lines) as the bytes VBA reads; refuses a
    path the VBA cannot read back."""
    interpreter = _interpreter(interpreter)
    enc = _penyandian_vba()
    baris = [f'"{_kunci_interpreter()}","{interpreter}"', '"SHOW_ERROR_POPUPS","True"']
    teks = "\r\n".join(baris) + "\r\n"
    try:
        return teks.encode(enc), interpreter
    except UnicodeEncodeError as e:
        buruk = interpreter[e.start:e.end] if e.start < len(interpreter) else teks[e.start:e.end]
        raise FileError(f"Jalur Python '{interpreter}' berisi karakter '{buruk}' yang tidak dapat dibaca makro "
                        f"xlwings ({enc}); pasang Python di folder tanpa karakter itu, mis. C:\\Python311, "
                        "lalu jalankan perintah ini dengan Python tersebut.")


def conf(nama_file: Path, interpreter: str | None = None) -> None:
    """xlwings' config file, read by the VBA from the workbook's folder."""
    data, _ = conf_teks(interpreter)
    nama_file.write_bytes(data)


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
    konfigurasi: Path | None  # xlwings.conf (the add-in keeps its settings in its own sheet)
    catatan: str | None = None  # why the module was renamed, if it was


def buat_xlsm(sumber: str | Path, folder: str | Path | None = None, *, timpa: bool = False,
              interpreter: str | None = None) -> Artefak:
    """BERKAS.xlsx → BERKAS.xlsm + BERKAS.py + xlwings.conf (see module doc)."""
    sumber = Path(sumber)
    folder = Path(folder) if folder is not None else sumber.parent
    if not folder.is_dir():
        raise FileError(f"Folder '{folder}' tidak ada.")
    modul, catatan = nama_modul(sumber.stem, folder)
    xlsm, py, cfg = folder / f"{modul}.xlsm", folder / f"{modul}.py", folder / "xlwings.conf"
    conf_data, _ = conf_teks(interpreter)  # refuse an unreadable path before writing anything
    if not timpa:
        for p in (xlsm, py, cfg):
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

        def drawing(data: bytes) -> bytes:
            nonlocal ada_tombol
            data, ok = _drawing_makro(data, NAMA_TOMBOL, MAKRO)
            ada_tombol = ada_tombol or ok
            return data

        ganti = {
            "[Content_Types].xml": lambda d: _content_types(d, _CT_MAKRO),
            "xl/_rels/workbook.xml.rels": _workbook_rels,
            pkg.workbook_part: _workbook,
            **{part: (lambda d, c=c: _sheet(d, c)) for part, c in kode.items()},
            **{part: drawing for part in gambar},
            "xl/vbaProject.bin": vba,  # added: the package has none (checked above)
        }
        salin(pkg, out, ganti)
        if not ada_tombol:
            raise FileError(f"Tombol '{NAMA_TOMBOL}' tidak ditemukan di lembar Beranda berkas '{sumber.name}'; "
                            "gunakan templat xl-iku terbaru.")
    xlsm.write_bytes(out.getvalue())
    py.write_text(PY_XLSM.format(xlsm=xlsm.name, modul=modul), encoding="utf-8")
    cfg.write_bytes(conf_data)
    return Artefak(xlsm, py, cfg, catatan)


def _addin_workbook(data: bytes) -> bytes:
    """Enable the add-in's config sheet: xlwings reads `myaddin.conf` inside
    the add-in (ThisWorkbook) for custom add-ins; `_myaddin.conf` is ignored."""
    root = _xml(data)
    for sh in root.iter(f"{{{NS['m']}}}sheet"):
        if sh.get("name") == f"_{PROYEK_ADDIN}.conf":
            sh.set("name", f"{PROYEK_ADDIN}.conf")
            return _bytes(root)
    raise FileError(f"Lembar '_{PROYEK_ADDIN}.conf' tidak ada di add-in xlwings yang terpasang; pasang ulang xlwings.")


def _addin_sheet(data: bytes, strings: list[str], nilai: dict[str, str]) -> bytes:
    """Fill column B of the config sheet for the keys in `nilai` (inline strings)."""
    root = _xml(data)
    m = NS["m"]
    sisa = dict((k.upper(), v) for k, v in nilai.items())
    for row in root.iter(f"{{{m}}}row"):
        cells = row.findall(f"{{{m}}}c")
        if not cells or cells[0].get("t") != "s":
            continue
        kunci = strings[int(cells[0].findtext(f"{{{m}}}v"))].upper()
        if kunci not in sisa:
            continue
        r = cells[0].get("r")[1:]
        for c in cells[1:]:
            if c.get("r") == f"B{r}":
                row.remove(c)
        c = etree.SubElement(row, f"{{{m}}}c", r=f"B{r}", t="inlineStr")
        c.set("s", cells[0].get("s", "0"))
        etree.SubElement(etree.SubElement(c, f"{{{m}}}is"), f"{{{m}}}t").text = sisa.pop(kunci)
        row.set("spans", "1:2")
    if sisa:
        raise FileError(f"Kunci {', '.join(sisa)} tidak ada di lembar konfigurasi add-in xlwings; pasang ulang xlwings.")
    return _bytes(root)


def buat_addin(folder: str | Path, *, timpa: bool = False, interpreter: str | None = None) -> Artefak:
    """xl_iku_addin.xlam (its settings in its own `myaddin.conf` sheet) + xl_iku_addin.py in `folder`."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileError(f"Folder '{folder}' tidak ada.")
    xlam, py = folder / f"{NAMA_ADDIN}.xlam", folder / f"{NAMA_ADDIN}.py"
    if not timpa:
        for p in (xlam, py):
            if p.exists():
                raise FileError(f"Berkas '{p}' sudah ada; hapus dulu atau gunakan --timpa.")
    _, interp = conf_teks(interpreter)  # the same readability check as xlwings.conf
    kunci = "Interpreter_Mac" if sys.platform == "darwin" else "Interpreter_Win"
    src = xlwings_file("quickstart_addin_ribbon.xlam")
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin:
        sst = _xml(zin.read("xl/sharedStrings.xml"))
        strings = ["".join(si.itertext()) for si in sst.findall(f"{{{NS['m']}}}si")]
        salin(zin, out, {
            "customUI/customUI.xml": CUSTOM_UI.format(makro=MAKRO_PITA).encode("utf-8"),
            "xl/workbook.xml": _addin_workbook,
            "xl/worksheets/sheet1.xml": lambda d: _addin_sheet(d, strings, {kunci: interp}),
        })
    xlam.write_bytes(out.getvalue())
    py.write_text(PY_ADDIN.format(modul=NAMA_ADDIN), encoding="utf-8")
    return Artefak(xlam, py, None)
