"""xlwings adapter, writing side: sheet plans → the open workbook, in bulk.

Every write is one xlwings call: one call on desktop Excel (COM/AppleScript),
one *action* on the remote engine (xlwings Lite / xlwings Server), which the
client applies after Python returns.  The number of calls depends on the
layout, never on the number of input rows:

per output sheet
    rangeUnmerge + rangeClear over the old ∪ new area (old merges, values,
    formats and hyperlinks go), one `copyFromRange(formats)` per rectangle of
    cells sharing a style role (the style is copied from the role's palette
    cell on the hidden `Gaya` sheet, as the file writer uses it), ONE
    `setValues` with the whole plan, one `rangeMerge(across)` per block of
    equal one-row merges (or per multi-row merge), one `setRowHeight` per run
    of rows of equal height, and for Validasi one row autofit;
marks
    per input sheet with changes, one `setRangeColors` per block of ≤ 10,000
    cells spanning the marked and un-marked cells (other cells "keep"); the
    marked cells are remembered on the `Gaya` sheet (column D), one
    `setValues`;
status
    one `setValues` on Beranda!B12.

Links from Validasi back to the cells are `=HYPERLINK("#'SKM'!H12","H12")`
formulas inside the sheet's one `setValues`: a formula is typed like any value
by every client (desktop, xlwings Lite, xlwings Server, the VBA and Office
Scripts clients), where `addHyperlink` would be one action per row.

Strings are written with a leading apostrophe so Excel stores them as text:
the clients type values like a user would, and "1/9", "0,111", "TRUE",
"-catatan" or an 18-digit NIP would otherwise become a date, a number, a
boolean or a formula.

Each action is used only if the client implements it (`klien.py` reads the
set from the client's own source: Remote.bas for the VBA client, xlwings.ts
/ xlwings.js, the installed xlwings Server's add-in JS; xlwings Lite has all).
Without `rangeUnmerge`, `rangeClear` (Excel's Clear also unmerges) does it;
without `copyFromRange`, `copyRange` (values and formats; the values are
overwritten right after); without `rangeMerge` / `setRowHeight` no merging
and no row heights; without `setRangeColors`, marks are one `setRangeColor`
per rectangle of equal colour, cleared by painting white instead of
`setRangeColor(None)`, which those clients reject.  So the VBA client and
xlwings Server before 1.19 get a set they support.  Desktop Excel uses every
call except that styles are copied with `Range.copy`.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Iterable

from .. import gaya
from .. import kontrak as K
from ..hasil import GALAT, Hasil
from .. import layout
from ..dasar.raw import address, col_letter, parse_address
from ..layout import LEBAR, SheetPlan
from .reader import Bacaan, Grid

# Which cells are marked, in which colour, and what clearing gives back are
# layout's decisions (one rule for every writer); this module only paints.
WARNA_GALAT, WARNA_PERINGATAN, WARNA_ASLI = layout.WARNA_GALAT, layout.WARNA_PERINGATAN, layout.WARNA_ASLI
PUTIH = "#FFFFFF"

# Where the marked cells of the last run are remembered (survives `xl-iku
# hitung`, which only regenerates the output sheets).
LEMBAR_MEMO = gaya.LEMBAR_GAYA
KOLOM_MEMO = 4  # D
JUDUL_MEMO = "Sel bertanda xl-iku (jangan diubah)"

MAKS_SEL_WARNA = 10_000  # setRangeColors limit per call
BARIS_AWAL_VALIDASI = layout.BARIS_AWAL_VALIDASI
TINGGI_BAWAAN = 15.0


@dataclass(frozen=True)
class Profil:
    remote: bool  # actions, applied by the client after Python returns
    aksi: frozenset[str] | None = None  # the actions the client implements; None: all

    def bisa(self, aksi: str) -> bool:
        return self.aksi is None or aksi in self.aksi


def profil(book) -> Profil:
    engine = getattr(getattr(getattr(book, "app", None), "engine", None), "name", "")
    if engine != "remote":
        return Profil(remote=False)
    from .klien import aksi_klien

    try:
        client = book.api.get("client")
    except Exception:
        client = None
    return Profil(remote=True, aksi=aksi_klien(client))


# ------------------------------------------------------------------ values


def nilai_excel(v: Any) -> Any:
    """A plan value as written through xlwings (text stays text)."""
    if v is None:
        return ""
    if isinstance(v, str):
        return "'" + v if v else ""
    if isinstance(v, bool):
        return v
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
        return ""
    if isinstance(v, (int, float, date, datetime)):
        return v
    return "'" + str(v)


def _teks_rumus(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def rumus_tautan(lokasi: str, tampil: str) -> str:
    """`=HYPERLINK("#'SKM'!H12","H12")` (English function name: every client)."""
    return f"=HYPERLINK({_teks_rumus('#' + lokasi)},{_teks_rumus(tampil)})"


def grid_excel(plan: SheetPlan) -> list[list[Any]]:
    raw = plan.grid()
    g = [[nilai_excel(v) for v in row] for row in raw]
    for sel, lokasi in plan.links:
        r, c = parse_address(sel)
        v = raw[r - 1][c - 1]
        g[r - 1][c - 1] = rumus_tautan(lokasi, "" if v is None else str(v))
    return g


# ------------------------------------------------------------- geometry


def persegi(sel: Iterable[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """Cover cells with rectangles (r1, c1, r2, c2): vertical runs per column,
    joined across adjacent columns with the same run."""
    per_kolom: dict[int, list[int]] = defaultdict(list)
    for r, c in sel:
        per_kolom[c].append(r)
    runs: dict[int, list[tuple[int, int]]] = {}
    for c, rows in per_kolom.items():
        rows = sorted(set(rows))
        out, start, prev = [], rows[0], rows[0]
        for r in rows[1:]:
            if r != prev + 1:
                out.append((start, prev))
                start = r
            prev = r
        out.append((start, prev))
        runs[c] = out
    hasil, dipakai = [], set()
    for c in sorted(runs):
        for run in runs[c]:
            if (c, run) in dipakai:
                continue
            c2 = c
            while c2 + 1 in runs and run in runs[c2 + 1] and (c2 + 1, run) not in dipakai:
                c2 += 1
                dipakai.add((c2, run))
            hasil.append((run[0], c, run[1], c2))
    return hasil


def blok_gabung(merges: list[str]) -> list[tuple[int, int, int, int, bool]]:
    """Merges as (r1, c1, r2, c2, across): equal one-row merges on consecutive
    rows become one `merge(across=True)`."""
    satu: dict[tuple[int, int], list[int]] = defaultdict(list)
    hasil = []
    for m in merges:
        a, _, b = m.partition(":")
        (r1, c1), (r2, c2) = parse_address(a), parse_address(b or a)
        if r1 == r2:
            satu[(c1, c2)].append(r1)
        else:
            hasil.append((r1, c1, r2, c2, False))
    for (c1, c2), rows in satu.items():
        rows = sorted(set(rows))
        start = prev = rows[0]
        for r in rows[1:] + [None]:
            if r is not None and r == prev + 1:
                prev = r
                continue
            hasil.append((start, c1, prev, c2, prev > start))
            if r is not None:
                start = prev = r
    return sorted(hasil)


def run_tinggi(heights: dict[int, float], lewati=lambda r: False) -> list[tuple[int, int, float]]:
    """Runs (r1, r2, height) of consecutive rows with equal explicit heights."""
    out: list[list] = []
    for r in sorted(heights):
        if lewati(r):
            continue
        h = heights[r]
        if out and out[-1][1] == r - 1 and out[-1][2] == h:
            out[-1][1] = r
        else:
            out.append([r, r, h])
    return [tuple(x) for x in out]


# ------------------------------------------------------------------ marks


def tanda_baru(hasil: Hasil, lembar_masukan: set[str]) -> dict[tuple[str, int, int], str]:
    """(sheet, row, col) → fill colour for every temuan at an input cell (layout decides)."""
    return layout.tanda_baru(hasil, lembar_masukan)


def _runs_ref(ref: str) -> Iterable[tuple[int, int]]:
    a, _, b = ref.partition(":")
    (r1, c1), (r2, c2) = parse_address(a), parse_address(b or a)
    for r in range(r1, r2 + 1):
        for c in range(c1, c2 + 1):
            yield r, c


def tanda_lama(bacaan: Bacaan, lembar_masukan: set[str]) -> set[tuple[str, int, int]]:
    """Cells marked by the previous run: the memo on Gaya ∪ the Validasi list."""
    out: set[tuple[str, int, int]] = set()
    memo = bacaan.grids.get(LEMBAR_MEMO)
    if memo is not None:
        for r in range(2, memo.last_row + 1):
            v = memo.get(r, KOLOM_MEMO)
            if not isinstance(v, str) or "!" not in v:
                continue
            lembar, _, ref = v.rpartition("!")
            try:
                out |= {(lembar, rr, cc) for rr, cc in _runs_ref(ref)}
            except ValueError:
                continue
    val = bacaan.grids.get(K.LEMBAR_VALIDASI)
    if val is not None:
        k = layout.KOLOM_VALIDASI
        out |= layout.sel_validasi_lama([(val.get(r, k["tingkat"]), val.get(r, k["lembar"]), val.get(r, k["sel"]))
                                         for r in range(BARIS_AWAL_VALIDASI, val.last_row + 1)])
    return {k for k in out if k[0] in lembar_masukan}


def memo_baris(tanda: dict[tuple[str, int, int], str]) -> list[str]:
    """Marked cells as 'Sheet!H12:H15' entries (vertical runs)."""
    per: dict[tuple[str, int], list[int]] = defaultdict(list)
    for lembar, r, c in tanda:
        per[(lembar, c)].append(r)
    out = []
    for (lembar, c), rows in sorted(per.items()):
        for r1, _, r2, _ in persegi((r, c) for r in rows):
            ref = address(r1, c) if r1 == r2 else f"{address(r1, c)}:{address(r2, c)}"
            out.append(f"{lembar}!{ref}")
    return out


def blok_warna(perubahan: dict[tuple[int, int], str | None]) -> list[tuple[int, int, int, int]]:
    """Row bands (r1, c1, r2, c2) over the changed cells of one sheet, each
    ≤ MAKS_SEL_WARNA cells; bands without a change are skipped."""
    if not perubahan:
        return []
    c1 = min(c for _, c in perubahan)
    c2 = max(c for _, c in perubahan)
    lebar = c2 - c1 + 1
    tinggi = max(1, MAKS_SEL_WARNA // lebar)
    baris = sorted({r for r, _ in perubahan})
    out = []
    i = 0
    while i < len(baris):
        r1 = baris[i]
        j = i
        while j + 1 < len(baris) and baris[j + 1] - r1 < tinggi:
            j += 1
        out.append((r1, c1, baris[j], c2))
        i = j + 1
    return out


# ------------------------------------------------------------------ writing


class Penulis:
    """Issues the xlwings calls; counts them (for tests and the status)."""

    def __init__(self, book, prof: Profil):
        self.book = book
        self.prof = prof
        self.sheets = {s.name: s for s in book.sheets}

    def rng(self, sheet: str, r1: int, c1: int, r2: int | None = None, c2: int | None = None):
        s = self.sheets[sheet]
        if r2 is None:
            return s.range((r1, c1))
        return s.range((r1, c1), (r2, c2))

    # -- output sheets --
    def lembar(self, plan: SheetPlan, lama: tuple[int, int]) -> None:
        name = plan.name
        sheet = self.sheets[name]
        g = grid_excel(plan)
        nr, nc = len(g), len(g[0])
        R = max(lama[0], nr)
        C = max(lama[1], nc, len(LEBAR.get(name, ())))
        area = self.rng(name, 1, 1, R, C)
        if self.prof.bisa("rangeUnmerge"):
            area.unmerge()
        # Values, formats and hyperlinks; Excel's Clear also unmerges, which
        # is all the original clients can do about old merges.
        area.clear()
        self._gaya(plan)
        self.rng(name, 1, 1, nr, nc).options(chunksize=10**9).value = g
        if self.prof.bisa("rangeMerge"):
            for r1, c1, r2, c2, across in blok_gabung(plan.merges):
                self.rng(name, r1, c1, r2, c2).merge(across)
        validasi = name == K.LEMBAR_VALIDASI
        if self.prof.bisa("setRowHeight"):
            area_baris = sheet.range(f"{1}:{R}")
            area_baris.row_height = TINGGI_BAWAAN
            lewati = (lambda r: r >= BARIS_AWAL_VALIDASI) if validasi else (lambda r: False)
            for r1, r2, h in run_tinggi(plan.heights, lewati):
                sheet.range(f"{r1}:{r2}").row_height = h
            if validasi and nr >= BARIS_AWAL_VALIDASI and self.prof.bisa("setAutofit"):
                sheet.range(f"{BARIS_AWAL_VALIDASI}:{nr}").rows.autofit()

    def _peran(self, plan: SheetPlan) -> dict[str, list[tuple[int, int]]]:
        per: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for c in plan.cells:
            per[c.role].append((c.row, c.col))
        return per

    def _gaya(self, plan: SheetPlan) -> None:
        palet = self.sheets.get(gaya.LEMBAR_GAYA)
        if palet is None:
            self._format_angka(plan)
            return
        for role, cells in self._peran(plan).items():
            n = gaya.NOMOR_PERAN.get(role)
            if n is None:
                continue
            src = palet.range((n, 1))
            for r1, c1, r2, c2 in persegi(cells):
                dst = self.rng(plan.name, r1, c1, r2, c2)
                if self.prof.remote and self.prof.bisa("copyFromRange"):
                    dst.copy_from(src, copy_type="formats")
                else:
                    # Desktop and the original clients: copy all (the palette
                    # cell's text is overwritten by the values right after).
                    src.copy(dst)

    def _format_angka(self, plan: SheetPlan) -> None:
        for role, cells in self._peran(plan).items():
            fmt = gaya.PERAN.get(role, {}).get("num_format")
            if not fmt:
                continue
            for r1, c1, r2, c2 in persegi(cells):
                self.rng(plan.name, r1, c1, r2, c2).number_format = fmt

    # -- marks --
    def tanda(self, baru: dict[tuple[str, int, int], str], lama: set[tuple[str, int, int]]) -> None:
        perubahan = layout.perubahan_tanda(baru, lama)
        for lembar, sel in sorted(perubahan.items()):
            if lembar not in self.sheets:
                continue
            if self.prof.bisa("setRangeColors"):
                for r1, c1, r2, c2 in blok_warna(sel):
                    m = [[sel.get((r, c), ...) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]
                    self.rng(lembar, r1, c1, r2, c2).set_colors(m)
            else:
                per_warna: dict[str, list[tuple[int, int]]] = defaultdict(list)
                for rc, w in sel.items():
                    per_warna[w or PUTIH].append(rc)
                for w, cells in sorted(per_warna.items()):
                    for r1, c1, r2, c2 in persegi(cells):
                        self.rng(lembar, r1, c1, r2, c2).color = w

    def memo(self, baru: dict[tuple[str, int, int], str], lama_panjang: int) -> None:
        if LEMBAR_MEMO not in self.sheets:
            return
        isi = [JUDUL_MEMO] + memo_baris(baru)
        n = max(len(isi), lama_panjang)
        kolom = [[nilai_excel(v)] for v in isi] + [[""]] * (n - len(isi))
        self.rng(LEMBAR_MEMO, 1, KOLOM_MEMO, n, KOLOM_MEMO).options(chunksize=10**9).value = kolom

    def sel(self, isian: dict[str, dict[str, Any]]) -> None:
        """The single cells layout fills outside the output sheets (Beranda's status)."""
        for lembar, sel in isian.items():
            if lembar in self.sheets:
                for ref, v in sel.items():
                    self.sheets[lembar].range(ref).value = nilai_excel(v)


def _luas_lama(sheet) -> tuple[int, int]:
    try:
        last = sheet.used_range.last_cell
        return last.row, last.column
    except Exception:
        return 1, 1


def _panjang_memo(bacaan: Bacaan) -> int:
    g: Grid | None = bacaan.grids.get(LEMBAR_MEMO)
    if g is None:
        return 0
    n = 0
    for r in range(1, g.last_row + 1):
        if g.get(r, KOLOM_MEMO) is not None:
            n = r
    return n


# ---------------------------------------------- desktop: sheet protection


class _Proteksi:
    """Desktop Excel only: lift the (password-less) protection of the sheets
    we write, and restore it with the same permissions afterwards.  The remote
    engine has no protection action: there the template must leave the output
    sheets unprotected (see the module docstring of xl_iku.excel)."""

    _IZIN = ("AllowFormattingCells", "AllowFormattingColumns", "AllowFormattingRows",
             "AllowInsertingColumns", "AllowInsertingRows", "AllowInsertingHyperlinks",
             "AllowDeletingColumns", "AllowDeletingRows", "AllowSorting", "AllowFiltering",
             "AllowUsingPivotTables")

    def __init__(self):
        self.dibuka: list[tuple[Any, dict]] = []

    @staticmethod
    def _mac(nama: str) -> str:
        """COM name → Excel's AppleScript (appscript) name: AllowFormattingCells → allow_formatting_cells."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", nama).lower()

    def buka(self, sheet) -> None:
        try:
            api = sheet.api
            if sys.platform == "darwin":
                if not api.protect_contents.get():
                    return
                # Read every permission first: if any cannot be read, leave the
                # sheet protected (a write there fails and is reported) rather
                # than re-protect it with options lost.
                p = api.protection
                opsi = {self._mac(k): bool(getattr(p, self._mac(k)).get()) for k in self._IZIN}
                opsi["drawing_objects"] = bool(api.protect_drawing_objects.get())
                opsi["scenarios"] = bool(api.protect_scenarios.get())
                api.unprotect()
                self.dibuka.append((sheet, opsi))
                return
            if not api.ProtectContents:
                return
            p = api.Protection
            opsi = {k: bool(getattr(p, k)) for k in self._IZIN}
            opsi["DrawingObjects"] = bool(api.ProtectDrawingObjects)
            opsi["Scenarios"] = bool(api.ProtectScenarios)
            api.Unprotect()
            self.dibuka.append((sheet, opsi))
        except Exception:
            pass  # a password-protected sheet: the write will fail and be reported

    def tutup(self) -> None:
        for sheet, opsi in reversed(self.dibuka):
            try:
                if sys.platform == "darwin":
                    sheet.api.protect_worksheet(contents=True, **opsi)
                else:
                    sheet.api.Protect(Contents=True, **opsi)
            except Exception:
                pass
        self.dibuka.clear()


def tulis(book, bacaan: Bacaan, plans: dict[str, SheetPlan], hasil: Hasil,
          sel: dict[str, dict[str, Any]]) -> None:
    """Write the plans, the marks, the memo and the single cells (Beranda's status line)."""
    prof = profil(book)
    p = Penulis(book, prof)
    for n, pl in plans.items():
        if pl.buat and n not in p.sheets:
            # A Kelompok of the catalogue met for the first time (KONTRAK §5):
            # its sheet is added at the end (desktop Excel, Lite and Server alike).
            book.sheets.add(n, after=book.sheets[len(book.sheets) - 1])
            p.sheets = {s.name: s for s in book.sheets}
    plans = {n: pl for n, pl in plans.items() if pl.wajib or n in p.sheets}
    hilang = [n for n in plans if n not in p.sheets]
    if hilang:
        from .reader import MasalahBuku

        raise MasalahBuku(f"Lembar keluaran '{hilang[0]}' tidak ditemukan di buku kerja ini; "
                          "gunakan templat xl-iku terbaru.")
    keluaran = set(K.LEMBAR_KELUARAN) | {gaya.LEMBAR_GAYA, K.LEMBAR_BERANDA}
    masukan = {s for s in bacaan.sheets if s not in keluaran}
    baru = tanda_baru(hasil, masukan)
    lama = tanda_lama(bacaan, masukan)
    luas = {n: _luas_lama(p.sheets[n]) for n in plans}
    proteksi = _Proteksi()
    layar = None
    if not prof.remote:
        try:
            layar = book.app.screen_updating
            book.app.screen_updating = False
        except Exception:
            layar = None
        berubah = {k[0] for k in baru} | {k[0] for k in lama}
        for n in [*plans, *sorted(berubah), K.LEMBAR_BERANDA, LEMBAR_MEMO]:
            if n in p.sheets:
                proteksi.buka(p.sheets[n])
    try:
        for name, plan in plans.items():
            p.lembar(plan, luas[name])
        p.tanda(baru, lama)
        p.memo(baru, _panjang_memo(bacaan))
        p.sel(sel)
        if hasil.jumlah_galat:
            p.sheets[K.LEMBAR_VALIDASI].activate()
    finally:
        if not prof.remote:
            proteksi.tutup()
            if layar is not None:
                try:
                    book.app.screen_updating = layar
                except Exception:
                    pass


__all__ = ["tulis", "profil", "Profil", "persegi", "blok_gabung", "blok_warna", "memo_baris",
           "nilai_excel", "rumus_tautan", "col_letter"]
