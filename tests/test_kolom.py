"""Column-wise reading of a table (issue 14) gives exactly what row-by-row reading gives."""

from datetime import date

from xl_iku.dasar.raw import RawRow, RawTable, RowValues, kolom_nilai
from xl_iku.validasi import tabel as V


def _tabel(lines, headers=("No", "Tanggal", "Nama", "Nilai")):
    idx = {h: i for i, h in enumerate(headers)}
    cols = {h: i + 1 for i, h in enumerate(headers)}
    return RawTable("tblX", "X", 4, cols, [RawRow(5 + n, RowValues(line, idx), cols) for n, line in enumerate(lines)])


LINES = [
    [1, date(2024, 1, 2), "Ani", 3],
    [2, "", "   ", ""],  # blank but numbered: still a blank row
    [3, None, "Budi"],  # a short line (the reader cut trailing blanks)
    ["", "", "", ""],
    [5, date(2024, 5, 6), "", 0],
    [6],
]


def test_kolom_nilai_sama_dengan_get_per_baris():
    t = _tabel(LINES)
    kol = kolom_nilai(t.rows)
    assert kol == {h: [r.values.get(h) for r in t.rows] for h in t.columns}
    assert kol["Nilai"] == [3, None, None, None, 0, None]


def test_baris_kosong_dibuang_seperti_per_baris():
    t = _tabel(LINES)
    headers = ["Tanggal", "Nama", "Nilai"]
    rows, kolom = V._baris_berisi(t, headers)
    harapan = [r for r in t.rows if not V._baris_kosong(r)]
    assert [r.row for r in rows] == [r.row for r in harapan] == [5, 7, 9]
    assert kolom == [[r.values.get(h) for r in harapan] for h in headers]


def test_baris_dict_lewat_jalur_per_baris():
    cols = {"No": 1, "Nama": 2}
    t = RawTable("tblX", "X", 4, cols, [RawRow(5, {"No": 1, "Nama": "A"}, cols), RawRow(6, {"No": 2, "Nama": " "}, cols)])
    assert kolom_nilai(t.rows) is None
    rows, kolom = V._baris_berisi(t, ["Nama"])
    assert [r.row for r in rows] == [5] and kolom == [["A"]]


# --- a whole column cleaned at once (`_cepat`) equals cell-by-cell `bersihkan` --

from datetime import datetime

from hypothesis import given, settings, strategies as st

from xl_iku.kontrak import Jenis, Kolom
from xl_iku.validasi.sel import bersihkan

_NILAI = st.one_of(
    st.none(), st.just(""), st.booleans(),
    st.integers(-3, 130), st.sampled_from([1.0, 2.0, 3.0, 4.0, 4.5, -1.0, 0.0, 1e300]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["Ya", "Tidak", "L", "P", " L", "Ani ", "  ", "#N/A", " #n/a", "#n/a", "#N/A ", "#DIV/0!", "#x"]),
    st.text(max_size=6),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
    st.just(datetime(2024, 3, 4, 5, 6)),
)
_KOLOM = [Kolom("U1", Jenis.LIKERT), Kolom("Usia", Jenis.BULAT), Kolom("Nilai", Jenis.ANGKA),
          Kolom("Nama", Jenis.TEKS), Kolom("Tanggal", Jenis.TANGGAL),
          Kolom("JK", Jenis.PILIHAN, ("L", "P"))]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_KOLOM), st.lists(_NILAI, max_size=12), st.data())
def test_kolom_cepat_sama_dengan_sel_demi_sel(kol, vals, data):
    # Mostly-clean columns too, where the fast path is taken.
    if data.draw(st.booleans()):
        bersih = {Jenis.LIKERT: [1.0, 4.0, None, 2], Jenis.BULAT: [0, 7.0, 61, None],
                  Jenis.ANGKA: [0.5, 3, None], Jenis.TEKS: ["Ani", " Budi ", "  ", None],
                  Jenis.TANGGAL: [date(2024, 1, 2), None], Jenis.PILIHAN: ["L", "P", None]}[kol.jenis]
        vals = data.draw(st.lists(st.sampled_from(bersih), max_size=12))
    cepat = V._cepat(list(vals), kol)
    if cepat is None:
        return  # cell by cell: bersihkan itself
    satu_satu = [bersihkan(v, kol) for v in vals]
    assert all(pesan is None for _, pesan, _ in satu_satu), "the fast path took a cell that has a finding"
    assert list(cepat) == [c for c, _, _ in satu_satu]
    assert [type(x) for x in cepat] == [type(c) for c, _, _ in satu_satu]


def test_kolom_cepat_likert_dan_teks():
    assert V._cepat([3.0, None, 1.0], Kolom("U1", Jenis.LIKERT)) == [3, None, 1]
    assert V._cepat([" Ani ", "  ", None], Kolom("Nama", Jenis.TEKS)) == ["Ani", None, None]
    # An error value is never taken as text, whatever its case or trailing spaces
    # (bersihkan makes it a galat); text that only contains '#' later is text.
    for galat in ("#n/a", "#N/A ", "#DIV/0!"):
        assert V._cepat(["Ani", galat], Kolom("Nama", Jenis.TEKS)) is None
    assert V._cepat(["Ani", " #n/a"], Kolom("Nama", Jenis.TEKS)) == ["Ani", "#n/a"]


def test_kolom_cepat_tidak_menelan_true_di_antara_angka():
    # {1.0, True} is one set element (True == 1): the types are checked over the
    # column, so a TRUE among 1s (xlwings hands Excel's TRUE over as bool) goes
    # cell by cell and becomes a galat, never an answer of 1.
    assert V._cepat([1.0, True, 3.0], Kolom("U1", Jenis.LIKERT)) is None
    assert V._cepat([0, False, 2], Kolom("Usia", Jenis.BULAT)) is None
    assert bersihkan(True, Kolom("U1", Jenis.LIKERT))[1] is not None


# --- the table's row loop: which rows count, and which carry a rejected cell --

from xl_iku import kontrak as K
from xl_iku.periode import TAHUNAN, Periode
from xl_iku.validasi.sel import SALAH, Pemeriksa

_SEL_LAYANAN = {
    "No Register": st.sampled_from(["R1", "  ", "", None, "#N/A", 7.0]),
    "Tanggal Masuk": st.sampled_from([date(2024, 3, 1), date(2023, 12, 31), date(2025, 1, 1), "", None,
                                      "kemarin", 45000.0, datetime(2024, 5, 6, 7, 8), True]),
    "Jenis Layanan": st.sampled_from(["KTP", " KK ", "", None, "#DIV/0!"]),
    "Tanggal Selesai": st.sampled_from([date(2024, 3, 4), None, "", "x", 3.5]),
}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.fixed_dictionaries(_SEL_LAYANAN), min_size=1, max_size=15))
def test_baris_tabel_sama_dengan_aturan_per_baris(baris):
    """Rows kept and their `salah` flag equal the rules stated row by row: a
    row counts when its date cleans to a date inside the period; it is
    `salah` when any cleaned cell is rejected or a required cell is blank."""
    headers = [k.header for k in K.TABEL["tblLayanan"].kolom]
    kolom = {k.header: k for k in K.TABEL["tblLayanan"].kolom}
    t = _tabel([[b[h] for h in headers] for b in baris], headers=tuple(headers))
    t = RawTable("tblLayanan", "Layanan", t.header_row, t.columns, t.rows)
    periode = Periode(2024, TAHUNAN)
    hasil = V.bersihkan_tabel(t, Pemeriksa(), periode)

    harapan = []
    for r in t.rows:
        if V._baris_kosong(r):
            continue
        bersih = {h: bersihkan(r.values.get(h), kolom[h])[0] for h in headers}
        tgl = bersih["Tanggal Masuk"]
        if tgl is None or tgl is SALAH or not periode.memuat(tgl):
            continue
        salah = any(v is SALAH for v in bersih.values()) or any(
            kolom[h].wajib and bersih[h] is None for h in headers)
        harapan.append((r.row, salah))
    assert [(b.raw.row, b.salah) for b in hasil.baris] == harapan


def test_nilai_logika_di_kolom_angka_disebut_namanya():
    # Excel on an Indonesian PC shows TRUE as BENAR: the message names both.
    c, pesan, tingkat = bersihkan(True, Kolom("U1", Jenis.LIKERT))
    assert c is SALAH and tingkat == "galat"
    assert pesan == "Kolom 'U1' berisi nilai logika BENAR (TRUE), bukan angka; isikan angka."
    assert "SALAH (FALSE)" in bersihkan(False, Kolom("Usia", Jenis.BULAT))[1]
