"""Every failure a user reads, and the exit code it ends with (KONTRAK §4).

One module holds them so that a command never has to know which layer
failed: the CLI catches `PesanError` in one place (`cli/main.py`), prints
`pesan` and exits with `kode_keluar`; the Excel adapter shows `pesan` in a
message box.  `pesan` is one Indonesian sentence naming the file, sheet or
cell; it never holds a traceback.

Exit codes: 0 all computed (peringatan allowed), 1 at least one galat, 2 the
input cannot be used (or the command was mistyped), 3 an outside tool
(LibreOffice) is missing or failed.
"""

from __future__ import annotations

from pathlib import Path

KELUAR_OK = 0
KELUAR_GALAT = 1
KELUAR_BERKAS = 2
KELUAR_ALAT = 3
KELUAR_DIBATALKAN = 130  # Ctrl-C, as shells report SIGINT


class PesanError(Exception):
    """A failure the user can act on: one Indonesian sentence, one exit code."""

    kode_keluar = KELUAR_BERKAS

    def __init__(self, pesan: str):
        super().__init__(pesan)
        self.pesan = pesan

    def __str__(self) -> str:
        return self.pesan


class FileError(PesanError):
    """A workbook (or another file named on the command line) that cannot be used at all."""


class StrukturError(PesanError):
    """The workbook lacks a table, a column or a name the contract requires."""


class AlatError(PesanError):
    """LibreOffice is missing, failed or took too long."""

    kode_keluar = KELUAR_ALAT


class ServerError(PesanError):
    """The server cannot start (port taken, no token …); `kode` is its exit code."""

    def __init__(self, pesan: str, kode: int = KELUAR_BERKAS):
        super().__init__(pesan)
        self.kode = self.kode_keluar = kode


class PemakaianError(PesanError):
    """The command line asks for something impossible (a usage error xl-iku finds itself)."""


# ------------------------------------------------------------------ writes
# What this process has already written.  An unexpected failure after a
# write must not tell the user "nothing was changed": the boundary reads this.
# (A batch worker writes thousands of files: only the latest few are kept.)
_ditulis: dict[Path, None] = {}
_MAKS_DICATAT = 5


def catat_tulis(path: str | Path) -> None:
    _ditulis.pop(Path(path), None)
    _ditulis[Path(path)] = None
    while len(_ditulis) > _MAKS_DICATAT:
        del _ditulis[next(iter(_ditulis))]


def sudah_ditulis() -> list[Path]:
    return list(_ditulis)


def kalimat_tak_terduga(jenis: str) -> str:
    """The sentence for an unexpected failure: honest about what was written."""
    awal = f"kesalahan tak terduga di xl-iku ({jenis}); "
    ditulis = sudah_ditulis()
    if ditulis:
        nama = ", ".join(f"'{p}'" for p in ditulis)
        return (awal + f"hasil sudah ditulis ke {nama} sebelum kesalahan terjadi; periksa berkas itu. "
                "Laporkan pesan ini kepada pengelola aplikasi.")
    return awal + "berkas Anda tidak diubah. Laporkan pesan ini kepada pengelola aplikasi."
