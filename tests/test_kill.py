"""Killing `xl-iku hitung` (in place) at random moments never leaves a broken
workbook: the file is always a complete old or new version."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from xl_iku.io.package import Package

SAMPLE = Path(__file__).resolve().parent.parent / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"


def test_kill_hitung_at_random_moments(tmp_path):
    src = tmp_path / "laporan.xlsx"
    shutil.copy(SAMPLE, src)
    rnd = random.Random(7)
    killed_mid_run = 0
    for _ in range(12):
        p = subprocess.Popen([sys.executable, "-m", "xl_iku", "hitung", str(src)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # A run lasts about 0.6 s (Python start-up included): most kills land mid-run.
        time.sleep(rnd.uniform(0.05, 0.55))
        if p.poll() is None:
            killed_mid_run += 1
        p.send_signal(signal.SIGKILL)
        p.wait()
        with zipfile.ZipFile(src) as z:
            assert z.testzip() is None
        with Package.open(src) as pkg:
            assert "tblSKM" in pkg.tables
    assert killed_mid_run >= 6
    # Whatever was interrupted, the next run completes normally.
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(src)], capture_output=True, timeout=120)
    assert r.returncode == 0
    assert not [f for f in tmp_path.iterdir() if f.name.endswith(".tmp")]
