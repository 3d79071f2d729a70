"""Atomic saving: success, failure, backup, lock detection, and SIGKILL at every step of a save."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from xl_iku.io.atomic import backup_path, check_not_locked, write_atomic
from xl_iku.io.package import FileError

ROOT = Path(__file__).resolve().parent.parent


def _temps(folder: Path) -> list[str]:
    return [n for n in os.listdir(folder) if n.endswith(".xl-iku.tmp")]


def _writer(data: bytes):
    def w(f):
        f.write(data)

    return w


def test_new_file_written(tmp_path):
    target = tmp_path / "laporan.xlsx"
    write_atomic(target, _writer(b"baru"))
    assert target.read_bytes() == b"baru"
    assert not backup_path(target).exists()  # nothing to back up
    assert _temps(tmp_path) == []
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_replace_keeps_bak_and_mode(tmp_path):
    target = tmp_path / "laporan.xlsx"
    target.write_bytes(b"versi-1")
    os.chmod(target, 0o640)
    write_atomic(target, _writer(b"versi-2"))
    bak = tmp_path / "laporan.bak.xlsx"
    assert backup_path(target) == bak
    assert target.read_bytes() == b"versi-2"
    assert bak.read_bytes() == b"versi-1"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640

    write_atomic(target, _writer(b"versi-3"))  # older .bak replaced
    assert target.read_bytes() == b"versi-3"
    assert bak.read_bytes() == b"versi-2"
    assert sorted(os.listdir(tmp_path)) == ["laporan.bak.xlsx", "laporan.xlsx"]

    write_atomic(target, _writer(b"versi-4"), backup=False)
    assert bak.read_bytes() == b"versi-2"
    assert target.read_bytes() == b"versi-4"


@pytest.mark.parametrize("exc", [ValueError("gagal"), KeyboardInterrupt()])
def test_failure_leaves_target_untouched(tmp_path, exc):
    target = tmp_path / "laporan.xlsx"
    target.write_bytes(b"lama")
    before = sorted(os.listdir(tmp_path))

    def w(f):
        f.write(b"setengah" * 1000)
        raise exc

    with pytest.raises(type(exc)):
        write_atomic(target, w)
    assert target.read_bytes() == b"lama"
    assert sorted(os.listdir(tmp_path)) == before  # no temp, no .bak
    assert _temps(tmp_path) == []


def test_os_error_becomes_fileerror(tmp_path):
    target = tmp_path / "tidak_ada" / "laporan.xlsx"
    with pytest.raises(FileError, match="tidak dapat disimpan"):
        write_atomic(target, _writer(b"x"))


def test_lock_detection(tmp_path):
    target = tmp_path / "laporan.xlsx"
    target.write_bytes(b"lama")
    check_not_locked(target)  # no owner file: fine
    owner = tmp_path / "~$laporan.xlsx"
    owner.write_bytes(b"\x00" * 165)
    with pytest.raises(FileError) as ei:
        check_not_locked(target)
    assert ei.value.pesan == "Buku kerja 'laporan.xlsx' sedang dibuka di Excel; tutup dulu lalu jalankan lagi."
    with pytest.raises(FileError):
        write_atomic(target, _writer(b"baru"))
    assert target.read_bytes() == b"lama"
    assert _temps(tmp_path) == []
    owner.unlink()

    lo = tmp_path / ".~lock.laporan.xlsx#"
    lo.write_text("x")
    with pytest.raises(FileError, match="LibreOffice"):
        check_not_locked(target)


def test_symlink_target_refused_never_followed(tmp_path):
    """A link is never written through (it used to be: the file it points to
    was replaced, whatever it was)."""
    catatan = tmp_path / "catatan.txt"
    catatan.write_bytes(b"catatan penting")
    link = tmp_path / "tautan.xlsx"
    link.symlink_to(catatan)
    with pytest.raises(FileError) as ei:
        write_atomic(link, _writer(b"baru"))
    assert "tautan (symlink)" in ei.value.pesan and "tidak menulis lewat tautan" in ei.value.pesan
    assert catatan.read_bytes() == b"catatan penting" and link.is_symlink()
    assert sorted(os.listdir(tmp_path)) == ["catatan.txt", "tautan.xlsx"]  # no .bak, no temp


def _perangkat(path: Path) -> bool:
    """A character device like /dev/null at `path` (needs root), else False."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError, OSError):
        return False
    return True


def test_device_or_pipe_never_becomes_a_regular_file(tmp_path):
    """Through a link or named directly, a device node or a pipe is refused and
    stays what it is (as root, a link to /dev/null used to turn /dev/null into
    a workbook)."""
    simpul = []
    pipa = tmp_path / "pipa.xlsx"
    os.mkfifo(pipa)
    simpul.append((pipa, stat.S_ISFIFO))
    dev = tmp_path / "null.xlsx"
    if _perangkat(dev):
        simpul.append((dev, stat.S_ISCHR))
    for node, jenis in simpul:
        link = tmp_path / f"ke_{node.name}"
        link.symlink_to(node)
        for target in (node, link):
            with pytest.raises(FileError) as ei:
                write_atomic(target, _writer(b"buku kerja"))
            assert "tautan" in ei.value.pesan or "bukan berkas biasa" in ei.value.pesan
            assert jenis(os.lstat(node).st_mode), f"{node.name} is no longer what it was"
    assert _temps(tmp_path) == [] and not [n for n in os.listdir(tmp_path) if ".bak" in n]


def test_read_only_target_refused(tmp_path):
    target = tmp_path / "laporan.xlsx"
    target.write_bytes(b"lama")
    os.chmod(target, 0o444)
    with pytest.raises(FileError, match="hanya-baca"):
        write_atomic(target, _writer(b"baru"))
    assert target.read_bytes() == b"lama" and stat.S_IMODE(target.stat().st_mode) == 0o444
    assert sorted(os.listdir(tmp_path)) == ["laporan.xlsx"]


_BALAPAN = r"""
import sys
from pathlib import Path
from xl_iku.io.atomic import write_atomic
target, n = Path(sys.argv[1]), int(sys.argv[2])
for i in range(n):
    write_atomic(target, lambda f: f.write(b"isi %d" % i))
"""


def test_two_in_place_runs_at_once_leave_no_temp(tmp_path):
    """Two processes saving one workbook in place at the same time: both back
    it up by hard-linking it, and the second rename onto a .bak that is
    already the same inode did nothing — its temp file (a link to the .bak)
    stayed.  300 saves each, run until both end (the race was seen in most
    such runs)."""
    target = tmp_path / "laporan.xlsx"
    target.write_bytes(b"awal")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for putaran in range(3):
        procs = [subprocess.Popen([sys.executable, "-c", _BALAPAN, str(target), "300"], cwd=ROOT, env=env)
                 for _ in range(2)]
        for p in procs:
            assert p.wait(timeout=120) == 0
        assert _temps(tmp_path) == [], f"putaran {putaran}: {_temps(tmp_path)}"
        assert sorted(os.listdir(tmp_path)) == ["laporan.bak.xlsx", "laporan.xlsx"]


def test_hitung_in_place_on_a_read_only_workbook_is_refused(tmp_path):
    """KONTRAK §4: a read-only input is never replaced; `hitung` without -o
    refuses it (exit 2) and says to use -o.  Tests run as root, where chmod
    444 stops no write: the mode bits decide."""
    src = tmp_path / "IKU Kecamatan.xlsx"
    src.write_bytes((ROOT / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx").read_bytes())
    os.chmod(src, 0o444)
    sebelum = src.read_bytes()
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR")}
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(src)], cwd=ROOT, capture_output=True,
                       text=True, timeout=120, env=dict(env, PYTHONPATH=str(ROOT), COLUMNS="200"))
    assert r.returncode == 2, r.stdout + r.stderr
    pesan = " ".join((r.stdout + r.stderr).split())
    assert "hanya-baca" in pesan and "-o" in pesan and "Traceback" not in pesan
    assert src.read_bytes() == sebelum and sorted(os.listdir(tmp_path)) == ["IKU Kecamatan.xlsx"]
    # With -o the same workbook is computed.
    out = tmp_path / "hasil.xlsx"
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(src), "-o", str(out)], cwd=ROOT,
                       capture_output=True, text=True, timeout=120, env=dict(env, PYTHONPATH=str(ROOT)))
    assert r.returncode in (0, 1) and out.is_file(), r.stderr
    assert src.read_bytes() == sebelum


def test_hitung_output_through_a_link_is_refused(tmp_path):
    catatan = tmp_path / "catatan.txt"
    catatan.write_bytes(b"jangan ditimpa")
    link = tmp_path / "hasil.xlsx"
    link.symlink_to(catatan)
    sampel = ROOT / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(sampel), "-o", str(link)], cwd=ROOT, capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="200"))
    assert r.returncode == 2, r.stdout + r.stderr
    assert "tautan" in " ".join(r.stderr.split()) and "Traceback" not in r.stderr
    assert catatan.read_bytes() == b"jangan ditimpa" and link.is_symlink()


def test_orphan_temps_cleaned(tmp_path):
    target = tmp_path / "laporan.xlsx"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    orphan = tmp_path / f".laporan.xlsx.{dead.pid}.abc123.xl-iku.tmp"
    orphan.write_bytes(b"sisa")
    alive = tmp_path / f".laporan.xlsx.{os.getppid()}.def456.xl-iku.tmp"
    alive.write_bytes(b"milik proses lain yang masih jalan")
    write_atomic(target, _writer(b"baru"))
    assert not orphan.exists()
    assert alive.exists()


# ---------------------------------------------------------------- kill test

# One helper process, per line read from stdin (a number K), forks a child
# that saves payload b, then payload a, over the target.  Every step that can
# be interrupted is a numbered point: after each 64 KB written, and before and
# after each call that moves data to its place (fsync, link, replace, unlink,
# fchmod, fchown).  The child SIGKILLs itself at point K, so every kill lands
# at a known step however fast or busy the machine is; the helper answers
# "dibunuh" or, when the child finished before point K, "selesai".  Forking
# keeps one interpreter start for all kills.
_CHILD = r"""
import os, signal, sys
from pathlib import Path
from xl_iku.io.atomic import write_atomic
target = Path(sys.argv[1])
payloads = [Path(p).read_bytes() for p in sys.argv[2:4]]
def simpan(bunuh_di):
    titik = 0
    def lewat():
        nonlocal titik
        titik += 1
        if titik == bunuh_di:
            os.kill(os.getpid(), signal.SIGKILL)
    def diamati(asli):
        def f(*a, **k):
            lewat()
            r = asli(*a, **k)
            lewat()
            return r
        return f
    for nama in ("fsync", "link", "replace", "unlink", "fchmod", "fchown"):
        setattr(os, nama, diamati(getattr(os, nama)))
    def writer(data):
        def w(f):
            for i in range(0, len(data), 1 << 16):
                f.write(data[i:i + (1 << 16)])
                lewat()
        return w
    write_atomic(target, writer(payloads[1]))
    write_atomic(target, writer(payloads[0]))
for baris in sys.stdin:
    pid = os.fork()
    if pid == 0:
        simpan(int(baris))
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    dibunuh = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    print("dibunuh" if dibunuh else "selesai" if os.WEXITSTATUS(status) == 0 else "gagal", flush=True)
"""


def _payload(path: Path, seed: int, size: int) -> bytes:
    rnd = random.Random(seed)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("isi.bin", rnd.randbytes(size))
        z.writestr("penanda.txt", f"versi {seed}")
    return path.read_bytes()


def test_sigkill_never_leaves_broken_workbook(tmp_path):
    work = tmp_path / "kerja"
    work.mkdir()
    a = _payload(tmp_path / "a.zip", 1, 1 << 20)
    b = _payload(tmp_path / "b.zip", 2, 1 << 20)
    target = work / "laporan.xlsx"
    target.write_bytes(a)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    pembantu = subprocess.Popen([sys.executable, "-c", _CHILD, str(target), str(tmp_path / "a.zip"),
                                 str(tmp_path / "b.zip")], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                text=True, cwd=ROOT, env=env)
    seen_temp = 0
    seen = set()
    try:
        # Kill at point 1, 2, 3, … until a child runs to the end.  (How many
        # points a save has depends on what the last kill left: a backup to
        # replace, an orphan temp file to remove.)
        for bunuh_di in range(1, 1000):
            pembantu.stdin.write(f"{bunuh_di}\n")
            pembantu.stdin.flush()
            jawab = pembantu.stdout.readline().strip()
            data = target.read_bytes()
            assert data in (a, b), f"kill at point {bunuh_di}: target is neither version ({len(data)} bytes)"
            with zipfile.ZipFile(target) as z:
                assert z.testzip() is None
            bak = backup_path(target)
            if bak.exists():
                assert bak.read_bytes() in (a, b)
            if jawab == "selesai":
                break
            assert jawab == "dibunuh", (bunuh_di, jawab)
            seen.add(data == a)
            seen_temp += bool(_temps(work))
    finally:
        pembantu.stdin.close()
        pembantu.wait(timeout=60)
    assert data == a  # the run that was not killed saved b, then a
    assert bunuh_di > 2 * 16  # 16 chunks per payload and the calls around them
    assert seen == {True, False}, "both versions should have been observed"
    assert seen_temp >= 1, "no kill landed mid-write; the test proves nothing"
    # the next save cleans what the killed writers left behind
    write_atomic(target, _writer(a))
    assert _temps(work) == []
    assert sorted(os.listdir(work)) == ["laporan.bak.xlsx", "laporan.xlsx"]


def test_backup_already_a_link_to_target(tmp_path):
    """A run killed between making the backup (a hard link) and the final
    rename leaves laporan.bak.xlsx and laporan.xlsx as one inode; the next
    save must not leave its temp file behind (rename between links is a no-op)."""
    target = tmp_path / "laporan.xlsx"
    target.write_bytes(b"lama")
    os.link(target, backup_path(target))
    write_atomic(target, _writer(b"baru"))
    assert target.read_bytes() == b"baru"
    assert backup_path(target).read_bytes() == b"lama"
    assert _temps(tmp_path) == []


def test_alasan_os_selalu_berbahasa_indonesia():
    """The reason shown after 'tidak dapat disimpan/ditulis' is never the system's English."""
    import errno as E

    from xl_iku.io.atomic import alasan_os

    assert alasan_os(IsADirectoryError(E.EISDIR, "Is a directory")) == "itu sebuah folder; sebutkan nama berkas"
    assert alasan_os(OSError(E.ENOSPC, "No space left on device")) == "ruang disk penuh"
    assert alasan_os(OSError(999, "Strange error")) == "galat sistem (errno 999)"
    assert alasan_os(OSError("tanpa errno")) == "galat sistem"
