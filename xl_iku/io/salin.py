"""The one package patcher: copy an OOXML zip, replacing a few parts.

    salin(paket, tujuan, ganti={bagian: bytes | callable | None})

Every writer that changes a workbook (hitung's file writer, impor skm, the
PDF print copy, the template builder, the Excel installer) goes through here,
so there is one zip-copy loop in the product.

* `paket` — an opened `Package` (an untrusted user workbook, already checked
  by `Package.open`), or, for files xl-iku itself made or ships (XlsxWriter's
  output, xlwings' bundled workbooks), the bytes, a path or an open
  `zipfile.ZipFile`.
* `tujuan` — a binary stream (e.g. the `f` of `atomic.write_atomic`, or a
  `BytesIO`), or a path.
* `ganti` — part name → what to put there.  Part names compare
  case-insensitively, as OPC says they do; the stored spelling is kept.

  - `bytes`: the new content of that part;
  - a callable `f(lama: bytes) -> bytes`: called once with the part's
    inflated content, returns the new content;
  - `None`: the part is left out of the copy.

  A name that is not in the package and maps to bytes is ADDED after the
  existing parts, in `ganti`'s order (a callable or None for a missing part
  is an error: KeyError — it is always a bug in the caller).

Members not named in `ganti` are copied with their compressed bytes as they
are — no inflate, no deflate: fast, and the bytes a user's other parts
(VBA, drawings, customXml …) arrive in are exactly the ones they left in.
Where that is impossible (zip64, encrypted, unknown compression) the member
is inflated and deflated again, same content.  A replaced member keeps its
name, date and attributes and is stored with its old method (stored or
deflated; anything else becomes deflated) at `compresslevel`.

Nothing here saves a file safely: wrap the call in `atomic.write_atomic`
when `tujuan` is the user's workbook.
"""

from __future__ import annotations

import contextlib
import copy
import io
import struct
import zipfile
from pathlib import Path
from typing import BinaryIO, Callable, Mapping, Union

from ..pesan import FileError
from .package import Package

Pengganti = Union[bytes, bytearray, Callable[[bytes], "bytes | bytearray"], None]


def salin(
    paket: Package | zipfile.ZipFile | bytes | str | Path,
    tujuan: BinaryIO | str | Path,
    ganti: Mapping[str, Pengganti] | None = None,
    *,
    compresslevel: int = 6,
) -> None:
    """Copy `paket` into `tujuan` with the parts in `ganti` replaced (see module doc)."""
    if isinstance(tujuan, (str, Path)):
        with open(tujuan, "wb") as fh:
            return salin(paket, fh, ganti, compresslevel=compresslevel)
    if isinstance(paket, Package):
        zin, baca = paket.arsip, paket.read
        return _salin(zin, baca, tujuan, ganti or {}, compresslevel)
    if isinstance(paket, zipfile.ZipFile):
        return _salin(paket, paket.read, tujuan, ganti or {}, compresslevel)
    sumber = io.BytesIO(paket) if isinstance(paket, (bytes, bytearray, memoryview)) else paket
    with zipfile.ZipFile(sumber) as zin:
        return _salin(zin, zin.read, tujuan, ganti or {}, compresslevel)


def _salin(zin: zipfile.ZipFile, baca: Callable[[str], bytes], tujuan: BinaryIO,
           ganti: Mapping[str, Pengganti], compresslevel: int) -> None:
    sisa = {nama.lower(): nama for nama in ganti}
    with zipfile.ZipFile(tujuan, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as zout:
        for info in zin.infolist():
            kunci = sisa.pop(info.filename.lower(), None)
            if kunci is None:
                if not _copy_raw(zin, zout, info):
                    _tulis(zout, info, baca(info.filename))
                continue
            baru = ganti[kunci]
            if baru is None:
                continue
            if callable(baru):
                baru = baru(baca(info.filename))
            # zipfile takes any bytes-like object: a large bytearray is not copied again.
            _tulis(zout, info, baru if isinstance(baru, (bytes, bytearray)) else bytes(baru))
        for kunci in sisa.values():
            baru = ganti[kunci]
            if baru is None or callable(baru):
                raise KeyError(f"bagian '{kunci}' tidak ada di paket")
            zi = zipfile.ZipInfo(kunci, date_time=_tanggal_baru(zin))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, bytes(baru))


def _tanggal_baru(zin: zipfile.ZipFile) -> tuple[int, int, int, int, int, int]:
    # An added part takes the package's first date: the output stays deterministic.
    infos = zin.infolist()
    return infos[0].date_time if infos else (1980, 1, 1, 0, 0, 0)


def _tulis(zout: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes | bytearray) -> None:
    zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    zi.compress_type = info.compress_type if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) \
        else zipfile.ZIP_DEFLATED
    zi.external_attr = info.external_attr
    zout.writestr(zi, data)


def _copy_raw(zin: zipfile.ZipFile, zout: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Copy one member's compressed bytes as they are (no inflate/deflate).

    zipfile has no public call for this; it uses the documented local-header
    layout and the ZipFile bookkeeping of CPython 3.11+. Returns False (the
    caller then recompresses) when the member is unusual: zip64, encrypted,
    or a layout we do not recognise.
    """
    if info.flag_bits & 0x1 or info.file_size >= 0xFFFFFFFF or info.compress_size >= 0xFFFFFFFF:
        return False
    if not hasattr(zout, "start_dir") or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return False
    fp = zin.fp
    if fp is None:
        return False
    # The archive's own lock: its members may be read on another thread at the
    # same time (the reader's scans), and those reads seek the same file.
    with getattr(zin, "_lock", contextlib.nullcontext()):
        zi = _salin_mentah(zin, zout, info, fp)
    if zi is None:
        return False
    zout.filelist.append(zi)
    zout.NameToInfo[zi.filename] = zi
    zout.start_dir = zout.fp.tell()
    zout._didModify = True
    return True


def _salin_mentah(zin: zipfile.ZipFile, zout: zipfile.ZipFile, info: zipfile.ZipInfo, fp) -> zipfile.ZipInfo | None:
    """The copy itself, under the archive's lock; None for a layout we do not recognise."""
    fp.seek(info.header_offset)
    head = fp.read(30)
    if len(head) != 30 or head[:4] != b"PK\x03\x04":
        return None
    name_len, extra_len = struct.unpack("<HH", head[26:30])
    mulai = info.header_offset + 30 + name_len + extra_len
    fp.seek(0, 2)
    if fp.tell() < mulai + info.compress_size:
        return None
    fp.seek(mulai)
    zi = copy.copy(info)
    zi.flag_bits &= ~0x08  # sizes and CRC go in the local header, no data descriptor
    zi.extra = b""
    zi.header_offset = zout.fp.tell()
    zout.fp.write(zi.FileHeader(False))
    # In 1 MB pieces: a 100,000-row sheet is megabytes even compressed.
    sisa = info.compress_size
    while sisa:
        potong = fp.read(min(sisa, 1 << 20))
        if not potong:  # the file shrank under us after the check above
            nama = Path(zin.filename).name if zin.filename else "masukan"
            raise FileError(f"Buku kerja '{nama}' berubah saat sedang dibaca (ada program lain yang "
                            "menyimpannya); tunggu program itu selesai, lalu jalankan lagi.")
        zout.fp.write(potong)
        sisa -= len(potong)
    return zi
