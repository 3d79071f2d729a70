"""Each bad input: exit 1, a galat at its exact cell, only the indicators that
read the offending table blocked, every other indicator unchanged, and no
input cell changed."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from datetime import date

import openpyxl
import pytest

from tests import kasus
from tests.isi import isi

INPUT_SHEETS = ("Pengaturan", "SKM", "AKIP", "SOP", "Kamtibmas", "Sarpras", "Desa", "Layanan", "Pengaduan",
                "ASN", "Bencana", "Kegiatan", "Musrenbang", "Rekap Manual", "Target", "Referensi")
IKM = {"IKU-01", "IK-01"}
AKIP = {"IK-02", "IK-03", "IK-04", "IK-05", "IK-06"}


def run(path, *args):
    return subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(path), *args],
                          capture_output=True, text=True, timeout=120)


def values(path):
    wb = openpyxl.load_workbook(path)
    return {s: [[c.value for c in row] for row in wb[s].iter_rows()] for s in INPUT_SHEETS}


@pytest.fixture(scope="module")
def bersih(tmp_path_factory):
    d = tmp_path_factory.mktemp("bersih")
    src = isi(d / "ok.xlsx", kasus.pengaturan(), kasus.tabel())
    p = run(src, "--json", "-")
    assert p.returncode == 0, p.stderr
    return {i["kode"]: i for i in json.loads(p.stdout)["indikator"]}


def _set(tabel, name, i, header, value):
    tabel[name][i][header] = value


# (id, mutate(pengaturan, tabel), lembar, sel, blocked codes)
CASES = [
    ("likert-5", lambda p, t: _set(t, "tblSKM", 3, "U1", 5), "SKM", "H8", IKM),
    ("likert-fraction", lambda p, t: _set(t, "tblSKM", 0, "U2", 3.5), "SKM", "I5", IKM),
    ("likert-text", lambda p, t: _set(t, "tblSKM", 0, "U3", "empat"), "SKM", "J5", IKM),
    ("usia-out-of-range", lambda p, t: _set(t, "tblSKM", 2, "Usia", 200), "SKM", "E7", set()),  # KONTRAK §3: no indicator reads Usia
    ("impossible-date", lambda p, t: _set(t, "tblSKM", 1, "Tanggal", "31/02/2024"), "SKM", "B6", IKM),
    # KONTRAK §3 (corrected): a serial number is read as its date with a peringatan
    # (tests/test_baca_sel.py); a number no date can be is still a galat.
    ("number-not-a-date", lambda p, t: _set(t, "tblSKM", 1, "Tanggal", -5), "SKM", "B6", IKM),
    ("selesai-before-masuk", lambda p, t: _set(t, "tblLayanan", 1, "Tanggal Selesai", date(2024, 3, 1)),
     "Layanan", "D6", {"IKP-01"}),
    ("unknown-jenis-layanan", lambda p, t: _set(t, "tblLayanan", 0, "Jenis Layanan", "Izin Tambang"),
     "Layanan", "C5", {"IKP-01"}),
    ("duplicate-register", lambda p, t: _set(t, "tblLayanan", 2, "No Register", "470/1"), "Layanan", "A7", {"IKP-01"}),
    ("duplicate-register-first", lambda p, t: _set(t, "tblLayanan", 2, "No Register", "470/1"), "Layanan", "A5",
     {"IKP-01"}),
    ("skm-unknown-jenis", lambda p, t: _set(t, "tblSKM", 4, "Jenis Layanan", "Izin Tambang"), "SKM", "C9", set()),
    ("akip-year-twice", lambda p, t: t["tblAKIP"].append(dict(t["tblAKIP"][1])), "AKIP", "A6", AKIP),
    ("nip-short", lambda p, t: _set(t, "tblASN", 1, "NIP", "1985031420100"), "ASN", "B6", {"IKP-03"}),
    ("nip-birthdate", lambda p, t: _set(t, "tblASN", 1, "NIP", "19850231 201001 1 003"), "ASN", "B6", {"IKP-03"}),
    ("nip-tmt-month", lambda p, t: _set(t, "tblASN", 1, "NIP", "19850314 201013 1 003"), "ASN", "B6", {"IKP-03"}),
    ("nip-gender", lambda p, t: _set(t, "tblASN", 2, "NIP", "19900101 201503 3 002"), "ASN", "B7", {"IKP-03"}),
    ("nip-as-number", lambda p, t: _set(t, "tblASN", 2, "NIP", 199001012015032002), "ASN", "B7", {"IKP-03"}),
    ("akip-above-bobot", lambda p, t: _set(t, "tblAKIP", 1, "Perencanaan Kinerja", 31), "AKIP", "B6", AKIP),
    ("akip-predikat-unknown", lambda p, t: _set(t, "tblAKIP", 1, "Predikat LHE", "AAA"), "AKIP", "F6", AKIP),
    ("idm-contradiction", lambda p, t: _set(t, "tblDesa", 0, "Status IDM", "Mandiri"), "Desa", "D5", {"IK-10"}),
    ("rekap-and-register", lambda p, t: t["tblRekapManual"].append(
        {"Kode": "IKP-08", "Pembilang": 1, "Penyebut": 2}), "Rekap Manual", "A6", {"IKP-08"}),
    ("rekap-text-cell", lambda p, t: _set(t, "tblRekapManual", 0, "Pembilang", "tiga"), "Rekap Manual", "B5",
     {"IKP-11"}),
    ("rekap-numerator-above", lambda p, t: _set(t, "tblRekapManual", 0, "Pembilang", 5), "Rekap Manual", "B5",
     {"IKP-11"}),
    ("sarpras-baik-above", lambda p, t: _set(t, "tblSarpras", 0, "Kondisi Baik", 9), "Sarpras", "E5",
     {"IK-09", "IKP-06", "IKP-07"}),
    ("sop-sesuai-above", lambda p, t: _set(t, "tblSOP", 2, "Persyaratan Sesuai", 9), "SOP", "D7", {"IK-07"}),
    ("kamtibmas-jenis", lambda p, t: _set(t, "tblKamtibmas", 0, "Jenis", "Narkoba"), "Kamtibmas", "C5",
     {"IK-08", "IKP-04"}),
    ("kamtibmas-missing-status", lambda p, t: _set(t, "tblKamtibmas", 2, "Status", None), "Kamtibmas", "F7",
     {"IK-08", "IKP-04"}),
    ("kegiatan-text", lambda p, t: _set(t, "tblKegiatan", 0, "Target", "lima"), "Kegiatan", "D5",
     {"IKP-08", "IKP-10", "IKP-11"}),
    ("bencana-ya-tidak", lambda p, t: _set(t, "tblBencana", 0, "Ditindaklanjuti", "Sudah"), "Bencana", "F5",
     {"IKP-05"}),
    ("metode-bobot", lambda p, t: p.update(MetodeBobotIKM="0,2"), "Pengaturan", "B13", IKM),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_input(case, bersih, tmp_path):
    _, mutate, lembar, sel, blocked = case
    p, t = kasus.pengaturan(), copy.deepcopy(kasus.tabel())
    mutate(p, t)
    src = isi(tmp_path / "bad.xlsx", p, t)
    before = values(src)
    r = run(src, "--json", "-")
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    doc = json.loads(r.stdout)
    galat = [x for x in doc["temuan"] if x["tingkat"] == "galat"]
    assert any(g["lembar"] == lembar and g["sel"] == sel for g in galat), galat
    if lembar == "Rekap Manual":  # a row naming its indicator files the galat under that code
        assert any(g["sel"] == sel and g["kode"] in blocked for g in galat)
    ind = {i["kode"]: i for i in doc["indikator"]}
    for kode, i in ind.items():
        if kode in blocked:
            assert i["status"] == "galat" and i["realisasi"] is None, kode
        else:
            assert i == bersih[kode], kode
    # Written in place, yet no input cell changed.
    assert values(src) == before
    wb = openpyxl.load_workbook(src)
    v = wb["Validasi"]
    rows = [(v.cell(r, 1).value, v.cell(r, 2).value, v.cell(r, 3).value) for r in range(5, v.max_row + 1)]
    assert ("galat", lembar, sel) in rows


def test_text_date_is_a_warning(tmp_path, bersih):
    p, t = kasus.pengaturan(), copy.deepcopy(kasus.tabel())
    t["tblSKM"][0]["Tanggal"] = "15/03/2024"
    src = isi(tmp_path / "txt.xlsx", p, t)
    r = run(src, "--json", "-")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert any(x["tingkat"] == "peringatan" and x["sel"] == "B5" for x in doc["temuan"])
    assert {i["kode"]: i for i in doc["indikator"]}["IK-01"] == bersih["IK-01"]


def test_all_blank_answers_skipped(tmp_path):
    p, t = kasus.pengaturan(), copy.deepcopy(kasus.tabel())
    t["tblSKM"].append({"No": 31, "Tanggal": date(2024, 5, 5), "Jenis Layanan": "Surat Pengantar Nikah"})
    src = isi(tmp_path / "blank.xlsx", p, t)
    r = run(src, "--json", "-")
    assert r.returncode == 0
    doc = json.loads(r.stdout)
    assert doc["ikm"]["responden"] == 29
    assert any(x["tingkat"] == "peringatan" and x["lembar"] == "SKM" and x["sel"] == "H35" for x in doc["temuan"])


def test_zero_denominator_is_tanpa_data(tmp_path):
    p, t = kasus.pengaturan(), copy.deepcopy(kasus.tabel())
    t["tblRekapManual"] = [{"Kode": "IKP-11", "Pembilang": 0, "Penyebut": 0}]
    src = isi(tmp_path / "zero.xlsx", p, t)
    r = run(src, "--json", "-")
    assert r.returncode == 0
    ind = {i["kode"]: i for i in json.loads(r.stdout)["indikator"]}
    assert ind["IKP-11"]["status"] == "tanpa_data" and ind["IKP-11"]["realisasi"] is None
    assert ind["IKP-11"]["keterangan"]


@pytest.mark.parametrize("typed,metode", [(0.111, "0,111"), (0.11, "0,11"), (1 / 9, "1/9"), (date(2024, 1, 9), "1/9")])
def test_metode_bobot_as_excel_stores_it(tmp_path, typed, metode):
    p, t = kasus.pengaturan(), copy.deepcopy(kasus.tabel())
    p["MetodeBobotIKM"] = typed
    r = run(isi(tmp_path / "m.xlsx", p, t), "--json", "-")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["ikm"]["bobot"] == metode


def test_signature_date_as_text(tmp_path):
    p, t = kasus.pengaturan(), copy.deepcopy(kasus.tabel())
    p["TanggalPenandatanganan"] = "28 Juni 2024"
    out = tmp_path / "o.xlsx"
    r = run(isi(tmp_path / "s.xlsx", p, t), "-o", str(out))
    assert r.returncode == 0, r.stderr
    texts = [c.value for row in openpyxl.load_workbook(out)["IKU"].iter_rows() for c in row]
    assert "Sebangar, 28 Juni 2024" in texts


def test_target_rows_appended_below_the_starter_rows(tmp_path, bersih):
    """A filler that appends its target rows below the template's empty starter rows."""
    import openpyxl as ox
    from openpyxl.utils import range_boundaries

    from tests.isi import TEMPLATE

    p, t = kasus.pengaturan(), copy.deepcopy(kasus.tabel())
    targets = t.pop("tblTarget")
    src = isi(tmp_path / "a.xlsx", p, t)
    wb = ox.load_workbook(src)
    ws = wb["Target"]
    tbl = ws.tables["tblTarget"]
    c1, r1, c2, r2 = range_boundaries(tbl.ref)
    heads = {ws.cell(r1, c).value: c for c in range(c1, c2 + 1)}
    for i, row in enumerate(targets):
        for h, v in row.items():
            ws.cell(r2 + 1 + i, heads[h]).value = v
    wb.save(src)
    r = run(src, "--json", "-")
    assert r.returncode == 0, r.stderr
    ind = {i["kode"]: i for i in json.loads(r.stdout)["indikator"]}
    assert ind == bersih


def test_blocked_ikm_shows_no_partial_numbers(tmp_path):
    p, t = kasus.pengaturan(), copy.deepcopy(kasus.tabel())
    t["tblSKM"][3]["U1"] = 5
    t["tblAKIP"][1]["Perencanaan Kinerja"] = 31
    r = run(isi(tmp_path / "b.xlsx", p, t), "--json", "-")
    doc = json.loads(r.stdout)
    assert (doc["ikm"]["nilai"], doc["ikm"]["mutu"], doc["ikm"]["kinerja"]) == (None, None, None)
    assert set(doc["ikm"]["nrr"].values()) == {None}
    assert doc["akip"] == {"nilai": None, "predikat": None, "predikat_hitung": None}
    assert not any("sampel minimum" in x["pesan"] for x in doc["temuan"])


def test_formula_without_stored_value(tmp_path, bersih):
    """openpyxl writes formulas without results: the cell would read as blank."""
    p, t = kasus.pengaturan(), copy.deepcopy(kasus.tabel())
    t["tblSKM"][0]["U4"] = "=2+2"
    r = run(isi(tmp_path / "f.xlsx", p, t), "--json", "-")
    assert r.returncode == 1
    doc = json.loads(r.stdout)
    assert any(x["tingkat"] == "galat" and x["lembar"] == "SKM" and x["sel"] == "K5" and "rumus" in x["pesan"]
               for x in doc["temuan"])
    ind = {i["kode"]: i for i in doc["indikator"]}
    assert ind["IK-01"]["status"] == "galat"
    assert ind["IK-07"] == bersih["IK-07"]
