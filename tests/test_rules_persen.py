import pytest
from hypothesis import given, strategies as st

from xl_iku.rules.persen import persen


@pytest.mark.parametrize(
    "a, b, harap",
    [
        (1, 3, 100 / 3),  # 33.333…
        (7, 7, 100.0),
        (0, 5, 0.0),
        (12, 13, 1200 / 13),  # 92.307…
        ("1,5", "2", 75.0),
        (0.7, 0.1, 700.0),  # exact 7; float division would give 699.9999999999999
        (5, 0, None),
        (5, 0.0, None),
        (None, 5, None),
    ],
)
def test_persen(a, b, harap):
    hasil = persen(a, b)
    if harap is None:
        assert hasil is None
    else:
        assert hasil == pytest.approx(harap, rel=1e-15)


@given(st.integers(0, 10**6), st.integers(1, 10**6))
def test_persen_bilangan_bulat_sama_dengan_pembagian_bulat(a, b):
    # for integers the exact ratio rounded once to float equals Python's true division
    assert persen(a, b) == (a * 100) / b
