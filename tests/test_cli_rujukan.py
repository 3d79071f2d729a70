"""Docs as tests (sqlite-utils' test_docs is the model): the command reference
in docs/CLI.md and the README's command table are what the parser generates
now, and every `xl-iku …` command line in the README's code blocks parses
with the real parser (an unknown command or option fails here)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from xl_iku.cli import rujukan
from xl_iku.cli.main import buat_pengurai
from xl_iku.cli.pengurai import bahasa_indonesia, urai

AKAR = Path(__file__).resolve().parents[1]
README = AKAR / "README.md"
PERBARUI = "jalankan `python -m xl_iku.cli.rujukan` lalu commit hasilnya"


def test_docs_cli_sama_dengan_pengurai():
    assert (AKAR / rujukan.CLI_MD).read_text(encoding="utf-8") == rujukan.bantuan_lengkap(), PERBARUI


def test_tabel_perintah_readme_sama_dengan_pengurai():
    teks = README.read_text(encoding="utf-8")
    assert teks.count(rujukan.AWAL) == 1 and teks.count(rujukan.AKHIR) == 1
    assert rujukan.ganti_blok(teks, rujukan.tabel_perintah()) == teks, PERBARUI


def test_rujukan_menyebut_setiap_perintah_dan_pilihan():
    """The generated text is the parser's: each command's usage and each option appear."""
    with bahasa_indonesia():
        pengurai = buat_pengurai()
    md, tabel = rujukan.bantuan_lengkap(), rujukan.tabel_perintah()
    for nama, p in pengurai.perintah.items():
        assert f"## `xl-iku {nama}`" in md and f"`xl-iku {nama}" in tabel
        for opsi in p.opsi():
            assert opsi in md, (nama, opsi)


def test_penulis_memperbarui_readme_dan_docs(tmp_path):
    """`python -m xl_iku.cli.rujukan` rewrites only what is between the markers, and docs/CLI.md."""
    (tmp_path / "docs").mkdir()
    teks = README.read_text(encoding="utf-8")
    awal = teks.index(rujukan.AWAL) + len(rujukan.AWAL)
    basi = teks[:awal] + "\n| usang |\n" + teks[teks.index(rujukan.AKHIR):]
    (tmp_path / "README.md").write_text(basi, encoding="utf-8")
    rujukan.tulis(tmp_path)
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == teks
    assert (tmp_path / rujukan.CLI_MD).read_text(encoding="utf-8") == rujukan.bantuan_lengkap()


# ------------------------------------------------------------------ README command lines

_PEMISAH = {"|", "||", "&&", ";", "&", "(", ")", ">", ">>", "<", "$("}


def _token(baris: str) -> list[str]:
    lex = shlex.shlex(baris, posix=True, punctuation_chars=True)
    lex.whitespace_split = True
    return list(lex)


def _perintah_di(baris: str) -> list[list[str]]:
    """Every `xl-iku …` command in a shell line: where a command starts (the
    line's start, after a pipe, `&&`, `;` …), up to the next such operator or a
    comment; also inside a quoted command (GNU parallel's).  A mention in a
    listing ("cli/  perintah xl-iku") is not a command."""
    hasil: list[list[str]] = []
    token = _token(baris)
    for i, t in enumerate(token):
        if t == "xl-iku" and (i == 0 or token[i - 1] in _PEMISAH):
            args = []
            for u in token[i + 1:]:
                if u in _PEMISAH:
                    break
                args.append(u)
            hasil.append(args)
        elif t.startswith("xl-iku "):
            hasil.extend(_perintah_di(t))
    return hasil


def baris_perintah_readme() -> list[tuple[int, str, list[str]]]:
    teks = README.read_text(encoding="utf-8")
    hasil = []
    for m in re.finditer(r"^```(\w*)\n(.*?)^```", teks, flags=re.S | re.M):
        if m.group(1) not in ("", "bash", "sh", "console", "shell"):
            continue
        awal = teks.count("\n", 0, m.start(2)) + 1
        for n, baris in enumerate(m.group(2).splitlines()):
            if "xl-iku" not in baris or baris.lstrip().startswith("#"):
                continue
            for args in _perintah_di(baris):
                hasil.append((awal + n, baris, args))
    return hasil


BARIS = baris_perintah_readme()


def test_readme_punya_banyak_contoh_perintah():
    assert len(BARIS) >= 20
    assert {a[0] for _, _, a in BARIS if a} >= {"hitung", "batch", "pdf", "laporan", "impor-skm"}


@pytest.mark.parametrize("nomor,baris,args", BARIS, ids=[f"README:{n}" for n, _, _ in BARIS])
def test_baris_readme_dapat_diurai(nomor, baris, args, capsys):
    with bahasa_indonesia():
        pengurai = buat_pengurai()
        try:
            ns, sub = urai(pengurai, args)
        except SystemExit as e:
            pytest.fail(f"README.md:{nomor}: {baris.strip()}\n{capsys.readouterr().err}")
    assert callable(ns.jalankan) and sub.prog == f"xl-iku {args[0]}"


@pytest.mark.parametrize("baris", [
    "xl-iku hitung a.xlsx --jsn -",
    "xl-iku htung a.xlsx",
    "xl-iku batch masuk/ -o keluar/ --rekp r.xlsx",
    "find x | parallel 'xl-iku batch {} -o keluar/{/} --bogus'",
])
def test_baris_salah_tertangkap(baris, capsys):
    """The README check fails for what a reader could not run."""
    (args,) = _perintah_di(baris)
    with bahasa_indonesia(), pytest.raises(SystemExit) as e:
        urai(buat_pengurai(), args)
    assert e.value.code == 2 and "Galat: " in capsys.readouterr().err


def test_pemisah_baris_shell():
    assert _perintah_di("xl-iku hitung a.xlsx --json - | jq '.indikator[]'") == [["hitung", "a.xlsx", "--json", "-"]]
    assert _perintah_di('pip install . && xl-iku hitung "Nama Berkas.xlsx" -o h.xlsx  # komentar') == [
        ["hitung", "Nama Berkas.xlsx", "-o", "h.xlsx"]]
    assert _perintah_di("  cli/           perintah xl-iku (argparse + rich)") == []
    assert _perintah_di('xl-iku batch "$B" -o "keluar/$(basename "$B")"') == [
        ["batch", "$B", "-o", "keluar/$(basename $B)"]]
