"""`xl-iku hitung` on files it cannot use: exit 2, one Indonesian sentence,
no traceback, nothing written, input unchanged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests import badfiles

KINDS = ["missing", "a_folder", "empty", "legacy_xls", "encrypted", "ods", "csv_renamed", "truncated",
         "corrupt_part", "plain_zip", "xml_bomb", "xml_bomb_in_sheet", "zip_bomb", "zip_bomb_ratio"]
TEMPLATE = Path(__file__).resolve().parent.parent / "workbook" / "IKU_template.xlsx"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _hitung(path: Path, *args):
    # The timeout only stops a hang; how long a refusal takes is measured by benchmarks/waktu_uji.py.
    return subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(path), *args], capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("kind", KINDS)
def test_unusable_file(kind, tmp_path):
    path = getattr(badfiles, kind)(tmp_path)
    before = _snapshot(tmp_path)
    r = _hitung(path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Gagal:" in r.stderr and "Traceback" not in r.stderr + r.stdout
    assert _snapshot(tmp_path) == before  # nothing written, input unchanged


def _ganti_nama_tabel(wb):
    tbl = wb["Kamtibmas"].tables["tblKamtibmas"]
    tbl.name = tbl.displayName = "tblGangguan"
    t = wb["Kamtibmas"].tables
    t["tblGangguan"] = t.pop("tblKamtibmas")


def _ganti_judul_kolom(wb):
    wb["Layanan"]["D4"] = "Tgl Selesai"
    wb["Layanan"].tables["tblLayanan"].tableColumns[3].name = "Tgl Selesai"


def _hapus_lembar(wb):
    del wb["Musrenbang"]


@pytest.mark.parametrize("ubah,kata", [
    (_ganti_nama_tabel, ("tblKamtibmas",)),
    (_ganti_judul_kolom, ("Tanggal Selesai", "tblLayanan")),
    (_hapus_lembar, ("tblUsulan", "Musrenbang")),
], ids=["table-renamed", "header-renamed", "sheet-deleted"])
def test_template_structure_broken(ubah, kata, tmp_path):
    wb = openpyxl.load_workbook(TEMPLATE)
    ubah(wb)
    src = tmp_path / "ubah.xlsx"
    wb.save(src)
    r = _hitung(src)
    assert r.returncode == 2
    err = " ".join(r.stderr.split())  # rich wraps long sentences
    assert all(k in err for k in kata), err


def test_locked_by_excel(tmp_path):
    src = tmp_path / "laporan.xlsx"
    src.write_bytes(TEMPLATE.read_bytes())
    (tmp_path / "~$laporan.xlsx").write_bytes(b"owner")
    r = _hitung(src)
    assert r.returncode == 2 and "Excel" in r.stderr
    assert src.read_bytes() == TEMPLATE.read_bytes()


# ---------------------------------------------------------------- --json PATH


def _hasil_kecil():
    from xl_iku.hasil import Hasil, HasilAKIP, HasilIKM

    return Hasil(kecamatan="Bathin Solapan", kabupaten="Bengkalis", tahun=2024, indikator=[], ikm=HasilIKM(),
                 akip=HasilAKIP(), temuan=[])


def test_json_ke_berkas_biasa_ditulis_atomik(tmp_path, monkeypatch):
    """--json PATH replaces a regular file atomically: a write that fails half-way
    leaves the previous JSON whole and no temporary file behind."""
    import json

    from xl_iku.cli import main as M
    from xl_iku.io import atomic
    from xl_iku.pesan import FileError

    tujuan = tmp_path / "hasil.json"
    M._tulis_json(_hasil_kecil(), str(tujuan))
    lama = tujuan.read_bytes()
    assert json.loads(lama)["kecamatan"] == "Bathin Solapan"

    def fsync_gagal(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", fsync_gagal)
    with pytest.raises(FileError, match=r"'hasil\.json' tidak dapat (ditulis|disimpan).*ruang disk penuh"):
        M._tulis_json(_hasil_kecil(), str(tujuan))
    assert tujuan.read_bytes() == lama
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hasil.json"]


def test_json_ke_perangkat_ditulis_langsung(tmp_path):
    """/dev/stdout (not a regular file) is written through, as before."""
    r = subprocess.run([sys.executable, "-c", "from xl_iku.cli.main import _tulis_json; "
                        "from tests.test_cli_berkas import _hasil_kecil; _tulis_json(_hasil_kecil(), '/dev/stdout')"],
                       capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parent.parent)
    assert r.returncode == 0, r.stderr
    assert '"kecamatan": "Bathin Solapan"' in r.stdout
