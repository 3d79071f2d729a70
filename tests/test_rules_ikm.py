from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from xl_iku.rules import ikm
from xl_iku.rules.angka import bulat

# Published worked example: 29 respondents, per-unsur answer totals.
TOTAL = (105, 101, 100, 116, 102, 105, 106, 105, 115)
# Σ totals = 105+101+100+116+102+105+106+105+115 = 955.


def _kolom(total: int) -> list[int]:
    # 29 answers summing to `total`: 29·3 = 87, so (total − 87) fours and the
    # rest threes; 116 = 29 fours.  Rotated per column so rows differ.
    empat = total - 87
    return [4] * empat + [3] * (29 - empat)


def _contoh() -> list[list[int]]:
    kolom = [_kolom(t) for t in TOTAL]
    kolom = [k[i * 3 :] + k[: i * 3] for i, k in enumerate(kolom)]
    baris = [list(r) for r in zip(*kolom)]
    assert len(baris) == 29 and all(1 <= v <= 4 for r in baris for v in r)
    assert [sum(r[j] for r in baris) for j in range(9)] == list(TOTAL)
    return baris


@pytest.mark.parametrize(
    "metode, harap",
    [("1/9", Fraction(1, 9)), ("0,111", Fraction(111, 1000)), ("0,11", Fraction(11, 100)),
     ("0.111", Fraction(111, 1000)), (" 0.11 ", Fraction(11, 100)), (" 1/9 ", Fraction(1, 9))],
)
def test_bobot(metode, harap):
    assert ikm.bobot(metode) == harap


@pytest.mark.parametrize("metode", ["", "0,1", "1/8", "0,1111", "11%", None, 0.111])
def test_bobot_lain_ditolak(metode):
    with pytest.raises(ValueError):
        ikm.bobot(metode)


def test_nrr_contoh():
    hasil = ikm.nrr(_contoh())
    assert hasil == {f"U{i + 1}": Fraction(t, 29) for i, t in enumerate(TOTAL)}
    # 105 / 29 = 3.62068… → 3.6207
    assert str(bulat(hasil["U1"], 4)) == "3.6207"


@pytest.mark.parametrize(
    "metode, persis, dua_desimal",
    [
        # 955/29 × 1/9 × 25 = 23875/261 = 91.4750…
        ("1/9", Fraction(23875, 261), "91.48"),
        # 955/29 × 0.111 × 25 = 2650.125/29 = 91.3836…
        ("0,111", Fraction(2650125, 29000), "91.38"),
        # 955/29 × 0.11 × 25 = 2626.25/29 = 90.5603…
        ("0,11", Fraction(262625, 2900), "90.56"),
    ],
)
def test_ikm_contoh(metode, persis, dua_desimal):
    nilai = ikm.nilai_ikm(ikm.nrr(_contoh()), ikm.bobot(metode))
    assert nilai == persis
    assert str(bulat(nilai, 2)) == dua_desimal
    m = ikm.mutu(nilai)
    assert (m.mutu, m.kinerja) == ("A", "Sangat Baik")


# Three respondents with blanks: U1 answered twice (4, 2), U2–U8 three times
# (1, 2, 3), U9 never.
TIGA_DENGAN_KOSONG = [
    [4, 1, 1, 1, 1, 1, 1, 1, None],
    [2, 2, 2, 2, 2, 2, 2, 2, None],
    [None, 3, 3, 3, 3, 3, 3, 3, None],
]


def test_nrr_kosong_tidak_dihitung():
    # U1: (4+2)/2 = 3; U9 never answered.
    hasil = ikm.nrr(TIGA_DENGAN_KOSONG)
    assert hasil["U1"] == Fraction(3)
    assert hasil["U2"] == Fraction(6, 3)  # (1+2+3)/3
    assert hasil["U9"] is None
    with pytest.raises(ValueError):
        ikm.nilai_ikm(hasil, Fraction(1, 9))


def test_jumlah_unsur_dihitung_tangan():
    # U1: 2 answers, 4 + 2 = 6; U2: 3 answers, 1 + 2 + 3 = 6; U9: none — the
    # counts the Hasil SKM sheet shows.
    jawaban = TIGA_DENGAN_KOSONG
    j = ikm.jumlah_unsur(jawaban)
    assert j["U1"] == (2, 6) and j["U2"] == (3, 6) and j["U8"] == (3, 6) and j["U9"] == (0, 0)
    assert ikm.jumlah_unsur(_contoh()) == {f"U{i + 1}": (29, t) for i, t in enumerate(TOTAL)}
    assert ikm.nrr_dari(j) == ikm.nrr(jawaban)
    assert ikm.jumlah_unsur([]) == {f"U{i}": (0, 0) for i in range(1, 10)}


def test_nrr_tanpa_responden():
    assert ikm.nrr([]) == {f"U{i}": None for i in range(1, 10)}


@pytest.mark.parametrize("baris", [[1] * 8, [1] * 10, [5] + [1] * 8, [0] + [1] * 8, [2.5] + [1] * 8, ["x"] + [1] * 8])
def test_nrr_jawaban_salah(baris):
    with pytest.raises(ValueError):
        ikm.nrr([baris])


def test_nrr_terima_angka_bulat_dari_excel():
    # openpyxl may give 4.0 for a typed 4.
    assert ikm.nrr([[4.0] * 9])["U1"] == Fraction(4)


def test_nilai_ikm_semua_4_dan_semua_1():
    # 9 × 4 × 1/9 × 25 = 100; 9 × 1 × 1/9 × 25 = 25
    assert ikm.nilai_ikm({f"U{i}": Fraction(4) for i in range(1, 10)}, Fraction(1, 9)) == 100
    assert ikm.nilai_ikm({f"U{i}": Fraction(1) for i in range(1, 10)}, Fraction(1, 9)) == 25


@pytest.mark.parametrize(
    "nilai, harap",
    [
        (100, "A"),
        ("88.31", "A"),
        ("88.30", "B"),
        (Fraction(17661, 200), "A"),  # 88.305 rounds half-up to 88.31
        (Fraction(17661, 200) - Fraction(1, 10**12), "B"),  # 88.30499… → 88.30
        (88.304999, "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        (Fraction(15321, 200), "B"),  # 76.605 → 76.61
        ("65.00", "C"),
        ("64.99", "D"),
        (Fraction(12999, 200), "C"),  # 64.995 → 65.00
        (25, "D"),
        (0, "D"),  # below the table → lowest grade
        ("100.01", "A"),  # above the table → highest grade
    ],
)
def test_mutu_batas(nilai, harap):
    assert ikm.mutu(nilai).mutu == harap


def test_mutu_kinerja_label():
    assert [ikm.mutu(v).kinerja for v in (95, 80, 70, 50)] == [
        "Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik"]


@pytest.mark.parametrize(
    "nrr, harap",
    [
        # regulation's NRR intervals: 3.5324 × 25 = 88.31, 3.532 × 25 = 88.30
        (Fraction(35324, 10000), "A"),
        (Fraction(3532, 1000), "B"),
        (Fraction(30644, 10000), "B"),  # 76.61
        (Fraction(3064, 1000), "C"),  # 76.60
        (Fraction(26, 10), "C"),  # 65.00
        (Fraction(25996, 10000), "D"),  # 64.99
        (Fraction(105, 29), "A"),  # 3.6207 × 25 = 90.52
    ],
)
def test_mutu_unsur(nrr, harap):
    assert ikm.mutu_unsur(nrr).mutu == harap


@pytest.mark.parametrize(
    "populasi, harap",
    [
        # 3.841·N·0.25 / (0.0025·(N−1) + 0.96025), rounded to nearest (half up)
        (1, 1),  # 0.96025 / 0.96025 = 1
        (15, 14),  # 14.40375 / 0.99525 = 14.47 → 14 (ceil: 15)
        (50, 44),  # 48.0125 / 1.08275 = 44.34 → 44 (ceil: 45)
        (75, 63),  # 72.01875 / 1.14525 = 62.88 → 63
        (100, 80),  # 96.025 / 1.20775 = 79.51 → 80
        (200, 132),  # 192.05 / 1.45775 = 131.75 → 132
        (500, 217),  # 480.125 / 2.20775 = 217.47 → 217 (ceil: 218)
        (1000, 278),  # 960.25 / 3.45775 = 277.71 → 278
        (1200, 291),  # 1152.3 / 3.95775 = 291.15 → 291 (ceil: 292)
        (2000, 322),  # 1920.5 / 5.95775 = 322.35 → 322 (ceil: 323)
        (10000, 370),  # 9602.5 / 25.95775 = 369.93 → 370
        (1000000, 384),  # 960250 / 2500.95775 = 383.96 → 384
        # The quotient stays below its limit 3.841·0.25 / 0.0025 = 384.1, so
        # rounding never asks for more than 384 however large N is.
        (10**9, 384),
    ],
)
def test_sampel_minimum(populasi, harap):
    assert ikm.sampel_minimum(populasi) == harap


# Krejcie & Morgan (1970), "Determining Sample Size for Research Activities",
# Educational and Psychological Measurement 30, Table 1: the 90 (N, S) pairs
# as printed (copied from the published table, not computed).
_TABEL_KM_1970 = """
10 10 15 14 20 19 25 24 30 28 35 32 40 36 45 40 50 44 55 48 60 52 65 56 70 59 75 63 80 66
85 70 90 73 95 76 100 80 110 86 120 92 130 97 140 103 150 108 160 113 170 118 180 123
190 127 200 132 210 136 220 140 230 144 240 148 250 152 260 155 270 159 280 162 290 165
300 169 320 175 340 181 360 186 380 191 400 196 420 201 440 205 460 210 480 214 500 217
550 226 600 234 650 242 700 248 750 254 800 260 850 265 900 269 950 274 1000 278 1100 285
1200 291 1300 297 1400 302 1500 306 1600 310 1700 313 1800 317 1900 320 2000 322 2200 327
2400 331 2600 335 2800 338 3000 341 3500 346 4000 351 4500 354 5000 357 6000 361 7000 364
8000 367 9000 368 10000 370 15000 375 20000 377 30000 379 40000 380 50000 381 75000 382
1000000 384
""".split()
TABEL_KM_1970 = [(int(_TABEL_KM_1970[i]), int(_TABEL_KM_1970[i + 1])) for i in range(0, len(_TABEL_KM_1970), 2)]


def test_tabel_krejcie_morgan_lengkap():
    assert len(TABEL_KM_1970) == 90


@pytest.mark.parametrize("populasi, harap", TABEL_KM_1970)
def test_sampel_minimum_sama_dengan_tabel_1970(populasi, harap):
    assert ikm.sampel_minimum(populasi) == harap


@pytest.mark.parametrize("populasi", [0, -5, 2.5])
def test_sampel_minimum_salah(populasi):
    with pytest.raises(ValueError):
        ikm.sampel_minimum(populasi)


@given(st.integers(min_value=1, max_value=10**7))
def test_sampel_minimum_tidak_melebihi_populasi_dan_batas(n):
    # As N grows the formula tends to 3.841·0.25 / 0.0025 = 384.1 from below,
    # which rounds to 384 (the printed table's last row).
    s = ikm.sampel_minimum(n)
    assert 1 <= s <= min(n, 384)


@given(st.lists(st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=9, max_size=9), max_size=40))
def test_nrr_dalam_rentang(jawaban):
    for u, v in ikm.nrr(jawaban).items():
        i = int(u[1:]) - 1
        diisi = [r[i] for r in jawaban if r[i] is not None]
        if diisi:
            assert v == Fraction(sum(diisi), len(diisi))
            assert 1 <= v <= 4
        else:
            assert v is None


@given(st.lists(st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=9, max_size=9), max_size=60))
def test_nrr_per_kolom_sama_dengan_hitungan_per_sel(baris):
    """The column path (plain ints checked with min/max) gives exactly what
    summing answer by answer gives; 4.0 and 2.0 typed as floats take _skor's
    path and give the same NRR."""
    harapan = {}
    for i, u in enumerate(ikm.UNSUR):
        isi = [b[i] for b in baris if b[i] is not None]
        harapan[u] = Fraction(sum(isi), len(isi)) if isi else None
    assert ikm.nrr(baris) == harapan
    sebagai_float = [[None if v is None else float(v) for v in b] for b in baris]
    assert ikm.nrr(sebagai_float) == harapan


@pytest.mark.parametrize("buruk", [True, 0, 5, 2.5, -1.0])
def test_nrr_menolak_jawaban_di_luar_1_sampai_4(buruk):
    with pytest.raises(ValueError):
        ikm.nrr([[1] * 8 + [buruk], [2] * 9])
    # Also among answers equal to it (a count per score would take True for 1, 1.0 as 1.0).
    with pytest.raises(ValueError):
        ikm.nrr([[1] * 8 + [buruk], [1] * 9])
