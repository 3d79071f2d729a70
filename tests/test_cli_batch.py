"""What `xl-iku batch` shows: a missing input is not "found", and the result
table fits 80 columns without breaking a file name inside a word."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from rich.console import Console

from xl_iku.batch.model import HasilBatch, HasilBerkas
from xl_iku.cli.batch_tampil import PantauCli, pecah_nama, tabel_batch


def _ok(berkas: str, kecamatan: str = "Bathin Solapan") -> HasilBerkas:
    return HasilBerkas(berkas, berkas, berkas, False, {"hasil": "ok", "kecamatan": kecamatan, "tahun": 2024,
                                                       "temuan": [], "detik": 0.25})


def _gagal(berkas: str) -> HasilBerkas:
    return HasilBerkas(berkas, berkas, None, False, {"hasil": "gagal", "alasan": f"Berkas '{berkas}' rusak."})


def _cetak(t, lebar: int) -> list[str]:
    con = Console(width=lebar, record=True, file=io.StringIO(), color_system=None)
    con.print(t)
    return con.export_text().splitlines()


@pytest.mark.parametrize("nama,lebar,harap", [
    ("a.xlsx", 20, "a.xlsx"),
    ("kecamatan_bathin_solapan_tahun_2024_final.xlsx", 22,
     "kecamatan_bathin_\nsolapan_tahun_2024_\nfinal.xlsx"),
    ("kabupaten/bengkalis/kecamatan-mandau.xlsx", 20, "kabupaten/bengkalis/\nkecamatan-\nmandau.xlsx"),
    # One part wider than the column: the only case broken inside a word.
    ("LaporanIKUKecamatanMandau.xlsx", 12, "LaporanIKUKe\ncamatanManda\nu.xlsx"),
])
def test_pecah_nama(nama, lebar, harap):
    hasil = pecah_nama(nama, lebar)
    assert hasil == harap
    assert hasil.replace("\n", "") == nama and all(len(b) <= lebar for b in hasil.splitlines())


def test_tabel_batch_80_kolom_nama_berkas_utuh_per_kata():
    nama = ["kecamatan_bathin_solapan_tahun_2024_final.xlsx", "kabupaten/bengkalis/kecamatan-mandau-2024.xlsx",
            "rupat.xlsx", "Pinggir.xlsx"]
    hb = HasilBatch([_ok(nama[0]), _ok(nama[1], "Mandau"), _ok(nama[2], "Rupat Utara"), _gagal(nama[3])])
    baris = _cetak(tabel_batch(hb, 80), 80)
    assert max(len(b) for b in baris) <= 80
    assert baris[0].strip() == "Hasil batch"
    assert baris[1].split() == ["Berkas", "Kecamatan", "Tahun", "Status", "Galat", "Peringatan", "Detik"]
    lebar = baris[1].index("Kecamatan")
    potongan = [b[:lebar].rstrip() for b in baris[2:]]
    # Read down the column, each name comes back whole, broken only after / _ or -
    # (never before its extension).
    teks = "".join(potongan)
    for n in nama:
        assert n in teks, (n, potongan)
    for p in potongan:
        if p and not p.endswith(".xlsx"):
            assert p[-1] in "/_-", (p, potongan)


def test_tabel_batch_sempit_tetap_muat():
    hb = HasilBatch([_ok("kecamatan_bathin_solapan_tahun_2024_final.xlsx")])
    for lebar in (80, 72, 60):
        assert max(len(b) for b in _cetak(tabel_batch(hb, lebar), lebar)) <= lebar


@pytest.mark.parametrize("total,hitung,hilang,harap", [
    (1, 0, 1, "0 berkas ditemukan; 1 masukan tidak ditemukan."),
    (3, 2, 1, "2 berkas ditemukan; 2 akan dihitung dengan 2 pekerja; 1 masukan tidak ditemukan."),
    (3, 2, 0, "3 berkas ditemukan; 2 akan dihitung dengan 2 pekerja, 1 dilewati atau tidak terbaca."),
    (2, 2, 0, "2 berkas ditemukan; 2 akan dihitung dengan 2 pekerja."),
])
def test_baris_pertama(total, hitung, hilang, harap):
    con = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    PantauCli(con, None, hilang=hilang).mulai(total, hitung, 2 if hitung else 0)
    assert con.export_text().strip() == harap


def test_masukan_hilang_tidak_disebut_ditemukan(tmp_path):
    """Issue 21, item 11: a missing input was "1 berkas ditemukan"."""
    r = subprocess.run([sys.executable, "-m", "xl_iku", "batch", str(tmp_path / "tidak_ada.xlsx"),
                        "-o", str(tmp_path / "keluar")], capture_output=True, text=True, timeout=120)
    teks = " ".join(r.stdout.split())
    assert r.returncode == 2, r.stderr
    assert teks.startswith("0 berkas ditemukan; 1 masukan tidak ditemukan.")
    assert "1 berkas ditemukan" not in teks
    assert "Berkas atau folder '" in teks and "tidak_ada.xlsx' tidak ditemukan." in teks
