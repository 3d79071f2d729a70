"""The row kinds of the catalogue (KONTRAK §5) and the `Turun` capaian, each
against numbers worked out by hand in the comments."""

from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from xl_iku.rules.cara import (
    capaian_turun,
    hitung_baris,
    jumlah_kolom,
    masalah_angka,
    rata_rata_rasio,
    tepat_waktu,
)
from xl_iku.rules.hari_kerja import Kalender
from xl_iku.rules.persen import persen
from xl_iku.rules.syarat import AngkaKosong, BukanAngka, PenyebutNol, baca_syarat

KOLOM_KAMTIBMAS = ["No", "Tanggal", "Jenis", "Desa", "Uraian", "Status"]


def baris(headers, *isi):
    return [dict(zip(headers, r)) for r in isi]


def syarat(teks, headers):
    return baca_syarat(teks).pasang(headers)


# tblKamtibmas of one year: 6 rows.
KAMTIBMAS = baris(
    KOLOM_KAMTIBMAS,
    (1, date(2026, 1, 5), "Penyakit Masyarakat", "Air Kulim", "Judi", "Tuntas"),
    (2, date(2026, 2, 9), "Penyakit Masyarakat", "Balai Makam", "Miras", "tuntas "),  # case and space ignored
    (3, date(2026, 3, 2), "Penyakit Masyarakat", "Buluh Manis", "Judi", "Dalam Proses"),
    (4, date(2026, 4, 6), "Pedagang Kaki Lima", "Sebangar", "PKL", "Tuntas"),
    (5, date(2026, 5, 4), "Lainnya", "Pamesi", "Sengketa", "Belum Ditindaklanjuti"),
    (6, date(2026, 6, 1), "penyakit masyarakat", "Kesumbo Ampai", "Narkoba", None),
)


# --- Hitung Baris -------------------------------------------------------------------------


def test_ik08_status_tuntas_atas_semua_baris():
    # Tuntas: rows 1, 2, 4 → 3; all rows: 6.  3 / 6 × 100 = 50.
    p = syarat("Status = Tuntas", KOLOM_KAMTIBMAS)
    assert hitung_baris(KAMTIBMAS, None, p, None) == (3, 6)
    assert persen(3, 6) == 50.0


def test_ikp04_saring_penyakit_masyarakat():
    # Penyakit Masyarakat: rows 1, 2, 3, 6 → 4; of them Tuntas: 1, 2 → 2.  2 / 4 × 100 = 50.
    s = syarat("Jenis = Penyakit Masyarakat", KOLOM_KAMTIBMAS)
    p = syarat("Status = Tuntas", KOLOM_KAMTIBMAS)
    assert hitung_baris(KAMTIBMAS, s, p, None) == (2, 4)


def test_penyebut_dan_pembilang_bagian_dari_penyebut():
    # Penyebut "Status terisi": rows 1–5 (row 6 blank) → 5; Pembilang Tuntas among them → 3.
    p = syarat("Status = Tuntas", KOLOM_KAMTIBMAS)
    assert hitung_baris(KAMTIBMAS, None, p, syarat("Status terisi", KOLOM_KAMTIBMAS)) == (3, 5)
    # Penyebut "Status <> Dibatalkan": a blank Status does not meet it either → 5.
    assert hitung_baris(KAMTIBMAS, None, p, syarat("Status <> Dibatalkan", KOLOM_KAMTIBMAS)) == (3, 5)
    # Pembilang holding on rows outside the Penyebut is not counted: Penyebut Jenis = Lainnya
    # (row 5 only), Pembilang "Status terisi" holds on rows 1–5 → numerator 1, never 5.
    assert hitung_baris(KAMTIBMAS, None, syarat("Status terisi", KOLOM_KAMTIBMAS),
                        syarat("Jenis = Lainnya", KOLOM_KAMTIBMAS)) == (1, 1)
    # Saring and Penyebut together: Penyakit Masyarakat (1, 2, 3, 6) with Status filled (1, 2, 3) → 3;
    # Tuntas among them → 2.
    assert hitung_baris(KAMTIBMAS, syarat("Jenis = Penyakit Masyarakat", KOLOM_KAMTIBMAS), p,
                        syarat("Status terisi", KOLOM_KAMTIBMAS)) == (2, 3)


def test_salah_satu_dan_dan():
    # Jenis Pedagang Kaki Lima or Lainnya: rows 4, 5 → 2; Tuntas and Desa = Sebangar: row 4 → 1.
    s = syarat("Jenis = Pedagang Kaki Lima; Lainnya", KOLOM_KAMTIBMAS)
    p = syarat("Status = Tuntas dan Desa = Sebangar", KOLOM_KAMTIBMAS)
    assert hitung_baris(KAMTIBMAS, s, p, None) == (1, 2)


def test_tanpa_baris():
    p = syarat("Status = Tuntas", KOLOM_KAMTIBMAS)
    assert hitung_baris([], None, p, None) == (0, 0)
    assert persen(0, 0) is None  # tanpa_data, not 0 %


KOLOM_DESA = ["No", "Nama Desa", "Nilai 2025", "Nilai 2026"]
DESA = baris(
    KOLOM_DESA,
    (1, "Air Kulim", 0.6512, 0.7034),     # rose
    (2, "Balai Makam", 0.7, Decimal("0.70")),  # unchanged: not "rose"
    (3, "Buluh Manis", 0.81, 0.7999),     # fell
    (4, "Pamesi", None, 0.66),            # no 2025 score: blank is never smaller
    (5, "Sebangar", 0.5, 0.5001),         # rose
)


def test_persen_desa_yang_nilainya_naik():
    # Rose: desa 1 and 5 → 2 of 5 desa: 2 / 5 × 100 = 40.
    p = syarat("[Nilai 2026] > [Nilai 2025]", KOLOM_DESA)
    assert hitung_baris(DESA, None, p, None) == (2, 5)
    assert persen(2, 5) == 40.0
    # Only desa scored both years (1, 2, 3, 5): 2 / 4 × 100 = 50.
    both = syarat("Nilai 2025 terisi dan Nilai 2026 terisi", KOLOM_DESA)
    assert hitung_baris(DESA, None, p, both) == (2, 4)


def test_hitung_turun_jumlah_kasus():
    # A lower-is-better count: cases of Jenis "Pelanggaran Perda" this year, target 5.
    rows = baris(["No", "Jenis"], (1, "Pelanggaran Perda"), (2, "Lainnya"), (3, "pelanggaran perda"),
                 (4, "Pelanggaran Perda"), (5, "Pelanggaran  Perda"))
    jumlah, _ = hitung_baris(rows, None, syarat("Jenis = Pelanggaran Perda", ["No", "Jenis"]), None)
    assert jumlah == 4  # rows 1, 3, 4, 5
    # (2 × 5 − 4) / 5 × 100 = 6 / 5 × 100 = 120.
    assert capaian_turun(jumlah, 5) == 120.0


def test_hitung_baris_bukan_angka_di_baris_mana():
    rows = baris(["No", "Nilai"], (1, 3), (2, "tiga"), (3, 5))
    with pytest.raises(BukanAngka) as e:
        hitung_baris(rows, None, syarat("Nilai > 2", ["No", "Nilai"]), None)
    assert (e.value.kolom, e.value.nilai, e.value.indeks) == ("Nilai", "tiga", 1)


# --- Jumlah Kolom -------------------------------------------------------------------------

KOLOM_SARPRAS = ["No", "Nama Sarpras", "Kebutuhan", "Tersedia", "Kondisi Baik", "Dipelihara"]
SARPRAS = baris(
    KOLOM_SARPRAS,
    (1, "Kursi tunggu", 20, 18, 15, 16),
    (2, "Komputer", 6, 5, 5, 4),
    (3, "Printer", 3, 2, 1, 2),
)


def test_ik09_ikp06_ikp07_sarpras():
    # Σ Kebutuhan 20+6+3 = 29; Σ Tersedia 18+5+2 = 25; Σ Kondisi Baik 15+5+1 = 21; Σ Dipelihara 16+4+2 = 22.
    assert jumlah_kolom(SARPRAS, None, "Kondisi Baik", "Tersedia") == (Decimal(21), Decimal(25))  # IK-09: 84
    assert jumlah_kolom(SARPRAS, None, "Tersedia", "Kebutuhan") == (Decimal(25), Decimal(29))  # IKP-06
    assert jumlah_kolom(SARPRAS, None, "Dipelihara", "Tersedia") == (Decimal(22), Decimal(25))  # IKP-07: 88
    assert persen(*jumlah_kolom(SARPRAS, None, "Kondisi Baik", "Tersedia")) == 84.0
    assert persen(*jumlah_kolom(SARPRAS, None, "Dipelihara", "Tersedia")) == 88.0


KOLOM_KEGIATAN = ["No", "Kelompok", "Kegiatan", "Target", "Realisasi"]
KEGIATAN = baris(
    KOLOM_KEGIATAN,
    (1, "Monev APBDes", "Monev Desa A", 4, 4),
    (2, "Monev APBDes", "Monev Desa B", 0.1, 0.1),
    (3, "Pemberdayaan Masyarakat", "Posyandu", 12, 9),
    (4, "monev apbdes ", "Monev Desa C", 0.2, 0.2),
    (5, "Pembinaan dan Pengawasan Desa", "Binwas", 2.5, 2),
    (6, "Pemerintahan Umum", "Rakor", None, None),  # blank, outside every Saring below
)


def test_ikp08_kelompok_dan_pecahan_persis():
    # Monev APBDes: rows 1, 2, 4.  Σ Realisasi 4 + 0,1 + 0,2 = 4,3 exactly (not 4.300000000000001);
    # Σ Target the same → 100 %.
    s = syarat("Kelompok = Monev APBDes", KOLOM_KEGIATAN)
    assert jumlah_kolom(KEGIATAN, s, "Realisasi", "Target") == (Decimal("4.3"), Decimal("4.3"))
    assert str(jumlah_kolom(KEGIATAN, s, "Realisasi", "Target")[0]) == "4.3"
    # An office's own Kelompok with "dan" in it: row 5, 2 / 2,5 × 100 = 80.
    s = syarat('Kelompok = "Pembinaan dan Pengawasan Desa"', KOLOM_KEGIATAN)
    assert jumlah_kolom(KEGIATAN, s, "Realisasi", "Target") == (Decimal(2), Decimal("2.5"))
    assert persen(Decimal(2), Decimal("2.5")) == 80.0


def test_jumlah_kolom_kosong_dan_teks():
    # A blank on a row the kind reads is never a silent 0 (row 6 is read without Saring).
    with pytest.raises(AngkaKosong) as e:
        jumlah_kolom(KEGIATAN, None, "Realisasi", "Target")
    assert (e.value.kolom, e.value.indeks) == ("Realisasi", 5)
    assert str(e.value) == ('Kolom "Realisasi" wajib diisi angka pada baris yang dihitung indikator '
                            "(kosong tidak dianggap 0); isikan 0 bila memang nol.")
    rows = baris(KOLOM_KEGIATAN, (1, "Monev APBDes", "x", 4, "4"))
    with pytest.raises(BukanAngka) as e:
        jumlah_kolom(rows, None, "Realisasi", "Target")
    assert (e.value.kolom, e.value.nilai, e.value.indeks) == ("Realisasi", "4", 0)
    rows = baris(KOLOM_KEGIATAN, (1, "Monev APBDes", "x", True, 1))
    with pytest.raises(BukanAngka, match="nilai logika BENAR"):
        jumlah_kolom(rows, None, "Realisasi", "Target")


def test_jumlah_kolom_tanpa_baris():
    s = syarat("Kelompok = Tidak Ada", KOLOM_KEGIATAN)
    assert jumlah_kolom(KEGIATAN, s, "Realisasi", "Target") == (Decimal(0), Decimal(0))
    assert persen(Decimal(0), Decimal(0)) is None


# --- Rata-rata Rasio ----------------------------------------------------------------------

KOLOM_SOP = ["No", "Nama Layanan", "Jumlah Persyaratan", "Persyaratan Sesuai"]
SOP = baris(
    KOLOM_SOP,
    (1, "KTP", 10, 8),    # 8/10 = 4/5
    (2, "KK", 5, 5),      # 1
    (3, "Surat Pindah", 3, 2),  # 2/3
)


def test_ik07_rata_rata_kesesuaian_sop():
    # Σ = 4/5 + 1 + 2/3 = 12/15 + 15/15 + 10/15 = 37/15; n = 3.
    # realisasi = 37/15 / 3 × 100 = 3700/45 = 82,222…
    total, n = rata_rata_rasio(SOP, None, "Persyaratan Sesuai", "Jumlah Persyaratan")
    assert (total, n) == (Fraction(37, 15), 3)
    assert persen(total, n) == float(Fraction(3700, 45))
    # The engine's IK-07 today: sum(Fraction(sesuai, jumlah)) / len × 100.
    assert total == sum(Fraction(r["Persyaratan Sesuai"], r["Jumlah Persyaratan"]) for r in SOP)


def test_rata_rata_rasio_saring_dan_masalah():
    # Saring Jumlah Persyaratan >= 5: rows 1, 2 → 4/5 + 1 = 9/5, n = 2 → 90 %.
    s = syarat("Jumlah Persyaratan >= 5", KOLOM_SOP)
    assert rata_rata_rasio(SOP, s, "Persyaratan Sesuai", "Jumlah Persyaratan") == (Fraction(9, 5), 2)
    assert persen(Fraction(9, 5), 2) == 90.0
    rows = SOP + baris(KOLOM_SOP, (4, "Akta", 0, 0))
    with pytest.raises(PenyebutNol) as e:
        rata_rata_rasio(rows, None, "Persyaratan Sesuai", "Jumlah Persyaratan")
    assert (e.value.kolom, e.value.indeks) == ("Jumlah Persyaratan", 3)
    assert str(e.value) == ('Kolom "Jumlah Persyaratan" tidak boleh 0 pada baris yang dirata-ratakan: '
                            "rasionya tidak dapat dihitung.")
    assert rata_rata_rasio([], None, "Persyaratan Sesuai", "Jumlah Persyaratan") == (Fraction(0), 0)


# --- Tepat Waktu --------------------------------------------------------------------------

KOLOM_LAYANAN = ["No Register", "Tanggal Masuk", "Jenis Layanan", "Tanggal Selesai"]
STANDAR = {"ktp": 3, "kk": 2, "izin": 7}
KAL = Kalender([date(2026, 12, 25), date(2027, 1, 1)])  # both Fridays
AKHIR_2026 = date(2026, 12, 31)
LAYANAN = baris(
    KOLOM_LAYANAN,
    # Mon 2 Mar → Wed 4 Mar: Mon, Tue, Wed = 3 working days ≤ 3 → on time.
    ("R1", date(2026, 3, 2), "KTP", date(2026, 3, 4)),
    # Fri 6 Mar → Tue 10 Mar: Fri, Mon, Tue = 3 > 2 → late.
    ("R2", date(2026, 3, 6), "KK", date(2026, 3, 10)),
    # Thu 24 Dec → Mon 4 Jan 2027: Thu 24, Mon 28, Tue 29, Wed 30, Thu 31, Mon 4 = 6 (Fri 25 Dec and
    # Fri 1 Jan are holidays) ≤ 7 → on time, settled after the period.
    ("R3", date(2026, 12, 24), "Izin", datetime(2027, 1, 4, 10, 30)),
    # Not settled: in the denominator only.
    ("R4", date(2026, 6, 1), "Legalisir", None),
    # Mon 15 Jun → Mon 15 Jun: 1 day ≤ 2 → on time.
    ("R5", date(2026, 6, 15), "kk ", date(2026, 6, 15)),
)


def test_ikp01_tepat_waktu():
    # On time R1, R3, R5 = 3; all 5; open R4 = 1; after the period R3 = 1.  3 / 5 × 100 = 60.
    diminta = []

    def standar(row):
        diminta.append(row["No Register"])
        return STANDAR[row["Jenis Layanan"].strip().casefold()]

    assert tepat_waktu(LAYANAN, None, standar, KAL, AKHIR_2026) == (3, 5, 1, 1)
    assert diminta == ["R1", "R2", "R3", "R5"]  # never asked of the open request (no standard for Legalisir)


def test_ikp02_batas_tetap_dan_saring():
    # A fixed standard of 3 working days: R1 (3) on time, R2 (3) on time, R3 (6) late, R5 (1) on time.
    assert tepat_waktu(LAYANAN, None, lambda r: 3, KAL, AKHIR_2026) == (3, 5, 1, 1)
    # Saring Jenis Layanan <> Izin: R1, R2, R4, R5 → 4.  Standard 2: R1 (3) and R2 (3) late, R5 (1) on
    # time → 1; R4 open → 1; none settled after the period (R3 is filtered out) → 0.
    s = syarat("Jenis Layanan <> Izin", KOLOM_LAYANAN)
    assert tepat_waktu(LAYANAN, s, lambda r: 2, KAL, AKHIR_2026) == (1, 4, 1, 0)


# --- every problem cell at once ---------------------------------------------------------------


def test_masalah_angka_semua_sel():
    rows = baris(
        KOLOM_KEGIATAN,
        (1, "Monev APBDes", "a", 4, 3),
        (2, "Monev APBDes", "b", None, 1),        # blank Target on a read row
        (3, "Lainnya", "c", None, None),          # blank outside Saring: fine
        (4, "Lainnya", "d", "empat", 1),          # text: wherever it is
        (5, "Monev APBDes", "e", 0, "satu"),      # 0 target (a denominator), text realisasi
    )
    s = syarat("Kelompok = Monev APBDes", KOLOM_KEGIATAN)
    m = masalah_angka(rows, ["Realisasi", "Target"], saring=s, wajib=["Realisasi", "Target"], bukan_nol=["Target"])
    assert [(type(x).__name__, x.indeks, x.kolom, x.nilai) for x in m] == [
        ("AngkaKosong", 1, "Target", None),
        ("BukanAngka", 3, "Target", "empat"),
        ("BukanAngka", 4, "Realisasi", "satu"),
        ("PenyebutNol", 4, "Target", 0),
    ]
    assert masalah_angka(KEGIATAN[:5], ["Realisasi", "Target"], wajib=["Realisasi", "Target"]) == []


def test_masalah_angka_kolom_saring():
    # Saring reads Nilai as a number: its text is listed, and whether that row is read cannot be told.
    rows = baris(["Nilai", "P", "Q"], (5, 1, 2), ("lima", None, 2), (1, None, None))
    s = syarat("Nilai > 2", ["Nilai", "P", "Q"])
    m = masalah_angka(rows, ["P", "Q"], saring=s, wajib=["P", "Q"])
    assert [(type(x).__name__, x.indeks, x.kolom) for x in m] == [("BukanAngka", 1, "Nilai")]


# --- Turun ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "realisasi, target, harap",
    [
        (12, 15, 120.0),      # (30 − 12) / 15 × 100 = 18/15 × 100 = 120
        (15, 15, 100.0),      # on target
        (20, 15, float(Fraction(200, 3))),  # (30 − 20) / 15 × 100 = 66,666…
        (30, 15, 0.0),        # (30 − 30) / 15 = 0
        (31, 15, 0.0),        # (30 − 31) / 15 < 0 → 0, never negative
        (0, 15, 200.0),       # (30 − 0) / 15 × 100
        (0.1, 0.3, float(Fraction(500, 3))),  # (0,6 − 0,1) / 0,3 × 100 = 166,666… exactly, not via binary
        (Decimal("2.5"), 2, 75.0),  # (4 − 2,5) / 2 × 100
        (5, 0, None),         # target 0: no capaian
        (None, 15, None),
        (5, None, None),
    ],
)
def test_capaian_turun(realisasi, target, harap):
    assert capaian_turun(realisasi, target) == harap


# --- properties -------------------------------------------------------------------------------

_status = st.sampled_from(["Tuntas", "tuntas", "Dalam Proses", None, " ", "Lainnya"])
_angka = st.one_of(st.integers(0, 1000), st.decimals(0, 1000, places=2, allow_nan=False, allow_infinity=False))


@given(st.lists(st.tuples(_status, _status), max_size=30))
def test_pembilang_tidak_pernah_melebihi_penyebut(pasangan):
    rows = [{"A": a, "B": b} for a, b in pasangan]
    atas, bawah = hitung_baris(rows, None, baca_syarat("A = Tuntas"), baca_syarat("B terisi"))
    assert atas <= bawah
    assert bawah == sum(1 for _, b in pasangan if b is not None and b.strip())
    assert atas == sum(1 for a, b in pasangan if b is not None and b.strip() and a is not None
                       and a.strip().casefold() == "tuntas")


@given(st.lists(st.tuples(_angka, _angka.filter(lambda x: x != 0)), max_size=30))
def test_jumlah_dan_rasio_persis(pasangan):
    rows = [{"P": p, "Q": q} for p, q in pasangan]
    assert jumlah_kolom(rows, None, "P", "Q") == (sum((Decimal(p) for p, _ in pasangan), Decimal(0)),
                                                  sum((Decimal(q) for _, q in pasangan), Decimal(0)))
    assert rata_rata_rasio(rows, None, "P", "Q") == (sum((Fraction(p) / Fraction(q) for p, q in pasangan),
                                                         Fraction(0)), len(pasangan))


def test_benar_di_antara_angka_bukan_satu():
    # TRUE is 1 to Python's Counter; in a number column it is a galat, never the number 1.
    rows = [{"P": 1, "Q": 1}, {"P": True, "Q": 1}, {"P": 1.0, "Q": 2}]
    with pytest.raises(BukanAngka) as e:
        jumlah_kolom(rows, None, "P", "Q")
    assert (e.value.indeks, e.value.kolom, e.value.nilai) == (1, "P", True)
    with pytest.raises(BukanAngka) as e:
        rata_rata_rasio(rows, None, "P", "Q")
    assert e.value.indeks == 1
    # Without the TRUE: 1 + 1,0 = 2 over 1 + 2 = 3; ratios 1/1 + 1/2 = 3/2 over 2 rows.
    assert jumlah_kolom([rows[0], rows[2]], None, "P", "Q") == (Decimal(2), Decimal(3))
    assert rata_rata_rasio([rows[0], rows[2]], None, "P", "Q") == (Fraction(3, 2), 2)


def test_masalah_pertama_menurut_urutan_baris_di_dua_kolom():
    # Row 1 has a blank Q, row 2 a text P: row 1 comes first although P is summed first.
    rows = [{"P": 1, "Q": 1}, {"P": 2, "Q": None}, {"P": "dua", "Q": 1}]
    with pytest.raises(AngkaKosong) as e:
        jumlah_kolom(rows, None, "P", "Q")
    assert (e.value.indeks, e.value.kolom) == (1, "Q")


_sel_angka = st.one_of(st.none(), st.just(" "), st.just("x"), st.just(True), st.integers(0, 3), st.just(1.5))


@given(st.lists(st.tuples(_sel_angka, _sel_angka, st.sampled_from(["Ya", "Tidak", None])), max_size=20))
def test_masalah_angka_sama_dengan_yang_menghentikan_cara(sel):
    # A kind stops exactly when masalah_angka lists a cell on a row it reads (meeting Saring), and at
    # the first such cell; text outside Saring is listed too (a number column holding text) but
    # stops nothing.
    rows = [{"P": p, "Q": q, "S": s_} for p, q, s_ in sel]
    s = baca_syarat("S = Ya")
    m = masalah_angka(rows, ["P", "Q"], saring=s, wajib=["P", "Q"], bukan_nol=["Q"])
    assert all(isinstance(x, BukanAngka) for x in m if rows[x.indeks]["S"] != "Ya")
    dibaca = [(x.indeks, x.kolom, type(x)) for x in m if rows[x.indeks]["S"] == "Ya"]
    for cara, harap in ((rata_rata_rasio, dibaca), (jumlah_kolom, [d for d in dibaca if d[2] is not PenyebutNol])):
        try:
            cara(rows, s, "P", "Q")
        except (BukanAngka, AngkaKosong, PenyebutNol) as e:
            assert harap and (e.indeks, e.kolom, type(e)) == harap[0]
        else:
            assert not harap
