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
