"""Batch never loses a kecamatan: spreadsheets in another format found in an
input folder (.xls, .ods, .xlsb, .csv, …) are listed in the recap's Masalah
with the reason and make the batch exit 2; other files are ignored."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl

from tests import kasus
from tests.isi import isi
from xl_iku.batch.cari import kumpulkan

ROOT = Path(__file__).resolve().parent.parent
LAIN = {"mandau.xls": ".xls", "pinggir.ods": ".ods", "rupat/rupat.xlsb": ".xlsb", "bantan.csv": ".csv"}


def _folder(tmp_path: Path) -> Path:
    masuk = tmp_path / "masuk"
    (masuk / "rupat").mkdir(parents=True)
    isi(masuk / "bathin_solapan.xlsx", kasus.pengaturan(), kasus.tabel())
    for rel in LAIN:
        (masuk / rel).write_bytes(b"isi apa saja: jenisnya dikenali dari nama berkas\n")
    (masuk / "catatan.txt").write_text("bukan lembar kerja")
    (masuk / "~$bathin_solapan.xlsx").write_bytes(b"kunci Excel")
    (masuk / ".~lock.pinggir.ods#").write_text("kunci LibreOffice")
    return masuk


def test_kumpulkan_returns_other_spreadsheets_with_their_reason(tmp_path):
    masuk = _folder(tmp_path)
    daftar, ditolak = kumpulkan([masuk], tmp_path / "keluar")
    assert [b.relatif for b in daftar] == ["bathin_solapan.xlsx"]
    assert sorted(t.argumen for t in ditolak) == sorted(LAIN)
    for t in ditolak:
        ext = LAIN[t.argumen]
        assert f"({ext})" in t.pesan and ".xlsx" in t.pesan and t.argumen in t.pesan


def test_batch_lists_them_in_masalah_and_exits_2(tmp_path):
    masuk = _folder(tmp_path)
    out, rekap = tmp_path / "keluar", tmp_path / "rekap.xlsx"
    proc = subprocess.run([sys.executable, "-m", "xl_iku", "batch", str(masuk), "-o", str(out), "--rekap",
                           str(rekap), "--json-lines", "-"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    baris = {}
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            d = json.loads(line)
            baris[d["berkas"]] = d
    # KONTRAK §4 names the keys hasil/alasan (older lines: status/pesan)
    b = baris["bathin_solapan.xlsx"]
    assert b.get("hasil", b.get("status")) == "ok"
    for rel, ext in LAIN.items():
        assert rel in baris, sorted(baris)
        b = baris[rel]
        assert (b.get("hasil") or b.get("status")) == "gagal"
        alasan = b.get("alasan") or b.get("pesan")
        assert f"({ext})" in alasan
    wb = openpyxl.load_workbook(rekap)
    teks = [" ".join(str(v) for v in r if v is not None) for r in wb["Masalah"].iter_rows(values_only=True)]
    for rel, ext in LAIN.items():
        assert any(rel in t and f"({ext})" in t for t in teks), (rel, teks)
    assert not any("catatan.txt" in t or "~$" in t or ".~lock" in t for t in teks)
    assert "Traceback" not in proc.stderr
