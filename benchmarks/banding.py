"""Two versions of the code on one workbook, side by side (what one change bought).

    git worktree add /tmp/sebelum HEAD~1
    python3 benchmarks/banding.py /tmp/sebelum . BUKU.xlsx --ulang 7

`xl-iku hitung` of each tree (PYTHONPATH), interleaved run by run with
python-calamine's bare read of the same workbook, so a busy neighbour hits
all alike; medians of CPU time, wall time and peak memory (wait4), and each
ratio to the bare read.  The .pyc files are written and warmed first: a tree
that compiles on every run (PYTHONDONTWRITEBYTECODE) would look slower than
an installed package is.  The figures of record stay benchmarks/kinerja.py's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The same child programs and Indonesian numbers as the benchmark of record.
from kinerja import BACA_POLOS, HITUNG, _d  # noqa: E402


def _jalan(args: list[str], env: dict) -> tuple[float, float, float]:
    """(CPU s, wall s, peak MB) of one child."""
    t0 = time.perf_counter()
    p = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd="/")
    _, _, ru = os.wait4(p.pid, 0)
    return ru.ru_utime + ru.ru_stime, time.perf_counter() - t0, ru.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pohon", nargs=2, type=Path, help="dua folder kode (berisi xl_iku/)")
    ap.add_argument("buku", type=Path, help="buku kerja .xlsx")
    ap.add_argument("--ulang", type=int, default=5)
    a = ap.parse_args(argv)
    env0 = dict(os.environ)
    env0.pop("PYTHONDONTWRITEBYTECODE", None)
    keluar = Path(os.environ.get("TMPDIR", "/tmp")) / "xl-iku-banding.xlsx"
    envs = {t: dict(env0, PYTHONPATH=str(t.resolve())) for t in a.pohon}
    perintah = [sys.executable, "-c", HITUNG, "hitung", str(a.buku.resolve()), "-o", str(keluar)]
    for env in envs.values():  # .pyc written, disk cache warm
        subprocess.run(perintah, env=env, capture_output=True)
    hasil: dict[str, list] = {str(t): [] for t in a.pohon}
    polos = []
    for _ in range(a.ulang):
        for t, env in envs.items():
            hasil[str(t)].append(_jalan(perintah, env))
        polos.append(_jalan([sys.executable, "-c", BACA_POLOS, str(a.buku.resolve())], env0))
    pc, pw = statistics.median(x[0] for x in polos), statistics.median(x[1] for x in polos)
    print(f"baca polos: CPU {_d(pc, 3)} s, dinding {_d(pw, 3)} s")
    for t, v in hasil.items():
        c, w, m = (statistics.median(x[i] for x in v) for i in range(3))
        print(f"{t}: CPU {_d(c, 3)} s ({_d(c / pc)}×), dinding {_d(w, 3)} s ({_d(w / pw)}×), memori {_d(m, 1)} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
