"""Excel entry point: the Hitung button, through xlwings.

`hitung(book)` runs on every kind of Excel staff use, with the same rules as
`xl-iku hitung` (one computing path; only the adapter differs):

* desktop Excel with a local Python (Windows/macOS): `main()` is what the
  VBA `RunPython "import <modul>; <modul>.main()"` calls (see `pasang.py`);
* xlwings Lite (Microsoft 365, Excel on the web) and xlwings Server: the
  `@script` wrapper in `xl_iku.excel.script`, bound to the template's
  "Hitung" shape on Beranda.

`pipeline.jalankan`: read (reader.py, one call per sheet) → periksa → hitung →
susun (layout) → write (writer.py, one call per output sheet / style
rectangle / merge block) — the same steps as `xl-iku hitung`.

Any error reaches the user as an Indonesian message box and a status line on
Beranda, never as a traceback; with the remote engine the actions queued
before the error are dropped, so nothing half-written is applied.  The log
gets the exception type and the stack frames, never the message (it could
quote a cell value, i.e. personal data).

Known limit (reported to the template owner): the remote engine has no
action to lift sheet protection; while the template protects the output
sheets (and forbids "format cells" on the input sheets), xlwings Lite and
xlwings Server cannot write there.  Desktop Excel lifts the password-less
protection itself and restores it afterwards.
"""

from __future__ import annotations

import logging
import traceback
from datetime import datetime

from .. import layout, pipeline
from .. import kontrak as K
from ..pesan import PesanError
from .reader import MasalahBuku

log = logging.getLogger("xl_iku.excel")

JUDUL = "xl-iku"
PESAN_TAK_TERDUGA = (
    "Perhitungan gagal karena kesalahan tak terduga di xl-iku ({jenis}). Buku kerja tidak diubah. "
    "Simpan buku kerja ini, lalu jalankan 'xl-iku hitung NAMA_BERKAS.xlsx' di komputer yang sama "
    "atau laporkan ke pengelola xl-iku."
)


def _aksi(book) -> list | None:
    """The remote engine's queued actions (None on desktop Excel)."""
    try:
        if book.app.engine.name != "remote":
            return None
        return book.json()["actions"]
    except Exception:
        return None


def _gagal(book, n0: int | None, pesan: str) -> None:
    aksi = _aksi(book)
    if aksi is not None and n0 is not None:
        del aksi[n0:]  # nothing half-written reaches the workbook
    try:
        from .writer import nilai_excel

        names = [s.name for s in book.sheets]
        if K.LEMBAR_BERANDA in names:
            book.sheets[K.LEMBAR_BERANDA].range(K.SEL_STATUS).value = nilai_excel(
                layout.status_gagal(pesan, datetime.now()))
    except Exception:
        pass
    try:
        book.app.alert(pesan, title=JUDUL, buttons="ok", mode="critical")
    except Exception:
        pass


def hitung(book, waktu: datetime | None = None, sifat=None):
    """Validate, compute and fill the open workbook; returns the Hasil (None on failure).

    `sifat`: the merges and number formats xlwings Lite gave on demand
    (`sifat.baca_lite`, awaited by the Hitung script before this call).
    """
    from . import reader, writer

    aksi = _aksi(book)
    n0 = len(aksi) if aksi is not None else None
    try:
        bacaan = reader.baca(book, (K.LEMBAR_VALIDASI, writer.LEMBAR_MEMO), sifat)
        return pipeline.jalankan(lambda: bacaan.raw,
                                 lambda h, s: writer.tulis(book, bacaan, s.lembar, h, s.sel), waktu)
    except PesanError as e:  # MasalahBuku and every other user-facing error (xl_iku.pesan)
        log.warning("hitung dihentikan: %s", type(e).__name__)
        _gagal(book, n0, e.pesan + " Tidak ada yang diubah.")
    except Exception as e:  # never a traceback dialog in Excel
        log.error("hitung gagal: %s\n%s", type(e).__name__, "".join(traceback.format_tb(e.__traceback__)))
        _gagal(book, n0, PESAN_TAK_TERDUGA.format(jenis=type(e).__name__))
    return None


def main() -> None:
    """Desktop Excel: `RunPython "import <modul>; <modul>.main()"`."""
    import xlwings as xw

    from ..dasar import proses

    proses.siapkan()

    hitung(xw.Book.caller())


__all__ = ["hitung", "main", "MasalahBuku"]
