"""The benchmark's arithmetic (benchmarks/kinerja.py): the slope and R² it reports."""

import importlib.util
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
