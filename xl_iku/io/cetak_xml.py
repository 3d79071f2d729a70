"""The page setup of a `cetak.Cetak` as worksheet XML (for the package patcher).

Each run rewrites the page setup of the output sheets it fills: the page
breaks depend on the rows just written, the footer on the kecamatan.
"""

from __future__ import annotations

import re

from ..cetak import Cetak


def _escape(s: str) -> str:
    # Not xml.sax.saxutils: it imports urllib and friends at every start.
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

# Children of <worksheet> in ECMA-376 order, from <printOptions> on.
_URUTAN = ("printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
           "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing",
           "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems",
           "tableParts", "extLst")
_SHEETPR_ANAK = ("tabColor", "outlinePr", "pageSetUpPr")
_DIATUR = ("paperSize", "scale", "fitToWidth", "fitToHeight", "orientation")


def _ekor(xml: str, p: str) -> int:
    """Where <sheetData> ends: every element patched here follows it (ECMA-376
    order), so the cells — nearly all of a long sheet — are never scanned."""
    i = xml.rfind(f"</{p}sheetData>")
    if i < 0:
        i = xml.find(f"<{p}sheetData/>")
    return max(i, 0)


def hapus(xml: str, p: str, tag: str) -> str:
    """Remove element `tag` (empty or with content) where it follows <sheetData>."""
    i = _ekor(xml, p)
    ekor = re.sub(rf"<{p}{tag}(\s[^>]*)?/>", "", xml[i:])
    return xml[:i] + re.sub(rf"<{p}{tag}(\s[^>]*)?>.*?</{p}{tag}>", "", ekor, flags=re.S)


def sisip_sebelum(xml: str, p: str, fragmen: str, pengikut: tuple[str, ...]) -> str:
    """Insert `fragmen` before the first of `pengikut` present (ECMA-376
    fixes the order of a worksheet's children), else before the end.
    Only for elements that follow <sheetData>."""
    pos = None
    awal = _ekor(xml, p)
    for t in pengikut:
        m = re.compile(rf"<{p}{t}[\s/>]").search(xml, awal)
        if m and (pos is None or m.start() < pos):
            pos = m.start()
    if pos is None:
        pos = xml.rindex(f"</{p}worksheet>")
    return xml[:pos] + fragmen + xml[pos:]


def _sisip(xml: str, p: str, fragmen: str, tag: str) -> str:
    """Insert `fragmen` (element `tag`) where ECMA-376 order puts it."""
    return sisip_sebelum(xml, p, fragmen, tuple(_URUTAN[_URUTAN.index(tag) + 1:]))


def _sheet_pr(xml: str, p: str, pas: bool) -> str:
    """<pageSetUpPr fitToPage> on or off, keeping the rest of <sheetPr>."""
    xml = re.sub(rf"<{p}pageSetUpPr(\s[^>]*)?/>", "", xml)
    anak = f'<{p}pageSetUpPr fitToPage="1"/>' if pas else ""
    if not anak:
        return xml
    m = re.search(rf"<{p}sheetPr(\s[^>]*)?(/>|>)", xml)
    if m is None:
        i = re.search(rf"<{p}worksheet[^>]*>", xml).end()
        return xml[:i] + f"<{p}sheetPr>{anak}</{p}sheetPr>" + xml[i:]
    if m.group(2) == "/>":
        return xml[:m.start()] + f"<{p}sheetPr{m.group(1) or ''}>{anak}</{p}sheetPr>" + xml[m.end():]
    tutup = xml.index(f"</{p}sheetPr>", m.end())
    return xml[:tutup] + anak + xml[tutup:]


def patch_cetak(xml: str, c: Cetak, p: str = "") -> str:
    """Rewrite margins, page setup, footer and manual breaks of one worksheet."""
    xml = _sheet_pr(xml, p, c.pas_lebar)
    m = c.margin
    xml = hapus(xml, p, "pageMargins")
    xml = _sisip(xml, p, f'<{p}pageMargins left="{m.kiri}" right="{m.kanan}" top="{m.atas}" '
                         f'bottom="{m.bawah}" header="{m.header}" footer="{m.footer}"/>', "pageMargins")
    lama = re.search(rf"<{p}pageSetup(\s[^>]*)?/>", xml)
    attr = ""
    if lama:
        attr = "".join(f" {k}={v}" for k, v in re.findall(r'([\w:]+)=("[^"]*")', lama.group(1) or "")
                       if k not in _DIATUR)
    baru = f' paperSize="{c.kertas.kode}"'
    baru += ' fitToWidth="1" fitToHeight="0"' if c.pas_lebar else f' scale="{c.skala}"'
    baru += f' orientation="{"landscape" if c.mendatar else "portrait"}"'
    xml = hapus(xml, p, "pageSetup")
    xml = _sisip(xml, p, f"<{p}pageSetup{baru}{attr}/>", "pageSetup")
    xml = hapus(xml, p, "headerFooter")
    if c.kaki:
        xml = _sisip(xml, p, f"<{p}headerFooter><{p}oddFooter>{_escape(c.kaki)}</{p}oddFooter></{p}headerFooter>",
                     "headerFooter")
    for tag, daftar in (("rowBreaks", c.putus), ("colBreaks", c.putus_kolom)):
        xml = hapus(xml, p, tag)
        if daftar:
            maks = 16383 if tag == "rowBreaks" else 1048575
            brk = "".join(f'<{p}brk id="{i - 1}" max="{maks}" man="1"/>' for i in daftar)
            xml = _sisip(xml, p, f'<{p}{tag} count="{len(daftar)}" manualBreakCount="{len(daftar)}">{brk}</{p}{tag}>', tag)
    return xml
