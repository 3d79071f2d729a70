"""`xl-iku impor-skm`: Google Forms responses appended to tblSKM, faithfully."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest

from xl_iku import kontrak as K
from xl_iku.template.contoh import data_contoh
from xl_iku.impor import pemetaan as M
from xl_iku.impor.skm import impor_skm
from xl_iku.io.package import FileError
from xl_iku.template.build import buat

ROOT = Path(__file__).resolve().parents[1]
CSV = ROOT / "tests" / "data" / "skm_google_form.csv"

# The sample CSV by hand, in tblSKM terms (row 6 of the form, CSV line 8, has
# U3 = 'Lumayan' and is not imported).  The form asks about sarana (U9) before
# pengaduan (U8), as the regulation's questionnaire does.
HARAPAN = [
    # line, tanggal, jenis layanan, JK, usia, pendidikan, pekerjaan, U1..U9, saran
    (2, datetime(2024, 3, 4, 8, 15, 2), "Surat Keterangan Tidak Mampu", "L", 35, "SMA", "Wiraswasta",
     [4, 3, 3, 4, 3, 4, 4, 3, 3], "Pelayanan cepat, terima kasih."),
    (3, datetime(2024, 3, 4, 9, 2, 47), "Surat Pengantar Nikah", "P", 28, "S1", "Pegawai Swasta",
     [3, 3, 2, 4, 3, 3, 4, 2, 3], '=HYPERLINK("http://x","klik")'),
    (4, datetime(2024, 3, 5, 13, 30, 10), "Rekomendasi Izin Usaha Mikro", "P", 41, "SMP", "Ibu Rumah Tangga",
     [4, 4, 4, 4, 4, 4, 4, 4, 4], "Ruang tunggu perlu kipas angin.\nToilet kurang bersih."),
    (6, datetime(2024, 3, 6, 10, 11, 12), "Surat Keterangan Ahli Waris", "L", 52, "SD", "Petani",
     [2, 2, 1, 3, 2, 3, 3, 1, 2], "-- antrean terlalu lama"),
    (7, datetime(2024, 3, 6, 11, 45, 0), "Rekomendasi Beasiswa", "L", 19, "SMA", "Pelajar/Mahasiswa",
     [3, 3, 3, None, 3, 3, 3, 3, 3], None),
    (9, datetime(2024, 3, 8, 8, 59, 59), "Legalisasi Surat Keterangan Tanah", "L", 45, "S1", "Wiraswasta",
     [3, 2, 2, 2, 3, 3, 3, 3, 2], "+ tambah loket pelayanan"),
    (10, datetime(2024, 3, 11, 9, 20, 15), "Surat Keterangan Domisili Usaha", "P", 60, "SD", "Lainnya",
     [4, 4, 3, 4, 4, 4, 4, 3, 4], "@camat mohon ditingkatkan"),
    (11, datetime(2024, 3, 11, 15, 40, 41), "Rekomendasi Pindah Penduduk", "L", 38, "SMA", "Pegawai Swasta",
     [4, 3, 3, 4, 3, 3, 3, 3, 3], None),
    (12, datetime(2024, 3, 12, 10, 0, 0), "Surat Keterangan Tidak Mampu", "P", 27, "S1", "PNS",
     [3, 3, 3, 4, 3, 4, 4, 3, 3], "Sudah baik."),
]
BARIS_DITOLAK = 8
PRIBADI = ("Budi Santoso", "Siti Aminah", "example.com")


def xl_iku(*args, check=True) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="200")
    proc = subprocess.run([sys.executable, "-m", "xl_iku", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)
    if check:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def parts(p: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(p) as z:
        return {n: z.read(n) for n in z.namelist()}


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def bytes_kosong() -> bytes:
    """The sample year's settings and registers, with an empty tblSKM."""
    peng, tabel = data_contoh()
    tabel = dict(tabel)
    tabel["tblSKM"] = []
    return buat(None, peng, tabel)


@pytest.fixture(scope="module")
def bytes_contoh() -> bytes:
    peng, tabel = data_contoh()
    return buat(None, peng, tabel)


@pytest.fixture
def kosong(tmp_path, bytes_kosong) -> Path:
    p = tmp_path / "IKU 2024.xlsx"
    p.write_bytes(bytes_kosong)
    return p


@pytest.fixture
def contoh(tmp_path, bytes_contoh) -> Path:
    p = tmp_path / "contoh.xlsx"
    p.write_bytes(bytes_contoh)
    return p


def bagian_skm(p: Path) -> tuple[str, str]:
    """(sheet part, table part) of tblSKM."""
    from xl_iku.io.package import Package

    with Package.open(p) as pkg:
        t = pkg.tables["tblSKM"]
        return pkg.sheet(t.sheet).part, t.part


def baris_skm(p: Path) -> list[tuple]:
    ws = openpyxl.load_workbook(p)["SKM"]
    ref = ws.tables["tblSKM"].ref
    rows = list(ws[ref])
    return [tuple(c.value for c in r) for r in rows[1:]]


# ---------------------------------------------------------------- the sample CSV


def test_impor_csv_isi_dan_tipe_sel(kosong):
    asli = parts(kosong)
    proc = xl_iku("impor-skm", CSV, kosong, check=False)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # one row could not be mapped
    assert "9 tanggapan baru ditambahkan" in proc.stdout
    assert f"baris {BARIS_DITOLAK}:" in proc.stderr and "Lumayan" in proc.stderr and "U3" in proc.stderr
    for s in PRIBADI:
        assert s not in proc.stdout + proc.stderr

    ws = openpyxl.load_workbook(kosong)["SKM"]
    assert ws.tables["tblSKM"].ref == "A4:Q13"
    headers = [c.value for c in ws[4]]
    assert headers == list(K.TABEL["tblSKM"].headers)
    for i, (line, ts, jl, jk, usia, pend, pek, u, saran) in enumerate(HARAPAN):
        r = 5 + i
        got = [c.value for c in ws[r]][:17]
        assert got == [i + 1, ts, jl, jk, usia, pend, pek, *u, saran], f"baris lembar {r} (CSV baris {line})"
        # The column's date style: explicit dd/mm/yyyy, as the template sets it (issue 12).
        assert ws.cell(r, 2).is_date and ws.cell(r, 2).number_format == "dd/mm/yyyy"
        for c in ws[r]:
            if isinstance(c.value, str):
                assert c.data_type == "s"
    # The sheet XML: text is inline, never a formula; numbers are numbers.
    sheet_part, _ = bagian_skm(kosong)
    xml = parts(kosong)[sheet_part].decode("utf-8")
    assert "<f>" not in xml and "<f " not in xml
    sel = re.search(r'<c r="Q6"[^>]*>.*?</c>', xml).group(0)
    assert 't="inlineStr"' in sel and "=HYPERLINK" in sel
    tanggal = re.search(r'<c r="B5"([^>]*)><v>([^<]+)</v></c>', xml)
    s_kolom = re.search(r'<col min="2" max="2"[^>]*style="(\d+)"', asli[sheet_part].decode()).group(1)
    assert f's="{s_kolom}"' in tanggal.group(1)
    assert abs(float(tanggal.group(2)) - (datetime(2024, 3, 4, 8, 15, 2) - datetime(1899, 12, 30)).total_seconds() / 86400) < 1e-9
    for u_col in "HIJKLMNOP":
        assert 't="' not in re.search(rf'<c r="{u_col}5"[^>]*>', xml).group(0)


def test_impor_hanya_dua_bagian_berubah_dan_cadangan(kosong):
    asli = parts(kosong)
    sha_asli = sha(kosong)
    impor_skm(CSV, kosong)
    baru = parts(kosong)
    sheet_part, table_part = bagian_skm(kosong)
    assert list(baru) == list(asli)  # same parts, same order
    berubah = {n for n in asli if asli[n] != baru[n]}
    assert berubah == {sheet_part, table_part}
    # The table part changed only in its two ref attributes.
    assert re.sub(rb'ref="[^"]*"', b'ref=""', asli[table_part]) == re.sub(rb'ref="[^"]*"', b'ref=""', baru[table_part])
    bak = kosong.with_name(kosong.stem + ".bak.xlsx")
    assert bak.exists() and sha(bak) == sha_asli
    for s in PRIBADI:
        assert all(s.encode() not in data for data in baru.values())


def test_impor_dua_kali_tidak_menggandakan(kosong):
    impor_skm(CSV, kosong)
    setelah_pertama = sha(kosong)
    proc = xl_iku("impor-skm", CSV, kosong, check=False)
    assert proc.returncode == 1  # the unmappable row is still reported
    assert "9 tanggapan sudah ada" in proc.stdout
    assert "Tidak ada tanggapan baru" in proc.stdout
    assert sha(kosong) == setelah_pertama
    assert len([r for r in baris_skm(kosong) if any(v is not None for v in r)]) == 9


def test_impor_ulang_dengan_tanggapan_baru_hanya_menambah_yang_baru(kosong, tmp_path):
    impor_skm(CSV, kosong)
    teks = CSV.read_text(encoding="utf-8")
    tambahan = ('"2024/03/13 9:00:00 AM GMT+7","","","Perempuan","30","S1","PNS","Rekomendasi Beasiswa",'
                + ",".join(['"Sesuai"', '"Mudah"', '"Cepat"', '"Gratis"', '"Sesuai"', '"Kompeten"',
                            '"Sopan dan ramah"', '"Baik"', '"Dikelola dengan baik"']) + ',""\r\n')
    # Same answers as an existing response but a different time: a different respondent.
    kembar = teks.splitlines(keepends=True)[1].replace("8:15:02 AM", "8:16:40 AM")
    lanjutan = tmp_path / "lanjutan.csv"
    lanjutan.write_text(teks + tambahan + kembar, encoding="utf-8")
    lap = impor_skm(lanjutan, kosong)
    assert len(lap.baru) == 2 and len(lap.duplikat) == 9
    assert lap.baris_lembar == (14, 15)
    rows = baris_skm(kosong)
    assert [r[0] for r in rows] == list(range(1, 12))
    assert rows[-2][15] == 3 and rows[-2][14] == 4  # U9 = Baik, U8 = Dikelola dengan baik


def test_hitung_membaca_baris_impor(kosong):
    impor_skm(CSV, kosong)
    proc = xl_iku("hitung", kosong, "--json", "-", check=False)
    assert proc.returncode in (0, 1), proc.stderr
    doc = json.loads(proc.stdout)
    ikm = doc["ikm"]
    assert ikm["responden"] == len(HARAPAN)
    total = Fraction(0)
    for j, u in enumerate(K.UNSUR):
        jawaban = [row[7][j] for row in HARAPAN if row[7][j] is not None]
        nrr = Fraction(sum(jawaban), len(jawaban))
        assert ikm["nrr"][u] == pytest.approx(float(nrr), abs=1e-12), u
        total += nrr
    nilai = total / 9 * 25
    assert ikm["nilai"] == pytest.approx(float(nilai), abs=1e-9)
    by = {i["kode"]: i for i in doc["indikator"]}
    assert by["IK-01"]["realisasi"] == pytest.approx(float(nilai), abs=1e-9)
    # Hand check of the numbers themselves: U4 has one blank answer (8 answers).
    assert ikm["nrr"]["U4"] == pytest.approx(29 / 8)
    assert ikm["nilai"] == pytest.approx(79.20524691358025, abs=1e-9)


def test_impor_ke_tabel_berisi_ditambah_tepat_di_bawah(contoh):
    sheet_part, _ = bagian_skm(contoh)
    before_xml = parts(contoh)[sheet_part].decode()
    ws = openpyxl.load_workbook(contoh)["SKM"]
    ref = ws.tables["tblSKM"].ref
    last = int(re.search(r"(\d+)$", ref).group(1))
    n_lama = last - 4
    no_terakhir = ws.cell(last, 1).value
    gaya_terakhir = {c: re.search(rf'<c r="{c}{last}"[^>]*?s="(\d+)"', before_xml).group(1) for c in "ABCHQ"}
    responden_lama = json.loads(xl_iku("hitung", contoh, "-o", contoh.with_name("h0.xlsx"), "--json", "-",
                                       check=False).stdout)["ikm"]["responden"]

    lap = impor_skm(CSV, contoh)
    assert lap.baris_lembar == (last + 1, last + 9)
    ws = openpyxl.load_workbook(contoh)["SKM"]
    assert ws.tables["tblSKM"].ref == f"A4:Q{last + 9}"
    assert ws.cell(last + 1, 1).value == no_terakhir + 1
    assert ws.cell(last + 1, 2).value == HARAPAN[0][1]
    xml = parts(contoh)[sheet_part].decode()
    for c, s in gaya_terakhir.items():
        assert re.search(rf'<c r="{c}{last + 1}"[^>]*?s="{s}"', xml), c
    assert re.search(r'<dimension ref="A1:Q(\d+)"', xml).group(1) == str(last + 9)
    assert len(baris_skm(contoh)) == n_lama + 9
    doc = json.loads(xl_iku("hitung", contoh, "--json", "-", check=False).stdout)
    assert doc["ikm"]["responden"] == responden_lama + 9


def test_baris_diketik_di_bawah_tabel_tidak_tertimpa(tmp_path, bytes_kosong):
    """Rows typed just below the table (Excel did not extend it) stay; new rows go after them."""
    src = tmp_path / "a.xlsx"
    src.write_bytes(bytes_kosong)
    wb = openpyxl.load_workbook(src)
    ws = wb["SKM"]
    ws.cell(5, 1, 1), ws.cell(5, 2, datetime(2024, 2, 1)), ws.cell(5, 8, 4)
    ws.cell(6, 1, 2), ws.cell(6, 2, datetime(2024, 2, 2)), ws.cell(6, 8, 3)  # below ref A4:Q5
    wb.save(src)
    lap = impor_skm(CSV, src)
    assert lap.baris_lembar == (7, 15)
    ws = openpyxl.load_workbook(src)["SKM"]
    assert ws.tables["tblSKM"].ref == "A4:Q15"
    assert ws.cell(6, 8).value == 3 and ws.cell(7, 1).value == 3


def test_periksa_tidak_menulis(kosong):
    before = sha(kosong)
    proc = xl_iku("impor-skm", CSV, kosong, "--periksa", check=False)
    assert proc.returncode == 1
    assert "9 tanggapan baru akan ditambahkan" in proc.stdout
    assert sha(kosong) == before
    assert not kosong.with_name(kosong.stem + ".bak.xlsx").exists()


# ---------------------------------------------------------------- mapping file and other inputs


def test_pemetaan_json_untuk_label_lain(kosong, tmp_path):
    peta = tmp_path / "peta.json"
    peta.write_text(json.dumps({"nilai": {"U3": {"Lumayan": 3}}}), encoding="utf-8")
    proc = xl_iku("impor-skm", CSV, kosong, "--pemetaan", peta)
    assert "10 tanggapan baru ditambahkan" in proc.stdout
    rows = baris_skm(kosong)
    assert rows[5][9] == 3  # U3 of the former unmappable row


def test_pemetaan_toml_untuk_judul_lain(kosong, tmp_path):
    form = tmp_path / "lain.csv"
    form.write_text(
        "Waktu isi;Layanan;P1;P2;P3;P4;P5;P6;P7;P8;P9;Kesan\n"
        "15/04/2024 10.05.00;Rekomendasi Beasiswa;4;3;3;4;3;3;3;3;Luar biasa;ok\n"
        "16/04/2024 11.00.00;Dispensasi Nikah;3;3;3;3;3;3;3;3;3;\n",
        encoding="utf-8")
    peta = tmp_path / "peta.toml"
    peta.write_text(
        '[kolom]\n"Waktu isi" = "Tanggal"\n"Layanan" = "Jenis Layanan"\n'
        + "".join(f'"P{i}" = "U{i}"\n' for i in range(1, 10))
        + '"Kesan" = "Saran"\n[jawaban]\n"Luar biasa" = 4\n',
        encoding="utf-8")
    lap = impor_skm(form, kosong, pemetaan=peta)
    assert [b.nomor for b in lap.baru] == [2, 3] and not lap.ditolak
    rows = baris_skm(kosong)
    assert rows[0][1] == datetime(2024, 4, 15, 10, 5) and rows[0][15] == 4 and rows[0][16] == "ok"
    assert rows[1][1] == datetime(2024, 4, 16, 11, 0)


@pytest.mark.parametrize("isi, pesan", [
    ('{"kolom": {"A": "U10"}}', "U10"),
    ('{"jawaban": {"Luar biasa": 5}}', "1–4"),
    ('{"nilai": {"Jenis Kelamin": {"Pria": "M"}}}', "L atau P"),
    ('{"lain": 1}', "lain"),
    ("{bukan json", "JSON"),
])
def test_pemetaan_salah_keluar_2(kosong, tmp_path, isi, pesan):
    peta = tmp_path / "peta.json"
    peta.write_text(isi, encoding="utf-8")
    proc = xl_iku("impor-skm", CSV, kosong, "--pemetaan", peta, check=False)
    assert proc.returncode == 2 and pesan in proc.stderr and "Traceback" not in proc.stderr


def test_formulir_xlsx(kosong, tmp_path):
    form = tmp_path / "Jawaban Formulir.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Timestamp", "Jenis Kelamin", "Usia", "Persyaratan", "Prosedur", "Waktu Penyelesaian", "Biaya/Tarif",
               "Produk Spesifikasi Jenis Pelayanan", "Kompetensi Pelaksana", "Perilaku Pelaksana",
               "Penanganan Pengaduan, Saran dan Masukan", "Sarana dan Prasarana", "Saran"])
    ws.append([datetime(2024, 5, 2, 9, 30, 15), "Laki-laki", 40, "Sangat Sesuai", "Mudah", "Cepat", "Gratis",
               "Sesuai", "Kompeten", "Sopan dan Ramah", "Dikelola dengan baik", "Baik", "=1+1"])
    ws.append([])
    ws.append([datetime(2024, 5, 3, 14, 0, 0), "Wanita", "", 4, 3, 3, 4, 3, 3, 3, 3, 3, None])
    ws["M2"].data_type = "s"
    wb.save(form)
    lap = impor_skm(form, kosong)
    assert lap.peta["U8"] == ["Penanganan Pengaduan, Saran dan Masukan"] and lap.peta["Saran"] == ["Saran"]
    assert [b.nomor for b in lap.baru] == [2, 4] and not lap.ditolak
    rows = baris_skm(kosong)
    assert rows[0][1] == datetime(2024, 5, 2, 9, 30, 15)
    assert rows[0][3:5] == ("L", 40) and rows[1][3] == "P" and rows[1][4] is None
    assert rows[0][7:16] == (4, 3, 3, 4, 3, 3, 3, 4, 3)
    assert rows[0][16] == "=1+1"


def test_kolom_ganda_dan_tanpa_stempel_waktu_keluar_2(kosong, tmp_path):
    form = tmp_path / "ganda.csv"
    form.write_text("Timestamp,Persyaratan,Syarat pelayanan\n2024-03-01 10:00:00,Sesuai,Sesuai\n", encoding="utf-8")
    proc = xl_iku("impor-skm", form, kosong, check=False)
    assert proc.returncode == 2 and "U1" in proc.stderr and "--pemetaan" in proc.stderr
    form.write_text("Nama,Persyaratan\nBudi Santoso,Sesuai\n", encoding="utf-8")
    proc = xl_iku("impor-skm", form, kosong, check=False)
    assert proc.returncode == 2 and "stempel waktu" in proc.stderr.lower()
    assert "Budi Santoso" not in proc.stderr


def test_buku_kerja_tidak_layak_keluar_2(tmp_path):
    bad = tmp_path / "bukan.xlsx"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    proc = xl_iku("impor-skm", CSV, bad, check=False)
    assert proc.returncode == 2 and "Gagal:" in proc.stderr and "Traceback" not in proc.stderr
    assert bad.read_text(encoding="utf-8") == "a,b\n1,2\n"


def test_buku_kerja_terbuka_di_excel(kosong):
    kunci = kosong.with_name("~$" + kosong.name)
    kunci.write_bytes(b"x")
    before = sha(kosong)
    proc = xl_iku("impor-skm", CSV, kosong, check=False)
    assert proc.returncode == 2 and "Excel" in proc.stderr
    assert sha(kosong) == before


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice tidak terpasang")
def test_duplikat_tetap_dikenali_setelah_disimpan_libreoffice(kosong, tmp_path):
    impor_skm(CSV, kosong)
    out = tmp_path / "lo"
    out.mkdir()
    prof = (tmp_path / "profil").resolve().as_uri()
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={prof}", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(kosong)],
                   capture_output=True, timeout=120, check=True)
    disimpan = out / kosong.name
    lap = impor_skm(CSV, disimpan)
    assert not lap.baru and len(lap.duplikat) == 9


# ---------------------------------------------------------------- answer labels and timestamps


@pytest.mark.parametrize("label, nilai", [
    *[(lab, 4 - i) for i, lab in enumerate(["Sangat Sesuai", "Sesuai", "Kurang Sesuai", "Tidak Sesuai"])],
    *[(lab, 4 - i) for i, lab in enumerate(["Sangat Mudah", "Mudah", "Kurang Mudah", "Tidak Mudah"])],
    *[(lab, 4 - i) for i, lab in enumerate(["Sangat Cepat", "Cepat", "Kurang Cepat", "Tidak Cepat"])],
    *[(lab, 4 - i) for i, lab in enumerate(["Sangat Murah", "Murah", "Kurang Murah", "Mahal"])],
    ("Gratis", 4), ("Cukup Mahal", 2), ("Sangat Mahal", 1),
    *[(lab, 4 - i) for i, lab in enumerate(["Sangat Kompeten", "Kompeten", "Kurang Kompeten", "Tidak Kompeten"])],
    *[(lab, 4 - i) for i, lab in enumerate(["Sangat Sopan dan Ramah", "Sopan dan Ramah", "Kurang Sopan dan Ramah",
                                            "Tidak Sopan dan Ramah"])],
    *[(lab, 4 - i) for i, lab in enumerate(["Dikelola dengan baik", "Berfungsi kurang maksimal",
                                            "Ada tetapi tidak berfungsi", "Tidak ada"])],
    *[(lab, 4 - i) for i, lab in enumerate(["Sangat Baik", "Baik", "Cukup", "Buruk"])],
    ("sangat  SESUAI ", 4), ("Ada tapi tidak berfungsi", 2), ("Sangat sopan & ramah", 4),
    ("4", 4), ("1", 1), (3.0, 3), ("4 - Sangat Sesuai", 4), ("d. Sangat sesuai", 4), ("a. Tidak sesuai", 1),
    ("(2) Kurang mudah", 2), ("", None), (None, None),
])
def test_skor_label_peraturan(label, nilai):
    assert M.skor(label) == nilai


@pytest.mark.parametrize("label", ["Lumayan", "5", "0", 2.5, "=1+1", "Sangat"])
def test_skor_tak_dikenal(label):
    with pytest.raises(M.TakDikenal):
        M.skor(label)


def test_jenis_kelamin_dan_usia():
    assert [M.jenis_kelamin(v) for v in ("Laki-laki", "laki laki", "Pria", "L", "Perempuan", "Wanita", "p", "")] == \
        ["L", "L", "L", "L", "P", "P", "P", None]
    with pytest.raises(M.TakDikenal):
        M.jenis_kelamin("Lainnya")
    assert [M.usia(v) for v in ("35", "35 tahun", 41.0, "19 th", None, "")] == [35, 35, 41, 19, None, None]
    with pytest.raises(M.TakDikenal):
        M.usia("20-30 tahun")
    assert M.usia("20-30 tahun", {"20 30 tahun": 25}) == 25


@pytest.mark.parametrize("teks, harapan", [
    ("2024/03/04 8:15:02 AM GMT+7", datetime(2024, 3, 4, 8, 15, 2)),
    ("2024/03/04 1:30:10 PM GMT+07:00", datetime(2024, 3, 4, 13, 30, 10)),
    ("2024/03/04 12:05:00 AM", datetime(2024, 3, 4, 0, 5, 0)),
    ("2024-03-04 08:15:02", datetime(2024, 3, 4, 8, 15, 2)),
    ("2024-03-04T08:15:02.600Z", datetime(2024, 3, 4, 8, 15, 3)),
    ("04/03/2024 08.15.02", datetime(2024, 3, 4, 8, 15, 2)),
    ("4/3/2024 8:15:02", datetime(2024, 3, 4, 8, 15, 2)),
    ("04-03-2024", datetime(2024, 3, 4)),
    (datetime(2024, 3, 4, 8, 15, 2, 400000), datetime(2024, 3, 4, 8, 15, 2)),
    (date(2024, 3, 4), datetime(2024, 3, 4)),
])
def test_stempel_waktu(teks, harapan):
    assert M.waktu(teks) == harapan


def test_stempel_waktu_urutan_kolom():
    # Settled by the column: a number above 12, or a dotted time (written only by day-first locales).
    assert M.urutan_tanggal(["3/14/2024 10:00:00", "3/4/2024 10:00:00"]) == "mdy"
    assert M.urutan_tanggal(["14/3/2024 10:00:00", "4/3/2024 10:00:00"]) == "dmy"
    assert M.urutan_tanggal(["04/03/2024 10.00.00"]) == "dmy"
    assert M.urutan_tanggal(["2024/03/04 8:15:02 AM GMT+7", "2024-03-04 08:15:02"]) == "dmy"  # no d/m text at all
    assert M.urutan_tanggal(["3/3/2024 10:00:00"]) == "dmy"  # either reading is the same day
    # Not settled: refused, never guessed.
    for ragu in (["4/3/2024 10:00:00"], ["14/3/2024 10:00:00", "3/14/2024 10:00:00"]):
        with pytest.raises(M.UrutanTakPasti):
            M.urutan_tanggal(ragu)
    assert M.waktu("3/4/2024 10:00:00", "mdy") == datetime(2024, 3, 4, 10)
    assert M.waktu("4/3/2024 10:00", fmt="%d/%m/%Y %H:%M") == datetime(2024, 3, 4, 10)
    # A format that states only the order still reads any time style.
    assert M.waktu("3/4/2024 8:15:02 PM", fmt="%m/%d/%Y") == datetime(2024, 3, 4, 20, 15, 2)
    assert M.waktu("04/03/2024 8.15.02", fmt="dd/mm/yyyy") == datetime(2024, 3, 4, 8, 15, 2)
    assert M.tertukar(datetime(2024, 3, 4, 8)) == datetime(2024, 4, 3, 8)
    assert M.tertukar(datetime(2024, 3, 14, 8)) is None and M.tertukar(datetime(2024, 3, 3)) is None
    for salah in ("kemarin", "31/02/2024", "1899-01-01", "", 12):
        with pytest.raises(ValueError):
            M.waktu(salah)
    with pytest.raises(FileError, match="--format-tanggal"):
        M.periksa_format("%H:%M")


def test_kolom_dikenali_dari_judul_bukan_urutan():
    header = ["Stempel waktu", "Kualitas sarana dan prasarana", "Penanganan pengaduan pengguna layanan",
              "Saran dan masukan tentang sarana pelayanan", "Alamat email", "Nama"]
    peta = M.petakan_kolom(header, M.Pemetaan(), "f.csv")
    assert peta.kolom["Tanggal"] == [0] and peta.kolom["U9"] == [1] and peta.kolom["U8"] == [2]
    assert peta.kolom["Saran"] == [3]
    assert peta.diabaikan == ["Alamat email", "Nama"]
    assert peta.hilang == ["U1", "U2", "U3", "U4", "U5", "U6", "U7"]


@pytest.mark.parametrize("nomor", ["", "8. ", "8 ", "P8. ", "Pertanyaan 8 - "])
def test_pertanyaan_peraturan_ke_unsurnya(nomor):
    # The regulation's own question texts: its question 8 is sarana (U9), its question 9 pengaduan (U8).
    for teks, u in M.PERTANYAAN_PERATURAN:
        assert M.target_header(nomor + teks, M.Pemetaan())[0] == u, teks
    assert M.target_header(nomor + M.PERTANYAAN_PERATURAN[7][0], M.Pemetaan())[0] == "U9"
    assert M.target_header(nomor + M.PERTANYAAN_PERATURAN[8][0], M.Pemetaan())[0] == "U8"


@pytest.mark.parametrize("judul, target", [
    ("U4", "U4"), ("Unsur 9", "U9"), ("Timestamp", "Tanggal"), ("Cap waktu", "Tanggal"),
    ("Sarana dan Prasarana", "U9"), ("Penanganan Pengaduan, Saran dan Masukan", "U8"),
    ("Produk Spesifikasi Jenis Pelayanan", "U5"), ("Jenis layanan yang Anda terima", "Jenis Layanan"),
    ("Kritik dan saran terhadap waktu pelayanan", "Saran"), ("Saran dan masukan", "Saran"),
    ("8", None), ("Pertanyaan 8", None), ("Nomor HP", None),
])
def test_judul_kolom(judul, target):
    # A bare question number is the form's, not the unsur's: never guessed.
    assert M.target_header(judul, M.Pemetaan())[0] == target


def test_tanpa_kolom_unsur_ditolak():
    with pytest.raises(FileError, match="U1–U9"):
        M.petakan_kolom(["Timestamp", "Nama"], M.Pemetaan(), "f.csv")


# ---------------------------------------------------------------- real export shapes (issue 20)
#
# tests/data/gform_{id,en,iso}.csv: one Google Forms survey of ten responses,
# downloaded three ways — Indonesian locale (Stempel waktu, dd/mm/yyyy
# hh.mm.ss), English locale (Timestamp, m/d/yyyy h:mm:ss), ISO — with the
# regulation's question texts in its order (question 8 sarana = U9, question 9
# pengaduan = U8).  gform_en_awal.csv is the first eight as an earlier export
# (every day ≤ 12).  The id export also holds one blank submission (line 13).

DATA = ROOT / "tests" / "data"
GFORM = {g: DATA / f"gform_{g}.csv" for g in ("id", "en", "iso")}
GFORM_AWAL = DATA / "gform_en_awal.csv"
TEMPLAT = DATA / "templat_impor_skm.xlsx"

# The ten responses by hand, U1..U9 (tblSKM order), with their instants.
JAWABAN_10 = [
    [4, 3, 3, 4, 3, 4, 4, 3, 3], [3, 3, 2, 4, 3, 3, 4, 2, 3], [4, 4, 4, 4, 4, 4, 4, 4, 4],
    [2, 2, 1, 3, 2, 3, 3, 1, 2], [3, 3, 3, 4, 3, 3, 3, 3, 3], [4, 3, 3, 4, 3, 3, 3, 3, 3],
    [3, 2, 2, 2, 3, 3, 3, 3, 2], [4, 4, 3, 4, 4, 4, 4, 3, 4], [4, 3, 3, 4, 3, 3, 3, 3, 3],
    [3, 3, 3, 4, 3, 4, 4, 3, 3],
]
WAKTU_10 = [datetime(2024, 3, 4, 8, 15, 2), datetime(2024, 3, 4, 9, 2, 47), datetime(2024, 3, 5, 13, 30, 10),
            datetime(2024, 3, 6, 10, 11, 12), datetime(2024, 3, 7, 11, 45, 0), datetime(2024, 3, 8, 14, 5, 33),
            datetime(2024, 3, 11, 8, 59, 59), datetime(2024, 3, 12, 9, 20, 15), datetime(2024, 3, 14, 15, 40, 41),
            datetime(2024, 3, 15, 10, 0, 0)]
# Column sums by hand: U1 34, U2 30, U3 27, U4 37, U5 31, U6 34, U7 35, U8 28, U9 30 (total 286).
JUMLAH_10 = {"U1": 34, "U2": 30, "U3": 27, "U4": 37, "U5": 31, "U6": 34, "U7": 35, "U8": 28, "U9": 30}
IKM_10 = 286 / 10 / 9 * 25  # = 715/9 = 79,444…
# The CSV line of each response in the id/en/iso files (response 3 has a two-line Saran).
BARIS_CSV = [2, 3, 4, 6, 7, 8, 9, 10, 11, 12]


def _hitung_json(buku: Path, tmp: Path) -> tuple[int, dict]:
    proc = xl_iku("hitung", buku, "-o", tmp / f"hasil_{buku.stem}.xlsx", "--json", tmp / "hasil.json", check=False)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    return proc.returncode, json.loads((tmp / "hasil.json").read_text(encoding="utf-8"))


def _isi_skm(p: Path) -> list[tuple]:
    return [r for r in baris_skm(p) if any(v is not None for v in r)]


def _galat_skm(doc: dict) -> list[dict]:
    return [t for t in doc["temuan"] if t["lembar"] == "SKM" and t["tingkat"] == "galat"]


@pytest.mark.parametrize("gaya", ["id", "en", "iso"])
def test_ekspor_google_tiga_gaya_stempel_waktu(kosong, tmp_path, gaya):
    proc = xl_iku("impor-skm", GFORM[gaya], kosong)
    assert "10 tanggapan baru ditambahkan" in proc.stdout
    if gaya == "id":  # its blank submission: one peringatan, exit 0
        assert "peringatan baris 13: 1 baris tanpa satu pun jawaban U1–U9" in proc.stderr
    for s in PRIBADI:
        assert s not in proc.stdout + proc.stderr
    rows = _isi_skm(kosong)
    assert [r[1] for r in rows] == WAKTU_10
    assert [list(r[7:16]) for r in rows] == JAWABAN_10
    kode, doc = _hitung_json(kosong, tmp_path)
    # What impor-skm accepted without a word, hitung accepts too.
    assert kode == 0 and _galat_skm(doc) == []
    ikm = doc["ikm"]
    assert ikm["responden"] == 10
    for u, n in JUMLAH_10.items():
        assert ikm["nrr"][u] == pytest.approx(n / 10, abs=1e-12), u
    assert ikm["nilai"] == pytest.approx(IKM_10, abs=1e-9) and round(ikm["nilai"], 2) == 79.44


def test_impor_ulang_dalam_gaya_lain_tidak_menggandakan(kosong, tmp_path):
    impor_skm(GFORM["id"], kosong)
    setelah = sha(kosong)
    for form, fmt in ((GFORM["en"], None), (GFORM["iso"], None), (GFORM_AWAL, "%m/%d/%Y")):
        lap = impor_skm(form, kosong, format_tanggal=fmt)
        assert not lap.baru and lap.kode_keluar == 0, form.name
        assert len(lap.duplikat) == (8 if form == GFORM_AWAL else 10)
    assert sha(kosong) == setelah
    _, doc = _hitung_json(kosong, tmp_path)
    assert doc["ikm"]["responden"] == 10 and doc["ikm"]["nilai"] == pytest.approx(IKM_10, abs=1e-9)


@pytest.mark.parametrize("judul", ["Timestamp", "Stempel waktu"])
def test_tanggal_ragu_ditolak_dengan_satu_kalimat(kosong, tmp_path, judul):
    form = tmp_path / "awal.csv"
    form.write_text(GFORM_AWAL.read_text(encoding="utf-8").replace('"Timestamp"', f'"{judul}"', 1), encoding="utf-8")
    before = sha(kosong)
    proc = xl_iku("impor-skm", form, kosong, check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    pesan = proc.stderr.strip()
    assert pesan.startswith("Gagal: Urutan hari dan bulan") and "--format-tanggal" in pesan
    assert pesan.count(". ") == 0 and pesan.endswith(").")  # one sentence
    assert sha(kosong) == before


def test_ekspor_awal_lalu_ekspor_kumulatif(kosong, tmp_path):
    """The issue's case: an English export whose days are all ≤ 12, then the
    next cumulative export.  With the order stated once, 10 responses are 10 rows."""
    lap = impor_skm(GFORM_AWAL, kosong, format_tanggal="%m/%d/%Y")
    assert [b.waktu for b in lap.baru] == WAKTU_10[:8]
    lap = impor_skm(GFORM["en"], kosong)  # a day above 12 settles it: no option needed
    assert [b.waktu for b in lap.baru] == WAKTU_10[8:] and len(lap.duplikat) == 8
    assert [r[1] for r in _isi_skm(kosong)] == WAKTU_10
    _, doc = _hitung_json(kosong, tmp_path)
    assert doc["ikm"]["responden"] == 10 and doc["ikm"]["nilai"] == pytest.approx(IKM_10, abs=1e-9)


def test_impor_lama_dengan_hari_bulan_tertukar_dikenali(kosong, tmp_path):
    """An earlier import read the other way round (the wrong --format-tanggal, or
    an older xl-iku's guess): the next export finds those rows, adds each
    response once, and names the cell to correct."""
    impor_skm(GFORM_AWAL, kosong, format_tanggal="%d/%m/%Y")
    salah = [r[1] for r in _isi_skm(kosong)]
    assert salah[0] == datetime(2024, 4, 3, 8, 15, 2)  # 3/4 read as 3 April
    proc = xl_iku("impor-skm", GFORM["en"], kosong)
    assert "2 tanggapan baru ditambahkan" in proc.stdout and "8 tanggapan sudah ada" in proc.stdout
    assert proc.stderr.count("hari dan bulan tertukar") == 8
    assert "baris 2: tanggapan ini sudah ada di tblSKM (lembar SKM baris 5) dengan hari dan bulan tertukar" in proc.stderr
    assert "perbaiki sel SKM!B5" in proc.stderr and "04/03/2024" in proc.stderr
    assert len(_isi_skm(kosong)) == 10


def _ganti_jawaban(teks: str, baris_csv: int, kolom: int, baru: str) -> str:
    """The CSV with the cell (line, 0-based column) replaced (test data has no quotes inside cells)."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(teks, newline="")))
    # Records → line numbers: response 3 spans two lines.
    rec_baris = [1, *BARIS_CSV, 13][: len(rows)]
    i = rec_baris.index(baris_csv)
    rows[i][kolom] = baru
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


KOLOM_P8 = 15  # "8. … kualitas sarana dan prasarana?" in the id/en/iso exports


def test_jawaban_tak_dikenal_tidak_memindahkan_unsur(kosong, tmp_path):
    """The issue's repro: the regulation's question 8 (sarana) with one
    'Lumayan' stays U9; 'Lumayan' is reported at its row and column."""
    form = tmp_path / "lumayan.csv"
    form.write_text(_ganti_jawaban(GFORM["id"].read_text(encoding="utf-8"), 8, KOLOM_P8, "Lumayan"), encoding="utf-8")
    proc = xl_iku("impor-skm", form, kosong, check=False)
    assert proc.returncode == 1
    assert re.search(r"U9\s+← 8\. Bagaimana pendapat Saudara tentang kualitas sarana", proc.stdout)
    assert "Saran          ← 8." not in proc.stdout
    assert ("tidak diimpor baris 8: kolom '8. Bagaimana pendapat Saudara tentang kualitas sa…' (U9 (Sarana dan "
            "Prasarana)): jawaban 'Lumayan' tidak dikenal") in proc.stderr
    assert "9 tanggapan baru ditambahkan" in proc.stdout
    rows = _isi_skm(kosong)
    assert all(r[15] is not None for r in rows)  # U9 filled for every imported row
    _, doc = _hitung_json(kosong, tmp_path)
    # By hand: the ten minus response 6 (4,3,3,4,3,3,3,3,3 → 29): total 257 over 9 respondents.
    assert doc["ikm"]["responden"] == 9
    assert doc["ikm"]["nrr"]["U9"] == pytest.approx(27 / 9, abs=1e-12)
    assert doc["ikm"]["nilai"] == pytest.approx(257 / 9 / 9 * 25, abs=1e-9)


def test_unsur_tanpa_kolom_adalah_galat(kosong, tmp_path):
    import csv
    import io

    rows = list(csv.reader(io.StringIO(GFORM["id"].read_text(encoding="utf-8"), newline="")))
    for r in rows:
        del r[KOLOM_P8]  # the form lost its sarana question
    form = tmp_path / "tanpa_sarana.csv"
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    form.write_text(out.getvalue(), encoding="utf-8")
    before = sha(kosong)
    proc = xl_iku("impor-skm", form, kosong, check=False)
    assert proc.returncode == 1
    assert "galat baris 1: tidak ada kolom untuk U9 (Sarana dan Prasarana)" in proc.stderr
    assert "--pemetaan" in proc.stderr and "catatan" not in proc.stderr
    assert sha(kosong) == before  # nothing imported: U9 would be blank for every response


def test_templat_impor_dengan_keterangan(kosong, tmp_path):
    proc = xl_iku("impor-skm", TEMPLAT, kosong)
    assert "Formulir templat_impor_skm.xlsx: 5 tanggapan." in proc.stdout
    assert "5 tanggapan baru ditambahkan" in proc.stdout
    assert proc.stderr.count("peringatan") == 1 and "22 baris tanpa satu pun jawaban U1–U9" in proc.stderr
    rows = _isi_skm(kosong)
    assert [list(r[7:16]) for r in rows] == JAWABAN_10[:5]
    assert [r[1] for r in rows] == [datetime(t.year, t.month, t.day) for t in WAKTU_10[:5]]
    kode, doc = _hitung_json(kosong, tmp_path)
    assert kode == 0 and _galat_skm(doc) == []
    # By hand, responses 1–5: sums 16, 15, 13, 19, 15, 17, 18, 13, 15 = 141.
    assert doc["ikm"]["responden"] == 5 and doc["ikm"]["nilai"] == pytest.approx(141 / 5 / 9 * 25, abs=1e-9)
    # Again: each templated row (dates only, no time) is matched once.
    lap = impor_skm(TEMPLAT, kosong)
    assert not lap.baru and len(lap.duplikat) == 5


def test_kiriman_kosong_peringatan_yang_sama_di_hitung(kosong, tmp_path):
    impor_skm(GFORM["iso"], kosong)
    wb = openpyxl.load_workbook(kosong)
    ws = wb["SKM"]
    ws.cell(15, 1, 11), ws.cell(15, 2, datetime(2024, 3, 20)), ws.cell(15, 4, "L")  # a blank submission typed in
    ws.tables["tblSKM"].ref = "A4:Q15"
    wb.save(kosong)
    kode, doc = _hitung_json(kosong, tmp_path)
    per = [t for t in doc["temuan"] if t["lembar"] == "SKM" and "tanpa satu pun jawaban" in t["pesan"]]
    assert kode == 0 and len(per) == 1 and per[0]["tingkat"] == "peringatan" and per[0]["sel"] == "H15"
    assert "1 baris tanpa satu pun jawaban U1–U9" in per[0]["pesan"] and "lembar SKM baris 15" in per[0]["pesan"]
    assert doc["ikm"]["responden"] == 10 and doc["ikm"]["nilai"] == pytest.approx(IKM_10, abs=1e-9)


def test_satu_aturan_usia_dan_jenis_layanan(kosong, tmp_path):
    """A bad Usia and a Jenis Layanan typo: the same galat in both commands, at
    the cell; the respondent's answers still count in the IKM (KONTRAK §3)."""
    teks = GFORM["id"].read_text(encoding="utf-8")
    teks = _ganti_jawaban(teks, 3, 4, "5")  # response 2: Usia 5
    teks = _ganti_jawaban(teks, 6, 7, "Surat Keterangan Ahli Warsi")  # response 4: a typo
    form = tmp_path / "profil.csv"
    form.write_text(teks, encoding="utf-8")
    proc = xl_iku("impor-skm", form, kosong, check=False)
    assert proc.returncode == 1 and "10 tanggapan baru ditambahkan" in proc.stdout
    layar = " ".join(proc.stderr.split())  # the terminal wraps long lines
    assert "galat baris 3: kolom 'Usia' → Usia di tblSKM: Kolom 'Usia' berisi 5; usia responden harus antara 10 dan " \
           "120 tahun" in layar
    assert ("galat baris 6: kolom 'Jenis layanan yang Anda terima' → Jenis Layanan di tblSKM: Kolom 'Jenis Layanan' "
            "berisi 'Surat Keterangan Ahli Warsi', yang tidak ada di tabel Jenis Layanan") in layar
    rows = _isi_skm(kosong)
    assert rows[1][4] == 5 and rows[3][2] == "Surat Keterangan Ahli Warsi"
    kode, doc = _hitung_json(kosong, tmp_path)
    galat = {t["sel"]: t for t in _galat_skm(doc)}
    assert kode == 1 and set(galat) == {"E6", "C8"}
    # The same words: the import's message is the validation's message.
    for sel, t in galat.items():
        assert " ".join(t["pesan"].split()) in layar, sel
    ind = {i["kode"]: i for i in doc["indikator"]}
    assert ind["IK-01"]["status"] == "ok" and ind["IKU-01"]["status"] == "ok"
    assert doc["ikm"]["responden"] == 10
    assert ind["IK-01"]["realisasi"] == pytest.approx(IKM_10, abs=1e-9)


def test_bukan_buku_kerja_xl_iku(tmp_path):
    lain = tmp_path / "rekap.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Nama", "Nilai"])
    wb.save(lain)
    proc = xl_iku("impor-skm", GFORM["id"], lain, check=False)
    assert proc.returncode == 2 and "bukan buku kerja xl-iku" in proc.stderr
    assert "jangan menghapus" not in proc.stderr


def test_dua_ekspor_digabung_dan_kolom_unsur_kedua(kosong, tmp_path):
    """Two exports pasted into one file (the first eight responses twice), plus a
    second column that also names sarana: every response once, and a word for each."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(GFORM["id"].read_text(encoding="utf-8"), newline="")))
    rows = rows + rows[1:9]  # responses 1–8 again
    rows = [r + ["Sarana dan Prasarana" if i == 0 else "Baik"] for i, r in enumerate(rows)]
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    form = tmp_path / "gabung.csv"
    form.write_text(out.getvalue(), encoding="utf-8")
    lap = impor_skm(form, kosong)
    assert len(lap.baru) == 10 and len(lap.duplikat) == 8 and lap.kode_keluar == 0
    salinan = [m for m in lap.peringatan if "salinan ganda" in m.pesan]
    assert len(salinan) == 8 and "sama persis dengan baris 2 di berkas ini" in salinan[0].pesan
    assert lap.peta["U9"] == ["8. Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?"]
    assert any("'Sarana dan Prasarana' juga tampak sebagai U9" in m.pesan for m in lap.peringatan)
    _, doc = _hitung_json(kosong, tmp_path)
    assert doc["ikm"]["responden"] == 10 and doc["ikm"]["nilai"] == pytest.approx(IKM_10, abs=1e-9)


def test_ikm_responden_satu_arti(kosong, tmp_path):
    """README: ikm.responden = rows dated in the period with at least one answer and
    no galat in U1–U9/Tanggal — also when IK-01 is blocked, never 0 then."""
    impor_skm(GFORM["id"], kosong)
    wb = openpyxl.load_workbook(kosong)
    ws = wb["SKM"]
    ws["H6"] = 5  # response 2's U1: a galat the IKM reads
    ws["E7"] = 200  # response 3's Usia: a galat no indicator reads
    wb.save(kosong)
    kode, doc = _hitung_json(kosong, tmp_path)
    ind = {i["kode"]: i for i in doc["indikator"]}
    assert kode == 1 and {t["sel"] for t in _galat_skm(doc)} == {"H6", "E7"}
    assert ind["IK-01"]["status"] == "galat" and doc["ikm"]["nilai"] is None
    assert doc["ikm"]["responden"] == 9
