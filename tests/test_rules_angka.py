from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from xl_iku.rules.angka import bulat, ke_decimal, ke_fraction


@pytest.mark.parametrize(
    "masuk, harap",
    [
        (0.1, Decimal("0.1")),  # repr, not the binary 0.1000000000000000055…
        (2.675, Decimal("2.675")),
        (7, Decimal("7")),
        ("0,8155", Decimal("0.8155")),
        (" 0.8155 ", Decimal("0.8155")),
        ("-12,5", Decimal("-12.5")),
        ("1.234,5", Decimal("1234.5")),  # Indonesian thousands dot
        (Decimal("70.00"), Decimal("70.00")),
        (Fraction(3, 8), Decimal("0.375")),  # 3/8 = 0.375 exactly
        (Fraction(-17661, 200), Decimal("-88.305")),  # 17661/200 = 88.305
    ],
)
def test_ke_decimal(masuk, harap):
    hasil = ke_decimal(masuk)
    assert hasil == harap
    assert str(hasil) == str(harap)


def test_ke_decimal_fraction_tak_berujung_28_digit_lebih():
    # 1/3 has no finite expansion; at least 28 threes must come out.
    hasil = ke_decimal(Fraction(1, 3))
    assert str(hasil).startswith("0." + "3" * 28)


@pytest.mark.parametrize("teks", ["", "abc", "1,2,3", "NaN", "Infinity", "1_000", "1.2.3,4", "12,34.5"])
def test_ke_decimal_teks_salah(teks):
    with pytest.raises(ValueError):
        ke_decimal(teks)


def test_ke_decimal_tolak_bool_dan_nan():
    with pytest.raises(TypeError):
        ke_decimal(True)
    with pytest.raises(ValueError):
        ke_decimal(float("nan"))
    with pytest.raises(ValueError):
        ke_decimal(float("inf"))
    with pytest.raises(TypeError):
        ke_decimal(None)


def test_ke_fraction_exact():
    assert ke_fraction(0.1) == Fraction(1, 10)
    assert ke_fraction("0,111") == Fraction(111, 1000)
    assert ke_fraction(Fraction(1, 9)) == Fraction(1, 9)


@pytest.mark.parametrize(
    "masuk, digits, harap",
    [
        (Fraction(17661, 200), 2, "88.31"),  # exact 88.305 → half-up → 88.31
        (Fraction(17661, 200) - Fraction(1, 10**30), 2, "88.30"),  # a hair below the tie
        (Decimal("0.125"), 2, "0.13"),  # banker's rounding would give 0.12
        (Decimal("0.135"), 2, "0.14"),
        (2.675, 2, "2.68"),  # the float is 2.67499999…, the user typed 2.675
        (1.005, 2, "1.01"),
        (-2.5, 0, "-3"),  # ties away from zero, like Excel ROUND
        (-0.001, 2, "0.00"),  # no negative zero
        (Fraction(23875, 261), 2, "91.48"),  # 91.47509… (IKM 1/9 example)
        (Fraction(23875, 261), 4, "91.4751"),
        (91, 2, "91.00"),
        (1250, -2, "1.3E+3"),  # 12.5 hundreds → 13 hundreds
    ],
)
def test_bulat(masuk, digits, harap):
    hasil = bulat(masuk, digits)
    assert str(hasil) == harap


@given(st.decimals(min_value=-10**6, max_value=10**6, places=6, allow_nan=False, allow_infinity=False),
       st.integers(min_value=0, max_value=5))
def test_bulat_sama_dengan_quantize_half_up(x, digits):
    from decimal import ROUND_HALF_UP

    harap = x.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    assert bulat(x, digits) == harap
    assert bulat(Fraction(x), digits) == harap
