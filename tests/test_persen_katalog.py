"""KONTRAK §5 "Tables the catalogue reads follow every rule of §2 and §3 …
cells formatted as percentages": a percent-formatted number in a column an
office's catalogue reads as a number counts as the percentage it shows, with
a peringatan at its cell, on the file path and on every xlwings path; where
formats cannot be known (xlwings Server) nothing is guessed and the run says
how to get the exact check.  Also: the 0–100 guess for targets over xlwings
Server follows the workbook's catalogue (a code of its own), and a client
that sends no table column names still reads tblTarget's years as typed.

Every number below is computed by hand in the comment beside it.
"""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.table import Table

from tests import kasus
from tests import xlwings_remote as xr  # sets XLWINGS_LICENSE_KEY before xlwings is imported
from tests.isi import isi, tabel_di

from xl_iku import engine
from xl_iku.excel import reader as R
from xl_iku.excel.sifat import baca_lite
from xl_iku.io import file_reader

xw = xr.xlwings()
ROOT = Path(__file__).resolve().parent.parent
BARU = ROOT / "workbook" / "Contoh_IKU_Siak_Kecil_2026.xlsx"


def _ind(kode, cara, satuan="%", **kw):
    return {"Kode": kode, "Kelompok": "Kinerja Unit", "Indikator": f"Indikator {kode}", "Satuan": satuan,
            "Cara Hitung": cara, **kw}


KATALOG = [
    _ind("IKU-01", "Survei IKM", satuan="nilai", Kelompok="IKU"),
    _ind("U-01", "Hitung Baris", Tabel="tblNilai", Pembilang="Nilai >= 80"),
    _ind("U-02", "Jumlah Kolom", Tabel="tblNilai", Pembilang="Realisasi", Penyebut="Target"),
    _ind("U-03", "Rata-rata Rasio", Tabel="tblNilai", Pembilang="Realisasi", Penyebut="Target"),
    _ind("U-04", "Nilai Diketik", satuan="nilai"),
]
# tblNilai (sheet "Nilai", header row 1): Unit, Nilai, Realisasi, Target, Bobot.
NILAI = [
    ["Unit A", (0.93, "0%"), 45, 50, (0.25, "0%")],  # B2 shows 93% → 93; Bobot is read by no indicator
    ["Unit B", 85, (0.6, "0%"), 80, (0.25, "0%")],  # C3 shows 60% → 60
    ["Unit C", 70, 30, 40, (0.5, "0%")],
]


@pytest.fixture(scope="module")
def buku(tmp_path_factory) -> Path:
    p, t = kasus.pengaturan(), copy.deepcopy(kasus.tabel())
    t["tblIndikator"] = copy.deepcopy(KATALOG)
    t["tblRekapManual"] = []
    t["tblTarget"] = [{"Kode": "U-01", "2024": 0.7}, {"Kode": "U-02", "2024": 75}, {"Kode": "U-03", "2024": 80},
                      {"Kode": "U-04", "2024": 0.5}]
    t["tblRiwayat"] = [{"Kode": "U-04", "Tahun": 2024, "Realisasi": 0.45}]
    path = isi(tmp_path_factory.mktemp("persen") / "unit.xlsx", p, t)
    wb = openpyxl.load_workbook(path)
    ws, _, (_, r1, _, _), cols = tabel_di(wb, "tblTarget")
    ws.cell(r1 + 1, cols["2024"]).number_format = "0%"  # U-01's target 0,7 shows 70%
    ws = wb.create_sheet("Nilai")
    ws.append(["Unit", "Nilai", "Realisasi", "Target", "Bobot"])
    for row in NILAI:
        ws.append([v[0] if isinstance(v, tuple) else v for v in row])
        for c, v in enumerate(row, start=1):
            if isinstance(v, tuple):
                ws.cell(ws.max_row, c).number_format = v[1]
    ws.add_table(Table(displayName="tblNilai", ref=f"A1:E{1 + len(NILAI)}"))
    wb.save(path)
    return path


def _sel_target(path: Path) -> str:
    ws, _, (_, r1, _, _), cols = tabel_di(openpyxl.load_workbook(path), "tblTarget")
    return ws.cell(r1 + 1, cols["2024"]).coordinate


def _ind_(h):
    return {i.kode: i for i in h.indikator}


def _angka(h):
    return {i.kode: (i.status, i.target, i.realisasi, i.pembilang, i.penyebut, i.capaian) for i in h.indikator}


def _temuan(h):
    return [(t.tingkat, t.lembar, t.sel, t.kode, t.pesan) for t in h.temuan]


def _persen(h):
    return {(t.lembar, t.sel): t for t in h.temuan if "persen" in t.pesan}


def test_berkas_angka_berformat_persen_di_kolom_yang_dibaca_katalog(buku):
    h = engine.hitung(file_reader.baca(buku))
    ind = _ind_(h)
    # Nilai >= 80: Unit A (0,93 shown 93% is 93) and Unit B (85); not Unit C (70) → 2 / 3 × 100 = 66,67
    # (read as the stored 0,93 it would be 1 / 3).
    assert (ind["U-01"].pembilang, ind["U-01"].penyebut) == (2, 3)
    assert ind["U-01"].realisasi == pytest.approx(200 / 3)
    # Its target 0,7 shown 70% is 70: capaian 66,67 / 70 × 100 = 95,24.
    assert ind["U-01"].target == pytest.approx(70.0)
    assert ind["U-01"].capaian == pytest.approx(200 / 3 / 70 * 100)
    # Σ Realisasi / Σ Target = (45 + 60 + 30) / (50 + 80 + 40) × 100 = 135 / 170 × 100 = 79,41.
    assert (ind["U-02"].pembilang, ind["U-02"].penyebut) == (135, 170)
    assert ind["U-02"].realisasi == pytest.approx(13500 / 170)
    # mean(45/50, 60/80, 30/40) × 100 = mean(0,9; 0,75; 0,75) × 100 = 80.
    assert ind["U-03"].realisasi == pytest.approx(80.0)
    # A plain 0,5 target and 0,45 realisasi of a "nilai" indicator stay what they are.
    assert (ind["U-04"].target, ind["U-04"].realisasi) == (0.5, 0.45)
    per = _persen(h)
    assert set(per) == {("Nilai", "B2"), ("Nilai", "C3"), ("Target", _sel_target(buku))}
    assert all(t.tingkat == "peringatan" for t in per.values())
    b2, c3 = per[("Nilai", "B2")], per[("Nilai", "C3")]
    assert "tampil 93%" in b2.pesan and "dihitung sebagai 93" in b2.pesan and b2.kode == "U-01"
    assert "tampil 60%" in c3.pesan and "dihitung sebagai 60" in c3.pesan and c3.kode == "U-02"
    assert per[("Target", _sel_target(buku))].kode == "U-01"
    # Bobot (E2:E4) is percent-formatted too, but no indicator reads it: not a word about it.
    assert not [t for t in h.temuan if t.lembar == "Nilai" and t.sel.startswith("E")]
    assert [t for t in h.temuan if t.tingkat == "galat"] == []


def test_validasi_dua_kali_tidak_mengalikan_dua_kali(buku):
    """The values a validation replaced are restored before the next one:
    the same RawWorkbook validated twice gives the same numbers and findings."""
    raw = file_reader.baca(buku)
    a = engine.hitung(raw)
    b = engine.hitung(raw)
    assert _angka(a) == _angka(b) and _temuan(a) == _temuan(b)
    assert _ind_(b)["U-01"].target == pytest.approx(70.0)


def test_xlwings_lite_sama_dengan_berkas(buku):
    """Lite answers number formats on demand: asked for the catalogue's number
    columns too, the run equals the file's, finding for finding."""
    book = xr.load_book(xr.payload_from_xlsx(buku, dates="builtin"))
    ls = xr.LiteSel(buku)
    with ls.pasang():
        sifat = asyncio.run(baca_lite(book))
    assert sifat.diketahui
    h, f = engine.hitung(R.baca(book, sifat=sifat).raw), engine.hitung(file_reader.baca(buku))
    assert _angka(h) == _angka(f) and _temuan(h) == _temuan(f)
    # Asked: tblNilai's Nilai, Realisasi and Target (the catalogue's number columns), never Bobot.
    kolom = {c for (lembar, c) in sifat.format if lembar == "Nilai"}
    assert kolom == {2, 3, 4}


def test_excel_desktop_sama_dengan_berkas(buku, monkeypatch):
    """Desktop Excel answers NumberFormat synchronously (`reader._format_persen`):
    answered here from the file, the run equals the file's."""
    wb = openpyxl.load_workbook(buku)
    ditanya = []

    def format_persen(sheet, letak):
        ws = wb[sheet.name]

        def persen(r, c):
            ditanya.append((sheet.name, r, c))
            return "%" in ws.cell(r, c).number_format

        return persen

    monkeypatch.setattr(R, "_format_persen", format_persen)
    book = xr.load_book(xr.payload_from_xlsx(buku, dates="builtin"))
    h, f = engine.hitung(R.baca(book).raw), engine.hitung(file_reader.baca(buku))
    assert _angka(h) == _angka(f) and _temuan(h) == _temuan(f)
    # Only number cells of the columns read as numbers are asked about (never Bobot, column E).
    assert {c for s, _, c in ditanya if s == "Nilai"} == {2, 3, 4}


def test_xlwings_server_tidak_menebak_dan_mengatakannya(buku):
    """xlwings Server sends no number formats: in the columns the catalogue
    reads as numbers nothing is guessed; one peringatan for the table says how
    many fractions could be percentages shown and how to get the exact check."""
    book = xr.load_book(xr.payload_from_xlsx(buku, dates="builtin"))
    h = engine.hitung(R.baca(book).raw)
    ind = _ind_(h)
    # Counted as stored: Nilai >= 80 holds for Unit B only → 1 / 3 × 100 = 33,33;
    # Σ Realisasi / Σ Target = (45 + 0,6 + 30) / 170 × 100 = 44,47;
    # mean(0,9; 0,6/80; 0,75) × 100 = (0,9 + 0,0075 + 0,75) / 3 × 100 = 55,25.
    assert ind["U-01"].realisasi == pytest.approx(100 / 3)
    assert ind["U-02"].realisasi == pytest.approx(75.6 / 170 * 100)
    assert ind["U-03"].realisasi == pytest.approx((0.9 + 0.0075 + 0.75) / 3 * 100)
    (d,) = [t for t in h.temuan if t.lembar == "Nilai"]
    assert (d.tingkat, d.sel, d.kode) == ("peringatan", "B2", "U-01")
    assert "xlwings Server" in d.pesan and " 2 angka pecahan" in d.pesan  # B2's 0,93 and C3's 0,6
    assert "Pemeriksaan lengkap: tombol Hitung di xlwings Lite atau Excel desktop" in d.pesan
    assert "xl-iku hitung" in d.pesan
    # The 0–100 guess for targets follows the workbook's catalogue: U-01 (Satuan %, a code the
    # built-in catalogue does not know) reads its 0,7 as the 70% Excel shows, with a peringatan …
    assert ind["U-01"].target == pytest.approx(70.0)
    (t,) = [t for t in h.temuan if t.lembar == "Target"]
    assert (t.sel, t.kode) == (_sel_target(buku), "U-01") and "indikator berskala 0–100" in t.pesan
    # … while U-04 ("nilai") keeps its 0,5 and 0,45.
    assert (ind["U-04"].target, ind["U-04"].realisasi) == (0.5, 0.45)


def test_server_tanpa_nama_kolom_membaca_tahun_target_dari_baris_judul():
    """A client that sends no table column names (the minimal payload) still
    sends the sheet's values: tblTarget's years 2026–2030 and the office's own
    tables are read from their header rows, exactly as the file reader reads them."""
    book = xr.load_book(xr.payload_from_xlsx(BARU, extended=False))
    assert {i.name: i.columns for i in R._tabel_info(book.sheets["Target"])}["tblTarget"] == ()  # no names sent
    raw, raw_file = R.baca(book).raw, file_reader.baca(BARU)
    assert raw.tables.keys() == raw_file.tables.keys()
    assert {"tblPerda", "tblNilaiDesa"} <= raw.tables.keys()
    for name in raw_file.tables:
        assert raw.tables[name] == raw_file.tables[name], name
    assert list(raw.tables["tblTarget"].columns)[3:] == ["2026", "2027", "2028", "2029", "2030"]
    h, f = engine.hitung(raw), engine.hitung(raw_file)
    assert _angka(h) == _angka(f)
    ind = _ind_(h)
    # TahunLaporan 2026: the first year of each row of the sample's TARGET (contoh_baru.py).
    assert (ind["IKU-01"].target, ind["KW-02"].target, ind["KW-01"].target) == (82, 85, 15)
    assert h.tahun == 2026
