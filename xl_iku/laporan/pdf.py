"""`xl-iku pdf`: the signed output sheets as one A4 PDF, through LibreOffice.

How it works (the user's workbook is only ever read):

1. The input goes through `Package.open` (the same safety checks as `hitung`:
   zip/XML bombs, encrypted or foreign files → `FileError`, exit 2).
2. A temporary *print copy* is written: every part is copied through
   (bounded reads), except
   * `xl/workbook.xml`: every sheet that is not to be printed gets
     `state="hidden"` (LibreOffice does not print hidden sheets; charts,
     drawings and styles stay intact, which an openpyxl round trip would not
     guarantee), and the active/first tab points at a printed sheet;
   * the printed sheets: A4 paper and "fit all columns on one page wide"
     (`fitToPage`, `fitToWidth=1`) are enforced, so no column is ever cut off
     even if someone changed the page setup in Excel.
3. `soffice --headless --convert-to pdf` runs on the copy with a throw-away
   user profile in the temporary folder.  The profile sets the locale to
   Indonesian (id-ID), so every number format prints as 91,48 and 1.239
   without the operating system having an Indonesian locale installed; it
   also disables macros and never updates external links.
4. The PDF is written atomically to the destination.

LibreOffice missing, failing or exceeding the time limit raises `AlatError`
(CLI exit 3).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterable

from lxml import etree

from .. import kontrak as K
from ..dasar.ooxml import DEKLARASI as _DEKLARASI, lokal as _local, ns_of as _ns, q as _q
from ..io.package import FileError, Package
from ..dasar.ooxml import angka_teks
from ..io.salin import salin
from ..pesan import AlatError


LEMBAR_BAWAAN = (K.LEMBAR_IKU, K.LEMBAR_IK, K.LEMBAR_IKP, K.LEMBAR_SKM)
BATAS_WAKTU = 180  # seconds for one LibreOffice conversion
LOKAL = "id-ID"
ENV_SOFFICE = "XL_IKU_SOFFICE"

_LOKASI_SOFFICE = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/snap/bin/libreoffice",
)


@dataclass
class HasilPdf:
    keluaran: Path
    lembar: list[str]
    halaman: int | None
    detik: float
    jumlah_galat: int | None = None  # only when the workbook was computed first (--hitung)
    catatan: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- LibreOffice


def cari_soffice(jalur: str | None = None) -> str:
    """Path of the LibreOffice executable, or AlatError with install advice."""
    calon = [jalur, os.environ.get(ENV_SOFFICE)]
    for c in calon:
        if c:
            p = shutil.which(c) or (c if Path(c).is_file() else None)
            if p:
                return p
            raise AlatError(f"Program LibreOffice '{c}' tidak ditemukan; periksa jalurnya (opsi --soffice atau {ENV_SOFFICE}).")
    for nama in ("soffice", "libreoffice"):
        p = shutil.which(nama)
        if p:
            return p
    for p in _LOKASI_SOFFICE:
        if Path(p).is_file():
            return p
    raise AlatError(
        "LibreOffice tidak ditemukan di komputer ini; pasang LibreOffice (Linux: "
        "apt-get install libreoffice-calc-nogui; Windows/macOS: libreoffice.org) lalu jalankan lagi."
    )


_PROFIL = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{lokal}</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale" oor:op="fuse"><value>{lokal}</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>1</value></prop></item>
</oor:items>
"""


def tulis_profil(folder: Path, lokal: str = LOKAL) -> Path:
    """A fresh LibreOffice user profile: Indonesian locale, no macros, no link updates."""
    user = folder / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_PROFIL.format(lokal=lokal), encoding="utf-8")
    return folder


def _hentikan(proc: subprocess.Popen) -> None:
    """Stop the conversion we started (and its children: soffice forks soffice.bin)."""
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)  # the process group of our own child only
        else:  # pragma: no cover - Windows
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True)
    except (ProcessLookupError, PermissionError, OSError):
        pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:  # pragma: no cover
        pass


def konversi(soffice: str, sumber: Path, folder_keluaran: Path, profil: Path, batas_waktu: float = BATAS_WAKTU,
             saringan: str = "calc_pdf_Export") -> Path:
    """Run LibreOffice headless on `sumber`; returns the PDF path it wrote.

    `saringan` is the export filter: calc_pdf_Export for workbooks, writer_pdf_Export for .docx.
    """
    cmd = [
        soffice, "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
        f"-env:UserInstallation={profil.resolve().as_uri()}",
        "--convert-to", f"pdf:{saringan}", "--outdir", str(folder_keluaran), str(sumber),
    ]
    env = dict(os.environ)
    env.pop("DISPLAY", None)  # never pop up a window on a desktop session
    kw: dict = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "stdin": subprocess.DEVNULL, "env": env}
    if os.name == "posix":
        kw["start_new_session"] = True
    else:  # pragma: no cover - Windows
        kw["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    try:
        proc = subprocess.Popen(cmd, **kw)
    except OSError as e:
        raise AlatError(f"LibreOffice ('{soffice}') tidak dapat dijalankan: {e.strerror or e}.") from None
    try:
        _out, err = proc.communicate(timeout=batas_waktu)
    except subprocess.TimeoutExpired:
        _hentikan(proc)
        raise AlatError(
            f"LibreOffice tidak selesai membuat PDF dalam {angka_teks(batas_waktu, None)} detik dan dihentikan; "
            "coba lagi atau naikkan --batas-waktu."
        ) from None
    except BaseException:
        _hentikan(proc)
        raise
    pdf = folder_keluaran / (sumber.stem + ".pdf")
    if proc.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        detail = _ringkas_stderr(err)
        raise AlatError(
            f"LibreOffice gagal membuat PDF (kode keluar {proc.returncode})" + (f": {detail}" if detail else ".")
        )
    return pdf


def _ringkas_stderr(err: bytes | None) -> str:
    if not err:
        return ""
    lines = [ln.strip() for ln in err.decode("utf-8", "replace").splitlines()]
    lines = [ln for ln in lines if ln and "javaldx" not in ln]
    return lines[-1][:200] if lines else ""


# ---------------------------------------------------------------- print copy


def buku_xl_iku(pkg: Package) -> bool:
    """A workbook with xl-iku's input tables (not, say, a batch recap): its output
    sheets are computed from them, so printing them needs them current."""
    return any(t == "tblIndikator" or t in K.TABEL for t in pkg.tables)


def pilih_lembar(pkg: Package, diminta: Iterable[str] | None,
                 bawaan: Iterable[str] = LEMBAR_BAWAAN) -> list[str]:
    """Sheet names to print, in workbook order.  FileError for unknown names.

    `bawaan`: the sheets printed when none are asked for — the run's Kelompok
    sheets and Hasil SKM (`sumber.lembar_hasil`; the built-in four by default)."""
    ada = {s.name.casefold(): s for s in pkg.sheets if s.state != "veryHidden"}
    nama = pkg.path.name
    bawaan = tuple(bawaan)
    if not diminta:
        hilang = [n for n in bawaan if n.casefold() not in ada]
        if hilang:
            raise FileError(
                f"Lembar '{hilang[0]}' tidak ditemukan di berkas '{nama}'; gunakan buku kerja dari templat xl-iku."
            )
        diminta = bawaan
    pilih = set()
    for d in diminta:
        s = ada.get(d.strip().casefold())
        if s is None:
            raise FileError(
                f"Lembar '{d.strip()}' tidak ada di berkas '{nama}'; pilihan lembar keluaran: "
                f"{', '.join(dict.fromkeys([*bawaan, K.LEMBAR_VALIDASI]))}."
            )
        pilih.add(s.name)
    return [s.name for s in pkg.sheets if s.name in pilih]


def _xml_bytes(root) -> bytes:
    return _DEKLARASI + etree.tostring(root, encoding="UTF-8")


def _workbook_cetak(root, cetak: set[str]) -> bytes:
    ns = _ns(root)
    first = None
    for i, el in enumerate(root.iter(_q(ns, "sheet"))):
        name = el.get("name")
        if name in cetak:
            el.attrib.pop("state", None)
            if first is None:
                first = i
        elif el.get("state") != "veryHidden":
            el.set("state", "hidden")
    # LibreOffice prints a hidden sheet that has a print area: drop those areas.
    indeks = {i for i, el in enumerate(root.iter(_q(ns, "sheet"))) if el.get("name") not in cetak}
    for dn in list(root.iter(_q(ns, "definedName"))):
        if dn.get("name") == "_xlnm.Print_Area" and dn.get("localSheetId", "").isdigit() \
                and int(dn.get("localSheetId")) in indeks:
            dn.getparent().remove(dn)
    for view in root.iter(_q(ns, "workbookView")):
        view.set("activeTab", str(first or 0))
        view.set("firstSheet", str(first or 0))
    return _xml_bytes(root)


# Children of <worksheet> that come after <pageSetup> (ECMA-376 order).
_SETELAH_PAGESETUP = ("headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches",
                      "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF",
                      "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst")
_SHEETPR_SETELAH = ("tabColor", "outlinePr")


# Printed at the head of every page of a workbook that still has galat (KONTRAK §4).
TANDA_BELUM_FINAL = "BELUM FINAL: masih ada data yang salah; perbaiki dan hitung ulang sebelum ditandatangani"


def _kepala_belum_final(root, ns: str) -> None:
    """Every page header (odd, even, first) carries the not-final mark in red."""
    kode = f'&C&"-,Bold"&10&KC00000{TANDA_BELUM_FINAL}'
    hf = root.find(_q(ns, "headerFooter"))
    if hf is None:
        hf = etree.Element(_q(ns, "headerFooter"))
        pos = len(root)
        for i, ch in enumerate(root):
            if _local(ch) in _SETELAH_PAGESETUP[1:]:
                pos = i
                break
        root.insert(pos, hf)
    for nama in ("oddHeader", "evenHeader", "firstHeader"):
        if nama != "oddHeader" and hf.get({"evenHeader": "differentOddEven", "firstHeader": "differentFirst"}[nama]) \
                not in ("1", "true"):
            continue
        el = hf.find(_q(ns, nama))
        if el is None:
            el = etree.Element(_q(ns, nama))
            # Children order: oddHeader, oddFooter, evenHeader, evenFooter, firstHeader, firstFooter.
            urutan = ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter")
            pos = sum(1 for ch in hf if _local(ch) in urutan[:urutan.index(nama)])
            hf.insert(pos, el)
        el.text = kode


def _lembar_cetak(root, belum_final: bool = False) -> bytes:
    """All columns on one page wide (A4 unless the sheet says A3); the rest of the
    page setup, including the page breaks `hitung` computed, is kept."""
    ns = _ns(root)
    if belum_final:
        _kepala_belum_final(root, ns)
    pr = root.find(_q(ns, "sheetPr"))
    if pr is None:
        pr = etree.Element(_q(ns, "sheetPr"))
        root.insert(0, pr)
    psp = pr.find(_q(ns, "pageSetUpPr"))
    sudah_pas = psp is not None and psp.get("fitToPage") in ("1", "true")
    if psp is None:
        psp = etree.Element(_q(ns, "pageSetUpPr"))
        pos = 0
        for i, ch in enumerate(pr):
            if _local(ch) in _SHEETPR_SETELAH:
                pos = i + 1
        pr.insert(pos, psp)
    psp.set("fitToPage", "1")
    ps = root.find(_q(ns, "pageSetup"))
    if ps is None:
        ps = etree.Element(_q(ns, "pageSetup"))
        pos = len(root)
        for i, ch in enumerate(root):
            if _local(ch) in _SETELAH_PAGESETUP:
                pos = i
                break
        root.insert(pos, ps)
    if ps.get("paperSize") not in ("8", "9"):
        ps.set("paperSize", "9")
    cb = root.find(_q(ns, "colBreaks"))
    if cb is not None and len(cb):
        # A sheet printed in bands of whole column groups (the batch recap, A3): its own
        # scale and breaks stand; fitting ~90 columns on one page would print them unreadable.
        psp.set("fitToPage", "0")
        return _xml_bytes(root)
    ps.set("fitToWidth", "1")
    if not sudah_pas:  # we switch fitting on: as many pages tall as needed
        ps.set("fitToHeight", "0")
    ps.attrib.pop("scale", None)
    return _xml_bytes(root)


def tulis_salinan_cetak(pkg: Package, lembar: list[str], out: BinaryIO, *, belum_final: bool = False) -> None:
    """The print copy of `pkg` (see module docstring) into `out`; `belum_final`
    puts the not-final mark at the head of every page (a workbook with galat)."""
    cetak = set(lembar)
    bagian_cetak = {pkg.sheet(n).part for n in lembar}
    ganti = {part: (lambda lama, part=part: _lembar_cetak(pkg.xml(part), belum_final)) for part in bagian_cetak}
    ganti[pkg.workbook_part] = lambda lama: _workbook_cetak(pkg.xml(pkg.workbook_part), cetak)
    # A throw-away copy for LibreOffice: replaced parts need little compression.
    salin(pkg, out, ganti, compresslevel=1)


def belum_dihitung(path: Path) -> bool:
    """True when the output sheets still hold the empty template (no `hitung` yet).

    The Validasi sheet's summary line says "Belum dihitung…" until the first run.
    """
    try:
        import python_calamine as pc

        book = pc.CalamineWorkbook.from_path(str(path))
        try:
            rows = book.get_sheet_by_name(K.LEMBAR_VALIDASI).to_python(nrows=3)
        finally:
            book.close()
    except Exception:
        return False
    for row in rows[:3]:
        for v in row[:1]:
            if isinstance(v, str) and v.strip().casefold().startswith("belum dihitung"):
                return True
    return False


def _jumlah_halaman(pdf: bytes) -> int | None:
    n = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    return n or None


def _cek_keluaran(out: Path) -> None:
    if out.suffix.lower() != ".pdf":
        raise FileError(f"Berkas keluaran '{out.name}' harus berakhiran .pdf.")
    if out.exists() and out.is_dir():
        raise FileError(f"'{out}' adalah folder; sebutkan nama berkas PDF keluaran.")
    if not out.parent.exists():
        raise FileError(f"Folder '{out.parent}' untuk berkas keluaran tidak ada.")


def buat_pdf(
    src: str | Path,
    out: str | Path | None = None,
    *,
    lembar: Iterable[str] | None = None,
    hitung: bool = False,
    validasi: bool = False,
    batas_waktu: float = BATAS_WAKTU,
    soffice: str | None = None,
) -> HasilPdf:
    """Render the output sheets of `src` to `out` (default: `src` with .pdf)."""
    t0 = time.perf_counter()
    src = Path(src)
    out = Path(out) if out is not None else src.with_suffix(".pdf")
    _cek_keluaran(out)
    catatan: list[str] = []
    jumlah_galat = None
    with tempfile.TemporaryDirectory(prefix="xl-iku-pdf-") as tmp_s:
        tmp = Path(tmp_s)
        suffix = src.suffix.lower() if src.suffix.lower() in (".xlsx", ".xlsm") else ".xlsx"
        with Package.open(src) as pkg:  # safety checks first, whatever else happens
            diminta = _pecah(lembar)
            punya_masukan = buku_xl_iku(pkg)
        hasil = None
        bahan = src
        if hitung:
            from ..app import hitung_berkas

            bahan = tmp / f"dihitung{src.suffix}"
            hasil = hitung_berkas(src, bahan, backup=False).hasil
        elif punya_masukan:
            if belum_dihitung(src):
                # An empty report with exit 0 would be signed as if it were one (issue 12).
                raise FileError(
                    f"Berkas '{src.name}' belum pernah dihitung, jadi lembar keluarannya masih kosong; "
                    f"jalankan dulu: xl-iku hitung \"{src.name}\", atau cetak dengan: xl-iku pdf --hitung."
                )
            from .sumber import hitung_ulang

            hasil = hitung_ulang(src)  # one read: the Kelompok sheets and the staleness check
        from .sumber import lembar_hasil, pastikan_terkini

        bawaan = lembar_hasil(hasil) if hasil is not None else LEMBAR_BAWAAN
        if validasi:
            diminta = [*(diminta or bawaan), K.LEMBAR_VALIDASI]
        with Package.open(src) as pkg:
            dipilih = pilih_lembar(pkg, diminta, bawaan)
        if hasil is not None and not hitung and set(dipilih) & set(bawaan):
            # Stale sheets (inputs changed since the last hitung) are refused exactly as
            # `laporan` refuses them: the same comparison, the same sentence (KONTRAK §4).
            # (A batch recap has no inputs to compare: it is printed as it is.)
            pastikan_terkini(src, hasil)
        jumlah_galat = hasil.jumlah_galat if hasil is not None else None
        exe = cari_soffice(soffice)
        salinan = tmp / f"cetak{suffix}"
        with Package.open(bahan) as pkg, open(salinan, "wb") as f:
            tulis_salinan_cetak(pkg, dipilih, f, belum_final=bool(jumlah_galat))
        folder_pdf = tmp / "pdf"
        folder_pdf.mkdir()
        profil = tulis_profil(tmp / "profil")
        pdf = konversi(exe, salinan, folder_pdf, profil, batas_waktu)
        data = pdf.read_bytes()
    from .tulis import tulis_dokumen

    tulis_dokumen(out, data, "Berkas PDF")
    return HasilPdf(out, dipilih, _jumlah_halaman(data), time.perf_counter() - t0, jumlah_galat, catatan)


def _pecah(lembar: Iterable[str] | None) -> list[str] | None:
    """`--lembar "IKU,Hasil SKM" --lembar Validasi` → ['IKU', 'Hasil SKM', 'Validasi']."""
    if not lembar:
        return None
    hasil = []
    for item in lembar:
        hasil.extend(p for p in (x.strip() for x in item.split(",")) if p)
    return hasil or None


if __name__ == "__main__":  # pragma: no cover
    print(buat_pdf(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None))
