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


def _data(periode):
    p, t = kasus.pengaturan(), copy.deepcopy(kasus.tabel())
    p["Periode"] = periode
    # In the period, settled 2 Jul (Thu 27 Jun → Tue 2 Jul = 4 working days ≤ 7).
    t["tblLayanan"].append({"No Register": "470/5", "Tanggal Masuk": date(2024, 6, 27),
                            "Jenis Layanan": "Legalisasi Surat Keterangan Tanah", "Tanggal Selesai": date(2024, 7, 2)})
    # An August respondent with all answers 1.
    t["tblSKM"].append({"No": 31, "Tanggal": date(2024, 8, 5), **{f"U{i}": 1 for i in range(1, 10)}})
    t["tblTargetTriwulan"] = [{"Kode": "IK-01", "Tahun": 2024, "Triwulan I": 78, "Triwulan II": 80,
                               "Triwulan III": 82, "Triwulan IV": 85}]
    return p, t


def _run(tmp_path, periode):
    src = isi(tmp_path / f"{periode}.xlsx", *_data(periode))
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
    # Layanan in the period: 470/1 on time, 470/2 on time, 470/3 late, 470/5 settled after 30 June
    # (open as of the period) → 2/4; 470/4 (30 Dec) is outside.
    assert ind["IKP-01"]["realisasi"] == pytest.approx(50.0)
    assert (ind["IKP-01"]["pembilang"], ind["IKP-01"]["penyebut"]) == (2, 4)
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
