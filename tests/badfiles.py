"""Generators of good and bad workbook files for the package/atomic tests.

Every function takes a folder, writes one file into it and returns its Path.
All of them are fast (well under a few seconds) and keep the file on disk
small, even the 2 GiB zip bomb (about 2 MB on disk).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import xlsxwriter

# ---------------------------------------------------------------- good files


def good_xlsx(folder: Path, name: str = "baik.xlsx") -> Path:
    """A valid workbook: two tables, defined names (incl. quoted sheet names),
    a hidden and a very hidden sheet, a sheet-local name and a range name."""
    path = Path(folder) / name
    wb = xlsxwriter.Workbook(str(path))
    beranda = wb.add_worksheet("Beranda")
    beranda.write("A1", "IKU Kecamatan")
    peng = wb.add_worksheet("Pengaturan")
    peng.write("B5", "Nama Kecamatan")
    peng.write("C5", "Bathin Solapan")
    peng.write("C6", 2024)
    skm = wb.add_worksheet("SKM")
    headers = ["No", "Tanggal", "Jenis Layanan", "U1", "U2", "Saran"]
    skm.add_table(
        "A3:F5",
        {
            "name": "tblSKM",
            "columns": [{"header": h} for h in headers],
            "data": [[1, "2024-01-02", "KTP", 4, 3, ""], [2, "2024-01-03", "KK", 3, 3, "baik"]],
        },
    )
    rekap = wb.add_worksheet("Rekap Manual")
    rekap.add_table(
        "B2:E3",
        {
            "name": "tblRekapManual",
            "columns": [{"header": h} for h in ["Kode", "Pembilang", "Penyebut", "Sumber Data"]],
        },
    )
    rekap.write("H2", "catatan")
    ob = wb.add_worksheet("O'Brien")
    ob.write("A1", 1)
    hid = wb.add_worksheet("Tersembunyi")
    hid.hide()
    vh = wb.add_worksheet("SangatTersembunyi")
    vh.very_hidden()
    wb.define_name("NamaKecamatan", "=Pengaturan!$C$5")
    wb.define_name("TahunLaporan", "='Pengaturan'!$C$6")
    wb.define_name("CatatanRekap", "='Rekap Manual'!$H$2")
    wb.define_name("NilaiObrien", "='O''Brien'!$A$1")
    wb.define_name("RentangSKM", "=SKM!$A$3:$F$5")  # a range: not a single cell
    wb.define_name("SKM!Lokal", "=SKM!$A$1")  # sheet-scoped: excluded
    wb.define_name("Konstanta", "=42")  # not a cell reference
    wb.close()
    return path


def good_openpyxl(folder: Path, name: str = "openpyxl.xlsx") -> Path:
    """A workbook written by openpyxl (absolute '/xl/...' relationship targets)."""
    from openpyxl import Workbook
    from openpyxl.workbook.defined_name import DefinedName as OpxName
    from openpyxl.worksheet.table import Table

    path = Path(folder) / name
    wb = Workbook()
    ws = wb.active
    ws.title = "Pengaturan"
    ws["C5"] = "Bathin Solapan"
    ref = wb.create_sheet("Referensi")
    ref.append(["Jenis Layanan", "Standar Waktu (Hari Kerja)"])
    ref.append(["KTP", 3])
    ref.add_table(Table(displayName="tblJenisLayanan", ref="A1:B2"))
    wb.defined_names["NamaKecamatan"] = OpxName("NamaKecamatan", attr_text="Pengaturan!$C$5")
    wb.save(path)
    return path


def _rewrite_zip(src: Path, dst: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = replace.get(info.filename, zin.read(info.filename))
            zout.writestr(info.filename, data)
    return dst


# ---------------------------------------------------------------- bad files


def missing(folder: Path) -> Path:
    return Path(folder) / "tidak_ada.xlsx"


def a_folder(folder: Path) -> Path:
    p = Path(folder) / "folder.xlsx"
    p.mkdir(exist_ok=True)
    return p


def empty(folder: Path) -> Path:
    p = Path(folder) / "kosong.xlsx"
    p.write_bytes(b"")
    return p


def _cfb(streams: dict[str, bytes]) -> bytes:
    """A minimal compound file (CFB v3, 512-byte sectors, regular FAT only).

    Each stream must be at least 4096 bytes (so no mini stream is needed).
    Supports up to 3 streams and ~60 KB in total, plenty for a test file.
    """
    SECT = 512
    FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    names = list(streams)
    assert 1 <= len(names) <= 3
    fat = [FATSECT, END]  # sector 0 = FAT, sector 1 = directory
    starts, body = [], b""
    for n in names:
        data = streams[n]
        assert len(data) >= 4096
        data = data + b"\x00" * (-len(data) % SECT)
        k = len(data) // SECT
        first = len(fat)
        starts.append(first)
        fat.extend(list(range(first + 1, first + k)) + [END])
        body += data
    assert len(fat) <= 128
    fat += [FREE] * (128 - len(fat))

    def entry(name: str, typ: int, child: int, right: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        return (
            raw.ljust(64, b"\x00")
            + struct.pack("<HBB", len(raw), typ, 1)  # colour black
            + struct.pack("<III", NOSTREAM, right, child)
            + b"\x00" * 16  # CLSID
            + struct.pack("<I", 0)  # state bits
            + b"\x00" * 16  # times
            + struct.pack("<IQ", start, size)
        )

    # Siblings chained to the right; fine for olefile and Excel's tolerance.
    dirs = [entry("Root Entry", 5, 1, NOSTREAM, END, 0)]
    for i, n in enumerate(names):
        right = i + 2 if i + 1 < len(names) else NOSTREAM
        dirs.append(entry(n, 2, NOSTREAM, right, starts[i], len(streams[n])))
    while len(dirs) < 4:
        dirs.append(b"\x00" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM) + b"\x00" * 48)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", FREE) * 108
    )
    assert len(header) == 512
    return header + struct.pack("<128I", *fat) + b"".join(dirs) + body


def _biff8_workbook_stream() -> bytes:
    def rec(typ: int, data: bytes) -> bytes:
        return struct.pack("<HH", typ, len(data)) + data

    bof = rec(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0x41, 0x06))
    codepage = rec(0x0042, struct.pack("<H", 1200))
    eof = rec(0x000A, b"")
    data = bof + codepage + eof
    return data + b"\x00" * (4096 - len(data))


def legacy_xls(folder: Path) -> Path:
    """A BIFF8 .xls: an OLE compound file with a 'Workbook' stream."""
    p = Path(folder) / "lama.xls"
    p.write_bytes(_cfb({"Workbook": _biff8_workbook_stream()}))
    return p


def legacy_xls_renamed(folder: Path) -> Path:
    p = Path(folder) / "lama_diganti.xlsx"
    p.write_bytes(_cfb({"Workbook": _biff8_workbook_stream()}))
    return p


def encrypted(folder: Path) -> Path:
    """A real xlsx encrypted with a password by msoffcrypto-tool (OLE container)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    src = good_xlsx(folder, "_polos.xlsx")
    p = Path(folder) / "bersandi.xlsx"
    with open(src, "rb") as f, open(p, "wb") as out:
        OOXMLFile(f).encrypt("rahasia", out)
    src.unlink()
    return p


def ods(folder: Path, name: str = "lembar.ods") -> Path:
    p = Path(folder) / name
    content = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">'
        b"<office:body><office:spreadsheet><table:table table:name=\"Sheet1\"/></office:spreadsheet></office:body>"
        b"</office:document-content>"
    )
    manifest = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        b'<manifest:file-entry manifest:full-path="/" '
        b'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        b"</manifest:manifest>"
    )
    with zipfile.ZipFile(p, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return p


def ods_renamed(folder: Path) -> Path:
    return ods(folder, "lembar_ods.xlsx")


def csv_renamed(folder: Path) -> Path:
    p = Path(folder) / "data_csv.xlsx"
    p.write_text(
        "No;Tanggal;Jenis Layanan;U1;U2\n1;02/01/2024;KTP;4;3\n2;03/01/2024;Kartu Keluarga;3;3\n",
        encoding="utf-8",
    )
    return p


def html_renamed(folder: Path) -> Path:
    p = Path(folder) / "ekspor.xlsx"
    p.write_text("<html><body><table><tr><td>1</td></tr></table></body></html>", encoding="utf-8")
    return p


def random_binary(folder: Path) -> Path:
    import random

    p = Path(folder) / "acak.xlsx"
    p.write_bytes(b"\x7fELF" + random.Random(7).randbytes(4000))
    return p


def truncated(folder: Path) -> Path:
    src = good_xlsx(folder, "_utuh.xlsx")
    data = src.read_bytes()
    src.unlink()
    p = Path(folder) / "terpotong.xlsx"
    p.write_bytes(data[: len(data) // 2])
    return p


def corrupt_part(folder: Path) -> Path:
    """Central directory intact, but xl/workbook.xml's deflate data is garbled."""
    src = good_xlsx(folder, "_utuh2.xlsx")
    data = bytearray(src.read_bytes())
    src.unlink()
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("xl/workbook.xml")
    off = info.header_offset
    nlen, elen = struct.unpack("<HH", data[off + 26 : off + 30])
    start = off + 30 + nlen + elen
    for i in range(start + 4, start + min(info.compress_size, 200) - 4):
        data[i] ^= 0x5A
    p = Path(folder) / "rusak.xlsx"
    p.write_bytes(bytes(data))
    return p


def plain_zip(folder: Path) -> Path:
    p = Path(folder) / "arsip.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("catatan.txt", "bukan buku kerja")
    return p


def no_workbook_part(folder: Path) -> Path:
    """Has [Content_Types].xml and _rels but no xl/workbook.xml."""
    src = good_xlsx(folder, "_utuh3.xlsx")
    p = Path(folder) / "tanpa_workbook.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "xl/workbook.xml":
                zout.writestr(info.filename, zin.read(info.filename))
    src.unlink()
    return p


def no_content_types(folder: Path) -> Path:
    src = good_xlsx(folder, "_utuh4.xlsx")
    p = Path(folder) / "tanpa_content_types.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "[Content_Types].xml":
                zout.writestr(info.filename, zin.read(info.filename))
    src.unlink()
    return p


def docx_renamed(folder: Path) -> Path:
    p = Path(folder) / "dokumen.xlsx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>',
        )
        z.writestr("word/document.xml", "<w:document xmlns:w='urn:x'/>")
    return p


_BILLION_LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, b"".join(b"&lol%d;" % (i - 1) for _ in range(10))) for i in range(2, 10)
    )
    + b"]>"
)


def xml_bomb(folder: Path) -> Path:
    """A valid xlsx whose xl/workbook.xml carries a billion-laughs DOCTYPE."""
    src = good_xlsx(folder, "_utuh5.xlsx")
    with zipfile.ZipFile(src) as z:
        wb = z.read("xl/workbook.xml")
    decl_end = wb.index(b"?>") + 2
    bombed = wb[:decl_end] + _BILLION_LAUGHS + wb[decl_end:]
    bombed = bombed.replace(b'name="Beranda"', b'name="&lol9;"', 1)
    p = _rewrite_zip(src, Path(folder) / "bom_xml.xlsx", {"xl/workbook.xml": bombed})
    src.unlink()
    return p


def xml_flood(folder: Path) -> Path:
    """xl/workbook.xml padded with 1.1 million empty elements (4 MB, no DTD):
    must be refused quickly instead of being walked element by element."""
    src = good_xlsx(folder, "_utuh7.xlsx")
    with zipfile.ZipFile(src) as z:
        wb = z.read("xl/workbook.xml")
    i = wb.index(b"<sheets>")
    p = _rewrite_zip(src, Path(folder) / "banjir_xml.xlsx", {"xl/workbook.xml": wb[:i] + b"<x/>" * 1_100_000 + wb[i:]})
    src.unlink()
    return p


def xml_bomb_in_sheet(folder: Path) -> Path:
    """Opens fine (sheets are not parsed at open) but Package.xml(sheet) must refuse."""
    src = good_xlsx(folder, "_utuh6.xlsx")
    with zipfile.ZipFile(src) as z:
        sh = z.read("xl/worksheets/sheet1.xml")
    decl_end = sh.index(b"?>") + 2
    p = _rewrite_zip(src, Path(folder) / "bom_xml_lembar.xlsx", {"xl/worksheets/sheet1.xml": sh[:decl_end] + _BILLION_LAUGHS + sh[decl_end:]})
    src.unlink()
    return p


# ---------------------------------------------------------------- zip bombs

_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_R = b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _skeleton_parts() -> dict[str, bytes]:
    return {
        "[Content_Types].xml": b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        b'<Default Extension="xml" ContentType="application/xml"/>'
        b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        b"</Types>",
        "_rels/.rels": b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        b"</Relationships>",
        "xl/workbook.xml": b'<?xml version="1.0" encoding="UTF-8"?><workbook ' + _NS + b" " + _R + b'>'
        b'<sheets><sheet name="SKM" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        b"</Relationships>",
    }


def _deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def _repeated_deflate(prefix: bytes, chunk: bytes, times: int, suffix: bytes) -> tuple[bytes, int, int]:
    """Raw deflate of prefix + chunk*times + suffix without compressing it all.

    A full flush byte-aligns the stream and resets the dictionary, so the
    compressed form of `chunk` is the same every time and can be repeated.
    Returns (compressed, crc32, uncompressed size).
    """
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    assert block == again
    tail = c.compress(suffix) + c.flush()
    crc = zlib.crc32(prefix)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(suffix, crc)
    return head + block * times + tail, crc, len(prefix) + len(chunk) * times + len(suffix)


def _write_raw_zip(path: Path, entries: list[tuple[str, bytes, int, int]]) -> Path:
    """A zip written by hand: entries are (name, raw deflate data, crc32, declared size)."""
    out = io.BytesIO()
    central = b""
    for name, comp, crc, usize in entries:
        off = out.tell()
        n = name.encode()
        hdr = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(comp), usize, len(n), 0)
        out.write(hdr + n + comp)
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(comp), usize, len(n), 0, 0, 0, 0, 0, off
        ) + n
    cd_off = out.tell()
    out.write(central)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), cd_off, 0))
    path.write_bytes(out.getvalue())
    return path


def _bomb_zip(path: Path, bomb_part: str, size: int, *, lie: int | None = None) -> Path:
    parts = _skeleton_parts()
    chunk = b" " * (1 << 20)
    if bomb_part == "xl/worksheets/sheet1.xml":
        prefix = b'<?xml version="1.0" encoding="UTF-8"?><worksheet ' + _NS + b"><sheetData>"
        suffix = b"</sheetData></worksheet>"
    else:  # the workbook part: whitespace inside <sheets>
        wb = parts[bomb_part]
        i = wb.index(b"<sheets>") + len(b"<sheets>")
        prefix, suffix = wb[:i], wb[i:]
    comp, crc, usize = _repeated_deflate(prefix, chunk, size >> 20, suffix)
    entries = []
    for name, data in parts.items():
        if name == bomb_part:
            entries.append((name, comp, crc, usize if lie is None else lie))
        else:
            entries.append((name, _deflate(data), zlib.crc32(data), len(data)))
    if bomb_part not in parts:
        entries.append((bomb_part, comp, crc, usize if lie is None else lie))
    return _write_raw_zip(path, entries)


def zip_bomb(folder: Path) -> Path:
    """An xlsx whose sheet part inflates to 2 GiB of whitespace XML (~2 MB on disk)."""
    return _bomb_zip(Path(folder) / "bom_zip.xlsx", "xl/worksheets/sheet1.xml", 2048 << 20)


def zip_bomb_ratio(folder: Path) -> Path:
    """Under the per-part limit (150 MiB) but compressed ~1000:1."""
    return _bomb_zip(Path(folder) / "bom_zip_rasio.xlsx", "xl/worksheets/sheet1.xml", 150 << 20)


def zip_bomb_lying(folder: Path) -> Path:
    """The workbook part declares 2 KB but its data inflates to 1 GiB:
    reading must stop at the declared size (and the CRC then fails)."""
    return _bomb_zip(Path(folder) / "bom_zip_bohong.xlsx", "xl/workbook.xml", 1024 << 20, lie=2048)


# name → (generator, words expected in the message)
BAD_FILES = {
    "missing": (missing, ["tidak ditemukan"]),
    "folder": (a_folder, ["folder"]),
    "empty": (empty, ["kosong"]),
    "xls": (legacy_xls, [".xls", "BIFF"]),
    "xls_renamed": (legacy_xls_renamed, [".xls", "BIFF"]),
    "encrypted": (encrypted, ["kata sandi"]),
    "ods": (ods, [".ods"]),
    "ods_renamed": (ods_renamed, [".ods"]),
    "csv": (csv_renamed, ["teks/CSV"]),
    "html": (html_renamed, ["HTML"]),
    "binary": (random_binary, ["tidak dikenali"]),
    "truncated": (truncated, ["rusak", "terpotong"]),
    "corrupt_part": (corrupt_part, ["rusak"]),
    "plain_zip": (plain_zip, ["arsip ZIP biasa"]),
    "no_workbook": (no_workbook_part, ["xl/workbook.xml"]),
    "no_content_types": (no_content_types, ["[Content_Types].xml"]),
    "docx": (docx_renamed, ["Word"]),
    "xml_bomb": (xml_bomb, ["bom XML"]),
    "xml_flood": (xml_flood, ["bom XML", "tidak wajar"]),
    "zip_bomb": (zip_bomb, ["bom ZIP"]),
    "zip_bomb_ratio": (zip_bomb_ratio, ["bom ZIP", "rasio"]),
    "zip_bomb_lying": (zip_bomb_lying, ["rusak"]),
}
