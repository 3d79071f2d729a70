"""Atomic, recoverable saving of a workbook.

`write_atomic(target, write)` never leaves a half-written workbook behind:

1. `write(f)` fills a temporary file in the SAME folder as the target
   (hidden name `.<name>.<pid>.<random>.xl-iku.tmp`), which is then flushed
   and fsync'ed and given the target's permission bits.
2. With `backup=True` (the default) and an existing target, the previous
   version is kept as `<stem>.bak<suffix>` beside it — `laporan.xlsx` →
   `laporan.bak.xlsx`, so Excel opens the backup directly.  Only the latest
   previous version is kept; an older `.bak` is itself replaced atomically
   (hard link, or a fsync'ed copy where links are not supported, then
   `os.replace`).
3. `os.replace(temp, target)` swaps the new file in — a single atomic rename
   on the same filesystem — and the folder is fsync'ed.

The target is never written through a link: an existing target that is a
symbolic link, a device, a pipe or a socket is refused (`FileError`), so a
link to /dev/null or to someone's .txt is never followed (`os.replace`
itself replaces a directory entry, never what a link points to).  A target
whose permission bits allow no write (chmod 444, Windows' read-only flag) is
refused too: xl-iku does not replace what its owner marked read-only —
checked on the mode bits, since root may write anything.

A crash or kill at any moment leaves the target either the old or the new
complete file.  On any exception the temporary file is removed, the target
is untouched and the exception propagates (operating-system errors become a
`FileError` with one Indonesian sentence).  Temporary files orphaned by a
killed process are removed by the next save to the same target.
"""

from __future__ import annotations

import errno
import glob
import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable

from ..pesan import FileError, catat_tulis

_TMP_SUFFIX = ".xl-iku.tmp"


def backup_path(target: Path) -> Path:
    """`laporan.xlsx` → `laporan.bak.xlsx` (same folder)."""
    target = Path(target)
    return target.with_name(f"{target.stem}.bak{target.suffix}")


def check_not_locked(path: Path) -> None:
    """FileError if the workbook is open in Excel (or LibreOffice).

    Excel keeps an owner file `~$<name>` in the same folder while a workbook
    is open; LibreOffice keeps `.~lock.<name>#`.
    """
    path = Path(path)
    folder, name = path.parent, path.name
    if (folder / ("~$" + name)).exists():
        raise FileError(f"Buku kerja '{name}' sedang dibuka di Excel; tutup dulu lalu jalankan lagi.")
    if (folder / f".~lock.{name}#").exists():
        raise FileError(f"Buku kerja '{name}' sedang dibuka di LibreOffice; tutup dulu lalu jalankan lagi.")


def hanya_baca(path: Path) -> bool:
    """Is the existing `path` marked read-only?  No write bit at all (chmod
    444; Windows' read-only attribute), or not writable for this user.  The
    mode bits are checked first: as root `os.access` says yes to everything."""
    st = os.stat(path)
    return not (st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) or not os.access(path, os.W_OK)


def check_target(target: Path) -> None:
    """FileError unless `target` is absent or a regular file that may be replaced."""
    target = Path(target)
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as e:
        raise FileError(f"Berkas '{target.name}' tidak dapat diperiksa: {alasan_os(e)}.") from None
    if stat.S_ISLNK(st.st_mode):
        raise FileError(f"'{target}' adalah tautan (symlink); xl-iku tidak menulis lewat tautan agar berkas "
                        "yang ditunjuknya tidak tertimpa. Sebutkan berkas sebenarnya atau pilih nama keluaran lain.")
    if stat.S_ISDIR(st.st_mode):
        raise FileError(f"'{target}' adalah folder; sebutkan nama berkas keluaran.")
    if not stat.S_ISREG(st.st_mode):
        raise FileError(f"'{target}' bukan berkas biasa (mis. perangkat atau pipa); xl-iku tidak menimpanya. "
                        "Pilih nama berkas keluaran lain.")
    if hanya_baca(target):
        raise FileError(f"Berkas '{target.name}' hanya-baca; xl-iku tidak menimpanya. Pilih nama berkas "
                        "keluaran lain, atau hapus tanda hanya-baca berkas itu bila memang boleh ditimpa.")


def _current_umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return True
    return True


def _clean_orphans(folder: Path, name: str) -> None:
    """Remove temp files of this target left by processes that no longer run."""
    if os.name != "posix":
        return
    pattern = os.path.join(glob.escape(str(folder)), "." + glob.escape(name) + ".*" + _TMP_SUFFIX)
    me = os.getpid()
    for p in glob.glob(pattern):
        rest = os.path.basename(p)[len(name) + 2 :]
        pid_s = rest.split(".", 1)[0]
        if not pid_s.isdigit():
            continue
        pid = int(pid_s)
        if pid != me and not _pid_alive(pid):
            try:
                os.unlink(p)
            except OSError:
                pass


def _mkstemp(folder: Path, name: str) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=f".{name}.{os.getpid()}.", suffix=_TMP_SUFFIX, dir=folder)


def alasan_os(e: OSError) -> str:
    """Why the system refused, in words an officer reads ("ruang disk penuh")."""
    return {
        errno.ENOSPC: "ruang disk penuh",
        errno.EDQUOT: "kuota disk habis",
        errno.EACCES: "izin ditolak",
        errno.EPERM: "izin ditolak",
        errno.EROFS: "foldernya hanya-baca",
        errno.ENOENT: "foldernya tidak ada",
        errno.EBUSY: "berkasnya sedang dipakai program lain",
        errno.EFBIG: "berkasnya terlalu besar",
        errno.EISDIR: "itu sebuah folder; sebutkan nama berkas",
        errno.ENOTDIR: "salah satu bagian jalurnya bukan folder",
        errno.ENAMETOOLONG: "nama berkasnya terlalu panjang",
        errno.EMFILE: "terlalu banyak berkas terbuka",
        errno.EIO: "galat baca/tulis pada disk",
    }.get(e.errno or 0, "galat sistem" + (f" (errno {e.errno})" if e.errno else ""))


def _make_backup(target: Path, bak: Path, folder: Path) -> None:
    """Atomically make `bak` a copy of the current `target`."""
    try:
        if os.path.samefile(target, bak):
            # A run killed between backup and rename left bak as a hard link to
            # target: it already holds target's bytes, and rename() between two
            # links of one inode is a no-op that would leave our temp behind.
            return
    except OSError:
        pass
    fd, tmp = _mkstemp(folder, target.name)
    os.close(fd)
    try:
        os.unlink(tmp)
        try:
            os.link(target, tmp, follow_symlinks=False)  # same inode: instant, and complete by construction
        except OSError:
            shutil.copy2(target, tmp, follow_symlinks=False)
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
        os.replace(tmp, bak)
        # Another run saving the same target at the same moment may have made
        # bak a link to this very inode: rename() between two links of one
        # file does nothing and leaves tmp behind (a hidden file, a hard link
        # to the .bak).
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_atomic(
    target: Path,
    write: Callable[[BinaryIO], None],
    *,
    backup: bool = True,
    check_lock: bool = True,
) -> None:
    """Write `target` atomically through `write(f)`, keeping `<stem>.bak<suffix>`.

    See the module docstring for the exact sequence.  `check_lock` refuses
    (FileError) when the target is open in Excel/LibreOffice.  A target that
    is a link, not a regular file, or read-only is refused (`check_target`).
    """
    # The folder may be reached through links (macOS /tmp); the name itself
    # is never resolved.
    target = Path(os.path.abspath(Path(target)))
    folder, name = target.parent, target.name
    check_target(target)
    if check_lock:
        check_not_locked(target)
    tmp: str | None = None
    try:
        _clean_orphans(folder, name)
        try:
            st = os.lstat(target)
            mode, gid, exists = stat.S_IMODE(st.st_mode), st.st_gid, True
        except FileNotFoundError:
            mode, gid, exists = 0o666 & ~_current_umask(), -1, False
        fd, tmp = _mkstemp(folder, name)
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
            if hasattr(os, "fchmod"):
                os.fchmod(f.fileno(), mode)
                if gid != -1:
                    try:
                        os.fchown(f.fileno(), -1, gid)
                    except OSError:
                        pass
        if not hasattr(os, "fchmod"):  # pragma: no cover - Windows
            os.chmod(tmp, mode)
        if backup and exists:
            _make_backup(target, backup_path(target), folder)
        os.replace(tmp, target)
        tmp = None
        catat_tulis(target)
        _fsync_dir(folder)
    except BaseException as e:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if isinstance(e, OSError) and not isinstance(e, FileError):
            # Documents and PDFs are written here too: only a workbook is a "buku kerja".
            jenis = "Buku kerja" if name.lower().endswith((".xlsx", ".xlsm")) else "Berkas"
            raise FileError(f"{jenis} '{name}' tidak dapat disimpan: {alasan_os(e)}.") from e
        raise
