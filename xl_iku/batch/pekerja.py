"""The worker side of a batch: compute one workbook, stage, journal, publish.

Runs in a worker process (spawn-safe: only module-level functions and plain
data cross the process boundary).  No personal data leaves this module: the
summary (`hasil.ringkasan_batch`, the KONTRAK §4 document) carries kecamatan,
year, numbers and the validation messages, which never quote names or NIP.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sys
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from ..hasil import HASIL_GAGAL, HASIL_GALAT, HASIL_OK, ringkasan_batch, ringkasan_gagal

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

OK, STATUS_GALAT, GAGAL = HASIL_OK, HASIL_GALAT, HASIL_GAGAL

_ppid: int | None = None


def mulai_pekerja() -> None:
    """Initializer of every worker process."""
    global _ppid
    _ppid = os.getppid()
    # Ctrl-C goes to the whole process group: the parent decides what to do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        # Die with the parent (kill -9 of the batch leaves no orphan computing on).
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except Exception:  # pragma: no cover - best effort
            pass
        if os.getppid() != _ppid:  # pragma: no cover - parent died before prctl
            os._exit(1)
    # Import the engine now, while the parent is still hashing the inputs.
    from .. import app  # noqa: F401


def _cpu() -> float:
    if resource is None:  # pragma: no cover - Windows
        return time.process_time()
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def _rss_puncak_mb() -> float:
    if resource is None:  # pragma: no cover - Windows
        try:
            import psutil

            return psutil.Process().memory_info().peak_wset / (1024 * 1024)
        except Exception:
            return float("nan")
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / (1024 * 1024) if sys.platform == "darwin" else r / 1024


def dengan_penanda(fungsi: Callable[[dict[str, Any]], dict[str, Any]], tugas: dict[str, Any]) -> dict[str, Any]:
    """Run `fungsi(tugas)` with a marker `<pid>.sedang` naming the workbook in
    the staging folder: if the worker dies (out of memory, a crash in a
    native library), the parent knows which workbook it was on."""
    penanda = Path(tugas["sementara"]) / f"{os.getpid()}.sedang"
    penanda.write_text(tugas["berkas"], encoding="utf-8")
    try:
        return fungsi(tugas)
    finally:
        penanda.unlink(missing_ok=True)


def salin_masukan(src: Path, folder: Path) -> tuple[Path, dict[str, Any]]:
    """Copy `src` to `folder/<its name>` and fingerprint the bytes copied.

    The worker computes the copy, so what the journal records (sha256, size,
    mtime) is exactly what was computed.  The checksum the parent took when
    it listed the inputs may be of other bytes: an input replaced between the
    listing and the computation, then put back with its old mtime, would
    otherwise match a result computed from the replacement and be skipped
    ("dilewati") for ever."""
    folder.mkdir()
    salinan = folder / src.name  # the same name: every message names the office's file
    h = hashlib.sha256()
    ukuran = 0
    with open(src, "rb") as fi, open(salinan, "wb") as fo:
        st = os.fstat(fi.fileno())
        while blok := fi.read(1 << 20):
            h.update(blok)
            fo.write(blok)
            ukuran += len(blok)
    return salinan, {"sha256": h.hexdigest(), "masukan_ukuran": ukuran, "masukan_mtime_ns": st.st_mtime_ns}


def proses(tugas: dict[str, Any]) -> dict[str, Any]:
    """Compute one workbook.  `tugas`: masukan, keluaran, berkas (relative),
    sha256 (of the listing; the journal records the bytes computed),
    sementara (staging folder), jurnal (journal path)."""
    from ..app import hitung_berkas
    from ..io.atomic import check_not_locked
    from ..io.package import FileError

    t0 = time.perf_counter()
    cpu0 = _cpu()
    src = Path(tugas["masukan"])
    akhir = Path(tugas["keluaran"])
    ident = uuid.uuid4().hex
    staged = Path(tugas["sementara"]) / f"{ident}{src.suffix.lower()}"
    salinan_folder = Path(tugas["sementara"]) / f"{ident}.masukan"
    hasil: dict[str, Any] = {"berkas": tugas["berkas"], "id": ident, "pid": os.getpid()}
    if _ppid is not None and os.getppid() != _ppid:  # pragma: no cover - orphaned
        hasil.update(ringkasan=ringkasan_gagal("Batch dihentikan."), detik=0.0, rss_mb=_rss_puncak_mb())
        return hasil
    try:
        check_not_locked(akhir)
        akhir.parent.mkdir(parents=True, exist_ok=True)
        try:
            salinan, sidik = salin_masukan(src, salinan_folder)
        except FileNotFoundError:
            raise FileError(f"Berkas '{tugas['berkas']}' hilang atau dipindahkan selama batch berjalan.") from None
        except PermissionError:
            raise FileError(f"Berkas '{src.name}' tidak dapat dibaca: izin ditolak.") from None
        lap = hitung_berkas(salinan, staged, backup=False)
        ring = ringkasan_batch(lap.hasil, round(time.perf_counter() - t0, 3))
        st = os.stat(staged)
        entri = {
            "id": ident,
            "berkas": tugas["berkas"],
            "sementara": staged.name,
            **sidik,
            "keluaran_ukuran": st.st_size,
            "keluaran_mtime_ns": st.st_mtime_ns,
            "waktu": datetime.now().astimezone().isoformat(timespec="seconds"),
            "putaran": tugas.get("putaran"),
            "ringkasan": ring,
        }
        from .status import tambah_jurnal

        tambah_jurnal(Path(tugas["jurnal"]), entri)
        try:
            os.replace(staged, akhir)
        except OSError:
            staged.unlink(missing_ok=True)  # the journal line then names nothing: not finished
            raise
        hasil["entri"] = entri
        ring = entri["ringkasan"]
    except FileError as e:
        ring = ringkasan_gagal(e.pesan)
    except OSError as e:
        from ..io.atomic import alasan_os

        ring = ringkasan_gagal(f"Hasil '{tugas['berkas']}' tidak dapat disimpan: {alasan_os(e)}.")
    except MemoryError:
        ring = ringkasan_gagal("Buku kerja terlalu besar untuk memori yang tersedia.")
    except Exception as e:  # an engine bug must not stop the batch; no data in the message
        ring = ringkasan_gagal(f"Kesalahan internal xl-iku ({type(e).__name__}); laporkan berkas ini ke pengelola.")
    finally:
        if "entri" not in hasil:
            staged.unlink(missing_ok=True)
        shutil.rmtree(salinan_folder, ignore_errors=True)
    if ring.get("detik") is None:
        ring["detik"] = round(time.perf_counter() - t0, 3)
    hasil["ringkasan"] = ring
    hasil["rss_mb"] = _rss_puncak_mb()
    hasil["cpu_detik"] = _cpu() - cpu0
    return hasil
