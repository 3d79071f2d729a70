"""python-docx building blocks shared by the SKM report and the LKjIP chapter.

Word's own styles are used (Title, Heading 1–3, Caption, Table Grid), so an
office restyles the whole document from the Styles pane; nothing is drawn with
hand-written XML except the two table properties python-docx has no API for
(repeat the header row on every page, keep a row on one page).
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..hasil import Hasil
from ..layout import tanggal_id

FONT = "Arial"  # LibreOffice substitutes Liberation Sans, metric-compatible
_TANGGAL_DOK = datetime(2024, 1, 1)  # fixed metadata: the same workbook gives the same file


# Styles the documents use; an office's own style document must define them.
GAYA_DIPAKAI = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Caption", "List Bullet", "Table Grid")


def dari_gaya(path: Path, judul: str) -> Document:
    """A document on the office's own style file: its styles, margins, header and footer
    (letterhead, logo, page numbers) are kept; its body text is removed."""
    from ..io.package import FileError

    path = Path(path)
    if path.suffix.lower() != ".docx" or not path.is_file():
        raise FileError(f"Berkas gaya '{path.name}' harus dokumen Word .docx yang ada.")
    try:
        doc = Document(str(path))
    except Exception:
        raise FileError(f"Berkas gaya '{path.name}' tidak dapat dibuka sebagai dokumen Word .docx.") from None
    ada = {st.name for st in doc.styles}
    hilang = [n for n in GAYA_DIPAKAI if n not in ada]
    if hilang:
        raise FileError(f"Berkas gaya '{path.name}' tidak memiliki gaya {', '.join(hilang)}; buat berkas gaya dari "
                        "dokumen yang dihasilkan xl-iku lalu ubah gayanya di Word.")
    body = doc.element.body
    for el in list(body):
        if el.tag != qn("w:sectPr"):
            body.remove(el)
    cp = doc.core_properties
    cp.title, cp.language = judul, "id-ID"
    return doc


def baru(judul: str, gaya: Path | None = None) -> Document:
    if gaya is not None:
        return dari_gaya(gaya, judul)
    doc = Document()
    s = doc.sections[0]
    s.orientation = WD_ORIENT.PORTRAIT
    s.page_width, s.page_height = Cm(21.0), Cm(29.7)
    s.left_margin, s.right_margin = Cm(3.0), Cm(2.5)
    s.top_margin, s.bottom_margin = Cm(2.5), Cm(2.5)
    st = doc.styles["Normal"]
    st.font.name = FONT
    st.font.size = Pt(11)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    st.paragraph_format.space_after = Pt(6)
    st.paragraph_format.line_spacing = 1.15
    for nama, ukuran in (("Title", 16), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        h = doc.styles[nama]
        h.font.name = FONT
        h.font.size = Pt(ukuran)
        h.font.color.rgb = RGBColor(0, 0, 0)
        h.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        h.element.rPr.rFonts.set(qn("w:ascii"), FONT)
        h.element.rPr.rFonts.set(qn("w:hAnsi"), FONT)
    cap = doc.styles["Caption"]
    cap.font.name, cap.font.size, cap.font.color.rgb = FONT, Pt(9), RGBColor(0x26, 0x26, 0x26)
    doc.styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.styles["Heading 1"].paragraph_format.page_break_before = True
    cp = doc.core_properties
    cp.title, cp.author, cp.last_modified_by, cp.language = judul, "xl-iku", "xl-iku", "id-ID"
    cp.created = cp.modified = _TANGGAL_DOK
    cp.revision = 1
    _nomor_halaman(s)
    return doc


def metadata(doc: Document, h: Hasil) -> None:
    """The document's properties name the office that hands it in and the moment it
    was made (never the library's defaults: "python-docx", 2013)."""
    from datetime import timezone

    cp = doc.core_properties
    pemilik = f"Kecamatan {h.kecamatan}" if h.kecamatan else "xl-iku"
    cp.author = cp.last_modified_by = pemilik
    cp.comments = "Dibuat dengan xl-iku dari buku kerja IKU."
    sekarang = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    cp.created = cp.modified = sekarang
    cp.revision = 1


TANDA_BELUM_FINAL = "BELUM FINAL: masih ada data yang salah di buku kerja; perbaiki dan hitung ulang sebelum ditandatangani."


def tanda_belum_final(doc: Document) -> None:
    """A red line at the head of every page (every section's header, first page too)."""
    for s in doc.sections:
        for kepala in (s.header, s.first_page_header, s.even_page_header):
            # Below an office's letterhead, never in its place.
            p = kepala.paragraphs[0] if kepala.paragraphs else kepala.add_paragraph()
            p = kepala.add_paragraph() if any(x.text.strip() for x in kepala.paragraphs) else p
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(TANDA_BELUM_FINAL)
            run.bold = True
            run.font.size = Pt(9)
            run.font.color.rgb = RGBColor(0xC0, 0, 0)


def _nomor_halaman(section) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    run.font.size = Pt(9)


def bab(doc: Document, nomor: str, judul: str, pertama: bool = False) -> None:
    h = doc.add_heading(f"BAB {nomor}\n{judul.upper()}", level=1)
    if pertama:
        h.paragraph_format.page_break_before = False


def sub(doc: Document, judul: str, level: int = 2) -> None:
    # Never alone at the foot of a page, whatever the office's style file says.
    doc.add_heading(judul, level=level).paragraph_format.keep_with_next = True


_SUNTING = re.compile(r"(\[Perlu disunting:[^\]]*\])")


def _isi(p, teks: str, *, tebal: bool = False, miring: bool = False, ukuran: Pt | None = None) -> None:
    """Runs of `teks`; each "[Perlu disunting: …]" highlighted so the office finds it before signing."""
    for bagian in _SUNTING.split(teks):
        if not bagian:
            continue
        r = p.add_run(bagian)
        r.bold, r.italic = tebal, miring
        if ukuran is not None:
            r.font.size = ukuran
        if _SUNTING.fullmatch(bagian):
            r.font.highlight_color = WD_COLOR_INDEX.YELLOW


def para(doc: Document, teks: str, *, tebal: bool = False, miring: bool = False, rata: bool = True):
    p = doc.add_paragraph()
    _isi(p, teks, tebal=tebal, miring=miring)
    if rata:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return p


def butir(doc: Document, teks: str, bernomor: bool = False):
    return doc.add_paragraph(teks, style="List Number" if bernomor else "List Bullet")


def keterangan(doc: Document, teks: str) -> None:
    p = doc.add_paragraph(teks, style="Caption")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.keep_with_next = True


TABEL_UTUH = 15  # rows up to which a table is kept on one page


def tabel(doc: Document, headers: list[str], rows: list[list[str]], *, lebar_cm: list[float] | None = None,
          kanan: set[int] = frozenset(), tebal_baris: set[int] = frozenset(), judul: str | None = None):
    """A bordered table; header row repeated on every page; `kanan` = right-aligned columns."""
    if judul:
        keterangan(doc, judul)
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    kepala = t.rows[0]
    _ulang_header(kepala)
    for i, h in enumerate(headers):
        c = kepala.cells[i]
        c.text = ""
        r = c.paragraphs[0].add_run(h)
        r.bold = True
        r.font.size = Pt(9)
        c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _arsir(c, "D9E1F2")
    for n, row in enumerate(rows):
        cells = t.add_row().cells
        _tidak_terpecah(t.rows[-1])
        for i, v in enumerate(row):
            cells[i].text = ""
            _isi(cells[i].paragraphs[0], "" if v is None else str(v), tebal=n in tebal_baris, ukuran=Pt(9))
            if i in kanan:
                cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if len(rows) <= TABEL_UTUH:
        # A small table is read whole: each row keeps with the next (Word's and Writer's
        # way), so a four-row table never splits 3/1 across pages (issue 21).
        for row in t.rows[:-1]:
            for c in row.cells:
                for p in c.paragraphs:
                    p.paragraph_format.keep_with_next = True
    if lebar_cm:
        t.autofit = False
        for i, w in enumerate(lebar_cm):
            t.columns[i].width = Cm(w)
        for row in t.rows:
            for i, w in enumerate(lebar_cm):
                row.cells[i].width = Cm(w)
    doc.add_paragraph()
    return t


def _ulang_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _tidak_terpecah(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _arsir(cell, warna: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), warna)
    tc_pr.append(shd)


def gambar(doc: Document, png: bytes, judul: str, lebar_cm: float = 15.5) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.keep_with_next = True
    p.add_run().add_picture(io.BytesIO(png), width=Cm(lebar_cm))
    keterangan(doc, judul)


def ttd(doc: Document, h: Hasil) -> None:
    """'Tempat, tanggal / CAMAT … / (space) / nama / pangkat / NIP', kept on one page."""
    t = h.penandatangan
    tempat = t.tempat or ""
    baris = [
        f"{tempat}, {tanggal_id(t.tanggal)}" if t.tanggal else (tempat or "…, …"),
        f"CAMAT {(h.kecamatan or '…').upper()}",
        "", "", "",
        t.nama or "",
        t.pangkat or "",
        f"NIP. {t.nip}" if t.nip else "NIP.",
    ]
    doc.add_paragraph()
    # The block sits right, but never so far that the Camat's name and title break mid-line:
    # its indent leaves room for the longest line (about 0,25 cm per bold 11 pt character).
    s = doc.sections[-1]
    try:
        lebar_teks = (s.page_width - s.left_margin - s.right_margin) / 360000  # EMU per cm
    except TypeError:  # a style file without page size
        lebar_teks = 15.5
    perlu = max(len(x) for x in baris) * 0.25 + 0.5
    indent = max(0.0, min(8.5, lebar_teks - perlu))
    for i, teks in enumerate(baris):
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Cm(indent)
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.keep_with_next = i < len(baris) - 1
        p.paragraph_format.keep_together = True
        r = p.add_run(teks)
        if i == 5:
            r.bold = r.underline = True


def simpan(doc: Document, out: Path) -> None:
    from ..io.atomic import write_atomic

    buf = io.BytesIO()
    doc.save(buf)
    write_atomic(out, lambda f: f.write(buf.getbuffer()), backup=False, check_lock=False)
