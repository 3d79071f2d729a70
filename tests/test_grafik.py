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

from xl_iku.template import grafik

SAMPLE = Path(__file__).resolve().parent.parent / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"


@pytest.fixture(scope="module")
def hasil(tmp_path_factory):
    d = tmp_path_factory.mktemp("grafik")
    out = d / "hasil.xlsx"
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(SAMPLE), "-o", str(out)], capture_output=True,
                       timeout=120)
    assert r.returncode == 0
    return out


def test_four_charts_with_their_ranges(hasil):
    z = zipfile.ZipFile(hasil)
    charts = sorted(n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n))
    assert len(charts) == 4
    refs = " ".join(z.read(n).decode() for n in charts)
    assert "'Hasil SKM'!$G$6:$G$14" in refs
    assert "'Indikator Kinerja'!$G$6:$G$15" in refs
    assert "'Indikator Pendukung'!$G$6:$G$16" in refs
    assert "IKU!$H$11:$H$16" in refs or "'IKU'!$H$11:$H$16" in refs
    # Chart parts come through hitung byte for byte.
    src = zipfile.ZipFile(SAMPLE)
    assert all(src.read(n) == z.read(n) for n in charts)


def test_ranges_hold_what_the_charts_claim(hasil):
    wb = openpyxl.load_workbook(hasil)
    sheet, r1, r2 = grafik.SKM_UNSUR
    s = wb[sheet]
    assert [s[f"B{r}"].value.split(".")[0] for r in range(r1, r2 + 1)] == [f"U{i}" for i in range(1, 10)]
    assert all(isinstance(s[f"G{r}"].value, float) for r in range(r1, r2 + 1))
    sheet, r1, r2 = grafik.IK_BARIS
    assert [wb[sheet][f"A{r}"].value for r in range(r1, r2 + 1)] == list(range(1, 11))
    sheet, r1, r2 = grafik.IKP_BARIS
    assert [wb[sheet][f"A{r}"].value for r in range(r1, r2 + 1)] == list(range(1, 12))
    sheet, r1, r2 = grafik.IKU_TREN
    assert [wb[sheet][f"F{r}"].value for r in range(r1, r2 + 1)] == list(range(2021, 2027))


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_libreoffice_draws_the_charts(hasil, tmp_path):
    prof = tmp_path / "profil"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--norestore", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(hasil)], capture_output=True, timeout=300, check=True)
    text = subprocess.run(["pdftotext", str(tmp_path / "hasil.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Nilai per Unsur Pelayanan" in text and "Tren IKU 2021–2026" in text
    # Drawn from the new values: a data label of U1's IKM unsur appears.
    u1 = openpyxl.load_workbook(hasil)["Hasil SKM"]["G6"].value
    assert f"{u1:.2f}" in text or f"{u1:.2f}".replace(".", ",") in text
