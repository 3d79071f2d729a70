"""The large tables go to their models as ArgsKwargs in field order (issue 14):
the rows, the findings and the cells they name equal the dict path's."""

from datetime import date

from pydantic_core import ArgsKwargs

from xl_iku import kontrak as K
from xl_iku import models as M
from xl_iku.dasar.raw import RawRow, RawTable, RowValues, address
from xl_iku.periode import TAHUNAN, Periode
from xl_iku.validasi import baris
from xl_iku.validasi import tabel as V
from xl_iku.validasi.sel import Pemeriksa


def _raw(nama, lembar, headers, lines):
    idx = {h: i for i, h in enumerate(headers)}
    cols = {h: i + 2 for i, h in enumerate(headers)}  # from column B, as the template
    return RawTable(nama, lembar, 4, cols, [RawRow(5 + n, RowValues(line, idx), cols) for n, line in enumerate(lines)])


SKM_HEADERS = [k.header for k in K.TABEL["tblSKM"].kolom]


def _skm_line(tgl, jl="KTP", usia=40.0, jawaban=(3.0,) * 9, saran=""):
    d = {"No": 1.0, "Tanggal": tgl, "Jenis Layanan": jl, "Jenis Kelamin": "L", "Usia": usia,
         "Pendidikan": "SMA", "Pekerjaan": "Petani", "Saran": saran}
    d.update(zip(K.UNSUR, jawaban))
    return [d.get(h, "") for h in SKM_HEADERS]


SKM_LINES = [
    _skm_line(date(2024, 2, 1)),
    _skm_line(date(2024, 2, 2), jl="Tidak Dikenal"),  # galat at Jenis Layanan
    _skm_line(date(2024, 2, 3), usia=200.0),  # galat at Usia (a field validator)
    _skm_line(date(2024, 2, 4), jawaban=("",) * 9),  # lewati: every answer blank
    _skm_line(date(2024, 2, 5), saran="Antre terlalu lama"),
    _skm_line(date(2024, 2, 6), usia=5.0, jl="Tidak Dikenal"),
]


def _jalankan(fungsi, raw, monkeypatch, posisi: bool):
    if not posisi:
        monkeypatch.setattr(V, "_isi_posisi", lambda *a, **k: None)
    p = Pemeriksa()
    t = V.bersihkan_tabel(raw, p, Periode(2024, TAHUNAN))
    rows = fungsi(t, p)
    monkeypatch.undo()
    return rows, [(x.tingkat, x.lembar, x.sel, x.pesan, x.kode, x.tabel) for x in p.temuan]


def test_skm_posisi_sama_dengan_dict(monkeypatch):
    raw = _raw("tblSKM", "SKM", SKM_HEADERS, SKM_LINES)
    fungsi = lambda t, p: V.skm(t, p, {"ktp"})  # noqa: E731
    a = _jalankan(fungsi, raw, monkeypatch, posisi=True)
    b = _jalankan(fungsi, raw, monkeypatch, posisi=False)
    assert a == b
    rows, temuan = a
    # KONTRAK §3: a galat in Jenis Layanan or Usia (read by no indicator) keeps the respondent, Usia blanked.
    assert [r.baris for r in rows] == [5, 6, 7, 9, 10]
    assert [r.usia for r in rows][2] is None and rows[1].jenis_layanan == "Tidak Dikenal"
    assert rows[3].saran == "Antre terlalu lama" and rows[0].jawaban == (3,) * 9
    t = V.bersihkan_tabel(raw, Pemeriksa(), Periode(2024, TAHUNAN))
    assert V._isi_posisi(M.BarisSKM, t, ("jawaban", lambda line: ())) is not None  # the path under test
    kolom = {h: i + 2 for i, h in enumerate(SKM_HEADERS)}
    sel = {(t[0], t[2]) for t in temuan}
    assert ("galat", address(6, kolom["Jenis Layanan"])) in sel
    assert ("galat", address(7, kolom["Usia"])) in sel
    assert ("peringatan", address(8, kolom["U1"])) in sel


LAYANAN_HEADERS = [k.header for k in K.TABEL["tblLayanan"].kolom]


def test_register_posisi_sama_dengan_dict(monkeypatch):
    lines = [
        ["R1", date(2024, 1, 2), "KTP", date(2024, 1, 3)],
        ["R2", date(2024, 1, 5), "KTP", date(2024, 1, 4)],  # settled before it came in
        ["R3", date(2024, 1, 5), "Lain", None],  # unknown Jenis Layanan
        ["R4", date(2024, 1, 8), "KTP", ""],
    ]
    raw = _raw("tblLayanan", "Layanan", LAYANAN_HEADERS, lines)
    fungsi = lambda t, p: V.register(t, p, "IKP-01", jenis={"ktp": 3})  # noqa: E731
    a = _jalankan(fungsi, raw, monkeypatch, posisi=True)
    b = _jalankan(fungsi, raw, monkeypatch, posisi=False)
    assert a == b
    assert [r.baris for r in a[0]] == [5, 8]
    t = V.bersihkan_tabel(raw, Pemeriksa(), Periode(2024, TAHUNAN))
    assert isinstance(V._isi_posisi(M.BarisRegister, t)(t.baris[0]), ArgsKwargs)  # the path under test
    assert [t[2] for t in a[1]] == ["E6", "D7"]  # Tanggal Selesai, Jenis Layanan


def test_galat_jenis_nilai_di_posisi_menunjuk_kolomnya():
    """A value the cell cleaning should have caught (here a text date) still
    names its own cell when the row came by position."""
    cols = {"Tanggal Masuk": 3, "Tanggal Selesai": 5, "Jenis Layanan": 4}
    raw = RawRow(9, {}, cols)
    p = Pemeriksa()
    rows = baris.validasi(M.BarisRegister, [(raw, ArgsKwargs(("Layanan", 9, cols, "bukan tanggal", None, "KTP")))],
                          "Layanan", p, {"tabel": "tblLayanan", "kode": "IKP-01"})
    assert rows == []
    assert [(t.sel, t.pesan) for t in p.temuan] == [("C9", "Kolom 'Tanggal Masuk' berisi nilai yang tidak dapat dipakai.")]
    assert baris.urutan(M.BarisRegister) == ("lembar", "baris", "kolom", "Tanggal Masuk", "Tanggal Selesai",
                                             "Jenis Layanan")
