"""The column-wise fast paths of reading and validation say exactly what the
row-by-row paths they stand in for say, on hand-made tables mixing clean
rows with every kind of row those paths single out."""

from datetime import date, datetime

import pytest

from xl_iku import kontrak as K
from xl_iku.dasar.raw import RawRow, RawTable, RowValues
from xl_iku.io.file_reader import _Grid, _GridSaring
from xl_iku.io.sel_berkas import InfoSel
from xl_iku.periode import TAHUNAN, Periode
from xl_iku.validasi import tabel as V
from xl_iku.validasi.sel import Pemeriksa


def _raw(nama, lembar, headers, lines):
    idx = {h: i for i, h in enumerate(headers)}
    cols = {h: i + 2 for i, h in enumerate(headers)}
    return RawTable(nama, lembar, 4, cols, [RawRow(5 + n, RowValues(line, idx), cols) for n, line in enumerate(lines)])


def _temuan(p):
    return [(x.tingkat, x.lembar, x.sel, x.pesan, x.kode, x.tabel, x.blokir) for x in p.temuan]


def _bersih(t):
    return [(b.raw.row, tuple(b.nilai._line), b.salah) for b in t.baris], t.di_luar_tahun


# --- _Grid.terisi ---------------------------------------------------------------


def _terisi_lambat(g, a, b, kolom):
    """The definition: a row holds a value when `get` gives one in a column."""
    return [r for r in g._baris(a, b) if any(g.get(r, c) is not None for c in kolom)]


def _grid(data, r0=2, c0=1, info=None):
    g = _Grid.__new__(_Grid)
    g.r0, g.c0, g.data, g.merges = r0, c0, data, []
    g._isi(info)
    return g


DATA = [
    ["", "", ""],
    ["x", "", ""],
    ["", 0, ""],
    ["", "", None],
    [],  # a short line
    ["", ""],
    ["", "", False],
    ["", "", ""],
    [" ", "", ""],
]


@pytest.mark.parametrize("kolom", [[2], [3], [4], [2, 3, 4], [4, 2], [1, 5], [], [3, 3]])
@pytest.mark.parametrize("a,b", [(1, 100), (4, 9), (6, 6), (12, 14), (20, 30), (9, 4)])
def test_terisi_sama_dengan_get(kolom, a, b):
    g = _grid([list(x) for x in DATA], info=InfoSel(galat={(7, 3): "#N/A"}))
    assert g.terisi(a, b, kolom) == _terisi_lambat(g, a, b, kolom)


def test_terisi_saringan_sama_dengan_get():
    g = _GridSaring.__new__(_GridSaring)
    g.r0 = g.c0 = 0
    g.data = [["a", ""], ["", ""], ["", 5]]
    g.merges = []
    g._rows = [10, 500, 90_000]
    g._ib = {r: i for i, r in enumerate(g._rows)}
    g._ik = {3: 0, 70: 1}
    g._isi(None)
    for kolom in ([3], [70], [3, 70], [4], []):
        for a, b in ((1, 10**6), (11, 90_000), (500, 500)):
            assert g.terisi(a, b, kolom) == _terisi_lambat(g, a, b, kolom)


# --- bersihkan_tabel and _skm_baris: runs of clean rows taken whole ------------------

LAYANAN = [k.header for k in K.TABEL["tblLayanan"].kolom]
SKM = [k.header for k in K.TABEL["tblSKM"].kolom]


def _layanan():
    d = date(2024, 3, 1)
    lines = [
        ["R1", d, "KTP", date(2024, 3, 2)],
        ["R2", d, "KTP", None],
        ["R3", date(2023, 12, 31), "KTP", d],  # outside the period
        ["", "", "", ""],  # blank row
        ["R4", None, "KTP", d],  # no date
        ["R5", "kemarin", "KTP", d],  # a bad date
        ["R6", d, "KTP", "besok"],  # a bad other cell
        ["R7", d, None, d],  # a blank required cell
        ["R8", datetime(2024, 3, 4, 10, 0), "KK", d],
        ["R9", d, True, d],
        ["R10", d, "KTP", date(2025, 1, 1)],
        ["R11", date(2025, 1, 2), "KTP", None],  # outside the period
        ["R12", d, "KTP", date(2024, 2, 1)],  # settled before it came in
    ]
    return _raw("tblLayanan", "Layanan", LAYANAN, lines)


def _skm_line(tgl, jl="KTP", usia=40.0, jawaban=(3.0,) * 9):
    d = {"No": 1.0, "Tanggal": tgl, "Jenis Layanan": jl, "Jenis Kelamin": "L", "Usia": usia,
         "Pendidikan": "SMA", "Pekerjaan": "Petani", "Saran": ""}
    d.update(zip(K.UNSUR, jawaban))
    return [d.get(h, "") for h in SKM]


def _skm():
    d = date(2024, 2, 1)
    lines = [
        _skm_line(d), _skm_line(d),
        _skm_line(d, jl="Tidak Dikenal"),
        _skm_line(d, usia=200.0),
        _skm_line(d, jawaban=("",) * 9),
        _skm_line(d, jawaban=("",) * 8 + (2.0,)),
        _skm_line(d, usia="tua"),  # a profile cell rejected: the respondent stays
        _skm_line(d, jawaban=(3.0, "tiga") + (3.0,) * 7),  # an IKM cell rejected
        _skm_line(date(2023, 1, 1)),
        _skm_line(d, usia=5.0, jl="Tidak Dikenal"),
        _skm_line(d), _skm_line(d, jawaban=("",) * 9),
        _skm_line(None),
    ]
    return _raw("tblSKM", "SKM", SKM, lines)


def _dua_jalan(monkeypatch, f):
    out = []
    for satu in (False, True):
        monkeypatch.setattr(V, "SATU_PER_SATU", satu)
        p = Pemeriksa()
        out.append((f(p), _temuan(p)))
    return out


def test_bersihkan_tabel_sama_dengan_baris_per_baris(monkeypatch):
    raw = _layanan()
    cepat, lambat = _dua_jalan(monkeypatch, lambda p: _bersih(V.bersihkan_tabel(raw, p, Periode(2024, TAHUNAN))))
    assert cepat == lambat
    assert cepat[0][1] == 2 and cepat[1]  # the case holds rows outside the period and findings


def test_skm_sama_dengan_baris_per_baris(monkeypatch):
    raw = _skm()

    def f(p):
        t = V.bersihkan_tabel(raw, p, Periode(2024, TAHUNAN))
        rows = V.skm(t, p, {"ktp"}, "IK-01")
        return _bersih(t), rows

    cepat, lambat = _dua_jalan(monkeypatch, f)
    assert cepat == lambat
    assert len(cepat[1]) >= 5


# --- periksa_register: no row put through the model when none can fail --------------


def _register_dua_jalan(raw, jenis):
    out = []
    for f in (V.periksa_register, V.register):
        p = Pemeriksa()
        t = V.bersihkan_tabel(raw, p, Periode(2024, TAHUNAN))
        f(t, p, "IKP-01", jenis)
        out.append(_temuan(p))
    return out


@pytest.mark.parametrize("jenis", [None, {"ktp": 3}, {"ktp": 3, "kk": 5}])
def test_periksa_register_sama_dengan_model(jenis):
    d = date(2024, 3, 1)
    bersih = [["R1", d, "KTP", d], ["R2", d, "KK", None], ["R3", d, None, date(2024, 4, 1)]]
    kasus = [
        bersih,
        bersih + [["R4", d, "KTP", date(2024, 2, 1)]],  # settled before it came in
        bersih + [["R4", d, "Lain", None]],  # unknown Jenis Layanan
        bersih + [["R4", datetime(2024, 3, 1, 9, 0), "KTP", d]],
        bersih + [["R4", d, "KTP", datetime(2024, 3, 1, 9, 0)]],
        bersih + [["R4", d, "KTP", "besok"]],
        [],
    ]
    for lines in kasus:
        cepat, lambat = _register_dua_jalan(_raw("tblLayanan", "Layanan", LAYANAN, lines), jenis)
        assert cepat == lambat


def test_periksa_register_tanpa_kolom():
    """A register without a Jenis Layanan column (tblPengaduan) or a Tanggal
    Selesai column: the model's default for it, on both paths."""
    d = date(2024, 3, 1)
    for buang, lines, lolos in (
        ("Jenis Layanan", [["R1", d, d], ["R2", d, date(2024, 1, 1)]], False),
        ("Jenis Layanan", [["R1", d, d], ["R2", d, None]], True),
        ("Tanggal Selesai", [["R1", d, "KTP"], ["R2", d, "Lain"]], False),
        ("Tanggal Selesai", [["R1", d, "KTP"], ["R2", d, "KK"]], True),
    ):
        headers = [h for h in LAYANAN if h != buang]
        raw = _raw("tblLayanan", "Layanan", headers, lines)
        cepat, lambat = _register_dua_jalan(raw, {"ktp": 3, "kk": 1})
        assert cepat == lambat and bool(cepat) is not lolos
        t = V.bersihkan_tabel(raw, Pemeriksa(), Periode(2024, TAHUNAN))
        assert V._register_lolos(t, {"ktp": 3, "kk": 1}) is lolos


def test_register_lolos_hanya_bila_model_diam():
    d = date(2024, 3, 1)
    p = Pemeriksa()
    t = V.bersihkan_tabel(_raw("tblLayanan", "Layanan", LAYANAN, [["R1", d, "KTP", d]] * 3), p, Periode(2024, TAHUNAN))
    assert V._register_lolos(t, {"ktp": 1})
    assert not V._register_lolos(t, {"kk": 1})


# --- duplikat: no key twice, nothing to read row by row -------------------------------


def _duplikat_lambat(raw, header, p, kode):
    """The row-by-row definition (what duplikat said before its column-wise keys)."""
    from xl_iku.validasi.sel import kosong

    seen, dilapor = {}, set()
    for row in raw.rows:
        v = row.values.get(header)
        if kosong(v):
            continue
        key = " ".join(str(v).split()).casefold()
        if key in seen:
            if key not in dilapor:
                dilapor.add(key)
                p.galat(raw.sheet, seen[key], f"{header} '{str(v).strip()}' dipakai lagi di baris lain; "
                        "nomor register harus unik.", tabel=raw.name, kode=kode, blokir=None)
            p.galat(raw.sheet, row.cell(header),
                    f"{header} '{str(v).strip()}' sudah dipakai di sel {seen[key]}; nomor register harus unik.",
                    tabel=raw.name, kode=kode, blokir=None)
        else:
            seen[key] = row.cell(header)


@pytest.mark.parametrize("nomor", [
    ["A1", "A2", "A3"],
    ["A1", "", "  ", None, "A2"],
    ["A1", " a1 ", "A 2", "a  2", "A1", 3.0, "3.0", True, "true", None, "none", "None"],
    [1.0, 1, True, "1"],
])
def test_duplikat_sama_dengan_baris_per_baris(nomor):
    d = date(2024, 3, 1)
    raw = _raw("tblLayanan", "Layanan", LAYANAN, [[n, d, "KTP", d] for n in nomor])
    a, b = Pemeriksa(), Pemeriksa()
    V.duplikat(raw, "No Register", a, "IKP-01")
    _duplikat_lambat(raw, "No Register", b, "IKP-01")
    assert _temuan(a) == _temuan(b)


# --- sel_berkas._pola_luar: the box test pindai runs at every cell ---------------------


@pytest.mark.parametrize("w,h", [(1, 1), (3, 9), (17, 10), (17, 99), (26, 100), (27, 131_072), (64, 1_000_000),
                                 (703, 1_048_576), (16_384, 209_715)])
def test_pola_luar_sama_dengan_perbandingan_angka(w, h):
    from xl_iku.dasar.raw import col_letter
    from xl_iku.io.sel_berkas import _pola_luar

    pola = _pola_luar(w, h)
    kolom = sorted({1, 2, w - 1, w, w + 1, 26, 27, 702, 703, 16_384} - {0})
    baris = sorted({1, 9, 10, 11, h - 1, h, h + 1, 10 * h, h // 10 + 1} - {0})
    for c in kolom:
        for r in baris:
            for teks in (str(r), "0" + str(r), "00" + str(r)):
                luar = pola.match(f'<c r="{col_letter(c)}{teks}"'.encode()) is not None
                assert luar == (c > w or r > h), (c, teks)


def test_skm_lepas_sama():
    """Letting the cleaned rows go while the models are built changes nothing else."""
    out = []
    for lepas in (False, True):
        p = Pemeriksa()
        t = V.bersihkan_tabel(_skm(), p, Periode(2024, TAHUNAN))
        rows = V.skm(t, p, {"ktp"}, "IK-01", lepas=lepas)
        out.append((rows, _temuan(p), len(t.baris)))
        if lepas:
            assert all(b is None for b in t.baris)
    assert out[0] == out[1]


def test_lines_at_sama_dengan_line():
    g = _grid([list(x) for x in DATA])
    rows = [1, 2, 3, 5, 7, 11, 12, 50]
    assert g.lines_at(rows) == [g.line(r) for r in rows]
    s = _GridSaring.__new__(_GridSaring)
    s.r0 = s.c0 = 0
    s.data = [["a"], ["b"]]
    s._rows, s._ib, s._ik = [4, 9], {4: 0, 9: 1}, {1: 0}
    assert s.lines_at([1, 4, 9, 10]) == [s.line(r) for r in (1, 4, 9, 10)]
