"""Benchmark of `xl-iku batch`: throughput, speed-up and memory per worker.

    python benchmarks/batch.py                 # 200 workbooks, --jobs 1 and --jobs 2
    python benchmarks/batch.py --jumlah 40     # quicker
    python benchmarks/batch.py --jobs 1,2,4    # other pool sizes

Generates N workbooks in a temporary folder (seeded; sizes mixed with skala
uniform in 0.5–3, i.e. about 150–900 SKM questionnaires and 300–1,800
service requests each; a few broken files: truncated zip, not a zip, empty),
then runs the same batch with each pool size into a fresh output folder and
reports, per run: wall time (including starting the worker processes and
hashing the inputs), workbooks per second, speed-up over the first pool size
and the peak RSS of each worker (getrusage in the worker).  Extrapolates the
largest pool's rate to workbooks per hour and to the ~7,300 kecamatan of
Indonesia.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from xl_iku.batch import jalankan, jumlah_inti  # noqa: E402

KECAMATAN_INDONESIA = 7_300


def _buat(args: tuple[Path, int, float]) -> int:
    from xl_iku.template.contoh import data_contoh
    from xl_iku.template.build import buat

    path, i, skala = args
    peng, tabel = data_contoh(tahun=2024, seed=1000 + i, skala=skala)
    peng["NamaKecamatan"] = f"Kecamatan {i:04d}"
    buat(path, peng, tabel)
    return path.stat().st_size


def siapkan(folder: Path, jumlah: int, rusak: int, seed: int) -> dict:
    rng = random.Random(seed)
    tugas = []
    for i in range(jumlah - rusak):
        sub = folder / f"kab{i % 5:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        tugas.append((sub / f"kec{i:04d}.xlsx", i, round(rng.uniform(0.5, 3.0), 2)))
    with ProcessPoolExecutor(max_workers=jumlah_inti()) as ex:
        ukuran = list(ex.map(_buat, tugas, chunksize=4))
    contoh = tugas[0][0].read_bytes()
    for k in range(rusak):
        p = folder / "rusak" / f"rusak{k}.xlsx"
        p.parent.mkdir(exist_ok=True)
        jenis = k % 3
        p.write_bytes(contoh[: len(contoh) // 2] if jenis == 0 else (b"bukan zip" * 100 if jenis == 1 else b""))
    return {"baik": len(tugas), "rusak": rusak, "mb": sum(ukuran) / 1e6,
            "skala": (min(t[2] for t in tugas), max(t[2] for t in tugas))}


def ukur(folder: Path, keluar: Path, jobs: int) -> dict:
    if keluar.exists():
        shutil.rmtree(keluar)
    beban = os.getloadavg()[0]
    t0 = time.perf_counter()
    hb = jalankan([folder], keluar, jobs=jobs, rekap=keluar / "Rekap.xlsx")
    dinding = time.perf_counter() - t0
    n = hb.hitung_status()
    detik = [h.ringkasan.get("detik") or 0.0 for h in hb.berkas if h.status != "gagal"]
    return {
        "jobs": jobs,
        "berkas": len(hb.berkas),
        "ok": n["ok"], "galat": n["galat"], "gagal": n["gagal"],
        "dinding": dinding,
        "laju": len(hb.berkas) / dinding,
        "rss_maks": max(hb.rss_pekerja.values()) if hb.rss_pekerja else float("nan"),
        "rss_semua": sorted(hb.rss_pekerja.values()),
        "pekerja": len(hb.rss_pekerja),
        "per_berkas_median": statistics.median(detik) if detik else float("nan"),
        "per_berkas_maks": max(detik) if detik else float("nan"),
        "cpu_per_berkas": hb.cpu_pekerja / max(1, hb.jumlah_dihitung),
        # Wall time the workers spent per workbook over their CPU time: ≈ 1 when
        # nothing (a neighbour's process, the disk) held them up.
        "tunggu": sum(detik) / hb.cpu_pekerja if hb.cpu_pekerja else float("nan"),
        "beban": beban,
    }


def _d(x: float, n: int = 2) -> str:
    """Indonesian number: 1.234,56."""
    return f"{x:,.{n}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _mb(x: float) -> str:
    return f"{_d(x, 0)} MB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jumlah", type=int, default=200, help="jumlah buku kerja (bawaan 200)")
    ap.add_argument("--rusak", type=int, default=None, help="berapa di antaranya rusak (bawaan 2 %%, minimal 1)")
    ap.add_argument("--jobs", default="1,2", help="ukuran pool yang dibandingkan, mis. 1,2,4")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--ulangi", type=int, default=2, help="putaran berselang-seling per ukuran pool; diambil yang tercepat")
    ap.add_argument("--folder", type=Path, default=None, help="simpan buku kerja di sini (bawaan: folder sementara)")
    a = ap.parse_args(argv)
    rusak = a.rusak if a.rusak is not None else max(1, round(a.jumlah * 0.02))
    daftar_jobs = [int(x) for x in a.jobs.split(",")]

    sementara = None
    if a.folder is None:
        sementara = tempfile.mkdtemp(prefix="xl-iku-bench-")
        akar = Path(sementara)
    else:
        akar = a.folder
        akar.mkdir(parents=True, exist_ok=True)
    try:
        masuk = akar / "masuk"
        print(f"Mesin: {jumlah_inti()} inti tersedia, Python {sys.version.split()[0]}, {sys.platform}")
        t0 = time.perf_counter()
        info = siapkan(masuk, a.jumlah, rusak, a.seed)
        print(f"Membuat {a.jumlah} buku kerja ({info['baik']} baik, skala {info['skala'][0]}–{info['skala'][1]}, "
              f"{info['mb']:.1f} MB; {info['rusak']} rusak): {time.perf_counter() - t0:.1f} s")
        # Interleaved repeats, best of each: the machine may be shared, and a
        # neighbour's burst should not decide the speed-up.
        semua: dict[int, list[dict]] = {j: [] for j in daftar_jobs}
        for k in range(a.ulangi):
            for j in daftar_jobs:
                r = ukur(masuk, akar / f"keluar-j{j}", j)
                semua[j].append(r)
                print(f"  putaran {k + 1}, --jobs {j}: {r['dinding']:.1f} s "
                      f"(beban mesin sebelum mulai {r['beban']:.2f})", flush=True)
        hasil = [min(semua[j], key=lambda r: r["dinding"]) for j in daftar_jobs]
        dasar = hasil[0]["laju"]
        if len(daftar_jobs) > 1:
            print("Speed-up per putaran (--jobs " + str(daftar_jobs[-1]) + " / --jobs " + str(daftar_jobs[0]) + "): "
                  + ", ".join(_d(semua[daftar_jobs[0]][k]["dinding"] / semua[daftar_jobs[-1]][k]["dinding"])
                              for k in range(a.ulangi)) + "; tabel memakai putaran tercepat tiap ukuran pool.")
        print()
        print(f"{'jobs':>4} {'berkas':>6} {'ok/galat/gagal':>14} {'detik':>7} {'berkas/s':>9} {'speed-up':>8} "
              f"{'median/berkas':>13} {'dinding/CPU':>11} {'RSS puncak/pekerja':>19}")
        for r in hasil:
            print(f"{r['jobs']:>4} {r['berkas']:>6} {str(r['ok']) + '/' + str(r['galat']) + '/' + str(r['gagal']):>14} "
                  f"{_d(r['dinding'], 1):>7} {_d(r['laju']):>9} {_d(r['laju'] / dasar):>7}× "
                  f"{_d(r['per_berkas_median'], 3):>12}s {_d(r['tunggu']):>11} {_mb(r['rss_maks']):>19}")
        induk = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"Waktu CPU pekerja per buku kerja (rata-rata, jobs {hasil[0]['jobs']}): {_d(hasil[0]['cpu_per_berkas'], 3)} s "
              f"→ batas atas satu inti ≈ {_d(1 / hasil[0]['cpu_per_berkas'], 1)} buku kerja/detik.")
        print("dinding/CPU: waktu nyata pekerja per buku kerja dibagi waktu CPU-nya; jauh di atas 1 berarti "
              "pekerja menunggu inti yang dipakai proses lain (mesin bersama) dan angka speed-up tidak mewakili.")
        print(f"RSS puncak proses induk: {_mb(induk)}; RSS puncak tiap pekerja: "
              + "; ".join(f"jobs {r['jobs']}: " + ", ".join(_d(x, 0) for x in r['rss_semua']) + " MB" for r in hasil))
        terbaik = hasil[-1]
        per_jam = terbaik["laju"] * 3600
        print(f"Dengan --jobs {terbaik['jobs']}: {_d(per_jam, 0)} buku kerja per jam; "
              f"{_d(KECAMATAN_INDONESIA, 0)} kecamatan ≈ {_d(KECAMATAN_INDONESIA / terbaik['laju'] / 60, 1)} menit.")
        if len(hasil) > 1 and hasil[0]["jobs"] == 1 and 2 in daftar_jobs:
            r2 = next(r for r in hasil if r["jobs"] == 2)
            s = r2["laju"] / dasar
            print(f"Target speed-up --jobs 2 ≥ 1,6×: {'TERCAPAI' if s >= 1.6 else 'TIDAK tercapai'} ({_d(s)}×); "
                  f"target RSS < 300 MB per pekerja: "
                  f"{'TERCAPAI' if max(r['rss_maks'] for r in hasil) < 300 else 'TIDAK tercapai'}.")
    finally:
        if sementara:
            shutil.rmtree(sementara, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
