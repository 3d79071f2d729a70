"""`xl-iku pdf`: the sample year printed through LibreOffice, checked page by page.

Needs LibreOffice (soffice) and poppler-utils (pdftotext, pdftoppm, pdfinfo);
CI installs `libreoffice-calc-nogui poppler-utils`.  The page images are
decoded with a small PNG reader below, so no imaging library is needed.
Three LibreOffice conversions in all (about 3 s each).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import struct
import subprocess
import sys
import zlib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from xl_iku import katalog
from lxml import etree

from xl_iku import kontrak as K
from xl_iku.io.package import Package
from xl_iku.laporan import pdf as P

ROOT = Path(__file__).resolve().parents[1]
PERLU = ("soffice", "pdftotext", "pdftoppm", "pdfinfo")
ada_alat = all(shutil.which(a) for a in PERLU)
perlu_alat = pytest.mark.skipif(not ada_alat, reason="LibreOffice/poppler-utils tidak terpasang")

KODE_IK = [f"IK-{i:02d}" for i in range(1, 11)]
KODE_IKP = [f"IKP-{i:02d}" for i in range(1, 12)]
BULAN = ("Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember")


def xl_iku(*args, check=True, timeout=240) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="200")
    proc = subprocess.run([sys.executable, "-m", "xl_iku", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=timeout)
    if check:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def angka_id(x: float) -> str:
    """91.4751 → '91,48' (half-up at 2 decimals, '.' thousands)."""
    d = Decimal(repr(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    bulat, _, pecahan = f"{d:,.2f}".partition(".")
    return bulat.replace(",", ".") + "," + pecahan


# ---------------------------------------------------------------- poppler helpers


def halaman_teks(pdf: Path) -> list[str]:
    teks = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    pages = teks.decode("utf-8").split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    return pages


def info_pdf(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (ln.partition(":") for ln in out.splitlines())}


def kata_bbox(pdf: Path) -> list[tuple[float, float, list[tuple[str, float, float]]]]:
    """Per page: (width, height, [(word, xMin, xMax)])."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(html, etree.HTMLParser())
    pages = []
    for page in root.iter("page"):
        words = [(w.text or "", float(w.get("xmin")), float(w.get("xmax"))) for w in page.iter("word")]
        pages.append((float(page.get("width")), float(page.get("height")), words))
    return pages


def baca_png(path: Path) -> tuple[int, int, bytes]:
    """Minimal reader for the 8-bit PNGs pdftoppm writes: (w, h, darkest channel per pixel)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    w = h = bpp = 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, color, _c, _f, interlace = struct.unpack(">IIBBBBB", body[:13])
            assert depth == 8 and interlace == 0 and color in (0, 2, 4, 6), "format PNG tak terduga"
            bpp = {0: 1, 2: 3, 4: 2, 6: 4}[color]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    out = bytearray()
    prev = bytearray(stride)
    for r in range(h):
        f = raw[r * (stride + 1)]
        line = bytearray(raw[r * (stride + 1) + 1:(r + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pr) & 255
        chans = min(bpp, 3)
        out += bytes(min(line[x * bpp:x * bpp + chans]) for x in range(w))
        prev = line
    return w, h, bytes(out)


def halaman_png(pdf: Path, folder: Path, dpi: int = 30) -> list[Path]:
    subprocess.run(["pdftoppm", "-png", "-gray", "-r", str(dpi), str(pdf), str(folder / "hal")], check=True)
    return sorted(folder.glob("hal-*.png"), key=lambda p: int(re.search(r"-(\d+)\.png$", p.name).group(1)))


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def contoh(tmp_path_factory):
    """The sample workbook, computed; its JSON; its PDF."""
    d = tmp_path_factory.mktemp("pdf")
    wb = d / "Contoh IKU.xlsx"  # a space in the name on purpose
    xl_iku("contoh", wb)
    proc = xl_iku("hitung", wb, "--json", "-", check=False)
    assert proc.returncode in (0, 1), proc.stderr
    doc = json.loads(proc.stdout)
    return d, wb, doc


@pytest.fixture(scope="module")
def pdf_bawaan(contoh):
    if not ada_alat:
        pytest.skip("LibreOffice/poppler-utils tidak terpasang")
    d, wb, doc = contoh
    before = sha(wb)
    out = d / "laporan.pdf"
    proc = xl_iku("pdf", wb, "-o", out)
    assert sha(wb) == before, "berkas masukan berubah"
    assert "ditulis ke" in proc.stdout
    return out


# ---------------------------------------------------------------- the rendered sample


@perlu_alat
def test_pdf_halaman_a4_dan_berteks(pdf_bawaan):
    info = info_pdf(pdf_bawaan)
    assert "A4" in info["Page size"]
    pages = halaman_teks(pdf_bawaan)
    assert len(pages) == int(info["Pages"]) >= 4
    for i, t in enumerate(pages, 1):
        assert len(t.split()) > 20, f"halaman {i} (hampir) kosong"
        assert f"Halaman {i} dari {len(pages)}" in t, f"kaki halaman {i}"


@perlu_alat
def test_pdf_memuat_semua_indikator_dan_bagian_skm(pdf_bawaan):
    teks = "\n".join(halaman_teks(pdf_bawaan))
    # Rows carry the seed's wording (no codes, as in the seed); wrapped cells
    # interleave in extracted text, so look for each name's first words.
    polos = " ".join(subprocess.run(["pdftotext", str(pdf_bawaan), "-"], capture_output=True,
                                    text=True, check=True).stdout.split())
    for ind in katalog.INDIKATOR:
        awal = " ".join(ind.nama.split()[:3])
        assert awal in polos, (ind.kode, awal)
    assert re.search(r"tiga unsur", teks, re.I), "bagian Tiga Unsur Terendah di Hasil SKM"
    assert "HASIL SURVEI KEPUASAN MASYARAKAT" in teks
    # Only the printable output sheets: no input sheet, no Validasi by default.
    assert "HASIL VALIDASI DATA" not in teks
    assert "Nama Sarpras" not in teks


@perlu_alat
def test_pdf_angka_dan_tanggal_gaya_indonesia(pdf_bawaan, contoh):
    _d, _wb, doc = contoh
    teks = "\n".join(halaman_teks(pdf_bawaan))
    ikm = doc["ikm"]["nilai"]
    assert angka_id(ikm) in teks, f"IKM {ikm} tidak tampil sebagai {angka_id(ikm)}"
    assert f"{ikm:.2f}" not in teks, "IKM tampil dengan titik desimal"
    by = {i["kode"]: i for i in doc["indikator"]}
    for kode in ("IK-07", "IK-09", "IKP-03"):
        r = by[kode]["realisasi"]
        if isinstance(r, float):
            assert angka_id(r) in teks, (kode, angka_id(r))
    # No number printed the English way (12.34) anywhere.
    salah = re.findall(r"(?<![\d.,/])\d{1,3}\.\d{2}(?![\d.])", teks)
    assert not salah, f"angka bergaya Inggris: {salah[:5]}"
    assert re.search(rf"\b\d{{1,2}} ({BULAN}) \d{{4}}\b", teks), "tanggal penandatanganan bergaya Indonesia"


@perlu_alat
def test_pdf_tidak_ada_kolom_terpotong(pdf_bawaan):
    pages = halaman_teks(pdf_bawaan)
    boxes = kata_bbox(pdf_bawaan)
    for i, (t, (w, _h, words)) in enumerate(zip(pages, boxes), 1):
        assert words, f"halaman {i} tanpa kata"
        assert max(x2 for _, _, x2 in words) <= w - 10, f"halaman {i}: teks melewati tepi kanan"
        assert min(x1 for _, x1, _ in words) >= 10, f"halaman {i}: teks melewati tepi kiri"
        if "INDIKATOR KINERJA" in t:  # IKU / IK / IKP: every column header is on the page
            for head in K.HEADER_KELUARAN:
                for part in head.split():
                    assert part in t, f"halaman {i}: judul kolom '{head}' tidak tampak"


@perlu_alat
def test_pdf_gambar_halaman_tidak_kosong(pdf_bawaan, tmp_path):
    pngs = halaman_png(pdf_bawaan, tmp_path)
    assert len(pngs) == len(halaman_teks(pdf_bawaan))
    for p in pngs:
        w, h, px = baca_png(p)
        gelap = sum(1 for v in px if v < 200)
        assert gelap / (w * h) > 0.01, f"{p.name}: halaman tampak kosong ({gelap} piksel gelap)"
        # Nothing runs off the right edge: the right-most 2 % of the page is blank.
        tepi = max(2, w // 50)
        kanan = sum(1 for y in range(h) for x in range(w - tepi, w) if px[y * w + x] < 200)
        assert kanan == 0, f"{p.name}: ada isi di tepi kanan halaman"


@perlu_alat
def test_pdf_validasi_dan_hitung_salinan(contoh, tmp_path):
    """--validasi adds the sheet; --hitung computes a temporary copy, never the input."""
    d, _wb, doc = contoh
    baru = tmp_path / "baru.xlsx"
    xl_iku("contoh", baru)
    before = sha(baru)
    out = tmp_path / "hasil.pdf"
    proc = xl_iku("pdf", baru, "-o", out, "--hitung", "--lembar", "Hasil SKM", "--validasi", check=False)
    assert proc.returncode in (0, 1), proc.stderr
    assert sha(baru) == before
    assert not (tmp_path / "baru.bak.xlsx").exists()
    teks = "\n".join(halaman_teks(out))
    assert "HASIL VALIDASI DATA" in teks and "Dihitung" in teks
    assert angka_id(doc["ikm"]["nilai"]) in teks  # same seed, same numbers
    assert "INDIKATOR KINERJA PENDUKUNG" not in teks


# ---------------------------------------------------------------- refusals (no LibreOffice needed)


def test_pdf_berkas_rusak_keluar_2(tmp_path):
    bad = tmp_path / "bukan.xlsx"
    bad.write_text("No,Tanggal\n1,2024-01-01\n", encoding="utf-8")
    proc = xl_iku("pdf", bad, "-o", tmp_path / "x.pdf", check=False)
    assert proc.returncode == 2
    assert "Gagal:" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "x.pdf").exists()
    proc = xl_iku("pdf", tmp_path / "tidak-ada.xlsx", check=False)
    assert proc.returncode == 2 and "tidak ditemukan" in proc.stderr


def test_pdf_keluaran_harus_pdf_dan_lembar_dikenal(contoh, tmp_path):
    _d, wb, _doc = contoh
    proc = xl_iku("pdf", wb, "-o", tmp_path / "x.xlsx", check=False)
    assert proc.returncode == 2 and ".pdf" in proc.stderr
    proc = xl_iku("pdf", wb, "-o", tmp_path / "x.pdf", "--lembar", "Tidak Ada", check=False)
    assert proc.returncode == 2 and "Tidak Ada" in proc.stderr


def test_pdf_tanpa_libreoffice_keluar_3(contoh, tmp_path):
    _d, wb, _doc = contoh
    proc = xl_iku("pdf", wb, "-o", tmp_path / "x.pdf", "--soffice", tmp_path / "tidak-ada-soffice", check=False)
    assert proc.returncode == 3
    assert "LibreOffice" in proc.stderr and "Traceback" not in proc.stderr


def test_cari_soffice_pesan_pemasangan(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv(P.ENV_SOFFICE, raising=False)
    monkeypatch.setattr(P, "_LOKASI_SOFFICE", ())
    with pytest.raises(P.AlatError, match="pasang LibreOffice"):
        P.cari_soffice()


@pytest.mark.skipif(os.name != "posix", reason="skrip sh")
def test_batas_waktu_menghentikan_libreoffice(tmp_path):
    palsu = tmp_path / "soffice-lambat"
    pidfile = tmp_path / "pid"
    palsu.write_text(f"#!/bin/sh\necho $$ > '{pidfile}'\nsleep 60\n")
    palsu.chmod(palsu.stat().st_mode | stat.S_IEXEC)
    sumber = tmp_path / "a.xlsx"
    sumber.write_bytes(b"")
    (tmp_path / "o").mkdir()
    with pytest.raises(P.AlatError, match="dihentikan"):
        P.konversi(str(palsu), sumber, tmp_path / "o", P.tulis_profil(tmp_path / "prof"), batas_waktu=1)
    pid = int(pidfile.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_salinan_cetak_menyembunyikan_lembar_lain(contoh, tmp_path):
    _d, wb, _doc = contoh
    salinan = tmp_path / "cetak.xlsx"
    with Package.open(wb) as pkg:
        lembar = P.pilih_lembar(pkg, None)
        assert lembar == list(P.LEMBAR_BAWAAN)
        with open(salinan, "wb") as f:
            P.tulis_salinan_cetak(pkg, lembar, f)
        asli = {n: pkg.read(n) for n in pkg.parts}
        dicetak = {pkg.sheet(n).part for n in lembar} | {pkg.workbook_part}
    with Package.open(salinan) as pkg:
        state = {s.name: s.state for s in pkg.sheets}
        for n, st in state.items():
            if n in P.LEMBAR_BAWAAN:
                assert st == "visible", n
            else:
                assert st in ("hidden", "veryHidden"), n
        assert state["Gaya"] == "veryHidden"
        for n in P.LEMBAR_BAWAAN:
            root = pkg.xml(pkg.sheet(n).part)
            ns = root.tag[1:].split("}")[0]
            ps = root.find(f"{{{ns}}}pageSetup")
            assert ps.get("paperSize") == "9" and ps.get("fitToWidth") == "1"
            assert root.find(f"{{{ns}}}sheetPr/{{{ns}}}pageSetUpPr").get("fitToPage") == "1"
        assert set(pkg.parts) == set(asli)
        berubah = {n for n in pkg.parts if pkg.read(n) != asli[n]}
    assert berubah <= dicetak  # everything else (charts, drawings, styles …) travels unchanged


def test_lembar_cetak_tanpa_pagesetup():
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    root = etree.fromstring(
        f'<worksheet xmlns="{ns}"><sheetPr><tabColor rgb="FF000000"/></sheetPr><sheetData/>'
        f'<pageMargins left="1" right="1" top="1" bottom="1" header="0" footer="0"/>'
        f'<headerFooter/><tableParts count="0"/></worksheet>'.encode())
    out = etree.fromstring(P._lembar_cetak(root))
    urut = [el.tag.split("}")[1] for el in out]
    assert urut == ["sheetPr", "sheetData", "pageMargins", "pageSetup", "headerFooter", "tableParts"]
    assert [el.tag.split("}")[1] for el in out[0]] == ["tabColor", "pageSetUpPr"]
    ps = out.find(f"{{{ns}}}pageSetup")
    assert (ps.get("paperSize"), ps.get("fitToWidth"), ps.get("fitToHeight")) == ("9", "1", "0")


def test_pilih_lembar_pecah_koma():
    assert P._pecah(["IKU, Hasil SKM", "Validasi"]) == ["IKU", "Hasil SKM", "Validasi"]
    assert P._pecah(None) is None and P._pecah([" , "]) is None


# ---------------------------------------------------------------- never stale, never silent (KONTRAK §4)


def _kasus_dihitung(folder: Path, tabel: dict | None = None) -> Path:
    from tests import kasus
    from tests.isi import isi
    from xl_iku.app import hitung_berkas

    t = kasus.tabel()
    t.update(tabel or {})
    mentah = isi(folder / "mentah.xlsx", kasus.pengaturan(), t)
    return hitung_berkas(mentah, folder / "dihitung.xlsx").keluaran


def test_pdf_buku_basi_ditolak_seperti_laporan(tmp_path):
    """An input changed after the last hitung: pdf refuses (exit 2) with the very
    sentence `laporan` gives, before LibreOffice is even looked for."""
    from tests import kasus
    from tests.isi import isi

    src = _kasus_dihitung(tmp_path)
    basi = isi(tmp_path / "basi.xlsx", None, {"tblSOP": kasus.tabel()["tblSOP"][:1]}, template=src)
    proc = xl_iku("pdf", basi, "-o", tmp_path / "x.pdf", "--soffice", tmp_path / "tidak-ada", check=False)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "tidak sesuai lagi" in proc.stderr and "--hitung" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "x.pdf").exists()
    lap = xl_iku("laporan", "lkjip", basi, "-o", tmp_path / "l.docx", check=False)
    kalimat = lambda s: s.split("Gagal:", 1)[-1].strip()  # noqa: E731
    assert lap.returncode == 2 and kalimat(lap.stderr) == kalimat(proc.stderr)


def test_lembar_cetak_tanda_belum_final():
    root = etree.fromstring(
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/>'
        b'<pageSetup paperSize="9"/><headerFooter differentFirst="1"><oddFooter>&amp;CHalaman &amp;P</oddFooter>'
        b'</headerFooter><drawing/></worksheet>')
    out = etree.fromstring(P._lembar_cetak(root, belum_final=True).split(b"?>", 1)[1])
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    hf = out.find("m:headerFooter", ns)
    assert [etree.QName(c).localname for c in hf] == ["oddHeader", "oddFooter", "firstHeader"]
    assert all(P.TANDA_BELUM_FINAL in c.text for c in hf if "Header" in c.tag)
    assert "Halaman" in hf.find("m:oddFooter", ns).text  # the footer stays


@perlu_alat
def test_pdf_galat_keluar_1_dan_halaman_bertanda_belum_final(tmp_path):
    """A workbook with a galat prints, exit 1, and every page says it is not final."""
    from tests import kasus

    sarpras = kasus.tabel()["tblSarpras"] + [
        {"No": 9, "Nama Sarpras": "Meja", "Kebutuhan": 4, "Tersedia": 2, "Kondisi Baik": 3, "Dipelihara": 2}]
    src = _kasus_dihitung(tmp_path, {"tblSarpras": sarpras})
    out = tmp_path / "galat.pdf"
    proc = xl_iku("pdf", src, "-o", out, "--lembar", "Indikator Kinerja,Hasil SKM", check=False)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    halaman = halaman_teks(out)
    assert len(halaman) >= 2
    assert all("BELUM FINAL" in re.sub(r"\s+", " ", h) for h in halaman)


@perlu_alat
def test_pdf_sel_tampil_setengah_ke_atas(pdf_bawaan):
    """IKU-01 2021 holds 80,58 / 80 = 100,725: the printed sheet shows 100,73 (half away from
    zero, as Excel does) — the same text the documents print."""
    from xl_iku.dasar.ooxml import angka_teks

    iku = halaman_teks(pdf_bawaan)[0]
    baris = [ln for ln in iku.splitlines() if re.match(r"\s*2021\s", ln)]
    assert baris and "100,73" in baris[0], baris
    assert angka_teks(80.58 / 80 * 100) == "100,73"
