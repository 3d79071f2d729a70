"""A stray cell far away and tables stretched to the last row (issue 22): time and memory.

    python3 benchmarks/batas.py                 # this tree, 3 repeats
    python3 benchmarks/batas.py --ulang 5 --pohon /tmp/sebelum   # another tree (e.g. before a change)

The workbooks of tests/test_batas_baca.py, built from the sample: one value at
XFD1048576 on the SKM sheet, one at CV1048576, one at Q1048576 (in tblSKM's
columns, after a gap: a peringatan), and every table's range stretched to row
1.048.576.  Each is computed by `xl-iku hitung` (the console script's body, a
fresh interpreter, as benchmarks/kinerja.py runs it), interleaved with
python-calamine's bare read of the untouched sample, so a busy neighbour hits
all alike; medians of CPU time, wall time and peak memory (wait4), and each
ratio to the bare read.  A run that fails (the old abort at XFD1048576) is
shown with its exit code.  A tree older than the bound may need minutes and
gigabytes per workbook: `--lewati` leaves cases out.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(AKAR))
sys.path.insert(0, str(AKAR / "benchmarks"))

from kinerja import BACA_POLOS, HITUNG, _d  # noqa: E402

SAMPEL = AKAR / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"
KASUS = {  # name → the call to tests/test_batas_baca.py's builder (None: the sample itself)
    "contoh (tanpa ubahan)": None,
    "nilai di XFD1048576": 'sel_jauh(p, "XFD1048576")',
    "nilai di CV1048576": 'sel_jauh(p, "CV1048576")',
    "nilai di Q1048576 (kolom tblSKM)": 'sel_jauh(p, "Q1048576", nilai="7")',
    "semua tabel sampai baris 1048576": "tabel_panjang(p)",
}
# The builders import the test module (xlwings, the engine): in a child, so
# this process stays small (a child's peak counts what it shared with us).
BANGUN = ("import sys\nfrom pathlib import Path\nsys.path.insert(0, sys.argv[1])\n"
          "from tests.test_batas_baca import sel_jauh, tabel_panjang\n"
          "for arg in sys.argv[2:]:\n    f, _, src = arg.partition('=')\n    p = Path(f)\n    eval(src)\n")


def _jalan(args: list[str], env: dict) -> tuple[int, float, float, float]:
    """(exit code, CPU s, wall s, peak MB) of one child."""
    t0 = time.perf_counter()
    p = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd="/")
    _, status, ru = os.wait4(p.pid, 0)
    return (os.waitstatus_to_exitcode(status), ru.ru_utime + ru.ru_stime, time.perf_counter() - t0,
            ru.ru_maxrss / 1024)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ulang", type=int, default=3)
    ap.add_argument("--pohon", type=Path, default=AKAR, help="folder kode (berisi xl_iku/) yang diukur")
    ap.add_argument("--lewati", action="append", default=[], help="lewati kasus yang namanya memuat teks ini")
    a = ap.parse_args(argv)
    env0 = dict(os.environ)
    env0.pop("PYTHONDONTWRITEBYTECODE", None)
    env = dict(env0, PYTHONPATH=str(a.pohon.resolve()))
    with tempfile.TemporaryDirectory(prefix="xl-iku-batas-") as tmp:
        tmp = Path(tmp)
        pilih = {k: v for k, v in KASUS.items() if not any(x in k for x in a.lewati)}
        buku = {k: (tmp / f"{i}.xlsx" if v else SAMPEL) for i, (k, v) in enumerate(pilih.items())}
        subprocess.run([sys.executable, "-c", BANGUN, str(AKAR)] + [f"{buku[k]}={v}" for k, v in pilih.items() if v],
                       env=dict(env0, PYTHONPATH=str(AKAR)), check=True, cwd=str(AKAR))
        keluar = tmp / "hasil.xlsx"
        subprocess.run([sys.executable, "-c", HITUNG, "hitung", str(SAMPEL), "-o", str(keluar)], env=env,
                       capture_output=True)  # .pyc written, disk cache warm
        hasil: dict[str, list] = {k: [] for k in buku}
        polos = []
        for _ in range(a.ulang):
            for k, src in buku.items():
                hasil[k].append(_jalan([sys.executable, "-c", HITUNG, "hitung", str(src), "-o", str(keluar)], env))
            polos.append(_jalan([sys.executable, "-c", BACA_POLOS, str(SAMPEL)], env0))
    pc, pw = (statistics.median(x[i] for x in polos) for i in (1, 2))
    pm = statistics.median(x[3] for x in polos)
    print(f"kode: {a.pohon.resolve()}")
    print(f"baca polos contoh: CPU {_d(pc, 3)} s, dinding {_d(pw, 3)} s, memori {_d(pm, 1)} MB")
    for k, v in hasil.items():
        kode = sorted({x[0] for x in v})
        c, w, m = (statistics.median(x[i] for x in v) for i in (1, 2, 3))
        print(f"{k}: keluar {kode}, CPU {_d(c, 3)} s ({_d(c / pc, 1)}×), dinding {_d(w, 3)} s "
              f"({_d(w / pw, 1)}×), memori {_d(m, 1)} MB ({_d(m / pm, 1)}×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
