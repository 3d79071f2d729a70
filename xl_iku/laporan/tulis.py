"""Writing a finished document (docx, pdf, png) to disk: one place for the
sheets' PDF and the documents, so neither imports the other."""

from __future__ import annotations

from pathlib import Path

from ..io.package import FileError


def tulis_dokumen(out: Path, data: bytes, jenis: str) -> None:
    """Write `data` to `out` atomically; a refusal names the document, never a "Buku kerja"."""
    from ..io.atomic import alasan_os, write_atomic

    try:
        write_atomic(out, lambda f: f.write(data), backup=False, check_lock=False)
    except OSError as e:
        sebab = e.__cause__ if isinstance(e.__cause__, OSError) else e
        if isinstance(sebab, PermissionError):
            alasan = "mungkin sedang dibuka atau folder hanya-baca; tutup dokumennya lalu jalankan lagi"
        elif isinstance(sebab, FileError):
            alasan = "tutup dokumennya lalu jalankan lagi"
        else:
            alasan = alasan_os(sebab)
        raise FileError(f"{jenis} '{out.name}' tidak dapat ditulis ({alasan}).") from None
