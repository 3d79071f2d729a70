from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from xl_iku import referensi
from xl_iku.rules import akip


def test_nilai_akip_persis():
    # 25.5 + 20.25 + 10.1 + 14.15 = 70.00 exactly (in floats it is 70.00000000000001)
    n = akip.nilai_akip([25.5, 20.25, 10.1, 14.15])
    assert n == Decimal("70.00")
    assert not n > 70
    assert akip.predikat(n) == "B"


def test_nilai_akip_campuran_jenis():
    # 27 + 22.5 + 11,25 + 12 = 72.75
    assert akip.nilai_akip([27, Decimal("22.5"), "11,25", 12.0]) == Decimal("72.75")
    assert akip.nilai_akip([]) == 0


def test_nilai_akip_kosong_ditolak():
    with pytest.raises(ValueError):
        akip.nilai_akip([25, None, 10, 10])


@pytest.mark.parametrize(
    "nilai, harap",
    [
        (100, "AA"),
        ("90.01", "AA"),
        (90, "A"),
        ("80.01", "A"),
        (80, "BB"),
        ("70.01", "BB"),
        ("70.00", "B"),
        (70, "B"),
        ("60.01", "B"),
        (60, "CC"),
        ("50.01", "CC"),
        (50, "C"),
        ("30.01", "C"),
        (30, "D"),
        (0, "D"),
        (72.5, "BB"),
    ],
)
def test_predikat_batas_terbuka_di_bawah(nilai, harap):
    assert akip.predikat(nilai) == harap


@pytest.mark.parametrize(
    "p, bawah, rank",
    [("AA", "90", 0), ("A", "80", 1), ("BB", "70", 2), ("B", "60", 3),
     ("CC", "50", 4), ("C", "30", 5), ("D", "0", 6)],
)
def test_batas_bawah_dan_peringkat(p, bawah, rank):
    assert akip.batas_bawah(p) == Decimal(bawah)
    assert akip.peringkat(p) == rank


def test_predikat_tak_dikenal():
    with pytest.raises(KeyError):
        akip.batas_bawah("E")
    with pytest.raises(KeyError):
        akip.peringkat("BBB")


def test_predikat_teks_dirapikan():
    assert akip.batas_bawah(" bb ") == Decimal("70")
    assert akip.peringkat("aa") == 0


def test_tabel_referensi_urutan_bebas():
    # An edited Referensi sheet may list predikat lowest first.
    tabel = tuple(reversed(referensi.PREDIKAT_AKIP))
    assert akip.predikat("70.01", tabel) == "BB"
    assert akip.peringkat("AA", tabel) == 0


@given(st.decimals(min_value=0, max_value=100, places=2))
def test_predikat_konsisten_dengan_batas(n):
    p = akip.predikat(n)
    # the score is above its predikat's bound, and not above the next better one's
    assert n > akip.batas_bawah(p) or p == "D"
    if p != "AA":
        lebih_baik = [q.predikat for q in referensi.PREDIKAT_AKIP if akip.peringkat(q.predikat) == akip.peringkat(p) - 1][0]
        assert n <= akip.batas_bawah(lebih_baik)
