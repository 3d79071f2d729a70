"""Finding the workbooks of a batch and where each one's output goes.

Inputs are files and/or folders.  Folders are searched recursively for
`.xlsx` and `.xlsm`; Excel owner files (`~$*`), LibreOffice lock files,
hidden files and folders, our own backups (`*.bak.xlsx`) and anything inside
the output folder are left out.  A file named explicitly is always taken
(if it is not a workbook, the batch reports it as unreadable).

A spreadsheet in another format found in a folder (`.xls`, `.ods`, `.xlsb`,
`.csv`, ...) is never dropped in silence: a kecamatan that sent its workbook
as .xls would otherwise vanish from the recap.  It is returned with the
unreadable inputs, with the reason and what to do, so it appears in the
recap's Masalah and the batch exits 2.

Each workbook's output is `OUTDIR/<relative path>`, the path relative to the
deepest folder that contains every input (one folder given: relative to that
folder; one file given: its name).  Distinct inputs therefore never share an
output path.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

EKSTENSI = (".xlsx", ".xlsm")

# Spreadsheets a kecamatan may send that xl-iku does not read: extension →
# what it is (for the reason in Masalah).
LEMBAR_LAIN = {
    ".xls": "buku kerja Excel lama (.xls)",
    ".xlt": "templat Excel lama (.xlt)",
    ".xlsb": "buku kerja biner Excel (.xlsb)",
    ".xltx": "templat Excel (.xltx)",
    ".xltm": "templat Excel bermakro (.xltm)",
    ".ods": "lembar kerja OpenDocument (.ods)",
    ".fods": "lembar kerja OpenDocument datar (.fods)",
    ".ots": "templat OpenDocument (.ots)",
    ".numbers": "lembar kerja Apple Numbers (.numbers)",
    ".csv": "berkas CSV (.csv)",
    ".tsv": "berkas teks bertab (.tsv)",
}


@dataclass(frozen=True)
class Berkas:
    """One workbook of the batch."""

    masukan: Path  # absolute, resolved
    relatif: str  # posix-style path relative to the common base; key of the state
    keluaran: Path  # OUTDIR / relatif


@dataclass(frozen=True)
class TidakDitemukan:
    """An input that cannot be used: an argument that does not exist, or a
    spreadsheet in a format xl-iku does not read (it still counts, exit 2)."""

    argumen: str
    pesan: str


def _dilewati(nama: str) -> bool:
    lower = nama.lower()
    if nama.startswith("~$") or nama.startswith(".~lock.") or nama.startswith("."):
        return True
    if not lower.endswith(EKSTENSI):
        return True
    stem = lower.rsplit(".", 1)[0]
    return stem.endswith(".bak")


def format_lain(nama: str) -> str | None:
    """What a spreadsheet of another format is, or None (not a spreadsheet,
    or a lock/hidden/backup file that is skipped anyway)."""
    if nama.startswith(("~$", ".~lock.", ".")):
        return None
    return LEMBAR_LAIN.get(os.path.splitext(nama)[1].lower())


def pesan_format_lain(rel: str, jenis: str) -> str:
    return (f"Berkas '{rel}' adalah {jenis}, bukan buku kerja .xlsx, sehingga tidak dihitung; buka di Excel "
            "atau LibreOffice, simpan sebagai Buku Kerja Excel (.xlsx), lalu jalankan batch lagi.")


def _di_dalam(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def _dasar(akar: list[Path]) -> Path:
    try:
        return Path(os.path.commonpath([str(p) for p in akar]))
    except ValueError:  # pragma: no cover - different drives on Windows
        return Path(akar[0].anchor)


def kumpulkan(
    masukan: list[str | Path], keluar: Path, *, kecualikan: tuple[Path, ...] = ()
) -> tuple[list[Berkas], list[TidakDitemukan]]:
    """Expand `masukan` into the sorted list of workbooks of the batch."""
    keluar = Path(keluar).resolve()
    kecuali = {Path(p).resolve() for p in kecualikan}
    ditemukan: list[Path] = []
    akar: list[Path] = []
    hilang: list[TidakDitemukan] = []
    lain: list[tuple[Path, str]] = []
    for arg in masukan:
        p = Path(arg)
        if not p.exists():
            hilang.append(TidakDitemukan(str(arg), f"Berkas atau folder '{arg}' tidak ditemukan."))
            continue
        p = p.resolve()
        if p.is_dir():
            akar.append(p)
            for folder, subfolder, nama_berkas in os.walk(p):
                f = Path(folder)
                if _di_dalam(f, keluar):
                    subfolder[:] = []
                    continue
                subfolder[:] = sorted(d for d in subfolder if not d.startswith("."))
                for nama in nama_berkas:
                    q = f / nama
                    if q in kecuali or not q.is_file():
                        continue
                    if not _dilewati(nama):
                        ditemukan.append(q)
                    elif (jenis := format_lain(nama)) is not None:
                        lain.append((q, jenis))
        else:
            akar.append(p.parent)
            ditemukan.append(p)
    dasar = _dasar(akar) if akar else None
    for q, jenis in sorted(lain):
        rel = q.relative_to(dasar).as_posix() if dasar is not None and _di_dalam(q, dasar) else q.name
        hilang.append(TidakDitemukan(rel, pesan_format_lain(rel, jenis)))
    if not ditemukan:
        return [], hilang
    hasil: dict[Path, Berkas] = {}
    for q in ditemukan:
        if q in hasil:
            continue
        rel = q.relative_to(dasar).as_posix() if _di_dalam(q, dasar) else q.name
        hasil[q] = Berkas(q, rel, keluar / Path(rel))
    return sorted(hasil.values(), key=lambda b: b.relatif), hilang
