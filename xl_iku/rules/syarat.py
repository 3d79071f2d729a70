"""Conditions of the indicator catalogue (KONTRAK §5), read once into a small
typed form.

An officer types a condition in a `tblIndikator` cell (Saring, and Pembilang /
Penyebut of `Hitung Baris`):

    Status = Tuntas                      Status <> Dibatalkan
    Jenis = Penyakit Masyarakat; Lainnya Nilai >= 7,5
    [Nilai 2026] > [Nilai 2025]          Tanggal Selesai terisi
    Kelompok = "Pembinaan dan Pengawasan Desa" dan Target > 0

`baca_syarat` turns that text into a `Syarat` (or a `SyaratError` with one
Indonesian sentence naming the part that is wrong); `Syarat.pasang` binds the
named headers to a table's own; `Syarat.berlaku` judges one row and
`Syarat.indeks` a whole table (each distinct cell value once).  Pure: no
workbook, no findings — the caller puts messages at cells.

Choices where §5 is silent (to be written in the README by whoever owns it):
- A header may be written in square brackets, `[Nilai 2026]`, on either side;
  a header holding `dan`, an operator or a quote must be.
- `≥`, `≤`, `≠` and `!=` are read as `>=`, `<=`, `<>`.
- `Kolom <> a; b` holds when the cell is none of them.
- Text is compared ignoring case, surrounding spaces and non-breaking spaces,
  and runs of spaces inside count as one ("Kaki  Lima" = "Kaki Lima").
- A text value against a number or date cell compares with the cell as
  written (7,5 or 7.5; 31/12/2026 or 2026-12-31).
- An unquoted `1.000` is the number 1 (decimal point, §5: no thousands
  separator); `1.000.000` is text, so `> 1.000.000` cannot be read.
- An empty quoted value (`""`) and an empty item between `;` are errors
  (`Kolom kosong` tests blanks).
- A number value against a text (or date, or TRUE/FALSE) cell is not a silent
  "false": it raises `BukanAngka`, so the caller makes a galat at that cell
  (a number column holding text, §5).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import compress
from operator import itemgetter
from typing import Any

from ..dasar.ooxml import angka_teks  # bottom floor: no xl-iku imports, so no cycle
from .angka import ke_fraction

# --- errors ------------------------------------------------------------------------


class SyaratError(ValueError):
    """A condition that cannot be read or bound: one Indonesian sentence."""


class SelAngka(ValueError):
    """A cell a rule needs as a number that is not one (base of the three kinds).

    `kolom` is the table's header, `nilai` the cell's value, `indeks` the
    row's position in the list the caller passed (set by the `cara` kinds;
    None from `Syarat.berlaku`, which sees one row)."""

    def __init__(self, kolom: str, nilai: Any = None, indeks: int | None = None, *, kutip: bool = False):
        # kutip: the number came from a condition's `=`/`<>`, where quoting it
        # would have made it text — the message says so.
        self.kolom, self.nilai, self.indeks, self.kutip = kolom, nilai, indeks, kutip
        super().__init__(self.pesan())

    def pesan(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def di(self, indeks: int) -> "SelAngka":
        """The same problem, placed at row `indeks`."""
        return type(self)(self.kolom, self.nilai, indeks, kutip=self.kutip)


class BukanAngka(SelAngka):
    """A number is needed but the cell holds text, a date or TRUE/FALSE."""

    def pesan(self) -> str:
        v = self.nilai
        if isinstance(v, bool):
            isi = f"nilai logika {'BENAR' if v else 'SALAH'}"
        elif isinstance(v, date):
            isi = "tanggal"
        elif isinstance(v, str):
            isi = f'teks "{v.strip()}"'
        else:
            isi = "nilai yang bukan angka"
        saran = "; bila nilai syarat itu memang teks, tulis dalam tanda kutip ganda" if self.kutip else ""
        return (f'Kolom "{self.kolom}" dibaca sebagai angka oleh indikator, tetapi sel ini berisi {isi}; '
                f"isikan angka{saran}.")


class AngkaKosong(SelAngka):
    """A row a kind sums or divides has a blank in that number column."""

    def pesan(self) -> str:
        return (f'Kolom "{self.kolom}" wajib diisi angka pada baris yang dihitung indikator '
                "(kosong tidak dianggap 0); isikan 0 bila memang nol.")


class PenyebutNol(SelAngka):
    """A row whose ratio is asked for has 0 in the denominator column."""

    def pesan(self) -> str:
        return f'Kolom "{self.kolom}" tidak boleh 0 pada baris yang dirata-ratakan: rasionya tidak dapat dihitung.'


# --- text and numbers --------------------------------------------------------------

OPERATOR = ("=", "<>", ">", ">=", "<", "<=")
_ALIAS = {"≥": ">=", "≤": "<=", "≠": "<>", "!=": "<>"}
_OP_CHARS = set("<>=!≥≤≠")
_ANGKA = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")
_DAN = re.compile(r"\s+dan\s+", re.IGNORECASE)
_ADA_DAN = re.compile(r"(?:^|\s)dan(?:\s|$)", re.IGNORECASE)
_TERISI = re.compile(r"(.*?\S)?\s*(?<!\S)(terisi|kosong)\s*$", re.IGNORECASE | re.DOTALL)


def kunci_teks(s: str) -> str:
    """Text as conditions compare it: case, surrounding and repeated spaces
    (non-breaking ones too) ignored."""
    return " ".join(s.split()).casefold()


def kunci_kolom(s: str) -> str:
    """A header as conditions name it: case and every space ignored."""
    return "".join(s.split()).casefold()


def kosong(v: Any) -> bool:
    """A blank cell: None or whitespace-only text."""
    return v is None or (isinstance(v, str) and not v.strip())


def angka_sel(kolom: str, v: Any) -> Fraction | None:
    """The cell as an exact number; None when blank; BukanAngka otherwise."""
    if v is None:
        return None
    if isinstance(v, str):
        if not v.strip():
            return None
        raise BukanAngka(kolom, v)
    if isinstance(v, bool) or not isinstance(v, (int, float, Decimal, Fraction)):
        raise BukanAngka(kolom, v)
    try:
        return ke_fraction(v)
    except (TypeError, ValueError):  # NaN, infinity
        raise BukanAngka(kolom, v) from None


def _teks_angka(d: Decimal) -> str:
    t = format(d.normalize(), "f") if d == d.to_integral_value() else format(d, "f")
    if "." in t:
        t = t.rstrip("0").rstrip(".")
    return t


def _kunci_sel(v: Any) -> frozenset[str] | None:
    """The texts a cell matches as text: None when blank."""
    if v is None:
        return None
    if isinstance(v, str):
        k = kunci_teks(v)
        return frozenset((k,)) if k else None
    if isinstance(v, bool):
        return frozenset(("true", "benar")) if v else frozenset(("false", "salah"))
    if isinstance(v, date):
        return frozenset((f"{v.day:02d}/{v.month:02d}/{v.year:04d}", v.isoformat()[:10]))
    if isinstance(v, (int, float, Decimal, Fraction)):
        try:
            d = Decimal(repr(float(v))) if isinstance(v, float) else (
                Decimal(v) if not isinstance(v, Fraction) else Decimal(v.numerator) / Decimal(v.denominator))
            t = _teks_angka(d)
        except (ValueError, ArithmeticError):
            return frozenset()
        # The point form only: a typed "7,5" is keyed "7.5" too (Perbandingan).
        return frozenset((t,))
    return frozenset((kunci_teks(str(v)),))


# --- the typed form ----------------------------------------------------------------


@dataclass(frozen=True)
class KolomLain:
    """`[Kolom Lain]` on the right of a comparison: another number column of the row."""

    nama: str

    def __str__(self) -> str:
        return f"[{self.nama}]"


@dataclass(frozen=True)
class Perbandingan:
    """`kolom op nilai`: `nilai` is a tuple of str (text) and Decimal (number)
    values — several only for `=` (any of them) and `<>` (none of them) — or a
    KolomLain."""

    kolom: str
    op: str
    nilai: tuple[str | Decimal, ...] | KolomLain
    # Derived once (not part of equality): text keys and exact numbers.
    _teks: frozenset[str] = field(init=False, repr=False, compare=False, hash=False)
    _angka: tuple[Fraction, ...] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.op not in OPERATOR:
            raise ValueError(f"operator tidak dikenal: {self.op!r}")
        vals = () if isinstance(self.nilai, KolomLain) else self.nilai
        # Built by hand (not by baca_syarat): the same shapes the reader gives.
        if not isinstance(self.nilai, KolomLain):
            if not isinstance(vals, tuple) or not vals or not all(isinstance(v, (str, Decimal)) for v in vals):
                raise ValueError(f"nilai perbandingan harus tuple teks/Decimal yang tidak kosong: {vals!r}")
            if self.op not in ("=", "<>") and (len(vals) != 1 or not isinstance(vals[0], Decimal)):
                raise ValueError(f"operator {self.op} memerlukan tepat satu angka: {vals!r}")
        teks = {kunci_teks(v) for v in vals if isinstance(v, str)}
        # A text that reads as a number with a decimal comma ("7,5" quoted) also
        # matches a number cell, which is keyed in the point form.
        teks |= {t.replace(",", ".") for t in teks if "," in t and _ANGKA.fullmatch(t)}
        object.__setattr__(self, "_teks", frozenset(teks))
        object.__setattr__(self, "_angka", tuple(Fraction(v) for v in vals if isinstance(v, Decimal)))

    def berlaku(self, row: Mapping[str, Any]) -> bool:
        if isinstance(self.nilai, KolomLain):
            return self._uji((row[self.kolom], row[self.nilai.nama]))
        return self._uji(row[self.kolom])

    def _nilai_baris(self, row: Mapping[str, Any]) -> Any:
        """What `_uji` judges: the cell, or the pair of cells for [Kolom Lain]."""
        if isinstance(self.nilai, KolomLain):
            return row[self.kolom], row[self.nilai.nama]
        return row[self.kolom]

    def _uji(self, v: Any) -> bool:
        if isinstance(self.nilai, KolomLain):
            a = angka_sel(self.kolom, v[0])
            b = angka_sel(self.nilai.nama, v[1])
            if a is None or b is None:
                return False
            return _banding(a, self.op, b)
        if kosong(v):
            return False  # a blank is neither equal, unequal, greater nor smaller
        if self.op in ("=", "<>"):
            sama = False
            if self._angka:
                try:
                    a = angka_sel(self.kolom, v)
                except BukanAngka as e:
                    raise BukanAngka(e.kolom, e.nilai, kutip=True) from None
                sama = a in self._angka
            if not sama and self._teks:
                sama = not self._teks.isdisjoint(_kunci_sel(v) or ())
            return sama if self.op == "=" else not sama
        a = angka_sel(self.kolom, v)
        return _banding(a, self.op, self._angka[0])

    def kolom_angka(self) -> set[str]:
        if isinstance(self.nilai, KolomLain):
            return {self.kolom, self.nilai.nama}
        return {self.kolom} if self._angka else set()

    def __str__(self) -> str:
        if isinstance(self.nilai, KolomLain):
            kanan = str(self.nilai)
        else:
            kanan = "; ".join(_tulis_nilai(v) for v in self.nilai)
        return f"{_tulis_kolom(self.kolom)} {self.op} {kanan}"


@dataclass(frozen=True)
class Terisi:
    """`Kolom terisi` (kosong=False) or `Kolom kosong` (kosong=True)."""

    kolom: str
    kosong: bool

    def berlaku(self, row: Mapping[str, Any]) -> bool:
        return kosong(row[self.kolom]) == self.kosong

    def _nilai_baris(self, row: Mapping[str, Any]) -> Any:
        return row[self.kolom]

    def _uji(self, v: Any) -> bool:
        return kosong(v) == self.kosong

    def kolom_angka(self) -> set[str]:
        return set()

    def __str__(self) -> str:
        return f"{_tulis_kolom(self.kolom)} {'kosong' if self.kosong else 'terisi'}"


def bercampur(nilai: Iterable[Any]) -> bool:
    """Whether TRUE/FALSE sits among numbers: then equal values (True and 1)
    must be told apart by type when the distinct values are judged once (a
    number and TRUE are judged differently; 1, 1.0 and Decimal(1) alike)."""
    jenis = set(map(type, nilai))
    return bool in jenis and len(jenis - {bool, str, type(None)}) > 0


def _banding(a: Fraction, op: str, b: Fraction) -> bool:
    if op == "=":
        return a == b
    if op == "<>":
        return a != b
    if op == ">":
        return a > b
    if op == ">=":
        return a >= b
    if op == "<":
        return a < b
    return a <= b


Bagian = Perbandingan | Terisi


@dataclass(frozen=True)
class Syarat:
    """Parts joined with `dan`: a row meets the condition when every part holds
    (no parts: every row)."""

    bagian: tuple[Bagian, ...]

    @property
    def kolom(self) -> frozenset[str]:
        """Every header the condition names (both sides of `[Kolom Lain]`)."""
        out: set[str] = set()
        for b in self.bagian:
            out.add(b.kolom)
            if isinstance(b, Perbandingan) and isinstance(b.nilai, KolomLain):
                out.add(b.nilai.nama)
        return frozenset(out)

    @property
    def kolom_angka(self) -> frozenset[str]:
        """Headers the condition reads as numbers: their cells must hold numbers."""
        out: set[str] = set()
        for b in self.bagian:
            out |= b.kolom_angka()
        return frozenset(out)

    def berlaku(self, row: Mapping[str, Any]) -> bool:
        """Whether `row` (header → cleaned value) meets every part; BukanAngka
        when a part compares a number with a cell that is not one."""
        for b in self.bagian:
            if not b.berlaku(row):
                return False
        return True

    def indeks(self, rows: Sequence[Mapping[str, Any]], calon: Iterable[int] | None = None) -> list[int]:
        """The positions (ascending) of the rows of `rows` — of those at
        `calon` when given — that meet the condition: `berlaku` over a whole
        table, each distinct cell value judged once.  A SelAngka is raised,
        with its `indeks`, at the first row where `berlaku` would raise."""
        semua = calon is None
        lolos = list(range(len(rows))) if semua else list(calon)
        pertama: SelAngka | None = None
        for b in self.bagian:
            if not lolos:
                break
            # The part's cells down the rows still in, at C speed (itemgetter).
            baris = rows if semua else list(map(rows.__getitem__, lolos))
            semua = False
            if isinstance(b, Perbandingan) and isinstance(b.nilai, KolomLain):
                nilai = list(map(itemgetter(b.kolom, b.nilai.nama), baris))
                campur = bercampur(map(itemgetter(0), nilai)) or bercampur(map(itemgetter(1), nilai))
                kunci = list(zip(map(type, map(itemgetter(0), nilai)), map(type, map(itemgetter(1), nilai)),
                                 nilai)) if campur else nilai
            else:
                nilai = list(map(itemgetter(b.kolom), baris))
                kunci = list(zip(map(type, nilai), nilai)) if bercampur(nilai) else nilai
            try:
                hasil: dict = {}
                for k in set(kunci):
                    try:
                        hasil[k] = b._uji(k if kunci is nilai else k[-1])
                    except SelAngka as e:
                        hasil[k] = e
                putusan = list(map(hasil.__getitem__, kunci))
            except (TypeError, KeyError):  # an unhashable cell, or NaN (never equal to itself)
                hasil = {}
                putusan = []
                for v in nilai:
                    try:
                        putusan.append(b._uji(v))
                    except SelAngka as e:
                        putusan.append(e)
                        hasil[id(e)] = e
            if all(type(r) is bool for r in hasil.values()):
                lolos = list(compress(lolos, putusan))
                continue
            baru = []
            for i, r in zip(lolos, putusan):
                if r is True:
                    baru.append(i)
                elif r is not False:
                    if pertama is None or i < pertama.indeks:
                        pertama = r.di(i)
                    break  # later rows of this part cannot come first
            # Rows after the raising one are dropped from later parts: they cannot come first either.
            lolos = [i for i in baru if pertama is None or i < pertama.indeks]
        if pertama is not None:
            raise pertama
        return lolos

    def nilai_teks(self) -> dict[str, set[str]]:
        """The text values the condition names, per header, as typed (trimmed):
        for the allowed-value extension and the "no row carries it" peringatan."""
        out: dict[str, set[str]] = {}
        for b in self.bagian:
            if isinstance(b, Perbandingan) and not isinstance(b.nilai, KolomLain):
                teks = {v.strip() for v in b.nilai if isinstance(v, str)}
                if teks:
                    out.setdefault(b.kolom, set()).update(teks)
        return out

    def nilai_tanpa_baris(self, rows: Iterable[Mapping[str, Any]]) -> dict[str, set[str]]:
        """The text values (as in `nilai_teks`) that no row of `rows` carries
        in its column, compared as conditions compare; a likely typo."""
        dicari = self.nilai_teks()
        if not dicari:
            return {}
        rows = list(rows)
        ada: dict[str, set[str]] = {k: set() for k in dicari}
        for k, s in ada.items():
            nilai = list(map(itemgetter(k), rows))
            try:
                beda = set(zip(map(type, nilai), nilai))  # TRUE apart from 1
            except TypeError:
                beda = set(zip(map(type, nilai), map(str, nilai)))
            for _, v in beda:
                s.update(_kunci_sel(v) or ())
        out = {k: {t for t in teks if kunci_teks(t) not in ada[k]} for k, teks in dicari.items()}
        return {k: v for k, v in out.items() if v}

    def pasang(self, headers: Iterable[str], tabel: str | None = None) -> "Syarat":
        """The same condition naming the table's own headers (matched ignoring
        case and spaces); SyaratError naming the missing header and the
        table's headers."""
        headers = [h for h in headers if isinstance(h, str)]
        per_kunci: dict[str, list[str]] = {}
        for h in headers:
            per_kunci.setdefault(kunci_kolom(h), []).append(h)

        def cari(nama: str) -> str:
            if nama in headers:
                return nama
            calon = per_kunci.get(kunci_kolom(nama), [])
            if len(calon) == 1:
                return calon[0]
            di = f" {tabel}" if tabel else ""
            if calon:
                raise SyaratError(
                    f'Kolom "{nama}" pada syarat "{self}" cocok dengan lebih dari satu kolom tabel{di} '
                    f"({', '.join(calon)}); tulis nama kolomnya persis.")
            mirip = difflib.get_close_matches(kunci_kolom(nama), list(per_kunci), n=1, cutoff=0.75)
            saran = f' (mungkin maksudnya "{per_kunci[mirip[0]][0]}")' if mirip else ""
            raise SyaratError(
                f'Kolom "{nama}" pada syarat "{self}" tidak ada di tabel{di}{saran}; '
                f"kolom yang ada: {', '.join(headers) if headers else '(tidak ada)'}.")

        baru: list[Bagian] = []
        for b in self.bagian:
            if isinstance(b, Terisi):
                baru.append(Terisi(cari(b.kolom), b.kosong))
            else:
                nilai = KolomLain(cari(b.nilai.nama)) if isinstance(b.nilai, KolomLain) else b.nilai
                baru.append(Perbandingan(cari(b.kolom), b.op, nilai))
        return Syarat(tuple(baru))

    def __str__(self) -> str:
        return " dan ".join(str(b) for b in self.bagian)


# --- writing (canonical text) ------------------------------------------------------


def _perlu_kurung(h: str) -> bool:
    return (h != h.strip() or any(c in _OP_CHARS or c in '"[];' for c in h) or bool(_ADA_DAN.search(h))
            or bool(re.search(r"(?:^|\s)(terisi|kosong)\s*$", h, re.IGNORECASE)))


def _tulis_kolom(h: str) -> str:
    return f"[{h}]" if _perlu_kurung(h) else h


def _tulis_nilai(v: str | Decimal) -> str:
    if isinstance(v, Decimal):
        return angka_teks(Decimal(_teks_angka(v)), None, ribuan=False)
    polos = (v and v == v.strip() and not _ANGKA.fullmatch(v) and not _ADA_DAN.search(v)
             and not any(c in _OP_CHARS or c in '"[];' for c in v) and "\n" not in v)
    return v if polos else '"' + v.replace('"', '""') + '"'


# --- reading -----------------------------------------------------------------------


def _awal(bagian: str, utuh: str) -> str:
    """How a message names the part it is about."""
    b = bagian.strip()
    if b == utuh:
        return f'Syarat "{utuh}" tidak dapat dibaca: '
    return f'Bagian "{b}" dari syarat "{utuh}" tidak dapat dibaca: '


def _potong(teks: str, pemisah: re.Pattern | str, utuh: str) -> list[str]:
    """Split `teks` at top-level `pemisah` (outside "…" and […]); unclosed
    quotes or brackets are a SyaratError about `utuh`."""
    bagian, awal, i, n = [], 0, 0, len(teks)
    while i < n:
        c = teks[i]
        if c == '"':
            j = i + 1
            while True:
                j = teks.find('"', j)
                if j < 0:
                    raise SyaratError(f'Syarat "{utuh}" tidak dapat dibaca: tanda kutip ganda (") tidak ditutup.')
                if teks.startswith('""', j):
                    j += 2
                    continue
                break
            i = j + 1
            continue
        if c == "[":
            j = teks.find("]", i + 1)
            if j < 0:
                raise SyaratError(f'Syarat "{utuh}" tidak dapat dibaca: kurung siku "[" tidak ditutup dengan "]".')
            i = j + 1
            continue
        if c == "]":
            raise SyaratError(f'Syarat "{utuh}" tidak dapat dibaca: ada "]" tanpa "[" pembukanya.')
        if isinstance(pemisah, str):
            if c == pemisah:
                bagian.append(teks[awal:i])
                awal = i = i + 1
                continue
        else:
            m = pemisah.match(teks, i)
            if m:
                bagian.append(teks[awal:i])
                awal = i = m.end()
                continue
        i += 1
    bagian.append(teks[awal:])
    return bagian


def _cari_operator(teks: str) -> tuple[int, int] | None:
    """Start and end of the first top-level run of operator characters."""
    i, n = 0, len(teks)
    while i < n:
        c = teks[i]
        if c == '"':
            j = i + 1
            while True:
                j = teks.find('"', j)
                if j >= 0 and teks.startswith('""', j):
                    j += 2
                    continue
                break
            if j < 0:  # unreachable: the whole text was checked by _potong
                return None
            i = j + 1
            continue
        if c == "[":
            j = teks.find("]", i + 1)
            if j < 0:  # unreachable: the whole text was checked by _potong
                return None
            i = j + 1
            continue
        if c in _OP_CHARS:
            j = i
            while j < n and teks[j] in _OP_CHARS:
                j += 1
            return i, j
        i += 1
    return None


def _baca_kolom(teks: str, bagian: str, utuh: str, sebelum: str) -> str:
    t = teks.strip()
    if not t:
        raise SyaratError(f'Syarat "{utuh}" tidak lengkap: sebelum "{sebelum}" harus ada nama kolom.')
    if t.startswith("["):
        if not t.endswith("]") or t.count("[") != 1 or t.count("]") != 1:
            raise SyaratError(
                _awal(bagian, utuh) + f'nama kolom dalam kurung siku '
                f'ditulis utuh, mis. [Nilai 2026] {sebelum} …')
        t = t[1:-1].strip()
        if not t:
            raise SyaratError(_awal(bagian, utuh) + f'nama kolom di dalam [ ] kosong.')
        return t
    if any(c in t for c in '"[]'):
        raise SyaratError(
            _awal(bagian, utuh) + f'nama kolom "{t}" memuat tanda kutip '
            "atau kurung; tulis nama kolom tanpa tanda kutip, atau dalam kurung siku seperti [Nilai 2026].")
    return t


def _baca_butir(b: str, op: str, bagian: str, utuh: str) -> str | Decimal | KolomLain:
    if b.startswith('"'):
        j, isi = 1, []
        while True:
            k = b.find('"', j)
            if b.startswith('""', k):
                isi.append(b[j:k + 1])
                j = k + 2
                continue
            isi.append(b[j:k])
            break
        sisa = b[k + 1:].strip()
        teks = "".join(isi)
        if sisa:
            raise SyaratError(
                _awal(bagian, utuh) + f'setelah teks berkutip "{teks}" '
                f'masih ada "{sisa}"; gabungkan syarat dengan " dan ", atau beberapa nilai dengan ";".')
        if not teks.strip():
            raise SyaratError(
                _awal(bagian, utuh) + f'teks berkutip kosong; '
                "untuk sel kosong tulis Kolom kosong.")
        return teks
    if b.startswith("["):
        if not b.endswith("]") or b.count("[") != 1:
            raise SyaratError(
                _awal(bagian, utuh) + f'setelah "{op}" kolom lain ditulis '
                "utuh dalam kurung siku, mis. [Nilai 2025].")
        nama = b[1:-1].strip()
        if not nama:
            raise SyaratError(_awal(bagian, utuh) + f'nama kolom di dalam [ ] kosong.')
        return KolomLain(nama)
    if any(c in b for c in '"[]'):
        raise SyaratError(
            _awal(bagian, utuh) + f'nilai "{b}" memuat tanda kutip atau '
            'kurung siku; tulis teks utuh dalam tanda kutip ganda, mis. "Pembinaan dan Pengawasan Desa".')
    if any(c in _OP_CHARS for c in b):
        raise SyaratError(
            _awal(bagian, utuh) + f'nilai "{b}" memuat operator lagi; '
            'gabungkan dua syarat dengan " dan ", atau tulis teksnya dalam tanda kutip ganda.')
    if _ANGKA.fullmatch(b):
        return Decimal(b.replace(",", "."))
    return b


def _baca_bagian(bagian: str, utuh: str, sebelumnya: Bagian | None) -> Bagian:
    t = bagian.strip()
    pos = _cari_operator(t)
    if pos is None:
        m = _TERISI.fullmatch(t)
        if m:
            kata = m.group(2).lower()
            return Terisi(_baca_kolom(m.group(1) or "", t, utuh, kata), kata == "kosong")
        saran = ""
        if isinstance(sebelumnya, Perbandingan) and not isinstance(sebelumnya.nilai, KolomLain) \
                and sebelumnya.op in ("=", "<>") and isinstance(sebelumnya.nilai[-1], str):
            saran = (f'; bila "{sebelumnya.nilai[-1]} dan {t}" satu teks, tulis dalam tanda kutip ganda: '
                     f'{_tulis_kolom(sebelumnya.kolom)} {sebelumnya.op} "{sebelumnya.nilai[-1]} dan {t}"')
        raise SyaratError(
            _awal(t, utuh) + f'tulis Kolom = nilai, Kolom <> nilai, '
            f"Kolom > angka (juga >=, <, <=), Kolom terisi atau Kolom kosong{saran}.")
    a, b = pos
    op = t[a:b]
    op = _ALIAS.get(op, op)
    if op not in OPERATOR:
        raise SyaratError(
            _awal(t, utuh) + f'operator "{t[a:b]}" tidak dikenal; '
            "pakai =, <>, >, >=, < atau <=.")
    kolom = _baca_kolom(t[:a], t, utuh, op)
    kanan = t[b:].strip()
    if not kanan:
        raise SyaratError(f'Syarat "{utuh}" tidak lengkap: setelah "{op}" harus ada nilai.')
    butir = [x.strip() for x in _potong(kanan, ";", utuh)]
    if any(not x for x in butir):
        raise SyaratError(
            _awal(t, utuh) + f'ada nilai kosong di sekitar tanda ";"; '
            "pisahkan nilai dengan satu ; di antara dua nilai.")
    nilai = [_baca_butir(x, op, t, utuh) for x in butir]
    if any(isinstance(v, KolomLain) for v in nilai):
        if len(nilai) > 1:
            raise SyaratError(
                _awal(t, utuh) + f'[Kolom Lain] tidak dapat digabung '
                'dengan nilai lain memakai ";".')
        return Perbandingan(kolom, op, nilai[0])
    if op not in ("=", "<>"):
        if len(nilai) > 1:
            raise SyaratError(
                _awal(t, utuh) + f'setelah "{op}" hanya boleh satu angka; '
                'beberapa nilai dengan ";" hanya untuk = dan <>.')
        if not isinstance(nilai[0], Decimal):
            raise SyaratError(
                _awal(t, utuh) + f'setelah "{op}" harus ada angka '
                f'(mis. 5 atau 7,5, tanpa pemisah ribuan) atau [Kolom Lain], bukan teks "{nilai[0]}".')
    return Perbandingan(kolom, op, tuple(nilai))


def baca_syarat(teks: str) -> Syarat:
    """Read a condition as an officer types it (KONTRAK §5); SyaratError with
    one Indonesian sentence otherwise.  Headers are kept as typed (bind them
    with `Syarat.pasang`)."""
    if not isinstance(teks, str) or not teks.strip():
        raise SyaratError('Syarat kosong: tulis syarat seperti Status = Tuntas.')
    utuh = teks.strip()
    # "dan" at either end is not split off (the pattern needs spaces on both
    # sides), and would otherwise be read as part of a header or a value.
    if re.match(r"dan\s", utuh, re.IGNORECASE):
        raise SyaratError(f'Syarat "{utuh}" tidak lengkap: sebelum "dan" harus ada syarat.')
    if re.search(r"\sdan$", utuh, re.IGNORECASE):
        raise SyaratError(f'Syarat "{utuh}" tidak lengkap: setelah "dan" harus ada syarat.')
    bagian_teks = _potong(utuh, _DAN, utuh)
    hasil: list[Bagian] = []
    for i, b in enumerate(bagian_teks):
        # "… dan dan …": the pattern takes the spaces, the second "dan" would
        # start a header.
        if not b.strip() or re.match(r"dan(?:\s|$)", b.strip(), re.IGNORECASE):
            letak = "sebelum" if i == 0 else "setelah"
            raise SyaratError(f'Syarat "{utuh}" tidak lengkap: {letak} "dan" harus ada syarat.')
        hasil.append(_baca_bagian(b, utuh, hasil[-1] if hasil else None))
    return Syarat(tuple(hasil))
