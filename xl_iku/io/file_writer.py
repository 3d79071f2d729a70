"""File adapter, writing side: a targeted patch of the xlsx package.

Only the parts xl-iku owns change: the `<sheetData>`, `<mergeCells>`,
`<hyperlinks>` and `<dimension>` of the output sheets, plus `fullCalcOnLoad`
in workbook.xml so Excel recalculates formulas elsewhere on open.  Every other
part — input sheets, drawings and shapes, VBA, customXml, charts, comments,
styles — is copied through unchanged (the same bytes after decompression).
Strings are written inline, so sharedStrings.xml is never touched; style
indexes come from the `Gaya` palette sheet (see `gaya.py`).
"""

from __future__ import annotations

import posixpath
import re
from datetime import date, datetime
from typing import BinaryIO

from .. import gaya
from ..dasar.ooxml import angka_xml, bersih, ke_serial
from ..layout import SheetPlan
from .cetak_xml import hapus as _hapus, patch_cetak, sisip_sebelum as _insert_before
from .package import FileError, Package
from ..dasar.raw import col_letter, parse_address
from .salin import salin


def escape(s: str, entities: dict[str, str] | None = None) -> str:
    """xml.sax.saxutils.escape, without importing it: that module pulls in
    urllib.request (http, ssl, email: ≈10 ms at every start of hitung)."""
    s = s.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for k, v in (entities or {}).items():
        s = s.replace(k, v)
    return s


# Elements that may follow <mergeCells> / <hyperlinks> in a worksheet (ECMA-376 order).
_AFTER_MERGE = ("phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions",
                "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties",
                "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF",
                "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst")
_AFTER_LINKS = _AFTER_MERGE[_AFTER_MERGE.index("printOptions"):]


def _cell_xml(p: str, ref: str, value, s: int | None) -> str:
    sa = f' s="{s}"' if s else ""
    if value is None or value == "":
        return f'<{p}c r="{ref}"{sa}/>' if s else ""
    if isinstance(value, bool):
        return f'<{p}c r="{ref}"{sa} t="b"><{p}v>{int(value)}</{p}v></{p}c>'
    if isinstance(value, (int, float)):
        return f'<{p}c r="{ref}"{sa}><{p}v>{angka_xml(value)}</{p}v></{p}c>'
    if isinstance(value, (date, datetime)):
        return f'<{p}c r="{ref}"{sa}><{p}v>{angka_xml(ke_serial(value))}</{p}v></{p}c>'
    text = escape(bersih(str(value)))
    return f'<{p}c r="{ref}"{sa} t="inlineStr"><{p}is><{p}t xml:space="preserve">{text}</{p}t></{p}is></{p}c>'


def sheet_data_xml(plan: SheetPlan, palette: dict[str, int], p: str = "") -> tuple[list[str], str]:
    """(<sheetData> xml in pieces — its tags and one per row —, dimension ref) for a plan."""
    rows: dict[int, dict[int, str]] = {}
    gaya: dict[str, int | None] = {}  # role → style index, looked up once per role
    for c in plan.cells:
        role = c.role
        s = gaya[role] if role in gaya else gaya.setdefault(role, palette.get(role))
        ref = f"{col_letter(c.col)}{c.row}"
        v = c.value
        if v is None or v == "":  # most cells of a long listing: a bordered blank
            if not s:
                continue
            xml = f'<{p}c r="{ref}" s="{s}"/>'
        else:
            xml = _cell_xml(p, ref, v, s)
        if xml:
            rows.setdefault(c.row, {})[c.col] = xml
    for r in plan.heights:
        rows.setdefault(r, {})
    out = [f"<{p}sheetData>"]
    for r in sorted(rows):
        ht = plan.heights.get(r)
        attr = f' ht="{ht:g}" customHeight="1"' if ht else ""
        cells = "".join(rows[r][c] for c in sorted(rows[r]))
        out.append(f'<{p}row r="{r}"{attr}>{cells}</{p}row>' if cells else f'<{p}row r="{r}"{attr}/>')
    out.append(f"</{p}sheetData>")
    if plan.cells:
        last_r = max(c.row for c in plan.cells)
        last_c = max(c.col for c in plan.cells)
        dim = f"A1:{col_letter(last_c)}{last_r}"
    else:
        dim = "A1"
    return out, dim


def _prefix(xml: str) -> str:
    m = re.search(r"<(\w+:)?worksheet[\s>]", xml)
    return (m.group(1) or "") if m else ""


def patch_sheet(xml: str, plan: SheetPlan, palette: dict[str, int]) -> bytearray:
    """The sheet `xml` with its cells, merges, links and page setup replaced by
    `plan`'s, as UTF-8."""
    p = _prefix(xml)
    data, dim = sheet_data_xml(plan, palette, p)
    m = re.search(rf"<{p}sheetData(\s[^>]*)?(/>|>.*?</{p}sheetData>)", xml, flags=re.S)
    if not m:
        raise FileError(f"Lembar keluaran '{plan.name}' tidak berisi data sel yang dikenali.")
    # The cells (megabytes on a long sheet) go in last: every patch below then
    # works on the few kilobytes around an empty <sheetData/>, not on copies of them.
    tanda = f"<{p}sheetData/>"
    xml = xml[: m.start()] + tanda + xml[m.end():]
    xml = re.sub(rf'(<{p}dimension\s+ref=")[^"]*(")', rf"\g<1>{dim}\g<2>", xml, count=1)
    xml = _hapus(xml, p, "mergeCells")
    xml = _hapus(xml, p, "hyperlinks")
    if plan.merges:
        merges = "".join(f'<{p}mergeCell ref="{r}"/>' for r in plan.merges)
        xml = _insert_before(xml, p, f'<{p}mergeCells count="{len(plan.merges)}">{merges}</{p}mergeCells>', _AFTER_MERGE)
    if plan.links:
        links = "".join(f'<{p}hyperlink ref="{c}" location="{escape(loc, {chr(34): "&quot;"})}" display="{c}"/>'
                        for c, loc in plan.links)
        xml = _insert_before(xml, p, f"<{p}hyperlinks>{links}</{p}hyperlinks>", _AFTER_LINKS)
    if plan.cetak is not None:  # page breaks follow the rows just written
        xml = patch_cetak(xml, plan.cetak, p)
    # Encoded row by row into one buffer: a long sheet's XML never exists as a
    # whole string, nor as a string and its encoding side by side.
    i = xml.index(tanda)
    hasil = bytearray(xml[:i].encode("utf-8"))
    for bagian in data:
        hasil += bagian.encode("utf-8")
    hasil += xml[i + len(tanda):].encode("utf-8")
    return hasil


def _sel_xml(p: str, ref: str, value, lama: str | None) -> str:
    """A cell replacing `lama` (its style kept: the template styles Beranda's status)."""
    m = re.search(r'\ss="(\d+)"', lama or "")
    return _cell_xml(p, ref, value, int(m.group(1)) if m else None) or f'<{p}c r="{ref}"/>'


def patch_sel(xml: str, isian: dict[str, object]) -> str:
    """Set single cells (ref → value) of a sheet xl-iku does not own; every
    other byte of the sheet stays as it was."""
    p = _prefix(xml)
    for ref, value in isian.items():
        row, col = parse_address(ref)
        sel = re.search(rf'<{p}c\s[^>]*?\br="{ref}"[^>]*?(/>|>.*?</{p}c>)', xml, flags=re.S)
        if sel:
            xml = xml[: sel.start()] + _sel_xml(p, ref, value, sel.group(0)) + xml[sel.end():]
            continue
        baru = _sel_xml(p, ref, value, None)
        baris = re.search(rf'<{p}row\s[^>]*?\br="{row}"[^>]*?(/>|>.*?</{p}row>)', xml, flags=re.S)
        if baris:
            teks = baris.group(0)
            if teks.endswith("/>"):
                teks = teks[:-2] + f">{baru}</{p}row>"
            else:
                sisip = teks.rindex(f"</{p}row>")
                for c in re.finditer(rf'<{p}c\s[^>]*?\br="([A-Z]+)\d+"', teks):
                    if parse_address(c.group(1) + str(row))[1] > col:
                        sisip = c.start()
                        break
                teks = teks[:sisip] + baru + teks[sisip:]
            xml = xml[: baris.start()] + teks + xml[baris.end():]
            continue
        data = re.search(rf"<{p}sheetData(\s[^>]*)?(/>|>)", xml)
        if data is None:
            raise FileError(f"Lembar tidak berisi data sel yang dikenali (sel {ref}).")
        if data.group(2) == "/>":
            xml = xml[: data.start()] + f"<{p}sheetData><{p}row r=\"{row}\">{baru}</{p}row></{p}sheetData>" + xml[data.end():]
            continue
        akhir = xml.index(f"</{p}sheetData>", data.end())
        sisip = akhir
        for r in re.finditer(rf'<{p}row\s[^>]*?\br="(\d+)"', xml[data.end():akhir]):
            if int(r.group(1)) > row:
                sisip = data.end() + r.start()
                break
        xml = xml[:sisip] + f'<{p}row r="{row}">{baru}</{p}row>' + xml[sisip:]
    return xml


def read_palette(pkg: Package) -> dict[str, int]:
    """Role → style index, from the cells of the Gaya sheet."""
    try:
        info = pkg.sheet(gaya.LEMBAR_GAYA)
    except KeyError:
        return {}
    root = pkg.xml(info.part)
    found: dict[str, int] = {}
    for el in root.iter():
        if el.tag.endswith("}c") and el.get("r", "").startswith("A"):
            found[el.get("r")] = int(el.get("s", "0"))
    return {role: found.get(f"A{n}", 0) for role, n in gaya.NOMOR_PERAN.items()}


def _patch_workbook(xml: str) -> str:
    """Ask Excel to recalculate every formula on open (our values changed)."""
    m = re.search(r"<(\w+:)?calcPr(\s[^>]*)?/?>", xml)
    if m:
        tag = m.group(0)
        if "fullCalcOnLoad" in tag:
            new = re.sub(r'fullCalcOnLoad="[^"]*"', 'fullCalcOnLoad="1"', tag)
        else:
            new = tag.replace("calcPr", 'calcPr fullCalcOnLoad="1"', 1)
        return xml[: m.start()] + new + xml[m.end():]
    p = (re.search(r"<(\w+:)?workbook[\s>]", xml).group(1) or "")
    frag = f'<{p}calcPr fullCalcOnLoad="1"/>'
    for tag in ("oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
                "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"):
        mm = re.search(rf"<{p}{tag}[\s/>]", xml)
        if mm:
            return xml[: mm.start()] + frag + xml[mm.start():]
    i = xml.rindex(f"</{p}workbook>")
    return xml[:i] + frag + xml[i:]


def write(pkg: Package, plans: dict[str, SheetPlan], out: BinaryIO,
          sel: dict[str, dict[str, object]] | None = None) -> None:
    """Write the patched package to `out` (a binary stream): the output sheets
    replaced by their plans, and the single cells of `sel` (sheet → {ref:
    value}, e.g. Beranda's status line) set on the sheets that have them."""
    palette = read_palette(pkg)
    owned: dict[str, SheetPlan] = {}
    baru: list[SheetPlan] = []
    for name, plan in plans.items():
        try:
            owned[pkg.sheet(name).part] = plan
        except KeyError:
            if plan.buat:  # a Kelompok of the catalogue met for the first time (KONTRAK §5)
                baru.append(plan)
                continue
            if not plan.wajib:  # e.g. Grafik in a workbook from an older template
                continue
            raise FileError(f"Lembar keluaran '{name}' tidak ditemukan di berkas '{pkg.path.name}'.") from None
    isian: dict[str, dict[str, object]] = {}
    for name, cells in (sel or {}).items():
        try:
            isian[pkg.sheet(name).part] = cells
        except KeyError:
            continue  # a workbook without Beranda simply has no status line
    ganti = {part: (lambda lama, plan=plan: patch_sheet(lama.decode("utf-8"), plan, palette))
             for part, plan in owned.items()}
    for part, cells in isian.items():
        if part not in ganti:
            ganti[part] = lambda lama, cells=cells: patch_sel(lama.decode("utf-8"), cells).encode("utf-8")
    tambah = _lembar_baru(pkg, baru, palette) if baru else None
    if tambah is None:
        ganti[pkg.workbook_part] = lambda lama: _patch_workbook(lama.decode("utf-8")).encode("utf-8")
    else:
        ganti.update(tambah)
    # Parts we do not own go through untouched — not even re-deflated.
    # Package.open already checked sizes and ratios of every member.
    salin(pkg, out, ganti)


_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_JENIS_LEMBAR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
_KONTEN_LEMBAR = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_LEMBAR_KOSONG = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                  '<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
                  '<sheetFormatPr defaultRowHeight="12.75"/><sheetData/>'
                  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                  '</worksheet>')


def _lembar_baru(pkg: Package, baru: list[SheetPlan], palette: dict[str, int]) -> dict[str, bytes]:
    """New output sheets appended to the package (a Kelompok the catalogue
    names for the first time): each a copy of an indicator sheet's XML
    (its column widths and page setup) without anything that points to a
    part of its own, filled with its plan; workbook.xml, its rels and
    [Content_Types].xml name them, with the print titles of an indicator sheet."""
    contoh = next((pkg.sheet(n).part for n in ("Indikator Pendukung", "Indikator Kinerja", "IKU")
                   if any(s.name == n for s in pkg.sheets)), None)
    dasar = pkg.read(contoh).decode("utf-8") if contoh else _LEMBAR_KOSONG
    p = _prefix(dasar)
    for tag in ("drawing", "legacyDrawing", "legacyDrawingHF", "picture", "oleObjects", "controls", "tableParts"):
        dasar = _hapus(dasar, p, tag)
        dasar = re.sub(rf"<{p}{tag}\b[^>]*/>", "", dasar)
    dasar = re.sub(r'\s+tabSelected="1"', "", dasar)
    nomor = [int(m.group(1)) for s in pkg.sheets if (m := re.search(r"sheet(\d+)\.xml$", s.part))]
    n = max(nomor, default=0)
    rels_part = posixpath.join(posixpath.dirname(pkg.workbook_part), "_rels",
                               posixpath.basename(pkg.workbook_part) + ".rels")
    rels = pkg.read(rels_part).decode("utf-8")
    ids = {int(m.group(1)) for m in re.finditer(r'Id="rId(\d+)"', rels)}
    rid = max(ids, default=0)
    out: dict[str, bytes] = {}
    entri, hub, jenis, judul = [], [], [], []
    wb_xml = pkg.read(pkg.workbook_part).decode("utf-8")
    sheet_id = max((int(x) for x in re.findall(r'sheetId="(\d+)"', wb_xml)), default=0)
    for i, plan in enumerate(baru):
        n += 1
        rid += 1
        sheet_id += 1
        part = f"xl/worksheets/sheet{n}.xml"
        out[part] = bytes(patch_sheet(dasar, plan, palette))
        nama = escape(plan.name, {chr(34): "&quot;"})
        # The r prefix declared on the element itself: openpyxl's workbook.xml
        # declares it per <sheet>, not on the root.
        entri.append(f'<sheet xmlns:r="{_NS_REL}" name="{nama}" sheetId="{sheet_id}" r:id="rId{rid}"/>')
        hub.append(f'<Relationship Id="rId{rid}" Type="{_JENIS_LEMBAR}" Target="worksheets/sheet{n}.xml"/>')
        jenis.append(f'<Override PartName="/{part}" ContentType="{_KONTEN_LEMBAR}"/>')
        if plan.cetak is not None and plan.cetak.judul_baris:
            a, b = plan.cetak.judul_baris
            q = plan.name.replace("'", "''")
            judul.append(f'<definedName name="_xlnm.Print_Titles" localSheetId="{len(pkg.sheets) + i}">'
                         f"'{escape(q)}'!${a}:${b}</definedName>")

    def workbook(lama: bytes) -> bytes:
        xml = _patch_workbook(lama.decode("utf-8"))
        m = re.search(r"<(\w+:)?sheets>", xml)
        pw = (m.group(1) or "") if m else ""
        tambahan = "".join(e.replace("<sheet ", f"<{pw}sheet ") for e in entri)
        xml = xml.replace(f"</{pw}sheets>", tambahan + f"</{pw}sheets>", 1)
        if judul:
            nama = "".join(j.replace("<definedName", f"<{pw}definedName").replace("</definedName>",
                                                                                  f"</{pw}definedName>") for j in judul)
            if f"</{pw}definedNames>" in xml:
                xml = xml.replace(f"</{pw}definedNames>", nama + f"</{pw}definedNames>", 1)
            else:
                xml = xml.replace(f"</{pw}sheets>", f"</{pw}sheets><{pw}definedNames>{nama}</{pw}definedNames>", 1)
        return xml.encode("utf-8")

    out_ganti: dict = dict(out)
    out_ganti[pkg.workbook_part] = workbook
    out_ganti[rels_part] = lambda lama: lama.decode("utf-8").replace(
        "</Relationships>", "".join(hub) + "</Relationships>", 1).encode("utf-8")
    out_ganti["[Content_Types].xml"] = lambda lama: lama.decode("utf-8").replace(
        "</Types>", "".join(jenis) + "</Types>", 1).encode("utf-8")
    return out_ganti
