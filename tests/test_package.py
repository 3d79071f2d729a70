"""Package layer: bad files are refused safely, good workbooks read back."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests import badfiles
from xl_iku.io import package as pkgmod
from xl_iku.io.package import FileError, Package

ROOT = Path(__file__).resolve().parent.parent

# Runs Package.open in a fresh interpreter and reports its message and peak RSS
# (how long a refusal takes is measured by benchmarks/waktu_uji.py).
_CHILD = r"""
import json, resource, sys
from xl_iku.io.package import FileError, Package
out = {}
try:
    Package.open(sys.argv[1]).close()
    out["ok"] = True
except FileError as e:
    out["pesan"] = e.pesan
# ru_maxrss starts at the forking parent's RSS (the pytest worker's, however large
# earlier tests made it); VmHWM is this process's own peak since exec.
try:
    with open("/proc/self/status") as f:
        out["maxrss_mb"] = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024
except (OSError, StopIteration):
    out["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def _digest(p: Path) -> str | None:
    if not p.is_file():
        return None
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _open_in_child(path: Path) -> tuple[dict, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=120,  # stops a hang only
        cwd=ROOT,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout), proc.stderr


@pytest.mark.parametrize("kind", sorted(badfiles.BAD_FILES))
def test_bad_file_refused_bounded(kind, tmp_path):
    gen, words = badfiles.BAD_FILES[kind]
    path = gen(tmp_path)
    before = _digest(path)
    listing = sorted(os.listdir(tmp_path))

    out, stderr = _open_in_child(path)

    assert "ok" not in out, f"{kind}: dibuka tanpa galat"
    pesan = out["pesan"]
    for w in words:
        assert w in pesan, (kind, pesan)
    # one sentence that names the file, no traceback
    assert path.name in pesan
    assert "\n" not in pesan and "Traceback" not in pesan and "Error" not in pesan
    assert pesan.endswith(".")
    assert "Traceback" not in stderr
    # bounded memory: nothing was inflated
    assert out["maxrss_mb"] < 500, out
    # input untouched, nothing written beside it
    assert _digest(path) == before
    assert sorted(os.listdir(tmp_path)) == listing


def test_bad_files_in_process_raise_fileerror(tmp_path):
    """Same kinds in-process: FileError (never another exception type)."""
    for kind, (gen, _words) in badfiles.BAD_FILES.items():
        if kind.startswith("zip_bomb"):
            continue  # covered in a subprocess above; keeps this test fast
        path = gen(tmp_path)
        with pytest.raises(FileError) as ei:
            Package.open(path)
        assert str(ei.value) == ei.value.pesan


def test_xls_generator_is_a_real_cfb(tmp_path):
    import olefile

    p = badfiles.legacy_xls(tmp_path)
    assert olefile.isOleFile(str(p))
    with olefile.OleFileIO(str(p)) as ole:
        assert ole.exists("Workbook")
        assert ole.openstream("Workbook").read(4) == b"\x09\x08\x10\x00"  # BIFF8 BOF


def test_encrypted_generator_is_encrypted(tmp_path):
    import msoffcrypto

    p = badfiles.encrypted(tmp_path)
    with open(p, "rb") as f:
        assert msoffcrypto.OfficeFile(f).is_encrypted()


def test_good_workbook_reads_back(tmp_path):
    path = badfiles.good_xlsx(tmp_path)
    before = _digest(path)
    with Package.open(path) as pkg:
        assert pkg.path == path
        assert "xl/workbook.xml" in pkg.parts
        assert pkg.workbook_part == "xl/workbook.xml"

        names = [s.name for s in pkg.sheets]
        assert names == ["Beranda", "Pengaturan", "SKM", "Rekap Manual", "O'Brien", "Tersembunyi", "SangatTersembunyi"]
        assert [s.index for s in pkg.sheets] == list(range(7))
        assert pkg.sheet("Tersembunyi").state == "hidden"
        assert pkg.sheet("SangatTersembunyi").state == "veryHidden"
        assert pkg.sheet("SKM").state == "visible"
        for s in pkg.sheets:
            assert s.part in pkg.parts
        with pytest.raises(KeyError):
            pkg.sheet("Tidak Ada")

        dn = pkg.defined_names
        assert set(dn) == {"NamaKecamatan", "TahunLaporan", "CatatanRekap", "NilaiObrien"}
        assert (dn["NamaKecamatan"].sheet, dn["NamaKecamatan"].address) == ("Pengaturan", "C5")
        assert (dn["TahunLaporan"].sheet, dn["TahunLaporan"].address) == ("Pengaturan", "C6")
        assert (dn["CatatanRekap"].sheet, dn["CatatanRekap"].address) == ("Rekap Manual", "H2")
        assert dn["CatatanRekap"].raw == "'Rekap Manual'!$H$2"
        assert (dn["NilaiObrien"].sheet, dn["NilaiObrien"].address) == ("O'Brien", "A1")

        t = pkg.tables
        assert set(t) == {"tblSKM", "tblRekapManual"}
        assert t["tblSKM"].sheet == "SKM"
        assert t["tblSKM"].ref == "A3:F5"
        assert t["tblSKM"].header_row_count == 1
        assert t["tblSKM"].columns == ["No", "Tanggal", "Jenis Layanan", "U1", "U2", "Saran"]
        assert t["tblRekapManual"].sheet == "Rekap Manual"
        assert t["tblRekapManual"].ref == "B2:E3"
        assert t["tblRekapManual"].columns == ["Kode", "Pembilang", "Penyebut", "Sumber Data"]
        assert t["tblRekapManual"].part in pkg.parts

        assert pkg.read("/XL/Workbook.xml") == pkg.read("xl/workbook.xml")
        root = pkg.xml(pkg.sheet("SKM").part)
        assert root.tag.endswith("}worksheet")
        with pytest.raises(KeyError):
            pkg.read("xl/tidak_ada.xml")
        pkg.verify()
    assert _digest(path) == before


def test_openpyxl_absolute_targets(tmp_path):
    path = badfiles.good_openpyxl(tmp_path)
    with zipfile.ZipFile(path) as z:
        assert b'Target="/xl/' in z.read("xl/_rels/workbook.xml.rels")
    with Package.open(path) as pkg:
        assert [s.name for s in pkg.sheets] == ["Pengaturan", "Referensi"]
        assert pkg.sheet("Referensi").part == "xl/worksheets/sheet2.xml"
        assert pkg.defined_names["NamaKecamatan"].address == "C5"
        tbl = pkg.tables["tblJenisLayanan"]
        assert tbl.sheet == "Referensi"
        assert tbl.columns == ["Jenis Layanan", "Standar Waktu (Hari Kerja)"]


def test_xml_bomb_in_any_parsed_part(tmp_path):
    path = badfiles.xml_bomb_in_sheet(tmp_path)
    with Package.open(path) as pkg:  # sheets are not parsed at open time
        with pytest.raises(FileError, match="bom XML"):
            pkg.xml(pkg.sheet("Beranda").part)


def test_read_enforces_limit_while_streaming(tmp_path):
    """Even if the headers lie, a read stops at the limit."""
    path = badfiles.good_xlsx(tmp_path)
    with Package.open(path) as pkg:
        part = pkg.sheet("SKM").part
        pkg._zf.open = lambda *a, **k: io.BytesIO(b" " * (3 * pkgmod.MB))  # a stream larger than declared
        with pytest.raises(FileError, match="bom ZIP"):
            pkg.read(part, limit=2 * pkgmod.MB)


def test_declared_total_and_count_limits(tmp_path, monkeypatch):
    path = badfiles.good_xlsx(tmp_path)
    monkeypatch.setattr(pkgmod, "MAX_TOTAL", 1000)
    with pytest.raises(FileError, match="isi arsipnya mengembang"):
        Package.open(path)
    monkeypatch.setattr(pkgmod, "MAX_TOTAL", 1 << 30)
    monkeypatch.setattr(pkgmod, "MAX_PARTS", 3)
    with pytest.raises(FileError, match="bom ZIP"):
        Package.open(path)


def test_malformed_xml_is_fileerror(tmp_path):
    src = badfiles.good_xlsx(tmp_path, "_asal.xlsx")
    dst = badfiles._rewrite_zip(src, tmp_path / "xml_rusak.xlsx", {"xl/workbook.xml": b"<workbook><sheets>"})
    with pytest.raises(FileError, match="bukan XML yang sah"):
        Package.open(dst)


def test_missing_sheet_part_is_fileerror(tmp_path):
    src = badfiles.good_xlsx(tmp_path, "_asal.xlsx")
    dst = tmp_path / "tanpa_lembar.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            if info.filename != "xl/worksheets/sheet3.xml":
                zout.writestr(info, zin.read(info.filename))
    with pytest.raises(FileError, match="'SKM'"):
        Package.open(dst)


def test_found_sama_dengan_pencarian_polos(tmp_path):
    """Package.found (streamed in 1 MB chunks, rare byte first) finds exactly
    what `needle in whole part` finds: needles across a chunk boundary, a
    chunk with the rare byte but no needle, a part without the byte at all."""
    import zipfile

    from xl_iku.io import package as P
    from xl_iku.io.sel_berkas import _NEEDLE_GALAT, _NEEDLE_RUMUS

    needles = _NEEDLE_GALAT + _NEEDLE_RUMUS
    isi_sel = b'<c r="A1" s="3"><v>45300</v></c>' * 70_000  # > 2 MB with neither "e" nor "f"
    assert b"e" not in isi_sel and b"f" not in isi_sel
    batas = P._CHUNK
    bagian = {
        "tanpa": isi_sel,
        "f_saja": isi_sel[:batas - 10] + b"<v>fff</v>" + isi_sel[batas:],
        "lintas_rumus": isi_sel[:batas - 2] + b"<f/>" + isi_sel[batas:],  # "f" before the boundary, "/>" after
        "lintas_galat": isi_sel[:batas - 3] + b' t="e"' + isi_sel[batas:],
        "awalan": isi_sel[:5] + b'<x:c t="e"><x:f/>' + isi_sel[5:],
    }
    path = tmp_path / "p.xlsx"
    template = Path(__file__).resolve().parent.parent / "workbook" / "IKU_template.xlsx"
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info, src.read(info))
        for nama, data in bagian.items():
            z.writestr(f"xl/{nama}.xml", data)
    with P.Package.open(path) as pkg:
        for nama, data in bagian.items():
            assert pkg.found(f"xl/{nama}.xml", needles) == {n for n in needles if n in data}, nama


def test_program_error_is_not_reported_as_a_damaged_file(monkeypatch):
    """A bug while reading a sound workbook surfaces as the bug, never as
    "the file is damaged" (which would send the user to fix a good file)."""
    sample = ROOT / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"

    def rusak(self, part, sheet):
        raise AttributeError("bug in _table")

    monkeypatch.setattr(Package, "_table", rusak)
    with pytest.raises(AttributeError, match="bug in _table"):
        Package.open(sample)


def test_part_named_but_absent_is_a_damaged_file(tmp_path):
    """The workbook names a sheet whose part its relationships point to, but the
    relationships part itself is missing: still a damaged file, in one sentence."""
    sample = ROOT / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"
    rusak = tmp_path / "tanpa_rels.xlsx"
    with zipfile.ZipFile(sample) as zin, zipfile.ZipFile(rusak, "w") as zout:
        for info in zin.infolist():
            if info.filename != "xl/_rels/workbook.xml.rels":
                zout.writestr(info, zin.read(info))
    with pytest.raises(FileError) as e:
        Package.open(rusak)
    assert "tanpa_rels.xlsx" in e.value.pesan and "Traceback" not in e.value.pesan
