"""KONTRAK §2 "What counts as a table's rows" and §3 "Cells", on the
hand-computed year of tests/kasus.py (numbers worked out in test_hitung.py),
edited the way offices edit: each case is built with openpyxl AND re-saved by
LibreOffice (real error cells, total rows, merges and formats as LibreOffice
writes them), and read through the file adapter and through xlwings' remote
engine (the Excel path of xlwings Lite / Server)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from tests import kasus, lo
from tests import xlwings_remote as xr  # sets XLWINGS_LICENSE_KEY before xlwings is imported
from tests.isi import isi, tabel_di

from xl_iku import engine
from xl_iku.excel import reader as R
from xl_iku.io import file_reader

IKM_29 = 955 / 29 / 9 * 25  # test_hitung: (105+101+…+115)/29 × 1/9 × 25 = 91,4751


# ---------------------------------------------------------------- edits


_tabel = tabel_di


def _total(wb, name, nilai: dict):
    """Switch on the table's Total Row and fill it (literal values, so the
    openpyxl file needs no calculation)."""
    ws, t, (c1, r1, c2, r2), cols = _tabel(wb, name)
    for h, v in nilai.items():
        ws.cell(r2 + 1, cols[h]).value = v
    t.ref = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2 + 1}"
    t.totalsRowCount = 1
    first = next(iter(nilai))
    for col in t.tableColumns:
        if col.name == first:
            col.totalsRowLabel = str(nilai[first])
    if t.autoFilter is not None:
        t.autoFilter.ref = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"


def _sel(wb, name, baris: int, header: str):
    """The cell of `header` in the table's data row `baris` (0-based)."""
    ws, _, (_, r1, _, _), cols = _tabel(wb, name)
    return ws.cell(r1 + 1 + baris, cols[header])


def _galat(cell, kode):
    cell.value = kode
    cell.data_type = "e"


def v_total(wb):
    _total(wb, "tblSOP", {"Nama Layanan": "Jumlah", "Jumlah Persyaratan": 17, "Persyaratan Sesuai": 14})
    _total(wb, "tblSarpras", {"Nama Sarpras": "Jumlah", "Kebutuhan": 15, "Tersedia": 13, "Kondisi Baik": 11,
                              "Dipelihara": 11})
    _total(wb, "tblSKM", {"No": "Jumlah", "U1": 105, "U2": 101})
    _total(wb, "tblKamtibmas", {"No": "Jumlah", "Status": "Tuntas"})


def v_galat(wb):
    _galat(_sel(wb, "tblSKM", 0, "U3"), "#N/A")  # typed
    _sel(wb, "tblSKM", 1, "U4").value = "=1/0"  # a formula (LibreOffice stores #DIV/0!)
    c = _sel(wb, "tblSKM", 2, "U5")  # pasted as text
    c.value, c.data_type = "#REF!", "s"
    _galat(_sel(wb, "tblKegiatan", 0, "Target"), "#VALUE!")
    ws, _, (_, r1, _, _), cols = _tabel(wb, "tblTarget")
    for r in range(r1 + 1, r1 + 30):
        if ws.cell(r, cols["Kode"]).value == "IK-08":
            _galat(ws.cell(r, cols["2024"]), "#N/A")


def v_gabung(wb):
    ws, _, (_, r1, _, _), cols = _tabel(wb, "tblSKM")
    ws.merge_cells(start_row=r1 + 1, end_row=r1 + 2, start_column=cols["U1"], end_column=cols["U1"])
    ws, _, (_, r1, _, _), cols = _tabel(wb, "tblKamtibmas")
    ws.merge_cells(start_row=r1 + 3, end_row=r1 + 4, start_column=cols["Status"], end_column=cols["Status"])


def v_bawah(wb):
    ws, _, (c1, r1, c2, r2), cols = _tabel(wb, "tblSOP")
    for h, v in {"No": 4, "Nama Layanan": "Surat Keterangan Domisili", "Jumlah Persyaratan": 2,
                 "Persyaratan Sesuai": 1}.items():
        ws.cell(r2 + 1, cols[h]).value = v  # directly below: a row of the table
    ws, _, (c1, r1, c2, r2), cols = _tabel(wb, "tblKegiatan")
    for h, v in {"No": 4, "Kelompok": "Monev APBDes", "Kegiatan": "Rapat", "Target": 10, "Realisasi": 0}.items():
        ws.cell(r2 + 2, cols[h]).value = v  # after one blank row: not read, a peringatan


def v_persen(wb):
    ws, _, (_, r1, _, _), cols = _tabel(wb, "tblTarget")
    for r in range(r1 + 1, r1 + 30):
        kode = ws.cell(r, cols["Kode"]).value
        if kode == "IK-07":
            c = ws.cell(r, cols["2024"])
            c.value, c.number_format = 0.9, "0%"
        if kode == "IKU-01":
            c = ws.cell(r, cols["2023"])
            c.value, c.number_format = 0.82, "0.00%"
    c = _sel(wb, "tblRiwayat", 0, "Realisasi")
    c.value, c.number_format = 0.845, "0.0%"
    c = _sel(wb, "tblKegiatan", 2, "Target")
    c.value, c.number_format = 0.05, "0%"


def v_tanggal(wb):
    c = _sel(wb, "tblKamtibmas", 0, "Tanggal")
    c.value, c.number_format = 45323, "General"  # 1 Februari 2024
    c = _sel(wb, "tblLayanan", 0, "Tanggal Selesai")
    c.value, c.number_format = 45401, "General"  # 19 April 2024


def v_logika(wb):
    # TRUE typed under a 1 (LibreOffice stores it as =TRUE() with the number 1),
    # FALSE typed in Usia (stored as =FALSE() with 0).
    _sel(wb, "tblSKM", 0, "U1").value = 1
    _sel(wb, "tblSKM", 1, "U1").value = True
    _sel(wb, "tblSKM", 2, "Usia").value = False


VARIAN = {"logika": v_logika, "total": v_total, "galat": v_galat, "gabung": v_gabung, "bawah": v_bawah, "persen": v_persen,
          "tanggal": v_tanggal}
ASAL = ["openpyxl", "libreoffice"]


@pytest.fixture(scope="session")
def berkas(tmp_path_factory) -> dict[tuple[str, str], Path]:
    d = tmp_path_factory.mktemp("baca_sel")
    dasar = isi(d / "dasar.xlsx", kasus.pengaturan(), kasus.tabel())
    out: dict[tuple[str, str], Path] = {}
    for nama, ubah in VARIAN.items():
        wb = openpyxl.load_workbook(dasar)
        ubah(wb)
        p = d / f"{nama}.xlsx"
        wb.save(p)
        out[(nama, "openpyxl")] = p
    if lo.ADA:
        ulang = lo.simpan_ulang([out[(n, "openpyxl")] for n in VARIAN], d / "lo")
        for n in VARIAN:
            out[(n, "libreoffice")] = ulang[out[(n, "openpyxl")]]
    return out


def _hasil(berkas, nama, asal):
    if (nama, asal) not in berkas:
        pytest.skip("LibreOffice tidak terpasang")
    return engine.hitung(file_reader.baca(berkas[(nama, asal)]))


def _ind(h):
    return {i.kode: i for i in h.indikator}


def _temuan(h, tingkat=None):
    return [t for t in h.temuan if tingkat is None or t.tingkat == tingkat]


def _di_lembar(h, lembar, tingkat):
    return [t for t in h.temuan if (t.lembar, t.tingkat) == (lembar, tingkat)]


def _di(h, lembar, sel, tingkat):
    return [t for t in h.temuan if (t.lembar, t.sel, t.tingkat) == (lembar, sel, tingkat)]


# ---------------------------------------------------------------- §2 rows


@pytest.mark.parametrize("asal", ASAL)
def test_total_row_is_never_data(berkas, asal):
    h = _hasil(berkas, "total", asal)
    ind = _ind(h)
    assert _temuan(h, "galat") == []  # the SKM total is no respondent without a date
    # IK-07 = mean(4/5, 4/4, 6/8) × 100 = 85 (a 4th "SOP" 14/17 would give 84,34)
    assert ind["IK-07"].realisasi == pytest.approx(85.0)
    # Sarpras sums not doubled: Σ Kondisi Baik 11 / Σ Tersedia 13, Σ Tersedia 13 / Σ Kebutuhan 15
    assert (ind["IK-09"].pembilang, ind["IK-09"].penyebut) == (11, 13)
    assert (ind["IKP-06"].pembilang, ind["IKP-06"].penyebut) == (13, 15)
    assert ind["IK-01"].realisasi == pytest.approx(IKM_29, abs=1e-9)
    assert h.ikm.responden == 29
    # Kamtibmas: Tuntas 3 of 4 = 75 (the total row's "Tuntas" would give 80)
    assert ind["IK-08"].realisasi == pytest.approx(75.0)


@pytest.mark.parametrize("asal", ASAL)
def test_rows_below_the_table(berkas, asal):
    h = _hasil(berkas, "bawah", asal)
    ind = _ind(h)
    # The row typed directly below tblSOP counts: mean(0,8; 1; 0,75; 0,5) × 100 = 76,25
    assert ind["IK-07"].realisasi == pytest.approx(76.25)
    # The row after a blank row under tblKegiatan (sheet row 9) is not read …
    assert ind["IKP-08"].realisasi == pytest.approx(1800 / 19)  # (13+5)/(13+6), not 18/29
    # … and not dropped in silence: a peringatan at that row
    p = _di(h, "Kegiatan", "A9", "peringatan")
    assert len(p) == 1 and "Baris 9" in p[0].pesan and "perluas tabel" in p[0].pesan
    assert p[0].kode == "IKP-08"


# ---------------------------------------------------------------- §3 cells


@pytest.mark.parametrize("asal", ASAL)
def test_error_values_are_a_galat_at_their_cell(berkas, asal):
    h = _hasil(berkas, "galat", asal)
    ind = _ind(h)
    j5 = _di(h, "SKM", "J5", "galat")
    assert j5 and "#N/A" in j5[0].pesan and "U3" in j5[0].pesan
    l7 = _di(h, "SKM", "L7", "galat")
    assert l7 and "#REF!" in l7[0].pesan
    k6 = _di(h, "SKM", "K6", "galat")  # openpyxl: formula never calculated; LibreOffice: its #DIV/0!
    assert k6 and ("#DIV/0!" in k6[0].pesan if asal == "libreoffice" else "rumus" in k6[0].pesan)
    assert ind["IK-01"].status == "galat" and ind["IK-01"].realisasi is None
    d5 = _di(h, "Kegiatan", "D5", "galat")
    assert d5 and "#VALUE!" in d5[0].pesan
    assert {ind[k].status for k in ("IKP-08", "IKP-10")} == {"galat"}
    # a target cell's error blocks that code only
    tgt = [t for t in _temuan(h, "galat") if t.lembar == "Target"]
    assert len(tgt) == 1 and "#N/A" in tgt[0].pesan and ind["IK-08"].status == "galat"
    assert ind["IK-07"].realisasi == pytest.approx(85.0) and ind["IK-07"].status == "ok"


@pytest.mark.parametrize("asal", ASAL)
def test_merged_range_in_a_table_body_is_a_galat_at_the_range(berkas, asal):
    h = _hasil(berkas, "gabung", asal)
    ind = _ind(h)
    skm = _di(h, "SKM", "H5:H6", "galat")
    assert skm and "Unmerge" in skm[0].pesan
    assert ind["IK-01"].status == "galat"
    assert _di(h, "Kamtibmas", "F7:F8", "galat")
    assert ind["IK-08"].status == "galat" and ind["IKP-04"].status == "galat"
    assert ind["IK-07"].realisasi == pytest.approx(85.0)


@pytest.mark.parametrize("asal", ASAL)
def test_percentage_formatted_targets_count_as_shown(berkas, asal):
    h = _hasil(berkas, "persen", asal)
    ind = _ind(h)
    # IK-07 target 0,9 shown 90% is 90: capaian 85 / 90 × 100 = 94,44 (not 9.444)
    assert ind["IK-07"].target == pytest.approx(90.0)
    assert ind["IK-07"].capaian == pytest.approx(85 / 90 * 100)
    assert ind["IK-07"].kategori == "Sangat Tinggi"
    # Kegiatan Target 0,05 shown 5% is 5: IKP-10 = 4 / 5 = 80 (not 8.000)
    assert ind["IKP-10"].realisasi == pytest.approx(80.0)
    # the IKU sheet's other years: target 2023 0,82 → 82, realisasi 0,845 → 84,5
    assert h.riwayat["IKU-01"][2023][0] == pytest.approx(82.0)
    assert h.riwayat["IKU-01"][2023][1] == pytest.approx(84.5)
    assert h.riwayat["IKU-01"][2023][2] == pytest.approx(84.5 / 82 * 100)
    per = [t for t in _temuan(h, "peringatan") if "persen" in t.pesan]
    assert {(t.lembar, t.sel) for t in per} == {("Target", "G9"), ("Target", "F5"), ("Target", "M5"),
                                                ("Kegiatan", "D7")}
    assert all("93%" not in t.pesan for t in per)
    assert any("tampil 90%" in t.pesan and "dihitung sebagai 90" in t.pesan for t in per)
    assert _temuan(h, "galat") == []


@pytest.mark.parametrize("asal", ASAL)
def test_number_in_a_date_column_reads_as_its_date(berkas, asal):
    h = _hasil(berkas, "tanggal", asal)
    ind = _ind(h)
    assert _temuan(h, "galat") == []
    # 45323 = 1 Februari 2024 (serial days since 30 Desember 1899): the row stays in 2024
    assert ind["IK-08"].realisasi == pytest.approx(75.0)
    assert ind["IKP-04"].realisasi == pytest.approx(50.0)
    # 45401 = 19 April 2024: request 470/1 still settled in 11 working days ≤ 10? (test_hitung: 50 %)
    assert ind["IKP-01"].realisasi == pytest.approx(50.0)
    b5 = _di(h, "Kamtibmas", "B5", "peringatan")
    assert b5 and "01/02/2024" in b5[0].pesan and "tidak berformat tanggal" in b5[0].pesan
    assert _di(h, "Layanan", "D5", "peringatan")


def test_serial_numbers_are_the_dates_excel_shows():
    # Independent of xl-iku: days counted from Excel's epoch 30 Desember 1899.
    epoch = date(1899, 12, 30)
    assert (date(2024, 2, 1) - epoch).days == 45323
    assert (date(2024, 4, 19) - epoch).days == 45401
    assert R.dari_serial(45323) == date(2024, 2, 1)


# ---------------------------------------------------------------- xlwings parity


def _ringkas(h, tanpa=()):
    ind = {i.kode: (i.status, i.target, i.realisasi, i.capaian, i.kategori) for i in h.indikator if i.kode not in tanpa}
    return ind, sorted((t.tingkat, t.lembar, t.sel) for t in h.temuan)


@pytest.mark.parametrize("dates", ["iso", "serial"])
@pytest.mark.parametrize("nama", ["total", "galat", "bawah", "persen", "tanggal"])
@pytest.mark.parametrize("asal", ASAL)
def test_xlwings_remote_gives_the_same_numbers(berkas, nama, asal, dates):
    if (nama, asal) not in berkas:
        pytest.skip("LibreOffice tidak terpasang")
    src = berkas[(nama, asal)]
    h_file = engine.hitung(file_reader.baca(src))
    book = xr.load_book(xr.payload_from_xlsx(src, dates=dates))
    h_xl = engine.hitung(R.baca(book).raw)
    if nama == "persen":
        # The remote engine sends no number formats: a target in (0, 1] of a 0–100
        # indicator reads as the percentage Excel shows (same number, its own
        # peringatan); a Kegiatan count cannot be told apart (README).
        a, b = _ringkas(h_file, tanpa=("IKP-10",)), _ringkas(h_xl, tanpa=("IKP-10",))
        assert a[0] == b[0]
        assert h_xl.riwayat["IKU-01"][2023][:2] == h_file.riwayat["IKU-01"][2023][:2]
        assert [t for t in b[1] if t[1] != "Kegiatan"] == [t for t in a[1] if t[1] != "Kegiatan"]
        return
    if nama == "tanggal":
        # Same dates, same numbers; only the file shows the cell is not date-formatted.
        a, b = _ringkas(h_file), _ringkas(h_xl)
        assert a[0] == b[0]
        assert [t for t in a[1] if t[2] not in ("B5", "D5")] == b[1]
        return
    if nama == "galat" and asal == "openpyxl":
        # openpyxl writes K6's formula without a result (no Excel ever calculated
        # it): the file reports it, a live Excel would send its #DIV/0!.
        h_file.temuan = [t for t in h_file.temuan if t.sel != "K6"]
        h_xl.temuan = [t for t in h_xl.temuan if t.sel != "K6"]
    assert _ringkas(h_file) == _ringkas(h_xl)
    assert [t.pesan for t in h_file.temuan] == [t.pesan for t in h_xl.temuan]


# ---------------------------------------------------------------- desktop Excel (COM) branch


class _Rentang:
    """The few Range properties desktop Excel answers (xlwings COM engine)."""

    def __init__(self, lembar, r1, c1, r2, c2):
        self.lembar, self.r1, self.c1, self.r2, self.c2 = lembar, r1, c1, r2, c2
        self.panggil = lembar.panggil

    def _sel(self):
        return [(r, c) for r in range(self.r1, self.r2 + 1) for c in range(self.c1, self.c2 + 1)]

    @property
    def merge_cells(self):
        self.panggil.append("merge_cells")
        kena = [any(m[0] <= r <= m[2] and m[1] <= c <= m[3] for m in self.lembar.merges) for r, c in self._sel()]
        return True if all(kena) else (False if not any(kena) else None)  # COM: Null when mixed

    @property
    def merge_area(self):
        for m in self.lembar.merges:
            if m[0] <= self.r1 <= m[2] and m[1] <= self.c1 <= m[3]:
                return _Luas(*m)
        return _Luas(self.r1, self.c1, self.r1, self.c1)

    @property
    def number_format(self):
        self.panggil.append("number_format")
        f = {self.lembar.formats.get(rc, "General") for rc in self._sel()}
        return f.pop() if len(f) == 1 else None


class _Luas:
    def __init__(self, r1, c1, r2, c2):
        self.row, self.column = r1, c1
        self.rows, self.columns = _N(r2 - r1 + 1), _N(c2 - c1 + 1)


class _N:
    def __init__(self, n):
        self.count = n


class _Lembar:
    def __init__(self, merges=(), formats=None):
        self.merges, self.formats, self.panggil = list(merges), dict(formats or {}), []

    def range(self, a, b=None):
        b = b or a
        return _Rentang(self, a[0], a[1], b[0], b[1])


def test_desktop_excel_is_asked_for_merges_with_few_calls():
    from xl_iku.io.tabel import Letak

    letak = Letak(4, {"No": 1, "Tanggal": 2, "U1": 8}, list(range(5, 1005)))
    lembar = _Lembar(merges=[(500, 8, 502, 8)])
    assert R._gabungan(lembar, letak) == [(500, 8, 502, 8)]
    assert len(lembar.panggil) < 100  # halving, not 1.000 rows × 8 columns
    assert R._gabungan(_Lembar(), letak) == []


def test_desktop_excel_is_asked_for_percent_formats():
    from xl_iku.io.tabel import Letak

    letak = Letak(4, {"Kode": 1, "2024": 7}, [5, 6, 7])
    lembar = _Lembar(formats={(6, 7): "0%"})
    persen = R._format_persen(lembar, letak)
    assert [persen(r, 7) for r in (5, 6, 7)] == [False, True, False]
    seragam = R._format_persen(_Lembar(formats={(r, 7): "0.00%" for r in (5, 6, 7)}), letak)
    assert persen is not seragam and seragam(5, 7) is True
    assert R._format_persen(None, letak)(5, 7) is None  # no sheet object: unknown (remote)


@pytest.mark.parametrize("asal", ASAL)
def test_true_atau_false_tidak_pernah_jadi_angka(berkas, asal):
    """A TRUE in an answer below a 1, and a FALSE in Usia, are galat at their
    cells from either file, never the answer 1 or the age 0 — also after a
    LibreOffice re-save, which stores them as =TRUE() / =FALSE() with 1 / 0."""
    h = _hasil(berkas, "logika", asal)  # skipped without LibreOffice
    if asal == "libreoffice":
        import zipfile
        with zipfile.ZipFile(berkas[("logika", asal)]) as z:
            assert any(b"TRUE()</f><v>1</v>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    wb = openpyxl.load_workbook(berkas[("logika", "openpyxl")])
    u1 = _sel(wb, "tblSKM", 1, "U1").coordinate
    usia = _sel(wb, "tblSKM", 2, "Usia").coordinate
    galat = {t.sel: t.pesan for t in _di_lembar(h, "SKM", "galat")}
    assert "nilai logika BENAR (TRUE)" in galat[u1]
    assert "nilai logika SALAH (FALSE)" in galat[usia]
    assert _ind(h)["IK-01"].status == "galat"  # a galat in tblSKM blocks the IKM

