"""What the file says about cells beyond their values, for the file adapter.

python-calamine gives values (and merged ranges) but reads an Excel error
value as blank, and gives no number formats.  This module reads, with the
package's hardened lxml parser, only what the rules need and only where it
can matter:

* error cells (`t="e"`: typed, pasted or a formula's saved result) and formula
  cells without a stored result, in sheets whose XML contains such a cell at
  all (a streamed byte search decides; most input sheets have none);
* which cells are formatted as a percentage, in the sheets holding target or
  realisasi columns (`kontrak.KOLOM_PERSEN_TAMPIL`), and only when the
  workbook's styles define a percentage format at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from .package import Package, cari_di
from ..dasar.raw import col_index, col_letter, parse_address, parse_ref
from .tabel import format_persen

_NEEDLE_GALAT = (b't="e"', b"t='e'")
_NEEDLE_RUMUS = (b"<f>", b"<f ", b":f>", b":f ", b"<f/>", b":f/>")
_RUMUS_LOGIKA = {"TRUE()": True, "FALSE()": False}
# Built-in number formats that are percentages (ECMA-376 §18.8.30).
_PERSEN_BAWAAN = {9, 10}


@dataclass
class InfoSel:
    galat: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) → "#N/A"
    tanpa_nilai: set[str] = field(default_factory=set)  # formula cells without a stored result
    # =TRUE() / =FALSE() with a number stored: what LibreOffice saves for a typed
    # TRUE (it has no logical type). Excel recalculates such a file when it
    # opens it (no calcId) and shows TRUE; calamine would read the answer 1.
    logika: dict[tuple[int, int], bool] = field(default_factory=dict)
    persen: set[tuple[int, int]] = field(default_factory=set)  # percent-formatted number cells


def xf_persen(pkg: Package) -> frozenset[int]:
    """Indices of the cell formats (cellXfs) that show numbers as a percentage."""
    styles = pkg.related(pkg.workbook_part, "/styles")
    if styles is None:
        return frozenset()
    root = pkg.xml(styles)
    kode: dict[int, str] = {}
    xfs: list[int] = []
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
        if tag == "numFmt":
            try:
                kode[int(el.get("numFmtId", ""))] = el.get("formatCode") or ""
            except ValueError:
                continue
        elif tag == "cellXfs":
            for xf in el:
                try:
                    xfs.append(int(xf.get("numFmtId", "0")))
                except ValueError:
                    xfs.append(0)
    return frozenset(i for i, n in enumerate(xfs)
                     if (format_persen(kode[n]) if n in kode else n in _PERSEN_BAWAAN))


def baca_info(pkg: Package, part: str, persen_xf: frozenset[int], hits: set[bytes] | None = None) -> InfoSel | None:
    """One pass over a sheet part, or None when nothing in it needs one.
    `hits`: the needles `pindai` already found in it."""
    if hits is None:
        hits = pkg.found(part, _NEEDLE_GALAT + _NEEDLE_RUMUS)
    if not hits and not persen_xf:
        return None
    info = InfoSel()
    cari_rumus = any(n in hits for n in _NEEDLE_RUMUS)
    for c in pkg.iter_tag(part, "c"):
        ref = c.get("r")
        if ref is None:
            continue
        t = c.get("t")
        f = v = None
        if cari_rumus or t == "e":
            for child in c:
                tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
                if tag == "f":
                    f = child
                elif tag == "v":
                    v = child
        if t == "e":
            kode = (v.text or "").strip() if v is not None else ""
            info.galat[parse_address(ref)] = kode or "#N/A"
            continue
        if f is not None and (v is None or not (v.text or "").strip()) and t not in ("str", "inlineStr"):
            info.tanpa_nilai.add(ref)
            continue
        if f is not None and t in (None, "n") and (rumus := (f.text or "").strip().upper()) in _RUMUS_LOGIKA:
            info.logika[parse_address(ref)] = _RUMUS_LOGIKA[rumus]
            continue
        if persen_xf and t in (None, "n"):
            s = c.get("s")
            if s is not None and s.isdigit() and int(s) in persen_xf:
                info.persen.add(parse_address(ref))
    return info


# ---------------------------------------------------------------- bounds
#
# python-calamine turns a sheet into a dense grid from its first to its last
# cell holding a value: one stray value at XFD1048576 asks for 512 GB (and
# aborts the process), one at CV1048576 costs 4 GB.  Before calamine reads a
# sheet, one streamed pass over its XML finds the box every cell lies in;
# only when that box is in proportion to the sheet's size does calamine read
# the sheet as it is, else `saring` gives it only the cells the product reads.

# Dense cells allowed per byte of sheet XML (a cell with a value takes ≥ 20
# bytes), and at least this many: a small sheet may have a few blank rows.
_SEL_PER_BITA = 1 / 8
_SEL_MIN = 1_000_000
_SAMBUNG = 256  # window overlap: longer than any cell tag Excel writes
_TAG_C_BERAWALAN = re.compile(rb":c(?=[\s/>])")  # <x:c …>: a prefixed cell
_ATRIBUT_R = re.compile(rb"""\sr\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = re.compile(rb"([A-Za-z]{1,3})([0-9]{1,10})")


def _le_posisi(s: str, kelas: Callable[[str, bool], str], semua: str) -> list[str]:
    """Regex alternatives for strings of `s`'s length that are ≤ s, position
    by position (`kelas(ch, pertama)`: the class of characters below ch)."""
    alt = []
    for i, ch in enumerate(s):
        below = kelas(ch, i == 0)
        if below:
            alt.append(re.escape(s[:i]) + below + semua * (len(s) - i - 1))
    alt.append(re.escape(s))
    return alt


def _le_baris(n: int) -> str:
    """Decimal numbers 1 … n (leading zeros allowed, as calamine reads them);
    the shorter numbers first, the common case."""
    s = str(n)
    kelas = lambda ch, pertama: (f"[{'1' if pertama else '0'}-{chr(ord(ch) - 1)}]"
                                 if ch > ("1" if pertama else "0") else "")
    pendek = [f"[1-9][0-9]{{0,{len(s) - 2}}}"] if len(s) > 1 else []
    # Possessive: a digit (or a leading 0: no alternative starts with 0)
    # given back could only be followed by a digit, never the closing quote,
    # so a row past the short form goes to the next alternative at once.
    pendek = [p + "+" for p in pendek]
    return f"0*+(?:{'|'.join(pendek + _le_posisi(s, kelas, '[0-9]'))})"


def _le_kolom(n: int) -> str:
    """Column letters A … col_letter(n)."""
    s = col_letter(n)
    kelas = lambda ch, pertama: f"[A-{chr(ord(ch) - 1)}]" if ch > "A" else ""
    pendek = [f"[A-Z]{{1,{len(s) - 1}}}"] if len(s) > 1 else []
    alt = pendek + _le_posisi(s, kelas, "[A-Z]")
    if len(s) == 1:  # one class: [A-Q]
        alt = [f"[A-{s}]"]
    return f"(?:{'|'.join(alt)})"


@lru_cache(maxsize=256)  # every sheet's box grows through the same few sizes
def _pola_luar(w: int, h: int) -> re.Pattern:
    """A tag starting `<c` that is not `<c r="REF"` with REF inside columns
    1…w, rows 1…h (a `<col`, `<cfRule` … match too: the caller skips them —
    cheaper than asking the pattern to at every cell)."""
    if w < 1 or h < 1:
        return re.compile(rb"<c")
    return re.compile(rb'<c(?! r="' + _le_kolom(w).encode() + _le_baris(h).encode() + rb'")')


_NAMA = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.:")


@dataclass
class Pindaian:
    hits: set[bytes]
    aman: bool  # calamine may read the sheet as it is
    kolom: int = 0  # the box found (columns 1…kolom, rows 1…baris), for messages and tests
    baris: int = 0


def jarum_persen(persen_xf: frozenset[int]) -> tuple[bytes, ...]:
    """What a cell carrying one of the percent styles `persen_xf` is written with
    (` s="9"`), for `pindai` to look for beside its own needles."""
    return tuple(j for i in sorted(persen_xf) for j in (b' s="%d"' % i, b" s='%d'" % i))


def pindai(pkg: Package, part: str, tambahan: tuple[bytes, ...] = ()) -> Pindaian:
    """One streamed pass over a sheet part: which needles occur, and whether
    every cell lies in a box small enough for calamine's dense grid.

    Exact for cells written `<c r="A1"…` (Excel, LibreOffice, openpyxl, this
    tool); any other form (a cell without `r`, a prefixed element, a
    reference calamine might read differently) is left to `saring`, which
    reads every cell as calamine would.  The box grows in steps (rows
    doubling), so a sheet of N rows costs a handful of pattern rebuilds.
    `tambahan`: needles looked for beside the error and formula ones."""
    needles = _NEEDLE_GALAT + _NEEDLE_RUMUS + tambahan
    hits: set[bytes] = set()
    w = h = 0
    pola = _pola_luar(w, h)
    aneh = False
    panjang = 0
    for window in pkg.potongan(part, _SAMBUNG):
        panjang += len(window)
        if len(hits) < len(needles):
            cari_di(window, needles, hits)
        if aneh:
            continue
        if _TAG_C_BERAWALAN.search(window):
            aneh = True
            continue
        pos = 0
        while (m := pola.search(window, pos)) is not None:
            pos = m.end()
            if pos < len(window) and window[pos] in _NAMA:
                continue  # <col>, <cfRule> …: not a cell
            akhir = window.find(b">", m.start())
            if akhir < 0:
                if m.start() >= len(window) - _SAMBUNG:
                    break  # cut by the window's end: seen whole in the next one
                aneh = True
                break
            r = _ATRIBUT_R.search(window, m.end(), akhir)
            ref = _REF.fullmatch((r.group(1) if r.group(1) is not None else r.group(2)) or b"") if r else None
            if ref is None:
                aneh = True  # no reference: placed by position, which only a full parse follows
                break
            col, row = col_index(ref.group(1).decode()), int(ref.group(2))
            if col > w or row > h:
                # Columns exactly while few (a table's width), rows doubling.
                if col > w:
                    w = col if col <= 64 else max(col, min(2 * w, 16_384))
                if row > h:
                    h = max(row, min(2 * h, 1_048_576))
                pola = _pola_luar(w, h)
    batas = max(_SEL_MIN, int(panjang * _SEL_PER_BITA))
    return Pindaian(hits, not aneh and w * h <= batas, w, h)


# ---------------------------------------------------------------- filter

_NS_UTAMA = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_TANDA_R = b'r="@@"'
# A filtered sheet still dense beyond this many cells is refused, not read
# (its kept cells would have to be spread on a diagonal across a table widened
# to thousands of columns: a crafted file).
SEL_SARING_MAKS = 20_000_000


@dataclass
class Saringan:
    """A sheet reduced to the cells the product reads, for calamine."""

    xml: bytes  # a worksheet part: kept cells only, rows and columns renumbered from 1
    baris: list[int]  # sheet row of the part's row i + 1
    kolom: list[int]  # sheet column of the part's column j + 1
    gabungan: list[tuple[int, int, int, int]]  # merged ranges, in sheet coordinates


def _lokal(el) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def saring(pkg: Package, part: str, lembar: str,
           jendela: list[tuple[int, int, int, int]]) -> Saringan:
    """The cells of `part` inside `jendela` ((first row, last row, first col,
    last col), 1-based, inclusive), placed where calamine would place them
    (a cell without `r` follows the one before it, a row without `r` the row
    before it), in a part whose rows and columns are only those holding a
    kept cell: what it costs is what those cells cost."""
    from lxml import etree

    sel: dict[tuple[int, int], bytes] = {}
    gabung: list[tuple[int, int, int, int]] = []
    row_i = 0  # 0-based, as calamine counts
    col_i = 0

    def di_jendela(r: int, c: int) -> bool:
        return any(a <= r <= b and k1 <= c <= k2 for a, b, k1, k2 in jendela)

    for ev, el in pkg.iter_peristiwa(part, ("row", "c", "mergeCell")):
        tag = _lokal(el)
        if tag == "row":
            if ev == "start":
                r = el.get("r")
                if r is not None:
                    try:
                        row_i = int(r) - 1
                    except ValueError:
                        raise _rusak(pkg, lembar) from None
                col_i = 0
            else:
                row_i += 1
        elif tag == "c" and ev == "end":
            ref = el.get("r")
            if ref is not None:
                m = _REF.fullmatch(ref.encode())
                if m is None:
                    raise _rusak(pkg, lembar)
                pos = (int(m.group(2)), col_index(m.group(1).decode()))
            else:
                pos = (row_i + 1, col_i + 1)
            col_i = pos[1]  # the next cell without `r` follows this one
            if len(el) and di_jendela(*pos):
                el.attrib.pop("r", None)
                el.set("r", "@@")
                sel[pos] = etree.tostring(el)
        elif tag == "mergeCell" and ev == "end":
            try:
                a, b, c, d = parse_ref(el.get("ref") or "")
            except ValueError:
                continue
            gabung.append((a, b, c, d))
    baris = sorted({r for r, _ in sel})
    kolom = sorted({c for _, c in sel})
    if len(baris) * len(kolom) > SEL_SARING_MAKS:
        from ..pesan import FileError
        raise FileError(
            f"Lembar '{lembar}' di berkas '{pkg.path.name}' memuat sel terisi yang tersebar terlalu luas "
            f"({len(sel)} sel di {len(baris)} baris dan {len(kolom)} kolom) untuk dibaca; hapus isi sel di luar "
            "tabel, lalu simpan ulang berkasnya.")
    ib, ik = {r: i + 1 for i, r in enumerate(baris)}, {c: j + 1 for j, c in enumerate(kolom)}
    out = [f'<worksheet xmlns="{_NS_UTAMA}"><sheetData>'.encode()]
    sekarang = None
    for (r, c) in sorted(sel):
        if r != sekarang:
            if sekarang is not None:
                out.append(b"</row>")
            out.append(b'<row r="%d">' % ib[r])
            sekarang = r
        out.append(sel[(r, c)].replace(_TANDA_R, f'r="{col_letter(ik[c])}{ib[r]}"'.encode(), 1))
    if sekarang is not None:
        out.append(b"</row>")
    out.append(b"</sheetData></worksheet>")
    return Saringan(b"".join(out), baris, kolom, gabung)


def _rusak(pkg: Package, lembar: str):
    from ..pesan import FileError
    return FileError(f"Lembar '{lembar}' di berkas '{pkg.path.name}' rusak dan tidak dapat dibaca.")
