"""Validation is one phase: `periksa(raw) → Masukan` (typed rows and every
finding) before any rule runs; `engine.hitung(Masukan)` applies rules only.
Row constraints live in the pydantic models; their errors are temuan at the
offending cells, in Indonesian."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from tests import kasus
from tests.isi import isi
from xl_iku import engine
from xl_iku import models as M
from xl_iku.io import file_reader
from xl_iku.dasar.raw import RawRow
from xl_iku.validasi import baris
from xl_iku.validasi.periksa import periksa
from xl_iku.validasi.sel import Pemeriksa


def _raw(tmp_path, ubah=None):
    p, t = kasus.pengaturan(), copy.deepcopy(kasus.tabel())
    if ubah:
        ubah(p, t)
    return file_reader.baca(isi(tmp_path / "k.xlsx", p, t))


def test_masukan_bertipe_dan_hitung_tanpa_validasi(tmp_path, monkeypatch):
    raw = _raw(tmp_path)
    m = periksa(raw)
    assert isinstance(m, M.Masukan)
    # Typed rows: kasus.py's three SOP rows, 29 respondents of 2024 (the 2023 one is outside).
    sop = m.tabel["tblSOP"].baris
    assert [(b.nilai["Jumlah Persyaratan"], b.nilai["Persyaratan Sesuai"]) for b in sop] == [(5, 4), (4, 4), (8, 6)]
    assert len(m.skm) == 29 and all(isinstance(r, M.BarisSKM) for r in m.skm)
    assert m.akip is not None and m.akip.komponen == {"Perencanaan Kinerja": 25.5, "Pengukuran Kinerja": 20.25,
                                                  "Pelaporan Kinerja": 10.1, "Evaluasi Internal": 14.15}
    assert m.target["IK-02"] == "BB" and m.target["IK-07"] == 90.0
    assert m.pengaturan.tahun == 2024 and m.skema_desa == "IDM"
    # The rules never validate again: with periksa made unusable, hitung(Masukan) still runs…
    monkeypatch.setattr(engine, "periksa", lambda raw: pytest.fail("validated twice"))
    dari_masukan = engine.hitung(m)
    monkeypatch.undo()
    # …and gives exactly what the one-call entry gives.
    assert dari_masukan == engine.hitung(raw)
    assert dari_masukan.indikator_by_kode()["IK-07"].realisasi == pytest.approx((4 / 5 + 1 + 6 / 8) / 3 * 100)


def test_sarpras_dua_sel_salah_dan_peringatan(tmp_path):
    def ubah(p, t):
        t["tblSarpras"][0].update({"Kondisi Baik": 9, "Dipelihara": 9})  # Tersedia 8: both too many
        t["tblSarpras"][1].update({"Kebutuhan": 4})  # Tersedia 5 > Kebutuhan 4: a warning only
    m = periksa(_raw(tmp_path, ubah))
    sar = [(t.tingkat, t.sel, t.pesan) for t in m.temuan if t.lembar == "Sarpras"]
    assert sar == [
        ("galat", "E5", "Kondisi Baik tidak boleh lebih besar dari Tersedia."),
        ("galat", "F5", "Dipelihara tidak boleh lebih besar dari Tersedia."),
        ("peringatan", "D6", "Tersedia melebihi Kebutuhan; periksa kembali angka kebutuhan."),
    ]
    # Both rows stay in the cleaned table: the galat at E5 and F5 block the
    # indicators that read Kondisi Baik and Dipelihara (KONTRAK §3), not Tersedia's.
    assert [(b.nilai["Kebutuhan"], b.nilai["Tersedia"]) for b in m.tabel["tblSarpras"].baris] == [(10, 8), (4, 5)]
    h = engine.hitung(m).indikator_by_kode()
    assert h["IK-09"].status == h["IKP-07"].status == "galat" and h["IKP-06"].status == "ok"


def test_akip_komponen_di_luar_bobot(tmp_path):
    def ubah(p, t):
        t["tblAKIP"][1].update({"Perencanaan Kinerja": 31, "Pelaporan Kinerja": 16})  # bobot 30 and 15
    m = periksa(_raw(tmp_path, ubah))
    akip = [(t.sel, t.pesan) for t in m.temuan if t.lembar == "AKIP"]
    assert akip == [("B6", "Nilai Perencanaan Kinerja harus antara 0 dan bobotnya 30."),
                    ("D6", "Nilai Pelaporan Kinerja harus antara 0 dan bobotnya 15.")]
    assert m.akip is None
    h = engine.hitung(m).indikator_by_kode()
    assert {k for k, v in h.items() if v.status == "galat"} == {"IK-02", "IK-03", "IK-04", "IK-05", "IK-06"}


def test_tahun_laporan_di_luar_rentang(tmp_path):
    m = periksa(_raw(tmp_path, lambda p, t: p.update(TahunLaporan=1999)))
    g = [t for t in m.temuan if t.tingkat == "galat"]
    assert [(t.lembar, t.pesan) for t in g] == [("Pengaturan", "Tahun Laporan harus tahun empat digit, misalnya 2024.")]
    assert m.pengaturan.tahun is None and m.periode is None
    assert all(i.status == "galat" for i in engine.hitung(m).indikator)


def test_galat_tipe_tak_terduga_tetap_bahasa_indonesia():
    # A value the cell cleaning would never let through still gives an Indonesian message at its cell.
    row = RawRow(7, {}, {"No": 1, "Nama Layanan": 2, "Jumlah Persyaratan": 3, "Persyaratan Sesuai": 4})
    p = Pemeriksa()
    d = {"lembar": "SOP", "baris": 7, "kolom": row.cols, "Nama Layanan": "X", "Jumlah Persyaratan": "lima",
         "Persyaratan Sesuai": 2}
    assert baris.validasi(M.BarisSOP, [(row, d)], "SOP", p, {"tabel": "tblSOP", "kode": "IK-07"}) == []
    assert [(t.sel, t.pesan, t.tabel) for t in p.temuan] == [
        ("C7", "Kolom 'Jumlah Persyaratan' berisi nilai yang tidak dapat dipakai.", "tblSOP")]


def test_lepas_mentah_hasil_sama_dan_baris_mentah_tidak_terbaca_lagi():
    """The pipeline lets a table's raw values go once cleaned (issue 14:
    memory); the numbers and findings are those of a run that keeps them, and
    a later read of a released row fails loudly instead of reading blank."""
    import json

    import pytest

    from xl_iku import engine
    from xl_iku.io import file_reader
    from xl_iku.validasi.periksa import DILEPAS

    sampel = Path(__file__).resolve().parents[1] / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"
    tetap = engine.hitung(file_reader.baca(sampel))
    raw = file_reader.baca(sampel)
    lepas = engine.hitung(raw, lepas_mentah=True)
    assert json.dumps(lepas.ke_json(), sort_keys=True) == json.dumps(tetap.ke_json(), sort_keys=True)
    baris = raw.tables["tblSKM"].rows[0]
    assert baris.values is DILEPAS and baris.row > 0 and baris.cols  # its place stays for findings
    with pytest.raises(RuntimeError):
        baris.values.get("U1")
    assert raw.tables["tblLayanan"].rows[0].values.get("No Register")  # read raw again later: kept


def test_no_register_ganda_tetap_ditemukan_saat_nilai_mentah_dilepas(tmp_path):
    """The duplicate check reads No Register as typed from the register's raw
    values: the same two galat with and without the pipeline letting values go."""
    from tests import kasus
    from tests.isi import isi
    from xl_iku import engine
    from xl_iku.io import file_reader

    t = kasus.tabel()
    t["tblLayanan"] = t["tblLayanan"] + [dict(t["tblLayanan"][0])]  # the first request typed again
    src = isi(tmp_path / "ganda.xlsx", kasus.pengaturan(), t)
    tetap = engine.hitung(file_reader.baca(src))
    lepas = engine.hitung(file_reader.baca(src), lepas_mentah=True)
    ganda = [(x.tingkat, x.sel) for x in lepas.temuan if "nomor register harus unik" in x.pesan]
    assert len(ganda) == 2 and {g[0] for g in ganda} == {"galat"}
    assert ganda == [(x.tingkat, x.sel) for x in tetap.temuan if "nomor register harus unik" in x.pesan]
    assert [i.status for i in lepas.indikator] == [i.status for i in tetap.indikator]
