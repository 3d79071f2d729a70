"""The OOXML toolkit (`xl_iku.dasar.ooxml`): one serial-date conversion, one
Indonesian number text, one control-character rule for the whole product."""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from babel.numbers import format_decimal
from hypothesis import given, strategies as st

from xl_iku.dasar.ooxml import angka_teks, angka_xml, bersih, dari_serial, ke_serial

ROOT = Path(__file__).resolve().parent.parent


def test_serial_known_values():
    # Excel shows 45471 as 28/06/2024, 61 as 01/03/1900, 1 as 01/01/1900; 0.5 is noon.
    assert ke_serial(date(2024, 6, 28)) == 45471.0
    assert ke_serial(datetime(2024, 6, 28, 12)) == 45471.5
    assert ke_serial(date(1900, 3, 1)) == 61.0
    assert dari_serial(45471) == date(2024, 6, 28)
    assert dari_serial(45471.25) == datetime(2024, 6, 28, 6)
    assert dari_serial(61) == date(1900, 3, 1)
    assert dari_serial(60) == date(1900, 3, 1)  # Excel's fictitious 29 Feb 1900 has no date
    assert dari_serial(1) == date(1900, 1, 1)


@given(st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 30)))
def test_serial_round_trip_to_the_second(dt):
    dt = dt.replace(microsecond=0)
    back = dari_serial(ke_serial(dt))
    assert (back if isinstance(back, datetime) else datetime(back.year, back.month, back.day)) == dt


def test_number_text_by_hand():
    assert angka_teks(1234.5) == "1.234,50"
    # Half away from zero on the number as typed, as Excel's 0,00 shows it (KONTRAK §3):
    # the float 2.675 lies a hair below 2,675 and round() gives 2,67.
    assert angka_teks(2.675, 2) == "2,68"
    assert angka_teks(100.725) == "100,73"
    assert angka_teks(0.5, 0) == "1" and angka_teks(-2.5, 0) == "-3" and angka_teks(-0.004) == "0,00"
    assert angka_teks(84.21) == "84,21"
    assert angka_teks(1200, 0) == "1.200"
    assert angka_teks(-1234567.891, 1) == "-1.234.567,9"
    assert angka_teks(None) == ""
    assert angka_teks(85.0, None) == "85"
    assert angka_teks(0.1, None) == "0,1"
    assert angka_teks(1e-05, None) == "0,00001"
    assert angka_teks(Decimal("0.5989"), None) == "0,5989"
    assert angka_teks(1234567.0, None, ribuan=False) == "1234567"
    assert angka_teks(1234.5, None) == "1.234,5"


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.integers(min_value=0, max_value=4))
def test_number_text_matches_babel_id_locale(x, digits):
    pola = "#,##0" + ("." + "0" * digits if digits else "")
    tepat = Decimal(repr(x)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    harap = format_decimal(tepat, format=pola, locale="id", decimal_quantization=False)
    if not tepat:
        harap = harap.lstrip("-")  # -0,001 prints 0,00
    assert angka_teks(x, digits) == harap


def test_cell_text_and_numbers():
    assert bersih("a\x00b\x0bc\x1fd\ufffe\tx\ny\rz") == "abcd\tx\ny\rz"
    assert angka_xml(12.0) == "12" and angka_xml(0.1) == "0.1" and angka_xml(7) == "7"


def _grep(pola: str) -> list[str]:
    out = subprocess.run(["git", "grep", "--untracked", "-n", "-E", pola, "--", "xl_iku"], cwd=ROOT, capture_output=True, text=True)
    return [line for line in out.stdout.splitlines() if line]


def test_one_implementation_each():
    """`git grep` finds one Excel epoch, one control-character class, no
    hand-made decimal comma outside the toolkit."""
    if subprocess.run(["git", "rev-parse"], cwd=ROOT, capture_output=True).returncode:
        import pytest

        pytest.skip("not a git checkout")
    assert [x.split(":")[0] for x in _grep(r"1899, *12, *30")] == ["xl_iku/dasar/ooxml.py"]
    assert [x.split(":")[0] for x in _grep(re.escape(r"\x00-\x08"))] == ["xl_iku/dasar/ooxml.py"]
    assert [x.split(":")[0] for x in _grep(r"format_decimal|replace\(\"\.\", \"\,\"\)|replace\('\.', ','\)")
            if "rules/ikm.py" not in x] == []
