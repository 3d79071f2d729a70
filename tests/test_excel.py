"""The Excel entry point `xl_iku.excel.hitung(book)` through xlwings' remote
engine (the engine behind xlwings Lite and xlwings Server), with payloads built
from real workbooks as the clients build them and the returned actions applied
to a copy (tests/xlwings_remote.py).  The output sheets must equal, cell for
cell, what `xl-iku hitung -o` writes for the same input; the number of actions
must not depend on the number of rows; bad cells are marked and un-marked; no
error reaches the user as a traceback.  Plus the structure of the button and of
the desktop artefacts (`xl-iku pasang-excel`)."""

from __future__ import annotations

import asyncio
import importlib.util
import os
import re
import subprocess
import sys
import types
import zipfile
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from tests import xlwings_remote as xr  # sets XLWINGS_LICENSE_KEY before xlwings is imported

from xl_iku import kontrak as K
from xl_iku.app import hitung_berkas
from xl_iku.template.contoh import data_contoh
from xl_iku.excel import hitung
from xl_iku.excel import reader as R
from xl_iku.excel import writer as W
from xl_iku.io import file_reader
from xl_iku.template.build import buat

xw = xr.xlwings()

ROOT = Path(__file__).resolve().parent.parent
SAMPEL = ROOT / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"
TEMPLAT = ROOT / "workbook" / "IKU_template.xlsx"
WAKTU = datetime(2024, 7, 1, 10, 5)
# Every sheet a run rewrites: the output sheets and Grafik's helper cells.
KELUARAN = [*K.LEMBAR_KELUARAN, "Grafik"]
_LINK = re.compile(r'^=HYPERLINK\("#((?:[^"]|"")*)","((?:[^"]|"")*)"\)$')


def _hitung(book):
    return hitung(book, waktu=WAKTU)


# ------------------------------------------------------------------ helpers


def _nilai_dan_tautan(ws):
    """Values A1.. (HYPERLINK formulas → their text) and {cell: link location}."""
    links = {}
    rows = []
    for row in ws.iter_rows():
        line = []
        for c in row:
            v = c.value
            if c.hyperlink is not None and c.hyperlink.location:
                links[c.coordinate] = c.hyperlink.location
            if isinstance(v, str):
                m = _LINK.match(v)
                if m:
                    links[c.coordinate] = m.group(1).replace('""', '"')
                    v = m.group(2).replace('""', '"')
            line.append(v)
        rows.append(line)
    return rows, links


def _sama(a, b) -> bool:
    a = None if a == "" else a
    b = None if b == "" else b
    if isinstance(a, datetime) and a.time() == datetime.min.time():
        a = a.date()
    if isinstance(b, datetime) and b.time() == datetime.min.time():
        b = b.date()
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return a == b


def beda(cli: Path, excel: Path) -> list[str]:
    """Cell-by-cell differences of the output sheets (values and Validasi links).

    Both files hold values, not formulas, except the HYPERLINK formulas the
    Excel path writes on Validasi, compared as their text and link."""
    wa, wb = _buka(cli), _buka(excel)
    out = []
    for sheet in KELUARAN:
        a, la = _nilai_dan_tautan(wa[sheet])
        b, lb = _nilai_dan_tautan(wb[sheet])
        for i in range(max(len(a), len(b))):
            ra = a[i] if i < len(a) else []
            rb = b[i] if i < len(b) else []
            for j in range(max(len(ra), len(rb))):
                va = ra[j] if j < len(ra) else None
                vb = rb[j] if j < len(rb) else None
                if not _sama(va, vb):
                    out.append(f"{sheet}!{xr.get_column_letter(j + 1)}{i + 1}: {va!r} != {vb!r}")
        if la != lb:
            out.append(f"{sheet}: links {la} != {lb}")
    return out


_BUKU: dict[tuple[Path, int], openpyxl.Workbook] = {}


def _buka(path: Path) -> openpyxl.Workbook:
    key = (path, path.stat().st_mtime_ns)
    if key not in _BUKU:
        _BUKU[key] = openpyxl.load_workbook(path)
    return _BUKU[key]


def _isi(path: Path, sheet: str, cell: str):
    return _buka(path)[sheet][cell]


def _warna(path: Path, sheet: str, cell: str):
    fill = _isi(path, sheet, cell).fill
    return fill.fgColor.rgb if fill.fill_type == "solid" else None


def _memo(path: Path) -> list[str]:
    ws = _buka(path)[W.LEMBAR_MEMO]
    return [ws.cell(r, W.KOLOM_MEMO).value for r in range(2, ws.max_row + 1) if ws.cell(r, W.KOLOM_MEMO).value]


# ------------------------------------------------------------------ fixtures




@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    """What `xl-iku hitung -o` writes, per input."""
    folder = tmp_path_factory.mktemp("cli")
    cache = {}

    def get(src: Path) -> Path:
        if src not in cache:
            out = folder / f"{src.stem}_cli{src.suffix}"
            hitung_berkas(src, out, waktu=WAKTU)
            cache[src] = out
        return cache[src]

    return get


@pytest.fixture(scope="module")
def remote(tmp_path_factory):
    """run_remote(src, hitung) → applied copy, cached per (src, payload options)."""
    folder = tmp_path_factory.mktemp("remote")
    cache = {}

    def get(src: Path, **kw):
        key = (src, tuple(sorted(kw.items())))
        if key not in cache:
            out = folder / f"{src.stem}_{len(cache)}{src.suffix}"
            cache[key] = (xr.run_remote(src, _hitung, out, **kw), out)
        return cache[key]

    return get


# ------------------------------------------------------------------ reading


@pytest.mark.parametrize("kw", [{}, {"dates": "builtin"}, {"dates": "serial"}, {"client": "VBA"},
                                {"extended": False}], ids=["iso", "builtin", "serial", "vba", "minimal"])
def test_reader_gives_what_the_file_reader_gives(kw):
    from xl_iku import engine

    raw_file = file_reader.baca(SAMPEL)
    book = xr.load_book(xr.payload_from_xlsx(SAMPEL, **kw))
    raw = R.baca(book).raw
    assert raw.names == raw_file.names
    assert raw.tables.keys() == raw_file.tables.keys()
    for name in raw_file.tables:
        assert raw.tables[name] == raw_file.tables[name], name
    assert engine.hitung(raw) == engine.hitung(raw_file)
    assert book.json()["actions"] == []  # reading queues nothing


def test_serial_dates_and_numbers():
    assert R.dari_serial(45471) == date(2024, 6, 28)
    assert R.dari_serial(45471.5) == datetime(2024, 6, 28, 12, 0)
    assert R.dari_serial(61) == date(1900, 3, 1)
    assert R.dari_serial(1) == date(1900, 1, 1)
    assert R.normal(2024) == 2024.0 and isinstance(R.normal(2024), float)
    assert R.normal(True) is True
    assert R.normal("") is None
    assert R.normal(datetime(2024, 6, 28)) == date(2024, 6, 28)
    assert R.tanggal(45471.0) == date(2024, 6, 28)
    assert R.tanggal("28/06/2024") == "28/06/2024"  # text dates are the engine's business
    assert R.tanggal(-3.0) == -3.0


# ------------------------------------------------------- same output as the CLI


@pytest.mark.parametrize("kw", [{"dates": "iso"}, {"dates": "builtin"}, {"dates": "serial"}, {"client": "VBA"}],
                         ids=["iso", "builtin", "serial", "vba"])
def test_sample_equals_cli(kw, cli, remote):
    run, out = remote(SAMPEL, **kw)
    assert run.result.alerts == []
    assert run.result.warnings == []  # no text Excel would retype as number/date/formula
    assert beda(cli(SAMPEL), out) == []
    assert _isi(out, K.LEMBAR_BERANDA, K.SEL_STATUS).value.startswith("Terakhir dihitung 1 Juli 2024 pukul 10.05")


def test_ten_times_larger_equals_cli(besar, cli, remote):
    run, out = remote(besar, dates="builtin")
    assert run.result.alerts == [] and run.result.warnings == []
    assert beda(cli(besar), out) == []


def _plan_skm(path):
    from xl_iku import engine, layout
    from xl_iku.io import file_reader
    from xl_iku.io.package import Package

    with Package.open(path) as pkg:
        h = engine.hitung(file_reader.baca_paket(pkg))
    return layout.susun(h)[K.LEMBAR_SKM]


def test_action_count_does_not_grow_with_rows(besar, remote):
    kecil, _ = remote(SAMPEL, dates="builtin")
    besar_run, _ = remote(besar, dates="builtin")
    a, b = kecil.counts, besar_run.counts
    print(f"\nactions: sample {sum(a.values())} {dict(a)}\n         10x    {sum(b.values())} {dict(b)}")
    # Equal but for row heights, which follow the text of a few rows (long Saran,
    # Rencana Tindak Lanjut), not the number of rows: a handful either way.
    tinggi, gaya_sel = "setRowHeight", "copyFromRange"
    lain = (tinggi, gaya_sel)
    assert {k: v for k, v in a.items() if k not in lain} == {k: v for k, v in b.items() if k not in lain}
    assert abs(a[tinggi] - b[tinggi]) <= 5
    # Styles: a table continued on a new printed page repeats its header row
    # there (issue 12), which splits each style rectangle of that table once:
    # at most 3 calls per extra page of Hasil SKM, never per row.
    halaman = {p: len(_plan_skm(p).cetak.putus) for p in (SAMPEL, besar)}
    assert 0 <= b[gaya_sel] - a[gaya_sel] <= 3 * (halaman[besar] - halaman[SAMPEL])
    # One setValues per output sheet, plus the memo and the status line.
    assert a["setValues"] == len(KELUARAN) + 2
    assert sum(a.values()) < 250
    # No single write was split into chunks.
    assert all(act["row_count"] * act["column_count"] <= 100_000
               for act in besar_run.actions if act["func"] == "setValues")


def test_old_clients_get_only_the_original_actions(remote):
    from xl_iku.excel import klien

    run, _ = remote(SAMPEL, client="VBA")
    # What xlwings' VBA client implements, read from its Remote.bas.
    vba = klien.aksi_klien(klien.VBA)
    assert "setValues" in vba and "rangeUnmerge" not in vba
    assert set(run.counts) <= vba, set(run.counts) - vba
    assert not any(a["func"] == "setRangeColor" and a["args"][0] is None for a in run.actions)


def test_desktop_branch_writes_the_same(monkeypatch, cli, tmp_path):
    """The desktop (COM/AppleScript) branch of the writer, driven through the
    remote engine: the same xlwings calls a live Excel would get, except the
    COM-only parts (sheet protection, screen updating), which fail softly here."""
    monkeypatch.setattr(W, "profil", lambda book: W.Profil(remote=False))
    out = tmp_path / "desktop.xlsx"
    run = xr.run_remote(SAMPEL, _hitung, out, dates="builtin")
    assert run.result.alerts == [] and run.result.warnings == []
    assert "copyRange" in run.counts and "copyFromRange" not in run.counts
    assert beda(cli(SAMPEL), out) == []


def test_output_styles_come_from_the_palette(remote):
    _, out = remote(SAMPEL, dates="builtin")
    wb = openpyxl.load_workbook(out)
    ws = wb[K.LEMBAR_IK]
    assert ws["A5"].font.b and ws["A5"].fill.fgColor.rgb.endswith("D9E1F2")  # header
    assert ws["G6"].number_format == "#,##0.00"  # sel_angka
    assert "A1:J1" in {str(m) for m in ws.merged_cells.ranges}
    val = wb[K.LEMBAR_VALIDASI]
    assert val["C5"].value.startswith("=HYPERLINK(\"#'SKM'!")


# ------------------------------------------------------- marks and second run


@pytest.fixture(scope="module")
def buruk(tmp_path_factory) -> tuple[Path, str]:
    """The sample year with an SKM answer 5 (U1, column H, of the first row
    dated in the year) and Kondisi Baik > Tersedia at Sarpras!E5."""
    peng, tabel = data_contoh()
    i = next(i for i, r in enumerate(tabel["tblSKM"]) if r["Tanggal"].year == peng["TahunLaporan"])
    tabel["tblSKM"][i]["U1"] = 5
    tabel["tblSarpras"][0]["Kondisi Baik"] = 99  # Sarpras row 5, column E
    path = tmp_path_factory.mktemp("buruk") / "Buruk.xlsx"
    buat(path, peng, tabel)
    return path, f"H{5 + i}"  # header row 4, data from row 5


def test_bad_cells_marked_listed_and_unmarked_after_fix(buruk, cli, tmp_path):
    buruk, sel = buruk
    out1 = tmp_path / "run1.xlsx"
    run1 = xr.run_remote(buruk, _hitung, out1, dates="builtin")
    assert beda(cli(buruk), out1) == []
    assert _warna(out1, "SKM", sel) == "FF" + W.WARNA_GALAT[1:]
    assert _warna(out1, "Sarpras", "E5") == "FF" + W.WARNA_GALAT[1:]
    assert _warna(out1, "SKM", "H" + str(int(sel[1:]) + 1)) is None
    rows, links = _nilai_dan_tautan(_buka(out1)[K.LEMBAR_VALIDASI])
    listed = {(r[1], r[2]) for r in rows[4:] if r and r[0] == "galat"}
    assert {("SKM", sel), ("Sarpras", "E5")} <= listed
    assert f"'SKM'!{sel}" in links.values()
    assert {f"SKM!{sel}", "Sarpras!E5"} <= set(_memo(out1))
    assert run1.counts["setRangeColors"] <= 3  # one per sheet with marks (≤ 10,000 cells each)
    assert _isi(out1, K.LEMBAR_BERANDA, K.SEL_STATUS).value.startswith("Terakhir dihitung")

    # The user fixes the SKM answer only, then clicks Hitung again.
    fixed = tmp_path / "fixed.xlsx"
    wb = openpyxl.load_workbook(out1)
    wb["SKM"][sel] = 4
    wb.save(fixed)
    out2 = tmp_path / "run2.xlsx"
    xr.run_remote(fixed, _hitung, out2, dates="builtin")
    assert _warna(out2, "SKM", sel) is None  # mark removed: no fill, as in the template
    assert _warna(out2, "Sarpras", "E5") == "FF" + W.WARNA_GALAT[1:]
    assert f"SKM!{sel}" not in _memo(out2) and "Sarpras!E5" in _memo(out2)
    rows, _ = _nilai_dan_tautan(_buka(out2)[K.LEMBAR_VALIDASI])
    assert ("SKM", sel) not in {(r[1], r[2]) for r in rows[4:] if r}


def test_pengaturan_mark_restores_its_input_colour(tmp_path):
    peng, tabel = data_contoh()
    peng["TahunLaporan"] = "dua ribu"
    src = tmp_path / "tahun.xlsx"
    buat(src, peng, tabel)
    out1 = tmp_path / "tahun1.xlsx"
    xr.run_remote(src, _hitung, out1)
    cell = file_reader.baca(src).names["TahunLaporan"].address
    assert _warna(out1, "Pengaturan", cell) == "FF" + W.WARNA_GALAT[1:]
    wb = openpyxl.load_workbook(out1)
    wb["Pengaturan"][cell] = 2024
    wb.save(src)
    out2 = tmp_path / "tahun2.xlsx"
    xr.run_remote(src, _hitung, out2)
    assert _warna(out2, "Pengaturan", cell) == "FFFFF2CC"


def test_previous_marks_also_come_from_the_validasi_list():
    val = R.Grid(1, 1, [["HASIL"], [None], [None], ["Tingkat", "Lembar", "Sel", "Pesan"],
                        ["galat", "SKM", "H7", "x"], ["peringatan", "Pengaturan", "B7", "y"],
                        ["galat", "IKU", "A1", "bukan masukan"]])
    memo = R.Grid(1, 1, [[None, None, None, W.JUDUL_MEMO], [None, None, None, "Sarpras!E5:E6"]])
    bacaan = R.Bacaan(raw=None, grids={K.LEMBAR_VALIDASI: val, W.LEMBAR_MEMO: memo}, sheets=())
    lama = W.tanda_lama(bacaan, {"SKM", "Pengaturan", "Sarpras"})
    assert lama == {("SKM", 7, 8), ("Pengaturan", 7, 2), ("Sarpras", 5, 5), ("Sarpras", 6, 5)}


# ------------------------------------------------------------ failures


def test_engine_error_is_an_indonesian_alert_and_nothing_else(monkeypatch, tmp_path, caplog):
    from xl_iku import engine

    nip = "".join(("19890520", "2010101", "001"))

    def rusak(raw, **_):
        raise ValueError(f"NIP {nip} rusak")  # a message carrying personal data

    monkeypatch.setattr(engine, "hitung", rusak)
    run = xr.run_remote(SAMPEL, _hitung, tmp_path / "gagal.xlsx")
    assert [a["func"] for a in run.actions] == ["setValues", "alert"]  # status line, message box
    (alert,) = run.result.alerts
    assert alert["title"] == "xl-iku" and alert["mode"] == "critical"
    for text in (alert["prompt"], run.actions[0]["values"][0][0]):
        assert "Traceback" not in text and 'File "' not in text and "198905202010101001" not in text
    assert "kesalahan tak terduga" in alert["prompt"] and "ValueError" in alert["prompt"]
    assert "198905202010101001" not in caplog.text and "ValueError" in caplog.text


def test_error_while_writing_drops_the_queued_actions(monkeypatch):
    def rusak(self, teks):
        raise RuntimeError("boom")

    monkeypatch.setattr(W.Penulis, "sel", rusak)  # fails after the output sheets were queued
    book = xr.load_book(xr.payload_from_xlsx(SAMPEL))
    assert _hitung(book) is None
    assert [a["func"] for a in book.json()["actions"]] == ["setValues", "alert"]


def test_missing_table_stops_with_a_message():
    payload = xr.payload_from_xlsx(SAMPEL)
    for sheet in payload["sheets"]:
        sheet["tables"] = [t for t in sheet["tables"] if t["name"] != "tblSKM"]
    book = xr.load_book(payload)
    assert _hitung(book) is None
    acts = book.json()["actions"]
    assert [a["func"] for a in acts] == ["setValues", "alert"]
    assert "Tabel 'tblSKM' tidak ditemukan" in acts[1]["args"][0]
    assert "Tidak ada yang diubah" in acts[1]["args"][0]


def test_missing_name_stops_with_a_message():
    payload = xr.payload_from_xlsx(SAMPEL)
    payload["names"] = [n for n in payload["names"] if n["name"] != "TahunLaporan"]
    book = xr.load_book(payload)
    assert _hitung(book) is None
    assert "Nama sel 'TahunLaporan'" in book.json()["actions"][-1]["args"][0]


def test_template_lets_xlwings_lite_write(remote):
    run, _ = remote(SAMPEL, dates="builtin")
    assert run.result.blocked == []


# ------------------------------------------------------------ the button


def test_script_wrapper_is_bound_to_the_template_shape():
    from xlwings.server import custom_scripts_call, custom_scripts_meta

    from xl_iku.excel import script
    from xl_iku.template import build

    assert (script.NAMA_TOMBOL, script.SEL_TOMBOL) == (build.NAMA_TOMBOL, build.SEL_TOMBOL)
    (meta,) = custom_scripts_meta(script)
    assert meta["function_name"] == "hitung_iku"
    assert meta["button"] == "[Hitung]Beranda!B9"
    for path in (TEMPLAT, SAMPEL):
        (shape,) = [s for s in xr.drawing_objects(path)[K.LEMBAR_BERANDA] if s["name"] == "Hitung"]
        assert shape["hyperlink"] == "#Beranda!B9" and shape["text"] == "Hitung"
    # The server calls it like this and answers book.json().
    book = xr.load_book(xr.payload_from_xlsx(SAMPEL))
    asyncio.run(custom_scripts_call(script, "hitung_iku", typehint_to_value={xw.Book: book}))
    funcs = Counter(a["func"] for a in book.json()["actions"])
    assert funcs["setValues"] == len(KELUARAN) + 2 and "alert" not in funcs


def test_excel_path_needs_no_calamine_nor_xlsxwriter():
    """xlwings Lite runs in Pyodide: the Excel path must not import the file adapter's natives."""
    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "from tests import xlwings_remote as xr\n"
        "import xl_iku.excel, xl_iku.excel.script\n"
        "book = xr.load_book(xr.payload_from_xlsx(%r))\n"
        "assert xl_iku.excel.hitung(book) is not None\n"
        "bad = [m for m in ('python_calamine', 'xlsxwriter', 'typer', 'rich') if m in sys.modules]\n"
        "assert not bad, bad\n"
    ) % (str(ROOT), str(SAMPEL))
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# ------------------------------------------------------------ geometry units


def test_rectangles_merges_and_colour_bands():
    cells = [(r, c) for r in range(5, 9) for c in (1, 2, 4)] + [(10, 1)]
    assert sorted(W.persegi(cells)) == [(5, 1, 8, 2), (5, 4, 8, 4), (10, 1, 10, 1)]
    merges = ["A1:H1", "A2:H2", "B75:H75", "B76:H76", "B77:H77", "A15:F15", "G15:H15", "A16:F16", "A20:A21"]
    assert W.blok_gabung(merges) == [(1, 1, 2, 8, True), (15, 1, 16, 6, True), (15, 7, 15, 8, False),
                                     (20, 1, 21, 1, False), (75, 2, 77, 8, True)]
    change = {(r, 8): "#FFC7CE" for r in range(5, 30005, 3)}
    bands = W.blok_warna(change)
    assert all((b[2] - b[0] + 1) * (b[3] - b[1] + 1) <= W.MAKS_SEL_WARNA for b in bands)
    assert len(bands) == 3
    assert W.memo_baris({("SKM", 7, 8): "x", ("SKM", 8, 8): "x", ("Sarpras", 5, 5): "x"}) == \
        ["SKM!H7:H8", "Sarpras!E5"]


def test_text_is_written_as_text():
    assert W.nilai_excel("1/9") == "'1/9"
    assert W.nilai_excel("0,111") == "'0,111"
    assert W.nilai_excel(None) == "" and W.nilai_excel("") == ""
    assert W.nilai_excel(2.5) == 2.5 and W.nilai_excel(float("nan")) == ""
    assert W.rumus_tautan("'Rekap ''X'''!B5", 'B"5') == '=HYPERLINK("#\'Rekap \'\'X\'\'\'!B5","B""5")'


# ------------------------------------------------------- desktop artefacts


def _vba(path: Path) -> dict[str, str]:
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(path))
    try:
        return {module: code for _, _, module, code in parser.extract_macros()}
    finally:
        parser.close()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_pasang_xlsm_structure(tmp_path):
    from xl_iku.excel.pasang import buat_xlsm

    src = tmp_path / "IKU Bathin-Solapan 2024.xlsx"
    src.write_bytes(SAMPEL.read_bytes())
    a = buat_xlsm(src, interpreter="C:/Python311/python.exe")
    assert a.berkas.name == "IKU_Bathin_Solapan_2024.xlsm"  # importable module name
    assert a.modul.name == "IKU_Bathin_Solapan_2024.py"
    # The VBA is xlwings' own: SampleCall imports the module named after the workbook.
    vba = _vba(a.berkas)
    assert {"xlwings.bas", "Module1.bas", "Dictionary.cls"} <= set(vba)
    assert "Sub SampleCall()" in vba["Module1.bas"]
    assert 'RunPython "import " & mymodule & ";" & mymodule & ".main()"' in vba["Module1.bas"]
    assert "ThisWorkbook.Name" in vba["Module1.bas"]
    assert "from xl_iku.excel import main" in a.modul.read_text(encoding="utf-8")
    spec = importlib.util.spec_from_file_location(a.modul.stem, a.modul)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    import xl_iku.excel

    assert mod.main is xl_iku.excel.main
    # The shape: named Hitung, bound to the macro, no hyperlink in this copy.
    z = zipfile.ZipFile(a.berkas)
    drawing = z.read("xl/drawings/drawing1.xml").decode()
    assert re.search(r'<xdr:sp macro="\[0\]!SampleCall"[^>]*><xdr:nvSpPr><xdr:cNvPr id="\d+" name="Hitung"', drawing)
    assert "hlinkClick" not in drawing
    ct = z.read("[Content_Types].xml").decode()
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in ct
    assert 'PartName="/xl/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"' in ct
    assert "relationships/vbaProject" in z.read("xl/_rels/workbook.xml.rels").decode()
    assert 'codeName="ThisWorkbook"' in z.read("xl/workbook.xml").decode()
    wb = openpyxl.load_workbook(a.berkas, keep_vba=True)
    assert wb.sheetnames == openpyxl.load_workbook(SAMPEL).sheetnames
    # Still an xl-iku workbook: the CLI computes the .xlsm the same way.
    out = tmp_path / "hasil.xlsm"
    hitung_berkas(a.berkas, out, waktu=WAKTU)
    assert zipfile.ZipFile(out).read("xl/vbaProject.bin") == z.read("xl/vbaProject.bin")
    # Interpreter for this platform; xlwings' conf format ("KEY","value").
    assert a.konfigurasi.name == "xlwings.conf"
    for line in a.konfigurasi.read_text(encoding="utf-8").splitlines():
        assert re.fullmatch(r'"[A-Z_]+","[^"]*"', line)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_pasang_addin_structure(tmp_path):
    from lxml import etree

    from xl_iku.excel.pasang import buat_addin

    a = buat_addin(tmp_path)
    assert a.berkas.name == "xl_iku_addin.xlam" and a.modul.name == "xl_iku_addin.py"
    z = zipfile.ZipFile(a.berkas)
    ui = etree.fromstring(z.read("customUI/customUI.xml"))
    ns = {"c": "http://schemas.microsoft.com/office/2006/01/customui"}
    (tab,) = ui.findall(".//c:tab", ns)
    (button,) = ui.findall(".//c:button", ns)
    assert tab.get("label") == "xl-iku"
    assert button.get("label") == "Hitung IKU" and button.get("onAction") == "RibbonMyAddin.RunMain"
    assert "ui/extensibility" in z.read("_rels/.rels").decode()
    vba = _vba(a.berkas)
    assert "Sub RunMain(control As IRibbonControl)" in vba["RibbonMyAddin.bas"]
    assert 'RunPython "import " & mymodule & ";" & mymodule & ".main()"' in vba["RibbonMyAddin.bas"]
    assert 'PROJECT_NAME As String = "myaddin"' in vba["xlwings.bas"]
    # Its settings live in its own config sheet (xlwings reads ThisWorkbook's
    # "myaddin.conf" sheet for custom add-ins), not in a file beside it.
    assert a.konfigurasi is None and not (tmp_path / "myaddin.conf").exists()
    wbxml = etree.fromstring(z.read("xl/workbook.xml"))
    m = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    assert [s.get("name") for s in wbxml.iter(m + "sheet")] == ["myaddin.conf"]
    sheet = etree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    kunci = "Interpreter_Mac" if sys.platform == "darwin" else "Interpreter_Win"
    sst = etree.fromstring(z.read("xl/sharedStrings.xml"))
    strings = ["".join(si.itertext()) for si in sst.iter(m + "si")]
    isi = {}
    for row in sheet.iter(m + "row"):
        cells = row.findall(m + "c")
        if cells and cells[0].get("t") == "s":
            isi[strings[int(cells[0].findtext(m + "v"))]] = "".join(cells[1].itertext()) if len(cells) > 1 else None
    assert isi[kunci] == sys.executable and isi["PYTHONPATH"] is None
    assert "from xl_iku.excel import main" in a.modul.read_text(encoding="utf-8")


def _xl_iku(capsys, *args):
    """The real command line in this process: its error boundary turns FileError into exit 2."""
    from xl_iku.cli.main import main

    try:
        main([str(a) for a in args])
    except SystemExit as e:
        kode = e.code
    o = capsys.readouterr()
    return kode, o.out + o.err


def test_cli_pasang_excel(tmp_path, capsys):
    src = tmp_path / "Contoh.xlsx"
    src.write_bytes(SAMPEL.read_bytes())
    kode, keluaran = _xl_iku(capsys, "pasang-excel", src)
    assert kode == 0, keluaran
    assert (tmp_path / "Contoh.xlsm").exists() and (tmp_path / "Contoh.py").exists()
    kode, keluaran = _xl_iku(capsys, "pasang-excel", src)
    assert kode == 2 and "sudah ada" in keluaran
    kode, keluaran = _xl_iku(capsys, "pasang-excel", tmp_path / "tidak_ada.xlsx")
    assert kode == 2 and "Traceback" not in keluaran
    kode, keluaran = _xl_iku(capsys, "pasang-excel", "--addin", "-f", tmp_path)
    assert kode == 0 and (tmp_path / "xl_iku_addin.xlam").exists()


def test_beranda_status_same_on_both_paths(cli, remote):
    """Beranda's status line is layout's, written by both writers (`xl-iku hitung`
    used to leave "Belum dihitung.")."""
    from xl_iku import layout

    _, out = remote(SAMPEL, dates="builtin")
    lewat_berkas = _isi(cli(SAMPEL), K.LEMBAR_BERANDA, K.SEL_STATUS).value
    assert lewat_berkas == _isi(out, K.LEMBAR_BERANDA, K.SEL_STATUS).value
    h = hitung_berkas(SAMPEL, cli(SAMPEL).with_name("lagi.xlsx"), waktu=WAKTU).hasil
    assert lewat_berkas == layout.status_beranda(h, WAKTU)
    assert lewat_berkas == (f"Terakhir dihitung 1 Juli 2024 pukul 10.05: {h.jumlah_galat} galat, "
                            f"{h.jumlah_peringatan} peringatan (lihat lembar Validasi).")


@pytest.mark.parametrize("nama", ["xl-iku", "json", "xlwings", "XL_IKU_2024", "os"])
def test_pasang_never_writes_a_module_that_shadows_one(tmp_path, nama):
    from xl_iku.excel.pasang import buat_xlsm

    src = tmp_path / f"{nama}.xlsx"
    src.write_bytes(SAMPEL.read_bytes())
    a = buat_xlsm(src, interpreter="C:/Python311/python.exe")
    stem = a.modul.stem
    assert stem.startswith("buku_") and a.berkas.stem == stem
    assert importlib.util.find_spec(stem) is None  # nothing else answers to this name
    assert "sama dengan modul Python" in a.catatan and stem in a.catatan
    assert not (tmp_path / f"{nama.replace('-', '_')}.py").exists()


def test_xlwings_conf_is_ansi_and_refuses_what_vba_cannot_read(tmp_path):
    from xl_iku.excel.pasang import FileError, buat_xlsm

    src = tmp_path / "IKU.xlsx"
    src.write_bytes(SAMPEL.read_bytes())
    a = buat_xlsm(src, interpreter="C:/Users/José/python.exe")
    raw = a.konfigurasi.read_bytes()
    assert "José".encode("cp1252") in raw and "José".encode("utf-8") not in raw
    assert raw.decode("cp1252").endswith('"SHOW_ERROR_POPUPS","True"\r\n')
    # A path VBA cannot read back: refused with a clear message, nothing written.
    src2 = tmp_path / "lain" / "IKU.xlsx"
    src2.parent.mkdir()
    src2.write_bytes(SAMPEL.read_bytes())
    with pytest.raises(FileError, match="tidak dapat dibaca makro") as e:
        buat_xlsm(src2, interpreter="C:/Users/Дмитрий/python.exe")
    assert "Д" in e.value.pesan
    assert sorted(p.name for p in src2.parent.iterdir()) == ["IKU.xlsx"]


def test_pasang_overwrites_xlwings_conf_only_with_timpa(tmp_path):
    from xl_iku.excel.pasang import FileError, buat_xlsm

    src = tmp_path / "IKU.xlsx"
    src.write_bytes(SAMPEL.read_bytes())
    (tmp_path / "xlwings.conf").write_bytes(b'"INTERPRETER_WIN","D:/lain/python.exe"\r\n')
    with pytest.raises(FileError, match="xlwings.conf' sudah ada"):
        buat_xlsm(src)
    assert not (tmp_path / "IKU.xlsm").exists()
    assert b"D:/lain" in (tmp_path / "xlwings.conf").read_bytes()
    buat_xlsm(src, timpa=True, interpreter="C:/Python311/python.exe")
    assert b"C:/Python311" in (tmp_path / "xlwings.conf").read_bytes()


class _Nilai:
    def __init__(self, v):
        self.v = v

    def get(self):
        if isinstance(self.v, Exception):
            raise self.v
        return self.v


def test_macos_protection_keeps_its_options(monkeypatch):
    """Structural (no Mac here): the AppleScript calls the writer makes, on a fake sheet."""
    izin = {W._Proteksi._mac(k): (i % 2 == 0) for i, k in enumerate(W._Proteksi._IZIN)}
    assert W._Proteksi._mac("AllowFormattingCells") == "allow_formatting_cells"

    class Api:
        def __init__(self, rusak=False):
            self.protect_contents = _Nilai(True)
            self.protect_drawing_objects = _Nilai(False)
            self.protect_scenarios = _Nilai(True)
            self.protection = types.SimpleNamespace(**{k: _Nilai(RuntimeError() if rusak and k == "allow_sorting"
                                                               else v) for k, v in izin.items()})
            self.calls = []

        def unprotect(self):
            self.calls.append(("unprotect", {}))

        def protect_worksheet(self, **kw):
            self.calls.append(("protect", kw))

    monkeypatch.setattr(W.sys, "platform", "darwin")
    sheet, rusak = types.SimpleNamespace(api=Api()), types.SimpleNamespace(api=Api(rusak=True))
    p = W._Proteksi()
    p.buka(sheet)
    p.buka(rusak)
    p.tutup()
    assert sheet.api.calls == [("unprotect", {}), ("protect", {"contents": True, "drawing_objects": False,
                                                              "scenarios": True, **izin})]
    assert rusak.api.calls == []  # an unreadable option: left protected, never re-protected with less


def test_cli_pasang_excel_says_when_it_renames(tmp_path, capsys):
    src = tmp_path / "json.xlsx"
    src.write_bytes(SAMPEL.read_bytes())
    kode, keluaran = _xl_iku(capsys, "pasang-excel", src)
    assert kode == 0, keluaran
    assert "Catatan:" in keluaran and "buku_json" in keluaran
    assert (tmp_path / "buku_json.py").exists() and not (tmp_path / "json.py").exists()


SYS_PYTHON = "/usr/bin/python3"


def test_libreoffice_loads_the_vba_project_and_binds_the_shape(tmp_path):
    """LibreOffice (UNO) reads the .xlsm's VBA project and resolves the Hitung
    shape to xlwings' SampleCall — the closest to Excel this machine has."""
    import json
    import shutil

    if shutil.which("soffice") is None or subprocess.run(
            [SYS_PYTHON, "-c", "import uno"], capture_output=True).returncode != 0:
        if os.environ.get("XL_IKU_CI"):
            pytest.fail("LibreOffice with python3-uno missing in CI (see .ci/run)")
        pytest.skip("LibreOffice/python3-uno not available")
    from xl_iku.excel.pasang import buat_xlsm

    src = tmp_path / "IKU_2024.xlsx"
    src.write_bytes(SAMPEL.read_bytes())
    a = buat_xlsm(src, interpreter="C:/Python311/python.exe")
    r = subprocess.run([SYS_PYTHON, str(ROOT / "tests" / "uno_makro.py"), str(a.berkas), str(tmp_path / "lo")],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert {"Module1", "xlwings", "Dictionary"} <= set(out["modul"]["VBAProject"])
    assert out["bentuk"]["Hitung"] == {
        "event": "OnClick",
        "script": "vnd.sun.star.script:VBAProject.Module1.SampleCall?language=Basic&location=document"}
