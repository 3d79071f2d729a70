"""One result schema: `Hasil.ke_json` is the KONTRAK §4 document; the batch
summary extends it, and the recap reads `tercapai` from it (never re-decides)."""

from __future__ import annotations

import pytest

from tests import kasus
from tests.isi import isi
from xl_iku.app import hitung_berkas
from xl_iku.batch.rekap import persen_tercapai
from xl_iku.hasil import ringkasan_batch, ringkasan_gagal

KUNCI_INDIKATOR = {"kode", "nama", "satuan", "target", "realisasi", "capaian", "kategori", "tercapai", "status",
                   "keterangan", "pembilang", "penyebut", "kelompok", "arah", "cara_hitung"}


@pytest.fixture(scope="module")
def hasil(tmp_path_factory):
    d = tmp_path_factory.mktemp("skema")
    return hitung_berkas(isi(d / "kasus.xlsx", kasus.pengaturan(), kasus.tabel()), d / "out.xlsx").hasil


def test_dokumen_kontrak(hasil):
    doc = hasil.ke_json()
    assert list(doc) == ["versi", "kecamatan", "kabupaten", "tahun", "indikator", "ikm", "akip", "temuan"]
    assert all(set(i) == KUNCI_INDIKATOR for i in doc["indikator"])


def test_ringkasan_batch_memperluas_dokumen(hasil):
    r = ringkasan_batch(hasil, 0.5)
    assert {k: v for k, v in r.items() if k not in ("hasil", "alasan", "detik")} == hasil.ke_json()
    assert (r["hasil"], r["alasan"], r["detik"]) == ("ok", None, 0.5)
    g = ringkasan_gagal("Berkas 'x.xlsx' rusak.")
    assert set(g) == set(r) and g["hasil"] == "gagal" and g["indikator"] == [] and g["temuan"] == []


def test_rekap_membaca_tercapai(hasil):
    # Decided (target and capaian): IKU-01 107,6 ✓, IK-01 107,6 ✓, IK-02 B vs BB ✗ (capaian 70/70 = 100),
    # IK-03 102 ✓, IK-07 (80+100+75)/3 = 85 vs 90 ✗, IK-08 75 vs 100 ✗, IK-10 50 vs 60 ✗,
    # IKP-04 1/2 = 50 vs 100 ✗, IKP-11 75 vs 75 = 100 ✓  →  4 of 9.
    # Recomputing from capaian ≥ 100 would count IK-02 too (5 of 9).
    capai, dinilai, persen = persen_tercapai(ringkasan_batch(hasil))
    assert (capai, dinilai) == (4, 9)
    assert persen == pytest.approx(4 / 9 * 100)
