"""Two tiers (README "Pengembangan"): `python -m pytest -m "not lambat"` runs the
rules, validation, engine and everything else that needs only Python; the full
`python -m pytest -n 2` adds the tests marked `lambat`: real components
(LibreOffice, poppler, Pyodide on Node, a started xl-iku server, the wheel
build), the 10× workbook, and the adapters and outputs driven end to end.

A test is marked `lambat` without anyone remembering to:

* its fixtures (direct or through other fixtures) include one in
  `KOMPONEN_NYATA` — the shared, session- or module-scoped fixtures that start
  or build a real component once for every test that needs it;
* or it carries a skip condition for a missing real component (a `skipif`
  whose reason names LibreOffice, poppler, Pyodide or Node);
* or its module is in `MODUL_LAMBAT` (adapters and outputs end to end), or it
  is marked by hand.

And in the fast tier a test that starts LibreOffice, Node or a build
in the pytest process itself fails with a message saying how to mark it, so a
new unmarked test cannot slow the fast tier down unnoticed.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LAMBAT = "lambat"

# (module the fixture is defined in, fixture name): the same name means
# different things in different modules (`berkas`).
KOMPONEN_NYATA = {
    ("conftest", "besar"),            # 10× the sample's registers
    ("conftest", "soffice"),          # LibreOffice
    ("test_baca_sel", "berkas"),      # LibreOffice re-saves of every variant
    ("test_sifat_lite", "berkas_lo"),
    ("test_faithful", "corpus"),      # includes a LibreOffice re-save
    ("test_cetak", "cetakan"),        # every printed file through LibreOffice + poppler
    ("test_laporan", "pdf_teks"),
    ("test_pdf", "contoh"),           # xl-iku pdf (LibreOffice) on the sample
    ("test_lite", "pyodide"),         # the wheel build + Pyodide on Node
    ("test_server", "server"),        # a started xl-iku server
    ("test_batch", "folder_besar"),   # 16 workbooks, killed and resumed batches
}
_KATA_KOMPONEN = ("libreoffice", "soffice", "poppler", "pyodide", "node")
# Whole modules that drive an adapter or an output end to end — the CLI in a
# subprocess, the xlwings harness over whole workbooks, batches of workbooks,
# documents and print — rather than a rule, a check or the engine.
MODUL_LAMBAT = {
    "test_kill",            # `xl-iku hitung` killed at every step of its save
    "test_excel",           # the Excel adapter through the xlwings harness, against the CLI
    "test_sifat_lite",      # xlwings Lite's payload and questions, whole workbooks
    "test_xlwings_harness", # the harness itself, up to 5.000 rows
    "test_batch",           # batches of workbooks in worker processes
    "test_batch_format",
    "test_laporan",         # Word/PDF documents and their charts
    "test_grafik",
    "test_pdf",
    "test_cetak",           # print geometry checked in the written packages and PDFs
    "test_server",
    "test_kinerja",         # the benchmark's child programs
    "test_impor",           # `xl-iku impor-skm` on whole workbooks and exports
    "test_cli_berkas",      # unusable files through the CLI (test_package refuses them in-process)
}

# Programs a fast test must not start (in this process); poppler's text tools take
# milliseconds and stay allowed.
_PROGRAM_LAMBAT = {"soffice", "soffice.bin", "libreoffice", "node", "npm"}


def _lambat(item: pytest.Item) -> bool:
    if item.get_closest_marker(LAMBAT) or item.module.__name__.rsplit(".", 1)[-1] in MODUL_LAMBAT:
        return True
    for name, defs in item._fixtureinfo.name2fixturedefs.items():
        for fd in defs:
            if (fd.func.__module__.rsplit(".", 1)[-1], name) in KOMPONEN_NYATA:
                return True
    for m in item.iter_markers("skipif"):
        if any(k in str(m.kwargs.get("reason", "")).lower() for k in _KATA_KOMPONEN):
            return True
    return False


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _lambat(item):
            item.add_marker(LAMBAT)


@pytest.fixture(autouse=True)
def _jaga_tingkat_cepat(request, monkeypatch):
    """In a test not marked `lambat`, starting a real component fails and says how to mark it."""
    if request.node.get_closest_marker(LAMBAT):
        yield
        return
    asli = subprocess.Popen._execute_child

    def dijaga(self, args, executable, *rest, **kw):
        argv = [args] if isinstance(args, (str, bytes, os.PathLike)) else list(args)
        program = os.path.basename(str(executable or argv[0]))
        if program in _PROGRAM_LAMBAT or argv[1:3] == ["-m", "build"]:
            pytest.fail(f"{request.node.nodeid} menjalankan {program}: pakai fixture `soffice` (tests/conftest.py) "
                        f"atau tandai @pytest.mark.{LAMBAT} agar uji ini masuk tingkat lengkap, bukan tingkat cepat")
        return asli(self, args, executable, *rest, **kw)

    monkeypatch.setattr(subprocess.Popen, "_execute_child", dijaga)
    yield


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice's soffice for the tests that render or re-save with it; those
    tests are `lambat`.  Missing: skipped, or failed in CI (XL_IKU_CI=1)."""
    path = shutil.which("soffice")
    if path is None:
        if os.environ.get("XL_IKU_CI"):
            pytest.fail("LibreOffice (soffice) missing in CI; see .ci/run")
        pytest.skip("LibreOffice tidak terpasang")
    return path


@pytest.fixture(scope="session")
def besar(tmp_path_factory) -> Path:
    """10× the sample's registers (SKM, Layanan, Pengaduan, Kamtibmas), built once per worker."""
    from xl_iku.template.build import buat
    from xl_iku.template.contoh import data_contoh

    path = tmp_path_factory.mktemp("besar") / "Besar_IKU.xlsx"
    peng, tabel = data_contoh(skala=10)
    buat(path, peng, tabel)
    return path


@pytest.fixture(scope="session")
def versi_templat() -> None:
    """The committed template and sample equal a fresh build only with the
    XlsxWriter and python-holidays they were built with (.ci/constraints.txt,
    which CI installs).  With other versions — the newest pyproject allows, on
    a new machine — the comparison is skipped, in CI it fails."""
    from importlib.metadata import version

    akar = Path(__file__).resolve().parent.parent
    beda = []
    for baris in (akar / ".ci" / "constraints.txt").read_text(encoding="utf-8").splitlines():
        baris = baris.split("#")[0].strip()
        if baris:
            nama, versi = baris.split("==")
            if version(nama) != versi:
                beda.append(f"{nama} {version(nama)} (templat dibangun dengan {versi})")
    if beda:
        pesan = "versi lain dari yang membangun templat: " + ", ".join(beda) + "; lihat .ci/constraints.txt"
        if os.environ.get("XL_IKU_CI"):
            pytest.fail(pesan)
        pytest.skip(pesan)
