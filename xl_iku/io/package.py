"""Safe, read-only view of an .xlsx/.xlsm package (the zip and its XML parts).

`Package.open` refuses every file a user can throw at the tool that is not a
usable Excel workbook — a missing path, a folder, a legacy .xls, an encrypted
workbook, an .ods, a CSV renamed to .xlsx, a truncated zip, a zip bomb, an XML
bomb, a zip that is not a workbook — with a `FileError` carrying ONE
Indonesian sentence that names the file (CLI exit 2).  It does so in bounded
time and memory:

* zip: the central directory size and entry count are checked before
  `zipfile` reads it; every entry's declared uncompressed size, the sum of
  them and the compression ratio are checked before anything is inflated;
  every read is streamed and stops at a hard limit whatever the headers say.
* XML: parts are parsed with lxml hardened (no entity resolution, no DTD
  loading, no network, `huge_tree=False`); a DOCTYPE/ENTITY anywhere in the
  prolog is refused before the parser sees it, and checked again after.  The
  structural parts read at open time are parsed incrementally (iterparse,
  clearing as it goes), so even an XML file made of millions of empty
  elements cannot blow up memory.

The file is only ever opened for reading; nothing here writes.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote

from lxml import etree

from ..dasar.ooxml import angka_teks, lokal as _localname
from ..pesan import FileError

# ---------------------------------------------------------------- limits

MB = 1024 * 1024
MAX_PART = 200 * MB  # one part, inflated
MAX_TOTAL = 1024 * MB  # all parts together, inflated (declared sizes)
MAX_META_PART = 16 * MB  # structural parts parsed at open time (rels, workbook, tables)
MAX_META_ELEMENTS = 1_000_000  # '<' count allowed in one structural part
MAX_PARTS = 20_000  # zip entries
MAX_CENTRAL_DIR = 8 * MB  # bytes of zip central directory
MAX_RATIO = 250  # inflated / compressed, checked for parts above RATIO_MIN_SIZE
RATIO_MIN_SIZE = 8 * MB
_CHUNK = 1 * MB
# Bytes frequent in worksheet XML (tags, attributes, digits, quotes): a needle
# is first looked for by one of its other bytes.
_FREQUENT = frozenset(b'<>/="\' 0123456789.:-crvstnow')


def _rare(needle: bytes) -> bytes:
    """The needle's first byte that is not frequent in sheet XML (or its first)."""
    return next((bytes([c]) for c in needle if c not in _FREQUENT), needle[:1])


def cari_di(window: bytes, needles: tuple[bytes, ...], hits: set[bytes]) -> None:
    """Add to `hits` the needles found in `window`.  A needle's rarest byte
    first (one memchr): cell data written with shared strings rarely holds an
    "f" or "e" at all, and a multi-byte `in` costs several times a
    single-byte one."""
    present = {b: b in window for b in {_rare(n) for n in needles}}
    hits.update(n for n in needles if n not in hits and present[_rare(n)] and n in window)

# ---------------------------------------------------------------- errors


# FileError (exit 2) lives with every other user-facing error in `pesan`.


def _lepas(el) -> None:
    """Free a parsed element and its earlier siblings, so streaming a huge
    part keeps memory flat."""
    el.clear()
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


# ---------------------------------------------------------------- records


@dataclass
class SheetInfo:
    name: str
    part: str  # e.g. 'xl/worksheets/sheet3.xml'
    state: str  # 'visible' | 'hidden' | 'veryHidden'
    index: int  # 0-based order in workbook.xml


@dataclass
class TableInfo:
    name: str
    sheet: str
    part: str
    ref: str  # 'A3:Q20'
    header_row_count: int
    columns: list[str] = field(default_factory=list)
    # Excel's Total Row (the last row of `ref`): never data (KONTRAK §2).
    totals_row_count: int = 0


@dataclass
class DefinedName:
    name: str
    sheet: str
    address: str  # 'C5' (no $)
    raw: str  # the formula text as stored, e.g. "'Pengaturan'!$C$5"


@dataclass
class Relationship:
    id: str
    type: str  # full relationship type URI
    target: str  # resolved part name (no leading '/'), or the raw URI if external
    external: bool


# ---------------------------------------------------------------- constants

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODF_SPREADSHEET = "application/vnd.oasis.opendocument.spreadsheet"
_REL_OFFICE_DOC = "/officeDocument"  # suffix of the (transitional or strict) type
_REL_WORKSHEET_TYPES = ("/worksheet", "/chartsheet", "/dialogsheet", "/xlMacrosheet", "/xlIntlMacrosheet")
_REL_TABLE = "/table"

# A definedName that is a single cell on one sheet: Sheet!$C$5 or 'Rekap Manual'!$C$5
_SINGLE_CELL = re.compile(
    r"^=?(?:'(?P<q>(?:[^']|'')+)'|(?P<u>[^'!:\[\]\s]+))!\$?(?P<col>[A-Za-z]{1,3})\$?(?P<row>[0-9]{1,7})$"
)
_XESC = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _mb(n: int) -> str:
    return angka_teks(n / MB, 0) + " MB"


def _attr_local(el, local: str) -> str | None:
    """Attribute by local name in any namespace (r:id, strict or transitional)."""
    for k, v in el.attrib.items():
        if k.rsplit("}", 1)[-1] == local and k.startswith("{"):
            return v
    return None


def _decode_xesc(s: str) -> str:
    """OOXML escapes characters in names as _xHHHH_ (e.g. _x000a_ = newline)."""
    return _XESC.sub(lambda m: chr(int(m.group(1), 16)), s)


def _rels_part_of(part: str) -> str:
    d, name = posixpath.split(part)
    return posixpath.join(d, "_rels", name + ".rels")


def _resolve_target(source_part: str, target: str) -> str | None:
    target = unquote(target.strip()).replace("\\", "/")
    if target.startswith("/"):
        resolved = posixpath.normpath(target.lstrip("/"))
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))
    if resolved.startswith("..") or resolved in (".", ""):
        return None
    return resolved


def _prolog_has_doctype(data: bytes) -> bool:
    """True when the XML prolog carries a DOCTYPE (where entities live)."""
    head = data[: 256 * 1024]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:2] in (b"<\x00", b"\x00<"):
        if head.startswith(b"\xff\xfe") or head[:2] == b"<\x00":
            enc = "utf-16-le"
        else:
            enc = "utf-16-be"
        start = 2 if head[:2] in (b"\xff\xfe", b"\xfe\xff") else 0
        body = head[start:]
        text = body[: len(body) // 2 * 2].decode(enc, errors="replace")
    else:
        text = head.decode("latin-1")
        if text.startswith("\xef\xbb\xbf"):
            text = text[3:]
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if text.startswith("<?", i):
            j = text.find("?>", i)
            if j < 0:
                return False
            i = j + 2
        elif text.startswith("<!--", i):
            j = text.find("-->", i)
            if j < 0:
                return False
            i = j + 3
        elif text.startswith("<!", i):
            return True  # <!DOCTYPE ...> (or any other markup declaration)
        else:
            return False
    return False


def _has_entity_decl(data: bytes) -> bool:
    # Belt and braces for oddly encoded files: a bare <!ENTITY or <!DOCTYPE
    # anywhere is never legitimate in an OOXML part.
    return b"<!DOCTYPE" in data or b"<!ENTITY" in data


# Untrusted XML: no entities, no DTD, no network, no huge trees.
_KERAS = dict(resolve_entities=False, load_dtd=False, dtd_validation=False, no_network=True, huge_tree=False,
              remove_comments=True, remove_pis=True)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(**_KERAS)


def _looks_like_text(head: bytes) -> str | None:
    """Decode a file head as text if it plausibly is text, else None."""
    if not head:
        return None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            enc = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
            body = head[2:]
            return body[: len(body) // 2 * 2].decode(enc)
        except UnicodeDecodeError:
            return None
    if b"\x00" in head:
        return None
    text = None
    for cut in range(4):  # the head may end inside a multi-byte character
        try:
            text = head[: len(head) - cut].decode("utf-8")
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        text = head.decode("cp1252", errors="replace")
    text = text.lstrip("\ufeff")
    if not text:
        return None
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
    return text if printable / len(text) >= 0.95 else None


def _eocd_counts(fp, size: int) -> tuple[int, int] | None:
    """(entries, central directory bytes) from the zip's end record, or None."""
    tail_len = min(size, 65_535 + 22)
    fp.seek(size - tail_len)
    tail = fp.read(tail_len)
    pos = tail.rfind(b"PK\x05\x06")
    if pos < 0 or len(tail) - pos < 22:
        return None
    entries, cd_size = struct.unpack("<HI", tail[pos + 10 : pos + 16])
    if entries == 0xFFFF or cd_size == 0xFFFFFFFF:
        loc = pos - 20
        if loc >= 0 and tail[loc : loc + 4] == b"PK\x06\x07":
            (z64_off,) = struct.unpack("<Q", tail[loc + 8 : loc + 16])
            if 0 <= z64_off < size:
                fp.seek(z64_off)
                rec = fp.read(56)
                if len(rec) == 56 and rec[:4] == b"PK\x06\x06":
                    entries, cd_size = struct.unpack("<QQ", rec[32:48])
    return entries, cd_size


# ---------------------------------------------------------------- package


class Package:
    """An opened .xlsx/.xlsm package: parts, sheets, defined names, tables.

    Use `Package.open(path)` (also a context manager).  The zip stays open
    for reading until `close()`; close it before replacing the file.
    """

    path: Path
    parts: list[str]
    workbook_part: str
    sheets: list[SheetInfo]
    defined_names: dict[str, DefinedName]
    tables: dict[str, TableInfo]

    def __init__(self, path: Path, zf: zipfile.ZipFile):
        self.path = path
        self._zf = zf
        self.parts = [i.filename for i in zf.infolist()]
        self._infos = {i.filename: i for i in zf.infolist()}
        self._lower = {}
        for name in self.parts:
            self._lower.setdefault(name.lower(), name)
        self.workbook_part = "xl/workbook.xml"
        self.sheets = []
        self.defined_names = {}
        self.tables = {}
        self._rels_cache: dict[str, list[Relationship]] = {}

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, path) -> "Package":
        p = Path(path)
        nama = p.name or str(p)
        try:
            if not p.exists():
                raise FileError(f"Berkas '{path}' tidak ditemukan.")
            if p.is_dir():
                raise FileError(f"'{nama}' adalah folder, bukan berkas buku kerja Excel (.xlsx).")
            if not p.is_file():
                raise FileError(f"'{nama}' bukan berkas biasa, jadi tidak dapat dibaca sebagai buku kerja Excel (.xlsx).")
            size = p.stat().st_size
            if size == 0:
                raise FileError(f"Berkas '{nama}' kosong (0 bita), bukan buku kerja Excel (.xlsx).")
            with open(p, "rb") as fh:
                head = fh.read(8192)
            if head.startswith(_OLE_MAGIC):
                raise cls._classify_ole(p, nama)
            if not head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
                raise cls._classify_other(head, nama)
            fp = open(p, "rb")
        except FileError:
            raise
        except PermissionError:
            raise FileError(f"Berkas '{nama}' tidak dapat dibaca: izin ditolak.") from None
        except OSError as e:
            raise FileError(f"Berkas '{nama}' tidak dapat dibaca ({e.strerror or 'galat sistem'}).") from None

        try:
            counts = _eocd_counts(fp, size)
            if counts is not None:
                entries, cd_size = counts
                if entries > MAX_PARTS or cd_size > MAX_CENTRAL_DIR:
                    raise FileError(
                        f"Berkas '{nama}' ditolak: arsip ZIP-nya berisi {entries} bagian, "
                        f"jauh melebihi buku kerja yang wajar (kemungkinan bom ZIP)."
                    )
            fp.seek(0)
            try:
                zf = zipfile.ZipFile(fp)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, struct.error, OSError):
                raise FileError(f"Berkas '{nama}' rusak atau terpotong: arsip ZIP-nya tidak utuh.") from None
            pkg = cls(p, zf)
            pkg._fp = fp
            pkg._check_zip(nama)
            pkg._check_kind(nama)
            pkg._load(nama)
            return pkg
        except FileError:
            fp.close()
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, struct.error, NotImplementedError, RuntimeError, ValueError, OSError):
            fp.close()
            raise FileError(f"Berkas '{nama}' rusak atau terpotong: arsip ZIP-nya tidak utuh.") from None
        except (KeyError, etree.LxmlError):  # a part the structure names is absent; XML lxml cannot take
            fp.close()
            raise FileError(f"Berkas '{nama}' rusak: strukturnya tidak dapat dibaca sebagai buku kerja Excel (.xlsx).") from None
        except BaseException:  # a program error stays one (no "the file is damaged"), the file is closed
            fp.close()
            raise

    @staticmethod
    def _classify_ole(p: Path, nama: str) -> FileError:
        import olefile

        try:
            with olefile.OleFileIO(str(p)) as ole:
                streams = {"/".join(s).lower() for s in ole.listdir(streams=True, storages=True)}
        except Exception:
            return FileError(f"Berkas '{nama}' adalah berkas Office lama (format OLE) yang rusak, bukan buku kerja Excel (.xlsx).")
        if "encryptedpackage" in streams or "encryptioninfo" in streams:
            return FileError(
                f"Berkas '{nama}' dilindungi kata sandi (terenkripsi); buka di Excel, hapus kata sandinya, "
                f"simpan, lalu jalankan lagi."
            )
        if "workbook" in streams or "book" in streams:
            return FileError(
                f"Berkas '{nama}' adalah buku kerja Excel lama (.xls, format BIFF); buka di Excel lalu simpan "
                f"ulang sebagai .xlsx."
            )
        if "worddocument" in streams:
            return FileError(f"Berkas '{nama}' adalah dokumen Word lama (.doc), bukan buku kerja Excel (.xlsx).")
        return FileError(f"Berkas '{nama}' adalah berkas Office lama (format OLE), bukan buku kerja Excel (.xlsx).")

    @staticmethod
    def _classify_other(head: bytes, nama: str) -> FileError:
        if head[:2] in (b"\x09\x00", b"\x09\x02", b"\x09\x04", b"\x09\x08") and len(head) >= 4:
            return FileError(
                f"Berkas '{nama}' adalah buku kerja Excel lama (.xls, format BIFF); buka di Excel lalu simpan "
                f"ulang sebagai .xlsx."
            )
        if head.startswith(b"%PDF"):
            return FileError(f"Berkas '{nama}' adalah dokumen PDF, bukan buku kerja Excel (.xlsx).")
        text = _looks_like_text(head)
        if text is not None:
            low = text.lstrip().lower()[:4096]
            if "urn:schemas-microsoft-com:office:spreadsheet" in low:
                return FileError(
                    f"Berkas '{nama}' bukan buku kerja Excel (.xlsx): isinya XML Spreadsheet 2003; buka di Excel "
                    f"lalu simpan ulang sebagai .xlsx."
                )
            if low.startswith(("<!doctype html", "<html")) or "<html" in low[:1024] or "<table" in low[:1024]:
                return FileError(f"Berkas '{nama}' bukan buku kerja Excel (.xlsx): isinya halaman HTML yang diganti namanya.")
            return FileError(f"Berkas '{nama}' bukan buku kerja Excel (.xlsx): isinya teks/CSV yang diganti namanya.")
        return FileError(f"Berkas '{nama}' bukan buku kerja Excel (.xlsx): formatnya tidak dikenali.")

    def _check_zip(self, nama: str) -> None:
        infos = self._zf.infolist()
        if len(infos) > MAX_PARTS:
            raise FileError(
                f"Berkas '{nama}' ditolak: arsip ZIP-nya berisi {len(infos)} bagian, jauh melebihi buku kerja "
                f"yang wajar (kemungkinan bom ZIP)."
            )
        if len(self._lower) != len(infos):
            raise FileError(f"Berkas '{nama}' rusak: arsip ZIP-nya memuat bagian dengan nama ganda.")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise FileError(
                    f"Berkas '{nama}' memakai arsip ZIP bersandi, bukan buku kerja Excel (.xlsx) yang dapat dibaca."
                )
            if info.file_size > MAX_PART:
                raise FileError(
                    f"Berkas '{nama}' ditolak: bagian '{info.filename}' mengembang menjadi {_mb(info.file_size)} "
                    f"saat dibuka, melebihi batas {_mb(MAX_PART)} (kemungkinan bom ZIP)."
                )
            if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                ratio = info.file_size // max(info.compress_size, 1)
                raise FileError(
                    f"Berkas '{nama}' ditolak: bagian '{info.filename}' dimampatkan dengan rasio {ratio}:1 yang "
                    f"tidak wajar (kemungkinan bom ZIP)."
                )
            total += info.file_size
        if total > MAX_TOTAL:
            raise FileError(
                f"Berkas '{nama}' ditolak: isi arsipnya mengembang menjadi {_mb(total)} saat dibuka, melebihi "
                f"batas {_mb(MAX_TOTAL)} (kemungkinan bom ZIP)."
            )

    def _check_kind(self, nama: str) -> None:
        """Is this zip an OOXML spreadsheet?  Classify what it is if not."""
        if "mimetype" in self._lower:
            mime = self.read("mimetype", limit=4096).decode("ascii", errors="replace").strip()
            if mime.startswith(_ODF_SPREADSHEET):
                raise FileError(
                    f"Berkas '{nama}' adalah lembar kerja OpenDocument (.ods), bukan buku kerja Excel (.xlsx); "
                    f"buka lalu simpan ulang sebagai .xlsx."
                )
            if mime.startswith("application/vnd.oasis.opendocument"):
                raise FileError(f"Berkas '{nama}' adalah dokumen OpenDocument, bukan buku kerja Excel (.xlsx).")
        if "content.xml" in self._lower and "meta-inf/manifest.xml" in self._lower:
            raise FileError(
                f"Berkas '{nama}' adalah lembar kerja OpenDocument (.ods), bukan buku kerja Excel (.xlsx); "
                f"buka lalu simpan ulang sebagai .xlsx."
            )
        if "[content_types].xml" not in self._lower:
            if any(n.startswith("xl/") for n in self._lower):
                raise FileError(
                    f"Berkas '{nama}' rusak: bagian [Content_Types].xml tidak ada, jadi bukan buku kerja Excel "
                    f"(.xlsx) yang utuh."
                )
            raise FileError(f"Berkas '{nama}' adalah arsip ZIP biasa, bukan buku kerja Excel (.xlsx).")

        main = None
        if "_rels/.rels" in self._lower:
            for rel in self.relationships(""):
                if rel.type.endswith(_REL_OFFICE_DOC) and not rel.external:
                    main = rel.target
                    break
        if main is None and "xl/workbook.xml" in self._lower:
            main = "xl/workbook.xml"
        if main is None:
            raise FileError(f"Berkas '{nama}' bukan buku kerja Excel (.xlsx): bagian buku kerja (xl/workbook.xml) tidak ada.")
        low = main.lower()
        if low.startswith("word/"):
            raise FileError(f"Berkas '{nama}' adalah dokumen Word (.docx), bukan buku kerja Excel (.xlsx).")
        if low.startswith("ppt/"):
            raise FileError(f"Berkas '{nama}' adalah presentasi PowerPoint (.pptx), bukan buku kerja Excel (.xlsx).")
        if low.endswith(".bin"):
            raise FileError(
                f"Berkas '{nama}' adalah buku kerja biner Excel (.xlsb) yang tidak didukung; simpan ulang sebagai .xlsx."
            )
        if low not in self._lower:
            raise FileError(f"Berkas '{nama}' bukan buku kerja Excel (.xlsx) yang utuh: bagian buku kerja '{main}' tidak ada.")
        self.workbook_part = self._lower[low]

        # The content-types part must parse (hardened) and be sane.
        for _ev, _el in self._iterparse("[Content_Types].xml"):
            pass

    def _load(self, nama: str) -> None:
        wb = self.workbook_part
        rels = {r.id: r for r in self.relationships(wb)}
        sheets: list[SheetInfo] = []
        names: dict[str, DefinedName] = {}
        for ev, el in self._iterparse(wb):
            if ev != "end":
                continue
            tag = _localname(el)
            if tag == "sheet":
                name = el.get("name") or ""
                rid = _attr_local(el, "id")
                rel = rels.get(rid or "")
                if rel is None or rel.external:
                    raise FileError(f"Berkas '{nama}' rusak: lembar '{name}' tidak menunjuk ke bagian mana pun.")
                if not self.has_part(rel.target):
                    raise FileError(f"Berkas '{nama}' rusak: bagian lembar '{name}' ({rel.target}) tidak ada.")
                state = el.get("state") or "visible"
                if state not in ("visible", "hidden", "veryHidden"):
                    state = "visible"
                sheets.append(SheetInfo(name=name, part=self._canon(rel.target), state=state, index=len(sheets)))
            elif tag == "definedName":
                dn = self._defined_name(el)
                if dn is not None and dn.name not in names:
                    names[dn.name] = dn
        if not sheets:
            raise FileError(f"Berkas '{nama}' rusak: buku kerjanya tidak memuat satu lembar pun.")
        self.sheets = sheets
        self.defined_names = names

        tables: dict[str, TableInfo] = {}
        for sh in sheets:
            for rel in self.relationships(sh.part):
                if rel.external or not rel.type.endswith(_REL_TABLE):
                    continue
                if not self.has_part(rel.target):
                    raise FileError(
                        f"Berkas '{nama}' rusak: bagian tabel '{rel.target}' pada lembar '{sh.name}' tidak ada."
                    )
                t = self._table(self._canon(rel.target), sh.name)
                if t is not None and t.name not in tables:
                    tables[t.name] = t
        self.tables = tables

    @staticmethod
    def _defined_name(el) -> DefinedName | None:
        if el.get("localSheetId") is not None:
            return None
        name = el.get("name") or ""
        if not name or name.startswith("_xlnm.") or name.lower().startswith("_xlfn."):
            return None
        raw = (el.text or "").strip()
        m = _SINGLE_CELL.match(raw)
        if not m:
            return None
        sheet = m.group("q").replace("''", "'") if m.group("q") is not None else m.group("u")
        return DefinedName(name=name, sheet=sheet, address=f"{m.group('col').upper()}{int(m.group('row'))}", raw=raw)

    def _table(self, part: str, sheet: str) -> TableInfo | None:
        info: TableInfo | None = None
        columns: list[str] = []
        for ev, el in self._iterparse(part):
            tag = _localname(el)
            if tag == "tableColumn":
                columns.append(_decode_xesc(el.get("name") or ""))
            elif tag == "table" and el.getparent() is None:
                try:
                    hrc = int(el.get("headerRowCount", "1"))
                except ValueError:
                    hrc = 1
                try:
                    trc = max(0, int(el.get("totalsRowCount", "0")))
                except ValueError:
                    trc = 0
                info = TableInfo(
                    name=el.get("displayName") or el.get("name") or "",
                    sheet=sheet,
                    part=part,
                    ref=(el.get("ref") or "").replace("$", ""),
                    header_row_count=hrc,
                    columns=columns,
                    totals_row_count=trc,
                )
        return info

    # ------------------------------------------------------------ parts

    def _canon(self, part: str) -> str:
        return self._lower.get(part.lstrip("/").lower(), part.lstrip("/"))

    def has_part(self, part: str) -> bool:
        return part.lstrip("/").lower() in self._lower

    def read(self, part: str, *, limit: int | None = None) -> bytes:
        """The inflated bytes of a part.  KeyError if absent.

        Streamed in 1 MB chunks; FileError as soon as more than `limit`
        (default MAX_PART) bytes come out, whatever the zip headers declare.
        """
        limit = MAX_PART if limit is None else limit
        name = self._lower.get(part.lstrip("/").lower())
        if name is None:
            raise KeyError(part)
        nama = self.path.name
        info = self._infos[name]
        if info.file_size > limit:
            raise FileError(
                f"Berkas '{nama}' ditolak: bagian '{name}' mengembang menjadi {_mb(info.file_size)} saat dibuka, "
                f"melebihi batas {_mb(limit)} (kemungkinan bom ZIP)."
            )
        buf = io.BytesIO()
        n = 0
        try:
            with self._zf.open(info) as f:
                while True:
                    chunk = f.read(_CHUNK)
                    if not chunk:
                        break
                    n += len(chunk)
                    if n > limit:
                        raise FileError(
                            f"Berkas '{nama}' ditolak: bagian '{name}' mengembang melebihi batas {_mb(limit)} saat "
                            f"dibuka (kemungkinan bom ZIP)."
                        )
                    buf.write(chunk)
        except FileError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, struct.error, ValueError, OSError):
            raise FileError(f"Berkas '{nama}' rusak: bagian '{name}' tidak dapat dibuka (arsip ZIP-nya tidak utuh).") from None
        except NotImplementedError:
            raise FileError(f"Berkas '{nama}' rusak: bagian '{name}' memakai metode kompresi yang tidak dikenal.") from None
        except RuntimeError:
            raise FileError(f"Berkas '{nama}' memakai arsip ZIP bersandi, bukan buku kerja Excel (.xlsx) yang dapat dibaca.") from None
        return buf.getvalue()

    def infolist(self) -> list[zipfile.ZipInfo]:
        """The zip members in archive order."""
        return self._zf.infolist()

    @property
    def arsip(self) -> zipfile.ZipFile:
        """The open, read-only zip, for the patcher (`io.salin`) to copy
        members compressed as they are.  Read a part's content with `read`,
        which is bounded; never inflate through this directly."""
        return self._zf

    def potongan(self, part: str, sambung: int) -> Iterator[bytes]:
        """The inflated part in 1 MB windows, streamed (no full copy in
        memory); each window starts with the last `sambung` bytes of the one
        before, so a short pattern cut by a boundary is seen whole."""
        name = self._canon(part)
        tail = b""
        with self._zf.open(self._infos[name]) as f:
            while True:
                chunk = f.read(_CHUNK)
                if not chunk:
                    return
                window = tail + chunk
                yield window
                tail = window[-sambung:] if sambung else b""

    def found(self, part: str, needles: tuple[bytes, ...], *, first: bool = False) -> set[bytes]:
        """The needles that occur in the inflated part, streamed in 1 MB
        chunks (one pass; with `first`, stops at the first hit)."""
        hits: set[bytes] = set()
        for window in self.potongan(part, max(len(n) for n in needles) - 1):
            cari_di(window, needles, hits)
            if hits and (first or len(hits) == len(needles)):
                break
        return hits

    def related(self, part: str, suffix: str) -> str | None:
        """The first internal part `part` relates to by a type ending in `suffix`."""
        for rel in self.relationships(part):
            if not rel.external and rel.type.endswith(suffix) and self.has_part(rel.target):
                return rel.target
        return None

    def iter_tag(self, part: str, tag: str) -> Iterator[object]:
        """Hardened incremental parse of a (possibly large) part yielding the
        elements named `tag` in any namespace (e.g. 'c' for the cells of a
        sheet), each with its children; discarded once the caller moves on."""
        name = self._canon(part)
        data = self.read(name)
        self._check_xml_bytes(name, data)
        ctx = etree.iterparse(io.BytesIO(data), events=("end",), tag=("{*}" + tag, tag), **_KERAS)
        try:
            for _ev, el in ctx:
                yield el
                _lepas(el)
        except etree.XMLSyntaxError:
            raise self._bad_xml(name) from None

    def iter_peristiwa(self, part: str, tags: tuple[str, ...]) -> Iterator[tuple[str, object]]:
        """Like `iter_tag`, with ("start", el) and ("end", el) for each of
        `tags` (any namespace); an element is freed after its end event."""
        name = self._canon(part)
        data = self.read(name)
        self._check_xml_bytes(name, data)
        pilih = tuple(x for t in tags for x in ("{*}" + t, t))
        ctx = etree.iterparse(io.BytesIO(data), events=("start", "end"), tag=pilih, **_KERAS)
        del data
        try:
            for ev, el in ctx:
                yield ev, el
                if ev == "end":
                    _lepas(el)
        except etree.XMLSyntaxError:
            raise self._bad_xml(name) from None

    def check_prolog(self, part: str) -> None:
        """Refuse a part whose XML prolog declares a DOCTYPE (an XML bomb),
        reading only its first 256 KB: for parts another parser (calamine)
        will read, without inflating them twice."""
        name = self._canon(part)
        try:
            with self._zf.open(self._infos[name]) as f:
                head = f.read(256 * 1024)
        except KeyError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, struct.error, ValueError, OSError, NotImplementedError,
                RuntimeError):
            raise FileError(f"Berkas '{self.path.name}' rusak: bagian '{name}' tidak dapat dibuka (arsip ZIP-nya tidak utuh).") from None
        if _prolog_has_doctype(head) or _has_entity_decl(head):
            raise self._xml_bomb(name)

    def verify(self) -> None:
        """Inflate every part once (bounded) so CRC errors surface now."""
        for name in self.parts:
            if not name.endswith("/"):
                self.read(name)

    def _xml_bomb(self, part: str) -> FileError:
        return FileError(
            f"Berkas '{self.path.name}' ditolak: bagian '{part}' memuat deklarasi DOCTYPE/ENTITY "
            f"(kemungkinan bom XML)."
        )

    def _check_xml_bytes(self, part: str, data: bytes) -> None:
        if _prolog_has_doctype(data) or _has_entity_decl(data[: 1024 * 1024]):
            raise self._xml_bomb(part)

    def _bad_xml(self, part: str) -> FileError:
        return FileError(f"Berkas '{self.path.name}' rusak: bagian '{part}' bukan XML yang sah.")

    def xml(self, part: str):
        """Parse a part with hardened lxml; returns the root element.

        No entity resolution, no DTD, no network, huge_tree off; a DOCTYPE or
        ENTITY declaration is refused as an XML bomb (FileError).
        """
        name = self._canon(part)
        data = self.read(name)
        self._check_xml_bytes(name, data)
        try:
            root = etree.fromstring(data, parser=_parser())
        except etree.XMLSyntaxError:
            raise self._bad_xml(name) from None
        di = root.getroottree().docinfo
        if di.doctype or di.internalDTD is not None:  # defence in depth
            raise self._xml_bomb(name)
        return root

    def _iterparse(self, part: str, limit: int = MAX_META_PART) -> Iterator[tuple[str, object]]:
        """Hardened incremental parse yielding ("end", element); each element
        is discarded right after it is yielded, so memory stays flat."""
        name = self._canon(part)
        data = self.read(name, limit=limit)
        self._check_xml_bytes(name, data)
        if data.count(b"<") > MAX_META_ELEMENTS:
            raise FileError(
                f"Berkas '{self.path.name}' ditolak: bagian '{name}' memuat elemen XML dalam jumlah yang tidak "
                f"wajar (kemungkinan bom XML)."
            )
        ctx = etree.iterparse(
            io.BytesIO(data),
            events=("end",),
            **_KERAS,
        )
        first = True
        try:
            for ev, el in ctx:
                if first:
                    first = False
                    di = el.getroottree().docinfo
                    if di.doctype or di.internalDTD is not None:
                        raise self._xml_bomb(name)
                yield ev, el
                _lepas(el)
        except etree.XMLSyntaxError:
            raise self._bad_xml(name) from None

    def relationships(self, part: str) -> list[Relationship]:
        """Relationships of a part ('' for the package), targets resolved."""
        source = part.lstrip("/")
        rels_part = "_rels/.rels" if source == "" else _rels_part_of(self._canon(source))
        if rels_part in self._rels_cache:
            return self._rels_cache[rels_part]
        out: list[Relationship] = []
        if self.has_part(rels_part):
            for ev, el in self._iterparse(rels_part):
                if ev == "end" and _localname(el) == "Relationship":
                    target = el.get("Target") or ""
                    external = (el.get("TargetMode") or "").lower() == "external"
                    if external:
                        resolved = target
                    else:
                        r = _resolve_target(source if source else "", target)
                        if r is None:
                            continue
                        resolved = self._canon(r)
                    out.append(Relationship(el.get("Id") or "", el.get("Type") or "", resolved, external))
        self._rels_cache[rels_part] = out
        return out

    # ------------------------------------------------------------ lookup

    def sheet(self, name: str) -> SheetInfo:
        for s in self.sheets:
            if s.name == name:
                return s
        raise KeyError(name)

    def close(self) -> None:
        zf = getattr(self, "_zf", None)
        if zf is not None:
            zf.close()
        fp = getattr(self, "_fp", None)
        if fp is not None:
            fp.close()

    def __enter__(self) -> "Package":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self):  # pragma: no cover - best effort
        try:
            self.close()
        except Exception:
            pass
