"""The row models' own checks: a value that slipped past the cleaning is a bug and stops the run."""

from datetime import date

import pytest

from xl_iku import models as M

K = {"Target": 3, "Realisasi": 4}


def test_angka_menjadi_float_seperti_yang_diharapkan_rumus():
    b = M.BarisKegiatan(lembar="Kegiatan", baris=5, kolom=K, kelompok="x", target=4, realisasi=3)
    assert (b.target, b.realisasi) == (4.0, 3.0) and type(b.target) is float
    assert b.alamat("Realisasi") == "D5"
    a = M.BarisAKIP(lembar="AKIP", baris=5, kolom={}, tahun=2024, komponen={"IK-03": 25, "IK-04": 21.5})
    assert a.komponen == {"IK-03": 25.0, "IK-04": 21.5} and type(a.komponen["IK-03"]) is float


@pytest.mark.parametrize("jawaban", [(1, 2, 3, 4, 1, 2, 3, 4, 5), (1, 2, 3), (0,) * 9])
def test_jawaban_skm_di_luar_1_sampai_4_ditolak(jawaban):
    with pytest.raises(ValueError):
        M.BarisSKM(lembar="SKM", baris=5, kolom={}, tanggal=date(2024, 1, 2), jawaban=jawaban)


def test_jawaban_kosong_dan_jenis_kelamin():
    b = M.BarisSKM(lembar="SKM", baris=5, kolom={}, tanggal=date(2024, 1, 2), jawaban=(4, None) + (3,) * 7,
                   jenis_kelamin="P")
    assert b.jawaban[1] is None
    with pytest.raises(ValueError):
        M.BarisSKM(lembar="SKM", baris=5, kolom={}, tanggal=date(2024, 1, 2), jawaban=(3,) * 9, jenis_kelamin="X")


@pytest.mark.parametrize("kw", [{"jumlah": -1, "sesuai": 0}, {"jumlah": 2.5, "sesuai": 1}, {"jumlah": True, "sesuai": 1}])
def test_hitungan_sop_bulat_tak_negatif(kw):
    with pytest.raises((TypeError, ValueError)):
        M.BarisSOP(lembar="SOP", baris=5, kolom={}, nama_layanan="KTP", **kw)


def test_pengaturan_populasi_minimal_satu():
    assert M.Pengaturan(populasi=1).populasi == 1
    with pytest.raises(ValueError):
        M.Pengaturan(populasi=0)
    with pytest.raises(ValueError):
        M.Pengaturan(batas_pengaduan=-1)
