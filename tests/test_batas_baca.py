"""Reading is bounded by what the product reads, not by where a stray cell sits
(issue 22, items 1 and 2).

A single value at XFD1048576 used to abort `xl-iku hitung` (python-calamine
asked for 512 GB for its dense grid), one at CV1048576 cost 4,1 GB, and every
table stretched to row 1.048.576 cost 6,1 GB.  The workbooks are built here
from the sample by editing its XML (the edit an office makes: Ctrl+↓,
Ctrl+→, type; or a table range dragged to the sheet's end), `hitung` runs in
a child process, and its peak memory (wait4 of that child) must stay under
500 MB — a regression here is tenfold — with the sample's numbers unchanged.
Timing is benchmarks/batas.py's.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests import xlwings_remote as xr  # sets XLWINGS_LICENSE_KEY before xlwings is imported

from xl_iku import engine
from xl_iku.excel import reader as R
from xl_iku.io import file_reader
from xl_iku.io import sel_berkas
from xl_iku.io.package import Package
from xl_iku.io.sel_berkas import pindai

AKAR = Path(__file__).resolve().parents[1]
SAMPEL = AKAR / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"
BATAS_MB = 500


# ---------------------------------------------------------------- workbooks


def _bagian_lembar(nama: str) -> str:
    with Package.open(SAMPEL) as pkg:
        return pkg.sheet(nama).part


def salin_ubah(dst: Path, ubah) -> Path:
    """The sample with `ubah(part name, bytes) -> bytes` applied to every part."""
    with zipfile.ZipFile(SAMPEL) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            zo.writestr(info, ubah(info.filename, zi.read(info)), compress_type=zipfile.ZIP_DEFLATED)
    return dst


def sel_jauh(dst: Path, alamat: str, lembar: str = "SKM", nilai: str = "1") -> Path:
    """One number typed at `alamat` on `lembar`, far below and right of everything."""
    part = _bagian_lembar(lembar)
    baris = re.fullmatch(r"[A-Z]+(\d+)", alamat).group(1)
    tambah = f'<row r="{baris}"><c r="{alamat}"><v>{nilai}</v></c></row></sheetData>'.encode()

    def ubah(n, d):
        return d.replace(b"</sheetData>", tambah, 1) if n == part else d

    return salin_ubah(dst, ubah)


def tabel_panjang(dst: Path) -> Path:
    """Every table's range (and its filter's) stretched to row 1.048.576."""
    def ubah(n, d):
        if n.startswith("xl/tables/"):
            return re.sub(rb'(ref="[A-Z]+\d+:[A-Z]+)\d+"', rb'\g<1>1048576"', d)
        return d

    return salin_ubah(dst, ubah)


KASUS = {
    "XFD1048576": lambda p: sel_jauh(p, "XFD1048576"),
    "CV1048576": lambda p: sel_jauh(p, "CV1048576"),
    "tabel-sampai-1048576": tabel_panjang,
}


# ---------------------------------------------------------------- running hitung


# A small launcher between this (large) test process and the run: a child's
# peak memory counts the pages it shared with its parent before exec, so the
# run's own peak is asked of the launcher's kernel accounting
# (RUSAGE_CHILDREN: its one child).
PELUNCUR = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "rc = subprocess.call(sys.argv[2:])\n"
    "t = time.perf_counter() - t\n"
    "ru = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "open(sys.argv[1], 'w').write(f'{rc} {ru.ru_utime + ru.ru_stime} {t} {ru.ru_maxrss}')\n"
)


def luncur(perintah: list[str], env: dict, stdout=None, stderr=None, cwd=None) -> tuple[int, float, float, float]:
    """(exit code, CPU s, wall s, peak MB) of `perintah`, measured by the launcher."""
    import tempfile

    with tempfile.NamedTemporaryFile("r", suffix=".ukur") as f:
        subprocess.run([sys.executable, "-c", PELUNCUR, f.name, *perintah], env=env, stdout=stdout, stderr=stderr,
                       cwd=cwd, check=True)
        rc, cpu, dinding, kb = f.read().split()
    return int(rc), float(cpu), float(dinding), int(kb) / 1024


def _jalan(src: Path, out: Path) -> tuple[int, dict | None, float, str]:
    """(exit code, JSON, peak MB of the run alone, stderr) of `xl-iku hitung`."""
    env = dict(os.environ, PYTHONPATH=str(AKAR))
    with open(out.with_suffix(".json"), "wb") as fo, open(out.with_suffix(".err"), "wb") as fe:
        rc, _, _, mb = luncur([sys.executable, "-m", "xl_iku", "hitung", str(src), "-o", str(out), "--json", "-"],
                              env, stdout=fo, stderr=fe, cwd=str(out.parent))
    try:
        data = json.loads(out.with_suffix(".json").read_bytes())
    except ValueError:
        data = None
    return rc, data, mb, out.with_suffix(".err").read_text("utf-8", "replace")


@pytest.fixture(scope="module")
def hasil_sampel(tmp_path_factory) -> dict:
    d = tmp_path_factory.mktemp("sampel")
    rc, data, mb, err = _jalan(SAMPEL, d / "hasil.xlsx")
    assert rc == 0, err
    return data


def _sisa_sementara(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".xl-iku.tmp")]


@pytest.mark.parametrize("kasus", list(KASUS))
def test_far_cell_or_stretched_table_costs_what_the_data_costs(kasus, tmp_path, hasil_sampel):
    src = KASUS[kasus](tmp_path / f"{kasus}.xlsx")
    out_dir = tmp_path / "keluar"
    out_dir.mkdir()
    rc, data, mb, err = _jalan(src, out_dir / "hasil.xlsx")
    assert rc == 0, err
    assert mb < BATAS_MB, f"{kasus}: {mb:.0f} MB"
    # The same numbers and findings as the untouched sample: the stray value
    # lies outside every table and setting, a stretched table's extra rows are blank.
    assert data == hasil_sampel
    assert _sisa_sementara(out_dir) == []


def test_far_value_in_a_table_column_is_the_usual_peringatan(tmp_path, hasil_sampel):
    """Q1048576 is in tblSKM's columns, below a gap: the rule of KONTRAK §2 (a
    peringatan at that row), read without a grid down to it."""
    src = sel_jauh(tmp_path / "q.xlsx", "Q1048576", nilai="7")
    rc, data, mb, err = _jalan(src, tmp_path / "hasil.xlsx")
    assert rc == 0, err
    assert mb < BATAS_MB
    assert data["indikator"] == hasil_sampel["indikator"]
    baru = [t for t in data["temuan"] if t not in hasil_sampel["temuan"]]
    assert [(t["tingkat"], t["lembar"], t["sel"]) for t in baru] == [("peringatan", "SKM", "Q1048576")]
    assert "Baris 1048576 di lembar SKM terpisah dari tabel" in baru[0]["pesan"]


def test_stretched_table_with_a_value_at_its_last_row(tmp_path):
    """tblSKM reaching row 1.048.576 with one answer typed there: that row is a
    row of the table (a galat: no date), the 1.048.270 blank rows above it are not."""
    part = _bagian_lembar("SKM")

    def ubah(n, d):
        if n.startswith("xl/tables/"):
            d = re.sub(rb'(ref="[A-Z]+\d+:[A-Z]+)\d+"', rb'\g<1>1048576"', d)
        if n == part:
            d = d.replace(b"</sheetData>", b'<row r="1048576"><c r="H1048576"><v>4</v></c></row></sheetData>', 1)
        return d

    src = salin_ubah(tmp_path / "p.xlsx", ubah)
    raw = file_reader.baca(src)
    skm = raw.tables["tblSKM"]
    assert skm.rows[-1].row == 1048576
    assert skm.rows[-1].values["U1"] == 4
    assert len(skm.rows) == 305 + 1  # the sample's respondents, and the one far down
    rc, data, mb, err = _jalan(src, tmp_path / "hasil.xlsx")
    assert rc == 1, err  # a galat
    assert mb < BATAS_MB
    assert any(t["lembar"] == "SKM" and t["sel"].endswith("1048576") for t in data["temuan"])


def test_crash_case_leaves_no_temp_file(tmp_path):
    """The far-cell case ended in an abort with a .xl-iku.tmp beside the output;
    now it runs, and nothing is left behind in place either (-o omitted)."""
    src = sel_jauh(tmp_path / "buku.xlsx", "XFD1048576")
    env = dict(os.environ, PYTHONPATH=str(AKAR))
    p = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(src)], env=env, capture_output=True,
                       cwd=str(tmp_path))
    assert p.returncode == 0, p.stderr.decode()
    assert _sisa_sementara(tmp_path) == []
    assert b"memory allocation" not in p.stderr


# ---------------------------------------------------------------- the pass before calamine


def test_bounds_pass_sees_the_far_cell():
    with Package.open(SAMPEL) as pkg:
        p = pindai(pkg, pkg.sheet("SKM").part)
    assert p.aman and p.kolom == 17 and p.baris >= 309


@pytest.mark.parametrize("sel", [
    '<c r="XFD1048576"><v>1</v></c>',
    "<c r='XFD1048576'><v>1</v></c>",  # single quotes: calamine reads them
    '<c s="0" r="XFD1048576"><v>1</v></c>',  # r not first
    '<c r = "XFD1048576"><v>1</v></c>',
    '<c r="xfd1048576"><v>1</v></c>',
])
def test_bounds_pass_is_not_fooled_by_the_form_of_a_reference(sel, tmp_path):
    part = _bagian_lembar("SKM")
    src = salin_ubah(tmp_path / "b.xlsx", lambda n, d: d.replace(
        b"</sheetData>", f'<row r="1048576">{sel}</row></sheetData>'.encode(), 1) if n == part else d)
    with Package.open(src) as pkg:
        assert not pindai(pkg, part).aman


def test_cells_placed_by_position_go_through_the_filter(tmp_path):
    """Cells without `r` sit where calamine puts them (after the cell before,
    in the row after the row before); a far one still cannot reach calamine."""
    part = _bagian_lembar("SKM")
    tambah = b'<row r="1048575"><c r="XFC1048575"><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>'
    src = salin_ubah(tmp_path / "c.xlsx", lambda n, d: d.replace(b"</sheetData>", tambah + b"</sheetData>", 1)
                     if n == part else d)
    with Package.open(src) as pkg:
        assert not pindai(pkg, part).aman
    # A1048576 (the r-less row's first cell) is in tblSKM's columns, after a gap.
    raw = file_reader.baca(src)
    assert [(c.lembar, c.sel) for c in raw.catatan if "terpisah" in c.pesan] == [("SKM", "A1048576")]


def test_filtered_read_equals_the_whole_read(monkeypatch):
    """The filter keeps every value the product reads: the sample read with
    every sheet forced through it gives the same tables, names and findings."""
    biasa = file_reader.baca(SAMPEL)
    asli = sel_berkas.pindai

    def paksa(*a, **k):
        p = asli(*a, **k)
        p.aman = False
        return p

    monkeypatch.setattr(file_reader, "pindai", paksa)
    saring = file_reader.baca(SAMPEL)
    assert {n: v.value for n, v in saring.names.items()} == {n: v.value for n, v in biasa.names.items()}
    assert saring.tables.keys() == biasa.tables.keys()
    for n, t in biasa.tables.items():
        s = saring.tables[n]
        assert [r.row for r in s.rows] == [r.row for r in t.rows], n
        assert [dict(r.values) for r in s.rows] == [dict(r.values) for r in t.rows], n
    assert saring.catatan == biasa.catatan
    assert saring.rumus_tanpa_nilai == biasa.rumus_tanpa_nilai
    assert engine.hitung(saring).indikator == engine.hitung(biasa).indikator


# ---------------------------------------------------------------- xlwings (the book dict)


def _ringkas(h):
    return [(i.kode, i.realisasi, i.capaian, i.status) for i in h.indikator]


def test_xlwings_stretched_tables_and_huge_used_range_stay_small():
    """A client's payload with every table reaching row 1.048.576 and every
    used range declared A1:XFD1048576 (values as usual): the grids hold what
    the client sent in the tables' columns, never a padded sheet."""
    import tracemalloc

    payload = xr.payload_from_xlsx(SAMPEL)
    biasa = engine.hitung(R.baca(xr.load_book(payload)).raw)
    for sheet in payload["sheets"]:
        for t in sheet["tables"]:
            t["range_address"] = re.sub(r"\d+$", "1048576", t["range_address"])
            if t.get("data_body_range_address"):
                t["data_body_range_address"] = re.sub(r"\d+$", "1048576", t["data_body_range_address"])
        if sheet.get("used_range_address"):
            sheet["used_range_address"] = "A1:XFD1048576"
    book = xr.load_book(payload)
    tracemalloc.start()
    try:
        bacaan = R.baca(book)
        _, puncak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert puncak < 100 * 1024 * 1024, f"{puncak / 1e6:.0f} MB"
    assert all(g.last_row < 1000 and g.last_col < 100 for g in bacaan.grids.values())
    assert _ringkas(engine.hitung(bacaan.raw)) == _ringkas(biasa)
