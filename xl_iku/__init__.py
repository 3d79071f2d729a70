"""xl-iku: Indikator Kinerja Utama kecamatan dari buku kerja Excel.

The public API (what a program may import from `xl_iku`; everything else is
internal and may change):

    from xl_iku import hitung_berkas        # the CLI's `hitung`: workbook in, workbook (+ result) out
    lap = hitung_berkas("laporan.xlsx", "hasil.xlsx")
    lap.hasil.ke_json()                      # the KONTRAK §4 document

    from xl_iku import baca, hitung          # the two halves: read cells, compute
    hasil = hitung(baca("laporan.xlsx"))

Names are imported on first use, so `import xl_iku` stays cheap (the CLI
and the Excel button import only the part they run).
"""

from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

# public name → module that defines it
_API = {
    "hitung_berkas": "xl_iku.app",
    "Laporan": "xl_iku.app",
    "baca": "xl_iku.io.file_reader",
    "hitung": "xl_iku.engine",
    "Hasil": "xl_iku.hasil",
    "HasilIndikator": "xl_iku.hasil",
    "HasilIKM": "xl_iku.hasil",
    "HasilAKIP": "xl_iku.hasil",
    "Temuan": "xl_iku.hasil",
    "RawWorkbook": "xl_iku.dasar.raw",
    "PesanError": "xl_iku.pesan",
    "FileError": "xl_iku.io.package",
    "salin": "xl_iku.io.salin",
    "jalankan": "xl_iku.batch",
    "data_contoh": "xl_iku.template.contoh",
    "buat_templat": "xl_iku.template.build",
}
_ALIAS = {"buat_templat": "buat"}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    modul = _API.get(name)
    if modul is None:
        raise AttributeError(f"module 'xl_iku' has no attribute {name!r}")
    nilai = getattr(import_module(modul), _ALIAS.get(name, name))
    globals()[name] = nilai
    return nilai


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
