"""Finding the workbooks of a batch and where each one's output goes.

Inputs are files and/or folders.  Folders are searched recursively for
`.xlsx` and `.xlsm`; Excel owner files (`~$*`), LibreOffice lock files,
hidden files and folders, our own backups (`*.bak.xlsx`) and anything inside
the output folder are left out.  A file named explicitly is always taken
(if it is not a workbook, the batch reports it as unreadable).

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


@dataclass(frozen=True)
class Berkas:
    """One workbook of the batch."""

    masukan: Path  # absolute, resolved
    relatif: str  # posix-style path relative to the common base; key of the state
    keluaran: Path  # OUTDIR / relatif


@dataclass(frozen=True)
class TidakDitemukan:
    """An input argument that does not exist."""

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
                    if not _dilewati(nama):
                        q = f / nama
                        if q not in kecuali and q.is_file():
                            ditemukan.append(q)
        else:
            akar.append(p.parent)
            ditemukan.append(p)
    if not ditemukan:
        return [], hilang
    dasar = _dasar(akar)
    hasil: dict[Path, Berkas] = {}
    for q in ditemukan:
        if q in hasil:
            continue
        rel = q.relative_to(dasar).as_posix() if _di_dalam(q, dasar) else q.name
        hasil[q] = Berkas(q, rel, keluar / Path(rel))
    return sorted(hasil.values(), key=lambda b: b.relatif), hilang
