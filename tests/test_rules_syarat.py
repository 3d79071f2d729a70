"""Catalogue conditions (KONTRAK §5): reading, binding to headers, judging rows."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from xl_iku.rules.syarat import (
    BukanAngka,
    KolomLain,
    Perbandingan,
    Syarat,
    SyaratError,
    Terisi,
    baca_syarat,
    kunci_kolom,
    kunci_teks,
)

D = Decimal


def S(*bagian):
    return Syarat(tuple(bagian))


# --- reading every form -------------------------------------------------------------


@pytest.mark.parametrize(
    "teks, harap",
    [
        ("Status = Tuntas", S(Perbandingan("Status", "=", ("Tuntas",)))),
        ("Status <> Dibatalkan", S(Perbandingan("Status", "<>", ("Dibatalkan",)))),
        ("Jenis = Penyakit Masyarakat; Lainnya",
         S(Perbandingan("Jenis", "=", ("Penyakit Masyarakat", "Lainnya")))),
        ("Status <> Dibatalkan;Ditolak", S(Perbandingan("Status", "<>", ("Dibatalkan", "Ditolak")))),
        ("Nilai > 5", S(Perbandingan("Nilai", ">", (D(5),)))),
        ("Nilai >= 7,5", S(Perbandingan("Nilai", ">=", (D("7.5"),)))),
        ("Nilai < 7.5", S(Perbandingan("Nilai", "<", (D("7.5"),)))),
        ("Nilai <= -2", S(Perbandingan("Nilai", "<=", (D(-2),)))),
        ("Nilai = 0,8155", S(Perbandingan("Nilai", "=", (D("0.8155"),)))),
        # Three dot-separated groups do not read as a number: text.
        ("Kode = 7.01.03", S(Perbandingan("Kode", "=", ("7.01.03",)))),
        # A quoted value is always text, even when it reads as a number.
        ('Kode = "7,5"', S(Perbandingan("Kode", "=", ("7,5",)))),
        ('Kelompok = "Pembinaan dan Pengawasan Desa"',
         S(Perbandingan("Kelompok", "=", ("Pembinaan dan Pengawasan Desa",)))),
        ('Uraian = "a; b"; c', S(Perbandingan("Uraian", "=", ("a; b", "c")))),
        ('Uraian = "kata ""kutip"""', S(Perbandingan("Uraian", "=", ('kata "kutip"',)))),
        ("[Nilai 2026] > [Nilai 2025]", S(Perbandingan("Nilai 2026", ">", KolomLain("Nilai 2025")))),
        ("Nilai 2026 >= [Nilai 2025]", S(Perbandingan("Nilai 2026", ">=", KolomLain("Nilai 2025")))),
        ("Tanggal Selesai terisi", S(Terisi("Tanggal Selesai", False))),
        ("Tanggal Selesai KOSONG", S(Terisi("Tanggal Selesai", True))),
        ("[Formulir terisi] terisi", S(Terisi("Formulir terisi", False))),
        ("[Sarana dan Prasarana] = Ada", S(Perbandingan("Sarana dan Prasarana", "=", ("Ada",)))),
        ("Status = kosong", S(Perbandingan("Status", "=", ("kosong",)))),  # a value, not the keyword
        ("Status = Tuntas dan Jenis = Penyakit Masyarakat",
         S(Perbandingan("Status", "=", ("Tuntas",)), Perbandingan("Jenis", "=", ("Penyakit Masyarakat",)))),
        ("Status = Tuntas DAN Nilai > 0 Dan Desa terisi",
         S(Perbandingan("Status", "=", ("Tuntas",)), Perbandingan("Nilai", ">", (D(0),)), Terisi("Desa", False))),
        # Aliases an officer may paste from a document.
        ("Nilai ≥ 5", S(Perbandingan("Nilai", ">=", (D(5),)))),
        ("Nilai ≤ 5", S(Perbandingan("Nilai", "<=", (D(5),)))),
        ("Status ≠ Batal", S(Perbandingan("Status", "<>", ("Batal",)))),
        ("Status != Batal", S(Perbandingan("Status", "<>", ("Batal",)))),
        ("  Status=Tuntas  ", S(Perbandingan("Status", "=", ("Tuntas",)))),
        ("Status\u00a0=\u00a0Tuntas", S(Perbandingan("Status", "=", ("Tuntas",)))),
    ],
)
def test_baca_setiap_bentuk(teks, harap):
    assert baca_syarat(teks) == harap


def test_angka_desimal_koma_dan_titik_sama():
    assert baca_syarat("Nilai > 7,5") == baca_syarat("Nilai > 7.5")
    # 1.000 reads as 1 (decimal point, KONTRAK §5: no thousands separator).
    assert baca_syarat("Nilai = 1.000").bagian[0].nilai == (D(1),)
    assert baca_syarat("Nilai = 1.000.000").bagian[0].nilai == ("1.000.000",)  # text


def test_tulis_kanonik():
    assert str(baca_syarat("status=tuntas;dalam proses dan nilai>=7.5")) == \
        "status = tuntas; dalam proses dan nilai >= 7,5"
    assert str(baca_syarat('Kode = "7,5"')) == 'Kode = "7,5"'
    assert str(baca_syarat("[Sarana dan Prasarana] kosong")) == "[Sarana dan Prasarana] kosong"
    assert str(baca_syarat("[Nilai 2026] > [Nilai 2025]")) == "Nilai 2026 > [Nilai 2025]"


# --- judging rows --------------------------------------------------------------------


def test_teks_abaikan_huruf_spasi_nbsp():
    s = baca_syarat("Status = Tuntas")
    for v in ("Tuntas", "tuntas", "TUNTAS", "  Tuntas ", "\u00a0Tuntas\u00a0", "Tuntas\t"):
        assert s.berlaku({"Status": v}), v
    for v in ("Tuntass", "Tun tas", "Dalam Proses"):
        assert not s.berlaku({"Status": v}), v
    # Runs of spaces inside count as one.
    assert baca_syarat("Jenis = Pedagang Kaki Lima").berlaku({"Jenis": "pedagang  kaki\u00a0lima"})


def test_salah_satu():
    s = baca_syarat("Jenis = Penyakit Masyarakat; Lainnya")
    assert s.berlaku({"Jenis": "Lainnya"})
    assert s.berlaku({"Jenis": "penyakit masyarakat"})
    assert not s.berlaku({"Jenis": "Pedagang Kaki Lima"})
    bukan = baca_syarat("Status <> Dibatalkan; Ditolak")
    assert bukan.berlaku({"Status": "Tuntas"})
    assert not bukan.berlaku({"Status": "ditolak"})
    assert not bukan.berlaku({"Status": "Dibatalkan"})


def test_kosong_tidak_pernah_memenuhi_perbandingan():
    # A blank is neither equal, unequal, greater nor smaller (KONTRAK §5).
    for teks in ("Status = Tuntas", "Status <> Dibatalkan", "Status = 5", "Status <> 5", "Status > 5",
                 "Status >= 5", "Status < 5", "Status <= 5", "Status > [Lain]", "Status <> [Lain]"):
        s = baca_syarat(teks)
        for v in (None, "", "   ", "\u00a0"):
            assert not s.berlaku({"Status": v, "Lain": 3}), (teks, v)
    # Blank on the right-hand column too.
    for op in ("=", "<>", ">", ">=", "<", "<="):
        assert not baca_syarat(f"A {op} [B]").berlaku({"A": 1, "B": None}), op


def test_status_tidak_sama_dengan_dibatalkan_dengan_status_kosong_salah():
    assert baca_syarat("Status <> Dibatalkan").berlaku({"Status": None}) is False
    assert baca_syarat("Status <> Dibatalkan").berlaku({"Status": "Tuntas"}) is True


def test_terisi_dan_kosong():
    terisi, kosong = baca_syarat("Desa terisi"), baca_syarat("Desa kosong")
    for v, isi in ((None, False), ("", False), ("  ", False), ("\u00a0", False),
                   ("x", True), (0, True), (0.0, True), (False, True), (date(2026, 1, 1), True)):
        assert terisi.berlaku({"Desa": v}) is isi, v
        assert kosong.berlaku({"Desa": v}) is (not isi), v


@pytest.mark.parametrize(
    "teks, nilai, harap",
    [
        ("Nilai > 5", 5, False), ("Nilai > 5", 5.01, True), ("Nilai >= 5", 5, True),
        ("Nilai < 5", 4.99, True), ("Nilai <= 5", D("5.00"), True), ("Nilai = 5", 5.0, True),
        ("Nilai <> 5", 5, False), ("Nilai <> 5", 6, True),
        ("Nilai = 7,5", 7.5, True), ("Nilai = 0,1", 0.1, True),  # float as typed (repr), not binary
        ("Nilai > 0,8155", 0.8155, False), ("Nilai >= 0,8155", 0.8155, True),
        ("Nilai = 1; 2; 3", 2, True), ("Nilai = 1; 2; 3", 4, False),
        ("Nilai > -1", -0.5, True),
    ],
)
def test_perbandingan_angka(teks, nilai, harap):
    assert baca_syarat(teks).berlaku({"Nilai": nilai}) is harap


def test_teks_terhadap_sel_angka_dan_tanggal():
    # A quoted (text) value compares with the cell as written.
    assert baca_syarat('Kode = "1403"').berlaku({"Kode": 1403})
    assert baca_syarat('Kode = "1403"').berlaku({"Kode": 1403.0})
    assert baca_syarat('Nilai = "7,5"').berlaku({"Nilai": 7.5})
    assert baca_syarat('Nilai = "7.5"').berlaku({"Nilai": D("7.50")})
    assert not baca_syarat('Nilai = "7,5"').berlaku({"Nilai": 7.55})
    assert baca_syarat("Tanggal = 31/12/2026").berlaku({"Tanggal": date(2026, 12, 31)})
    assert baca_syarat("Aktif = benar").berlaku({"Aktif": True})


def test_kolom_lain_desa_yang_nilainya_naik():
    s = baca_syarat("[Nilai 2026] > [Nilai 2025]")
    assert s.berlaku({"Nilai 2026": 0.7, "Nilai 2025": 0.65})
    assert not s.berlaku({"Nilai 2026": 0.65, "Nilai 2025": 0.65})  # unchanged is not "rose"
    assert not s.berlaku({"Nilai 2026": 0.6, "Nilai 2025": 0.65})
    assert not s.berlaku({"Nilai 2026": 0.7, "Nilai 2025": None})
    assert not s.berlaku({"Nilai 2026": None, "Nilai 2025": 0.6})
    # Exact: 0.1 + 0.2 typed as 0.3 equals 0.3 (floats read as typed).
    assert baca_syarat("A = [B]").berlaku({"A": 0.3, "B": D("0.30")})


def test_dan_semua_harus_berlaku():
    s = baca_syarat("Status = Tuntas dan Jenis = Penyakit Masyarakat dan Nilai > 1")
    assert s.berlaku({"Status": "Tuntas", "Jenis": "Penyakit Masyarakat", "Nilai": 2})
    assert not s.berlaku({"Status": "Tuntas", "Jenis": "Penyakit Masyarakat", "Nilai": 1})
    assert not s.berlaku({"Status": "Tuntas", "Jenis": "Lainnya", "Nilai": 2})
    assert not s.berlaku({"Status": "Proses", "Jenis": "Penyakit Masyarakat", "Nilai": 2})
    assert Syarat(()).berlaku({})  # no parts: every row


# --- a number compared with a cell that is not one --------------------------------------


@pytest.mark.parametrize(
    "teks, row, kolom, isi",
    [
        ("Nilai > 5", {"Nilai": "tinggi"}, "Nilai", 'teks "tinggi"'),
        ("Nilai > 5", {"Nilai": "8"}, "Nilai", 'teks "8"'),  # a number typed as text is text
        ("Nilai > 5", {"Nilai": True}, "Nilai", "nilai logika BENAR"),
        ("Nilai > 5", {"Nilai": date(2026, 1, 1)}, "Nilai", "tanggal"),
        ("A > [B]", {"A": 1, "B": "x"}, "B", 'teks "x"'),
        ("A > [B]", {"A": "x", "B": 1}, "A", 'teks "x"'),
    ],
)
def test_bukan_angka(teks, row, kolom, isi):
    with pytest.raises(BukanAngka) as e:
        baca_syarat(teks).berlaku(row)
    assert e.value.kolom == kolom
    assert e.value.nilai == row[kolom]
    assert e.value.indeks is None
    assert str(e.value) == (f'Kolom "{kolom}" dibaca sebagai angka oleh indikator, tetapi sel ini berisi '
                            f"{isi}; isikan angka.")


def test_bukan_angka_pada_sama_dengan_menyarankan_kutip():
    with pytest.raises(BukanAngka) as e:
        baca_syarat("Kode = 7.01").berlaku({"Kode": "7.01"})
    assert str(e.value) == ('Kolom "Kode" dibaca sebagai angka oleh indikator, tetapi sel ini berisi teks "7.01"; '
                            "isikan angka; bila nilai syarat itu memang teks, tulis dalam tanda kutip ganda.")
    assert isinstance(e.value, ValueError)
    # Quoted, the same value is text and matches.
    assert baca_syarat('Kode = "7.01"').berlaku({"Kode": "7.01"})


# --- headers -----------------------------------------------------------------------------

KAMTIBMAS = ["No", "Tanggal", "Jenis", "Desa", "Uraian", "Status"]


def test_pasang_abaikan_huruf_dan_spasi():
    s = baca_syarat("STATUS = tuntas dan nilaiidm > [ nilai  idm lalu ]")
    s = s.pasang(["Status", "Nilai IDM", "Nilai IDM Lalu"])
    assert s == S(Perbandingan("Status", "=", ("tuntas",)), Perbandingan("Nilai IDM", ">", KolomLain("Nilai IDM Lalu")))
    assert s.berlaku({"Status": "Tuntas", "Nilai IDM": 0.8, "Nilai IDM Lalu": 0.7})
    assert baca_syarat("tanggal\u00a0selesai terisi").pasang(["Tanggal Selesai"]) == S(Terisi("Tanggal Selesai", False))
    assert kunci_kolom(" Nilai\u00a0IDM ") == kunci_kolom("nilaiidm") == "nilaiidm"
    assert kunci_teks("\u00a0Pedagang  Kaki Lima ") == "pedagang kaki lima"


def test_pasang_kolom_tidak_ada():
    with pytest.raises(SyaratError) as e:
        baca_syarat("Statsu = Tuntas").pasang(KAMTIBMAS, "tblKamtibmas")
    assert str(e.value) == ('Kolom "Statsu" pada syarat "Statsu = Tuntas" tidak ada di tabel tblKamtibmas '
                            '(mungkin maksudnya "Status"); kolom yang ada: No, Tanggal, Jenis, Desa, Uraian, Status.')
    with pytest.raises(SyaratError) as e:
        baca_syarat("Kecamatan terisi").pasang(KAMTIBMAS)
    assert str(e.value) == ('Kolom "Kecamatan" pada syarat "Kecamatan terisi" tidak ada di tabel; '
                            "kolom yang ada: No, Tanggal, Jenis, Desa, Uraian, Status.")
    with pytest.raises(SyaratError, match=r'Kolom "Nilai 2024" pada syarat .* tidak ada di tabel tblDesa'):
        baca_syarat("[Nilai 2026] > [Nilai 2024]").pasang(["Nilai 2026", "Nilai 2025"], "tblDesa")


def test_pasang_dua_kolom_cocok():
    with pytest.raises(SyaratError) as e:
        baca_syarat("nilai idm > 0").pasang(["Nilai IDM", "NilaiIDM"], "tblDesa")
    assert str(e.value) == ('Kolom "nilai idm" pada syarat "nilai idm > 0" cocok dengan lebih dari satu kolom '
                            "tabel tblDesa (Nilai IDM, NilaiIDM); tulis nama kolomnya persis.")
    # Exact spelling decides.
    assert baca_syarat("NilaiIDM > 0").pasang(["Nilai IDM", "NilaiIDM"]).kolom == {"NilaiIDM"}


def test_kolom_kolom_angka_dan_nilai_teks():
    s = baca_syarat('Kelompok = "Pembinaan dan Pengawasan Desa"; Monev APBDes dan Target > 0 '
                    "dan [Nilai 2026] > [Nilai 2025] dan Kode = 7.01.03 dan Status <> Batal dan Desa terisi "
                    "dan No = 5")
    assert s.kolom == {"Kelompok", "Target", "Nilai 2026", "Nilai 2025", "Kode", "Status", "Desa", "No"}
    assert s.kolom_angka == {"Target", "Nilai 2026", "Nilai 2025", "No"}
    assert s.nilai_teks() == {"Kelompok": {"Pembinaan dan Pengawasan Desa", "Monev APBDes"},
                              "Kode": {"7.01.03"}, "Status": {"Batal"}}


def test_nilai_tanpa_baris_kemungkinan_salah_ketik():
    s = baca_syarat("Jenis = Penyakit Masyarakat; Penyakit Masyarkat dan Status = tuntas")
    rows = [{"Jenis": "penyakit masyarakat ", "Status": "Tuntas"}, {"Jenis": "Lainnya", "Status": None}]
    assert s.nilai_tanpa_baris(rows) == {"Jenis": {"Penyakit Masyarkat"}}
    assert s.nilai_tanpa_baris([]) == {"Jenis": {"Penyakit Masyarakat", "Penyakit Masyarkat"}, "Status": {"tuntas"}}
    assert baca_syarat("Nilai > 5").nilai_tanpa_baris(rows) == {}


# --- every message ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "teks, pesan",
    [
        ("", "Syarat kosong: tulis syarat seperti Status = Tuntas."),
        ("   ", "Syarat kosong: tulis syarat seperti Status = Tuntas."),
        ("Status = ", 'Syarat "Status =" tidak lengkap: setelah "=" harus ada nilai.'),
        ("Nilai >=", 'Syarat "Nilai >=" tidak lengkap: setelah ">=" harus ada nilai.'),
        ("= Tuntas", 'Syarat "= Tuntas" tidak lengkap: sebelum "=" harus ada nama kolom.'),
        ("terisi", 'Syarat "terisi" tidak lengkap: sebelum "terisi" harus ada nama kolom.'),
        ("Status = Tuntas dan", 'Syarat "Status = Tuntas dan" tidak lengkap: setelah "dan" harus ada syarat.'),
        ("dan Status = Tuntas", 'Syarat "dan Status = Tuntas" tidak lengkap: sebelum "dan" harus ada syarat.'),
        ("Status = Tuntas dan  dan Desa terisi",
         'Syarat "Status = Tuntas dan  dan Desa terisi" tidak lengkap: setelah "dan" harus ada syarat.'),
        ("Tuntas", 'Syarat "Tuntas" tidak dapat dibaca: tulis Kolom = nilai, Kolom <> nilai, Kolom > angka '
                   "(juga >=, <, <=), Kolom terisi atau Kolom kosong."),
        ("Kelompok = Pembinaan dan Pengawasan Desa",
         'Bagian "Pengawasan Desa" dari syarat "Kelompok = Pembinaan dan Pengawasan Desa" tidak dapat dibaca: '
         "tulis Kolom = nilai, Kolom <> nilai, Kolom > angka (juga >=, <, <=), Kolom terisi atau Kolom kosong; "
         'bila "Pembinaan dan Pengawasan Desa" satu teks, tulis dalam tanda kutip ganda: '
         'Kelompok = "Pembinaan dan Pengawasan Desa".'),
        ("Nilai > tinggi", 'Syarat "Nilai > tinggi" tidak dapat dibaca: setelah ">" harus ada angka '
                           '(mis. 5 atau 7,5, tanpa pemisah ribuan) atau [Kolom Lain], bukan teks "tinggi".'),
        ('Nilai > "5"', 'Syarat "Nilai > "5"" tidak dapat dibaca: setelah ">" harus ada angka '
                        '(mis. 5 atau 7,5, tanpa pemisah ribuan) atau [Kolom Lain], bukan teks "5".'),
        ("Anggaran > 1.000.000", 'Syarat "Anggaran > 1.000.000" tidak dapat dibaca: setelah ">" harus ada angka '
                                 '(mis. 5 atau 7,5, tanpa pemisah ribuan) atau [Kolom Lain], bukan teks "1.000.000".'),
        ("Nilai > 1; 2", 'Syarat "Nilai > 1; 2" tidak dapat dibaca: setelah ">" hanya boleh satu angka; '
                         'beberapa nilai dengan ";" hanya untuk = dan <>.'),
        ("Nilai => 5", 'Syarat "Nilai => 5" tidak dapat dibaca: operator "=>" tidak dikenal; '
                       "pakai =, <>, >, >=, < atau <=."),
        ("Nilai == 5", 'Syarat "Nilai == 5" tidak dapat dibaca: operator "==" tidak dikenal; '
                       "pakai =, <>, >, >=, < atau <=."),
        ("Status = a;;b", 'Syarat "Status = a;;b" tidak dapat dibaca: ada nilai kosong di sekitar tanda ";"; '
                          "pisahkan nilai dengan satu ; di antara dua nilai."),
        ("Status = Tuntas;", 'Syarat "Status = Tuntas;" tidak dapat dibaca: ada nilai kosong di sekitar tanda ";"; '
                             "pisahkan nilai dengan satu ; di antara dua nilai."),
        ('Status = "Tuntas', 'Syarat "Status = "Tuntas" tidak dapat dibaca: tanda kutip ganda (") tidak ditutup.'),
        ("[Nilai > 5", 'Syarat "[Nilai > 5" tidak dapat dibaca: kurung siku "[" tidak ditutup dengan "]".'),
        ("Nilai] > 5", 'Syarat "Nilai] > 5" tidak dapat dibaca: ada "]" tanpa "[" pembukanya.'),
        ("[] = 5", 'Syarat "[] = 5" tidak dapat dibaca: nama kolom di dalam [ ] kosong.'),
        ("A > []", 'Syarat "A > []" tidak dapat dibaca: nama kolom di dalam [ ] kosong.'),
        ("[A] x = 5", 'Syarat "[A] x = 5" tidak dapat dibaca: nama kolom dalam kurung siku ditulis utuh, '
                      "mis. [Nilai 2026] = …"),
        ('"Status" = Tuntas', 'Syarat ""Status" = Tuntas" tidak dapat dibaca: nama kolom ""Status"" memuat tanda '
                              "kutip atau kurung; tulis nama kolom tanpa tanda kutip, atau dalam kurung siku seperti "
                              "[Nilai 2026]."),
        ('Status = ""', 'Syarat "Status = """ tidak dapat dibaca: teks berkutip kosong; untuk sel kosong tulis '
                        "Kolom kosong."),
        ('Status = "Tuntas" sekali', 'Syarat "Status = "Tuntas" sekali" tidak dapat dibaca: setelah teks berkutip '
                                     '"Tuntas" masih ada "sekali"; gabungkan syarat dengan " dan ", atau beberapa '
                                     'nilai dengan ";".'),
        ("A > [B] x", 'Syarat "A > [B] x" tidak dapat dibaca: setelah ">" kolom lain ditulis utuh dalam kurung '
                      "siku, mis. [Nilai 2025]."),
        ("A = Jum[at", 'Syarat "A = Jum[at" tidak dapat dibaca: kurung siku "[" tidak ditutup dengan "]".'),
        ('A = x"y"', 'Syarat "A = x"y"" tidak dapat dibaca: nilai "x"y"" memuat tanda kutip atau kurung siku; '
                     'tulis teks utuh dalam tanda kutip ganda, mis. "Pembinaan dan Pengawasan Desa".'),
        ("A > [B]; 5", 'Syarat "A > [B]; 5" tidak dapat dibaca: [Kolom Lain] tidak dapat digabung dengan nilai lain '
                       'memakai ";".'),
        ("Status = Tuntas Jenis = Lainnya",
         'Syarat "Status = Tuntas Jenis = Lainnya" tidak dapat dibaca: nilai "Tuntas Jenis = Lainnya" memuat '
         'operator lagi; gabungkan dua syarat dengan " dan ", atau tulis teksnya dalam tanda kutip ganda.'),
        # In a longer condition the message names the part.
        ("Status = Tuntas dan Nilai > x",
         'Bagian "Nilai > x" dari syarat "Status = Tuntas dan Nilai > x" tidak dapat dibaca: setelah ">" harus ada '
         'angka (mis. 5 atau 7,5, tanpa pemisah ribuan) atau [Kolom Lain], bukan teks "x".'),
        ("Status = Tuntas dan Desa",
         'Bagian "Desa" dari syarat "Status = Tuntas dan Desa" tidak dapat dibaca: tulis Kolom = nilai, '
         "Kolom <> nilai, Kolom > angka (juga >=, <, <=), Kolom terisi atau Kolom kosong; bila "
         '"Tuntas dan Desa" satu teks, tulis dalam tanda kutip ganda: Status = "Tuntas dan Desa".'),
    ],
)
def test_pesan_galat(teks, pesan):
    with pytest.raises(SyaratError) as e:
        baca_syarat(teks)
    assert str(e.value) == pesan
    assert isinstance(e.value, ValueError)


def test_bukan_teks():
    with pytest.raises(SyaratError, match="Syarat kosong"):
        baca_syarat(None)


# --- properties ---------------------------------------------------------------------------

_HURUF = st.sampled_from(list("abdnkstAZ019 ") + ["dan", " dan ", "terisi", " kosong", "<", "=", ";", '"', "\u00a0"])
_kata = st.lists(_HURUF, min_size=1, max_size=6).map("".join)
_kolom = _kata.map(str.strip).filter(bool)
_teks = _kata.filter(lambda s: s.strip() != "" and "\u00a0" not in s.strip())
_angka = st.decimals(min_value=-10**6, max_value=10**6, places=3, allow_nan=False, allow_infinity=False)
_banding = st.one_of(
    st.builds(Perbandingan, _kolom, st.sampled_from(["=", "<>"]),
              st.lists(st.one_of(_teks, _angka), min_size=1, max_size=3).map(tuple)),
    st.builds(Perbandingan, _kolom, st.sampled_from([">", ">=", "<", "<="]), _angka.map(lambda d: (d,))),
    st.builds(Perbandingan, _kolom, st.sampled_from(["=", "<>", ">", ">=", "<", "<="]), _kolom.map(KolomLain)),
    st.builds(Terisi, _kolom, st.booleans()),
)
_syarat = st.lists(_banding, min_size=1, max_size=4).map(lambda b: Syarat(tuple(b)))


@given(_syarat)
def test_baca_tulis_bolak_balik(s):
    assert baca_syarat(str(s)) == s


@given(st.text(max_size=40))
def test_teks_apa_pun_terbaca_atau_syarat_error(teks):
    # Never a traceback of another kind: any text reads, or says why not.
    try:
        s = baca_syarat(teks)
    except SyaratError as e:
        assert str(e)
    else:
        assert s.bagian and baca_syarat(str(s)) == s


@given(st.sampled_from(["Tuntas", "Dalam Proses", "Belum Ditindaklanjuti"]),
       st.sampled_from(["", " ", "\u00a0", "  "]), st.sampled_from([str.upper, str.lower, str.title, str]))
def test_cocok_tanpa_peduli_huruf_dan_spasi_tepi(nilai, spasi, ubah):
    s = baca_syarat("Status = Tuntas")
    assert s.berlaku({"Status": spasi + ubah(nilai) + spasi}) is (nilai == "Tuntas")


@given(_angka, _angka)
def test_perbandingan_angka_sama_dengan_python(a, b):
    row = {"A": float(a), "B": b}
    fa = Decimal(repr(float(a)))  # the float as typed
    for op, f in ((">", fa > b), (">=", fa >= b), ("<", fa < b), ("<=", fa <= b), ("=", fa == b), ("<>", fa != b)):
        assert baca_syarat(f"A {op} [B]").berlaku(row) is f
        assert baca_syarat(f"A {op} {str(b).replace('.', ',')}").berlaku(row) is f


# --- a whole table at once (Syarat.indeks) ----------------------------------------------------

_sel = st.one_of(st.none(), st.sampled_from(["Tuntas", " tuntas", "Proses", "", "5", "x"]), st.booleans(),
                 st.integers(-3, 8), st.sampled_from([0.5, 1.0, 7.5, 2.0]), st.just(Decimal("1.0")),
                 st.just(date(2026, 1, 1)))
_syarat_tabel = st.sampled_from([
    "A = Tuntas", "A <> Tuntas", "A = 1", "A > 1", "A <= 7,5", "A terisi", "A kosong", "A > [B]", "A = [B]",
    "A = Tuntas; 1", 'A = "1"', "A terisi dan B > 0", "B > 0 dan A = Tuntas", "A <> 5 dan B = 1; 2 dan A kosong",
])


@given(st.lists(st.tuples(_sel, _sel), max_size=25), _syarat_tabel, _syarat_tabel)
def test_indeks_sama_dengan_berlaku_baris_demi_baris(sel, teks1, teks2):
    # The columnar path judges each distinct value once: it must give exactly what row by row gives —
    # the same rows, or the same problem at the same (first) row.
    rows = [{"A": a, "B": b} for a, b in sel]
    s = baca_syarat(f"{teks1} dan {teks2}")
    harap, salah = [], None
    for i, r in enumerate(rows):
        try:
            if s.berlaku(r):
                harap.append(i)
        except BukanAngka as e:
            salah = (i, e.kolom, e.nilai)
            break
    try:
        hasil = s.indeks(rows)
    except BukanAngka as e:
        assert salah is not None and (e.indeks, e.kolom) == salah[:2] and e.nilai is salah[2]
    else:
        assert salah is None and hasil == harap


def test_indeks_benar_di_antara_angka():
    # TRUE equals 1 in Python (and in a set); it is still a logical value, not the number 1.
    rows = [{"A": 1}, {"A": 1.0}, {"A": True}]
    with pytest.raises(BukanAngka) as e:
        baca_syarat("A = 1").indeks(rows)
    assert (e.value.indeks, e.value.nilai) == (2, True)
    assert baca_syarat("A terisi").indeks(rows) == [0, 1, 2]
    assert baca_syarat("A = 1").indeks(rows, [0, 1]) == [0, 1]
    assert baca_syarat('A = "benar"').indeks(rows) == [2]


def test_perbandingan_dibuat_langsung_diperiksa():
    with pytest.raises(ValueError):
        Perbandingan("Nilai", ">", ("tinggi",))
    with pytest.raises(ValueError):
        Perbandingan("Nilai", "=", ())
    with pytest.raises(ValueError):
        Perbandingan("Nilai", "=>", (D(1),))
    assert Perbandingan("Nilai", ">", (D(1),)).berlaku({"Nilai": 2})
