"""Charts: present in the template and the filled workbook, pointing at the
output cells that hold what they claim, untouched by `hitung`, and drawn by
LibreOffice from the new values."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from xl_iku import katalog
from xl_iku import layout as L
from xl_iku.dasar.raw import col_letter
from xl_iku.layout import angka_id

SAMPLE = Path(__file__).resolve().parent.parent / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"


@pytest.fixture(scope="module")
def hasil(tmp_path_factory):
    d = tmp_path_factory.mktemp("grafik")
    out = d / "hasil.xlsx"
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(SAMPLE), "-o", str(out)], capture_output=True,
                       timeout=120)
    assert r.returncode == 0
    return out


def _ref(col: int, r1: int, r2: int) -> str:
    c = col_letter(col)
    return f"'Grafik'!${c}${r1}:${c}${r2}"


def test_four_charts_with_their_ranges(hasil):
    z = zipfile.ZipFile(hasil)
    charts = sorted(n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n))
    assert len(charts) == 4
    refs = " ".join(z.read(n).decode() for n in charts)
    k = L.GRAFIK_KOLOM
    for blok, n in (("unsur", 9), ("ik", 10), ("ikp", 11), ("iku", 6)):
        r1 = L.GRAFIK_BLOK[blok]
        assert _ref(k, r1, r1 + n - 1) in refs, blok  # categories: names, codes, years
    # Data labels are the text of the label cells, linked point by point.
    assert refs.count("<c:tx><c:strRef>") == 9 + 10 + 11 + 6
    # Chart parts come through hitung byte for byte.
    src = zipfile.ZipFile(SAMPLE)
    assert all(src.read(n) == z.read(n) for n in charts)


def test_ranges_hold_what_the_charts_claim(hasil):
    """The Grafik helper cells hold what the output sheets show, and the labels
    are those numbers in Indonesian format (text, so no PC locale changes them)."""
    wb = openpyxl.load_workbook(hasil)
    g = wb["Grafik"]
    k = L.GRAFIK_KOLOM
    skm = wb["Hasil SKM"]
    r0 = L.GRAFIK_BLOK["unsur"]
    for i in range(9):
        assert g.cell(r0 + i, k).value == skm[f"B{6 + i}"].value
        v = skm[f"G{6 + i}"].value
        assert isinstance(v, float) and g.cell(r0 + i, k + 1).value == pytest.approx(v)
        assert g.cell(r0 + i, k + 2).value == angka_id(v)
    for blok, sheet, n in (("ik", "Indikator Kinerja", 10), ("ikp", "Indikator Pendukung", 11)):
        r0 = L.GRAFIK_BLOK[blok]
        codes = [g.cell(r0 + i, k).value for i in range(n)]
        assert codes == [i.kode for i in katalog.per_kelompok(katalog.KELOMPOK_IK if blok == "ik" else katalog.KELOMPOK_IKP)]
        for i in range(n):
            real = wb[sheet][f"G{6 + i}"].value
            if isinstance(real, str):  # a predikat: a gap in the chart, never a zero bar
                assert g.cell(r0 + i, k + 2).value is None
            else:
                assert g.cell(r0 + i, k + 2).value == pytest.approx(real)
    r0 = L.GRAFIK_BLOK["iku"]
    assert [g.cell(r0 + i, k).value for i in range(6)] == [str(t) for t in range(2021, 2027)]
    assert [g.cell(r0 + i, k + 2).value for i in range(6)] == [wb["IKU"][f"H{11 + i}"].value for i in range(6)]


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_libreoffice_draws_the_charts(hasil, tmp_path):
    prof = tmp_path / "profil"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--norestore", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(hasil)], capture_output=True, timeout=300, check=True)
    text = subprocess.run(["pdftotext", str(tmp_path / "hasil.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Nilai per Unsur Pelayanan" in text and "Tren Indikator Kinerja Utama per Tahun" in text
    # The captions under the charts name what each shows (written by the run, not the template).
    assert "Indikator Pendukung (IKP-01–IKP-11)" in text and "(IKU-01): target dan realisasi per tahun, 2021–2026" in text
    # Drawn from the new values: a data label of U1's IKM unsur appears.
    u1 = openpyxl.load_workbook(hasil)["Hasil SKM"]["G6"].value
    assert f"{u1:.2f}" in text or f"{u1:.2f}".replace(".", ",") in text
    # Category axes name the indicators, not row numbers.
    assert "IK-01" in text and "IKP-11" in text


def test_tahun_triwulan_berlabel_di_grafik_dan_lembar_iku():
    """A quarter's year is part of a year: the trend chart's category and the IKU sheet's
    multi-year row say so ('2024 (s.d. Triwulan II)'); the sheet's title is the period."""
    from xl_iku.periode import Periode

    h = L.hasil_kosong()
    h.tahun, h.periode = 2024, Periode(2024, "Triwulan II")
    g = L.lembar_grafik(h)
    r = L.GRAFIK_BLOK["iku"]
    tahun = [c.value for c in g.cells if c.col == L.GRAFIK_KOLOM and r <= c.row < r + 6]
    assert tahun == ["2021", "2022", "2023", "2024 (s.d. Triwulan II)", "2025", "2026"]
    iku = L.lembar_iku(h)
    nilai = [c.value for c in iku.cells]
    assert "2024 (s.d. Triwulan II)" in nilai
    assert "TAHUN 2024 — TRIWULAN II (JANUARI–JUNI)" in nilai
    assert not any(isinstance(v, str) and "(capaian" in v for v in nilai)
    # A whole year keeps its plain number.
    h.periode = Periode(2024)
    assert 2024 in [c.value for c in L.lembar_iku(h).cells]


def test_label_grafik_berlatar_putih_dan_berlokal():
    """Data labels sit on white (a mutu line never strikes a number) with the Indonesian locale format."""
    from xl_iku.template.grafik import _label

    lab = _label(5, 10, 3)
    assert lab["fill"] == {"color": "#FFFFFF"} and lab["num_format"].startswith("[$-421]")


def _keterangan(g) -> list[str]:
    return [c.value for c in g.cells if c.col == 2 and c.row in {L._baris_keterangan_grafik(i) for i in range(4)}]


def test_grafik_mengikuti_katalog_periode_baru(tmp_path):
    """The new-period sample: chart 2 shows its Indikator Kinerja, chart 3 its own
    Kelompok Kinerja Wilayah (there is no Indikator Pendukung), chart 4 the years of
    tblTarget, and each caption says so."""
    from xl_iku.laporan.sumber import hitung_ulang

    h = hitung_ulang(SAMPLE.parent / "Contoh_IKU_Siak_Kecil_2026.xlsx")
    g = L.lembar_grafik(h)
    k = L.GRAFIK_KOLOM
    nilai = {(c.row, c.col): c.value for c in g.cells}
    kode = lambda blok, n: [nilai.get((L.GRAFIK_BLOK[blok] + i, k)) for i in range(n)]  # noqa: E731
    assert kode("ik", 4) == ["IK-01", "IK-02", "IK-03", None]
    assert kode("ikp", 5) == ["KW-01", "KW-02", "KW-03", "KW-04", None]
    # KW-02: 20 of 24 rows Ditindak (test_katalog) = 83,33.
    assert nilai[(L.GRAFIK_BLOK["ikp"] + 1, k + 3)] == "83,33"
    assert [nilai.get((L.GRAFIK_BLOK["iku"] + i, k)) for i in range(6)] == ["2026", "2027", "2028", "2029", "2030",
                                                                            None]
    k1, k2, k3, k4 = _keterangan(g)
    assert k2.startswith("Grafik 2. Target dan realisasi tahun 2026, Indikator Kinerja (IK-01–IK-03)")
    assert k3 == "Grafik 3. Target dan realisasi tahun 2026, Kinerja Wilayah (KW-01–KW-04)."
    assert "2026–2030" in k4 and "(IKU-01)" in k4 and "Grafik 1." in k1


def test_grafik_katalog_satu_atau_tiga_kelompok():
    """One Kelompok besides IKU: chart 3 says it is not used. Three: chart 3 names
    the one left out, and a Kelompok longer than a chart names how many are drawn."""
    from xl_iku.katalog.model import Indikator, Katalog

    def ind(kode, kelompok):
        return Indikator(kode=kode, nama=f"Indikator {kode}", satuan="%", penanggung_jawab="", definisi="",
                         formulasi="", kelompok=kelompok, cara="Nilai Diketik")

    def grafik(daftar):
        return _keterangan(L.lembar_grafik(L.hasil_kosong(Katalog(indikator=tuple(daftar), bawaan=False))))

    satu = grafik([ind("U-01", "IKU"), ind("A-01", "Satu")])
    assert satu[2] == "Grafik 3. Tidak dipakai: katalog indikator punya 1 Kelompok selain IKU."
    tiga = grafik([ind("U-01", "IKU"), *(ind(f"A-{i:02d}", "Satu") for i in range(1, 13)), ind("B-01", "Dua"),
                   ind("C-01", "Tiga")])
    assert "; 10 dari 12 indikator digambarkan, semuanya ada di lembar Satu." in tiga[1]
    assert tiga[2].endswith("Dua (B-01–B-01); Kelompok Tiga tidak digambarkan (lihat lembarnya).")
