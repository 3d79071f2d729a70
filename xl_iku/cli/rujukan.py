"""The command reference, generated from the parser (as sqlite-utils does with cog).

    python -m xl_iku.cli.rujukan        # rewrite docs/CLI.md and the README's command table

`docs/CLI.md` holds every command's `--help` as an 80-column terminal shows
it; the README's "Perintah" section holds the table of commands between two
markers.  tests/test_cli_rujukan.py fails when either differs from what the
parser generates now, so the docs cannot drift from the program.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .main import buat_pengurai
from .pengurai import bahasa_indonesia

LEBAR = 78  # argparse's width on an 80-column terminal (the columns less two)
AWAL = "<!-- rujukan-cli: awal (dibuat oleh `python -m xl_iku.cli.rujukan`; jangan disunting) -->"
AKHIR = "<!-- rujukan-cli: akhir -->"
CLI_MD = Path("docs") / "CLI.md"


def _pakai(p) -> str:
    """The usage line without its prefix and the help option every command has."""
    teks = " ".join(p.format_usage().split())
    return teks.split(" ", 2)[-1].replace(" [-h]", "") if teks.startswith("Cara pakai: ") else teks


def tabel_perintah() -> str:
    """The Markdown table of commands: the usage line and what each does."""
    with bahasa_indonesia():
        pengurai = buat_pengurai(lebar=10_000)  # one line per usage: the table wraps it
        baris = ["| perintah | fungsi |", "|---|---|"]
        for nama, p in pengurai.perintah.items():
            pakai = _pakai(p).replace("|", "\\|")
            baris.append(f"| `{pakai}` | {p.description} |")
    return "\n".join(baris) + "\n"


def bantuan_lengkap() -> str:
    """docs/CLI.md: the program's and every command's --help, as printed."""
    with bahasa_indonesia():
        pengurai = buat_pengurai(lebar=LEBAR)
        bagian = [
            "# Rujukan perintah `xl-iku`\n",
            "Dibuat dari pengurai perintah oleh `python -m xl_iku.cli.rujukan`; jangan disunting dengan tangan\n"
            "(`tests/test_cli_rujukan.py` gagal bila isinya tidak lagi sama dengan program). Setiap bagian\n"
            "sama dengan `xl-iku … --help` di terminal 80 kolom. Kode keluar dan contoh: lihat README,\n"
            "bagian *Perintah*.\n",
        ]
        for judul, p in [("xl-iku", pengurai), *((f"xl-iku {n}", p) for n, p in pengurai.perintah.items())]:
            bagian.append(f"## `{judul}`\n\n```text\n{p.format_help().rstrip()}\n```\n")
    return "\n".join(bagian)


def ganti_blok(readme: str, isi: str) -> str:
    """`readme` with the text between the markers replaced by `isi`."""
    awal, akhir = readme.index(AWAL) + len(AWAL), readme.index(AKHIR)
    return readme[:awal] + "\n" + isi + readme[akhir:]


def tulis(akar: Path) -> None:
    (akar / CLI_MD).write_text(bantuan_lengkap(), encoding="utf-8")
    readme = akar / "README.md"
    readme.write_text(ganti_blok(readme.read_text(encoding="utf-8"), tabel_perintah()), encoding="utf-8")


if __name__ == "__main__":
    tulis(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd())
