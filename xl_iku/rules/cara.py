"""The row kinds of the indicator catalogue (KONTRAK §5, Cara Hitung), each a
small function over a list of rows (header → cleaned value), in exact
arithmetic; and the `Turun` capaian.

The caller (the engine) gives the rows of the period, conditions already
bound to the table's headers (`Syarat.pasang`), and turns the sums into a
percentage with `rules.persen.persen` (a zero denominator: no realisasi).

Numbers a kind sums or divides must be numbers (KONTRAK §5): text, a date or
TRUE/FALSE there is `BukanAngka`; a blank there, on a row the kind reads
(one meeting Saring), is `AngkaKosong`, never a silent 0 — as today, where
the columns the built-in sums read (tblSarpras Kebutuhan … Dipelihara,
tblKegiatan Target and Realisasi, tblSOP Jumlah Persyaratan and Persyaratan
Sesuai) are required and a blank one is a galat at its cell that blocks the
indicator (validasi.tabel, "wajib diisi").  A 0 denominator of a row's ratio
(`Rata-rata Rasio`) is `PenyebutNol`, as tblSOP's "Jumlah Persyaratan tidak
boleh 0".  Each carries `indeks`, the row's position in `rows`, so the caller
can place a galat at the cell; `masalah_angka` lists every such cell at once
(the kinds raise at the first, and are meant to run only when it lists none).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from itertools import repeat
from operator import itemgetter
from typing import Any

from .angka import ke_decimal, ke_fraction
from .hari_kerja import Kalender
from .syarat import AngkaKosong, BukanAngka, PenyebutNol, SelAngka, Syarat, angka_sel, bercampur, kosong

Baris = Mapping[str, Any]


def _baris_saring(rows: Sequence[Baris], *syarat: Syarat | None) -> list[int]:
    """Positions of the rows meeting every condition given (None: no condition)."""
    bagian = tuple(b for s in syarat if s is not None for b in s.bagian)
    return Syarat(bagian).indeks(rows) if bagian else list(range(len(rows)))


def _jumlah_per_nilai(rows: Sequence[Baris], idx: list[int], kolom: tuple[str, ...],
                      f: Callable[[tuple], tuple[Fraction, ...]], lebar: int) -> list[Fraction]:
    """Σ f(values), element by element (`lebar` sums), over the rows at `idx`;
    each distinct tuple of values of `kolom` (with their types: True is not
    1) computed once and multiplied by how often it occurs.  `f` raises
    SelAngka for a bad value; the one raised is the first in row order."""
    baris = list(map(rows.__getitem__, idx))
    kolom_nilai = [list(map(itemgetter(k), baris)) for k in kolom]
    del baris
    # Each row's values as a tuple.
    nilai = list(zip(*kolom_nilai))
    total = [Fraction(0)] * lebar
    try:
        if any(map(bercampur, kolom_nilai)):
            # Keyed by type too: True and 1 are one value in a Counter.
            hitung = Counter(zip(zip(*(map(type, c) for c in kolom_nilai)), nilai))
        else:
            hitung = Counter(zip(repeat(None), nilai))
    except TypeError:  # an unhashable cell: one by one
        hitung = None
    if hitung is not None:
        for (_, v), n in hitung.items():
            try:
                hasil = f(v)
            except SelAngka:
                break
            total = [t + x * n for t, x in zip(total, hasil)]
        else:
            return total
    total = [Fraction(0)] * lebar
    for i, v in zip(idx, nilai):  # row by row: a bad value is raised at its first row
        try:
            hasil = f(v)
        except SelAngka as e:
            raise e.di(i) from None
        total = [t + x for t, x in zip(total, hasil)]
    return total


def _angka_wajib(kolom: str, v: Any) -> Fraction:
    x = angka_sel(kolom, v)
    if x is None:
        raise AngkaKosong(kolom, v)
    return x


def hitung_baris(rows: Sequence[Baris], saring: Syarat | None, pembilang: Syarat,
                 penyebut: Syarat | None) -> tuple[int, int]:
    """`Hitung Baris`: (rows meeting Saring, Penyebut and Pembilang; rows
    meeting Saring and Penyebut).  Penyebut None: every row (of Saring).
    The numerator is always a subset of the denominator.  A SelAngka at a
    cell a condition compares with a number (`masalah_angka` lists them all)."""
    bawah = _baris_saring(rows, saring, penyebut)
    return len(pembilang.indeks(rows, bawah)), len(bawah)


def jumlah_kolom(rows: Sequence[Baris], saring: Syarat | None, kol_p: str, kol_q: str) -> tuple[Decimal, Decimal]:
    """`Jumlah Kolom`: (Σ kol_p, Σ kol_q) over the rows meeting Saring, exact
    (a Decimal with every digit of the sum of the numbers as typed)."""
    idx = _baris_saring(rows, saring)
    try:
        # Column by column: each column has few distinct values, its pairs may have many.
        (sp,) = _jumlah_per_nilai(rows, idx, (kol_p,), lambda v: (_angka_wajib(kol_p, v[0]),), 1)
        (sq,) = _jumlah_per_nilai(rows, idx, (kol_q,), lambda v: (_angka_wajib(kol_q, v[0]),), 1)
    except SelAngka:
        # The problem to report is the first in row order, over both columns.
        _jumlah_per_nilai(rows, idx, (kol_p, kol_q),
                          lambda v: (_angka_wajib(kol_p, v[0]), _angka_wajib(kol_q, v[1])), 2)
        raise
    return ke_decimal(sp), ke_decimal(sq)


def rata_rata_rasio(rows: Sequence[Baris], saring: Syarat | None, kol_p: str, kol_q: str) -> tuple[Fraction, int]:
    """`Rata-rata Rasio`: (Σ kol_p ÷ kol_q over the rows meeting Saring, their
    number), exact: realisasi = Σ ÷ n × 100 (`persen(Σ, n)`), as IK-07 is
    sum(Fraction(sesuai, jumlah)) ÷ len × 100."""
    idx = _baris_saring(rows, saring)

    def rasio(v):
        p, q = _angka_wajib(kol_p, v[0]), _angka_wajib(kol_q, v[1])
        if q == 0:
            raise PenyebutNol(kol_q, v[1])
        return (p / q,)

    (total,) = _jumlah_per_nilai(rows, idx, (kol_p, kol_q), rasio, 1)
    return total, len(idx)


def _tanggal(v: Any) -> date | None:
    if kosong(v):
        return None
    return v.date() if isinstance(v, datetime) else v


def tepat_waktu(rows: Sequence[Baris], saring: Syarat | None, standar_of: Callable[[Baris], int],
                kalender: Kalender, akhir_periode: date, *, masuk: str = "Tanggal Masuk",
                selesai: str = "Tanggal Selesai") -> tuple[int, int, int, int]:
    """`Tepat Waktu` (KONTRAK §3 IKP-01): (tepat, jumlah, terbuka, sesudah)
    over the rows meeting Saring.

    A request is on time when its working days from `masuk` to `selesai`,
    both included, are at most `standar_of(row)` (asked only of settled
    rows).  Whether it was on time is a property of the request, so one
    settled after the period's end counts as it is; `sesudah` says how many
    those are (for the Keterangan).  A row without `selesai` counts in
    `jumlah` only (`terbuka`).  Rows must carry their `masuk` date (the
    period filter has already dropped, with a galat, those that do not); a
    `selesai` before `masuk` is the validation's galat, ValueError here."""
    tepat = jumlah = terbuka = sesudah = 0
    # Working days depend on the two dates alone: a register of 200,000 requests
    # has a few thousand distinct (masuk, selesai) pairs, each counted once.
    hari: dict[tuple[date, date], int] = {}
    for i in _baris_saring(rows, saring):
        row = rows[i]
        jumlah += 1
        akhir = row[selesai]
        if type(akhir) is not date:  # cleaned cells are dates already; anything else the long way
            akhir = _tanggal(akhir)
        if akhir is None:
            terbuka += 1
            continue
        if akhir > akhir_periode:
            sesudah += 1
        awal = row[masuk]
        if type(awal) is not date:
            awal = _tanggal(awal)
        n = hari.get((awal, akhir))
        if n is None:
            n = hari[(awal, akhir)] = kalender.hari_kerja(awal, akhir)
        if n <= standar_of(row):
            tepat += 1
    return tepat, jumlah, terbuka, sesudah


def masalah_angka(rows: Sequence[Baris], kolom_angka: Iterable[str], *, saring: Syarat | None = None,
                  wajib: Iterable[str] = (), bukan_nol: Iterable[str] = ()) -> list[SelAngka]:
    """Every cell that stops a kind, in row order, each with its `indeks`:

    - `BukanAngka` for a non-blank cell that is not a number, in any row, in
      the columns of `kolom_angka` and those Saring reads as numbers (a
      number column holding text is a galat wherever it is, §5);
    - on the rows meeting Saring: `AngkaKosong` for a blank in `wajib` (the
      columns a kind sums or divides) and `PenyebutNol` for a 0 in
      `bukan_nol` (the denominator of `Rata-rata Rasio`).

    The caller makes a galat at each; the kinds then run on clean columns."""
    wajib, bukan_nol = list(wajib), list(bukan_nol)
    kolom_saring = saring.kolom_angka if saring else frozenset()
    kolom = list(dict.fromkeys([*kolom_angka, *sorted(kolom_saring), *wajib, *bukan_nol]))
    out: list[tuple[int, int, SelAngka]] = []  # (row, column order, problem)
    salah: dict[str, set[int]] = {}  # rows whose cell in that column is not a number
    kolom_nilai: dict[str, list] = {}
    for j, k in enumerate(kolom):
        # Column by column, each distinct value judged once (TRUE apart from 1).
        nilai = kolom_nilai[k] = list(map(itemgetter(k), rows))
        kunci = list(zip(map(type, nilai), nilai)) if bercampur(nilai) else nilai
        buruk = set()
        try:
            for x in set(kunci):
                try:
                    angka_sel(k, x if kunci is nilai else x[1])
                except BukanAngka:
                    buruk.add(x)
            di = [i for i, x in enumerate(kunci) if x in buruk] if buruk else []
        except TypeError:  # an unhashable cell
            di = []
            for i, v in enumerate(nilai):
                try:
                    angka_sel(k, v)
                except BukanAngka:
                    di.append(i)
        salah[k] = set(di)
        out.extend((i, j, BukanAngka(k, nilai[i], i)) for i in di)
    # Whether a row meets Saring cannot be told where Saring's own number cell is bad.
    tak_tentu = set().union(*(salah[k] for k in kolom_saring)) if kolom_saring else set()
    calon = [i for i in range(len(rows)) if i not in tak_tentu]
    dibaca = saring.indeks(rows, calon) if saring else calon
    urutan = {k: j for j, k in enumerate(kolom)}
    for k in wajib:
        c = kolom_nilai[k]
        # A non-blank text is BukanAngka above; what is left of text here is blank.
        out.extend((i, urutan[k], AngkaKosong(k, c[i], i))
                   for i in dibaca if (v := c[i]) is None or (v.__class__ is str and not v.strip()))
    for k in bukan_nol:
        c = kolom_nilai[k]
        # FALSE == 0 in Python, but it is BukanAngka above, not a zero.
        out.extend((i, urutan[k], PenyebutNol(k, c[i], i))
                   for i in dibaca if (v := c[i]) == 0 and v.__class__ is not bool and v.__class__ is not str)
    out.sort(key=lambda t: (t[0], t[1], not isinstance(t[2], BukanAngka)))
    return [e for _, _, e in out]


def capaian_turun(realisasi, target) -> float | None:
    """Capaian of a `Turun` indicator (lower is better; KONTRAK §5,
    PermenPANRB 8/2021 annex, "kondisi khusus"): (2 × target − realisasi) ÷
    target × 100, never below 0; None without a realisasi or a non-zero
    target.  Lives here, not in rules/capaian.py, which another change owns."""
    if realisasi is None or target is None:
        return None
    t = ke_fraction(target)
    if t == 0:
        return None
    c = (2 * t - ke_fraction(realisasi)) / t * 100
    return float(max(c, Fraction(0)))


def capaian_arah(realisasi, target, arah: str) -> float | None:
    """Capaian by the catalogue's Arah (KONTRAK §5): `Turun` as `capaian_turun`,
    otherwise realisasi ÷ target × 100; one place for every consumer."""
    from .capaian import capaian

    return capaian_turun(realisasi, target) if arah == "Turun" else capaian(realisasi, target)
