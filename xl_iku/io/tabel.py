"""Where a KONTRAK table sits and which rows are its rows, for both adapters
(file and xlwings).

Tables are found by name and columns by header text, so a moved, extended or
widened table still reads.  A table's rows (KONTRAK §2) are its body minus an
Excel Total Row, plus rows typed directly below it (that Excel would have
absorbed); a non-blank row after one or more blank rows below the table is
not read but is a peringatan at that row.  Merged ranges are turned into
findings here too, so both adapters say the same; which cells are
percent-formatted travels with the table (`RawTable.persen`) to validation,
which knows the columns the catalogue reads as numbers (`validasi.persen`).
Only how cell values and formats arrive differs per adapter: each passes
functions over its own grid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from bisect import bisect_left, bisect_right
from typing import Any, Callable, Iterable

from .. import kontrak as K
from ..dasar.raw import Catatan, address, parse_ref
from ..pesan import StrukturError


def norm_header(h) -> str:
    if isinstance(h, float) and h.is_integer():
        h = int(h)
    return " ".join(str(h).split()).casefold()


def periksa_struktur(sheets, names, tables, asal: str) -> None:
    """`asal` names the workbook in messages: "berkas 'x.xlsx'" or "buku kerja ini"."""
    hilang = [n for n in K.TABEL_WAJIB if n not in tables]
    if hilang:
        t = K.TABEL[hilang[0]]
        lembar = "" if t.lembar in sheets else f" (lembar '{t.lembar}' juga tidak ada)"
        lain = f" dan {len(hilang) - 1} tabel lain" if len(hilang) > 1 else ""
        raise StrukturError(
            f"Tabel '{hilang[0]}'{lain} tidak ditemukan di {asal}{lembar}; "
            "jangan menghapus atau mengganti nama tabel templat."
        )
    for spec in K.PENGATURAN:
        if spec.wajib and spec.nama not in names:
            raise StrukturError(
                f"Nama sel '{spec.nama}' (lembar Pengaturan) tidak ditemukan di {asal}; "
                "gunakan templat xl-iku terbaru."
            )


_KUTIP = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def format_persen(kode: str) -> bool:
    """Whether a number format code shows a positive number as a percentage
    (quoted text, escapes and [colour]/[locale] parts do not count)."""
    return "%" in _KUTIP.sub("", kode.split(";")[0])


@dataclass
class Letak:
    header_row: int
    cols: dict[str, int]  # header → 1-based column
    baris: list[int]  # the sheet rows that are the table's rows and hold anything, in order
    catatan: list[Catatan] = field(default_factory=list)
    total: int | None = None  # the Total Row, if shown
    # The table's rows as ranges (body minus Total Row; rows typed below),
    # blank ones included: a merged range there is still inside the table.
    rentang: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        if not self.rentang and self.baris:  # built by hand: its rows are one range
            self.rentang = ((self.baris[0], self.baris[-1]),)


def _rentang_baris(a: int, b: int) -> str:
    return f"Baris {a}" if a == b else f"Baris {a}–{b}"


# Excel's last row: where "rows typed below" end when no other table does.
BARIS_MAKS = 1_048_576

# rows in [a, b] (1-based, inclusive) holding something in one of `kolom`, ascending
BarisTerisi = Callable[[int, int, list[int]], Iterable[int]]


def letak_tabel(name: str, sheet: str, ref: str, part_columns: list[str] | tuple[str, ...],
                headers: tuple[str, ...], get: Callable[[int, int], Any], terisi: BarisTerisi, asal: str, *,
                totals: int = 0, lain: tuple[tuple[int, int, int, int], ...] = (),
                berumus: BarisTerisi | None = None) -> Letak:
    """Header row, columns and rows of a table (all 1-based).

    `terisi(a, b, kolom)`: the rows in a..b with a value in one of `kolom`,
    from the adapter's own grid — so a table whose range reaches row
    1.048.576 costs what its filled rows cost, never its coordinates.  A
    blank row of the body is no row of the table (every reader skips it);
    `berumus` (file adapter) adds body rows whose only content is a formula
    without a stored value, which is a finding at its cell.
    `totals`: rows of Excel's Total Row at the end of `ref` (never data).
    `lain`: ranges of the sheet's other tables; scanning below this table
    stops where another one begins.
    """
    r1, c1, r2, c2 = parse_ref(ref)
    found: dict[str, int] = {}
    for col in range(c1, c2 + 1):
        v = get(r1, col)
        if v is None and col - c1 < len(part_columns):
            v = part_columns[col - c1]
        if v is not None:
            found.setdefault(norm_header(v), col)
    cols: dict[str, int] = {}
    for h in headers:
        col = found.get(norm_header(h))
        if col is None:
            raise StrukturError(
                f"Kolom '{h}' tidak ditemukan di tabel '{name}' (lembar '{sheet}') di {asal}; "
                "jangan mengganti nama judul kolom templat."
            )
        cols[h] = col
    totals = max(0, min(totals, r2 - r1))
    body_last = r2 - totals
    kolom = list(cols.values())
    c_min, c_max = min(kolom), max(kolom)
    baris = list(terisi(r1 + 1, body_last, kolom))
    if berumus is not None and (rumus := berumus(r1 + 1, body_last, kolom)):
        baris = sorted(set(baris).union(rumus))
    letak = Letak(r1, cols, baris, total=r2 if totals else None)

    def isi(r: int) -> int | None:
        for c in kolom:
            if get(r, c) is not None:
                return c
        return None

    # Where the next table below (sharing a column) starts: nothing beyond is ours.
    batas = BARIS_MAKS
    for a1, b1, a2, b2 in lain:
        if a1 > r2 and b1 <= c_max and b2 >= c_min:
            batas = min(batas, a1 - 1)
    bawah = iter(terisi(r2 + 1, batas, kolom))
    # Rows typed directly below the table (no blank row between) are its rows.
    r = r2
    berikut = next(bawah, None)
    while berikut is not None and berikut == r + 1:
        r = berikut
        baris.append(r)
        berikut = next(bawah, None)
    letak.rentang = tuple((a, b) for a, b in ((r1 + 1, body_last), (r2 + 1, r)) if a <= b)
    # After a gap: rows that look like data but are not the table's, one
    # peringatan per run of consecutive rows.
    blok: list[int] = []

    def lapor() -> None:
        if blok:
            a, b = blok[0], blok[-1]
            letak.catatan.append(Catatan(
                "peringatan", sheet, address(a, isi(a) or c1),
                f"{_rentang_baris(a, b)} di lembar {sheet} terpisah dari tabel oleh baris kosong, jadi tidak "
                f"dibaca; perluas tabel sampai baris itu (hapus baris kosong di atasnya) agar ikut dihitung.",
                tabel=name))
            blok.clear()

    while berikut is not None:
        if blok and berikut != blok[-1] + 1:
            lapor()
        blok.append(berikut)
        berikut = next(bawah, None)
    lapor()
    return letak


def _di_tabel(letak: Letak, m1: int, m2: int) -> bool:
    return any(a <= m2 and m1 <= b for a, b in letak.rentang)


def gabungan(name: str, sheet: str, letak: Letak, merges, get: Callable[[int, int], Any]) -> list[Catatan]:
    """A merged range inside the table's rows is a galat at the range: only its
    first cell holds a value, the others would read as blank."""
    if not merges or not letak.rentang:
        return []
    kolom = sorted(letak.cols.values())
    k_kode = letak.cols.get("Kode") if name in ("tblTarget", "tblTargetTriwulan", "tblRiwayat",
                                                    "tblRekapManual") else None
    out = []
    for m1, n1, m2, n2 in merges:
        if not any(n1 <= c <= n2 for c in kolom) or not _di_tabel(letak, m1, m2):
            continue
        rentang = f"{address(m1, n1)}:{address(m2, n2)}"
        kw: dict = {"tabel": name}
        if k_kode is not None:
            # Only rows holding something can hold a Kode.
            dalam = letak.baris[bisect_left(letak.baris, m1):bisect_right(letak.baris, m2)]
            # The reader does not know the workbook's catalogue: every code is listed,
            # and the engine blocks those the catalogue has.
            kode = {t for r in dalam if (v := get(r, k_kode)) is not None and (t := str(v).strip().upper())}
            if kode:
                kw = {"tabel": None, "kode": min(kode), "blokir": tuple(sorted(kode))}
        out.append(Catatan(
            "galat", sheet, rentang,
            f"Sel {rentang} di lembar {sheet} digabung (Merge Cells) di dalam tabel: hanya sel pertamanya "
            "yang berisi nilai, sel lainnya terbaca kosong. Pisahkan gabungan sel (Unmerge) dan isi setiap sel.",
            **kw))
    return out


# Columns where a blank is a valid answer and changes a number: a merged
# range there reads as blank answers (KONTRAK §2: U1–U9 blank = not answered).
KOLOM_KOSONG_BERARTI = {"tblSKM": tuple(f"U{i}" for i in range(1, 10))}


def gabungan_tak_diketahui(name: str, sheet: str, letak: Letak, get: Callable[[int, int], Any]) -> list[Catatan]:
    """When the adapter cannot see merged ranges (xlwings Server), one
    peringatan per table whose values look like a merge could hide in them:
    a blank answer directly under a filled one, in a row with other answers
    filled.  Skipped questions look the same, so it is said once, at the first
    such cell, with the count — never per cell (a real SKM has dozens)."""
    kolom = [letak.cols[h] for h in KOLOM_KOSONG_BERARTI.get(name, ()) if h in letak.cols]
    baris = set(letak.baris)
    sel = []
    for r in letak.baris:
        if r - 1 not in baris:
            continue
        isi = [get(r, c) is not None for c in kolom]
        if any(isi):
            sel.extend(address(r, c) for c, ada in zip(kolom, isi) if not ada and get(r - 1, c) is not None)
    if not sel:
        return []
    return [Catatan(
        "peringatan", sheet, sel[0],
        f"Lewat xlwings Server, Excel tidak mengirim sel gabungan (Merge Cells), jadi {len(sel)} jawaban kosong "
        f"tepat di bawah jawaban terisi (mis. {sheet}!{sel[0]}) tidak dapat dibedakan dari sel yang digabung. "
        "Bila ada yang digabung, pisahkan (Unmerge) dan isi setiap sel. Pemeriksaan lengkap: tombol Hitung di "
        "xlwings Lite atau Excel desktop, atau 'xl-iku hitung' atas berkasnya.")]
