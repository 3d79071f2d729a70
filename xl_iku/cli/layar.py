"""What the commands print, and how: never as rich markup, never as terminal commands.

Cell text, file names and messages can hold anything ("Surat [/x]
Keterangan"); the consoles parse no markup at all, and colour is given as a
style on `Text`, so no user text is ever read as a tag.  Text can also hold
control characters (a NamaKecamatan typed as `ESC]0;…BEL ESC[2J` would set
the terminal's title and clear the screen): every string the consoles print,
and every part of `baris`/`warna`, goes through `inert`, which shows them as
`\\x1b` instead of sending them.  Numbers are Indonesian (0,20 detik).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

# Every control character (C0, DEL and C1: escape sequences, bell, carriage
# return …), the bidirectional overrides that reorder what a terminal shows, and
# lone surrogates (an undecodable file name), which no terminal encoding can
# write.  Not dasar/ooxml's class: that one is what XML cannot carry.
_KENDALI = "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
_SATU_BARIS = re.compile(_KENDALI)
_BANYAK_BARIS = re.compile("(?!\n)" + _KENDALI)


def _tampak(m: re.Match) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def inert(teks: object, baris_baru: bool = False) -> str:
    """`teks` with every control character shown as an escape (`\\x1b`), never sent.

    `baris_baru`: keep line breaks (text meant to span lines); otherwise they
    are shown too (a name, a cell, a file name is one line).
    """
    s = str(teks)
    return (_BANYAK_BARIS if baris_baru else _SATU_BARIS).sub(_tampak, s)


def konsol(stderr: bool = False) -> Console:
    from rich.console import Console

    class KonsolInert(Console):
        def print(self, *objek, **kw) -> None:  # noqa: A003 - rich's name
            super().print(*(inert(o, baris_baru=True) if isinstance(o, str) else o for o in objek), **kw)

    return KonsolInert(stderr=stderr, highlight=False, markup=False, emoji=False)


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

    return Text(inert(teks), style=gaya)


def teks(s: object) -> Text:
    """One line of user text (a name, a cell, a file name) for a table cell."""
    from rich.text import Text

    return Text(inert(s))


def baris(*bagian: object, baris_baru: bool = False) -> Text:
    """A line from plain parts and (text, style) pairs; every part printed inert."""
    from rich.text import Text

    def satu(b: object):
        if isinstance(b, Text):
            return b
        if isinstance(b, tuple):
            return (inert(b[0], baris_baru), *b[1:])
        return inert(b, baris_baru)

    return Text.assemble(*(satu(b) for b in bagian))


def gagal(con: Console, pesan: str) -> None:
    # soft_wrap: the terminal wraps; rich would cut a long file name in two.
    con.print(baris(("Gagal:", "bold red"), " ", pesan, baris_baru=True), soft_wrap=True)


def angka(x: float | None, digits: int = 2) -> str:
    """84,21 — the Indonesian format of every number the CLI prints."""
    from ..dasar.ooxml import angka_teks

    return "–" if x is None else angka_teks(x, digits)
