"""The rules read their thresholds and labels from the Referensi sheet, so an
office can follow a changed regulation; a bad threshold cell is a galat at
its exact cell and the regulation's default stands."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import openpyxl
import pytest
from openpyxl.utils import range_boundaries

from tests import kasus
from tests.isi import isi


def _ubah(path, tabel, kunci_kolom, kunci, kolom, nilai):
    """Set `kolom` of the row whose `kunci_kolom` equals `kunci`; returns the cell address."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Referensi"]
    c1, r1, c2, r2 = range_boundaries(ws.tables[tabel].ref)
    heads = {ws.cell(r1, c).value: c for c in range(c1, c2 + 1)}
    for r in range(r1 + 1, r2 + 1):
        if ws.cell(r, heads[kunci_kolom]).value == kunci:
            cell = ws.cell(r, heads[kolom])
            cell.value = nilai
            wb.save(path)
            return cell.coordinate
    raise KeyError(kunci)


def _hitung(path):
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(path), "--json", "-"],
                       capture_output=True, text=True, timeout=120)
    doc = json.loads(r.stdout)
    return r.returncode, doc, {i["kode"]: i for i in doc["indikator"]}


@pytest.fixture
def buku(tmp_path):
    return isi(tmp_path / "ref.xlsx", kasus.pengaturan(), copy.deepcopy(kasus.tabel()))


def test_capaian_labels_switch(buku):
    # An office using Sangat Baik … Sangat Kurang relabels the top category.
    _ubah(buku, "tblKategoriCapaian", "Kategori", "Sangat Tinggi", "Kategori", "Sangat Baik")
    rc, _, ind = _hitung(buku)
    assert rc == 0
    assert ind["IK-01"]["kategori"] == "Sangat Baik"  # capaian 107,6 ≥ 91
    assert ind["IK-08"]["kategori"] == "Sedang"  # untouched rows keep their label


@pytest.mark.parametrize("kode_baru", [None, "SAKIP-1"])
def test_akip_bobot_from_referensi(buku, kode_baru):
    # Perencanaan Kinerja 25,5 exceeds a bobot lowered to 25 (the old 12/2015 scale).
    # tblBobotAKIP is keyed by its Komponen: with its Kode retyped (the office numbers
    # its indicators otherwise), the Perencanaan Kinerja row's bobot still applies.
    if kode_baru:
        _ubah(buku, "tblBobotAKIP", "Komponen", "Perencanaan Kinerja", "Kode", kode_baru)
    _ubah(buku, "tblBobotAKIP", "Komponen", "Perencanaan Kinerja", "Bobot", 25)
    rc, doc, ind = _hitung(buku)
    assert rc == 1
    assert any(t["tingkat"] == "galat" and t["lembar"] == "AKIP" and t["sel"] == "B6" for t in doc["temuan"])
    assert ind["IK-02"]["status"] == "galat"


def test_idm_threshold_from_referensi(buku):
    # Raising Maju's upper bound to 0,8200 turns the 0,8156 desa into Maju: 1 of 4 Mandiri.
    _ubah(buku, "tblStatusIDM", "Status", "Maju", "Batas Atas", 0.82)
    _, _, ind = _hitung(buku)
    assert ind["IK-10"]["realisasi"] == pytest.approx(25.0)


def test_unsur_labels_from_referensi(buku, tmp_path):
    _ubah(buku, "tblUnsur", "Kode", "U8", "Unsur", "Sarana dan Prasarana")
    _ubah(buku, "tblUnsur", "Kode", "U9", "Unsur", "Penanganan Pengaduan, Saran dan Masukan")
    out = tmp_path / "o.xlsx"
    subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(buku), "-o", str(out)], timeout=120, check=True)
    ws = openpyxl.load_workbook(out)["Hasil SKM"]
    assert ws["B13"].value == "U8. Sarana dan Prasarana"
    assert ws["B14"].value == "U9. Penanganan Pengaduan, Saran dan Masukan"


def test_bad_threshold_cell(buku):
    sel = _ubah(buku, "tblMutuIKM", "Mutu", "A", "Batas Bawah", "delapan puluh")
    rc, doc, ind = _hitung(buku)
    assert rc == 1
    assert any(t["tingkat"] == "galat" and t["lembar"] == "Referensi" and t["sel"] == sel for t in doc["temuan"])
    # The regulation's default table stands: 91,48 is still A.
    assert doc["ikm"]["mutu"] == "A"
    assert ind["IK-01"]["status"] == "ok"


def test_komponen_akip_tak_dikenal_peringatan_dan_bobot_bawaan(buku):
    # A Komponen that is no tblAKIP header: a peringatan at that cell; the regulation's
    # bobot (Evaluasi Internal 25) stands, so the year's AKIP row computes as before.
    sel = _ubah(buku, "tblBobotAKIP", "Komponen", "Evaluasi Internal", "Komponen", "Evaluasi")
    rc, doc, ind = _hitung(buku)
    assert rc == 0
    (t,) = [t for t in doc["temuan"] if t["lembar"] == "Referensi"]
    assert (t["tingkat"], t["sel"]) == ("peringatan", sel) and "'Evaluasi'" in t["pesan"]
    assert ind["IK-02"]["status"] == "ok"


def test_kode_bobot_akip_templat_dari_katalog_bawaan():
    # The template's tblBobotAKIP Kode column is the built-in catalogue's Nilai AKIP row
    # that names each component in Pembilang (IK-03 … IK-06 in the seed's catalogue).
    from xl_iku import katalog
    from xl_iku import referensi as R
    from tests.isi import TEMPLATE

    ws = openpyxl.load_workbook(TEMPLATE)["Referensi"]
    c1, r1, c2, r2 = range_boundaries(ws.tables["tblBobotAKIP"].ref)
    baris = [[ws.cell(r, c).value for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]
    assert baris[0] == ["Kode", "Komponen", "Bobot"]
    nilai_akip = {i.pembilang: i.kode for i in katalog.INDIKATOR if i.cara == "Nilai AKIP"}
    assert baris[1:] == [[nilai_akip[k], k, float(b)] for k, b in R.BOBOT_AKIP.items()]
    assert [r[0] for r in baris[1:]] == ["IK-03", "IK-04", "IK-05", "IK-06"]
    assert [r[2] for r in baris[1:]] == [30, 30, 15, 25]
