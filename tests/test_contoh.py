"""The seeded sample year (xl_iku.template.contoh) keeps the workbook contract."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest

from xl_iku import katalog
from xl_iku import kontrak as K
from xl_iku import referensi as R
from xl_iku.template.contoh import (
    DESA,
    N_SKM_SISA,
    PEKERJAAN,
    PENDIDIKAN,
    SALURAN_PENGADUAN,
    JENIS_BENCANA,
    data_contoh,
)

NAMA_LAYANAN = {n for n, _ in R.JENIS_LAYANAN_AWAL}
STANDAR = dict(R.JENIS_LAYANAN_AWAL)


@pytest.fixture(scope="module")
def contoh():
    return data_contoh()


def _hari_kerja(awal: date, akhir: date, libur: set[date]) -> int:
    n, d = 0, awal
    while d <= akhir:
        if d.weekday() < 5 and d not in libur:
            n += 1
        d += timedelta(days=1)
    return n


def _predikat(nilai: Decimal) -> str:
    for p in R.PREDIKAT_AKIP:
        if nilai > p.batas_bawah:
            return p.predikat
    return "D"


def _status_idm(nilai: Decimal) -> str:
    for status, batas in R.STATUS_IDM:
        if batas is None or nilai <= batas:
            return status
    raise AssertionError


# --- shape ------------------------------------------------------------------


def test_deterministic():
    assert data_contoh(2024, 7, 1.5) == data_contoh(2024, 7, 1.5)
    assert data_contoh() == data_contoh(2024, 2024, 1.0)
    assert data_contoh(seed=1)[1]["tblSKM"] != data_contoh(seed=2)[1]["tblSKM"]


def test_pengaturan(contoh):
    p, _ = contoh
    assert list(p) == [x.nama for x in K.PENGATURAN]
    assert p["NamaKecamatan"] == "Bathin Solapan"
    assert p["NamaKabupaten"] == "Bengkalis"
    assert p["TahunLaporan"] == 2024
    assert p["TempatPenandatanganan"] == "Sebangar"
    assert isinstance(p["NIPCamat"], str) and re.fullmatch(r"\d{8} \d{6} [12] \d{3}", p["NIPCamat"])
    assert isinstance(p["TanggalPenandatanganan"], date)
    assert p["TanggalPenandatanganan"].year == 2025
    assert p["MetodeBobotIKM"] in K.METODE_BOBOT
    assert p["BatasWaktuPengaduan"] == 14
    assert isinstance(p["PopulasiPenerimaLayanan"], int) and p["PopulasiPenerimaLayanan"] > 0


def test_every_table_and_exact_headers(contoh):
    _, tabel = contoh
    assert list(tabel) == list(K.TABEL)
    for nama, spec in K.TABEL.items():
        for row in tabel[nama]:
            assert tuple(row) == spec.headers, nama
    assert tabel["tblRekapManual"] == []
    for nama in K.TABEL:
        if nama != "tblRekapManual":
            assert tabel[nama], nama


def test_value_types(contoh):
    _, tabel = contoh
    for nama, rows in tabel.items():
        spec = K.TABEL[nama]
        for row in rows:
            for h, v in row.items():
                assert v is None or type(v) in (str, int, float, date), (nama, h, v)
                j = spec.kolom_by_header(h).jenis
                if v is None:
                    assert not spec.kolom_by_header(h).wajib, (nama, h)
                elif j is K.Jenis.TANGGAL:
                    assert type(v) is date
                elif j is K.Jenis.BULAT:
                    assert type(v) is int
                elif j is K.Jenis.ANGKA:
                    assert type(v) in (int, float)
                elif j in (K.Jenis.PILIHAN, K.Jenis.NIP):
                    assert type(v) is str


def test_closed_lists(contoh):
    _, tabel = contoh
    for nama, spec in K.TABEL.items():
        for kol in spec.kolom:
            for row in tabel[nama]:
                v = row[kol.header]
                if kol.jenis is K.Jenis.PILIHAN and v is not None:
                    assert v in kol.pilihan, (nama, kol.header, v)
                if kol.jenis is K.Jenis.LIKERT:
                    assert v is None or (type(v) is int and 1 <= v <= 4)
    for r in tabel["tblSKM"]:
        assert r["Jenis Layanan"] in NAMA_LAYANAN
        assert r["Pendidikan"] in PENDIDIKAN
        assert r["Pekerjaan"] in PEKERJAAN
        assert 18 <= r["Usia"] <= 70
        assert any(r[u] is not None for u in K.UNSUR)
    for r in tabel["tblLayanan"]:
        assert r["Jenis Layanan"] in NAMA_LAYANAN
    for r in tabel["tblPengaduan"]:
        assert r["Saluran"] in SALURAN_PENGADUAN
    for nama in ("tblKamtibmas", "tblBencana", "tblUsulan"):
        assert {r["Desa"] for r in tabel[nama]} <= set(DESA)
    assert {r["Jenis"] for r in tabel["tblBencana"]} <= set(JENIS_BENCANA)
    assert {r["Kelompok"] for r in tabel["tblKegiatan"]} == set(K.KELOMPOK_KEGIATAN)
    assert [r["Nama Desa"] for r in tabel["tblDesa"]] == list(DESA)
    assert len(DESA) == 13


def test_numbering(contoh):
    _, tabel = contoh
    for nama, spec in K.TABEL.items():
        if "No" in spec.headers:
            assert [r["No"] for r in tabel[nama]] == list(range(1, len(tabel[nama]) + 1)), nama
    reg = [r["No Register"] for r in tabel["tblLayanan"]]
    assert reg[0] == "470/PATEN/2024/0001"
    assert len(set(reg)) == len(reg)


# --- dates ------------------------------------------------------------------


@pytest.mark.parametrize("tahun", [2023, 2024, 2026])
def test_dates_within_year_except_leftovers(tahun):
    _, tabel = data_contoh(tahun=tahun)
    for nama in K.DATED_TABLES:
        kol = K.TABEL[nama].kolom_tanggal
        luar = [r[kol] for r in tabel[nama] if r[kol].year != tahun]
        if nama == "tblSKM":
            assert len(luar) == N_SKM_SISA
            assert all(d.year == tahun - 1 and d.month == 12 for d in luar)
        else:
            assert luar == [], nama
        tanggal = [r[kol] for r in tabel[nama]]
        assert tanggal == sorted(tanggal), nama


def test_working_days_and_completion(contoh):
    p, tabel = contoh
    libur = {r["Tanggal"] for r in tabel["tblHariLibur"]}
    for nama in ("tblSKM", "tblLayanan", "tblPengaduan"):
        for r in tabel[nama]:
            d = r.get("Tanggal") or r.get("Tanggal Masuk")
            assert d.weekday() < 5 and d not in libur, (nama, d)

    rows = tabel["tblLayanan"]
    tepat = terbuka = 0
    for r in rows:
        if r["Tanggal Selesai"] is None:
            terbuka += 1
            continue
        assert r["Tanggal Selesai"] >= r["Tanggal Masuk"]
        hari = _hari_kerja(r["Tanggal Masuk"], r["Tanggal Selesai"], libur)
        tepat += hari <= STANDAR[r["Jenis Layanan"]]
    assert 0.84 <= tepat / len(rows) <= 0.95
    assert 0 < terbuka / len(rows) <= 0.05

    aduan = tabel["tblPengaduan"]
    buka = [r for r in aduan if r["Tanggal Selesai"] is None]
    assert 1 <= len(buka) <= 2
    tepat = sum(
        1 for r in aduan if r["Tanggal Selesai"] is not None
        and _hari_kerja(r["Tanggal Masuk"], r["Tanggal Selesai"], libur) <= p["BatasWaktuPengaduan"]
    )
    assert tepat / len(aduan) >= 0.7


def test_hari_libur_reference(contoh):
    _, tabel = contoh
    tanggal = [r["Tanggal"] for r in tabel["tblHariLibur"]]
    assert tanggal == sorted(set(tanggal))
    assert {d.year for d in tanggal} == set(K.TAHUN_IKU)
    assert date(2024, 8, 17) in tanggal and date(2024, 12, 25) in tanggal
    assert all(isinstance(r["Keterangan"], str) and r["Keterangan"] for r in tabel["tblHariLibur"])


def test_jenis_layanan_reference(contoh):
    _, tabel = contoh
    assert [(r["Jenis Layanan"], r["Standar Waktu (Hari Kerja)"]) for r in tabel["tblJenisLayanan"]] == list(
        R.JENIS_LAYANAN_AWAL
    )


# --- content consistency ------------------------------------------------------


def test_nip_structure():
    for seed in (2024, 1, 99):
        _, tabel = data_contoh(seed=seed)
        nips = [r["NIP"] for r in tabel["tblASN"]]
        assert len(set(nips)) == len(nips) >= 20
        for nip in nips:
            m = re.fullmatch(r"(\d{4})(\d{2})(\d{2}) (\d{4})(\d{2}) ([12]) (\d{3})", nip)
            assert m, nip
            lahir = date(int(m[1]), int(m[2]), int(m[3]))
            tmt_th, tmt_bln = int(m[4]), int(m[5])
            assert 1 <= tmt_bln <= 12
            assert (tmt_th, tmt_bln) >= (lahir.year + 18, lahir.month)
            assert tmt_th < 2024 and 2024 - lahir.year <= 58
            assert int(m[7]) >= 1
        kompeten = [r["Kompeten"] for r in tabel["tblASN"]]
        assert kompeten.count("Ya") > len(kompeten) * 0.8


def test_akip_components_and_predikat(contoh):
    _, tabel = contoh
    bobot = list(R.BOBOT_AKIP.values())
    heads = list(R.BOBOT_AKIP)
    rows = tabel["tblAKIP"]
    assert [r["Tahun"] for r in rows] == list(range(2021, 2025))
    totals = []
    for r in rows:
        nilai = Decimal(0)
        for h, b in zip(heads, bobot):
            v = Decimal(str(r[h]))
            assert 0 <= v <= b
            nilai += v
        assert 60 <= nilai <= 78
        assert r["Predikat LHE"] == _predikat(nilai)
        totals.append(nilai)
    assert totals == sorted(totals)


def test_idm_status_consistent():
    for seed in (2024, 5, 6, 7):
        _, tabel = data_contoh(seed=seed)
        rows = tabel["tblDesa"]
        diisi = [r for r in rows if r["Status IDM"] is not None]
        assert 1 <= len(diisi) < len(rows)
        mandiri = 0
        for r in rows:
            v = r["Nilai IDM"]
            assert 0.60 <= v <= 0.86 and round(v, 4) == v
            status = _status_idm(Decimal(str(v)))
            mandiri += status == "Mandiri"
            if r["Status IDM"] is not None:
                assert r["Status IDM"] == status
        assert 1 <= mandiri <= 6


def test_registers_are_sane(contoh):
    _, tabel = contoh
    for r in tabel["tblSOP"]:
        assert 3 <= r["Jumlah Persyaratan"] <= 8
        assert 0 <= r["Persyaratan Sesuai"] <= r["Jumlah Persyaratan"]
    for r in tabel["tblSarpras"]:
        assert r["Kebutuhan"] >= r["Tersedia"] >= r["Kondisi Baik"] >= 0
        assert 0 <= r["Dipelihara"] <= r["Tersedia"]
    kam = tabel["tblKamtibmas"]
    assert sum(r["Status"] == "Tuntas" for r in kam) > len(kam) * 0.7
    assert sum(r["Jenis"] != "Lainnya" for r in kam) > len(kam) * 0.7
    ben = tabel["tblBencana"]
    assert sum(r["Ditindaklanjuti"] == "Ya" for r in ben) > len(ben) / 2
    us = tabel["tblUsulan"]
    assert 35 <= len(us) <= 45 and {r["Desa"] for r in us} == set(DESA)
    assert sum(r["Diverifikasi"] == "Ya" for r in us) > len(us) * 0.7
    for r in tabel["tblKegiatan"]:
        assert r["Target"] > 0 and 0 <= r["Realisasi"]
    skm = [r for r in tabel["tblSKM"] if r["Tanggal"].year == 2024]
    jawaban = [r[u] for r in skm for u in K.UNSUR]
    kosong = sum(v is None for v in jawaban) / len(jawaban)
    assert 0.005 < kosong < 0.05
    saran = sum(r["Saran"] is not None for r in skm) / len(skm)
    assert 0.08 < saran < 0.25


def test_ikm_is_plausible(contoh):
    _, tabel = contoh
    skm = [r for r in tabel["tblSKM"] if r["Tanggal"].year == 2024]
    nrr = []
    for u in K.UNSUR:
        v = [r[u] for r in skm if r[u] is not None]
        nrr.append(sum(v) / len(v))
    ikm = sum(nrr) / 9 * 25
    assert 80 <= ikm <= 90


def test_target_and_riwayat(contoh):
    _, tabel = contoh
    target = tabel["tblTarget"]
    assert [r["Kode"] for r in target] == [i.kode for i in katalog.INDIKATOR]
    # The Nilai AKIP indicators, by the component their catalogue row names.
    bobot = {i.kode: R.BOBOT_AKIP[i.pembilang] for i in katalog.INDIKATOR if i.cara == "Nilai AKIP"}
    for r, ind in zip(target, katalog.INDIKATOR):
        assert r["Indikator"] == ind.nama and r["Satuan"] == ind.satuan
        nilai = [r[str(t)] for t in K.TAHUN_IKU]
        if ind.kode == "IK-02":
            assert all(v in K.PREDIKAT for v in nilai)
        else:
            assert all(type(v) in (int, float) for v in nilai)
            assert nilai == sorted(nilai)
        if ind.kode in bobot:
            assert all(0 < v <= bobot[ind.kode] for v in nilai)
        if ind.kode in ("IKU-01", "IK-01"):
            assert nilai[0] == 80 and nilai[-1] == 85
        if ind.persen:
            assert all(0 < v <= 100 for v in nilai)
    # Targets of IK-03..06 add up to a score that earns the IK-02 target.
    for t in K.TAHUN_IKU:
        jumlah = sum(Decimal(str(r[str(t)])) for r in target if r["Kode"] in bobot)
        ik02 = next(r for r in target if r["Kode"] == "IK-02")[str(t)]
        assert _predikat(jumlah) == ik02

    riwayat = tabel["tblRiwayat"]
    kunci = {(r["Kode"], r["Tahun"]) for r in riwayat}
    assert kunci == {(i.kode, t) for i in katalog.INDIKATOR for t in range(2021, 2024)}
    akip = {r["Tahun"]: r for r in tabel["tblAKIP"]}
    for r in riwayat:
        if r["Kode"] == "IK-02":
            assert r["Realisasi"] == akip[r["Tahun"]]["Predikat LHE"]
        else:
            assert type(r["Realisasi"]) in (int, float)
            assert 0 <= r["Realisasi"] <= 100


# --- size and speed -----------------------------------------------------------


def test_skala_scales_big_registers():
    _, satu = data_contoh(skala=1)
    _, dua = data_contoh(skala=2)
    besar = {"tblSKM": 300, "tblLayanan": 600, "tblPengaduan": 20, "tblKamtibmas": 25}
    for nama, n in besar.items():
        sisa = N_SKM_SISA if nama == "tblSKM" else 0
        assert len(satu[nama]) == n + sisa
        assert len(dua[nama]) == 2 * n + sisa
    for nama in K.TABEL:
        if nama not in besar:
            assert len(satu[nama]) == len(dua[nama]), nama
    p, _ = data_contoh(skala=2)
    assert p["PopulasiPenerimaLayanan"] == 2 * len(dua["tblLayanan"])


def test_benchmark_scale():
    # How long skala=33 takes is measured by benchmarks/waktu_uji.py.
    _, tabel = data_contoh(skala=33)
    assert len(tabel["tblSKM"]) >= 9_900
    assert len(tabel["tblLayanan"]) >= 19_800
    reg = [r["No Register"] for r in tabel["tblLayanan"]]
    assert len(set(reg)) == len(reg)
    assert all(r["Tanggal Masuk"].year == 2024 for r in tabel["tblLayanan"])


def test_bad_arguments():
    with pytest.raises(ValueError):
        data_contoh(skala=-1)
    _, kosong = data_contoh(skala=0)
    assert len(kosong["tblLayanan"]) == 0 and len(kosong["tblSKM"]) == N_SKM_SISA
