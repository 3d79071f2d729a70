"""What the tests used to time (issue 23): the suite asserts behaviour, this prints the times.

    python3 benchmarks/batas.py            # every figure, median of 3
    python3 benchmarks/batas.py --ulang 7

Each line gives the median wall time beside the bound the test once asserted
("dulu < …"), so a regression is visible without a test failing on a busy
machine:

* the sample generator at the scale the big-workbook benchmarks use
  (`data_contoh(skala=33)`, ≈ 10.000 respondents, 20.000 service requests);
* 10.000 working-day counts on Indonesia's 2024 calendar (`Kalender.hari_kerja`);
* refusing each unusable file (tests/badfiles.py): `Package.open` in a fresh
  interpreter and `xl-iku hitung` as a user runs it (wall time, interpreter
  start included).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(AKAR))


def _median(fungsi, ulang: int) -> float:
    waktu = []
    for _ in range(ulang):
        t0 = time.perf_counter()
        fungsi()
        waktu.append(time.perf_counter() - t0)
    return statistics.median(waktu)


def _baris(nama: str, detik: float, dulu: float) -> None:
    print(f"{nama:<48} {f'{detik:7.3f}'.replace('.', ',')} s   (dulu < {dulu:g} s)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ulang", type=int, default=3)
    a = ap.parse_args(argv)

    from tests import badfiles
    from tests.test_cli_berkas import KINDS
    from xl_iku.rules.hari_kerja import Kalender
    from xl_iku.template.contoh import data_contoh

    _baris("data_contoh(skala=33)", _median(lambda: data_contoh(skala=33), a.ulang), 3.0)

    import holidays

    kal = Kalender(sorted(holidays.country_holidays("ID", years=2024, categories=("public", "government"),
                                                    language="id")))
    d0 = date(2024, 1, 1)

    def hari_kerja():
        for i in range(10_000):
            kal.hari_kerja(d0 + timedelta(days=i % 300), d0 + timedelta(days=i % 300 + i % 40))

    _baris("10.000 × Kalender.hari_kerja", _median(hari_kerja, a.ulang), 1.0)

    env = dict(os.environ, PYTHONPATH=str(AKAR))
    buka = "import sys\nfrom xl_iku.io.package import FileError, Package\ntry:\n    Package.open(sys.argv[1]).close()\nexcept FileError:\n    pass\n"
    with tempfile.TemporaryDirectory() as d:
        for jenis in sorted(badfiles.BAD_FILES):
            folder = Path(d) / jenis
            folder.mkdir()
            path = badfiles.BAD_FILES[jenis][0](folder)
            t = _median(lambda: subprocess.run([sys.executable, "-c", buka, str(path)], env=env, check=True), a.ulang)
            _baris(f"Package.open menolak {jenis}", t, 10)
        for jenis in KINDS:
            folder = Path(d) / ("cli_" + jenis)
            folder.mkdir()
            path = getattr(badfiles, jenis)(folder)
            t = _median(lambda: subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(path)], env=env,
                                               capture_output=True), a.ulang)
            _baris(f"xl-iku hitung menolak {jenis}", t, 10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
