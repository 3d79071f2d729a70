"""The one package patcher (`xl_iku.io.salin`): replace, add, drop parts;
copy everything else with its compressed bytes untouched."""

from __future__ import annotations

import ast
import io
import struct
import zipfile
from pathlib import Path

import pytest

from xl_iku.io.package import Package
from xl_iku.io.salin import salin

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "workbook" / "IKU_template.xlsx"


def _raw(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's compressed bytes as stored (independent of zipfile's reader)."""
    fp = zf.fp
    fp.seek(info.header_offset)
    head = fp.read(30)
    n, e = struct.unpack("<HH", head[26:30])
    fp.seek(info.header_offset + 30 + n + e)
    return fp.read(info.compress_size)


def _zip(members: list[tuple[str, bytes, int]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data, method in members:
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 2, 3, 4, 6)), data, compress_type=method)
    return buf.getvalue()


def test_unchanged_parts_keep_their_compressed_bytes(tmp_path):
    out = tmp_path / "out.xlsx"
    with Package.open(TEMPLATE) as pkg:
        wb = pkg.workbook_part
        salin(pkg, out, {wb: lambda lama: lama.replace(b"<workbook", b"<workbook", 1)})
    with zipfile.ZipFile(TEMPLATE) as a, zipfile.ZipFile(out) as b:
        assert a.namelist() == b.namelist()
        for ia in a.infolist():
            ib = b.getinfo(ia.filename)
            assert (ib.CRC, ib.compress_size, ib.date_time) == (ia.CRC, ia.compress_size, ia.date_time), ia.filename
            if ia.filename != wb:
                assert _raw(b, ib) == _raw(a, ia), ia.filename
        assert b.testzip() is None


def test_replace_add_drop_case_insensitive():
    src = _zip([("[Content_Types].xml", b"<Types/>", zipfile.ZIP_DEFLATED),
                ("xl/Workbook.xml", b"<workbook/>", zipfile.ZIP_STORED),
                ("xl/vbaProject.bin", b"\x00lama", zipfile.ZIP_DEFLATED),
                ("docProps/app.xml", b"<app>" + b"x" * 5000 + b"</app>", zipfile.ZIP_DEFLATED)])
    seen = []
    out = io.BytesIO()
    salin(src, out, {
        "xl/workbook.xml": lambda lama: seen.append(lama) or b"<workbook baru='1'/>",  # other case than stored
        "[Content_Types].xml": b"<Types baru='1'/>",
        "xl/vbaProject.bin": None,
        "customXml/item1.xml": b"<baru/>",
    })
    assert seen == [b"<workbook/>"]  # the callable gets the old content, once
    with zipfile.ZipFile(out) as z:
        assert z.namelist() == ["[Content_Types].xml", "xl/Workbook.xml", "docProps/app.xml", "customXml/item1.xml"]
        assert z.read("xl/Workbook.xml") == b"<workbook baru='1'/>"
        assert z.getinfo("xl/Workbook.xml").compress_type == zipfile.ZIP_STORED  # method kept
        assert z.getinfo("xl/Workbook.xml").date_time == (2024, 1, 2, 3, 4, 6)
        assert z.read("[Content_Types].xml") == b"<Types baru='1'/>"
        assert z.read("customXml/item1.xml") == b"<baru/>"
        assert z.read("docProps/app.xml") == b"<app>" + b"x" * 5000 + b"</app>"
        assert z.testzip() is None


def test_unusual_member_is_recompressed_with_same_content():
    src = _zip([("a.xml", b"<a>" + b"y" * 3000 + b"</a>", zipfile.ZIP_BZIP2), ("b.xml", b"<b/>", zipfile.ZIP_DEFLATED)])
    out = io.BytesIO()
    salin(src, out)
    with zipfile.ZipFile(out) as z:
        assert z.read("a.xml") == b"<a>" + b"y" * 3000 + b"</a>"
        assert z.getinfo("a.xml").compress_type == zipfile.ZIP_DEFLATED
        assert z.read("b.xml") == b"<b/>"


@pytest.mark.parametrize("pengganti", [None, lambda lama: lama])
def test_missing_part_needs_bytes(pengganti):
    with pytest.raises(KeyError):
        salin(_zip([("a.xml", b"<a/>", zipfile.ZIP_DEFLATED)]), io.BytesIO(), {"b.xml": pengganti})


def _modules():
    for p in sorted((ROOT / "xl_iku").rglob("*.py")):
        yield p.relative_to(ROOT).as_posix(), ast.parse(p.read_text(encoding="utf-8"))


_BELUM: set[str] = set()  # every writer is on the patcher now, excel/pasang.py included


def test_no_module_reaches_into_the_private_zip():
    bad = [(name, n.lineno) for name, tree in _modules() if name not in {"xl_iku/io/package.py", *_BELUM}
           for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "_zf"]
    assert bad == []


def test_one_zip_writer():
    """Only the patcher opens a zip for writing."""
    found = []
    for name, tree in _modules():
        for n in ast.walk(tree):
            if (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "ZipFile"
                    and any(isinstance(a, ast.Constant) and a.value in ("w", "a", "x")
                            for a in list(n.args[1:2]) + [k.value for k in n.keywords if k.arg == "mode"])):
                found.append(name)
    assert sorted(set(found) - _BELUM) == ["xl_iku/io/salin.py"]


def test_berkas_yang_menyusut_saat_disalin_diberi_pesan(tmp_path):
    """A member cut short between the size check and the copy (another program
    saving the workbook meanwhile) is a FileError naming the workbook, never a
    truncated output."""
    from xl_iku.io import salin as S
    from xl_iku.pesan import FileError

    src = tmp_path / "laporan.xlsx"
    with zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/besar.xml", b"<a>" + b"x" * 50_000 + b"</a>")
    zin = zipfile.ZipFile(src)
    info = zin.getinfo("xl/besar.xml")

    class Menyusut:  # reports the full size, then has nothing left to read
        def __init__(self, fp):
            self.fp, self.sisa_baca = fp, 1

        def seek(self, *a):
            return self.fp.seek(*a)

        def tell(self):
            return self.fp.tell()

        def read(self, n=-1):
            if self.sisa_baca:
                self.sisa_baca -= 1
                return self.fp.read(n)  # the 30-byte local header
            return b""

    asli, zin.fp = zin.fp, Menyusut(zin.fp)
    try:
        with zipfile.ZipFile(io.BytesIO(), "w") as zout, pytest.raises(FileError) as e:
            S._copy_raw(zin, zout, info)
    finally:
        zin.fp = asli
        zin.close()
    assert "Buku kerja 'laporan.xlsx' berubah saat sedang dibaca" in str(e.value)


def test_salin_beside_a_reader_on_another_thread():
    """The reader scans parts on a second thread while the main thread copies the
    package (a far-reaching sheet's filtered copy): the raw copy seeks the same
    file, so it must hold the archive's lock, or either side reads the other's
    bytes (Bad CRC-32, seen when the two overlapped)."""
    import threading

    sampel = ROOT / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"
    with Package.open(sampel) as pkg:
        parts = [n for n in pkg.parts if n.endswith(".xml")]
        harap = {n: pkg.read(n) for n in parts}
        berhenti, salah = threading.Event(), []

        def baca():
            while not berhenti.is_set():
                for n in parts:
                    try:
                        if b"".join(pkg.potongan(n, 0)) != harap[n]:
                            salah.append(n)
                    except Exception as e:  # noqa: BLE001 - the failure is what is counted
                        salah.append(f"{n}: {e}")

        t = threading.Thread(target=baca)
        t.start()
        try:
            for _ in range(30):
                buf = io.BytesIO()
                salin(pkg, buf)
                with zipfile.ZipFile(buf) as z:
                    assert z.testzip() is None
        finally:
            berhenti.set()
            t.join()
    assert salah == []
