"""The file adapter: `pipeline.jalankan` over a workbook on disk, written atomically.

The CLI (`hitung`, `pdf --hitung`) and the batch workers call
`hitung_berkas`; the Excel button runs the same pipeline through
`xl_iku.excel`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import pipeline
from .dasar.gc_pause import gc_paused
from .hasil import Hasil
from .io import file_reader, file_writer
from .io.atomic import check_not_locked, hanya_baca, write_atomic
from .io.package import Package
from .pesan import KELUAR_GALAT, KELUAR_OK, FileError


@dataclass
class Laporan:
    hasil: Hasil
    keluaran: Path
    detik: float

    @property
    def kode_keluar(self) -> int:
        return KELUAR_GALAT if self.hasil.jumlah_galat else KELUAR_OK


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
    if target == src and src.is_file() and hanya_baca(src):
        # KONTRAK §4: a read-only input is never replaced (root may write it anyway).
        contoh = f"xl-iku hitung \"{src.name}\" -o \"{src.stem}_hasil{src.suffix}\""
        raise FileError(f"Buku kerja '{src.name}' hanya-baca, jadi xl-iku tidak menggantinya. Simpan hasilnya "
                        f"ke berkas lain dengan -o, mis.: {contoh}.")
    check_not_locked(target)
    pkg = Package.open(src)  # opened and checked once, for reading and writing
    hasil: list[Hasil] = []

    def tulis(f) -> None:
        # Straight into write_atomic's temporary file (not a copy of the whole
        # workbook in memory first); the source is closed before write_atomic
        # renames: Windows refuses to replace an open file.
        with pkg, gc_paused():
            hasil.append(pipeline.jalankan(
                lambda: file_reader.baca_paket(pkg),
                lambda h, s: file_writer.write(pkg, s.lembar, f, sel=s.sel),
                waktu,
            ))

    try:
        write_atomic(target, tulis, backup=backup and target == src)
    finally:
        pkg.close()  # when write_atomic failed before it called tulis
    return Laporan(hasil[0], target, time.perf_counter() - t0)
