"""Run a batch: find the workbooks, skip the finished ones, compute the rest
in worker processes, record everything in the OUTDIR state, find conflicts,
write the recap.

The parent process never opens a workbook: it hashes inputs, hands tasks to
a `ProcessPoolExecutor` (spawn context: the same on Linux, macOS and
Windows) and folds the workers' journal into the state.
"""

from __future__ import annotations

import os
import re
import time
import uuid
from pathlib import Path
from typing import Any, Callable, Iterable

from ..io.package import FileError
from . import pekerja
from .cari import Berkas, kumpulkan
from .model import EXIT_BERKAS, EXIT_GALAT, EXIT_OK, HasilBatch, HasilBerkas  # noqa: F401  (re-exported)
from .pekerja import GAGAL, OK, STATUS_GALAT, ringkasan_gagal
from .status import Kunci, Status, sha256_berkas


PESAN_PEKERJA_TIDAK_JALAN = "Proses pekerja xl-iku tidak dapat berjalan; periksa pemasangan xl-iku di server ini."
PESAN_PEKERJA_MATI = (
    "Proses pekerja berhenti mendadak saat menghitung berkas ini "
    "(kemungkinan kehabisan memori); berkas dilewati."
)


def jumlah_inti() -> int:
    """Cores this process may use (CPU affinity, e.g. a Slurm or container cpuset)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


class Pantau:
    """Progress callbacks (the CLI shows a bar or plain lines)."""

    def mulai(self, total: int, akan_dihitung: int, jobs: int) -> None: ...

    def satu(self, hasil: HasilBerkas) -> None: ...


# ------------------------------------------------------------------ helpers
_PREFIKS = re.compile(r"^(kecamatan|kec\.|kabupaten|kab\.|kota)\s+", re.IGNORECASE)


def _norm(s: str | None) -> str:
    s = " ".join((s or "").split()).casefold()
    return _PREFIKS.sub("", s)


def kunci_kecamatan(r: dict[str, Any]) -> tuple[str, str, int] | None:
    """(kabupaten, kecamatan, tahun), normalised; None when name or year is missing."""
    if not r.get("kecamatan") or not str(r["kecamatan"]).strip() or r.get("tahun") is None:
        return None
    return (_norm(r.get("kabupaten")), _norm(r["kecamatan"]), int(r["tahun"]))


def cari_konflik(hasil: Iterable[HasilBerkas]) -> tuple[list[list[str]], list[str]]:
    grup: dict[tuple, list[str]] = {}
    tanpa: list[str] = []
    for h in hasil:
        if h.status == GAGAL:
            continue
        k = kunci_kecamatan(h.ringkasan)
        if k is None:
            tanpa.append(h.berkas)
        else:
            grup.setdefault(k, []).append(h.berkas)
    return [sorted(v) for v in grup.values() if len(v) > 1], tanpa


def _sidik(b: Berkas) -> tuple[Berkas, dict[str, Any] | str]:
    try:
        st = os.stat(b.masukan)
        return b, {"sha256": sha256_berkas(b.masukan), "masukan_ukuran": st.st_size,
                   "masukan_mtime_ns": st.st_mtime_ns}
    except OSError:
        return b, f"Berkas '{b.relatif}' tidak dapat dibaca: izin ditolak atau berkas hilang."


def _pool(n: int):
    # multiprocessing and concurrent.futures only when a batch runs: the CLI
    # imports this module to register `batch`, also for `xl-iku hitung`.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("spawn"),
                               initializer=pekerja.mulai_pekerja)


# ------------------------------------------------------------------ running
class _Pelaksana:
    def __init__(self, status: Status, jobs: int, terima: Callable[[dict[str, Any]], None],
                 fungsi: Callable[[dict[str, Any]], dict[str, Any]]):
        self.status, self.jobs, self.terima, self.fungsi = status, jobs, terima, fungsi

    def _penanda(self) -> set[str]:
        """Tasks that were running when a pool broke (their markers remain)."""
        hasil = set()
        for p in self.status.sementara.glob("*.sedang"):
            try:
                hasil.add(p.read_text(encoding="utf-8"))
            except OSError:
                pass
            p.unlink(missing_ok=True)
        return hasil

    def _satu_putaran(self, tugas: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
        """Run `tugas` in a pool of `n`; returns the tasks left undone by a broken pool."""
        from concurrent.futures import as_completed
        from concurrent.futures.process import BrokenProcessPool

        ex = _pool(n)
        try:
            futs = {ex.submit(pekerja.dengan_penanda, self.fungsi, t): t for t in tugas}
            diterima: set = set()
            # as_completed, not wait() in a loop: O(n) over thousands of futures.
            for f in as_completed(futs):
                try:
                    res = f.result()
                except BrokenProcessPool:
                    ex.shutdown(wait=True)
                    sisa = []
                    for g, t in futs.items():
                        if g in diterima:
                            continue
                        if _beres(g):
                            self.terima(g.result())
                        else:
                            sisa.append(t)
                    return sisa
                except Exception as e:  # e.g. a result that cannot cross the process boundary
                    diterima.add(f)
                    self.terima({"berkas": futs[f]["berkas"], "ringkasan": ringkasan_gagal(
                        f"Kesalahan internal xl-iku ({type(e).__name__}); laporkan berkas ini ke pengelola.")})
                    continue
                diterima.add(f)
                self.terima(res)
            return []
        except BaseException:
            # Ctrl-C: drop what has not started, let running workbooks finish
            # (seconds at most) so their results are journaled.
            ex.shutdown(wait=True, cancel_futures=True)
            raise
        finally:
            ex.shutdown(wait=True, cancel_futures=True)

    def jalankan(self, tugas: list[dict[str, Any]]) -> None:
        """Run every task; a worker that dies costs only the workbook it was on."""
        sisa = tugas
        tanpa_tersangka = 0
        while sisa:
            self._penanda()
            sisa = self._satu_putaran(sisa, max(1, min(self.jobs, len(sisa))))
            if not sisa:
                break
            # The pool broke.  Workbooks finished (journaled) but whose result
            # did not reach us are taken from the journal, not computed again.
            self.status.putar_jurnal()
            tetap = []
            for t in sisa:
                e = self.status.berkas.get(t["berkas"]) or {}
                if e.get("putaran") == t["putaran"]:
                    self.terima({"berkas": t["berkas"], "ringkasan": e["ringkasan"]})
                else:
                    tetap.append(t)
            sisa = tetap
            # The markers name the workbooks in progress when it broke.
            curiga = self._penanda()
            tersangka = [t for t in sisa if t["berkas"] in curiga]
            sisa = [t for t in sisa if t["berkas"] not in curiga]
            # Each suspect alone: the one that breaks its own pool is the culprit.
            for t in tersangka:
                if self._satu_putaran([t], 1):
                    self._penanda()
                    self.terima({"berkas": t["berkas"], "ringkasan": ringkasan_gagal(PESAN_PEKERJA_MATI)})
            tanpa_tersangka = 0 if tersangka else tanpa_tersangka + 1
            if tanpa_tersangka >= 2:  # pragma: no cover - workers die before taking any work
                for t in sisa:
                    self.terima({"berkas": t["berkas"], "ringkasan": ringkasan_gagal(PESAN_PEKERJA_TIDAK_JALAN)})
                sisa = []


def _beres(f) -> bool:
    if not f.done():
        return False
    try:
        f.result()
    except BaseException:
        return False
    return True


def jalankan(
    masukan: list[str | Path],
    keluar: str | Path,
    *,
    jobs: int | None = None,
    ulang: bool = False,
    rekap: str | Path | None = None,
    kecualikan: tuple[Path, ...] = (),
    pantau: Pantau | None = None,
    _fungsi: Callable[[dict[str, Any]], dict[str, Any]] = pekerja.proses,
) -> HasilBatch:
    """Run the batch; raises FileError only when OUTDIR itself is unusable."""
    t0 = time.perf_counter()
    pantau = pantau or Pantau()
    jobs = max(1, jobs or jumlah_inti())
    keluar = Path(keluar)
    try:
        keluar.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise FileError(f"Folder keluaran '{keluar}' tidak dapat dibuat.") from None
    if not keluar.is_dir():
        raise FileError(f"'{keluar}' bukan folder; sebutkan folder keluaran.")
    keluar = keluar.resolve()
    kecuali = tuple(kecualikan) + ((Path(rekap),) if rekap else ())
    kunci = Kunci(keluar)
    try:
        status = Status.muat(keluar)
        daftar, hilang = kumpulkan(masukan, keluar, kecualikan=kecuali)
        hasil: dict[str, HasilBerkas] = {}

        def catat(h: HasilBerkas) -> None:
            hasil[h.berkas] = h
            pantau.satu(h)

        tugas: list[dict[str, Any]] = []
        lewati: list[HasilBerkas] = []
        gagal_awal: list[HasilBerkas] = [
            HasilBerkas(t.argumen, t.argumen, None, False, ringkasan_gagal(t.pesan)) for t in hilang
        ]
        per_rel = {b.relatif: b for b in daftar}
        putaran = uuid.uuid4().hex
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(8, 2 * jobs)) as tp:
            sidik = list(tp.map(_sidik, daftar))
        for b, s in sidik:
            if isinstance(s, str):
                gagal_awal.append(HasilBerkas(b.relatif, str(b.masukan), None, False, ringkasan_gagal(s)))
                continue
            if b.keluaran == b.masukan:
                gagal_awal.append(HasilBerkas(b.relatif, str(b.masukan), None, False, ringkasan_gagal(
                    f"Keluaran '{b.relatif}' akan menimpa masukannya; pilih folder keluaran lain.")))
                continue
            e = None if ulang else status.masih_berlaku(b.relatif, b.masukan, s["sha256"])
            if e is not None:
                lewati.append(HasilBerkas(b.relatif, str(b.masukan), str(b.keluaran), True,
                                          dict(e["ringkasan"])))
                continue
            tugas.append({"masukan": str(b.masukan), "keluaran": str(b.keluaran), "berkas": b.relatif,
                          "sementara": str(status.sementara), "jurnal": str(status.jurnal),
                          "putaran": putaran, **s})
        jobs_efektif = max(1, min(jobs, len(tugas))) if tugas else 0
        pantau.mulai(len(gagal_awal) + len(lewati) + len(tugas), len(tugas), jobs_efektif)
        for h in gagal_awal + lewati:
            catat(h)
        rss: dict[int, float] = {}
        cpu = [0.0]

        def terima(res: dict[str, Any]) -> None:
            if "entri" in res:
                status.catat(res["entri"])
            if "pid" in res:
                rss[res["pid"]] = max(rss.get(res["pid"], 0.0), res.get("rss_mb", 0.0))
                cpu[0] += res.get("cpu_detik", 0.0)
            b = per_rel[res["berkas"]]
            ok = res["ringkasan"]["status"] != GAGAL
            catat(HasilBerkas(b.relatif, str(b.masukan), str(b.keluaran) if ok else None, False,
                              res["ringkasan"]))

        try:
            if tugas:
                _Pelaksana(status, jobs, terima, _fungsi).jalankan(tugas)
        finally:
            status.selesai()
        daftar_hasil = [hasil[k] for k in sorted(hasil, key=lambda k: (k not in per_rel, k))]
        konflik, tanpa = cari_konflik(daftar_hasil)
        hb = HasilBatch(daftar_hasil, konflik, tanpa, 0.0, jobs_efektif, rss, cpu[0])
        if rekap:
            from .rekap import tulis_rekap

            tulis_rekap(Path(rekap), hb)
        hb.detik = time.perf_counter() - t0
        return hb
    finally:
        kunci.lepas()
