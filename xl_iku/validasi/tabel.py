"""Row-level reading of the input tables: clean cells, required cells, the
reporting-year filter, and each table's own cross-checks.  Produces the typed
models of `models.py`; every problem becomes a temuan at its exact cell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from math import isfinite
from itertools import compress, repeat
from operator import is_, is_not, itemgetter, lt, methodcaller

from pydantic_core import ArgsKwargs

from datetime import date

from dataclasses import dataclass, field

from .. import kontrak as K
from ..kontrak import Jenis
from .. import models as M
from ..dasar.raw import RawRow, RawTable, RowValues, address, kolom_nilai
from ..referensi import Referensi
from ..hasil import GALAT
from ..periode import Periode
from . import baris
from .sel import SALAH, Pemeriksa, bersihkan, galat_excel, kosong


def kode_utama(tabel: str) -> str | None:
    """The code a finding in `tabel` is filed under, in the built-in catalogue
    (the workbook's own: `Katalog.kode_utama`)."""
    from .katalog import BAWAAN

    return BAWAAN.katalog.kode_utama(tabel)


# Tests set this to send every row down the row-by-row paths that the
# column-wise ones (bersihkan_tabel, _skm_baris) stand in for on clean rows.
SATU_PER_SATU = False


@dataclass(slots=True)
class Bersih:
    """One non-blank row with cleaned values (SALAH for rejected cells)."""

    raw: RawRow
    nilai: "RowValues"  # header → cleaned value, over a list (no dict per row)
    salah: bool = False


@dataclass
class TabelBersih:
    nama: str
    lembar: str
    baris: list[Bersih] = field(default_factory=list)
    di_luar_tahun: int = 0


def _baris_kosong(row: RawRow) -> bool:
    # A pre-numbered empty row ("No" only) is still an empty row.
    return all(kosong(v) for h, v in row.values.items() if h != "No")


def _baris_berisi(raw: RawTable, headers: list[str]) -> tuple[list[RawRow], list[list]]:
    """The non-blank rows, and the raw values of `headers` down them (one list
    per header), column by column where the reader allows it."""
    semua = kolom_nilai(raw.rows)
    if semua is None or not all(h in semua for h in headers):
        rows = [r for r in raw.rows if not _baris_kosong(r)]
        return rows, [[r.values.get(h) for r in rows] for h in headers]
    # Blank rows: candidates narrowed column by column (most rows drop out at the first).
    calon = range(len(raw.rows))
    for h, col in semua.items():
        if h != "No" and calon:
            calon = [j for j in calon if (v := col[j]) is None or (isinstance(v, str) and not v.strip())]
    if not calon:
        return raw.rows, [semua[h] for h in headers]
    kosong_j = set(calon)
    isi = [j for j in range(len(raw.rows)) if j not in kosong_j]
    return [raw.rows[j] for j in isi], [[semua[h][j] for j in isi] for h in headers]


def _terhingga(ada) -> bool:
    """No NaN or infinity among the numbers `ada`."""
    try:
        return all(map(isfinite, ada))
    except OverflowError:  # an int beyond a float's range: finite all the same
        return all(v == v and v not in (float("inf"), float("-inf")) for v in ada)


def _cepat(vals: list, kol) -> list | None:
    """Clean a whole column at C speed when every value is already clean
    (the common case: tens of thousands of cells); None sends it cell by cell.

    Each distinct value is cleaned once and the column mapped through that
    table (`map(dict.get)`): 100,000 answers are 4 conversions, not 100,000.
    A blank (None) maps to None."""
    # Types over the whole column, not over the distinct values: in a set, True
    # and 1.0 are one value (True == 1), so a TRUE typed among 1s would hide.
    jenis = set(map(type, vals))
    jenis.discard(type(None))
    if bool in jenis:
        return None
    ada = set(vals)
    ada.discard(None)
    j = kol.jenis
    jadi: dict | None = None
    if j is Jenis.LIKERT:
        if jenis <= {int, float} and ada <= {1, 2, 3, 4}:
            jadi = {v: int(v) for v in ada}
    elif j is Jenis.BULAT or j is Jenis.ANGKA:
        if jenis <= {int, float} and _terhingga(ada):
            if j is Jenis.ANGKA:
                return vals
            # map over the distinct values (100,000 numbers in a "No" column): C speed.
            if all(map(float.is_integer, map(float, ada))) and (not ada or min(ada) >= 0):
                jadi = {v: int(v) for v in ada}
    elif j is Jenis.TEKS:
        # An error value in any case or with trailing spaces ("#n/a ") is a
        # galat cell by cell (sel.galat_excel), so never text here.
        if jenis <= {str} and not (any(map(methodcaller("startswith", "#"), ada))
                                   and any(v[:1] == "#" and galat_excel(v) for v in ada)):
            # Text already trimmed (str.strip gives the very object back) is
            # the column as it is: 200,000 register numbers checked at C speed.
            if "" not in ada and all(map(is_, map(str.strip, ada), ada)):
                return vals
            jadi = {v: v.strip() or None for v in ada}
    elif j is Jenis.TANGGAL:
        if jenis <= {date}:
            return vals
    elif j is Jenis.PILIHAN:
        if jenis <= {str} and ada <= set(kol.pilihan):
            return vals
    if jadi is None:
        return None
    if all(k is v for k, v in jadi.items()):
        return vals  # already clean (ints, trimmed text): the column as it is
    return list(map(jadi.get, vals))


def _kw_baris(spec, row: RawRow, katalog) -> dict:
    """A row that names its indicator: its galat blocks that code alone."""
    v = row.values.get(spec.kolom_kode)
    ind = katalog.cari(v) if katalog is not None and not kosong(v) else None
    # Rekap Manual rows may only name a rekap code; target rows any indicator.
    if ind is None or (spec.nama == "tblRekapManual" and ind.kode not in katalog.kode_rekap):
        return {"tabel": None, "kode": None, "blokir": ()}
    return {"tabel": None, "kode": ind.kode, "blokir": (ind.kode,)}


def bersihkan_tabel(raw: RawTable, p: Pemeriksa, periode: Periode | None, spec: K.Tabel | None = None,
                    katalog=None) -> TabelBersih:
    """`spec`: the table's columns as the catalogue extends them (default
    KONTRAK §2's); `katalog`: the workbook's, for the codes findings name."""
    spec = spec or K.TABEL[raw.name]
    out = TabelBersih(raw.name, raw.sheet)
    if katalog is None:
        from .katalog import BAWAAN

        katalog = BAWAAN.katalog
    kode = katalog.kode_utama(raw.name)
    kw_tabel = {"tabel": raw.name, "kode": kode}
    kolom_tgl = spec.kolom_tanggal
    kolom_ada = [k for k in spec.kolom if k.header in raw.columns]
    idx = {k.header: i for i, k in enumerate(kolom_ada)}
    rows, kolom_mentah = _baris_berisi(raw, [k.header for k in kolom_ada])

    # Column by column: clean, and remember each cell's problem by row index.
    kolom_bersih: list[list] = []
    masalah: list[tuple[int, object, dict[int, tuple[str, str]]]] = []
    baris_salah: set[int] = set()  # rows holding a rejected (SALAH) cell
    for i, kol in enumerate(kolom_ada):
        # Each raw column is let go once cleaned: on a 100,000-row table the
        # raw and the cleaned copies of every column never coexist.
        vals, kolom_mentah[i] = kolom_mentah[i], None
        cepat = _cepat(vals, kol)
        if cepat is None:  # only this path can give SALAH
            cepat, soal = [], {}
            for n, v in enumerate(vals):
                c, pesan, tingkat = bersihkan(v, kol)
                if pesan:
                    soal[n] = (pesan, tingkat)
                if c is SALAH:
                    baris_salah.add(n)
                cepat.append(c)
            if soal:
                masalah.append((i, kol, soal))
        kolom_bersih.append(cepat)
    i_tgl = idx.get(kolom_tgl) if kolom_tgl else None
    soal_tgl = next((s for i, _, s in masalah if i == i_tgl), {})
    soal_lain = [(i, kol, soal) for i, kol, soal in masalah if i != i_tgl]
    # Blank required cells are rare: indexed by row, so that a clean row is one
    # tuple from zip (C speed) and a membership test.
    wajib_kosong: dict[int, list[int]] = {}
    for i, k in enumerate(kolom_ada):
        if k.wajib:
            for n in [n for n, v in enumerate(kolom_bersih[i]) if v is None]:
                wajib_kosong.setdefault(n, []).append(i)
    baris_nilai = list(zip(*kolom_bersih)) if kolom_bersih else [()] * len(rows)
    tanggal = kolom_bersih[i_tgl] if i_tgl is not None else None
    del kolom_bersih  # the rows hold the values now
    # Whether a date falls in the period, judged once per distinct date.
    dalam = {d: periode is None or periode.memuat(d) for d in set(tanggal) - {None, SALAH}} if tanggal else {}

    def satu(n: int) -> None:
        """Row n, which has something to say (a finding, a blank date)."""
        row = rows[n]
        kw = _kw_baris(spec, row, katalog) if spec.kolom_kode else kw_tabel
        if i_tgl is not None:
            # The date decides whether the row counts at all; check it first.
            tgl = tanggal[n]
            if n in soal_tgl:
                pesan, tingkat = soal_tgl[n]
                (p.galat if tingkat == GALAT else p.peringatan)(raw.sheet, row.cell(kolom_tgl), pesan, **kw)
            if tgl is None:
                p.galat(raw.sheet, row.cell(kolom_tgl), f"Kolom '{kolom_tgl}' wajib diisi.", **kw)
                return
            if tgl is SALAH:
                return
            if not dalam[tgl]:
                out.di_luar_tahun += 1
                return
        nilai = baris_nilai[n]
        for i, kol, soal in soal_lain:
            if n in soal:
                pesan, tingkat = soal[n]
                kw_sel = {**kw, "blokir": ()} if raw.name == "tblSKM" and kol.header not in KOLOM_IKM else kw
                (p.galat if tingkat == GALAT else p.peringatan)(raw.sheet, row.cell(kol.header), pesan, **kw_sel)
        if n in wajib_kosong:
            nilai = list(nilai)
            for i in wajib_kosong[n]:
                header = kolom_ada[i].header
                p.galat(raw.sheet, row.cell(header), f"Kolom '{header}' wajib diisi.", **kw)
                nilai[i] = SALAH
            out.baris.append(Bersih(row, RowValues(nilai, idx), True))
            return
        out.baris.append(Bersih(row, RowValues(nilai, idx), n in baris_salah))

    # Rows with a finding (or no usable date) go through `satu`, in row
    # order; the runs between them — nearly every row of a large register —
    # are taken whole: no finding to file, only the period to test.
    khusus = set(soal_tgl).union(*(soal for _, _, soal in soal_lain), wajib_kosong)
    if SATU_PER_SATU:
        khusus = set(range(len(rows)))
    if i_tgl is not None and (None in tanggal or SALAH in tanggal):  # no usable date: said (or skipped) row by row
        khusus.update(n for n, d in enumerate(tanggal) if d is None or d is SALAH)
    a = 0
    for b in [*sorted(khusus), len(rows)]:
        # Appended one by one (no list of the run's rows or indices beside them).
        sebelum = len(out.baris)
        out.baris.extend(Bersih(rows[n], RowValues(baris_nilai[n], idx), n in baris_salah)
                         for n in range(a, b) if i_tgl is None or dalam[tanggal[n]])
        out.di_luar_tahun += (b - a) - (len(out.baris) - sebelum)
        if b < len(rows):
            satu(b)
        a = b + 1
    if out.di_luar_tahun:
        kol = raw.columns.get(kolom_tgl or "", 1)
        p.peringatan(
            raw.sheet,
            address(raw.header_row, kol),
            f"{out.di_luar_tahun} baris di lembar {raw.sheet} bertanggal di luar {periode.uraian} dan tidak dihitung.",
            tabel=None,
            kode=kode,
        )
    return out


def _isi(t: TabelBersih, b: Bersih) -> dict:
    """A row's cleaned values keyed by header (the models' aliases), with its place."""
    # bersihkan_tabel's RowValues: one list per row in header order (cleaned, never "").
    d = dict(zip(b.nilai._idx, b.nilai._line))
    d["lembar"], d["baris"], d["kolom"] = t.lembar, b.raw.row, b.raw.cols
    return d


def _lepas_tiap(rows: list) -> Iterator:
    """The items of `rows`, each let go from the list (None in its place) as
    it is taken."""
    for i, b in enumerate(rows):
        rows[i] = None
        yield b


def _rows(model, t: TabelBersih, p: Pemeriksa, kw, context=None, isi=None, lepas: bool = False) -> list:
    """Rows without a cell galat, through `model` (see validasi.baris);
    `lepas`: t.baris is let go row by row as the models are built (see skm)."""
    isi = isi or (lambda b: _isi(t, b))
    calon = ((b.raw, isi(b)) for b in (_lepas_tiap(t.baris) if lepas else t.baris) if not b.salah)
    return baris.validasi(model, calon, t.lembar, p, kw, context)


# --- per-table readers ----------------------------------------------------------


def _isi_posisi(model, t: TabelBersih, khusus: tuple[str, Callable] | None = None):
    """`isi` for the large tables: each row as `ArgsKwargs` in the model's
    field order (validasi.baris), its values taken from the cleaned line by
    position (itemgetter) — no dict per row.  `khusus` is a field computed
    from the line (SKM's `jawaban`).  None when a field's column is absent
    (the dict path then leaves it at its default)."""
    idx = t.baris[0].nilai._idx if t.baris else {}
    nama = baris.urutan(model)
    if nama[:3] != ("lembar", "baris", "kolom"):
        return None
    nama = nama[3:]
    j = nama.index(khusus[0]) if khusus else len(nama)
    depan, belakang = nama[:j], nama[j + 1:]
    if not all(h in idx for h in depan + belakang):
        return None

    def ambil(headers):
        if not headers:
            return lambda line: ()
        g = itemgetter(*(idx[h] for h in headers))
        return g if len(headers) > 1 else (lambda line: (g(line),))

    a, b_ = ambil(depan), ambil(belakang)
    lembar = t.lembar
    if khusus is None:
        return lambda b: ArgsKwargs((lembar, b.raw.row, b.raw.cols, *a(b.nilai._line)))
    f = khusus[1]

    def isi(b):
        line = b.nilai._line
        return ArgsKwargs((lembar, b.raw.row, b.raw.cols, *a(line), f(line), *b_(line)))
    return isi


# --- tblSKM: one rulebook for `hitung` and `impor-skm` ---------------------------
#
# The IKM reads U1–U9 and Tanggal; the other columns feed only the profile and
# per-layanan tables of Hasil SKM (KONTRAK §3).  A galat in one of those
# columns is a finding at its cell that blocks no indicator (blokir=()): the
# row stays a respondent of the IKM.  impor-skm judges the cells it writes
# with these same functions (temuan_sel_skm), so what it accepts without a
# word, hitung accepts too.

KOLOM_IKM = frozenset(("Tanggal", *K.UNSUR))
USIA_MIN, USIA_MAX = 10, 120


def profil_skm(usia, jenis_layanan, jenis_dikenal) -> list[tuple[str, str]]:
    """(header, pesan) for each galat among one respondent's profile cells
    (cleaned values; `jenis_dikenal`: casefolded names of tblJenisLayanan,
    empty when that table is empty, which then checks nothing)."""
    out = []
    if type(usia) is int and not USIA_MIN <= usia <= USIA_MAX:
        out.append(("Usia", f"Kolom 'Usia' berisi {usia}; usia responden harus antara {USIA_MIN} dan "
                            f"{USIA_MAX} tahun (jawaban responden ini tetap dihitung dalam IKM)."))
    if isinstance(jenis_layanan, str) and jenis_dikenal and jenis_layanan.casefold() not in jenis_dikenal:
        out.append(("Jenis Layanan", f"Kolom 'Jenis Layanan' berisi '{jenis_layanan}', yang tidak ada di tabel Jenis "
                                     "Layanan (lembar Referensi); samakan namanya atau tambahkan ke Referensi (jawaban "
                                     "responden ini tetap dihitung dalam IKM)."))
    return out


def tanpa_jawaban(jawaban) -> bool:
    """A row with none of U1–U9 answered is no respondent (a blank submission,
    a legend row): skipped with one peringatan per table or form."""
    return all(v is None for v in jawaban)


def pesan_tanpa_jawaban(nomor: list[int], tempat: str) -> str:
    """The one peringatan for all such rows (`tempat`: "lembar SKM baris", "baris")."""
    daftar = ", ".join(map(str, nomor[:12])) + (", …" if len(nomor) > 12 else "")
    return (f"{len(nomor)} baris tanpa satu pun jawaban U1–U9 (kiriman kosong atau baris keterangan) dilewati dan "
            f"tidak dihitung sebagai responden ({tempat} {daftar}).")


def temuan_sel_skm(nilai, jenis_dikenal) -> tuple[dict, list[tuple[str, str, str]]]:
    """What `hitung` will say about a tblSKM row whose cells hold `nilai`
    (header → value as written): (cleaned values, [(tingkat, header, pesan)])."""
    bersih, out = {}, []
    for kol in K.TABEL["tblSKM"].kolom:
        if kol.header == "No":
            continue
        c, pesan, tingkat = bersihkan(nilai.get(kol.header), kol)
        if pesan:
            out.append((tingkat, kol.header, pesan))
        elif c is None and kol.wajib:
            out.append((GALAT, kol.header, f"Kolom '{kol.header}' wajib diisi."))
        bersih[kol.header] = None if c is SALAH else c
    out.extend((GALAT, h, pesan) for h, pesan in profil_skm(bersih["Usia"], bersih["Jenis Layanan"], jenis_dikenal))
    return bersih, out


def skm(t: TabelBersih, p: Pemeriksa, jenis_dikenal: set[str], kode: str | None = None, *,
        lepas: bool = False) -> list[M.BarisSKM]:
    """`lepas` (a caller done with the cleaned rows once the models stand):
    each row of t.baris becomes None as its model is built, so 100,000
    cleaned rows and their models are never all held at once."""
    _skm_baris(t, p, jenis_dikenal, kode)
    idx = t.baris[0].nilai._idx if t.baris else {}
    isi = None
    if all(u in idx for u in K.UNSUR):
        # 100,000 respondents: the answers and the other cells are taken from
        # the row list by position (itemgetter, C speed), not header by header.
        isi = _isi_posisi(M.BarisSKM, t, ("jawaban", itemgetter(*(idx[u] for u in K.UNSUR))))
    if isi is None:
        def isi(b):
            d = _isi(t, b)
            d["jawaban"] = tuple(d.get(u) for u in K.UNSUR)
            return d

    # Jenis Layanan was judged by _skm_baris (profil_skm); the model checks it no more.
    return _rows(M.BarisSKM, t, p, {"tabel": t.nama, "kode": kode}, {"jenis_layanan": None}, isi, lepas)


def _skm_baris(t: TabelBersih, p: Pemeriksa, jenis_dikenal: set[str], kode: str | None = None) -> None:
    """Rows without answers out (one peringatan); profile galat recorded and
    blanked so the row still counts for the IKM (KONTRAK §3, by column)."""
    if not t.baris:
        return
    idx = t.baris[0].nilai._idx
    kw = {"tabel": t.nama, "kode": kode, "blokir": ()}
    i_u = [idx[u] for u in K.UNSUR if u in idx]
    i_ikm = [idx[h] for h in KOLOM_IKM if h in idx]
    i_usia, i_jl = idx.get("Usia"), idx.get("Jenis Layanan")
    baris_ = t.baris
    lines = [b.nilai._line for b in baris_]
    # Distinct values first: on 100,000 rows the profile checks run a few dozen times.
    salah_usia = {v for v in set(map(itemgetter(i_usia), lines)) if profil_skm(v, None, None)} \
        if i_usia is not None else set()
    salah_jl = {v for v in set(map(itemgetter(i_jl), lines)) if profil_skm(None, v, jenis_dikenal)} \
        if i_jl is not None else set()
    # The rows the loop below has anything to do with, found column by
    # column; every other row stays as it is.
    khusus = {j for j, b in enumerate(baris_) if b.salah}
    if i_u:
        tanpa = (None,) * len(i_u) if len(i_u) > 1 else None  # what itemgetter gives for a row without answers
        khusus.update(j for j, x in enumerate(map(itemgetter(*i_u), lines)) if x == tanpa)
    for i, salah in ((i_usia, salah_usia), (i_jl, salah_jl)):
        if i is not None and salah:
            khusus.update(j for j, v in enumerate(map(itemgetter(i), lines)) if v in salah)
    del lines
    if SATU_PER_SATU:
        khusus = set(range(len(baris_)))
    if not khusus:
        return  # every row stays as it is
    kosong_baris: list[Bersih] = []
    tetap: list[Bersih] = []

    def satu(b: Bersih) -> None:
        line = b.nilai._line
        if b.salah:
            if any(line[i] is SALAH for i in i_ikm):
                tetap.append(b)  # its IKM cell's galat stands; the row is not read
                return
            # Only profile cells failed (their galat is recorded): blank them, keep the respondent.
            b = Bersih(b.raw, RowValues([None if v is SALAH else v for v in line], idx), False)
            line = b.nilai._line
        if i_u and tanpa_jawaban(line[i] for i in i_u):
            kosong_baris.append(b)
            return
        u_salah = i_usia is not None and line[i_usia] in salah_usia
        jl_salah = i_jl is not None and line[i_jl] in salah_jl
        if u_salah or jl_salah:
            for header, pesan in profil_skm(line[i_usia] if u_salah else None,
                                            line[i_jl] if jl_salah else None, jenis_dikenal):
                p.galat(t.lembar, b.raw.cell(header), pesan, **kw)
            if u_salah:
                line = list(line)
                line[i_usia] = None
                b = Bersih(b.raw, RowValues(line, idx), False)
        tetap.append(b)

    a = 0
    for j in [*sorted(khusus), len(baris_)]:
        tetap.extend(baris_[a:j])
        if j < len(baris_):
            satu(baris_[j])
        a = j + 1
    if kosong_baris:
        pertama = kosong_baris[0].raw
        p.peringatan(t.lembar, pertama.cell(K.UNSUR[0]) if K.UNSUR[0] in pertama.cols else pertama.cell("Tanggal"),
                     pesan_tanpa_jawaban([b.raw.row for b in kosong_baris], f"lembar {t.lembar} baris"), kode=kode)
    t.baris[:] = tetap


def akip(t: TabelBersih, p: Pemeriksa, tahun: int, ref: Referensi, kode: str | None = None) -> M.BarisAKIP | None:
    kw = {"tabel": t.nama, "kode": kode}
    cocok = [b for b in t.baris if b.nilai.get("Tahun") == tahun]
    if len(cocok) > 1:
        # Every row of the year is flagged: which one is right is the user's call.
        for b in cocok:
            p.galat(t.lembar, b.raw.cell("Tahun"), f"Tahun {tahun} tercatat lebih dari sekali di tabel AKIP.", **kw)
        return None
    if not cocok or cocok[0].salah:
        return None
    rows = baris.validasi(M.BarisAKIP, [(cocok[0].raw, _isi(t, cocok[0]))], t.lembar, p, kw,
                          {"bobot_akip": ref.bobot_akip})
    return rows[0] if rows else None


def sop(t: TabelBersih, p: Pemeriksa, kode: str | None = None) -> list[M.BarisSOP]:
    return _rows(M.BarisSOP, t, p, {"tabel": t.nama, "kode": kode})


def kamtibmas(t: TabelBersih, p: Pemeriksa, kode: str | None = None) -> list[M.BarisKamtibmas]:
    return _rows(M.BarisKamtibmas, t, p, {"tabel": t.nama, "kode": kode})


def sarpras(t: TabelBersih, p: Pemeriksa, kode: str | None = None,
            kode_kebutuhan: str | None = None) -> list[M.BarisSarpras]:
    return _rows(M.BarisSarpras, t, p, {"tabel": t.nama, "kode": kode}, {"kode_kebutuhan": kode_kebutuhan})


def desa(t: TabelBersih, p: Pemeriksa, ref: Referensi, skema: str = K.SKEMA_IDM,
         kode: str | None = None) -> list[M.BarisDesa]:
    """Desa rows under `skema` (KONTRAK §3 IK-10; the checks live in M.BarisDesa).

    Under IDM a blank status is derived from Nilai IDM (by the rule) and a
    typed one must agree with it.  Under Indeks Desa the ministry publishes
    each desa's status: a typed status stands; only when Referensi holds
    thresholds for the scheme may a status be blank, and is a typed one
    checked against the score.
    """
    return _rows(M.BarisDesa, t, p, {"tabel": t.nama, "kode": kode},
                 {"skema_desa": skema, "batas_desa": ref.batas_desa(skema)})


def register(t: TabelBersih, p: Pemeriksa, kode: str, jenis: dict[str, int] | None = None) -> list[M.BarisRegister]:
    """tblLayanan (kode IKP-01, known Jenis Layanan) and tblPengaduan."""
    return _rows(M.BarisRegister, t, p, {"tabel": t.nama, "kode": kode},
                 {"jenis_layanan": set(jenis) if jenis is not None else None}, _isi_posisi(M.BarisRegister, t))


def periksa_register(t: TabelBersih, p: Pemeriksa, kode: str, jenis: dict[str, int] | None = None) -> None:
    """`register`'s findings, for a caller that keeps none of its rows (the
    rules read the cleaned rows).  A register whose columns show that no row
    can fail BarisRegister — the usual case, 200,000 clean requests — is not
    put through the model row by row; any doubt, and `register` judges it."""
    if not _register_lolos(t, jenis):
        register(t, p, kode, jenis)


_TANPA_SELESAI = {None: date.max}


def _register_lolos(t: TabelBersih, jenis: dict[str, int] | None) -> bool:
    """True only when `register` would find nothing: BarisRegister's checks
    (types, Tanggal Selesai not before Tanggal Masuk, a known Jenis Layanan)
    over whole columns at C speed, on the rows it would validate."""
    rows = [b for b in t.baris if not b.salah]
    if not rows:
        return True
    idx = rows[0].nilai._idx
    # A column the table lacks is the model's default, None (tblPengaduan has no Jenis Layanan).
    i_m, i_s, i_j = idx.get("Tanggal Masuk"), idx.get("Tanggal Selesai"), idx.get("Jenis Layanan")
    if i_m is None or not all(b.nilai._idx is idx for b in rows):
        return False
    lines = [b.nilai._line for b in rows]
    if min(map(len, lines)) <= max(i for i in (i_m, i_s, i_j) if i is not None):
        return False
    masuk, selesai, jl = ([] if i is None else list(map(itemgetter(i), lines)) for i in (i_m, i_s, i_j))
    # Exact types: what the model accepts as it is (a datetime would be converted or refused).
    if set(map(type, masuk)) != {date} or not set(map(type, selesai)) <= {date, type(None)} \
            or not set(map(type, jl)) <= {str, type(None)}:
        return False
    if any(map(lt, map(_TANPA_SELESAI.get, selesai, selesai), masuk)):
        return False
    if jenis is not None:
        dikenal = set(jenis)
        if any(v and v.casefold() not in dikenal for v in set(jl) - {None}):
            return False
    return True


def nilai_kolom(raw: RawTable, header: str) -> list | None:
    """`[r.values.get(header) for r in raw.rows]` (None: no such column)."""
    if header not in raw.columns:
        return None
    kolom = kolom_nilai(raw.rows, (header,))
    return kolom[header] if kolom is not None else [r.values.get(header) for r in raw.rows]


def _kunci_unik(v) -> str:
    return "" if v is None else " ".join(str(v).split()).casefold()


def duplikat(raw: RawTable, header: str, p: Pemeriksa, kode: str | None, blokir: tuple[str, ...] = ()) -> None:
    """Flag every repeat of a value that must be unique (e.g. No Register): a
    row counted twice, so it blocks every reader of the table (`blokir`)."""
    vals = nilai_kolom(raw, header)
    if vals is None:
        return
    rows = raw.rows
    # Each value's key (a blank cell, None or only spaces, has "": none).
    # With no two keys of one hash — the usual case, 200,000 distinct
    # numbers — no key is there twice and no row is looked at; only the
    # hashes are held meanwhile (this runs beside the survey's models).
    isi = list(compress(vals, map(is_not, vals, repeat(None))))
    hashes = set(map(hash, map(str.casefold, map(" ".join, map(str.split, map(str, isi))))))  # _kunci_unik
    kosong_n = sum(map(kosong, isi)) if hash("") in hashes else 0
    if len(hashes) == len(isi) - kosong_n + (1 if kosong_n else 0):
        return
    del hashes, isi
    keys = list(map(_kunci_unik, vals))
    seen: dict[str, int] = {}  # key → index of its first row
    dilapor: set[str] = set()
    for j, key in enumerate(keys):
        if not key:
            continue
        i = seen.setdefault(key, j)
        if i == j:
            continue
        v = vals[j]
        pertama = rows[i].cell(header)
        # Both places are flagged; the first only once however many repeats follow.
        if key not in dilapor:
            dilapor.add(key)
            p.galat(raw.sheet, pertama, f"{header} '{str(v).strip()}' dipakai lagi di baris lain; "
                    "nomor register harus unik.", tabel=raw.name, kode=kode, blokir=blokir or None)
        p.galat(raw.sheet, rows[j].cell(header),
                f"{header} '{str(v).strip()}' sudah dipakai di sel {pertama}; nomor register harus unik.",
                tabel=raw.name, kode=kode, blokir=blokir or None)


def ya_tidak(t: TabelBersih, header: str, p: Pemeriksa, kode: str | None = None) -> list[M.BarisYaTidak]:
    def isi(b):
        return {"lembar": t.lembar, "baris": b.raw.row, "kolom": b.raw.cols, "ya": b.nilai[header] == "Ya"}

    return _rows(M.BarisYaTidak, t, p, {"tabel": t.nama, "kode": kode}, isi=isi)


def kegiatan(t: TabelBersih, p: Pemeriksa, kode_kelompok: dict[str, str]) -> list[M.BarisKegiatan]:
    """`kode_kelompok`: Kelompok → the code a finding in such a row is filed under."""
    return _rows(M.BarisKegiatan, t, p, lambda d: {"tabel": t.nama, "kode": kode_kelompok.get(d.get("Kelompok"))},
                 {"kode_kelompok": kode_kelompok})


def rekap(t: TabelBersih, p: Pemeriksa, katalog) -> dict[str, M.BarisRekap]:
    """One row per kode of a percentage indicator; a galat blocks that kode only."""
    calon = []
    for b in t.baris:
        kode_raw = b.nilai.get("Kode")
        ind = katalog.cari(kode_raw) if kode_raw not in (None, SALAH) else None
        kode = ind.kode if ind is not None else ((kode_raw or "").strip().upper() if kode_raw is not SALAH else None)
        if kode not in katalog.kode_rekap:
            if kode is not None:
                p.galat(t.lembar, b.raw.cell("Kode"),
                        f"Kode '{kode_raw}' bukan indikator persentase yang boleh diisi lewat Rekap Manual.",
                        tabel=None, kode=None)
            continue
        if b.salah:
            continue  # its cell galat already blocks this code (kontrak kolom_kode)
        d = _isi(t, b)
        d["Kode"] = kode
        calon.append((b.raw, d))

    def kw(d):
        return {"tabel": None, "kode": d["Kode"], "blokir": (d["Kode"],)}

    rows = baris.validasi(M.BarisRekap, calon, t.lembar, p, kw)
    out: dict[str, M.BarisRekap | None] = {}
    for r in rows:
        kw_r = {"tabel": None, "kode": r.kode, "blokir": (r.kode,)}
        if r.kode in out:
            pertama = out[r.kode]
            if pertama is not None:
                p.galat(t.lembar, pertama.alamat("Kode"), f"Kode {r.kode} muncul lebih dari sekali di Rekap Manual.", **kw_r)
            p.galat(t.lembar, r.alamat("Kode"), f"Kode {r.kode} muncul lebih dari sekali di Rekap Manual.", **kw_r)
            out[r.kode] = None
            continue
        out[r.kode] = r
    return {k: v for k, v in out.items() if v is not None}
