"""The benchmark's arithmetic (benchmarks/kinerja.py): the slope and R² it reports."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("kinerja", Path(__file__).resolve().parents[1] / "benchmarks" / "kinerja.py")
kinerja = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(kinerja)


def test_regresi_garis_tepat():
    # y = 0,3 + 0,00009·x: a start-up of 0,3 s and 9 s per 100.000 rows.
    xs = [1_000.0, 10_000.0, 100_000.0, 300_000.0]
    a, b, r2 = kinerja.regresi(xs, [0.3 + 9e-5 * x for x in xs])
    assert a == pytest.approx(0.3)
    assert b == pytest.approx(9e-5)
    assert r2 == pytest.approx(1.0)


def test_regresi_kuadrat_tidak_linear():
    # Hand-computed: x = 1,2,3, y = 1,4,9 → b = 4, a = -10/3, residuals 1/3,-2/3,1/3 → R² = 1 - (2/3)/(98/3) = 48/49.
    a, b, r2 = kinerja.regresi([1.0, 2.0, 3.0], [1.0, 4.0, 9.0])
    assert b == pytest.approx(4.0)
    assert a == pytest.approx(-10 / 3)
    assert r2 == pytest.approx(48 / 49)


def test_angka_indonesia():
    assert kinerja._d(1234.567) == "1.234,57"
    assert kinerja._d(300_000, 0) == "300.000"


# What `xl-iku hitung` must not load.  Third-party packages here are never
# loaded by what hitung needs, so they are checked as they are; standard-library
# and xl-iku modules are checked only where no dependency loads them itself
# (pydantic 2.14's `pydantic.types` imports `secrets`, hence `hashlib`: a
# dependency's import is not xl-iku's choice and costs hitung nothing extra).
_LUAR_HITUNG = ("babel", "xlsxwriter", "matplotlib", "docx", "openpyxl", "holidays", "rich.progress")
_LUAR_HITUNG_STDLIB = ("multiprocessing", "hashlib", "xml.sax", "xl_iku.batch", "xl_iku.laporan", "xl_iku.template")

_MODUL_SETELAH = "sys.__stderr__.write(json.dumps([kode, sorted(sys.modules)]))\n"


def _modul_dimuat(kode: str) -> tuple[object, set[str]]:
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-c", kode + _MODUL_SETELAH], capture_output=True, text=True, timeout=120,
                       cwd=Path(__file__).resolve().parents[1])
    kode_keluar, modul = json.loads(r.stderr.strip().splitlines()[-1])
    return kode_keluar, set(modul)


def test_hitung_hanya_mengimpor_yang_dipakainya(tmp_path):
    """`xl-iku hitung` (a fresh interpreter on every click and every CLI run,
    issue 14) does not load what other commands need: the batch runner and its
    progress bar, the documents, the template writer, babel's locale data."""
    import shutil

    src = tmp_path / "contoh.xlsx"
    shutil.copyfile(Path(__file__).resolve().parents[1] / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx", src)
    kode_keluar, dimuat = _modul_dimuat(
        "import sys, json\n"
        "from xl_iku.cli.main import main\n"
        f"sys.argv = ['xl-iku', 'hitung', {str(src)!r}, '-o', {str(tmp_path / 'hasil.xlsx')!r}]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    kode = e.code\n"
    )
    assert kode_keluar == 0
    assert {"xl_iku.app", "pydantic", "python_calamine"} <= dimuat  # the run did run
    assert sorted(m for m in _LUAR_HITUNG if m in dimuat) == []
    # What the run's own third-party modules load in a fresh interpreter, without xl-iku.
    stdlib = sys.stdlib_module_names
    pihak_ketiga = sorted(m for m in dimuat if m.split(".")[0] not in stdlib and m.split(".")[0] != "xl_iku"
                          and not m.startswith("_"))
    _, oleh_pustaka = _modul_dimuat(
        "import importlib, json, sys\n"
        f"for m in {pihak_ketiga!r}:\n"
        # cython_runtime and the like sit in sys.modules but cannot be imported.
        "    try:\n        importlib.import_module(m)\n    except ImportError:\n        pass\n"
        "kode = 0\n"
    )
    assert "xl_iku" not in oleh_pustaka
    assert sorted(m for m in _LUAR_HITUNG_STDLIB if m in dimuat and m not in oleh_pustaka) == []


def test_banding_dua_pohon(capsys):
    """benchmarks/banding.py runs both trees on the workbook and prints each
    beside the bare read (the same tree twice here: one run each)."""
    spec = importlib.util.spec_from_file_location("banding", Path(__file__).resolve().parents[1] / "benchmarks" / "banding.py")
    banding = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(banding)
    akar = Path(__file__).resolve().parents[1]
    assert banding.main([str(akar), str(akar), str(akar / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"), "--ulang", "1"]) == 0
    baris = capsys.readouterr().out.strip().splitlines()
    assert baris[0].startswith("baca polos: CPU ") and len(baris) == 2  # a tree given twice is one entry
    rasio = float(baris[1].split("(")[1].split("×")[0].replace(",", "."))
    assert rasio > 0  # a ratio was printed; how large it is belongs to the benchmark, not to a test
