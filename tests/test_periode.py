"""Quarters: Periode = Triwulan II counts dated rows of January–June only.

Hand-computed from tests/kasus.py plus rows placed after June.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import date

import openpyxl
import pytest

from tests import kasus
from tests.isi import isi


def _data(periode, lagi=()):
    p, t = kasus.pengaturan(), copy.deepcopy(kasus.tabel())
    t["tblLayanan"].extend(lagi)
    p["Periode"] = periode
    # In the period, settled 2 Jul (Thu 27 Jun → Tue 2 Jul = 4 working days ≤ 7).
    t["tblLayanan"].append({"No Register": "470/5", "Tanggal Masuk": date(2024, 6, 27),
                            "Jenis Layanan": "Legalisasi Surat Keterangan Tanah", "Tanggal Selesai": date(2024, 7, 2)})
    # An August respondent with all answers 1.
    t["tblSKM"].append({"No": 31, "Tanggal": date(2024, 8, 5), **{f"U{i}": 1 for i in range(1, 10)}})
    t["tblTargetTriwulan"] = [{"Kode": "IK-01", "Tahun": 2024, "Triwulan I": 78, "Triwulan II": 80,
                               "Triwulan III": 82, "Triwulan IV": 85}]
    return p, t


def _run(tmp_path, periode, lagi=()):
    src = isi(tmp_path / f"{periode}.xlsx", *_data(periode, lagi))
    out = tmp_path / f"{periode}-out.xlsx"
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(src), "-o", str(out), "--json", "-"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    return doc, {i["kode"]: i for i in doc["indikator"]}, out


def test_triwulan_ii(tmp_path):
    doc, ind, out = _run(tmp_path, "Triwulan II")
    # Kamtibmas Jan–Jun: 1 Feb Tuntas, 2 Feb Dalam Proses, 2 May Tuntas (9 Jul excluded) → 2/3
    assert ind["IK-08"]["realisasi"] == pytest.approx(200 / 3)
    assert ind["IKP-04"]["realisasi"] == pytest.approx(50.0)
    # Layanan in the period: 470/1 on time, 470/2 on time, 470/3 late, 470/5 settled 2 July, after
    # the period, in 4 working days ≤ 7: timeliness is the request's, so on time → 3/4; 470/4
    # (30 Dec) is outside.
    assert ind["IKP-01"]["realisasi"] == pytest.approx(75.0)
    assert (ind["IKP-01"]["pembilang"], ind["IKP-01"]["penyebut"]) == (3, 4)
    assert "1 diselesaikan sesudah akhir periode (30 Juni 2024)" in ind["IKP-01"]["keterangan"]
    # SKM: the August respondent is outside; IKM as the worked example.
    assert doc["ikm"]["responden"] == 29
    assert ind["IK-01"]["realisasi"] == pytest.approx(955 / 29 / 9 * 25)
    # Quarterly target 80 replaces the yearly 85: 91.4751 / 80 × 100
    assert ind["IK-01"]["target"] == 80
    assert ind["IK-01"]["capaian"] == pytest.approx(955 / 29 / 9 * 25 / 80 * 100)
    # Bencana only in August → no data in the period.
    assert ind["IKP-05"]["status"] == "tanpa_data"
    wb = openpyxl.load_workbook(out)
    assert wb["Indikator Kinerja"]["A2"].value == "TAHUN 2024 — TRIWULAN II (JANUARI–JUNI)"


def test_triwulan_iv_equals_year(tmp_path):
    _, tw4, _ = _run(tmp_path, "Triwulan IV")
    _, tahun, _ = _run(tmp_path, "Tahunan")
    # Year: 470/1, 470/2, 470/5 on time of 5 requests → 3/5 = 60
    assert tahun["IKP-01"]["realisasi"] == pytest.approx(60.0)
    for kode in tahun:
        if kode != "IK-01" and kode != "IKU-01":
            same = {k: v for k, v in tw4[kode].items() if k != "keterangan"}
            assert same == {k: v for k, v in tahun[kode].items() if k != "keterangan"}, kode
    # IK-01 differs only by its target (Triwulan IV 85 = yearly 85 here).
    assert tw4["IK-01"]["realisasi"] == tahun["IK-01"]["realisasi"]


def test_tahunan_selesai_tahun_berikutnya(tmp_path):
    # Fri 27 Dec 2024 → Fri 3 Jan 2025: 27, 30, 31 Dec, 2, 3 Jan (1 Jan is a holiday) = 5 working
    # days ≤ 7 for Legalisasi: on time although settled in the next year.  Mon 30 Dec → Fri 31 Jan
    # 2025 is far beyond 7: late.  Year: 470/1, 470/2, 470/5, 470/6 on time of 7 → 4/7.
    lagi = [
        {"No Register": "470/6", "Tanggal Masuk": date(2024, 12, 27),
         "Jenis Layanan": "Legalisasi Surat Keterangan Tanah", "Tanggal Selesai": date(2025, 1, 3)},
        {"No Register": "470/7", "Tanggal Masuk": date(2024, 12, 30),
         "Jenis Layanan": "Legalisasi Surat Keterangan Tanah", "Tanggal Selesai": date(2025, 1, 31)},
    ]
    _, ind, _ = _run(tmp_path, "Tahunan", lagi)
    assert (ind["IKP-01"]["pembilang"], ind["IKP-01"]["penyebut"]) == (4, 7)
    assert ind["IKP-01"]["realisasi"] == pytest.approx(400 / 7)
    assert ind["IKP-01"]["keterangan"].startswith(
        "4 dari 7 selesai tepat waktu; 2 diselesaikan sesudah akhir periode (31 Desember 2024); "
        "1 belum selesai.")


def test_pengaduan_selesai_sesudah_triwulan(tmp_path):
    # Triwulan I: the two complaints of 2 Jan (2→19 Jan = 14 working days, on time; 2→22 Jan = 15,
    # late: see test_hitung) and one of Thu 28 Mar settled Fri 12 Apr 2024, after the quarter:
    # 28 Mar, (29 Mar Wafat Yesus Kristus), 1–5 Apr, (8–12 Apr Idul Fitri and cuti bersama) = 6
    # working days ≤ 14 → on time.  2/3.
    p, t = _data("Triwulan I")
    t["tblPengaduan"].append({"No": 3, "Tanggal Masuk": date(2024, 3, 28), "Saluran": "Langsung",
                              "Uraian": "Lampu ruang tunggu", "Tanggal Selesai": date(2024, 4, 12)})
    src = isi(tmp_path / "tw1.xlsx", p, t)
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(src), "-o", str(tmp_path / "o.xlsx"),
                        "--json", "-"], capture_output=True, text=True, timeout=120)
    ind = {i["kode"]: i for i in json.loads(r.stdout)["indikator"]}
    assert (ind["IKP-02"]["pembilang"], ind["IKP-02"]["penyebut"]) == (2, 3)
    assert "1 diselesaikan sesudah akhir periode (31 Maret 2024)" in ind["IKP-02"]["keterangan"]
