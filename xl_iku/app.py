"""`hitung` for a file on disk: read → compute → write atomically.

The CLI and the batch runner call `hitung_berkas`; the Excel entry point
(`xl_iku.excel`) calls the same `engine.hitung` through its own adapter.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import engine, layout
from .dasar.gc_pause import gc_paused
from .hasil import Hasil
from .io import file_reader, file_writer
from .io.atomic import check_not_locked, write_atomic
from .io.package import FileError, Package

EXIT_OK, EXIT_GALAT, EXIT_BERKAS = 0, 1, 2


@dataclass
class Laporan:
    hasil: Hasil
    keluaran: Path
    detik: float

    @property
    def kode_keluar(self) -> int:
        return EXIT_GALAT if self.hasil.jumlah_galat else EXIT_OK


def _cek_keluaran(src: Path, out: Path) -> None:
    if out.suffix.lower() != src.suffix.lower():
        raise FileError(
            f"Berkas keluaran '{out.name}' harus berakhiran {src.suffix} seperti berkas masukannya."
        )
    if out.exists() and out.is_dir():
        raise FileError(f"'{out}' adalah folder; sebutkan nama berkas keluaran.")
    if not out.parent.exists():
        raise FileError(f"Folder '{out.parent}' untuk berkas keluaran tidak ada.")


def hitung_berkas(src: str | Path, out: str | Path | None = None, *, waktu: datetime | None = None,
                  backup: bool = True) -> Laporan:
    """Compute `src` and write the result to `out` (default: `src` in place)."""
    import time

    t0 = time.perf_counter()
    src = Path(src)
    target = Path(out) if out is not None else src
    if out is not None:
        _cek_keluaran(src, target)
    check_not_locked(target)
    buf = io.BytesIO()
    with Package.open(src) as pkg, gc_paused():  # opened and checked once, for reading and writing
        raw = file_reader.baca_paket(pkg)
        hasil = engine.hitung(raw)
        del raw  # the cell grids are the largest objects; free them before writing
        plans = layout.susun(hasil, waktu or datetime.now())
        file_writer.write(pkg, plans, buf)
    # The source is closed before the rename: Windows refuses to replace an open file.
    write_atomic(target, lambda f: f.write(buf.getbuffer()), backup=backup and target == src)
    return Laporan(hasil, target, time.perf_counter() - t0)
