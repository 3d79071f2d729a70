"""Print geometry: page setup, print titles and computed page breaks.

Excel recomputes nothing we do not tell it, and LibreOffice re-measures rows
that carry no height; so every row of a printed sheet gets an explicit height
here, and the page breaks are computed from those heights.  Sheets print "fit
all columns on one page wide, as many pages tall as needed" (which keeps manual
breaks in Excel and LibreOffice); the breaks are computed at the scale that fit
gives when the columns are as narrow as Excel's own font makes them.  Any
wider font (LibreOffice without Calibri, another printer) only shrinks the
page more, so a computed page always fits: the same workbook breaks at the
same rows in Excel, in LibreOffice and in the PDF of `xl-iku pdf`.

What belongs together comes from the layout (`SheetPlan.utuh`: rows that must
share a page, such as the signature block with the last rows of its table;
`SheetPlan.tabel`: tables whose header row is repeated when the table
continues on a new page); this module only measures and breaks.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

from . import kontrak as K
from .dasar.raw import address, parse_address

# Functions take layout.SheetPlan (annotated by name only: layout imports this
# module, never the other way round).


@dataclass(frozen=True)
class Kertas:
    kode: int  # OOXML paperSize
    lebar: float  # points, portrait
    tinggi: float
    nama: str


A4 = Kertas(9, 595.28, 841.89, "A4")
A3 = Kertas(8, 841.89, 1190.55, "A3")


@dataclass(frozen=True)
class Margin:
    """Inches, as Excel stores them."""

    kiri: float = 0.5
    kanan: float = 0.5
    atas: float = 0.6
    bawah: float = 0.6
    header: float = 0.3
    footer: float = 0.3


@dataclass
class Cetak:
    """The page setup of one sheet, as every writer applies it."""

    kertas: Kertas = A4
    mendatar: bool = False
    skala: int = 100  # percent the breaks are computed at
    pas_lebar: bool = True  # fit to one page wide (the app scales); else `skala` is written as is
    judul_baris: tuple[int, int] | None = None  # print titles (1-based, inclusive)
    judul_kolom: tuple[int, int] | None = None
    putus: list[int] = field(default_factory=list)  # rows that start a new page
    putus_kolom: list[int] = field(default_factory=list)  # columns that start a new page
    kaki: str = ""  # footer, Excel header/footer codes
    margin: Margin = field(default_factory=Margin)
    tengah: bool = True  # centre horizontally


# Safety factors: a page is filled to at most this share of its height (row
# heights are exact, but Excel rounds the scale and the header/footer margins);
# an explicitly scaled sheet fills at most this share of its width: LibreOffice
# measures a column ~6 % wider than Excel (it does not round the digit width
# of Arial 10 to 7 px).
CADANGAN_LEBAR = 0.90
CADANGAN_TINGGI = 0.95
TINGGI_BAWAAN = 15.0


def lebar_pt(lebar: float) -> float:
    """Column width (Excel character units, Calibri 11) → printed points."""
    return (int(lebar * 7 + 0.5) + 5) * 0.75


def area_cetak(kertas: Kertas, mendatar: bool, margin: Margin = Margin()) -> tuple[float, float]:
    """(width, height) in points inside the margins."""
    w, h = (kertas.tinggi, kertas.lebar) if mendatar else (kertas.lebar, kertas.tinggi)
    return w - (margin.kiri + margin.kanan) * 72, h - (margin.atas + margin.bawah) * 72


def skala_muat(lebar: tuple[float, ...] | list[float], kertas: Kertas, mendatar: bool,
               margin: Margin = Margin(), maks: int = 100, cadangan: float = 1.0) -> int:
    """The whole percentage at which all columns fit one page wide (what "fit to
    width" gives, at most `maks`); `cadangan` < 1 leaves room for wider fonts."""
    w, _ = area_cetak(kertas, mendatar, margin)
    total = sum(lebar_pt(x) for x in lebar)
    return max(10, min(maks, math.ceil(w / total * 100 * cadangan)))


def kapasitas(c: Cetak) -> float:
    """Sheet points that fit on one page at the sheet's scale."""
    _, h = area_cetak(c.kertas, c.mendatar, c.margin)
    return h * 100 / c.skala * CADANGAN_TINGGI


def kaki(kecamatan: str | None = None, kabupaten: str | None = None) -> str:
    """Footer: who the page belongs to, and "Halaman X dari Y" (&P / &N)."""
    def esc(s: str) -> str:
        return s.replace("&", "&&")

    kiri = ""
    if kecamatan:
        kiri = f"Kecamatan {esc(kecamatan)}" + (f", Kabupaten {esc(kabupaten)}" if kabupaten else "")
    return (f"&L&8{kiri}" if kiri else "") + "&C&8Halaman &P dari &N&R&8&A"


# ------------------------------------------------------------------ heights

# Advance widths of Arial / Liberation Sans in em (the fonts of every printed
# cell); anything else counts as a wide glyph.
_LEBAR_HURUF: dict[str, float] = {}
for _huruf, _w in (("il.,:;'!|", 0.24), ("jft/ I[]", 0.28), ("r()-\"*", 0.34), ("cksvxyzJ", 0.5),
                   ("abdeghnopqu0123456789$#?_+=<>~×–", 0.556), ("FTZL", 0.611),
                   ("ABEKPSVXY&", 0.667), ("CDHNRUw", 0.722), ("GOQ", 0.778), ("mM%", 0.833), ("W", 0.944)):
    for _c in _huruf:
        _LEBAR_HURUF[_c] = _w
BARIS_TEKS = 11.25  # points per wrapped line of 9 pt Arial in Excel (15 px); LibreOffice needs less


def _lebar_kata(kata: str, pt: float) -> float:
    return sum(_LEBAR_HURUF.get(ch, 0.7) for ch in kata) * pt * 1.04  # a little extra for bold and hinting


def jumlah_baris(teks: str, lebar: float, pt: float = 9.0) -> int:
    """Lines a wrapped cell of `lebar` characters needs (word wrap, as Excel and LibreOffice do)."""
    muat = lebar_pt(lebar) - 5  # cell padding
    spasi = _lebar_kata(" ", pt)
    n = 0
    for paragraf in str(teks).split("\n"):
        n += 1
        x = 0.0
        for kata in paragraf.split():
            w = _lebar_kata(kata, pt)
            if x and x + spasi + w > muat:
                n += 1
                x = 0.0
            while w > muat:  # a word longer than the cell breaks anywhere
                n += 1
                w -= muat
            x = x + spasi + w if x else w
    return max(1, n)


def tinggi_teks(teks_per_kolom: list[tuple[str | None, float]], minimum: float = 15.0, pt: float = 9.0,
                baris: float = BARIS_TEKS) -> float:
    """Row height for wrapped text: the tallest cell's lines, stored so no program re-measures."""
    lines = max([jumlah_baris(t, w, pt) for t, w in teks_per_kolom if t] or [1])
    return max(minimum, baris * lines + 4)



def tinggi_baris(plan: "SheetPlan") -> None:
    """Give every row up to the last one an explicit height (stored, never re-measured)."""
    if not plan.cells:
        return
    akhir = max(c.row for c in plan.cells)
    judul = {c.row for c in plan.cells if c.role == "judul"}
    for r in range(1, akhir + 1):
        if r not in plan.heights:
            plan.heights[r] = 20.0 if r in judul else TINGGI_BAWAAN


# ------------------------------------------------------------------ breaks


def _blok_awal(r: int, mulai: int, utuh: list[tuple[int, int]]) -> int:
    """Where the page must start so that no keep-together block holding r is cut."""
    s = r
    berubah = True
    while berubah:
        berubah = False
        for b1, b2 in utuh:
            if b1 < s <= b2 and b1 > mulai:
                s, berubah = b1, True
    return s


def _sisipkan_kepala(plan: "SheetPlan", sisip: list[tuple[int, int]]) -> None:
    """Insert header copies in one pass: (s, kepala) puts a copy of row `kepala`
    before row s (rows as they were before any insertion; s ascending).

    One pass over the plan whatever the number of pages: inserting one copy at
    a time moved every cell once per page, quadratic on long registers.
    """
    if not sisip:
        return
    titik = [s for s, _ in sisip]

    def g(r: int) -> int:  # a row's number once every copy before it is in
        return r + bisect_right(titik, r)

    def sel(a: str) -> str:
        # The plan's own references ("B12", no $): the letters stay, the row moves.
        huruf = a.rstrip("0123456789")
        return f"{huruf}{g(int(a[len(huruf):]))}"

    kepala_baris = {k for _, k in sisip}
    salinan = {k: [c for c in plan.cells if c.row == k] for k in kepala_baris}
    gabung_kepala: dict[int, list[tuple[int, int]]] = {k: [] for k in kepala_baris}
    for m in plan.merges:
        a, b = m.split(":")
        (r1, c1), (r2, c2) = parse_address(a), parse_address(b)
        if r1 == r2 and r1 in gabung_kepala:
            gabung_kepala[r1].append((c1, c2))
    tinggi_kepala = {k: plan.heights.get(k, TINGGI_BAWAAN) for k in kepala_baris}

    for c in plan.cells:
        c.row = g(c.row)
    plan.merges = [":".join(sel(x) for x in m.split(":")) for m in plan.merges]
    plan.heights = {g(r): h for r, h in plan.heights.items()}
    plan.links = [(sel(a), tujuan) for a, tujuan in plan.links]
    plan.utuh = [(g(a), g(b)) for a, b in plan.utuh]
    plan.tabel = [(g(k), g(a), g(b)) for k, a, b in plan.tabel]
    for i, (s, k) in enumerate(sisip):
        di = s + i  # the copy sits just above row s, after the i copies before it
        plan.cells.extend(replace(c, row=di) for c in salinan[k])
        plan.merges.extend(f"{address(di, c1)}:{address(di, c2)}" for c1, c2 in gabung_kepala[k])
        plan.heights[di] = tinggi_kepala[k]


def putus_halaman(plan: "SheetPlan", c: Cetak) -> list[int]:
    """Rows that start a new page; repeats a continued table's header (mutates plan).

    Greedy: fill each page; when a row does not fit, the page starts at that
    row, or earlier so that no keep-together block is cut (a block taller than
    a page is cut where it must).  A page that starts inside a table's body
    gets a copy of the table's header row first.  Pages are planned on the
    rows as laid out; the header copies go in at the end, in one pass.
    """
    tinggi_baris(plan)
    if not plan.cells:
        return []
    kap = kapasitas(c)
    jb = c.judul_baris
    tinggi = plan.heights
    tinggi_judul = sum(tinggi.get(r, TINGGI_BAWAAN) for r in range(jb[0], jb[1] + 1)) if jb else 0.0
    akhir = max(x.row for x in plan.cells)
    halaman: list[tuple[int, int | None]] = []  # (first row, header row repeated above it)
    mulai, terpakai, r = 1, 0.0, 1
    while r <= akhir:
        h = tinggi.get(r, TINGGI_BAWAAN)
        if terpakai + h > kap and r > mulai:
            s = _blok_awal(r, mulai, plan.utuh)
            if s <= mulai:
                s = r
            terpakai = tinggi_judul if jb and s > jb[1] else 0.0
            kepala = next((k for k, a, b in plan.tabel if a < s <= b and k < s), None)
            if kepala is not None:
                terpakai += tinggi.get(kepala, TINGGI_BAWAAN)
            halaman.append((s, kepala))
            mulai, r = s, s
            continue
        terpakai += h
        r += 1
    sisip = [(s, k) for s, k in halaman if k is not None]
    _sisipkan_kepala(plan, sisip)
    titik = [s for s, _ in sisip]
    # A page starts at its header copy where it has one, else at its first row.
    return [s + bisect_left(titik, s) for s, _ in halaman]


def pita_kolom(lebar: list[float], tetap: int, kelompok: list[tuple[int, int]], kertas: Kertas,
               mendatar: bool, skala: int, margin: Margin = Margin()) -> list[int]:
    """Columns that start a new page, keeping each column group (c1, c2) whole.

    The first `tetap` columns are repeated on every page (print titles).
    """
    w, _ = area_cetak(kertas, mendatar, margin)
    muat = w * 100 / skala * CADANGAN_LEBAR
    ulang = sum(lebar_pt(x) for x in lebar[:tetap])
    putus, terpakai = [], 0.0
    for i, (c1, c2) in enumerate(kelompok):
        lg = sum(lebar_pt(x) for x in lebar[c1 - 1:c2])
        if i and terpakai + lg > muat:
            putus.append(c1)
            terpakai = ulang
        terpakai += lg
    return putus


# ------------------------------------------------------------------ per sheet

# (landscape, print title rows) of each printed output sheet.
_LEMBAR: dict[str, tuple[bool, tuple[int, int]]] = {
    K.LEMBAR_IKU: (True, (1, 5)),
    K.LEMBAR_IK: (True, (1, 5)),
    K.LEMBAR_IKP: (True, (1, 5)),
    K.LEMBAR_SKM: (False, (1, 2)),
    K.LEMBAR_VALIDASI: (True, (1, 4)),
}


def atur(plan: "SheetPlan", lebar: tuple[float, ...], kecamatan: str | None = None,
         kabupaten: str | None = None) -> Cetak:
    """The page setup of an output sheet, its breaks computed from the plan's rows."""
    mendatar, judul = _LEMBAR.get(plan.name, (True, (1, 5)))  # a Kelompok sheet of the catalogue
    c = Cetak(A4, mendatar, skala_muat(lebar, A4, mendatar), judul_baris=judul, kaki=kaki(kecamatan, kabupaten))
    # Rows are as high as the layout stored them; the breaks follow from them.
    c.putus = putus_halaman(plan, c)
    return c


def ke_xlsxwriter(ws, c: Cetak) -> None:
    """Apply a page setup to an XlsxWriter worksheet (template, sample, recap)."""
    ws.set_paper(c.kertas.kode)
    ws.set_landscape() if c.mendatar else ws.set_portrait()
    m = c.margin
    ws.set_margins(left=m.kiri, right=m.kanan, top=m.atas, bottom=m.bawah)
    if c.pas_lebar:
        ws.fit_to_pages(1, 0)
    else:
        ws.set_print_scale(c.skala)
    if c.tengah:
        ws.center_horizontally()
    ws.set_header("", {"margin": m.header})
    ws.set_footer(c.kaki, {"margin": m.footer})
    if c.judul_baris:
        ws.repeat_rows(c.judul_baris[0] - 1, c.judul_baris[1] - 1)
    if c.judul_kolom:
        ws.repeat_columns(c.judul_kolom[0] - 1, c.judul_kolom[1] - 1)
    # <brk id> is the 0-based index of the first row of the new page.
    if c.putus:
        ws.set_h_pagebreaks([r - 1 for r in c.putus])
    if c.putus_kolom:
        ws.set_v_pagebreaks([k - 1 for k in c.putus_kolom])


# ------------------------------------------------------------------ input sheets

TOMBOL_FILTER = 16.0  # points an autofilter button takes from a header cell


def lebar_judul(teks: str, pt: float = 10.0, filter: bool = True) -> float:
    """Column width (characters) a one-line bold header needs, with its filter button."""
    pt_teks = _lebar_kata(teks, pt) * 1.08 + (TOMBOL_FILTER if filter else 0) + 6
    return math.ceil((pt_teks / 0.75 - 5) / 7 * 2) / 2


def register(lebar: list[float], baris_judul: tuple[int, int]) -> Cetak:
    """Page setup of an input register: A4, all columns one page wide, landscape
    when portrait would shrink the table below 85 %, title and header rows repeated."""
    mendatar = skala_muat(lebar, A4, False) < 85
    return Cetak(A4, mendatar, skala_muat(lebar, A4, mendatar), judul_baris=baris_judul, kaki=kaki())


def grafik(per_halaman: int, kecamatan: str | None = None, kabupaten: str | None = None) -> Cetak:
    """The chart sheet: A4 landscape at 100 %, the title row repeated, one chart per page."""
    return Cetak(A4, True, 100, judul_baris=(1, 1),
                 putus=[2 + per_halaman * i for i in range(1, 4)], kaki=kaki(kecamatan, kabupaten))


# ------------------------------------------------------------------ district recap


def satuan_judul(satuan: str) -> str:
    """A unit inside parentheses without doubling them: "nilai (25–100)" → "nilai 25–100"."""
    return re.sub(r"\s*\(([^()]*)\)", r" \1", satuan).strip()


def rekap(lebar: list[float], tetap: int, ulang: int, kelompok: list[tuple[int, int]],
          judul_baris: tuple[int, int]) -> Cetak:
    """The recap's wide table on A3 landscape, in bands of whole column groups.

    Fitting its ~90 columns to one page wide would print at under 20 %; so the
    scale is the largest at which the fixed columns plus four indicator groups
    fit, the first `ulang` columns (No, Kecamatan) and the header rows repeat
    on every page, and a manual column break falls between groups.
    """
    w, _ = area_cetak(A3, True)
    tetap_pt = sum(lebar_pt(x) for x in lebar[:tetap])
    grup = max(sum(lebar_pt(x) for x in lebar[c1 - 1:c2]) for c1, c2 in kelompok)
    skala = max(10, min(100, math.floor(w * CADANGAN_LEBAR / (tetap_pt + 4 * grup) * 100)))
    blok = [(1, tetap)] + kelompok
    putus = pita_kolom(lebar, ulang, blok, A3, True, skala)
    return Cetak(A3, True, skala, pas_lebar=False, judul_baris=judul_baris, judul_kolom=(1, ulang),
                 putus_kolom=putus, kaki=kaki())


def putus_grafik(baris_awal: int, tinggi_baris: list[int], kap_baris: int) -> list[int]:
    """Rows (1-based) that start a new page so that charts of the given heights
    (in rows, stacked from `baris_awal`, below `baris_awal - 1` rows of tables
    on the first page) are each whole on a page."""
    putus: list[int] = []
    r, terpakai = baris_awal, (baris_awal - 1) % kap_baris
    for t in tinggi_baris:
        if terpakai and terpakai + t > kap_baris:
            putus.append(r)
            terpakai = 0
        terpakai += t
        r += t
    return putus
