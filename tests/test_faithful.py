"""The file writer touches only what it owns.

A corpus of workbooks from different producers — the template, LibreOffice's
re-save, files with a named hyperlinked text box, an image, a chart, comments,
x14 data validation, conditional formatting, sparklines, a customXml part, an
add-in web extension, an .xlsm with VBA and a form button — goes through
`hitung`: every part outside the output sheets (and workbook.xml's calcPr) is
byte-identical after inflation, and the results equal the plain workbook's.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from xl_iku.template.contoh import data_contoh
from xl_iku.io.package import Package
from xl_iku.template.build import buat

# The output sheets, Beranda (only its status cell B12; tests/test_cli_batas.py checks the rest) and
# Grafik's helper cells (the charts' data; its drawing is never touched).
OWNED_SHEETS = ("IKU", "Indikator Kinerja", "Indikator Pendukung", "Hasil SKM", "Validasi", "Beranda", "Grafik")
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000" "1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)


def _extras(wb, sheets):
    skm = sheets["SKM"]
    skm.write_comment("H4", "Jawaban U1: Persyaratan", {"author": "Operator", "font_size": 10, "color": "#FFFFCC"})
    skm.conditional_format("H5:P400", {"type": "cell", "criteria": "<", "value": 2,
                                        "format": wb.add_format({"bg_color": "#FFC7CE"})})
    skm.add_sparkline("S5", {"range": "SKM!H5:P5"})
    tgt = sheets["Target"]
    img = io.BytesIO(PNG)
    tgt.insert_image("P2", "logo.png", {"image_data": img})
    tgt.insert_textbox("P10", "Catatan", {"url": "https://bengkaliskab.go.id", "width": 120, "height": 30})
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"name": "Target 2024", "categories": "=Target!$A$5:$A$26", "values": "=Target!$G$5:$G$26"})
    tgt.insert_chart("P14", chart)
    # List validation whose source is on another sheet: stored as an x14 extension.
    sheets["Kamtibmas"].data_validation("D5:D500", {"validate": "list", "source": "=Referensi!$A$5:$A$16"})


# A list validation stored the Excel 2010 way: an x14 extension that openpyxl drops.
_X14_DV = (
    b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    b'<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    b'<x14:dataValidation type="list" allowBlank="1" showErrorMessage="1"><x14:formula1>'
    b'<xm:f>Referensi!$A$5:$A$16</xm:f></x14:formula1><xm:sqref>E5:E500</xm:sqref></x14:dataValidation>'
    b'</x14:dataValidations></ext></extLst>'
)


def _inject(data: bytes) -> bytes:
    """Add an x14 data validation, a customXml part and an Office add-in (web extension) task pane."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                part = part.replace(b"</Types>", (
                    b'<Override PartName="/xl/webextensions/webextension1.xml" '
                    b'ContentType="application/vnd.ms-office.webextension+xml"/>'
                    b'<Override PartName="/xl/webextensions/taskpanes.xml" '
                    b'ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"/>'
                    b'<Override PartName="/customXml/itemProps1.xml" '
                    b'ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/></Types>'))
            if info.filename == "xl/worksheets/sheet6.xml":  # Kamtibmas
                assert b"tblKamtibmas" not in part and b"<extLst>" not in part
                part = part.replace(b"</worksheet>", _X14_DV + b"</worksheet>")
            if info.filename == "_rels/.rels":
                part = part.replace(b"</Relationships>", (
                    b'<Relationship Id="rIdTp" Type="http://schemas.microsoft.com/office/2011/relationships/'
                    b'webextensiontaskpanes" Target="xl/webextensions/taskpanes.xml"/></Relationships>'))
            if info.filename == "xl/_rels/workbook.xml.rels":
                part = part.replace(b"</Relationships>", (
                    b'<Relationship Id="rIdCx" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/customXml" Target="../customXml/item1.xml"/></Relationships>'))
            z.writestr(info, part)
        z.writestr("customXml/item1.xml", '<?xml version="1.0"?><iku xmlns="urn:bathin-solapan">rahasia</iku>')
        z.writestr("customXml/itemProps1.xml", '<?xml version="1.0"?><ds:datastoreItem ds:itemID="{6A5F}" '
                   'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"/>')
        z.writestr("customXml/_rels/item1.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps1.xml"/>'
                   '</Relationships>')
        z.writestr("xl/webextensions/taskpanes.xml", '<?xml version="1.0"?><wetp:taskpanes xmlns:wetp="http://'
                   'schemas.microsoft.com/office/webextensions/taskpanes/2010/11"><wetp:taskpane dockstate="right" '
                   'visibility="0" width="350" row="4"><wetp:webextensionref xmlns:r="http://schemas.openxmlformats.'
                   'org/officeDocument/2006/relationships" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>')
        z.writestr("xl/webextensions/_rels/taskpanes.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http:'
                   '//schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
                   'schemas.microsoft.com/office/2011/relationships/webextension" Target="webextension1.xml"/>'
                   '</Relationships>')
        z.writestr("xl/webextensions/webextension1.xml", '<?xml version="1.0"?><we:webextension xmlns:we="http://'
                   'schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{5A0C}"><we:reference '
                   'id="wa200001111" version="1.0.0.0" store="en-US" storeType="OMEX"/></we:webextension>')
    return out.getvalue()


def _vba() -> bytes:
    import xlwings

    qs = Path(xlwings.__file__).parent / "quickstart.xlsm"
    return zipfile.ZipFile(qs).read("xl/vbaProject.bin")


def _with_button(wb, sheets):
    _extras(wb, sheets)
    sheets["Beranda"].insert_button("D9", {"macro": "SampleCall", "caption": "Hitung (makro)", "width": 120})


def _soffice(src: Path, outdir: Path) -> Path:
    prof = outdir / "profil"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--norestore",
                    "--convert-to", "xlsx", "--outdir", str(outdir / "lo"), str(src)],
                   check=True, capture_output=True, timeout=180)
    return outdir / "lo" / src.name


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    p, t = data_contoh()
    files = {
        "template": d / "template.xlsx",
        "extras": d / "extras.xlsx",
        "injected": d / "injected.xlsx",
        "macro": d / "macro.xlsm",
    }
    buat(files["template"], p, t)
    buat(files["extras"], p, t, tambahan=_extras)
    files["injected"].write_bytes(_inject(buat(None, p, t, tambahan=_extras)))
    buat(files["macro"], p, t, tambahan=_with_button, vba=_vba())
    if shutil.which("soffice"):
        files["libreoffice"] = _soffice(files["template"], d)
    return files


def _parts(path: Path) -> dict[str, bytes]:
    z = zipfile.ZipFile(path)
    return {n: z.read(n) for n in z.namelist()}


def _owned_parts(path: Path) -> set[str]:
    with Package.open(path) as pkg:
        return {pkg.sheet(n).part for n in OWNED_SHEETS} | {pkg.workbook_part}


@pytest.mark.parametrize("kind", ["template", "extras", "injected", "macro", "libreoffice"])
def test_everything_else_byte_identical(corpus, kind, tmp_path):
    if kind not in corpus:
        pytest.skip("LibreOffice not installed")
    src = corpus[kind]
    out = tmp_path / f"out{src.suffix}"
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(src), "-o", str(out), "--json",
                        str(tmp_path / "out.json")], capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stdout + r.stderr
    before, after = _parts(src), _parts(out)
    assert before.keys() == after.keys()
    owned = _owned_parts(src)
    changed = {n for n in before if before[n] != after[n]}
    assert changed <= owned, changed - owned
    # The values are those of the plain template.
    doc = json.loads((tmp_path / "out.json").read_text())
    base = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(corpus["template"]), "-o",
                           str(tmp_path / "base.xlsx"), "--json", "-"], capture_output=True, text=True, timeout=180)
    assert doc["indikator"] == json.loads(base.stdout)["indikator"]
    # The input file itself is untouched with -o.
    assert _parts(src) == before


def test_in_place_keeps_backup_and_parts(corpus, tmp_path):
    src = tmp_path / "inplace.xlsm"
    shutil.copy(corpus["macro"], src)
    before = _parts(src)
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(src)], capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "inplace.bak.xlsm").read_bytes() == corpus["macro"].read_bytes()
    after = _parts(src)
    assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]
    assert {n for n in before if before[n] != after[n]} <= _owned_parts(src)
    # A second run is stable: the same parts again (only the run time differs on Validasi).
    subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(src)], capture_output=True, timeout=180)
    again = _parts(src)
    assert {n for n in after if after[n] != again[n]} <= _owned_parts(src)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_libreoffice_opens_results(corpus, tmp_path):
    outs = []
    for kind in ("extras", "injected", "macro"):
        src = corpus[kind]
        out = tmp_path / f"{kind}{src.suffix}"
        subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(src), "-o", str(out)], timeout=180,
                       capture_output=True)
        outs.append(out)
    prof = tmp_path / "profil"
    r = subprocess.run(["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), *map(str, outs)],
                       capture_output=True, text=True, timeout=300)
    for out in outs:
        pdf = tmp_path / "pdf" / (out.stem + ".pdf")
        assert pdf.exists() and pdf.stat().st_size > 10_000, r.stderr
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "INDIKATOR KINERJA" in text and "IKP-11" in text
