"""What the documents are made from: the workbook's computed result, read only.

The numbers come from the same engine as `hitung` (recomputed in memory from
the workbook's inputs), so a document never disagrees with the rules.  Without
`--hitung` the workbook must already be computed and current: the output
sheets on disk are compared with what the engine gives now, so the document
and the signed sheets always show the same numbers.  The workbook is never
written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .. import layout, pipeline
from .. import kontrak as K
from ..hasil import Analisis, Hasil
from ..io import file_reader
from ..io.package import Package
from ..pesan import FileError
from ..referensi import Referensi

# Output sheets whose content must match the engine's for a workbook to count as current
# (the catalogue's Kelompok sheets and Hasil SKM; these for a Hasil without a catalogue).
_LEMBAR_DIPERIKSA = (K.LEMBAR_IKU, K.LEMBAR_IK, K.LEMBAR_IKP, K.LEMBAR_SKM)

__all__ = ["Analisis", "Bahan", "muat", "hitung_ulang", "pastikan_terkini", "lembar_berbeda", "lembar_hasil"]


@dataclass
class Bahan:
    """One run's result and what the CLI says beside the document."""

    hasil: Hasil
    catatan: list[str] = field(default_factory=list)  # the Analisis sheet's findings, for the CLI

    @property
    def referensi(self) -> Referensi:
        return self.hasil.referensi

    @property
    def analisis(self) -> dict[str, Analisis]:
        return self.hasil.analisis

    @property
    def survei_awal(self) -> date | None:
        return self.hasil.survei_awal

    @property
    def survei_akhir(self) -> date | None:
        return self.hasil.survei_akhir


def muat(path: str | Path, *, hitung: bool = False) -> Bahan:
    """Read `path` once and compute it in memory.  FileError when it cannot be used."""
    path = Path(path)
    hasil = hitung_ulang(path)
    if not hitung:
        pastikan_terkini(path, hasil)
    lembar = K.TABEL["tblAnalisis"].lembar
    catatan = [f"{t.lembar}!{t.sel}: {t.pesan}" for t in hasil.temuan if t.lembar == lembar]
    return Bahan(hasil, catatan)


def hitung_ulang(path: str | Path) -> Hasil:
    """The engine's result for the workbook's inputs now (the workbook is only
    read): the same baca → periksa → hitung as every adapter."""
    with Package.open(Path(path)) as pkg:
        return pipeline.baca_dan_hitung(lambda: file_reader.baca_paket(pkg))


def lembar_hasil(hasil: Hasil) -> tuple[str, ...]:
    """The output sheets a run fills and a document follows: the catalogue's
    Kelompok sheets and Hasil SKM."""
    kelompok = hasil.katalog.kelompok if hasil.katalog is not None else _LEMBAR_DIPERIKSA[:3]
    return (*kelompok, K.LEMBAR_SKM)


def pastikan_terkini(path: str | Path, hasil: Hasil) -> None:
    """FileError (exit 2) when the output sheets on disk differ from `hasil`: what
    is signed or handed in is never stale (KONTRAK §4; `pdf` and `laporan` alike)."""
    path = Path(path)
    beda = lembar_berbeda(path, hasil)
    if beda:
        raise FileError(
            f"Lembar keluaran '{beda}' di berkas '{path.name}' belum dihitung atau tidak sesuai lagi dengan "
            f"data masukannya; jalankan dulu: xl-iku hitung \"{path.name}\" (atau pakai opsi --hitung)."
        )


def _sama(a, b) -> bool:
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    if isinstance(a, str) and isinstance(b, str):
        return a.strip() == b.strip()
    return False


def lembar_berbeda(path: Path, hasil: Hasil) -> str | None:
    """Name of the first output sheet whose stored values differ from `hasil`; None when all match."""
    import python_calamine as pc

    plans = layout.susun(hasil)
    book = pc.CalamineWorkbook.from_path(str(path))
    try:
        for nama in lembar_hasil(hasil):
            try:
                grid = book.get_sheet_by_name(nama).to_python(skip_empty_area=False)
            except Exception:
                return nama
            for c in plans[nama].cells:
                ada = grid[c.row - 1][c.col - 1] if c.row <= len(grid) and c.col <= len(grid[c.row - 1]) else None
                if not _sama(c.value, ada):
                    return nama
    finally:
        book.close()
    return None
