"""The batch state in OUTDIR: what was computed, from which input, into which output.

Files in OUTDIR (all hidden):

- `.xl-iku-batch.json` — the state: per output (key: relative path) the
  sha256, size and mtime of the input bytes the worker computed (it copies
  the input and computes the copy, so these are never of bytes other than
  the ones computed), the output's mtime and size when it was
  written, how many times it has been computed, and the per-file summary the
  recap and `--json-lines` are made of.  Always written atomically.
- `.xl-iku-batch.jurnal` — an append-only journal.  A worker appends one line
  per finished workbook; the parent folds the journal into the state at the
  start and at the end of a run and then removes it.  A killed batch thus
  loses nothing that was finished.
- `.xl-iku-batch.sementara/` — staging folder.  A worker writes the output
  there (atomically), appends the journal line naming the staged file, then
  renames it to its final place.  Whatever moment a kill strikes, the
  journal and the disk agree: a journaled output is either at its final
  place or still staged (and is moved there on the next run), and an output
  that was not journaled is never at its final place.
- `.xl-iku-batch.kunci` — lock: one batch per OUTDIR at a time.

A file is skipped (not computed again) when the state has an entry for its
output whose input sha256 equals the input's current sha256, the output
exists with exactly the recorded mtime and size, and the output is not older
than the input.  State files of subfolders of OUTDIR (left there by batches
run on a sub-folder, e.g. one shard per machine) are consulted too.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..io.atomic import write_atomic
from ..io.package import FileError

NAMA_STATUS = ".xl-iku-batch.json"
NAMA_JURNAL = ".xl-iku-batch.jurnal"
NAMA_SEMENTARA = ".xl-iku-batch.sementara"
NAMA_KUNCI = ".xl-iku-batch.kunci"
# 2: the summary is the KONTRAK §4 document (hasil.ringkasan_batch); a state of
# another version is not trusted, so its files are simply computed again.
VERSI = 2


def sha256_berkas(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            blok = f.read(1 << 20)
            if not blok:
                break
            h.update(blok)
    return h.hexdigest()


def tambah_jurnal(jurnal: Path, entri: dict[str, Any]) -> None:
    """Append one line to the journal: a single write, then fsync."""
    baris = (json.dumps(entri, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    fd = os.open(jurnal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, baris)
        os.fsync(fd)
    finally:
        os.close(fd)


def _baca_json(path: Path) -> dict[str, Any] | None:
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("versi") != VERSI or not isinstance(doc.get("berkas"), dict):
        return None
    return doc


class Kunci:
    """An exclusive lock on OUTDIR (fcntl/msvcrt), released on close."""

    def __init__(self, folder: Path):
        self.path = folder / NAMA_KUNCI
        self._f = open(self.path, "a+b")
        try:
            if os.name == "nt":  # pragma: no cover
                import msvcrt

                self._f.seek(0)
                msvcrt.locking(self._f.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(self._f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._f.close()
            raise FileError(
                f"Folder keluaran '{folder}' sedang dipakai oleh batch lain; tunggu sampai selesai lalu jalankan lagi."
            ) from None

    def lepas(self) -> None:
        if not self._f.closed:
            self._f.close()


@dataclass
class Status:
    """The state of one OUTDIR, plus read-only states of its subfolders."""

    folder: Path
    berkas: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Relative path of a subfolder → its state's entries (read-only).
    bawahan: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return self.folder / NAMA_STATUS

    @property
    def jurnal(self) -> Path:
        return self.folder / NAMA_JURNAL

    @property
    def sementara(self) -> Path:
        return self.folder / NAMA_SEMENTARA

    # ------------------------------------------------------------ load/save
    @classmethod
    def muat(cls, folder: Path) -> "Status":
        """Load the state, fold the journal in, clear the staging folder.

        Call with the OUTDIR lock held.
        """
        st = cls(Path(folder))
        doc = _baca_json(st.path)
        if doc is not None:
            st.berkas = doc["berkas"]
        st.putar_jurnal()
        st.simpan()
        try:
            st.jurnal.unlink()
        except FileNotFoundError:
            pass
        if st.sementara.exists():
            shutil.rmtree(st.sementara, ignore_errors=True)
        st.sementara.mkdir(exist_ok=True)
        st._muat_bawahan()
        return st

    def putar_jurnal(self) -> None:
        """Fold the journal's finished computations into the state (idempotent)."""
        try:
            data = self.jurnal.read_bytes()
        except FileNotFoundError:
            return
        for baris in data.splitlines():
            try:
                e = json.loads(baris)
            except ValueError:
                continue  # a line cut short by a crash: that workbook was not finished
            if isinstance(e, dict) and "berkas" in e:
                self._terapkan_jurnal(e)

    def _terapkan_jurnal(self, e: dict[str, Any]) -> None:
        rel = e["berkas"]
        lama = self.berkas.get(rel)
        if lama is not None and lama.get("id") == e.get("id"):
            return  # already folded in (a crash between saving the state and removing the journal)
        akhir = self.folder / Path(rel)
        if not _cocok(akhir, e):
            staged = self.sementara / e.get("sementara", "")
            if e.get("sementara") and _cocok(staged, e):
                akhir.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged, akhir)
            else:
                return  # output gone or replaced since: not a finished computation
        self.catat(e)

    def catat(self, e: dict[str, Any]) -> None:
        """Record a finished computation (a journal entry)."""
        rel = e["berkas"]
        lama = self.berkas.get(rel) or {}
        self.berkas[rel] = {
            "id": e["id"],
            "sha256": e["sha256"],
            "masukan_ukuran": e["masukan_ukuran"],
            "masukan_mtime_ns": e["masukan_mtime_ns"],
            "keluaran_ukuran": e["keluaran_ukuran"],
            "keluaran_mtime_ns": e["keluaran_mtime_ns"],
            "waktu": e["waktu"],
            "dihitung": int(lama.get("dihitung", 0)) + 1,
            "putaran": e.get("putaran"),
            "ringkasan": e["ringkasan"],
        }

    def simpan(self) -> None:
        doc = {"versi": VERSI, "berkas": dict(sorted(self.berkas.items()))}
        data = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
        write_atomic(self.path, lambda f: f.write(data), backup=False, check_lock=False)

    def selesai(self) -> None:
        """Fold the journal in (workers wrote it), save, remove the journal
        and the staging folder (left alone if a file is still in it: the
        next run sorts it out)."""
        self.putar_jurnal()
        self.simpan()
        try:
            self.jurnal.unlink()
        except FileNotFoundError:
            pass
        try:
            self.sementara.rmdir()
        except OSError:
            pass

    def _muat_bawahan(self) -> None:
        for folder, subfolder, nama in os.walk(self.folder):
            subfolder[:] = [d for d in subfolder if d != NAMA_SEMENTARA]
            f = Path(folder)
            if f == self.folder or NAMA_STATUS not in nama:
                continue
            doc = _baca_json(f / NAMA_STATUS)
            if doc is not None:
                self.bawahan[f.relative_to(self.folder).as_posix()] = doc["berkas"]

    # ---------------------------------------------------------------- query
    def masih_berlaku(self, rel: str, masukan: Path, sha256: str) -> dict[str, Any] | None:
        """The entry that makes recomputing `rel` unnecessary, or None."""
        akhir = self.folder / Path(rel)
        kandidat = [self.berkas.get(rel)]
        for sub, entri in self.bawahan.items():
            if rel.startswith(sub + "/"):
                kandidat.append(entri.get(rel[len(sub) + 1 :]))
        try:
            mtime_masukan = os.stat(masukan).st_mtime_ns
        except OSError:
            return None
        for e in kandidat:
            if not e or e.get("sha256") != sha256 or not _cocok(akhir, e):
                continue
            if e["keluaran_mtime_ns"] < mtime_masukan:
                continue
            return e
        return None


def _cocok(path: Path, e: dict[str, Any]) -> bool:
    """Does the file at `path` carry exactly the recorded mtime and size?"""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return st.st_mtime_ns == e.get("keluaran_mtime_ns") and st.st_size == e.get("keluaran_ukuran")
