"""The benchmark's arithmetic (benchmarks/kinerja.py): the slope and R² it reports."""

import importlib.util
import json
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


def test_hitung_hanya_mengimpor_yang_dipakainya(tmp_path):
    """`xl-iku hitung` (a fresh interpreter on every click and every CLI run,
    issue 14) does not load what other commands need: the batch runner and its
    progress bar, the documents, the template writer, babel's locale data."""
    import shutil
    import subprocess
    import sys

    src = tmp_path / "contoh.xlsx"
    shutil.copyfile(Path(__file__).resolve().parents[1] / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx", src)
    kode = (
        "import sys, json\n"
        "from xl_iku.cli.main import main\n"
        f"sys.argv = ['xl-iku', 'hitung', {str(src)!r}, '-o', {str(tmp_path / 'hasil.xlsx')!r}]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    kode = e.code\n"
        "sys.__stderr__.write(json.dumps([kode, sorted(sys.modules)]))\n"
    )
    r = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, timeout=120)
    kode_keluar, modul = json.loads(r.stderr.strip().splitlines()[-1])
    assert kode_keluar == 0
    dimuat = set(modul)
    for m in ("babel", "multiprocessing", "hashlib", "xl_iku.batch", "rich.progress", "xl_iku.laporan",
              "xl_iku.template", "xlsxwriter", "matplotlib", "docx", "openpyxl", "holidays", "xml.sax"):
        assert m not in dimuat, m
    assert {"xl_iku.app", "pydantic", "python_calamine", "rich.console"} <= dimuat  # the run did run


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
    assert rasio > 1  # computing and writing cost more than reading alone
