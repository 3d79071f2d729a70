"""xlwings Lite: merged ranges and percent formats asked on demand (KONTRAK §3).

Lite's payload carries values only; `excel.sifat.baca_lite` asks Lite's
client (`getRangeData`) for merges and number formats before the read.  Here
CPython's remote engine is answered from the real file (`LiteSel`, the
client's rules for `merge_cells`/`merge_area`/`number_format`); the same code
runs in Pyodide against the client's own merge rule in tests/test_lite.py.

Expectations are the file path's (`xl-iku hitung`, which reads merges and
formats from the package) and hand-counted: the sample's tblKegiatan row 1
has Target 4, Realisasi 4; typed as 0,04 in a "0%" cell it shows 4% and
counts as 4, so IKP-08 stays 97,50 (39/40 kegiatan-bulan, the sample's
figure) with one peringatan per cell.
"""

from __future__ import annotations

import asyncio
import json
import re
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from tests import lo
from tests.isi import tabel_di
from tests import xlwings_remote as xr

from xl_iku import engine
from xl_iku.excel import hitung as hitung_excel
from xl_iku.excel import reader as R
from xl_iku.excel import script
from xl_iku.excel.sifat import baca_lite
from xl_iku.io import file_reader

xw = xr.xlwings()
ROOT = Path(__file__).resolve().parent.parent
SAMPEL = ROOT / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"
WAKTU = datetime(2024, 7, 1, 10, 5)


def _tabel(wb, name):
    """(worksheet, header row, last row, {header: column})."""
    ws, _, (_, r1, _, r2), cols = tabel_di(wb, name)
    return ws, r1, r2, cols


def _buat(tmp_path: Path, nama: str, ubah) -> Path:
    wb = openpyxl.load_workbook(SAMPEL)
    ubah(wb)
    p = tmp_path / f"{nama}.xlsx"
    wb.save(p)
    return p


def gabung_u1(wb):
    ws, r1, _, cols = _tabel(wb, "tblSKM")
    c = cols["U1"]
    ws.merge_cells(start_row=r1 + 11, end_row=r1 + 12, start_column=c, end_column=c)
    return f"{get_column_letter(c)}{r1 + 11}:{get_column_letter(c)}{r1 + 12}"


def persen_kegiatan(wb):
    ws, r1, _, cols = _tabel(wb, "tblKegiatan")
    sel = []
    for h in ("Target", "Realisasi"):
        c = ws.cell(r1 + 1, cols[h])
        c.value, c.number_format = c.value / 100, "0%"
        sel.append(c.coordinate)
    return sel


def persen_sebagian_target(wb):
    """Three cells of one column percent-formatted, the rest plain: mixed formats."""
    ws, r1, r2, cols = _tabel(wb, "tblTarget")
    kode = {ws.cell(r, cols["Kode"]).value: r for r in range(r1 + 1, r2 + 1)}
    sel = []
    for k in ("IK-07", "IK-08", "IKP-01"):
        c = ws.cell(kode[k], cols[2024] if 2024 in cols else cols["2024"])
        c.value, c.number_format = c.value / 100, "0%"
        sel.append(c.coordinate)
    return sel


def _lite(path: Path, batas: int | None = None):
    book = xr.load_book(xr.payload_from_xlsx(path, dates="builtin"))
    ls = xr.LiteSel(path)
    with ls.pasang():
        sifat = asyncio.run(baca_lite(book) if batas is None else baca_lite(book, batas))
    return engine.hitung(R.baca(book, sifat=sifat).raw), ls.tanya, sifat


def _server(path: Path):
    book = xr.load_book(xr.payload_from_xlsx(path, dates="builtin"))
    return engine.hitung(R.baca(book, sifat=asyncio.run(baca_lite(book))).raw)


def _angka(h):
    return {i.kode: (i.status, i.realisasi, i.capaian) for i in h.indikator} | {"ikm": (h.ikm.nilai, h.ikm.responden)}


def _temuan(h):
    return sorted((t.tingkat, t.lembar, t.sel) for t in h.temuan)


@pytest.fixture(scope="module")
def berkas(tmp_path_factory):
    d = tmp_path_factory.mktemp("sifat")
    out = {"sampel": (SAMPEL, None)}
    for nama, f in (("gabung_u1", gabung_u1), ("persen_kegiatan", persen_kegiatan),
                    ("persen_sebagian", persen_sebagian_target)):
        wb = openpyxl.load_workbook(SAMPEL)
        sel = f(wb)
        p = d / f"{nama}.xlsx"
        wb.save(p)
        out[nama] = (p, sel)
    return out


@pytest.fixture(scope="module")
def berkas_lo(berkas, tmp_path_factory):
    """The same workbooks re-saved by LibreOffice (one soffice call)."""
    if not lo.ADA:
        pytest.skip("LibreOffice tidak terpasang")
    src = [p for k, (p, _) in berkas.items() if k != "sampel"]
    ulang = lo.simpan_ulang(src, tmp_path_factory.mktemp("sifat-lo"))
    return {k: (ulang[p], sel) for k, (p, sel) in berkas.items() if k != "sampel"}


def test_sampel_lite_sama_dengan_berkas_dan_murah(berkas):
    h, tanya, sifat = _lite(SAMPEL)
    f = engine.hitung(file_reader.baca(SAMPEL))
    assert _angka(h) == _angka(f) and _temuan(h) == _temuan(f)
    assert all(not v for v in sifat.gabungan.values())
    # One question per table body plus one per percent column holding numbers
    # (formats are uniform in the template): nothing split.
    n_tabel = sum(1 for ws in openpyxl.load_workbook(SAMPEL).worksheets for t in ws.tables
                  if t in set(R.K.TABEL) | set(R.TABEL_REFERENSI))
    assert tanya == n_tabel + len(sifat.format)


@pytest.mark.parametrize("asal", ["openpyxl", "libreoffice"])
def test_gabung_u1_galat_di_rentangnya_seperti_berkas(berkas, berkas_lo, asal):
    p, rentang = (berkas if asal == "openpyxl" else berkas_lo)["gabung_u1"]
    h, tanya, _ = _lite(p)
    f = engine.hitung(file_reader.baca(p))
    galat = [t for t in h.temuan if t.tingkat == "galat"]
    assert [(t.lembar, t.sel) for t in galat] == [("SKM", rentang)]
    assert "digabung (Merge Cells)" in galat[0].pesan
    assert _angka(h) == _angka(f) and _temuan(h) == _temuan(f)
    ikm = {i.kode: i for i in h.indikator}["IKU-01"]
    assert ikm.status != "ok"  # the IKM is not computed from a row whose U1 reads blank
    # Found by halving: each merged cell costs at most two questions per level
    # of halving (A5:Q309 — rows: ⌈log2 305⌉ = 9, columns: ⌈log2 17⌉ = 5) and
    # the area itself; the two rows may sit on both sides of a split:
    # ≤ 2 × (2 × 14 + 2) beyond the sample's questions, against 5.185 cells.
    _, dasar, _ = _lite(SAMPEL)
    assert tanya - dasar <= 2 * (2 * 14 + 2)


@pytest.mark.parametrize("asal", ["openpyxl", "libreoffice"])
def test_persen_kegiatan_dihitung_seperti_tampil(berkas, berkas_lo, asal):
    p, sel = (berkas if asal == "openpyxl" else berkas_lo)["persen_kegiatan"]
    h, _, _ = _lite(p)
    f = engine.hitung(file_reader.baca(p))
    dasar = engine.hitung(file_reader.baca(SAMPEL))
    assert _angka(h) == _angka(dasar)  # 0,04 shown 4% counts as 4: IKP-08 unchanged
    ikp08 = {i.kode: i for i in h.indikator}["IKP-08"]
    assert (ikp08.status, ikp08.realisasi) == ("ok", pytest.approx(97.5))
    per = sorted(t.sel for t in h.temuan if t.tingkat == "peringatan" and "diformat persen" in t.pesan)
    assert per == sorted(sel)
    assert _temuan(h) == _temuan(f)
    # xlwings Server gets no formats: the same workbook there is the documented gap.
    s = _server(p)
    assert not [t for t in s.temuan if "diformat persen" in t.pesan]


def test_format_campuran_dicari_dengan_membelah(berkas):
    p, sel = berkas["persen_sebagian"]
    h, tanya, sifat = _lite(p)
    f = engine.hitung(file_reader.baca(p))
    assert _angka(h) == _angka(f) == _angka(engine.hitung(file_reader.baca(SAMPEL)))
    per = sorted(t.sel for t in h.temuan if "diformat persen" in t.pesan)
    assert per == sorted(sel)
    # Every row of the mixed column is known after the split, none guessed.
    ws, r1, r2, cols = _tabel(openpyxl.load_workbook(p), "tblTarget")
    c = cols[2024] if 2024 in cols else cols["2024"]
    known = [r for r in range(r1 + 1, r2 + 1) if sifat.persen("Target", r, c) is not None]
    assert len(known) == r2 - r1
    # Three percent cells among 22 rows: at most 2·3·log2(22) ≈ 27 extra questions.
    assert tanya <= 40 + 27


def test_batas_pertanyaan_gabungan_tetap_dilaporkan(berkas):
    """With no follow-up questions allowed, a body known to hold merged cells
    is reported whole: less exact, never silent."""
    p, rentang = berkas["gabung_u1"]
    h, tanya, _ = _lite(p, batas=0)
    galat = [t for t in h.temuan if t.tingkat == "galat"]
    assert len(galat) == 1 and galat[0].lembar == "SKM"
    r1, c1, r2, c2 = xr._ref(galat[0].sel)
    a1, b1, a2, b2 = xr._ref(rentang)
    assert r1 <= a1 and a2 <= r2 and c1 <= b1 and b2 <= c2
    assert {i.kode: i for i in h.indikator}["IKU-01"].status != "ok"


def test_server_tidak_bisa_bertanya_dan_mengatakannya(berkas):
    """Outside Lite the remote engine refuses on-demand reads.  The merged U1
    then reads as two answers, one blank — values cannot tell it from a
    skipped question — so the run says, once, at the first blank answer under
    a filled one, that merges could not be checked, with how many such cells
    there are (counted here independently, with openpyxl; the merge adds one)."""
    def hitung_pola(path):
        ws, r1, r2, cols = _tabel(openpyxl.load_workbook(path), "tblSKM")
        u = [cols[f"U{i}"] for i in range(1, 10)]
        kosong = lambda r, c: ws.cell(r, c).value is None  # noqa: E731
        return sum(1 for r in range(r1 + 2, r2 + 1) if not all(kosong(r, c) for c in u)
                   for c in u if kosong(r, c) and not kosong(r - 1, c))

    book = xr.load_book(xr.payload_from_xlsx(SAMPEL))
    assert asyncio.run(baca_lite(book)).diketahui is False
    s = _server(SAMPEL)
    (d,) = [t for t in s.temuan if "tidak mengirim sel gabungan" in t.pesan]
    assert (d.tingkat, d.lembar) == ("peringatan", "SKM") and f" {hitung_pola(SAMPEL)} jawaban kosong" in d.pesan
    f = engine.hitung(file_reader.baca(SAMPEL))
    assert _angka(s) == _angka(f) and [t for t in s.temuan if t is not d] == f.temuan
    p, rentang = berkas["gabung_u1"]
    (d,) = [t for t in _server(p).temuan if "tidak mengirim sel gabungan" in t.pesan]
    assert f" {hitung_pola(p)} jawaban kosong" in d.pesan and hitung_pola(p) == hitung_pola(SAMPEL) + 1


def test_skrip_hitung_iku_bertanya_dulu_lalu_menulis(berkas):
    """The registered script (async) asks Lite first: the merged U1 is a galat
    in the written Validasi sheet, exactly as `hitung(book, sifat=…)` writes it."""
    from xlwings.server import custom_scripts_call

    p, rentang = berkas["gabung_u1"]
    payload = xr.payload_from_xlsx(p)
    with xr.LiteSel(p).pasang():
        book = xw.Book(json=payload)
        book = asyncio.run(custom_scripts_call(module=script, script_name="hitung_iku",
                                               typehint_to_value={xw.Book: book}, args=[]))
        lewat_skrip = json.loads(json.dumps(book.json()["actions"], default=str))
        book2 = xw.Book(json=payload)
        sifat = asyncio.run(baca_lite(book2))
        assert hitung_excel(book2, waktu=None, sifat=sifat) is not None
    teks = json.dumps(lewat_skrip)
    assert rentang in teks and "digabung (Merge Cells)" in teks
    jam = re.compile(r"\d{1,2} \w+ \d{4} pukul \d{2}\.\d{2}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?")
    langsung = json.dumps(json.loads(json.dumps(book2.json()["actions"], default=str)))
    assert jam.sub("T", teks) == jam.sub("T", langsung)


def test_klien_lite_yang_gagal_menjawab_seperti_server(monkeypatch):
    """An add-in whose client cannot answer getRangeData (an older Lite: the JS
    call fails) is treated as xlwings Server: not known, and the reader says so."""
    from xlwings.pro import _xlremote

    async def gagal(rng, key, method=None):
        raise RuntimeError("xlwings.getRangeData is not a function")

    monkeypatch.setattr(_xlremote.Range, "_get_range_data", gagal)
    book = xr.load_book(xr.payload_from_xlsx(SAMPEL))
    sifat = asyncio.run(baca_lite(book))
    assert sifat.diketahui is False
    h = engine.hitung(R.baca(book, sifat=sifat).raw)
    assert [t for t in h.temuan if "tidak mengirim sel gabungan" in t.pesan]


@pytest.mark.parametrize("asal", ["openpyxl", "libreoffice"])
def test_server_membaca_pecahan_jumlah_kegiatan_sebagai_persen(berkas, berkas_lo, asal):
    """xlwings Server gets no formats: the sample's first kegiatan, Target 4 and
    Realisasi 4 typed 0,04 in "0%" cells, reads 0,04 — a count is never a
    fraction, so it counts as the 4 % shown (IKP-08 stays 97,50 = 39/40), with
    a peringatan at each of the two cells."""
    p, sel = (berkas if asal == "openpyxl" else berkas_lo)["persen_kegiatan"]
    s = _server(p)
    assert _angka(s) == _angka(engine.hitung(file_reader.baca(SAMPEL)))
    assert {i.kode: i for i in s.indikator}["IKP-08"].realisasi == pytest.approx(39 / 40 * 100)
    per = sorted(t.sel for t in s.temuan if "jumlah kegiatan" in t.pesan)
    assert per == sorted(sel)


def test_server_jumlah_kegiatan_satu_tetap_satu(tmp_path):
    """The boundary: a count of 1 (the usual value) is never read as 100 %."""
    wb = openpyxl.load_workbook(SAMPEL)
    ws, r1, _, cols = _tabel(wb, "tblKegiatan")
    ws.cell(r1 + 1, cols["Target"]).value = 1
    ws.cell(r1 + 1, cols["Realisasi"]).value = 1
    p = tmp_path / "satu.xlsx"
    wb.save(p)
    s, f = _server(p), engine.hitung(file_reader.baca(p))
    assert not [t for t in s.temuan if "jumlah kegiatan" in t.pesan]
    assert _angka(s)["IKP-08"] == _angka(f)["IKP-08"]


def test_skrip_pada_buku_tanpa_tabel_wajib_memberi_pesan_bukan_traceback(tmp_path):
    """A book the reader refuses (tblSKM renamed) gets its one Indonesian
    sentence from the script, as from `hitung`: an alert, nothing written."""
    from xlwings.server import custom_scripts_call

    wb = openpyxl.load_workbook(SAMPEL)
    ws = wb["SKM"]
    t = ws.tables["tblSKM"]
    t.name = t.displayName = "tblSurvei"
    del ws.tables["tblSKM"]
    ws.tables["tblSurvei"] = t
    p = tmp_path / "tanpa.xlsx"
    wb.save(p)
    with xr.LiteSel(p).pasang():
        book = xw.Book(json=xr.payload_from_xlsx(p))
        book = asyncio.run(custom_scripts_call(module=script, script_name="hitung_iku",
                                               typehint_to_value={xw.Book: book}, args=[]))
    aksi = book.json()["actions"]
    alert = [a for a in aksi if a["func"] == "alert"]
    assert len(alert) == 1 and "tblSKM" in json.dumps(alert[0]) and "Tidak ada yang diubah" in json.dumps(alert[0])
