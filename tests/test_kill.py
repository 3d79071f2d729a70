"""Killing `xl-iku hitung` (in place) at any step of its save never leaves a
broken workbook: the file is always a complete old or new version."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from xl_iku.io.package import Package

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"

# A helper imports the CLI once; per line read from stdin ("s K" or "w K") it
# forks a child that runs `xl-iku hitung BERKAS` and SIGKILLs itself at the
# K-th point of that kind: "s" before and after every call that puts bytes in
# their place (fsync, link, replace, unlink, fchmod, fchown), "w" after a
# write to a file the save opened (os.fdopen: the temp file).  So every kill
# lands at a known step of the real command however fast or busy the machine
# is.  The helper answers "dibunuh", or, when the child exited 0 without
# reaching point K, "selesai S W" with the number of points of each kind.
_PEMBANTU = r"""
import os, signal, sys
from xl_iku.cli.main import main
berkas, hitungan = sys.argv[1:3]
def jalan(jenis, bunuh_di):
    titik = {"s": 0, "w": 0}
    def lewat(j):
        titik[j] += 1
        if j == jenis and titik[j] == bunuh_di:
            os.kill(os.getpid(), signal.SIGKILL)
    def diamati(asli):
        def f(*a, **k):
            lewat("s")
            r = asli(*a, **k)
            lewat("s")
            return r
        return f
    for nama in ("fsync", "link", "replace", "unlink", "fchmod", "fchown"):
        setattr(os, nama, diamati(getattr(os, nama)))
    class Diamati:
        def __init__(self, f):
            self._f = f
        def write(self, data):
            r = self._f.write(data)
            lewat("w")
            return r
        def __getattr__(self, nama):
            return getattr(self._f, nama)
        def __enter__(self):
            return self
        def __exit__(self, *a):
            return self._f.__exit__(*a)
    fdopen = os.fdopen
    os.fdopen = lambda *a, **k: Diamati(fdopen(*a, **k))
    sys.argv = ["xl-iku", "hitung", berkas]
    try:
        kode = main() or 0  # a main that returns its exit code, or one that raises SystemExit
    except SystemExit as e:
        kode = e.code or 0
    with open(hitungan, "w") as f:
        f.write(f"{titik['s']} {titik['w']}")
    os._exit(kode)
for baris in sys.stdin:
    jenis, k = baris.split()
    pid = os.fork()
    if pid == 0:
        sys.stdout = sys.stderr = open(os.devnull, "w")
        jalan(jenis, int(k))
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
        print("dibunuh", flush=True)
    elif os.WEXITSTATUS(status) == 0:
        print("selesai", open(hitungan).read(), flush=True)
    else:
        print("keluar", os.WEXITSTATUS(status), flush=True)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_kill_hitung_at_every_step_of_its_save(tmp_path):
    src = tmp_path / "laporan.xlsx"
    shutil.copy(SAMPLE, src)
    pembantu = subprocess.Popen([sys.executable, "-c", _PEMBANTU, str(src), str(tmp_path / "hitungan.txt")],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
                                env=dict(os.environ, PYTHONPATH=str(ROOT)))

    def bunuh(jenis: str, k: int) -> str:
        pembantu.stdin.write(f"{jenis} {k}\n")
        pembantu.stdin.flush()
        jawab = pembantu.stdout.readline().strip()
        with zipfile.ZipFile(src) as z:
            assert z.testzip() is None, (jenis, k, jawab)
        with Package.open(src) as pkg:
            assert "tblSKM" in pkg.tables
        versi.add(src.read_bytes())
        return jawab

    versi = {src.read_bytes()}
    try:
        jawab = bunuh("s", 0)  # a whole run: how many points of each kind
        assert jawab.startswith("selesai "), jawab
        n_s, n_w = map(int, jawab.split()[1:])
        assert n_s >= 4 and n_w >= 1, jawab
        # Every syscall point, and the first, middle and last write of the temp
        # file (every write would be thousands of runs; test_atomic kills
        # after every chunk).  A point a later run no longer reaches (the
        # backup already exists, say) lets the run finish: also fine.
        dibunuh = 0
        for jenis, k in [("s", k) for k in range(1, n_s + 1)] + [("w", k) for k in sorted({1, n_w // 2 or 1, n_w})]:
            jawab = bunuh(jenis, k)
            assert jawab == "dibunuh" or jawab.startswith("selesai "), (jenis, k, jawab)
            dibunuh += jawab == "dibunuh"
    finally:
        pembantu.stdin.close()
        pembantu.wait(timeout=60)
    assert dibunuh >= n_s  # nearly every point was reached and killed
    assert len(versi) >= 2  # a run that finished changed the workbook
    # Whatever was interrupted, the next run completes normally and leaves no temp file.
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(src)], capture_output=True, timeout=120)
    assert r.returncode == 0
    assert not [f for f in tmp_path.iterdir() if f.name.endswith(".tmp")]
