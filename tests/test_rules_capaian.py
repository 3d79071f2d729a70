import pytest

from xl_iku import referensi
from xl_iku.rules.capaian import capaian, capaian_predikat, kategori


def test_capaian():
    # 91.4751 / 85 × 100 = 107.6177…
    assert capaian(91.4751, 85) == pytest.approx(107.61776470588235, abs=1e-12)
    assert capaian(45, 60) == 75.0  # 45/60 = 0.75
    assert capaian(0.3, 0.1) == 300.0  # exact: a float ratio would give 299.99999999999994
    assert capaian(None, 85) is None
    assert capaian(80, None) is None
    assert capaian(80, 0) is None
    assert capaian(0, 80) == 0.0


@pytest.mark.parametrize(
    "nilai, harap",
    [
        (130, "Sangat Tinggi"),
        (91, "Sangat Tinggi"),
        (90.999, "Sangat Tinggi"),  # printed 91,00: judged as printed (KONTRAK §3)
        (90.994, "Tinggi"),  # printed 90,99
        (76, "Tinggi"),
        (75.99, "Sedang"),
        (66, "Sedang"),
        (65.999999, "Sedang"),  # printed 66,00
        (65.994999, "Rendah"),  # printed 65,99
        (51, "Rendah"),
        (50.99, "Sangat Rendah"),
        (0, "Sangat Rendah"),
        (-20, "Sangat Rendah"),
        (None, None),
    ],
)
def test_kategori(nilai, harap):
    assert kategori(nilai) == harap


def test_kategori_capaian_persis_91():
    # 91/100 × 100 = 91 exactly; must stay Sangat Tinggi, not slip to 90.999…
    assert kategori(capaian(91, 100)) == "Sangat Tinggi"
    # 0.91 / 1 × 100 in floats is 91.00000000000001; exact is 91
    assert capaian(0.91, 1) == 91.0


def test_kategori_label_lain():
    tabel = tuple((b, l) for (b, _), l in zip(
        referensi.KATEGORI_CAPAIAN, ("Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang")))
    assert kategori(76, tabel) == "Baik"
    assert kategori(50, tabel) == "Sangat Kurang"


@pytest.mark.parametrize(
    "nilai, target, harap",
    [
        (72.5, "BB", 72.5 / 70 * 100),  # 103.571…
        (70, "BB", 100.0),
        (63, "A", 78.75),  # 63/80 = 0.7875
        (90, "AA", 100.0),
        (45, "B", 75.0),  # 45/60
        (25, "CC", 50.0),  # 25/50
        (15, "C", 50.0),  # 15/30
        (40, "D", None),  # bound 0
        (None, "BB", None),
    ],
)
def test_capaian_predikat(nilai, target, harap):
    hasil = capaian_predikat(nilai, target)
    if harap is None:
        assert hasil is None
    else:
        assert hasil == pytest.approx(harap, rel=1e-15)


def test_capaian_predikat_tak_dikenal():
    with pytest.raises(KeyError):
        capaian_predikat(70, "Baik")


@pytest.mark.parametrize("nilai, harap", [
    (100.0, True),  # exactly 100: reached
    (99.999, True),  # printed 100,00: reached (KONTRAK §3 "what is printed is what is judged")
    (99.995, True),  # the tie rounds up, as Excel shows it
    (99.99499999, False),  # printed 99,99
    (99.99, False),
    (100.00001, True),
    (250, True),
    (0, False),
    (None, None),  # no capaian (no target or no realisasi): undecided
])
def test_tercapai(nilai, harap):
    from xl_iku.rules.capaian import tercapai

    assert tercapai(nilai) is harap


@pytest.mark.parametrize("realisasi, target, harap", [
    ("B", "BB", False),  # AKIP 70,00 is B (BB needs > 70): capaian 70/70 = 100 but not reached
    ("BB", "BB", True),
    ("A", "BB", True),
    ("AA", "A", True),
    ("CC", "B", False),
    ("bb", "BB", True),  # as typed in Predikat LHE
    (None, "BB", None),
])
def test_tercapai_predikat(realisasi, target, harap):
    from xl_iku.rules.capaian import tercapai_predikat

    assert tercapai_predikat(realisasi, target) is harap


def test_ik10_dicetak_sama_dengan_dinilai():
    """Issue 21 item 1: IK-10 4/13 desa Mandiri = 30,769…% against a typed target
    30,77: every page prints 30,77 / 30,77 / 100,00, so it is tercapai and
    Sangat Tinggi (by hand: 400/13 / 30,77 = 99,9975… → 100,00)."""
    from xl_iku.dasar.ooxml import angka_teks
    from xl_iku.rules.capaian import tercapai

    realisasi = 4 / 13 * 100
    cap = capaian(realisasi, 30.77)
    assert 99.997 < cap < 99.998
    assert (angka_teks(realisasi), angka_teks(30.77), angka_teks(cap)) == ("30,77", "30,77", "100,00")
    assert tercapai(cap) is True
    assert kategori(cap) == "Sangat Tinggi"


@pytest.mark.parametrize("x, harap", [
    (100.725, "100,73"),  # IKU-01 2021 of the sample: Excel shows 100,73; round() gives 100,72
    (0.125, "0,13"), (2.675, "2,68"), (-0.125, "-0,13"), (1.005, "1,01"), (-0.001, "0,00"),
    (84.945, "84,95"), (1234.5, "1.234,50"),
])
def test_satu_pembulatan_setengah_ke_atas(x, harap):
    """One rounding for everything read: half away from zero on the decimal as typed."""
    from xl_iku.dasar.ooxml import angka_teks
    from xl_iku.laporan import teks

    assert angka_teks(x) == harap
    assert teks.angka(x) == harap  # the documents use the same function


def test_rupiah_setengah_ke_atas():
    from xl_iku.laporan import teks

    assert teks.rupiah(2_500.5) == "Rp2.501"  # round() would give Rp2.500 (half-even)
