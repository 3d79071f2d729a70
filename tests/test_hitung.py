"""End to end: a template filled by openpyxl (tests/isi.py) → `xl-iku hitung`.

Every expected number is computed by hand in the comments from tests/kasus.py.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests import kasus
from tests.isi import isi


def run(path, *args):
    p = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(path), *args],
                       capture_output=True, text=True, timeout=120)
    return p


@pytest.fixture(scope="module")
def hasil(tmp_path_factory):
    d = tmp_path_factory.mktemp("hitung")
    src = isi(d / "kasus.xlsx", kasus.pengaturan(), kasus.tabel())
    p = run(src, "-o", str(d / "out.xlsx"), "--json", str(d / "out.json"))
    assert p.returncode == 0, p.stderr + p.stdout
    doc = json.loads((d / "out.json").read_text(encoding="utf-8"))
    return doc, {i["kode"]: i for i in doc["indikator"]}, d


def test_header(hasil):
    doc, _, _ = hasil
    assert doc["versi"] == 1
    assert (doc["kecamatan"], doc["kabupaten"], doc["tahun"]) == ("Bathin Solapan", "Bengkalis", 2024)
    assert len(doc["indikator"]) == 22


def test_ikm_worked_example(hasil):
    doc, ind, _ = hasil
    ikm = doc["ikm"]
    # 29 respondents of 2024; the 2023 row is skipped.
    assert ikm["responden"] == 29
    # NRR U1 = 105/29 = 3.62069
    assert ikm["nrr"]["U1"] == pytest.approx(105 / 29)
    # IKM = (105+101+100+116+102+105+106+105+115)/29 × (1/9) × 25 = 955/29/9·25 = 91.4751
    assert ikm["nilai"] == pytest.approx(955 / 29 / 9 * 25)
    assert round(ikm["nilai"], 2) == 91.48
    assert (ikm["mutu"], ikm["kinerja"], ikm["bobot"]) == ("A", "Sangat Baik", "1/9")
    # Krejcie–Morgan, N = 1000 → 278 (regulation table).
    assert ikm["sampel_minimum"] == 278
    for kode in ("IKU-01", "IK-01"):
        assert ind[kode]["realisasi"] == pytest.approx(91.4751, abs=1e-4)
        # capaian 91.4751 / 85 × 100 = 107.618 → Sangat Tinggi
        assert ind[kode]["capaian"] == pytest.approx(955 / 29 / 9 * 25 / 85 * 100)
        assert ind[kode]["kategori"] == "Sangat Tinggi"


def test_skipped_rows_warned(hasil):
    doc, _, _ = hasil
    assert any(t["tingkat"] == "peringatan" and t["lembar"] == "SKM" and "1 baris" in t["pesan"] for t in doc["temuan"])
    # Fewer respondents (29) than the minimum sample (278).
    assert any("sampel minimum" in t["pesan"] for t in doc["temuan"])


def test_akip(hasil):
    doc, ind, _ = hasil
    # 25.5 + 20.25 + 10.1 + 14.15 = 70.00 exactly: not above 70 → B, not BB.
    assert doc["akip"] == {"nilai": pytest.approx(70.0), "predikat": "B", "predikat_hitung": "B"}
    assert ind["IK-02"]["realisasi"] == "B"
    # Target predikat BB: capaian = 70 / 70 × 100 = 100, but the predikat is not reached.
    assert ind["IK-02"]["capaian"] == pytest.approx(100.0)
    assert "belum tercapai" in ind["IK-02"]["keterangan"]
    assert ind["IK-03"]["realisasi"] == 25.5
    # 25.5 / 25 × 100 = 102
    assert ind["IK-03"]["capaian"] == pytest.approx(102.0)
    assert ind["IK-06"]["realisasi"] == 14.15
    assert ind["IK-04"]["target"] is None and ind["IK-04"]["capaian"] is None


def test_tercapai(hasil):
    _, ind, _ = hasil
    # IK-02: nilai 70,00 → B; target BB → not reached although capaian = 70 / 70 × 100 = 100.
    assert ind["IK-02"]["tercapai"] is False
    # IK-03: 25,5 / 25 × 100 = 102 ≥ 100.
    assert ind["IK-03"]["tercapai"] is True
    # IKP-11: Rekap Manual 3 / 4 × 100 = 75 against target 75 → capaian exactly 100 → reached.
    assert ind["IKP-11"]["capaian"] == 100.0 and ind["IKP-11"]["tercapai"] is True
    # IK-08: 3 of 4 Tuntas = 75 against 100 → 75 < 100.
    assert ind["IK-08"]["tercapai"] is False
    # No target: nothing to decide.
    assert ind["IK-04"]["tercapai"] is None


def test_percentages(hasil):
    _, ind, _ = hasil
    # IK-07: mean(4/5, 4/4, 6/8) = (0.8 + 1 + 0.75)/3 = 0.85 → 85; target 90 → 94.44 Sangat Tinggi
    assert ind["IK-07"]["realisasi"] == pytest.approx(85.0)
    assert ind["IK-07"]["capaian"] == pytest.approx(85 / 90 * 100)
    # IK-08: 3 Tuntas of 4 → 75; target 100 → capaian 75 → Sedang (66 ≤ 75 < 76)
    assert ind["IK-08"]["realisasi"] == pytest.approx(75.0)
    assert ind["IK-08"]["kategori"] == "Sedang"
    # IKP-04: Penyakit Masyarakat 1 Tuntas of 2 → 50 → capaian 50 → Sangat Rendah (< 51)
    assert ind["IKP-04"]["realisasi"] == pytest.approx(50.0)
    assert ind["IKP-04"]["kategori"] == "Sangat Rendah"
    # Sarpras: Σ baik 11 / Σ tersedia 13; Σ tersedia 13 / Σ kebutuhan 15; Σ dipelihara 11 / 13
    assert ind["IK-09"]["realisasi"] == pytest.approx(1100 / 13)
    assert (ind["IK-09"]["pembilang"], ind["IK-09"]["penyebut"]) == (11, 13)
    assert ind["IKP-06"]["realisasi"] == pytest.approx(1300 / 15)
    assert ind["IKP-07"]["realisasi"] == pytest.approx(1100 / 13)
    # IDM 0.8155 → Maju, 0.8156 → Mandiri, 0.9 Mandiri, 0.7 Berkembang: 2 of 4 Mandiri = 50
    assert ind["IK-10"]["realisasi"] == pytest.approx(50.0)
    # target 60 → 83.33 → Tinggi
    assert ind["IK-10"]["kategori"] == "Tinggi"
    # ASN 2 of 3 competent; bencana 1 of 1
    assert ind["IKP-03"]["realisasi"] == pytest.approx(200 / 3)
    assert ind["IKP-05"]["realisasi"] == pytest.approx(100.0)
    # Kegiatan: Monev (13+5)/(13+6) = 18/19; Pemberdayaan 4/5
    assert ind["IKP-08"]["realisasi"] == pytest.approx(1800 / 19)
    assert ind["IKP-10"]["realisasi"] == pytest.approx(80.0)
    # IKP-11 from Rekap Manual 3/4 → 75; target 75 → capaian 100
    assert ind["IKP-11"]["realisasi"] == pytest.approx(75.0)
    assert ind["IKP-11"]["capaian"] == pytest.approx(100.0)
    # IKP-09: no usulan and no Rekap Manual → tanpa_data, realisasi empty
    assert ind["IKP-09"]["status"] == "tanpa_data" and ind["IKP-09"]["realisasi"] is None


def test_working_days(hasil):
    _, ind, _ = hasil
    # IKP-01: 470/1 Fri 5 Apr → Fri 19 Apr 2024: 11 weekdays minus 8,9,10,11,12,15 Apr
    #   (Idul Fitri + cuti bersama) = 5 ≤ 7 → on time; 470/2 same day = 1 ≤ 1 on time;
    #   470/3 Mon→Tue = 2 > 1 late; 470/4 open (denominator only) → 2/4 = 50.
    assert ind["IKP-01"]["realisasi"] == pytest.approx(50.0)
    # IKP-02: 2→19 Jan 2024 = 14 working days ≤ 14 on time; 2→22 Jan = 15 late → 50
    assert ind["IKP-02"]["realisasi"] == pytest.approx(50.0)


def test_json_has_no_personal_data(hasil):
    doc, _, _ = hasil
    text = json.dumps(doc, ensure_ascii=False).casefold()
    # Every personal value (names, NIP): the Camat's, and each ASN's.
    rahasia = [kasus.pengaturan()[n] for n in ("NamaCamat", "NIPCamat")]
    rahasia += [row[h] for row in kasus.tabel()["tblASN"] for h in ("NIP", "Nama") if row.get(h)]
    assert len(rahasia) >= 8
    for v in rahasia:
        assert str(v).casefold() not in text and str(v).replace(" ", "") not in text, v


def test_output_sheets(hasil):
    import openpyxl

    _, _, d = hasil
    wb = openpyxl.load_workbook(d / "out.xlsx")
    ws = wb["Indikator Kinerja"]
    head = [ws.cell(5, c).value for c in range(1, 11)]
    assert head == ["No", "Indikator Kinerja", "Definisi Operasional", "Formulasi Perhitungan", "Penanggung Jawab",
                    "Target", "Realisasi", "Capaian (%)", "Kategori", "Keterangan"]
    from xl_iku import katalog

    names = [ws.cell(r, 2).value for r in range(6, 16)]
    assert names == [katalog.INDIKATOR_BY_KODE[f"IK-{i:02d}"].nama for i in range(1, 11)]
    assert names[9] == "Persentase Desa Mandiri"
    r = 6  # IK-01 is the first row
    assert ws.cell(r, 7).value == pytest.approx(91.4751, abs=1e-4)
    assert ws.cell(r, 7).number_format.endswith("0.00")
    assert ws.cell(r + 1, 7).value == "B"
    assert ws.cell(r, 9).value == "Sangat Tinggi"
    v = wb["Validasi"]
    assert [v.cell(4, c).value for c in range(1, 5)] == ["Tingkat", "Lembar", "Sel", "Pesan"]
    assert v.cell(5, 1).value in ("galat", "peringatan")
    assert v.cell(5, 3).hyperlink is not None
    # Signature block on the IK sheet, from the settings.
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Sebangar, 28 Juni 2024" in texts
    assert "NIP. 19890520 201010 1 001" in texts
    s = wb["Hasil SKM"]
    values = [c.value for row in s.iter_rows() for c in row]
    assert "U1. Persyaratan" in values


def test_iku_sheet_trend(hasil):
    import openpyxl

    _, _, d = hasil
    ws = openpyxl.load_workbook(d / "out.xlsx")["IKU"]
    assert [ws.cell(10, c).value for c in range(6, 11)] == ["Tahun", "Target", "Realisasi", "Capaian (%)", "Kategori"]
    rows = {ws.cell(r, 6).value: [ws.cell(r, c).value for c in range(7, 11)] for r in range(11, 17)}
    assert list(rows) == [2021, 2022, 2023, 2024, 2025, 2026]
    # 2023 from tblRiwayat: 84.5 against target 82 → 103.05 % → Sangat Tinggi
    tgt, real, cap, kat = rows[2023]
    assert (tgt, real, kat) == (82, 84.5, "Sangat Tinggi") and cap == pytest.approx(84.5 / 82 * 100)
    # 2024 is this run: 91.4751 against 85
    assert rows[2024][1] == pytest.approx(955 / 29 / 9 * 25)
    assert rows[2021][1] is None and rows[2021][0] == 80


def test_three_lowest_unsur_with_their_follow_up(tmp_path):
    import copy

    import openpyxl

    t = copy.deepcopy(kasus.tabel())
    t["tblRTL"] = [{"Unsur": "U2", "Program/Kegiatan": "Sosialisasi alur layanan", "Waktu": "Maret 2025",
                    "Penanggung Jawab": "Kasi Pelayanan"}]
    src = isi(tmp_path / "rtl.xlsx", kasus.pengaturan(), t)
    out = tmp_path / "out.xlsx"
    assert run(src, "-o", str(out)).returncode == 0
    ws = openpyxl.load_workbook(out)["Hasil SKM"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    # Totals 105, 101, 100, 116, 102, ...: lowest NRR U3 = 100/29, U2 = 101/29, U5 = 102/29
    b = texts.index("B. Tiga Unsur dengan Nilai Terendah (prioritas perbaikan)")
    lowest = [v for v in texts[b:] if v[:1] == "U" and v[2] == "." and ":" not in v]
    assert lowest[:3] == ["U3. Waktu Penyelesaian", "U2. Sistem, Mekanisme, dan Prosedur",
                          "U5. Produk Spesifikasi Jenis Pelayanan"]
    assert "U2. Sistem, Mekanisme, dan Prosedur: Sosialisasi alur layanan" in texts
    assert "Maret 2025" in texts


def test_respondent_profile(hasil):
    import openpyxl

    _, _, d = hasil
    ws = openpyxl.load_workbook(d / "out.xlsx")["Hasil SKM"]
    rows = [[ws.cell(r, c).value for c in (2, 3, 4)] for r in range(1, ws.max_row + 1)]
    i = rows.index(["Usia", "Jumlah", "Persen"])
    # Ages 20..48 (one respondent each): 10 in their twenties, 10 in their thirties, 9 in their forties.
    assert rows[i + 1:i + 4] == [["20–29 tahun", 10, pytest.approx(1000 / 29)],
                                 ["30–39 tahun", 10, pytest.approx(1000 / 29)],
                                 ["40–49 tahun", 9, pytest.approx(900 / 29)]]
    j = rows.index(["Jenis Kelamin", "Jumlah", "Persen"])
    # Even-numbered rows (i = 0, 2, … 28) are P: 15; odd L: 14.
    assert rows[j + 1:j + 3] == [["Perempuan", 15, pytest.approx(1500 / 29)],
                                 ["Laki-laki", 14, pytest.approx(1400 / 29)]]
