"""The run as five literal steps (baca → periksa → hitung → susun → tulis), and
the result carrying what the documents need, so `laporan` and `pdf` read the
workbook once (issue 19, item 8)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests import kasus
from tests.isi import isi
from xl_iku import engine, pipeline
from xl_iku.app import hitung_berkas
from xl_iku.io import file_reader
from xl_iku.laporan import pdf as P
from xl_iku.laporan import sumber
from xl_iku.models import Masukan
from xl_iku.pesan import AlatError, FileError

CONTOH_BARU = Path(__file__).resolve().parent.parent / "workbook" / "Contoh_IKU_Siak_Kecil_2026.xlsx"


def _analisis_tabel():
    t = kasus.tabel()
    t["tblAnalisis"] = [
        {"Kode": "IK-07", "Faktor Pendukung": "Program A", "Pagu Anggaran": 10_000_000, "Realisasi Anggaran": 9_000_000},
        {"Kode": "ik-07", "Faktor Penghambat": "Hujan", "Pagu Anggaran": 5_000_000, "Realisasi Anggaran": 4_500_000},
        {"Kode": "IK-99", "Upaya": "salah kode"},
    ]
    return t


@pytest.fixture(scope="module")
def buku(tmp_path_factory):
    return isi(tmp_path_factory.mktemp("pipa") / "kasus.xlsx", kasus.pengaturan(), _analisis_tabel())


def test_langkah_periksa_lalu_hitung(buku):
    """periksa gives the validated input (no rule run yet); hitung takes only that."""
    m = pipeline.periksa(file_reader.baca(buku))
    assert isinstance(m, Masukan)
    h = pipeline.hitung(m)
    assert h == engine.hitung(file_reader.baca(buku))
    assert h == pipeline.baca_dan_hitung(lambda: file_reader.baca(buku))


def test_hasil_membawa_bahan_dokumen(buku):
    h = pipeline.baca_dan_hitung(lambda: file_reader.baca(buku))
    # kasus: 29 respondents dated 1–28 March 2024; the 28 Dec 2023 leftover is outside the period.
    assert (h.survei_awal, h.survei_akhir) == (date(2024, 3, 1), date(2024, 3, 28))
    # Two rows of IK-07 (one typed in lower case) joined; budgets added by hand: 15.000.000 and 13.500.000.
    a = h.analisis["IK-07"]
    assert a.pendukung == ["Program A"] and a.penghambat == ["Hujan"] and a.upaya == []
    assert (a.pagu, a.realisasi_anggaran) == (15_000_000.0, 13_500_000.0)
    assert set(h.analisis) == {"IK-07"}
    # The unknown code is a peringatan at its cell in the run's own findings (header row 4, third row 7).
    t = [t for t in h.temuan if t.lembar == "Analisis"]
    assert [(t.tingkat, t.sel) for t in t] == [("peringatan", "A7")] and "IK-99" in t[0].pesan
    # The reference tables the run used: the template's PermenPANRB 14/2017 bands.
    assert h.referensi.mutu_ikm[0].mutu == "A" and h.referensi.mutu_ikm[0].batas_bawah == Decimal("88.31")


def test_laporan_membaca_buku_sekali(buku, tmp_path, monkeypatch):
    """One read for a document: the analysis, survey dates and reference tables come with the result."""
    baca = []
    asli = file_reader.baca_paket
    monkeypatch.setattr(file_reader, "baca_paket", lambda pkg: baca.append(1) or asli(pkg))
    bahan = sumber.muat(buku, hitung=True)
    assert len(baca) == 1
    assert bahan.analisis["IK-07"].pagu == 15_000_000.0
    assert bahan.survei_akhir == date(2024, 3, 28)
    assert bahan.catatan == [t for t in bahan.catatan if t.startswith("Analisis!A7: ")] and len(bahan.catatan) == 1


def test_pdf_membaca_buku_sekali(tmp_path, monkeypatch):
    """pdf without --hitung: one read gives the catalogue's sheets and the staleness check."""
    dihitung = hitung_berkas(CONTOH_BARU, tmp_path / "baru.xlsx").keluaran
    baca = []
    asli = file_reader.baca_paket
    monkeypatch.setattr(file_reader, "baca_paket", lambda pkg: baca.append(1) or asli(pkg))
    with pytest.raises(AlatError):  # up to LibreOffice, which is not there
        P.buat_pdf(dihitung, tmp_path / "x.pdf", soffice=str(tmp_path / "tidak-ada"))
    assert len(baca) == 1


def test_pdf_lembar_kelompok_baru_yang_basi_ditolak(tmp_path):
    """A Kelompok sheet of the office's own is signed too: printed alone from a
    workbook whose inputs changed since the last hitung, it is refused like the
    built-in sheets (it was printed stale before)."""
    dihitung = hitung_berkas(CONTOH_BARU, tmp_path / "baru.xlsx").keluaran
    perda = [{"Tanggal": date(2026, 3, 2), "Perda": "Perda 3/2019", "Desa": "Siak Kecil", "Status": "Ditindak"}]
    basi = isi(tmp_path / "basi.xlsx", None, {"tblPerda": perda}, template=dihitung)
    with pytest.raises(FileError, match="Lembar keluaran 'Kinerja Wilayah'.*tidak sesuai lagi"):
        P.buat_pdf(basi, tmp_path / "x.pdf", lembar=["Kinerja Wilayah"], soffice=str(tmp_path / "tidak-ada"))
    assert not (tmp_path / "x.pdf").exists()


def test_pdf_lembar_bawaan_mengikuti_katalog(tmp_path):
    """No --lembar: the catalogue's Kelompok sheets and Hasil SKM; --validasi adds Validasi."""
    from xl_iku.io.package import Package

    h = sumber.hitung_ulang(CONTOH_BARU)
    bawaan = sumber.lembar_hasil(h)
    assert bawaan == ("IKU", "Indikator Kinerja", "Kinerja Wilayah", "Hasil SKM")
    with Package.open(CONTOH_BARU) as pkg:
        assert P.pilih_lembar(pkg, None, bawaan)[-1:] != ["Validasi"]
        assert set(P.pilih_lembar(pkg, None, bawaan)) == set(bawaan)
        with pytest.raises(FileError, match="Kinerja Wilayah, Hasil SKM, Validasi"):
            P.pilih_lembar(pkg, ["Tidak Ada"], bawaan)


def test_pdf_validasi_menambah_ke_lembar_katalog(tmp_path):
    """--validasi adds Validasi to the catalogue's sheets (it added it to the built-in
    four, so a catalogue without 'Indikator Pendukung' was refused as a missing sheet)."""
    dihitung = hitung_berkas(CONTOH_BARU, tmp_path / "baru.xlsx").keluaran
    with pytest.raises(AlatError):  # every sheet found; only LibreOffice is missing
        P.buat_pdf(dihitung, tmp_path / "x.pdf", validasi=True, soffice=str(tmp_path / "tidak-ada"))
