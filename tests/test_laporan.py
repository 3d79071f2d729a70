"""`xl-iku laporan skm|lkjip|poster`: the documents, opened the way a reader would.

The workbook is tests/kasus.py (every number computed by hand in
test_hitung.py) plus a Rencana Tindak Lanjut, an Analisis row, a 2026 target,
a 2023 realisasi, one impossible Sarpras row (a galat at Kondisi Baik that
blocks IK-09, the indicator reading that column) and an empty Musrenbang register (IKP-09 tanpa_data).
The .docx files are read with python-docx, the PDFs with pdftotext; two
LibreOffice conversions in all, shared by every test through session fixtures.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from tests import kasus
from tests.isi import isi
from xl_iku.referensi import MUTU_IKM

ROOT = Path(__file__).resolve().parents[1]
ada_lo = bool(shutil.which("soffice") and shutil.which("pdftotext"))
perlu_lo = pytest.mark.skipif(not ada_lo, reason="LibreOffice/poppler-utils tidak terpasang")

RTL = [
    {"Unsur": "U3", "Program/Kegiatan": "Antrean daring untuk layanan PATEN", "Waktu": "Maret 2025",
     "Penanggung Jawab": "Kasi Pelayanan"},
    {"Unsur": "U2", "Program/Kegiatan": "Sosialisasi alur layanan di papan informasi", "Waktu": "Februari 2025",
     "Penanggung Jawab": "Sekretaris Camat"},
]
ANALISIS_IK07 = "SOP ditetapkan dengan Keputusan Camat"


def _tabel():
    t = kasus.tabel()
    t["tblRTL"] = RTL
    t["tblAnalisis"] = [
        {"Kode": "IK-07", "Faktor Pendukung": ANALISIS_IK07, "Faktor Penghambat": "Persyaratan legalisasi lama",
         "Upaya": "Reviu SOP triwulan I", "Pagu Anggaran": 10_000_000, "Realisasi Anggaran": 9_500_000},
        {"Kode": "IK-01"},  # code only: the chapter writes the marked sentences
    ]
    t["tblTarget"] = [r if r["Kode"] != "IK-07" else {**r, "2026": 95} for r in t["tblTarget"]]
    t["tblRiwayat"] = t["tblRiwayat"] + [{"Kode": "IK-07", "Tahun": 2023, "Realisasi": 80}]
    # Kondisi Baik above Tersedia is impossible: a galat that blocks IK-09, IKP-06, IKP-07.
    t["tblSarpras"] = t["tblSarpras"] + [
        {"No": 3, "Nama Sarpras": "Meja Layanan", "Kebutuhan": 4, "Tersedia": 2, "Kondisi Baik": 3, "Dipelihara": 2}]
    return t


def xl_iku(*args, timeout=300) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "xl_iku", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=timeout)


class _Hasil:
    def __init__(self, returncode, stdout, stderr):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


@pytest.fixture
def cli(capsys):
    """The CLI in this process (no interpreter start-up per call); same exit codes and messages."""
    from xl_iku.cli.main import main

    def jalankan(*args):
        lama = sys.argv
        sys.argv = ["xl-iku", *map(str, args)]
        try:
            main()
            rc = 0
        except SystemExit as e:
            rc = e.code
        finally:
            sys.argv = lama
        keluar = capsys.readouterr()
        return _Hasil(rc, keluar.out, re.sub(r"\s+", " ", keluar.err))

    return jalankan


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def berkas(tmp_path_factory):
    from xl_iku.app import hitung_berkas

    d = tmp_path_factory.mktemp("laporan")
    mentah = isi(d / "kasus_mentah.xlsx", kasus.pengaturan(), _tabel())
    dihitung = d / "kasus.xlsx"
    lap = hitung_berkas(mentah, dihitung)
    assert lap.hasil.jumlah_galat  # the Sarpras row
    return d, mentah, dihitung


@pytest.fixture(scope="session")
def docx_skm(berkas):
    d, _, src = berkas
    out = d / "skm.docx"
    p = xl_iku("laporan", "skm", src, "-o", out)
    assert p.returncode == 1, p.stdout + p.stderr  # the workbook has a galat (Sarpras)
    return out


@pytest.fixture(scope="session")
def docx_lkjip(berkas):
    d, _, src = berkas
    out = d / "lkjip.docx"
    p = xl_iku("laporan", "lkjip", src, "-o", out)
    assert p.returncode == 1, p.stdout + p.stderr
    return out


@pytest.fixture(scope="session")
def pdf_teks(berkas):
    """Both chapters through LibreOffice once each, via the CLI; their text by pdftotext."""
    if not ada_lo:
        pytest.skip("LibreOffice/poppler-utils tidak terpasang")
    d, _, src = berkas
    teks = {}
    for jenis in ("skm", "lkjip"):
        out = d / f"{jenis}.pdf"
        p = xl_iku("laporan", jenis, src, "-o", out)
        assert p.returncode == 1, p.stdout + p.stderr
        assert out.read_bytes()[:5] == b"%PDF-"
        # Reading order (no -layout) keeps a wrapped table cell together; whitespace collapsed.
        mentah = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, check=True).stdout
        teks[jenis] = re.sub(r"\s+", " ", mentah.decode("utf-8"))
    return teks


def teks_docx(path: Path) -> str:
    doc = Document(str(path))
    bagian = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            bagian.append(" | ".join(c.text for c in row.cells))
    return "\n".join(bagian)


def baris_tabel(path: Path, kunci: str) -> list[list[str]]:
    doc = Document(str(path))
    return [[c.text for c in row.cells] for t in doc.tables for row in t.rows if kunci in [c.text for c in row.cells]]


# ---------------------------------------------------------------- Laporan Hasil SKM

BAB_SKM = ("BAB I", "PENDAHULUAN", "BAB II", "PENGUMPULAN DATA", "BAB III", "HASIL PENGOLAHAN DATA", "BAB IV",
           "ANALISIS HASIL SURVEI", "BAB V", "PENUTUP")

# Hand-computed from kasus (29 respondents; unsur totals 105,101,100,116,102,105,106,105,115):
# IKM = 955/29/9 × 25 = 91,4751 → 91,48; NRR U1 = 105/29 = 3,6207; U4 = 116/29 = 4,0000 (strongest);
# lowest U3 100/29 = 3,4483 (IKM unsur 86,21), U2 101/29 = 3,4828, U5 102/29 = 3,5172;
# N = 1.000 → Krejcie–Morgan 278; IKU-01 2023 84,50 → 2024 91,48: naik 6,98 poin.
ANGKA_SKM = ("91,48", "3,6207", "4,0000", "3,4483", "86,21", "3,4828", "3,5172", "1.000", "278", "84,50",
             "naik 6,98 poin")


def _cek_skm(teks: str) -> None:
    for s in BAB_SKM:
        assert s in teks, s
    for s in ANGKA_SKM:
        assert s in teks, s
    assert "Sangat Baik" in teks and "1/9" in teks
    for r in RTL:
        assert r["Program/Kegiatan"] in teks and r["Penanggung Jawab"] in teks
    assert "Surat Pengantar Nikah" in teks  # IKM per jenis layanan
    assert "kurang dari sampel minimum" in teks  # 29 < 278
    assert "CAMAT BATHIN SOLAPAN" in teks and "NIP. 19890520 201010 1 001" in teks
    assert "28 Juni 2024" in teks


def test_skm_docx_chapters_numbers_rtl(docx_skm):
    teks = teks_docx(docx_skm)
    _cek_skm(teks)
    doc = Document(str(docx_skm))
    assert len(doc.inline_shapes) == 2  # NRR per unsur with mutu bands; IKM trend
    # The three lowest unsur, in order, each with its RTL or "belum ditetapkan" (U5 has none).
    rtl = [r for r in (baris_tabel(docx_skm, "U3 Waktu Penyelesaian") + baris_tabel(docx_skm, "U5 Produk Spesifikasi "
                                                                                      "Jenis Pelayanan"))]
    assert any(RTL[0]["Program/Kegiatan"] in c for r in rtl for c in r)
    assert baris_tabel(docx_skm, "U5 Produk Spesifikasi Jenis Pelayanan")[-1][1:] == ["belum ditetapkan", "–", "–"]
    # The per-unsur table: NRR, NRR tertimbang (NRR/9), IKM unsur and mutu of U1 = 105/29.
    u1 = baris_tabel(docx_skm, "U1")[-1]
    assert u1[2:] == ["29", "3,6207", "0,4023", "90,52", "A"]


def test_skm_pdf_text(pdf_teks):
    _cek_skm(pdf_teks["skm"])


def test_mutu_bands_are_the_regulation_nrr_intervals():
    # PermenPANRB 14/2017: NRR 1,00–2,5996 D; 2,60–3,064 C; 3,0644–3,532 B; 3,5324–4,00 A.
    from xl_iku.laporan.grafik import batas_nrr

    assert [(m, round(a, 4), round(b, 4)) for m, a, b in batas_nrr(MUTU_IKM)] == [
        ("D", 1.0, 2.5996), ("C", 2.6, 3.064), ("B", 3.0644, 3.532), ("A", 3.5324, 4.0)]


# ---------------------------------------------------------------- LKjIP Bab III

KODE_URUT = ["IKU-01", *(f"IK-{i:02d}" for i in range(1, 11)), *(f"IKP-{i:02d}" for i in range(1, 12))]


def _cek_lkjip(teks: str) -> None:
    assert "BAB III" in teks and "AKUNTABILITAS KINERJA" in teks and "Capaian Kinerja Organisasi" in teks
    # IK-07 = mean(4/5, 4/4, 6/8) × 100 = 85,00; target 90 → capaian 94,44 (Sangat Tinggi);
    # 2023 realisasi 80,00 → naik 5,00 poin; Renstra 2026 target 95: 89,47% of it, masih kurang 10,00.
    for s in ("85,00", "94,44", "80,00", "naik 5,00 poin", "89,47", "masih kurang 10,00"):
        assert s in teks, s
    # IKM and the AKIP predikat: 91,48 / 85 × 100 = 107,62; B with its score 70,00 (target BB: capaian 100,00).
    for s in ("91,48", "107,62", "B (nilai 70,00)"):
        assert s in teks, s
    # Budget: Rp9.500.000 / Rp10.000.000 = 95,00% absorbed; capaian 94,44 is 0,56 below it.
    for s in ("Rp10.000.000", "Rp9.500.000", "95,00", "0,56 poin di bawah penyerapan"):
        assert s in teks, s
    assert ANALISIS_IK07 in teks
    assert "[Perlu disunting:" in teks
    assert "tidak dihitung" in teks and "tanpa data" in teks


def test_lkjip_docx(docx_lkjip):
    teks = teks_docx(docx_lkjip)
    _cek_lkjip(teks)
    doc = Document(str(docx_lkjip))
    assert len(doc.inline_shapes) == 1  # target vs realisasi
    # Every indicator has its own section, in IKU / IK / IKP order.
    judul = [p.text.split(" ", 1)[0] for p in doc.paragraphs
             if p.runs and p.runs[0].bold and re.match(r"^IK[UP]?-\d\d ", p.text)]
    assert judul == KODE_URUT
    # The summary table: blocked and empty indicators in words, never a zero.
    ringkas = {r[1]: r for r in (baris_tabel(docx_lkjip, k)[0] for k in KODE_URUT)}
    # Kondisi Baik 3 > Tersedia 2 is a galat at Kondisi Baik: it blocks IK-09, which reads
    # that column, and not IKP-06/IKP-07 (KONTRAK §3, blocking by column).
    assert ringkas["IK-09"][4] == "tidak dihitung (galat)" and ringkas["IK-09"][5] == "tidak dihitung (galat)"
    for kode in ("IKP-06", "IKP-07"):
        assert ringkas[kode][4] != "tidak dihitung (galat)"
    assert ringkas["IKP-09"][4] == "tanpa data"
    assert ringkas["IK-07"][3:] == ["90,00", "85,00", "94,44", "Sangat Tinggi"]
    assert ringkas["IKP-11"][3:6] == ["75,00", "75,00", "100,00"]  # Rekap Manual 3 / 4
    # Every marked sentence is a highlighted run of its own: Word's Find or a glance finds them.
    from docx.enum.text import WD_COLOR_INDEX

    tanda = [r for x in doc.paragraphs for r in x.runs if "[Perlu disunting:" in r.text]
    assert tanda and all(r.text.startswith("[Perlu disunting:") and r.text.endswith("]")
                         and r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in tanda)
    # IK-01's analysis row is empty: what the survey shows stands in (strongest and lowest unsur,
    # the follow-up plan), no marked sentence; IKU-01, the same IKM, reads the same.
    sec = teks.split("IK-01 Indeks Kepuasan Masyarakat (IKM)\nDefinisi")[1].split("IK-02 Predikat")[0]
    sec_iku = teks.split("IKU-01 Indeks Kepuasan Masyarakat (IKM)\nDefinisi")[1].split("IK-01 Indeks")[0]
    assert sec.count("[Perlu disunting:") == 0
    assert RTL[0]["Program/Kegiatan"] in sec and "paling rendah nilainya" in sec
    analisa = lambda x: [ln for ln in x.splitlines() if ln[:3] in ("d. ", "e. ", "f. ")]  # noqa: E731
    assert analisa(sec) and analisa(sec) == analisa(sec_iku)
    # Budget efficiency is said only where a budget is given (IK-07), not 20 times "not filled in".
    assert teks.count("g. Efisiensi sumber daya.") == 1


def test_lkjip_pdf_text(pdf_teks):
    teks = pdf_teks["lkjip"]
    _cek_lkjip(teks)
    for kode in KODE_URUT:
        assert kode in teks


# ---------------------------------------------------------------- poster


def test_poster_png_and_pdf(berkas, cli):
    d, _, src = berkas
    png = d / "poster.png"
    assert cli("laporan", "poster", src, "-o", png).returncode == 1
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    import struct

    w, h = struct.unpack(">II", data[16:24])
    assert (w, h) == (1240, 1753)  # A4 portrait at 150 dpi
    pdf = d / "poster.pdf"
    assert cli("laporan", "poster", src, "-o", pdf).returncode == 1
    if shutil.which("pdftotext"):
        teks = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
        for s in ("91,48", "Mutu A", "Sangat Baik", "29", "responden", "Bathin Solapan", "Tahun 2024"):
            assert s in teks, s


# ---------------------------------------------------------------- the workbook is only read; exit codes


def test_workbook_never_written_and_uncomputed_refused(berkas, docx_skm, docx_lkjip, cli):
    d, mentah, dihitung = berkas
    before = {p: sha(p) for p in (mentah, dihitung)}
    p = cli("laporan", "skm", mentah, "-o", d / "x.docx")
    assert p.returncode == 2 and "belum dihitung" in p.stderr and "--hitung" in p.stderr
    assert not (d / "x.docx").exists()
    p = cli("laporan", "skm", mentah, "-o", d / "y.docx", "--hitung")
    assert p.returncode == 1, p.stderr
    assert "91,48" in teks_docx(d / "y.docx")
    assert {p: sha(p) for p in (mentah, dihitung)} == before


def test_stale_workbook_refused(berkas, tmp_path, cli):
    _, _, dihitung = berkas
    t = kasus.tabel()
    t["tblSOP"] = t["tblSOP"][:1]  # an input changed after the last hitung
    basi = isi(tmp_path / "basi.xlsx", None, {"tblSOP": t["tblSOP"]}, template=dihitung)
    p = cli("laporan", "lkjip", basi, "-o", tmp_path / "l.docx")
    assert p.returncode == 2 and "tidak sesuai lagi" in p.stderr


@pytest.mark.parametrize("jenis,akhiran", [("skm", ".png"), ("poster", ".docx"), ("lkjip", ".xlsx")])
def test_wrong_suffix(berkas, tmp_path, jenis, akhiran, cli):
    _, _, src = berkas
    p = cli("laporan", jenis, src, "-o", tmp_path / f"x{akhiran}")
    assert p.returncode == 2 and "harus berakhiran" in p.stderr


def test_unknown_kind_and_missing_file(berkas, tmp_path, cli):
    _, _, src = berkas
    p = cli("laporan", "rekap", src, "-o", tmp_path / "x.docx")
    assert p.returncode == 2 and "tidak dikenal" in p.stderr
    p = cli("laporan", "skm", tmp_path / "tidak_ada.xlsx", "-o", tmp_path / "x.docx")
    assert p.returncode == 2 and "Traceback" not in p.stderr


def test_libreoffice_missing_is_exit_3(berkas, tmp_path, cli):
    _, _, src = berkas
    p = cli("laporan", "skm", src, "-o", tmp_path / "x.pdf", "--soffice", str(tmp_path / "tidak-ada-soffice"))
    assert p.returncode == 3 and "LibreOffice" in p.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_sample_workbook_exit_0(tmp_path, cli):
    from xl_iku.app import hitung_berkas

    src = hitung_berkas(ROOT / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx", tmp_path / "c.xlsx").keluaran
    p = cli("laporan", "lkjip", src, "-o", tmp_path / "c.docx")
    assert p.returncode == 0, p.stderr
    teks = teks_docx(tmp_path / "c.docx")
    # The sample's own analysis text (contoh.py) and its budget for IK-01: 81.250.000 / 85.000.000 = 95,59%.
    assert "Pelayanan PATEN satu pintu" in teks and "Rp85.000.000" in teks and "95,59" in teks
    # IKU-01 is the same IKM as IK-01: the office's analysis feeds both sections.
    iku = teks.split("IKU-01 Indeks Kepuasan Masyarakat (IKM)\nDefinisi")[1].split("IK-01 Indeks")[0]
    assert "Pelayanan PATEN satu pintu" in iku and "[Perlu disunting:" not in iku
    # Issue 21: the sample's chapter carried 56 marked sentences; one per indicator the office has not
    # analysed (17 of them) remains.
    assert teks.count("[Perlu disunting:") <= 17


def test_blocked_ikm_reads_as_blocked(tmp_path, cli):
    t = kasus.tabel()
    t["tblSKM"] = [dict(r) for r in t["tblSKM"]]
    t["tblSKM"][0]["U1"] = 5  # outside 1–4: a galat that blocks IK-01 and IKU-01
    src = isi(tmp_path / "ikm_galat.xlsx", kasus.pengaturan(), t)
    p = cli("laporan", "skm", src, "-o", tmp_path / "s.docx", "--hitung")
    assert p.returncode == 1, p.stderr
    teks = teks_docx(tmp_path / "s.docx")
    assert "IKM belum dapat dihitung karena sebagian data survei masih salah" in teks
    assert "91,48" not in teks
    # "Sangat Baik" stays in the mutu table of BAB II (Tabel 2.2) only; no sentence grades the blocked IKM.
    assert not [x.text for x in Document(str(tmp_path / "s.docx")).paragraphs if "Sangat Baik" in x.text]
    u1 = baris_tabel(tmp_path / "s.docx", "U1")[-1]
    assert u1[3:] == ["–", "–", "–", "–"]  # NRR, NRR tertimbang, IKM unsur, mutu: none, not zero
    tren = baris_tabel(tmp_path / "s.docx", "2024")[0]
    assert tren[2] == "tidak dihitung (galat)"
    assert len(Document(str(tmp_path / "s.docx")).inline_shapes) == 1  # the trend only: no NRR chart to misread
    p = cli("laporan", "poster", src, "-o", tmp_path / "p.pdf", "--hitung")
    assert p.returncode == 1
    if shutil.which("pdftotext"):
        teks = subprocess.run(["pdftotext", str(tmp_path / "p.pdf"), "-"], capture_output=True, check=True).stdout
        assert "Belum dapat dihitung" in teks.decode() and "91,48" not in teks.decode()
        assert "BELUM FINAL" in teks.decode()


def test_document_open_in_word_is_refused(berkas, tmp_path, cli):
    _, _, src = berkas
    (tmp_path / "~$skm.docx").write_text("")
    p = cli("laporan", "skm", src, "-o", tmp_path / "skm.docx")
    assert p.returncode == 2 and "sedang dibuka" in p.stderr


def test_analisis_rows_of_one_code_join_and_unknown_code_warned(tmp_path, cli):
    t = kasus.tabel()
    t["tblAnalisis"] = [
        {"Kode": "IK-07", "Faktor Pendukung": "Program A", "Pagu Anggaran": 10_000_000, "Realisasi Anggaran": 9_000_000},
        {"Kode": "ik-07", "Faktor Pendukung": "Program B", "Pagu Anggaran": 5_000_000, "Realisasi Anggaran": 4_500_000},
        {"Kode": "IK-99", "Upaya": "salah kode"},
    ]
    src = isi(tmp_path / "analisis.xlsx", kasus.pengaturan(), t)
    p = cli("laporan", "lkjip", src, "-o", tmp_path / "l.docx", "--hitung")
    assert p.returncode == 0, p.stderr
    assert "Analisis!A7" in p.stderr and "IK-99" in p.stderr  # header in row 4: the third row is row 7
    teks = teks_docx(tmp_path / "l.docx")
    # Two programs support IK-07: texts joined, budgets added: 13.500.000 / 15.000.000 = 90,00%.
    assert "Program A Program B" in teks
    assert "Rp15.000.000" in teks and "Rp13.500.000" in teks and "penyerapan 90,00%" in teks
    assert "salah kode" not in teks


def test_office_style_document(berkas, docx_skm, tmp_path, cli):
    """An office restyles one generated report in Word and reuses it: styles, letterhead kept, body replaced."""
    from docx.shared import Pt

    _, _, src = berkas
    gaya = Document(str(docx_skm))
    gaya.styles["Heading 1"].font.size = Pt(20)
    gaya.sections[0].header.paragraphs[0].text = "PEMERINTAH KABUPATEN BENGKALIS"
    gaya.save(str(tmp_path / "gaya.docx"))
    p = cli("laporan", "lkjip", src, "-o", tmp_path / "l.docx", "--gaya", tmp_path / "gaya.docx")
    assert p.returncode == 1, p.stderr
    doc = Document(str(tmp_path / "l.docx"))
    assert doc.sections[0].header.paragraphs[0].text == "PEMERINTAH KABUPATEN BENGKALIS"
    assert doc.styles["Heading 1"].font.size == Pt(20)
    teks = teks_docx(tmp_path / "l.docx")
    assert "AKUNTABILITAS KINERJA" in teks and "PENDAHULUAN" not in teks  # the style file's own text is gone
    assert "94,44" in teks
    p = cli("laporan", "skm", src, "-o", tmp_path / "s.docx", "--gaya", tmp_path / "tidak_ada.docx")
    assert p.returncode == 2 and "Berkas gaya" in p.stderr
    p = cli("laporan", "poster", src, "-o", tmp_path / "p.png", "--gaya", tmp_path / "gaya.docx")
    assert p.returncode == 2 and "--gaya" in p.stderr


def test_lkjip_counts_targets_reached_from_the_engine(docx_lkjip):
    # kasus: reached IKU-01, IK-01 (107,62), IK-03 (102), IKP-11 (100); not reached IK-02 (B below target BB,
    # capaian 100), IK-07 (94,44), IK-08 (75), IK-10 (2 of 4 desa Mandiri = 50 vs 60), IKP-04 (50 vs 100).
    teks = teks_docx(docx_lkjip)
    assert "4 mencapai target dan 5 belum mencapai target (IK-02, IK-07, IK-08, IK-10, IKP-04)" in teks
    assert "capaian 94,44% (Sangat Tinggi); target belum tercapai." in teks


# ---------------------------------------------------------------- issue 21: never empty, never anonymous


def test_docx_metadata_dari_buku_kerja(docx_skm, docx_lkjip):
    from datetime import datetime, timedelta

    for path in (docx_skm, docx_lkjip):
        cp = Document(str(path)).core_properties
        assert cp.author == f"Kecamatan {kasus.pengaturan()['NamaKecamatan']}"
        assert "python-docx" not in (cp.comments or "") + (cp.author or "") + (cp.last_modified_by or "")
        assert abs(datetime.utcnow() - cp.created.replace(tzinfo=None)) < timedelta(hours=2)


def test_galat_ditandai_belum_final_di_setiap_halaman(docx_skm, docx_lkjip):
    for path in (docx_skm, docx_lkjip):
        doc = Document(str(path))
        assert all("BELUM FINAL" in " ".join(p.text for p in s.header.paragraphs) for s in doc.sections)


@pytest.mark.parametrize("jenis,akhiran", [("skm", ".docx"), ("poster", ".png")])
def test_tanpa_responden_ditolak(tmp_path, cli, jenis, akhiran):
    """A year with no survey row: no report on 0 respondents, one sentence, exit 2."""
    from xl_iku.app import hitung_berkas

    t = kasus.tabel()
    t["tblSKM"] = []
    src = hitung_berkas(isi(tmp_path / "m.xlsx", kasus.pengaturan(), t), tmp_path / "k.xlsx").keluaran
    out = tmp_path / f"x{akhiran}"
    p = cli("laporan", jenis, src, "-o", out)
    assert p.returncode == 2, p.stdout + p.stderr
    assert "Belum ada responden SKM" in p.stderr and p.stderr.count(". ") <= 1
    assert not out.exists()


KATA_DALAM = ("lembar ", "tbl", "MetodeBobotIKM", "PopulasiPenerimaLayanan", "Pengaturan", "Validasi", "Riwayat",
              "lembar Analisis", "Rencana Tindak Lanjut)")


def test_dokumen_dalam_kata_petugas(docx_skm, docx_lkjip):
    """No sheet, table, setting or code name in what goes to the Bupati."""
    for path in (docx_skm, docx_lkjip):
        teks = teks_docx(path)
        ada = [k for k in KATA_DALAM if k in teks]
        assert not ada, (path.name, ada)
    # The survey report: one marked sentence (how the questionnaire was handed out), nothing else to guess.
    assert teks_docx(docx_skm).count("[Perlu disunting:") == 1


def test_sampel_kecil_diberi_catatan(tmp_path, cli):
    """3 respondents, no population: below the table's 384 for a large population — said in hitung,
    on Hasil SKM and in the report."""
    import json

    from xl_iku.app import hitung_berkas

    t = kasus.tabel()
    t["tblSKM"] = t["tblSKM"][:3]
    peng = {**kasus.pengaturan(), "PopulasiPenerimaLayanan": None}
    src = hitung_berkas(isi(tmp_path / "m.xlsx", peng, t), tmp_path / "k.xlsx").keluaran
    p = cli("hitung", src, "--json", "-")
    doc = json.loads(p.stdout)
    assert any("384" in tm["pesan"] and tm["tingkat"] == "peringatan" for tm in doc["temuan"])
    p = cli("laporan", "skm", src, "-o", tmp_path / "s.docx")
    assert p.returncode == 0, p.stderr
    teks = teks_docx(tmp_path / "s.docx")
    assert "384" in teks and "hati-hati" in teks
    import openpyxl

    ws = openpyxl.load_workbook(src)["Hasil SKM"]
    sel = " ".join(str(c.value) for r in ws.iter_rows() for c in r if c.value is not None)
    assert "384" in sel and "hati-hati" in sel
    if shutil.which("pdftotext"):
        assert cli("laporan", "poster", src, "-o", tmp_path / "p.pdf").returncode == 0
        poster = subprocess.run(["pdftotext", str(tmp_path / "p.pdf"), "-"], capture_output=True, check=True).stdout
        assert "kurang dari sampel minimum 384" in re.sub(r"\s+", " ", poster.decode())


# ---------------------------------------------------------------- issue 21: periods, undated registers, the decree

SAMPEL = ROOT / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"


def _sel_lembar(path: Path, lembar: str) -> list[list]:
    import openpyxl

    ws = openpyxl.load_workbook(path)[lembar]
    return [[c.value for c in r] for r in ws.iter_rows()]


@pytest.fixture(scope="module")
def triwulan(tmp_path_factory):
    """The sample as Triwulan II 2024 (its tblTargetTriwulan has a row for IK-01 only)."""
    from xl_iku.app import hitung_berkas

    d = tmp_path_factory.mktemp("triwulan")
    src = isi(d / "tw_mentah.xlsx", {"Periode": "Triwulan II"}, None, template=SAMPEL)
    lap = hitung_berkas(src, d / "tw.xlsx")
    return d, lap.keluaran, lap.hasil


def test_triwulan_target_satu_kode_diperingatkan(triwulan):
    _d, _src, h = triwulan
    pesan = [t.pesan for t in h.temuan if t.tingkat == "peringatan" and "Triwulan II" in t.pesan]
    assert any("IK-01" in x and "IKU-01" in x and "hal yang sama" in x for x in pesan), pesan
    by = h.indikator_by_kode()
    assert by["IK-01"].target == 82 and by["IKU-01"].target == 83  # the two targets the warning is about


def test_triwulan_berlabel_di_lembar_iku(triwulan):
    _d, src, _h = triwulan
    sel = _sel_lembar(src, "IKU")
    assert sel[1][0] == "TAHUN 2024 — TRIWULAN II (JANUARI–JUNI)"
    teks = " ".join(str(v) for r in sel for v in r if v is not None)
    assert "2021–2026 (capaian" not in teks
    assert "2024 (s.d. Triwulan II)" in teks
    # The Renstra heading stands over its own table (F–J), not at the left margin.
    judul = [r for r in sel if any(isinstance(v, str) and v.startswith("Target dan Realisasi IKU") for v in r)][0]
    assert judul[0] is None and judul[5].startswith("Target dan Realisasi IKU 2021–2026")


def test_triwulan_lkjip_tidak_membandingkan_setengah_tahun(triwulan, cli):
    d, src, _h = triwulan
    out = d / "tw.docx"
    p = cli("laporan", "lkjip", src, "-o", out)
    assert p.returncode == 0, p.stderr
    teks = teks_docx(out)
    assert "belum dibandingkan dengan realisasi setahun penuh 2023" in teks
    assert not re.search(r"tahun 2023 [\d.,]+, tahun 2024 [\d.,]+: (naik|turun)", teks)
    assert "2024 (s.d. Triwulan II)" in teks and "Triwulan II 2024 (Januari–Juni)" in teks
    p = cli("laporan", "skm", src, "-o", d / "tw_skm.docx")
    assert p.returncode == 0, p.stderr
    skm = teks_docx(d / "tw_skm.docx")
    assert "2024 (s.d. Triwulan II)" in skm and "belum dibandingkan dengan IKM setahun penuh 2023" in skm


def test_register_tanpa_tanggal(tmp_path):
    """TahunLaporan 2026 on the sample: every dated register is empty, the undated ones
    are full — a peringatan says they may be last year's; their Keterangan says 'per tanggal dihitung'."""
    from xl_iku.app import hitung_berkas

    src = isi(tmp_path / "m.xlsx", {"TahunLaporan": 2026}, None, template=SAMPEL)
    h = hitung_berkas(src, tmp_path / "k.xlsx").hasil
    assert any("mungkin milik tahun sebelumnya" in t.pesan and t.tingkat == "peringatan" for t in h.temuan)
    by = h.indikator_by_kode()
    for kode in ("IK-07", "IK-09", "IKP-03", "IKP-08", "IKP-09"):
        assert "per tanggal dihitung" in by[kode].keterangan, kode
    assert "per tanggal dihitung" not in (by["IK-10"].keterangan or "")
    # The sample year itself has dated rows: no such warning there.
    h24 = hitung_berkas(SAMPEL, tmp_path / "k24.xlsx").hasil
    assert not any("mungkin milik tahun sebelumnya" in t.pesan for t in h24.temuan)
    # A percentage names its counts: IK-08 = 22 Tuntas of 25 rows (the sample's Kamtibmas).
    assert h24.indikator_by_kode()["IK-08"].keterangan.startswith("22 dari 25")


@pytest.mark.parametrize("dasar, harap", [
    ("Keputusan Bupati Siak Nomor 12 Tahun 2023 tentang Indikator Kinerja Utama",
     "Berdasarkan Keputusan Bupati Siak Nomor 12 Tahun 2023 tentang Indikator Kinerja Utama"),
    (None, None),
])
def test_dasar_penetapan_iku_dari_pengaturan(tmp_path, dasar, harap):
    from xl_iku.app import hitung_berkas

    peng = {**kasus.pengaturan(), "NamaKabupaten": "Siak", "DasarPenetapanIKU": dasar}
    src = hitung_berkas(isi(tmp_path / "m.xlsx", peng, kasus.tabel()), tmp_path / "k.xlsx").keluaran
    teks = [str(v) for r in _sel_lembar(src, "IKU") for v in r if v is not None]
    assert not any("177/KPTS" in t or "Bengkalis" in t for t in teks)
    if harap:
        assert harap in teks
    else:
        assert not any(t.startswith("Berdasarkan") for t in teks)


def test_rtl_tanpa_waktu_jadi_temuan(tmp_path):
    from xl_iku.app import hitung_berkas

    t = kasus.tabel()
    t["tblRTL"] = [{"Unsur": "U3", "Program/Kegiatan": "Antrean daring"}]
    h = hitung_berkas(isi(tmp_path / "m.xlsx", kasus.pengaturan(), t), tmp_path / "k.xlsx")
    assert any("U3" in x.pesan and "waktu dan penanggung jawab" in x.pesan and x.sel == "C5"
               for x in h.hasil.temuan), [x.pesan for x in h.hasil.temuan]
    teks = [str(v) for r in _sel_lembar(h.keluaran, "Hasil SKM") for v in r if v is not None]
    assert "belum ditetapkan" in teks and not any("diisi di lembar" in x for x in teks)


# ---------------------------------------------------------------- one number everywhere (issue 21, "done when")

_BARIS_CLI = re.compile(r"^(IK[UP]?-\d\d)\s.*?\s(\S+)\s+(\S+)\s+(\S+)\s+(Sangat Tinggi|Tinggi|Sedang|Rendah|Sangat "
                        r"Rendah|–)(?:\s+(?:Ya|Tidak|–))?\s*$")  # then the Tercapai column


def _teks_angka(v) -> str:
    from xl_iku.dasar.ooxml import angka_teks

    if v is None:
        return "–"
    return angka_teks(v) if isinstance(v, (int, float)) else str(v)


def _semua_tempat(src: Path, d: Path, cli) -> None:
    """Target, realisasi, capaian and kategori of every indicator, and the IKM, read from the
    CLI table, the JSON as printed, the three signed sheets, the LKjIP summary table, the
    Laporan SKM and the poster: the same text in each."""
    import json

    import openpyxl

    from xl_iku import katalog

    p = cli("hitung", src, "-o", d / "lagi.xlsx", "--json", d / "h.json")
    assert p.returncode == 0, p.stderr
    doc = json.loads((d / "h.json").read_text(encoding="utf-8"))
    dari_json = {i["kode"]: [_teks_angka(i["target"]), _teks_angka(i["realisasi"]), _teks_angka(i["capaian"]),
                             i["kategori"] or "–"] for i in doc["indikator"]}
    dari_cli = {m.group(1): [m.group(2), m.group(3), m.group(4), m.group(5)]
                for m in map(_BARIS_CLI.match, p.stdout.splitlines()) if m}
    wb = openpyxl.load_workbook(src)
    dari_lembar = {}
    for lembar, kelompok in (("IKU", katalog.KELOMPOK_IKU), ("Indikator Kinerja", katalog.KELOMPOK_IK),
                             ("Indikator Pendukung", katalog.KELOMPOK_IKP)):
        ws = wb[lembar]
        for n, ind in enumerate(katalog.per_kelompok(kelompok)):
            r = 6 + n
            dari_lembar[ind.kode] = [_teks_angka(ws.cell(r, c).value) for c in (6, 7, 8)] + [ws.cell(r, 9).value or "–"]
    assert cli("laporan", "lkjip", src, "-o", d / "l.docx").returncode == 0
    dari_lkjip = {}
    for ind in katalog.INDIKATOR:
        baris = baris_tabel(d / "l.docx", ind.kode)[0]
        real = baris[4].split(" (nilai")[0]  # IK-02: "BB (nilai 73,27)"
        dari_lkjip[ind.kode] = [baris[3], real, baris[5], baris[6]]
    for kode in dari_json:
        if kode == "IK-02":  # its realisasi is the predikat; the JSON keeps it as text too
            assert dari_cli[kode][1] == dari_json[kode][1] == dari_lkjip[kode][1]
            continue
        assert dari_cli[kode] == dari_json[kode] == dari_lembar[kode] == dari_lkjip[kode], kode
    ikm = _teks_angka(doc["ikm"]["nilai"])
    assert cli("laporan", "skm", src, "-o", d / "s.docx").returncode == 0
    assert f"adalah {ikm} dengan mutu" in teks_docx(d / "s.docx")
    skm = [[c.value for c in r] for r in wb["Hasil SKM"].iter_rows()]
    assert any(r[0] and str(r[0]).startswith("Indeks Kepuasan Masyarakat") and _teks_angka(r[6]) == ikm for r in skm)
    if shutil.which("pdftotext"):
        assert cli("laporan", "poster", src, "-o", d / "p.pdf").returncode == 0
        poster = subprocess.run(["pdftotext", str(d / "p.pdf"), "-"], capture_output=True, check=True).stdout.decode()
        assert ikm in poster


def test_satu_angka_di_semua_tempat_contoh(tmp_path, cli):
    from xl_iku.app import hitung_berkas

    _semua_tempat(hitung_berkas(SAMPEL, tmp_path / "c.xlsx").keluaran, tmp_path, cli)
    # IKU-01 2021: 80,58 / 80 = 100,725 exactly: Excel shows 100,73, and so does every document
    # (Python's round() on the float 100,72499… would print 100,72).
    rows = [r for r in baris_tabel(tmp_path / "l.docx", "2021") if r[0] == "2021"]
    assert rows and all(r[3] == "100,73" for r in rows[:2]), rows[:2]
    skm = [r for r in baris_tabel(tmp_path / "s.docx", "2021") if r[0] == "2021"]
    assert skm and skm[0][3] == "100,73"


def test_satu_angka_di_semua_tempat_triwulan(triwulan, tmp_path, cli):
    _d, src, _h = triwulan
    _semua_tempat(src, tmp_path, cli)


def test_satu_angka_di_semua_tempat_periode_baru(tmp_path, cli):
    """The bundled sample of a new Renstra period (`xl-iku contoh --tahun 2027`)."""
    from xl_iku.app import hitung_berkas

    assert cli("contoh", tmp_path / "baru.xlsx", "--tahun", "2027").returncode == 0
    _semua_tempat(hitung_berkas(tmp_path / "baru.xlsx", tmp_path / "c.xlsx").keluaran, tmp_path, cli)


def test_dokumen_tak_dapat_ditulis_disebut_dokumen(berkas, tmp_path, cli):
    """A refused write names the document, never calls a .docx a 'Buku kerja'."""
    from unittest import mock

    _, _, src = berkas
    with mock.patch("xl_iku.io.atomic.write_atomic", side_effect=PermissionError(13, "Permission denied")):
        p = cli("laporan", "lkjip", src, "-o", tmp_path / "l.docx")
    assert p.returncode == 2
    assert "Dokumen 'l.docx' tidak dapat ditulis" in p.stderr and "Buku kerja" not in p.stderr


def test_sampel_populasi_besar_adalah_tabel_krejcie_morgan():
    from xl_iku import kontrak as K
    from xl_iku.rules.ikm import sampel_minimum

    assert K.SAMPEL_POPULASI_BESAR == sampel_minimum(1_000_000) == 384
