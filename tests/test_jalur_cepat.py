"""The column-wise fast paths of reading and validation say exactly what the
row-by-row paths they stand in for say, on hand-made tables mixing clean
rows with every kind of row those paths single out."""

import pytest

from xl_iku.io.file_reader import _Grid, _GridSaring
from xl_iku.io.sel_berkas import InfoSel


# --- _Grid.terisi ---------------------------------------------------------------


def _terisi_lambat(g, a, b, kolom):
    """The definition: a row holds a value when `get` gives one in a column."""
    return [r for r in g._baris(a, b) if any(g.get(r, c) is not None for c in kolom)]


def _grid(data, r0=2, c0=1, info=None):
    g = _Grid.__new__(_Grid)
    g.r0, g.c0, g.data, g.merges = r0, c0, data, []
    g._isi(info)
    return g


DATA = [
    ["", "", ""],
    ["x", "", ""],
    ["", 0, ""],
    ["", "", None],
    [],  # a short line
    ["", ""],
    ["", "", False],
    ["", "", ""],
    [" ", "", ""],
]


@pytest.mark.parametrize("kolom", [[2], [3], [4], [2, 3, 4], [4, 2], [1, 5], [], [3, 3]])
@pytest.mark.parametrize("a,b", [(1, 100), (4, 9), (6, 6), (12, 14), (20, 30), (9, 4)])
def test_terisi_sama_dengan_get(kolom, a, b):
    g = _grid([list(x) for x in DATA], info=InfoSel(galat={(7, 3): "#N/A"}))
    assert g.terisi(a, b, kolom) == _terisi_lambat(g, a, b, kolom)


def test_terisi_saringan_sama_dengan_get():
    g = _GridSaring.__new__(_GridSaring)
    g.r0 = g.c0 = 0
    g.data = [["a", ""], ["", ""], ["", 5]]
    g.merges = []
    g._rows = [10, 500, 90_000]
    g._ib = {r: i for i, r in enumerate(g._rows)}
    g._ik = {3: 0, 70: 1}
    g._isi(None)
    for kolom in ([3], [70], [3, 70], [4], []):
        for a, b in ((1, 10**6), (11, 90_000), (500, 500)):
            assert g.terisi(a, b, kolom) == _terisi_lambat(g, a, b, kolom)
