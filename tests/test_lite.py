"""xlwings Lite proven in its real runtime: xl-iku's own wheel installed into
Pyodide 314 under Node (tests/lite.py), `xl_iku.excel.hitung` run on Office.js
payloads built from real workbooks.  The actions must equal CPython's for the
same payload, nothing native or command-line may be imported (or even be
installed: the wheel's markers keep it out), and `hitung_iku` must register
as a script with its button, the way xlwings' Pyodide runtime registers
scripts (`XLWINGS_ON_SERVER=true`, `xlwings.server.custom_scripts_meta`, as in
xlwings Server's `wasm/wasm_runtime.py`).

Pyodide starts once per session.  Locally the test skips when the assets are
missing; in CI (`XL_IKU_CI=1`, set by `.ci/run`, which provides them) it fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from tests import lite
from tests import xlwings_remote as xr

from xl_iku import kontrak as K
from xl_iku.template.contoh import data_contoh
from xl_iku.excel import hitung
from xl_iku.template.build import buat

xw = xr.xlwings()

ROOT = Path(__file__).resolve().parent.parent
SAMPEL = ROOT / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"
WAKTU = datetime(2024, 7, 1, 10, 5)
# Native or command-line packages of the file path; none may reach Pyodide.
TERLARANG = ("python_calamine", "typer", "rich", "click", "lxml", "openpyxl", "xlsxwriter", "holidays",
             "defusedxml", "msoffcrypto", "olefile")

PERSIAPAN = """
import os, sys, time
os.environ["XLWINGS_ON_SERVER"] = "true"         # as xlwings' Pyodide runtime (wasm/config.py)
os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"
t = time.perf_counter()
import xlwings as xw, xlwings.server
import xl_iku.excel, xl_iku.excel.script
str(time.perf_counter() - t)
"""

HITUNG = """
import json
from datetime import datetime
book = xw.Book(json=json.loads(MASUKAN))
t = time.perf_counter()
hasil = xl_iku.excel.hitung(book, waktu=datetime(2024, 7, 1, 10, 5))
json.dumps({"ok": hasil is not None, "detik": time.perf_counter() - t,
            "aksi": book.json()["actions"]}, default=str)
"""


@pytest.fixture(scope="session")
def pyodide(tmp_path_factory):
    found = lite.aset()
    if found is None or shutil.which("node") is None:
        if os.environ.get("XL_IKU_CI"):
            pytest.fail("Pyodide/wasm wheels missing in CI (XL_IKU_PYODIDE, XL_IKU_WASM; see .ci/run)")
        pytest.skip("Pyodide not available (set XL_IKU_PYODIDE and XL_IKU_WASM; .ci/run provides them)")
    pyodide_dir, wheels = found
    # xl-iku's wheel from this checkout, built as a release builds it (in a copy:
    # no build/ or egg-info left in the tree).
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "xl_iku", src / "xl_iku", ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "-q", "--wheel", "--outdir", str(dist), str(src)],
                   check=True, capture_output=True)
    (wheel,) = dist.glob("xl_iku-*.whl")
    p = lite.Pyodide(pyodide_dir, [wheel, *wheels])
    p.wheel = wheel
    p.impor_detik = float(p.jalankan(PERSIAPAN))
    print(f"\nPyodide: mulai {p.mulai_ms / 1000:.2f} s, impor xl_iku.excel.script {p.impor_detik:.2f} s")
    yield p
    p.tutup()


def _cpython(payload: dict) -> list:
    book = xw.Book(json=payload)
    assert hitung(book, waktu=WAKTU) is not None
    return json.loads(json.dumps(book.json()["actions"], default=str))


def _buruk(tmp_path_factory) -> Path:
    peng, tabel = data_contoh()
    tabel["tblSKM"][0]["U1"] = 5
    tabel["tblSarpras"][0]["Kondisi Baik"] = 99
    path = tmp_path_factory.mktemp("lite") / "Buruk.xlsx"
    buat(path, peng, tabel)
    return path


@pytest.mark.parametrize("kasus", ["sampel", "tanggal_bawaan", "buruk"])
def test_lite_runs_hitung_with_the_same_actions_as_cpython(pyodide, kasus, tmp_path_factory):
    src = _buruk(tmp_path_factory) if kasus == "buruk" else SAMPEL
    payload = xr.payload_from_xlsx(src, dates="builtin" if kasus == "tanggal_bawaan" else "iso")
    res = json.loads(pyodide.jalankan(HITUNG, json.dumps(payload)))
    assert res["ok"]
    harapan = _cpython(payload)
    assert res["aksi"] == harapan
    funcs = Counter(a["func"] for a in res["aksi"])
    assert funcs["setValues"] == len([*K.LEMBAR_KELUARAN, "Grafik"]) + 2 and "alert" not in funcs  # sheets with Grafik's helper cells, memo, status
    if kasus == "buruk":
        assert funcs["setRangeColors"] >= 2  # SKM and Sarpras marked
    print(f"\n{kasus}: hitung di Pyodide {res['detik']:.2f} s, {len(res['aksi'])} aksi")


def test_lite_imports_nothing_native_nor_cli(pyodide):
    mods = json.loads(pyodide.jalankan(
        "import json, importlib.util\n"
        f"json.dumps({{'dimuat': sorted({{m.split('.')[0] for m in sys.modules}}), "
        f"'terpasang': [m for m in {TERLARANG!r} if importlib.util.find_spec(m) is not None]}})"))
    assert mods["terpasang"] == []
    assert not set(TERLARANG) & set(mods["dimuat"])
    assert {"xl_iku", "xlwings", "pydantic"} <= set(mods["dimuat"])
    assert "babel" not in mods["dimuat"]  # dates are written by dasar.tanggal (issue 14)
    # What the markers give Lite is exactly what the Excel path imports.
    names = {r.split(">")[0].split("<")[0].split("=")[0].split(";")[0].strip().lower()
             for r in lite.kebutuhan_lite(pyodide.wheel)}
    # pydantic-core is declared because the models import PydanticCustomError from it directly.
    assert names == {"pydantic", "pydantic-core", "xlwings"}


def test_lite_registers_hitung_iku_with_its_button(pyodide):
    payload = xr.payload_from_xlsx(SAMPEL)
    res = json.loads(pyodide.jalankan("""
import json
meta = xlwings.server.custom_scripts_meta(xl_iku.excel.script)
book = xw.Book(json=json.loads(MASUKAN))
book = await xlwings.server.custom_scripts_call(
    module=xl_iku.excel.script, script_name="hitung_iku", typehint_to_value={xw.Book: book}, args=[])
json.dumps({"meta": meta, "aksi": [a["func"] for a in book.json()["actions"]]})
""", json.dumps(payload)))
    (meta,) = res["meta"]
    assert meta["function_name"] == "hitung_iku"
    assert meta["button"] == "[Hitung]Beranda!B9"
    assert Counter(res["aksi"]) == Counter(a["func"] for a in _cpython(payload))


LITE_SIFAT = """
import json, js
from datetime import datetime
from xl_iku.excel.sifat import baca_lite
data = json.loads(MASUKAN)
js.globalThis.liteModel = json.dumps(data["model"])
js.globalThis.rangeReads = 0
book = xw.Book(json=data["payload"])
sifat = await baca_lite(book)
hasil = xl_iku.excel.hitung(book, waktu=datetime(2024, 7, 1, 10, 5), sifat=sifat)
json.dumps({"ok": hasil is not None, "tanya": js.globalThis.rangeReads,
            "temuan": [[t.tingkat, t.lembar, t.sel] for t in hasil.temuan] if hasil else [],
            "aksi": book.json()["actions"]}, default=str)
"""


def _kantor(tmp_path_factory) -> Path:
    """The sample as an office edits it: U1 merged over two SKM rows, and the
    first kegiatan's Target/Realisasi typed 0,04 in "0%" cells."""
    import openpyxl
    from openpyxl.utils import range_boundaries

    wb = openpyxl.load_workbook(SAMPEL)
    for ws in wb.worksheets:
        for name, ref in ws.tables.items():
            c1, r1, c2, _ = range_boundaries(ref)
            cols = {ws.cell(r1, c).value: c for c in range(c1, c2 + 1)}
            if name == "tblSKM":
                ws.merge_cells(start_row=r1 + 11, end_row=r1 + 12, start_column=cols["U1"], end_column=cols["U1"])
            if name == "tblKegiatan":
                for h in ("Target", "Realisasi"):
                    c = ws.cell(r1 + 1, cols[h])
                    c.value, c.number_format = c.value / 100, "0%"
    p = tmp_path_factory.mktemp("lite") / "Kantor.xlsx"
    wb.save(p)
    return p


@pytest.mark.parametrize("kasus", ["sampel", "kantor"])
def test_lite_asks_merges_and_formats_on_demand_like_cpython(pyodide, kasus, tmp_path_factory):
    """Real Pyodide, xlwings' real on-demand reads (`client_read` →
    `js.xlwings.getRangeData`), answered with the client's own key check and
    merge rule (xlwings Server's workbook-metadata.js): the same questions,
    findings and actions as CPython's engine answered by LiteSel."""
    from xl_iku.excel.sifat import baca_lite
    import asyncio

    if lite.metadata_js() is None:
        pytest.fail("xlwings-server (a test dependency) is missing its workbook-metadata.js")
    src = SAMPEL if kasus == "sampel" else _kantor(tmp_path_factory)
    payload = xr.payload_from_xlsx(src)
    ls = xr.LiteSel(src)
    res = json.loads(pyodide.jalankan(LITE_SIFAT, json.dumps({"payload": payload, "model": ls.model()},
                                                            default=str)))
    assert res["ok"]
    book = xw.Book(json=payload)
    with ls.pasang():
        sifat = asyncio.run(baca_lite(book))
    h = hitung(book, waktu=WAKTU, sifat=sifat)
    assert res["tanya"] == ls.tanya
    assert sorted(map(tuple, res["temuan"])) == sorted((t.tingkat, t.lembar, t.sel) for t in h.temuan)
    assert res["aksi"] == json.loads(json.dumps(book.json()["actions"], default=str))
    if kasus == "kantor":
        assert ["galat", "SKM", "H15:H16"] in res["temuan"]
        assert sum(1 for t in res["temuan"] if t[0] == "peringatan" and t[1] == "Kegiatan") == 2
    print(f"\n{kasus}: {res['tanya']} pertanyaan ke Excel")
