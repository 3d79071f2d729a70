"""KONTRAK §3: a period with no rows in a register is not silent — each table
that leaves its indicators `tanpa_data` gives one peringatan."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections import Counter

from tests import kasus
from tests.isi import isi


def _hitung(path, out):
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(path), "-o", str(out), "--json", "-"],
                       capture_output=True, text=True, timeout=120)
    return r.returncode, json.loads(r.stdout)


def test_buku_kosong_tidak_diam(tmp_path):
    # Settings filled, every table empty: 12 input tables feed indicators (SKM, AKIP, SOP,
    # Kamtibmas, Sarpras, Desa, Layanan, Pengaduan, ASN, Bencana, Kegiatan, Musrenbang).
    rc, doc = _hitung(isi(tmp_path / "kosong.xlsx", kasus.pengaturan(), {}), tmp_path / "o.xlsx")
    assert rc == 0  # peringatan only
    per_lembar = Counter(t["lembar"] for t in doc["temuan"] if t["tingkat"] == "peringatan")
    assert per_lembar == Counter({l: 1 for l in ("SKM", "AKIP", "SOP", "Kamtibmas", "Sarpras", "Desa", "Layanan",
                                                "Pengaduan", "ASN", "Bencana", "Kegiatan", "Musrenbang")})
    assert not [t for t in doc["temuan"] if t["tingkat"] == "galat"]
    assert all(i["status"] == "tanpa_data" for i in doc["indikator"])
    sar = next(t for t in doc["temuan"] if t["lembar"] == "Sarpras")
    assert sar["sel"] == "A5"  # the table's first body row (headers on row 4)
    assert "IK-09, IKP-06, IKP-07" in sar["pesan"] and "tahun 2024" in sar["pesan"]
    akip = next(t for t in doc["temuan"] if t["lembar"] == "AKIP")
    assert "IK-02, IK-03, IK-04, IK-05, IK-06" in akip["pesan"]


def test_rekap_manual_mengganti_register_tanpa_peringatan(tmp_path):
    # kasus.py: tblUsulan is empty (IKP-09 tanpa_data → one peringatan on Musrenbang); IKP-11 has no
    # Pemerintahan Umum rows but a Rekap Manual row, so Kegiatan gives no peringatan.
    rc, doc = _hitung(isi(tmp_path / "k.xlsx", kasus.pengaturan(), kasus.tabel()), tmp_path / "o.xlsx")
    kosong = [t for t in doc["temuan"] if "tanpa data" in t["pesan"]]
    assert [(t["lembar"], t["kode"]) for t in kosong] == [("Musrenbang", "IKP-09")]


def test_baris_di_luar_periode_saja(tmp_path):
    # Bencana's only row is dated 10 Aug: in Triwulan II the register has no rows for the period.
    p, t = kasus.pengaturan(), copy.deepcopy(kasus.tabel())
    p["Periode"] = "Triwulan II"
    rc, doc = _hitung(isi(tmp_path / "tw.xlsx", p, t), tmp_path / "o.xlsx")
    b = [x for x in doc["temuan"] if x["lembar"] == "Bencana"]
    assert len(b) == 2  # "1 baris … di luar" and "no data for the period"
    assert any("Triwulan II 2024 (Januari–Juni) untuk IKP-05" in x["pesan"] for x in b)
