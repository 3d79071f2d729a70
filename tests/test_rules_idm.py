from decimal import Decimal
from fractions import Fraction

import pytest

from xl_iku import referensi
from xl_iku.rules.idm import status_idm


@pytest.mark.parametrize(
    "nilai, harap",
    [
        (0, "Sangat Tertinggal"),
        ("0.4907", "Sangat Tertinggal"),
        ("0.4908", "Tertinggal"),
        ("0,5989", "Tertinggal"),
        ("0.5990", "Berkembang"),
        ("0.7072", "Berkembang"),
        (0.7073, "Maju"),
        (0.8155, "Maju"),  # float read via repr: exactly 0.8155
        (Decimal("0.8155"), "Maju"),
        ("0,8155", "Maju"),
        (0.8156, "Mandiri"),
        (Fraction(81551, 100000), "Mandiri"),  # 0.81551 > 0.8155
        (1, "Mandiri"),
    ],
)
def test_status_idm(nilai, harap):
    assert status_idm(nilai) == harap


def test_status_idm_tabel_urutan_bebas():
    tabel = tuple(reversed(referensi.STATUS_IDM))
    assert status_idm("0.8155", tabel) == "Maju"
    assert status_idm("0.8156", tabel) == "Mandiri"
    assert status_idm("0.4907", tabel) == "Sangat Tertinggal"
