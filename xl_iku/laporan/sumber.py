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

from .. import katalog, layout, pipeline
from .. import kontrak as K
from ..hasil import Hasil
from ..io import file_reader
from ..io.package import FileError, Package
from ..referensi import Referensi
from ..validasi import tabel as V
from ..validasi.referensi import baca_referensi
from ..validasi.sel import Pemeriksa

# Output sheets whose content must match the engine's for a workbook to count as current
# (the catalogue's Kelompok sheets and Hasil SKM; these for a Hasil without a catalogue).
_LEMBAR_DIPERIKSA = (K.LEMBAR_IKU, K.LEMBAR_IK, K.LEMBAR_IKP, K.LEMBAR_SKM)


@dataclass
class Analisis:
    """The office's analysis of one indicator (tblAnalisis); rows of one code are joined."""

    pendukung: list[str] = field(default_factory=list)
    penghambat: list[str] = field(default_factory=list)
    upaya: list[str] = field(default_factory=list)
    pagu: float | None = None
    realisasi_anggaran: float | None = None


@dataclass
class Bahan:
    hasil: Hasil
    referensi: Referensi
    analisis: dict[str, Analisis]
    # First and last survey date counted in the period (BAB II).
    survei_awal: date | None
    survei_akhir: date | None
    catatan: list[str] = field(default_factory=list)  # peringatan for the CLI


def muat(path: str | Path, *, hitung: bool = False) -> Bahan:
    """Read `path` and compute it in memory.  FileError when it cannot be used."""
    path = Path(path)
    with Package.open(path) as pkg:
        raw = file_reader.baca_paket(pkg)
    hasil = pipeline.periksa_dan_hitung(raw)  # the same validation and rules as every adapter
    catatan: list[str] = []
    ref = baca_referensi(raw, Pemeriksa())
    analisis = _analisis(raw, hasil, catatan)
    awal, akhir = _rentang_survei(raw, hasil)
    del raw
    if not hitung:
        pastikan_terkini(path, hasil)
    return Bahan(hasil, ref, analisis, awal, akhir, catatan)


def hitung_ulang(path: str | Path) -> Hasil:
    """The engine's result for the workbook's inputs now (the workbook is only read)."""
    with Package.open(Path(path)) as pkg:
        raw = file_reader.baca_paket(pkg)
    return pipeline.periksa_dan_hitung(raw)


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


def _analisis(raw, hasil: Hasil, catatan: list[str]) -> dict[str, Analisis]:
    t = raw.tables.get("tblAnalisis")
    if t is None:
        return {}
    p = Pemeriksa()
    bersih = V.bersihkan_tabel(t, p, hasil.periode)
    out: dict[str, Analisis] = {}
    for b in bersih.baris:
        ind = hasil.katalog.cari(b.nilai.get("Kode")) if hasil.katalog is not None else None
        kode = ind.kode if ind is not None else str(b.nilai.get("Kode") or "").strip().upper()
        if ind is None:
            catatan.append(f"Analisis!{b.raw.cell('Kode')}: kode '{kode}' tidak dikenal; baris analisis ini diabaikan.")
            continue
        a = out.setdefault(kode, Analisis())
        for header, daftar in (("Faktor Pendukung", a.pendukung), ("Faktor Penghambat", a.penghambat),
                               ("Upaya", a.upaya)):
            v = b.nilai.get(header)
            if isinstance(v, str) and v.strip():
                daftar.append(v.strip())
        # Several programs may support one indicator: their budgets add up.
        for header, attr in (("Pagu Anggaran", "pagu"), ("Realisasi Anggaran", "realisasi_anggaran")):
            v = b.nilai.get(header)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                setattr(a, attr, (getattr(a, attr) or 0.0) + float(v))
    for tm in p.temuan:
        catatan.append(f"{tm.lembar}!{tm.sel}: {tm.pesan}")
    return out


def _rentang_survei(raw, hasil: Hasil) -> tuple[date | None, date | None]:
    t = raw.tables.get("tblSKM")
    if t is None or hasil.periode is None:
        return None, None
    bersih = V.bersihkan_tabel(t, Pemeriksa(), hasil.periode)
    tanggal = [b.nilai.get("Tanggal") for b in bersih.baris if not b.salah]
    tanggal = [d.date() if hasattr(d, "date") and callable(d.date) else d for d in tanggal if d is not None]
    return (min(tanggal), max(tanggal)) if tanggal else (None, None)


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
        kelompok = hasil.katalog.kelompok if hasil.katalog is not None else _LEMBAR_DIPERIKSA[:3]
        for nama in [*kelompok, K.LEMBAR_SKM]:
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
