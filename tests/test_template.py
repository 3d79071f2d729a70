"""The committed template is exactly what the generator makes, and it carries
the KONTRAK names: tables with their headers on their sheets, defined names,
dropdowns, protection, the named and hyperlinked Hitung shape."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from xl_iku import kontrak as K
from xl_iku.template.build import buat

TEMPLATE = Path(__file__).resolve().parent.parent / "workbook" / "IKU_template.xlsx"


def parts(data: bytes) -> dict[str, bytes]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return {n: z.read(n) for n in z.namelist()}


def test_committed_template_matches_generator(versi_templat):
    committed = parts(TEMPLATE.read_bytes())
    fresh = parts(buat())
    assert committed.keys() == fresh.keys()
    changed = [n for n in committed if committed[n] != fresh[n]]
    assert not changed, f"regenerate with: python -m xl_iku.template (changed parts: {changed})"


@pytest.fixture(scope="module")
def wb():
    return openpyxl.load_workbook(TEMPLATE)


def test_tables_and_headers(wb):
    found = {}
    for ws in wb.worksheets:
        for t in ws.tables.values():
            found[t.name] = (ws.title, [c.name for c in t.tableColumns])
    for name, spec in K.TABEL.items():
        assert found[name] == (spec.lembar, list(spec.headers)), name


def test_defined_names(wb):
    for spec in K.PENGATURAN:
        dn = wb.defined_names[spec.nama]
        (sheet, _), = list(dn.destinations)
        assert sheet == K.LEMBAR_PENGATURAN


def test_output_and_reference_sheets(wb):
    for name in (*K.LEMBAR_KELUARAN, K.LEMBAR_BERANDA, K.LEMBAR_REFERENSI):
        assert name in wb.sheetnames
    assert wb["Gaya"].sheet_state == "veryHidden"
    for name in K.LEMBAR_KELUARAN:
        # Unprotected on purpose: xlwings Lite/Server rewrite them (README).
        assert not wb[name].protection.sheet
        assert wb[name].page_setup.paperSize == 9  # A4
    # Title rows and the column header repeat on every page (issue 12).
    assert wb["IKU"].print_title_rows.replace("$", "") == "1:5"


def test_dropdowns_for_closed_lists(wb):
    ws = wb["Kamtibmas"]
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert any("Penyakit Masyarakat" in f for f in lists)
    assert any("Tuntas" in f for f in lists)
    skm = wb["SKM"]
    assert any(dv.type == "whole" and dv.formula1 == "1" and dv.formula2 == "4"
               for dv in skm.data_validations.dataValidation)


def test_input_cells_unlocked(wb):
    assert wb["SKM"].protection.sheet
    assert wb["SKM"]["H5"].protection.locked is False
    assert wb["SKM"]["H1"].protection.locked is True


def test_holidays_prefilled(wb):
    ws = wb["Referensi"]
    t = ws.tables["tblHariLibur"]
    first, last = t.ref.split(":")
    n = ws[last].row - ws[first].row
    assert n > 6 * 15  # 2021–2026, public + cuti bersama
    texts = [ws.cell(r, ws[first].column + 1).value for r in range(ws[first].row + 1, ws[last].row + 1)]
    assert any("Cuti Bersama" in (t or "") for t in texts)


def test_hitung_button_shape():
    z = zipfile.ZipFile(TEMPLATE)
    drawing = z.read("xl/drawings/drawing1.xml").decode()
    assert 'name="Hitung"' in drawing and "hlinkClick" in drawing
    rels = z.read("xl/drawings/_rels/drawing1.xml.rels").decode()
    assert 'Target="#Beranda!B9"' in rels


def test_committed_sample_matches_generator(versi_templat):
    from xl_iku.template.contoh import data_contoh

    sample = TEMPLATE.parent / "Contoh_IKU_Bathin_Solapan.xlsx"
    p, t = data_contoh()
    fresh = parts(buat(None, p, t))
    committed = parts(sample.read_bytes())
    assert [n for n in committed if committed[n] != fresh.get(n)] == []


def test_committed_new_period_sample_matches_generator(versi_templat):
    from xl_iku.template.contoh_baru import TAHUN_TARGET, data_contoh_baru, katalog

    sample = TEMPLATE.parent / "Contoh_IKU_Siak_Kecil_2026.xlsx"
    p, t, kantor = data_contoh_baru()
    fresh = parts(buat(None, p, t, tahun_target=TAHUN_TARGET, tabel_kantor=kantor, katalog_kantor=katalog()))
    committed = parts(sample.read_bytes())
    assert [n for n in committed if committed[n] != fresh.get(n)] == []
