"""What the commands print, and how: never as rich markup.

Cell text, file names and messages can hold anything ("Surat [/x]
Keterangan"); the consoles parse no markup at all, and colour is given as a
style on `Text`, so no user text is ever read as a tag.  Numbers are
Indonesian (0,20 detik).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


def konsol(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, markup=False, emoji=False)


class _Konsol:
    """`out` and `err`: the console is made (and rich imported) at the first
    print, after the work — rich's few MB then fit in memory the work freed,
    instead of adding to the run's peak."""

    def __init__(self, stderr: bool):
        self._stderr = stderr
        self._con: Console | None = None

    def __getattr__(self, nama: str):
        if self._con is None:
            self._con = konsol(self._stderr)
        return getattr(self._con, nama)


out = _Konsol(stderr=False)
err = _Konsol(stderr=True)


def warna(teks: object, gaya: str) -> Text:
    from rich.text import Text

    return Text(str(teks), style=gaya)


def baris(*bagian: object) -> Text:
    """A line from plain parts and (text, style) pairs."""
    from rich.text import Text

    return Text.assemble(*(b if isinstance(b, (Text, tuple)) else str(b) for b in bagian))


def gagal(con: Console, pesan: str) -> None:
    # soft_wrap: the terminal wraps; rich would cut a long file name in two.
    con.print(baris(("Gagal:", "bold red"), " ", pesan), soft_wrap=True)


def angka(x: float | None, digits: int = 2) -> str:
    """84,21 — the Indonesian format of every number the CLI prints."""
    from ..dasar.ooxml import angka_teks

    return "–" if x is None else angka_teks(x, digits)
