"""Printing (issue 12): the print geometry, Excel's own print settings in the
package, and every printed sheet rendered by LibreOffice and read page by page.

The rendering uses ONE session-scoped LibreOffice call for every file (the
computed sample, a 10× workbook, the blank template and a district recap).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tests import xlwings_remote as xr  # sets XLWINGS_LICENSE_KEY before xlwings is imported
from xl_iku import cetak as C
from xl_iku import katalog
from xl_iku import kontrak as K
from xl_iku import layout
from xl_iku.template.contoh import data_contoh
from xl_iku.excel import reader as R
from xl_iku.io.package import Package
from xl_iku.laporan import pdf as P
from xl_iku.template.build import buat

ROOT = Path(__file__).resolve().parents[1]
TEMPLAT = ROOT / "workbook" / "IKU_template.xlsx"
SAMPEL = ROOT / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"
ada_alat = all(shutil.which(a) for a in ("soffice", "pdftotext", "pdfinfo"))
perlu_alat = pytest.mark.skipif(not ada_alat, reason="LibreOffice/poppler-utils tidak terpasang")
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
DITANDATANGANI = (K.LEMBAR_IKU, K.LEMBAR_IK, K.LEMBAR_IKP, K.LEMBAR_SKM)
# Words no reader of a printed page should meet: the tool, the seed, defined
# and table names, Python's and Excel's error words.
KATA_DALAM = re.compile(r"xl-iku|\bseed\b|\btbl[A-Z]\w*|\bNone\b|\bnan\b|#REF!|#N/A|#VALUE!|#DIV/0!|"
                        + "|".join(rf"\b{s.nama}\b" for s in K.PENGATURAN))


def xl_iku(*args) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "xl_iku", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=600)


# ------------------------------------------------------------------ geometry (no LibreOffice)


def _plan_tabel(baris: int, tinggi: float = 20.0) -> layout.SheetPlan:
    """Title, a header row, `baris` body rows, a blank row and an 8-row signature."""
    s = layout.SheetPlan("Uji")
    s.put(1, 1, "JUDUL", "judul")
    s.put(3, 1, "No", "header")
    s.heights[3] = 27
    for i in range(baris):
        s.put(4 + i, 1, i + 1, "sel_tengah")
        s.heights[4 + i] = tinggi
    akhir = 3 + baris
    for j in range(8):
        s.put(akhir + 2 + j, 1, "CAMAT X" if j == 1 else ("NIP. 1" if j == 7 else None), "ttd")
    s.utuh.append((akhir - 1, akhir + 9))
    s.tabel.append((3, 4, akhir))
    return s


def _halaman(plan, putus):
    """Row ranges per page."""
    akhir = max(c.row for c in plan.cells)
    awal = [1, *putus]
    return [(a, b - 1) for a, b in zip(awal, [*putus, akhir + 1])]


def test_putus_menjaga_tanda_tangan_dan_kepala_tabel():
    plan = _plan_tabel(60)
    c = C.Cetak(C.A4, False, 100, judul_baris=(1, 1))
    putus = C.putus_halaman(plan, c)
    assert putus, "60 rows of 20 pt do not fit one A4 page"
    kap = C.kapasitas(c)
    by_row = {}
    for cell in plan.cells:
        by_row.setdefault(cell.row, []).append(cell)
    for a, b in _halaman(plan, putus):
        isi = sum(plan.heights[r] for r in range(a, b + 1)) + (plan.heights[1] if a > 1 else 0)
        assert isi <= kap, (a, b)
        if a > 1:  # a continued table starts with its header again
            assert [x.value for x in by_row[a]] == ["No"], a
    ttd = [r for r, cells in by_row.items() if any(x.value == "CAMAT X" for x in cells)][0]
    nip = [r for r, cells in by_row.items() if any(x.value == "NIP. 1" for x in cells)][0]
    (hal,) = [(a, b) for a, b in _halaman(plan, putus) if a <= ttd <= b]
    assert hal[0] <= nip <= hal[1], "signature block split"
    body = [r for r in range(hal[0], ttd) if any(isinstance(x.value, int) for x in by_row.get(r, []))]
    assert len(body) >= 2 and 60 in [by_row[r][0].value for r in body], "signature without the table's last rows"


def test_putus_tidak_ada_bila_muat_dan_blok_besar_dipotong():
    plan = _plan_tabel(5)
    assert C.putus_halaman(plan, C.Cetak(C.A4, False, 100)) == []
    # A keep-together block taller than a page is cut where it must (no endless loop).
    plan = _plan_tabel(80)
    plan.utuh.append((4, 83))
    putus = C.putus_halaman(plan, C.Cetak(C.A4, False, 100))
    assert len(putus) >= 2


def test_skala_dan_kapasitas_a4():
    # Landscape A4 inside 0,5" / 0,6" margins: 841,89 - 72 by 595,28 - 86,4 points.
    w, h = C.area_cetak(C.A4, True)
    assert (round(w, 2), round(h, 2)) == (769.89, 508.88)
    # IK columns: 198 characters in 10 columns = 198 × 7 + 10 × 5 = 1.436 px = 1.077 pt;
    # "fit to width" gives 71 %; the breaks are computed at 72 % (rounded up: a
    # little less room per page, never more).
    total = sum(C.lebar_pt(x) for x in layout.LEBAR[K.LEMBAR_IK])
    assert total == pytest.approx(1077.0)
    assert C.skala_muat(layout.LEBAR[K.LEMBAR_IK], C.A4, True) == 72
    assert C.kapasitas(C.Cetak(C.A4, True, 50)) == pytest.approx(h * 2 * C.CADANGAN_TINGGI)


def test_jumlah_baris_bungkus_kata():
    assert C.jumlah_baris("Camat", 12) == 1
    assert C.jumlah_baris("", 12) == 1
    # "kata" in 9 pt Arial: k 0,5 + a 0,556 + t 0,278 + a 0,556 = 1,89 em = 17,0 pt (+4 % = 17,7);
    # a 10-character column is (70 + 5) px = 56,25 pt, 51,25 pt inside the padding:
    # two words and a space (38,0 pt) fit, three (58,3 pt) do not → 40 words, 20 lines.
    assert C.jumlah_baris(" ".join(["kata"] * 40), 10) == 20
    assert C.jumlah_baris("a\nb\nc", 20) == 3
    assert C.jumlah_baris("x" * 200, 10) >= 12  # a word longer than the cell breaks anywhere


def test_kaki_dan_satuan():
    assert C.kaki("Bathin Solapan", "Bengkalis") == (
        "&L&8Kecamatan Bathin Solapan, Kabupaten Bengkalis&C&8Halaman &P dari &N&R&8&A")
    assert C.kaki("A & B") .startswith("&L&8Kecamatan A && B&C")
    assert "xl-iku" not in C.kaki("X")
    assert C.satuan_judul("nilai (25–100)") == "nilai 25–100"
    assert C.satuan_judul("predikat (nilai 0–100)") == "predikat nilai 0–100"
    assert C.satuan_judul("%") == "%"


# ------------------------------------------------------------------ Excel's print settings in the package


@pytest.fixture(scope="module")
def terhitung(tmp_path_factory):
    d = tmp_path_factory.mktemp("cetak-paket")
    out = d / "hasil.xlsx"
    proc = xl_iku("hitung", SAMPEL, "-o", out)
    assert proc.returncode in (0, 1), proc.stderr
    return out


def _lembar_xml(path: Path) -> tuple[dict, dict[str, object]]:
    from lxml import etree

    with Package.open(path) as pkg:
        wb = pkg.xml(pkg.workbook_part)
        sheets = {s.name: etree.fromstring(pkg.read(s.part)) for s in pkg.sheets}
    names = {}
    order = [el.get("name") for el in wb.iter(f"{NS}sheet")]
    for dn in wb.iter(f"{NS}definedName"):
        if dn.get("localSheetId") is not None:
            names[(order[int(dn.get("localSheetId"))], dn.get("name"))] = dn.text
    return names, sheets


@pytest.mark.parametrize("sumber", ["templat", "terhitung"])
def test_pengaturan_cetak_lembar_keluaran(sumber, terhitung):
    path = TEMPLAT if sumber == "templat" else terhitung
    names, sheets = _lembar_xml(path)
    judul = {K.LEMBAR_IKU: "$1:$5", K.LEMBAR_IK: "$1:$5", K.LEMBAR_IKP: "$1:$5", K.LEMBAR_SKM: "$1:$2",
             K.LEMBAR_VALIDASI: "$1:$4", layout.LEMBAR_GRAFIK: "$1:$1"}
    for name, rows in judul.items():
        root = sheets[name]
        ps = root.find(f"{NS}pageSetup")
        assert ps.get("paperSize") == "9", name
        assert ps.get("orientation") == ("portrait" if name == K.LEMBAR_SKM else "landscape"), name
        # Fit to one page wide, as many tall as needed: keeps the manual breaks.
        assert root.find(f"{NS}sheetPr/{NS}pageSetUpPr").get("fitToPage") == "1", name
        assert (ps.get("fitToWidth", "1"), ps.get("fitToHeight")) == ("1", "0"), name
        assert names[(name, "_xlnm.Print_Titles")].endswith(rows), name
        footer = root.find(f"{NS}headerFooter/{NS}oddFooter").text
        assert "Halaman &P dari &N" in footer and "xl-iku" not in footer, name
        if sumber == "terhitung":
            assert "Kecamatan Bathin Solapan, Kabupaten Bengkalis" in footer, name
        # Every row of the sheet's plan has a stored height (nothing is re-measured);
        # XlsxWriter (the template) leaves out rows at the 15 pt default.
        ht = {int(r.get("r")): r.get("customHeight") for r in root.iter(f"{NS}row") if r.get("ht")}
        last = max(ht, default=0)
        if sumber == "templat":
            assert root.find(f"{NS}sheetFormatPr").get("defaultRowHeight") == "15"
        else:
            assert all(ht.get(r) == "1" for r in range(1, last + 1)), name
    assert names[(layout.LEMBAR_GRAFIK, "_xlnm.Print_Area")].endswith("$A$1:$P$125")


def test_putus_halaman_di_paket_sama_dengan_rencana(terhitung):
    """The manual breaks in the file are the ones the layout computed for these rows."""
    from xl_iku import engine
    from xl_iku.io import file_reader

    with Package.open(terhitung) as pkg:
        h = engine.hitung(file_reader.baca_paket(pkg))
    plans = layout.susun(h)
    _, sheets = _lembar_xml(terhitung)
    for name in (*DITANDATANGANI, layout.LEMBAR_GRAFIK):
        brk = [int(b.get("id")) + 1 for b in sheets[name].iter(f"{NS}brk")]
        assert brk == plans[name].cetak.putus, name
        assert all(b.get("man") == "1" for b in sheets[name].iter(f"{NS}brk"))
    assert plans[K.LEMBAR_SKM].cetak.putus, "the sample's Hasil SKM spans pages"
    assert plans[layout.LEMBAR_GRAFIK].cetak.putus == [33, 64, 95]


def test_lembar_masukan_muat_selebar_halaman(terhitung):
    names, sheets = _lembar_xml(terhitung)
    wb = openpyxl.load_workbook(terhitung)
    for t in K.TABEL.values():
        root = sheets[t.lembar]
        ps = root.find(f"{NS}pageSetup")
        assert root.find(f"{NS}sheetPr/{NS}pageSetUpPr").get("fitToPage") == "1", t.lembar
        assert ps.get("fitToHeight") == "0" and ps.get("paperSize") == "9", t.lembar
        assert names[(t.lembar, "_xlnm.Print_Titles")].endswith("$1:$4"), t.lembar
        ws = wb[t.lembar]
        lebar = {}
        for col in root.iter(f"{NS}col"):
            for i in range(int(col.get("min")), int(col.get("max")) + 1):
                lebar[i] = float(col.get("width"))
        # Each header fits its column with the filter button: never "Perencanaan Kine…".
        tbl = ws.tables[t.nama]
        c0 = openpyxl.utils.cell.range_boundaries(tbl.ref)[0]
        for j, kol in enumerate(t.kolom):
            assert lebar[c0 + j] >= C.lebar_judul(kol.header), (t.nama, kol.header)
    assert sheets["SKM"].find(f"{NS}pageSetup").get("orientation") == "landscape"


def test_tanggal_dd_mm_yyyy_di_paket():
    """Dates carry an explicit dd/mm/yyyy format (built-in 14 follows the PC's locale)."""
    for path in (TEMPLAT, SAMPEL):
        wb = openpyxl.load_workbook(path)
        for t in K.TABEL.values():
            ws = wb[t.lembar]
            tbl = ws.tables[t.nama]
            c0, r0, _c1, _r1 = openpyxl.utils.cell.range_boundaries(tbl.ref)
            for j, kol in enumerate(t.kolom):
                if kol.jenis is K.Jenis.TANGGAL:
                    cell = ws.cell(r0 + 1, c0 + j)
                    assert cell.number_format == "dd/mm/yyyy", (path.name, t.nama, kol.header)
                    assert cell._style.numFmtId >= 164  # a custom format, not built-in 14
        peng = wb[K.LEMBAR_PENGATURAN]
        (dest,) = [d for d in wb.defined_names["TanggalPenandatanganan"].destinations]
        assert peng[dest[1].replace("$", "")].number_format == "dd/mm/yyyy"
    with zipfile.ZipFile(TEMPLAT) as z:
        assert 'formatCode="dd/mm/yyyy"' in z.read("xl/styles.xml").decode()


@pytest.mark.parametrize("dates", ["iso", "builtin", "serial"])
def test_tanggal_sampai_di_xlwings_sebagai_tanggal(dates):
    """Through the xlwings remote harness: a dd/mm/yyyy cell travels as the ISO
    date (Excel 365) or, when Excel files the format under "Custom", as a serial
    number; either way the Excel reader hands the engine the same date."""
    payload = xr.payload_from_xlsx(SAMPEL, dates=dates)
    (skm,) = [s for s in payload["sheets"] if s["name"] == "SKM"]
    tgl = skm["values"][4][1]  # B5: the first Tanggal
    if dates == "iso":
        assert isinstance(tgl, str) and re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00\.000Z", tgl)
    else:  # a custom format is not a built-in date format: the client sends the serial
        assert isinstance(tgl, (int, float))
    raw = R.baca(xr.load_book(payload)).raw
    rows = raw.tables["tblSKM"].rows
    dari_berkas = openpyxl.load_workbook(SAMPEL)["SKM"]["B5"].value.date()
    assert rows[0].values["Tanggal"] == dari_berkas and type(rows[0].values["Tanggal"]) is date
    assert all(isinstance(r.values["Tanggal"], date) for r in rows if r.values["Tanggal"] is not None)


def test_pdf_belum_dihitung_keluar_2(tmp_path):
    proc = xl_iku("pdf", TEMPLAT, "-o", tmp_path / "x.pdf")
    assert proc.returncode == 2
    assert "belum pernah dihitung" in proc.stderr and "--hitung" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "x.pdf").exists()


# ------------------------------------------------------------------ LibreOffice, page by page


def _buku(path: Path, kecamatan: str, seed: int, skala: float) -> Path:
    peng, tabel = data_contoh(tahun=2024, seed=seed, skala=skala)
    peng["NamaKecamatan"] = kecamatan
    buat(path, peng, tabel)
    return path


@pytest.fixture(scope="session")
def cetakan(tmp_path_factory):
    """{name: (pdf pages text, pdfinfo)} for every printed file, from ONE soffice call."""
    if not ada_alat:
        pytest.skip("LibreOffice/poppler-utils tidak terpasang")
    d = tmp_path_factory.mktemp("cetakan")
    masuk = d / "masuk"
    masuk.mkdir()
    sampel = masuk / "sampel.xlsx"
    shutil.copy(SAMPEL, sampel)
    sepuluh = _buku(masuk / "sepuluh.xlsx", "Mandau", 7, 10)
    _buku(masuk / "kecil.xlsx", "Rupat Utara", 8, 0.3)
    proc = xl_iku("batch", masuk, "-o", d / "keluar", "--rekap", d / "rekap.xlsx", "--jobs", "2")
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    berkas = {"sampel": d / "keluar" / "sampel.xlsx", "templat": TEMPLAT, "rekap": d / "rekap.xlsx"}
    # The 10× workbook: its output sheets and Grafik (its registers are the sample's, ten times longer).
    salinan = d / "sepuluh.xlsx"
    with Package.open(d / "keluar" / sepuluh.name) as pkg, open(salinan, "wb") as f:
        P.tulis_salinan_cetak(pkg, [*K.LEMBAR_KELUARAN, layout.LEMBAR_GRAFIK], f)
    berkas["sepuluh"] = salinan
    kerja = d / "pdf"
    kerja.mkdir()
    for nama, p in berkas.items():
        shutil.copy(p, kerja / f"{nama}.xlsx")
    cmd = ["soffice", "--headless", "--norestore", "--nolockcheck",
           f"-env:UserInstallation={(d / 'profil').resolve().as_uri()}",
           "--convert-to", "pdf", "--outdir", str(kerja), *(str(kerja / f"{n}.xlsx") for n in berkas)]
    subprocess.run(cmd, capture_output=True, timeout=600, check=True)
    hasil = {}
    for nama in berkas:
        pdf = kerja / f"{nama}.pdf"
        teks = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True).stdout
        pages = teks.decode("utf-8").split("\f")
        if pages and not pages[-1].strip():
            pages.pop()
        info = subprocess.run(["pdfinfo", "-f", "1", "-l", str(len(pages)), str(pdf)], capture_output=True,
                              text=True, check=True).stdout
        hasil[nama] = (pages, info)
    hasil["_xlsx"] = berkas  # the files themselves, for tests that print them another way
    return hasil


def _lembar(halaman: str) -> str | None:
    """The sheet a page belongs to: the footer's right part is the sheet name."""
    lines = [ln for ln in halaman.splitlines() if ln.strip()]
    if lines and re.search(r"Halaman \d+ dari \d+", lines[-1]):
        return re.split(r"\s{2,}", lines[-1].strip())[-1]
    return None


def _per_lembar(pages: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in pages:
        out.setdefault(_lembar(p) or "?", []).append(p)
    return out


def _badan(halaman: str, judul: int) -> list[str]:
    """Lines of a page below its `judul` repeated title lines, without the footer."""
    lines = [ln for ln in halaman.splitlines() if ln.strip()]
    return lines[judul:-1]


@perlu_alat
@pytest.mark.parametrize("nama", ["sampel", "sepuluh", "templat"])
def test_tanda_tangan_utuh_bersama_baris_terakhir(cetakan, nama):
    pages, _ = cetakan[nama]
    per = _per_lembar(pages)
    terakhir = {K.LEMBAR_IKU: "2026", K.LEMBAR_IK: "Persentase Desa Mandiri",
                K.LEMBAR_IKP: katalog.INDIKATOR_BY_KODE["IKP-11"].nama.split()[2]}
    for sheet in DITANDATANGANI:
        assert sheet in per, (nama, sheet, list(per))
        ttd = [p for p in per[sheet] if "CAMAT " in p]
        assert len(ttd) == 1, (nama, sheet, "one signature block")
        (p,) = ttd
        lines = [ln.strip() for ln in p.splitlines() if ln.strip()]
        i_camat = next(i for i, ln in enumerate(lines) if "CAMAT " in ln)
        # Place and date above, name, pangkat and NIP below: on the same page.
        assert nama == "templat" or re.search(r"Sebangar, \d{1,2} \w+ \d{4}", lines[i_camat - 1]), (nama, sheet)
        assert any(ln.startswith("NIP.") for ln in lines[i_camat:]), (nama, sheet, "NIP on the next page")
        if nama != "templat":
            assert any("Pembina" in ln for ln in lines[i_camat:]), (nama, sheet)
        if sheet in terakhir:
            assert terakhir[sheet] in p, (nama, sheet, "signature without its table's last rows")
        else:  # Hasil SKM: the last suggestion (or "Belum ada saran.") is on the signature page
            body = lines[:i_camat]
            assert any(re.match(r"\d+\s+\S", ln) or "Belum ada saran" in ln for ln in body), (nama, sheet)


@perlu_alat
@pytest.mark.parametrize("nama", ["sampel", "sepuluh", "templat"])
def test_kepala_diulang_dan_tidak_ada_halaman_hampir_kosong(cetakan, nama):
    pages, _ = cetakan[nama]
    per = _per_lembar(pages)
    for sheet in (K.LEMBAR_IK, K.LEMBAR_IKP):
        for i, p in enumerate(per[sheet]):
            for head in ("No", "Definisi Operasional", "Formulasi Perhitungan", "Capaian (%)", "Keterangan"):
                assert head in p, (nama, sheet, i, head)
            assert "KECAMATAN" in p.splitlines()[0] or "KECAMATAN" in p, (nama, sheet, i)
    for i, p in enumerate(per[K.LEMBAR_SKM]):
        assert "HASIL SURVEI KEPUASAN MASYARAKAT" in p, (nama, i)
        body = _badan(p, 2)
        # A page starts with a section title or a table's header, never with a bare row.
        pertama = body[0].strip()
        assert re.match(r"[A-E]\. |No\s|Rencana Tindak Lanjut|Jenis Kelamin|Usia|Pendidikan|Pekerjaan", pertama), \
            (nama, i, pertama)
    # A page the breaks created (not a sheet's first) carries real content, not
    # a lone header, a name and a NIP.
    for sheet in (*DITANDATANGANI, K.LEMBAR_VALIDASI):
        for i, p in enumerate(per.get(sheet, [])[1:], 2):
            assert len(_badan(p, 3)) >= 8, (nama, sheet, i, "near-empty page")
    for i, p in enumerate(per.get(layout.LEMBAR_GRAFIK, []), 1):  # one chart per page, each drawn
        assert len(_badan(p, 1)) >= 8, (nama, i, "chart page without its chart")
    for p in per.get(K.LEMBAR_VALIDASI, []):
        assert "Tingkat" in p and "Pesan" in p


@perlu_alat
@pytest.mark.parametrize("nama", ["sampel", "sepuluh", "templat", "rekap"])
def test_kaki_halaman_dan_tanpa_kata_dalam(cetakan, nama):
    pages, info = cetakan[nama]
    n = len(pages)
    for i, p in enumerate(pages, 1):
        sheet = _lembar(p)
        if sheet is None:
            assert K.LEMBAR_BERANDA.lower() in p.lower() or "Indikator Kinerja Utama Kecamatan" in p, (nama, i)
            continue
        assert f"Halaman {i} dari {n}" in p, (nama, i)
        if nama in ("sampel", "sepuluh") and sheet in (*DITANDATANGANI, K.LEMBAR_VALIDASI, layout.LEMBAR_GRAFIK):
            assert re.search(r"Kecamatan (Bathin Solapan|Mandau), Kabupaten Bengkalis", p), (nama, i)
        # Pengaturan lists the cell names on purpose (column Nama Sel); the Indikator
        # sheet is the office's catalogue, which names its tables and settings (KONTRAK §5).
        if sheet not in (K.LEMBAR_PENGATURAN, K.TABEL["tblIndikator"].lembar):
            salah = KATA_DALAM.findall(p)
            assert not salah, (nama, i, sheet, salah)
    assert "(nilai (" not in "\n".join(pages)
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    assert len(sizes) == n
    for w, h in sizes:
        assert (round(float(w)), round(float(h))) in {(595, 842), (842, 595), (842, 1191), (1191, 842)}


@perlu_alat
def test_lembar_masukan_terbaca_dan_tanggal_dd_mm_yyyy(cetakan):
    """Registers print legibly: every header whole on its sheet's first page; the
    Beranda steps do not overlap; dates print dd/mm/yyyy although this
    LibreOffice runs with an English (en-US) profile."""
    pages, _ = cetakan["sampel"]
    per = _per_lembar(pages)
    for t in K.TABEL.values():
        pertama = per[t.lembar][0]
        for h in t.headers:
            assert h in pertama, (t.lembar, h)
    skm = "\n".join(per["SKM"])
    assert re.search(r"\b\d\d/\d\d/2024\b", skm)
    bulan_hari = [tuple(map(int, m)) for m in re.findall(r"\b(\d\d)/(\d\d)/2024\b", skm)]
    assert any(a > 12 for a, _ in bulan_hari), "day first: some day above 12"
    assert all(b <= 12 for _, b in bulan_hari), "the month is second"
    assert not re.search(r"(?<!\d)\d/\d{1,2}/2024|\b\d{1,2}/\d/2024", skm), "m/d/yyyy (built-in format 14)"
    for sheet, lembar in per.items():
        if sheet in ("SKM", "Layanan", "Kamtibmas"):
            for p in lembar[1:]:  # the header row repeats on every page of a long register
                assert next(iter(t.headers[1] for t in K.TABEL.values() if t.lembar == sheet)) in p, sheet
    beranda = pages[0]
    langkah = [ln.strip() for ln in beranda.splitlines() if re.match(r"\s*\d\. ", ln)]
    assert [ln[:2] for ln in langkah] == ["1.", "2.", "3.", "4.", "5."]


@perlu_alat
def test_rekap_tercetak_utuh(cetakan):
    pages, info = cetakan["rekap"]
    per = _per_lembar(pages)
    assert set(per) >= {"Rekap", "Peringkat", "Masalah"}
    assert "1191 x 842" in info.replace("1190.55 x 841.89", "1191 x 842")
    kode = [i.kode for i in katalog.INDIKATOR]
    dilihat = []
    for p in per["Rekap"]:
        assert "Kecamatan" in p and "Realisasi" in p and "Capaian (%)" in p, "header repeated"
        for kec in ("Bathin Solapan", "Mandau", "Rupat Utara"):
            assert kec in p, kec  # the name column repeats on every band
        dilihat += [k for k in kode if re.search(rf"{re.escape(k)} —", p)]
    # Every indicator group printed whole exactly once (no group cut between pages).
    assert sorted(dilihat) == sorted(kode)
    assert "IKM per Kecamatan" in "\n".join(per["Peringkat"])


def _putus_satu_per_satu(plan, c):
    """The first implementation, kept as the oracle: shift the whole plan once per
    inserted header (obviously right, quadratic on long registers)."""
    from dataclasses import replace
    from xl_iku.dasar.raw import address, parse_address

    def geser(mulai):
        for x in plan.cells:
            if x.row >= mulai:
                x.row += 1
        baru = []
        for m in plan.merges:
            (r1, c1), (r2, c2) = (parse_address(a) for a in m.split(":"))
            baru.append(f"{address(r1 + (r1 >= mulai), c1)}:{address(r2 + (r2 >= mulai), c2)}")
        plan.merges = baru
        plan.heights = {(r + 1 if r >= mulai else r): h for r, h in plan.heights.items()}
        g = lambda r: r + 1 if r >= mulai else r  # noqa: E731
        plan.utuh = [(g(a), g(b)) for a, b in plan.utuh]
        plan.tabel = [(g(k), g(a), g(b)) for k, a, b in plan.tabel]

    C.tinggi_baris(plan)
    kap = C.kapasitas(c)
    jb = c.judul_baris
    tj = sum(plan.heights.get(r, C.TINGGI_BAWAAN) for r in range(jb[0], jb[1] + 1)) if jb else 0.0
    putus, mulai, terpakai, r = [], 1, 0.0, 1
    while r <= max(x.row for x in plan.cells):
        h = plan.heights.get(r, C.TINGGI_BAWAAN)
        if terpakai + h > kap and r > mulai:
            s = C._blok_awal(r, mulai, plan.utuh)
            s = r if s <= mulai else s
            putus.append(s)
            mulai, terpakai, r = s, (tj if jb and s > jb[1] else 0.0), s
            for k, a, b in plan.tabel:
                if a < s <= b and k < s:
                    geser(s)
                    plan.cells.extend(replace(x, row=s) for x in [x for x in plan.cells if x.row == k])
                    plan.heights[s] = plan.heights.get(k, C.TINGGI_BAWAAN)
                    break
            continue
        terpakai += h
        r += 1
    return putus


@pytest.mark.parametrize("baris,tinggi", [(60, 20), (400, 15), (1000, 31), (37, 44)])
def test_putus_sekali_jalan_sama_dengan_satu_per_satu(baris, tinggi):
    """Header copies inserted in one pass give the same pages, cells and heights
    as inserting them one at a time (the oracle above)."""
    a, b = _plan_tabel(baris, tinggi), _plan_tabel(baris, tinggi)
    c = C.Cetak(C.A4, False, 100, judul_baris=(1, 1))
    assert C.putus_halaman(a, c) == _putus_satu_per_satu(b, c)
    kunci = lambda p: sorted((x.row, x.col, str(x.value), x.role) for x in p.cells)  # noqa: E731
    assert kunci(a) == kunci(b)
    assert a.heights == b.heights and a.utuh == b.utuh and a.tabel == b.tabel


@perlu_alat
def test_rekap_angka_indonesia_tanpa_lokal(cetakan):
    """The recap printed by a LibreOffice with no Indonesian locale (the fixture's fresh
    profile): decimal comma and thousands dot from the cells' own format, never 82.00."""
    pages, _info = cetakan["rekap"]
    rekap = "\n".join(p for p in pages if _lembar(p) == "Rekap")
    assert re.search(r"\b\d{2,3},\d\d\b", rekap)
    assert not re.search(r"\b\d{1,3}\.\d\d\b", rekap), re.findall(r"\b\d{1,3}\.\d\d\b", rekap)[:5]


def test_rekap_format_angka_berlokal():
    from xl_iku.batch import rekap

    assert rekap.FORMAT_ANGKA.startswith("[$-421]")


@perlu_alat
def test_pdf_rekap_berpita_bukan_satu_halaman(cetakan, tmp_path):
    """`xl-iku pdf` of the recap keeps its A3 bands (no squeezing ~90 columns on one page)."""
    src = cetakan["_xlsx"]["rekap"]
    out = tmp_path / "rekap.pdf"
    proc = xl_iku("pdf", src, "-o", out, "--lembar", "Rekap")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    teks = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, check=True).stdout.decode()
    halaman = [h for h in teks.split("\f") if h.strip()]
    assert len(halaman) >= 3
    assert all("Kecamatan" in h and "Capaian (%)" in h for h in halaman)
