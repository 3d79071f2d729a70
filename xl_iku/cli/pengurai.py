"""The command line's parser: the standard library's argparse, speaking Indonesian.

argparse looks every one of its own strings up through gettext (the argparse
HOWTO, "How to translate the argparse output"): the module calls its
module-level `_` and `ngettext`, which gettext binds to the process's global
domain and the user's LANG.  xl-iku ships the Indonesian catalogue of that
domain (`locale/id/LC_MESSAGES/argparse.po`, compiled to `.mo` with babel)
and binds `_`/`ngettext` to it while a parser is built, parses or prints
(`bahasa_indonesia`): the language does not depend on LANG, and other users
of argparse and gettext in the process (pytest, a host program) are left as
they were once the command line is parsed.  Usage errors, `--help` and the
usage line are therefore Indonesian by construction; the few sentences
argparse cannot word well (an unknown command or option, with a suggestion)
are xl-iku's own, composed here.
"""

from __future__ import annotations

import argparse
import difflib
import gettext
import math
import sys
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Callable, Iterator

from .layar import inert

LOKAL = Path(__file__).resolve().parent / "locale"
DOMAIN = "argparse"  # the gettext domain argparse's strings belong to
KETIK_BANTUAN = "Ketik '{prog} --help' untuk bantuan."


@contextmanager
def bahasa_indonesia() -> Iterator[None]:
    """argparse's strings from xl-iku's catalogue, for the duration of the block."""
    katalog = gettext.translation(DOMAIN, LOKAL, languages=["id"])  # no fallback: a missing .mo is a packaging bug
    lama = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = katalog.gettext, katalog.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = lama  # type: ignore[attr-defined]


class Tata(argparse.HelpFormatter):
    """argparse's help layout, with room for the longest option before its help,
    and an option taking a value written once, `-o, --output BERKAS` (Python
    3.13's form, not 3.11's `-o BERKAS, --output BERKAS`): the generated
    reference is the same on every supported Python."""

    def __init__(self, prog: str, width: int | None = None, posisi: int = 30, **kwargs):
        super().__init__(prog, max_help_position=posisi, width=width, **kwargs)

    def _format_action_invocation(self, action: argparse.Action) -> str:
        if action.option_strings and action.nargs != 0 and isinstance(action.metavar, str):
            return ", ".join(action.option_strings) + " " + action.metavar
        return super()._format_action_invocation(action)


def _kalimat(teks: str) -> str:
    teks = teks.strip()
    if teks and teks[0].islower():
        teks = teks[0].upper() + teks[1:]
    return teks if teks.endswith((".", "?", "!")) else teks + "."


class Pengurai(argparse.ArgumentParser):
    """An ArgumentParser that reports a usage error the way every xl-iku command does."""

    def __init__(self, *args, lebar: int | None = None, posisi: int = 30, **kwargs):
        # Every argument added (the help option included), and the commands: what
        # the messages, the docs and the tests enumerate, without argparse's internals.
        self.aksi: list[argparse.Action] = []
        self.perintah: dict[str, Pengurai] = {}
        kwargs.setdefault("allow_abbrev", False)  # `--js` is not `--json`: a new option must not break a script
        # `posisi`: the column where help texts start, at most.
        kwargs.setdefault("formatter_class", partial(Tata, width=lebar, posisi=posisi))
        if sys.version_info >= (3, 14):
            kwargs.setdefault("color", False)  # plain text, the same on every terminal and in the docs
        super().__init__(*args, **kwargs)
        self._lebar = lebar

    def add_argument(self, *args, **kwargs):
        aksi = super().add_argument(*args, **kwargs)
        self.aksi.append(aksi)
        return aksi

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("parser_class", partial(Pengurai, lebar=self._lebar))
        aksi = super().add_subparsers(**kwargs)
        self.perintah = aksi.choices  # name → parser, filled as commands are added
        return aksi

    def opsi(self) -> list[str]:
        return [s for a in self.aksi for s in a.option_strings]

    def error(self, message: str):  # argparse: an override must not return
        """The usage line, where to get help, and one Indonesian sentence; exit 2."""
        tulis_kesalahan(self, message)
        sys.exit(2)


def tulis_kesalahan(pengurai: argparse.ArgumentParser, pesan: str) -> None:
    sys.stderr.write(pengurai.format_usage())
    sys.stderr.write(KETIK_BANTUAN.format(prog=pengurai.prog) + "\n")
    sys.stderr.write(f"Galat: {inert(_kalimat(pesan), baris_baru=True)}\n")


# ------------------------------------------------------------------ values
# argparse names a type by its Python name ("invalid int value"); every
# number here says in Indonesian what it needs, and checks its range at parse
# time, so a value out of range is a usage error (exit 2), never a failure
# deep in the command.


def _t(x: float) -> str:
    # Bounds read like what is typed: 2000, 65535, 0.5 (a year or a port has no thousands dot).
    return str(int(x)) if float(x).is_integer() else str(x)


def _periksa_batas(teks: str, x: float, bawah: float | None, atas: float | None, lebih: bool = False) -> None:
    if bawah is not None and atas is not None and not lebih:
        syarat = f"{_t(bawah)}–{_t(atas)}"
    else:
        bagian = []
        if bawah is not None:
            bagian.append(f"harus lebih dari {_t(bawah)}" if lebih else f"paling sedikit {_t(bawah)}")
        if atas is not None:
            bagian.append(f"paling banyak {_t(atas)}")
        syarat = " dan ".join(bagian)
    if bawah is not None and (x <= bawah if lebih else x < bawah):
        raise argparse.ArgumentTypeError(f"'{teks}' terlalu kecil ({syarat})")
    if atas is not None and x > atas:
        raise argparse.ArgumentTypeError(f"'{teks}' terlalu besar ({syarat})")


def bilangan_bulat(bawah: int | None = None, atas: int | None = None) -> Callable[[str], int]:
    def bilangan_bulat(teks: str) -> int:
        try:
            x = int(teks.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{teks}' bukan bilangan bulat") from None
        _periksa_batas(teks, x, bawah, atas, False)
        return x

    bilangan_bulat.batas = (bawah, atas, False)  # type: ignore[attr-defined]  # for the tests' generated cases
    return bilangan_bulat


def angka(bawah: float | None = None, atas: float | None = None, *, lebih: bool = False) -> Callable[[str], float]:
    """A decimal number written with a point; `lebih`: strictly above `bawah`."""

    def angka(teks: str) -> float:
        try:
            x = float(teks.strip())
        except ValueError:
            petunjuk = " (tulis pecahan dengan titik, mis. 1.5)" if "," in teks else ""
            raise argparse.ArgumentTypeError(f"'{teks}' bukan angka{petunjuk}") from None
        if not math.isfinite(x):
            raise argparse.ArgumentTypeError(f"'{teks}' bukan angka yang terhingga")
        _periksa_batas(teks, x, bawah, atas, lebih)
        return x

    angka.batas = (bawah, atas, lebih)  # type: ignore[attr-defined]
    return angka


# ------------------------------------------------------------------ commands


def _mirip(kata: str, pilihan: list[str]) -> str:
    saran = difflib.get_close_matches(kata, pilihan, n=1)
    return f" Mungkin maksud Anda '{saran[0]}'?" if saran else ""


def pesan_sisa(pengurai: Pengurai, sisa: list[str]) -> str:
    """The sentence for what a command did not take: an unknown option, or extra arguments."""
    for s in sisa:
        if s.startswith("-") and len(s) > 1 and not _angka_negatif(s):
            nama = s.split("=", 1)[0]
            return f"Tidak ada pilihan '{nama}'." + _mirip(nama, pengurai.opsi())
    return ("Argumen berlebih: " + " ".join(repr(s) for s in sisa)
            + ". Apakah ada spasi pada nama berkas? Apit dengan tanda kutip.")


def _angka_negatif(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


def urai(pengurai: Pengurai, argv: list[str]) -> tuple[argparse.Namespace, Pengurai]:
    """Parse `argv` into (arguments, the parser of the chosen command).

    Bare `xl-iku` prints the help (exit 0). An unknown command or option is
    named with the nearest known one; anything a command did not take is
    reported on that command's usage line, not the program's.
    """
    daftar = pengurai.perintah
    if not argv:
        pengurai.print_help()
        sys.exit(0)
    i = 0
    opsi_utama = set(pengurai.opsi())
    while i < len(argv) and argv[i] in opsi_utama:
        i += 1
    if i < len(argv):
        kata = argv[i]
        if kata.startswith("-") and len(kata) > 1:
            pengurai.error(f"Tidak ada pilihan '{kata.split('=', 1)[0]}'." + _mirip(kata, sorted(opsi_utama)))
        if kata not in daftar:
            pengurai.error(f"Tidak ada perintah '{kata}'." + _mirip(kata, list(daftar)))
    args, sisa = pengurai.parse_known_args(argv)
    sub = daftar.get(getattr(args, "perintah", None) or "", pengurai)
    if sisa:
        sub.error(pesan_sisa(sub, sisa))
    return args, sub
