"""Batch mode: every kecamatan's workbook of a folder, one command, one recap.

`jalankan(masukan, keluar, jobs=…, ulang=…, rekap=…)` computes every
workbook found in `masukan` into `keluar` with worker processes, skipping
those already computed from the same input (see `status`), and optionally
writes the kabupaten recap (see `rekap`).  The `xl-iku batch` command
(`xl_iku.cli.batch`) is a thin layer over it.
"""

from .runner import HasilBatch, HasilBerkas, Pantau, jalankan, jumlah_inti

# Exit codes: xl_iku.pesan (KELUAR_OK, KELUAR_GALAT, KELUAR_BERKAS).
__all__ = ["jalankan", "HasilBatch", "HasilBerkas", "Pantau", "jumlah_inti"]
