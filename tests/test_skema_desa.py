"""IK-10 under SkemaIndeksDesa (KONTRAK §2 settings, §3 IK-10).

Under `IDM` a blank status is derived from Nilai IDM and a contradicting typed
status is a galat; under `Indeks Desa` typed statuses stand, a blank status is a
galat at its cell unless Referensi holds thresholds for the scheme, and no
contradiction check runs without thresholds.  Blank setting: IDM up to
TahunLaporan 2024, Indeks Desa from 2025.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest

from tests import kasus
from tests.isi import isi

# Typed statuses that contradict IDM's bounds on purpose (as a 2025 ministry list may).
DESA = [
    {"No": 1, "Nama Desa": "Air Kulim", "Nilai IDM": 0.70, "Status IDM": "Mandiri"},  # IDM: Berkembang
    {"No": 2, "Nama Desa": "Balai Makam", "Nilai IDM": 0.90, "Status IDM": "Maju"},  # IDM: Mandiri
    {"No": 3, "Nama Desa": "Sebangar", "Nilai IDM": None, "Status IDM": "Mandiri"},
    {"No": 4, "Nama Desa": "Petani", "Nilai IDM": 0.55, "Status IDM": "Berkembang"},  # IDM: Tertinggal (≤ 0,5989)
]


def _run(tmp_path, desa, tahun=2024, skema=None, batas=None):
    p, t = kasus.pengaturan(), copy.deepcopy(kasus.tabel())
    p["TahunLaporan"] = tahun
    if skema is not None:
        p["SkemaIndeksDesa"] = skema
    t["tblDesa"] = desa
    if batas is not None:
        t["tblStatusIndeksDesa"] = batas
    src = isi(tmp_path / "desa.xlsx", p, t)
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(src), "-o", str(tmp_path / "o.xlsx"),
                        "--json", "-"], capture_output=True, text=True, timeout=120)
    doc = json.loads(r.stdout)
    return {i["kode"]: i for i in doc["indikator"]}["IK-10"], [t for t in doc["temuan"] if t["lembar"] == "Desa"]


@pytest.mark.parametrize("tahun, skema", [(2026, None), (2025, None), (2024, "Indeks Desa")])
def test_indeks_desa_status_diketik_berlaku(tmp_path, tahun, skema):
    ik10, temuan = _run(tmp_path, DESA, tahun, skema)
    # Mandiri: Air Kulim, Sebangar of 4 → 50 %; no contradiction check without thresholds.
    assert ik10["status"] == "ok"
    assert (ik10["pembilang"], ik10["penyebut"]) == (2, 4)
    assert ik10["realisasi"] == pytest.approx(50.0)
    assert "skema Indeks Desa" in ik10["keterangan"]
    assert not [x for x in temuan if x["tingkat"] == "galat"]


@pytest.mark.parametrize("tahun, skema", [(2024, None), (2026, "IDM")])
def test_idm_pertentangan_galat(tmp_path, tahun, skema):
    ik10, temuan = _run(tmp_path, DESA, tahun, skema)
    # Rows 5, 6, 8 contradict Permendesa 2/2016 at their Status IDM cell (column D).
    assert sorted(x["sel"] for x in temuan if x["tingkat"] == "galat") == ["D5", "D6", "D8"]
    assert ik10["status"] == "galat" and ik10["realisasi"] is None


def test_indeks_desa_status_kosong_galat_di_selnya(tmp_path):
    desa = copy.deepcopy(DESA)
    desa[3]["Status IDM"] = None  # Petani, row 8: a score but no status
    ik10, temuan = _run(tmp_path, desa, 2026)
    galat = [x for x in temuan if x["tingkat"] == "galat"]
    assert [x["sel"] for x in galat] == ["D8"]
    assert "Indeks Desa" in galat[0]["pesan"] and "tblStatusIndeksDesa" in galat[0]["pesan"]
    assert ik10["status"] == "galat"


# Thresholds an office typed for Indeks Desa (scores on its own 0–100 scale, invented for the test).
BATAS = [
    {"Status": "Sangat Tertinggal", "Batas Atas": 40},
    {"Status": "Tertinggal", "Batas Atas": 55},
    {"Status": "Berkembang", "Batas Atas": 70},
    {"Status": "Maju", "Batas Atas": 85},
    {"Status": "Mandiri", "Batas Atas": None},
]


def test_indeks_desa_dengan_batas_referensi(tmp_path):
    desa = [
        {"No": 1, "Nama Desa": "Air Kulim", "Nilai IDM": 85, "Status IDM": None},  # ≤ 85 → Maju
        {"No": 2, "Nama Desa": "Balai Makam", "Nilai IDM": 85.01, "Status IDM": None},  # > 85 → Mandiri
        {"No": 3, "Nama Desa": "Sebangar", "Nilai IDM": None, "Status IDM": "Mandiri"},  # typed, no score
        {"No": 4, "Nama Desa": "Petani", "Nilai IDM": 70, "Status IDM": "Berkembang"},  # agrees
    ]
    ik10, temuan = _run(tmp_path, desa, 2026, batas=BATAS)
    assert not temuan
    assert (ik10["pembilang"], ik10["penyebut"]) == (2, 4)
    # With thresholds the contradiction check runs: 90 is Mandiri, not Maju (row 6, D6).
    desa[1]["Nilai IDM"], desa[1]["Status IDM"] = 90, "Maju"
    ik10, temuan = _run(tmp_path, desa, 2026, batas=BATAS)
    assert [(x["tingkat"], x["sel"]) for x in temuan] == [("galat", "D6")]
    assert "batas Indeks Desa di lembar Referensi: Mandiri" in temuan[0]["pesan"]
