"""The command line speaks Indonesian: every usage error of every command, and
every --help, is checked against a detector of English (and of Python type
names leaking into the help).  The cases are generated from the commands'
own parameters, so a new command or option is covered without editing this
file.  The catalogue argparse reads its strings from is checked too: it
covers every string of the running Python's argparse, keeps each string's
placeholders, and its compiled .mo is what babel compiles from the .po."""

from __future__ import annotations

import argparse
import gettext
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from xl_iku.cli import main as cli
from xl_iku.cli import pengurai

# Words of argparse's, click's and pydantic's English that Indonesian never uses
# (checked as whole words, after removing option names and quoted values).
INGGRIS = {
    "the", "is", "not", "for", "to", "of", "and", "or", "no", "did", "you", "mean", "got", "such", "should",
    "valid", "invalid", "missing", "required", "requires", "unexpected", "extra", "argument", "arguments",
    "option", "options", "command", "commands", "usage", "error", "value", "integer", "number", "parse",
    "unable", "input", "try", "show", "message", "exit", "possible", "range", "path", "str", "int", "float",
    "list", "aborted", "file", "directory", "does", "take", "help", "default", "string", "an", "be",
    "positional", "unrecognized", "expected", "choice", "choose", "ambiguous", "could", "match", "ignored",
    "explicit", "following", "allowed", "with", "one", "at", "most", "least", "maybe", "meant", "warning",
    "deprecated", "subcommands", "version", "this",
}
_OPSI = re.compile(r"(?<![\w])--?[A-Za-z][\w-]*")
_KUTIP = re.compile(r"'[^']*'|\"[^\"]*\"")


def kata_inggris(teks: str) -> set[str]:
    bersih = _OPSI.sub(" ", _KUTIP.sub(" ", teks))
    bersih = bersih.replace("xl-iku", " ")
    return {w for w in re.findall(r"[A-Za-z]+", bersih) if w.lower() in INGGRIS}


def tipe_python(teks: str) -> list[str]:
    return re.findall(r"<[a-z][\w\[\], |]*>|\{[a-z_]+\}|\blist\[|\bint\b|\bfloat\b|\bPath\b", teks)


def test_detektor_mengenali_inggris():
    for contoh in ("error: unrecognized arguments: --bogus", "invalid choice: 'hitng' (choose from 'hitung')",
                   "argument --json: expected one argument", "the following arguments are required: BERKAS",
                   "argument -j/--jobs: invalid int value: 'abc'", "usage: xl-iku hitung [-h] BERKAS",
                   "show this help message and exit", "positional arguments", "options"):
        assert kata_inggris(contoh), contoh
    assert tipe_python("MASUKAN <list[Path]>") and tipe_python("--json <str>") and tipe_python("{masukan}")
    assert tipe_python("nilai int tidak sah")
    assert not kata_inggris("Galat: Tidak ada pilihan '--bogus'. Ketik 'xl-iku hitung --help' untuk bantuan.")


def _pengurai():
    with pengurai.bahasa_indonesia():
        return cli.buat_pengurai()


PERINTAH = _pengurai().perintah


def _jalan(capsys, monkeypatch, args: list[str], tmp_path=None) -> tuple[int, str, str]:
    if tmp_path is not None:  # a case that parsed after all must not write beside the repo
        monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["xl-iku", *args])
    with pytest.raises(SystemExit) as e:
        cli.main()
    o = capsys.readouterr()
    return e.value.code, o.out, o.err


def _opsi(p) -> list[argparse.Action]:
    return [a for a in p.aksi if a.option_strings and "--help" not in a.option_strings]


def _argumen(p) -> list[argparse.Action]:
    return [a for a in p.aksi if not a.option_strings]


def _wajib_diisi(a: argparse.Action) -> bool:
    return a.nargs in (None, "+") if not a.option_strings else a.required


def _isi_wajib(p) -> list[str]:
    """Values for the required parameters, so the error under test is the one raised."""
    isi: list[str] = []
    for a in _opsi(p):
        if a.required:
            isi += [a.option_strings[0], "x"]
    for a in _argumen(p):
        if _wajib_diisi(a):
            isi.append("x.xlsx")
    return isi


def _angka(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _kasus():
    kasus = [("grup", ["hitng"]), ("grup", ["tidakada"]), ("grup", ["--bogus"]), ("grup", ["--hel"]),
             ("grup", ["-x", "hitung"])]
    for nama, p in PERINTAH.items():
        wajib = _isi_wajib(p)
        kasus.append((nama, [nama, "--bogus", *wajib]))
        kasus.append((nama, [nama, "--hel", *wajib]))
        kasus.append((nama, [nama, "-Z", *wajib]))
        if not any(a.nargs == "+" for a in _argumen(p)):
            kasus.append((nama, [nama, *wajib, *["lebih"] * 6]))
        if any(_wajib_diisi(a) for a in _argumen(p)):
            kasus.append((nama, [nama]))  # missing argument
        for a in _opsi(p):
            opsi = a.option_strings[0]
            if a.required:
                kasus.append((nama, [nama, *[w for w in wajib if w not in (opsi, "x")], "x.xlsx"]))
            if a.nargs == 0:
                kasus.append((nama, [nama, f"{a.option_strings[-1]}=ya", *wajib]))
                continue
            kasus.append((nama, [nama, *wajib, opsi]))  # requires a value
            batas = getattr(a.type, "batas", None)
            if batas is not None:  # a number
                kasus.append((nama, [nama, opsi, "abc", *wajib]))
                kasus.append((nama, [nama, opsi, "1,5", *wajib]))
                bawah, atas, lebih = batas
                if bawah is not None:  # just below what is allowed
                    kasus.append((nama, [nama, opsi, _angka(bawah if lebih else bawah - 1), *wajib]))
                if atas is not None:
                    kasus.append((nama, [nama, opsi, _angka(atas + 1), *wajib]))
    return kasus


KASUS = _kasus()


@pytest.mark.parametrize("nama,args", KASUS, ids=[" ".join(a) for _, a in KASUS])
def test_setiap_kesalahan_pemakaian_berbahasa_indonesia(capsys, monkeypatch, tmp_path, nama, args):
    kode, out, err = _jalan(capsys, monkeypatch, args, tmp_path)
    assert kode == 2, (args, out, err)
    assert err.startswith("Cara pakai: xl-iku") and "\nGalat: " in err, err
    assert not kata_inggris(err), (args, kata_inggris(err), err)
    assert not tipe_python(err), (args, err)
    assert "Traceback" not in err and out == ""
    # The usage line is the command's own, not the program's.
    if nama != "grup":
        assert err.startswith(f"Cara pakai: xl-iku {nama} "), err


def test_kasus_mencakup_semua_jenis():
    """The generated cases reach each kind of usage error at least once."""
    teks = " ".join(" ".join(a) for _, a in KASUS)
    for perlu in ("hitng", "--bogus", "lebih", "-j abc", "-j 0", "--json", "--ulang=ya", "--port 65536",
                  "--tahun 2101", "--tahun 1999", "--skala -1", "--skala 1001", "--batas-waktu 0",
                  "--batas-waktu 86401"):
        assert perlu in teks, perlu
    assert {n for n, _ in KASUS} >= {"hitung", "batch", "pdf", "laporan", "impor-skm", "pasang-excel", "server",
                                     "templat", "contoh", "versi"}


@pytest.mark.parametrize("args,kata", [
    (["hitung"], "Galat: BERKAS belum diisi."),
    (["hitung", "a.xlsx", "--bogus"], "Galat: Tidak ada pilihan '--bogus'."),
    (["hitung", "a.xlsx", "--jsn", "-"], "Mungkin maksud Anda '--json'?"),
    (["hitng"], "Galat: Tidak ada perintah 'hitng'. Mungkin maksud Anda 'hitung'?"),
    (["batch", "a"], "Galat: -o/--output belum diisi."),
    (["hitung", "a.xlsx", "--json"], "Galat: --json: memerlukan satu nilai."),
    (["versi", "lebih"], "Galat: Argumen berlebih: 'lebih'."),
    (["batch", "a", "-o", "b", "-j", "abc"], "Galat: -j/--jobs: 'abc' bukan bilangan bulat."),
    (["batch", "a", "-o", "b", "-j", "0"], "Galat: -j/--jobs: '0' terlalu kecil (paling sedikit 1)."),
    (["batch", "a", "-o", "b", "--ulang=3"], "Galat: --ulang: tidak menerima nilai (diberikan '3')."),
    (["contoh", "--skala", "1,5"], "bukan angka (tulis pecahan dengan titik, mis. 1.5)"),
    # Issue 21, item 11: these ended in "kesalahan tak terduga" (ValueError, OverflowError).
    (["contoh", "--tahun", "1999"], "Galat: --tahun: '1999' terlalu kecil (2000–2100)."),
    (["contoh", "--skala", "-1"], "Galat: --skala: '-1' terlalu kecil (0–1000)."),
    (["contoh", "--skala", "inf"], "Galat: --skala: 'inf' bukan angka yang terhingga."),
    (["server", "--port", "99999"], "Galat: --port: '99999' terlalu besar (1–65535)."),
    (["pdf", "a.xlsx", "--batas-waktu", "-5"],
     "Galat: --batas-waktu: '-5' terlalu kecil (harus lebih dari 0 dan paling banyak 86400)."),
    (["contoh", "--skala", "1e9"], "Galat: --skala: '1e9' terlalu besar (0–1000)."),
    (["pasang-excel"], "Galat: Sebutkan buku kerja .xlsx, atau gunakan --addin."),
])
def test_kalimat_pemakaian(capsys, monkeypatch, tmp_path, args, kata):
    kode, out, err = _jalan(capsys, monkeypatch, args, tmp_path)
    assert kode == 2 and kata in " ".join(err.split()), err
    assert out == "" and not list(tmp_path.iterdir())  # nothing written


def test_batas_contoh_sama_dengan_generator():
    """The years `contoh --tahun` accepts are those the sample generator makes."""
    from xl_iku.template.contoh import data_contoh

    bawah, atas = cli.TAHUN_CONTOH
    for tahun in (bawah - 1, atas + 1):
        with pytest.raises(ValueError):
            data_contoh(tahun=tahun, skala=0)
    for tahun in (bawah, atas):
        data_contoh(tahun=tahun, skala=0)


def test_usage_errors_lewat_proses():
    """The real entry point: exit 2, Indonesian, no traceback, whatever LANG says."""
    import os

    env = dict(os.environ, LANG="en_US.UTF-8", LANGUAGE="en", LC_ALL="C.UTF-8")
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", "a.xlsx", "--json"], capture_output=True,
                       text=True, timeout=60, env=env)
    assert r.returncode == 2 and r.stderr.startswith("Cara pakai: xl-iku hitung [-h] [-o BERKAS] [--json JALUR|-] BERKAS")
    assert "Traceback" not in r.stderr and not kata_inggris(r.stderr)


def test_tanpa_perintah_menampilkan_bantuan(capsys, monkeypatch):
    kode, out, err = _jalan(capsys, monkeypatch, [])
    assert kode == 0 and err == ""
    assert out.startswith("Cara pakai: xl-iku [-h] PERINTAH ...") and "Perintah:" in out
    assert all(f"    {n} " in out or f"    {n}\n" in out for n in PERINTAH)


@pytest.mark.parametrize("args", [["--help"], ["-h"], *[[n, "--help"] for n in PERINTAH]])
def test_bantuan_berbahasa_indonesia(capsys, monkeypatch, args):
    kode, out, err = _jalan(capsys, monkeypatch, args)
    assert kode == 0 and err == ""
    assert out.startswith("Cara pakai: xl-iku") and "Tampilkan bantuan ini lalu keluar." in out
    assert "Pilihan:" in out
    # Help texts quote option names and examples; the whole help is judged.
    assert not kata_inggris(out), (args, kata_inggris(out), out)
    assert not tipe_python(out), (args, tipe_python(out))


def test_bantuan_tidak_mengubah_argparse_lain(capsys, monkeypatch):
    """The catalogue is bound for xl-iku's parse only: another argparse user in
    the process (pytest, a host program) keeps its own language."""
    _jalan(capsys, monkeypatch, ["--help"])
    lain = argparse.ArgumentParser(prog="lain")
    assert "show this help message and exit" in lain.format_help()


# ------------------------------------------------------------------ the catalogue

PO = Path(pengurai.LOKAL) / "id" / "LC_MESSAGES" / "argparse.po"
MO = PO.with_suffix(".mo")


def _po():
    from babel.messages.pofile import read_po

    with open(PO, "rb") as f:
        return read_po(f)


def _pesan_argparse() -> set[str | tuple[str, str]]:
    """Every string the running Python's argparse passes through gettext (found as babel extracts them)."""
    from babel.messages.extract import extract

    with open(argparse.__file__, "rb") as f:
        return {m for _, m, _, _ in extract("python", f, keywords={"_": None, "ngettext": (1, 2)})}


def test_katalog_mencakup_semua_kalimat_argparse():
    katalog = {m.id if isinstance(m.id, str) else tuple(m.id) for m in _po() if m.id}
    kurang = {m for m in _pesan_argparse() if m not in katalog}
    assert not kurang, f"argparse {sys.version_info[:2]} has strings the catalogue lacks: {kurang}"


def test_katalog_utuh_dan_berbahasa_indonesia():
    katalog = _po()
    assert katalog.locale is not None and str(katalog.locale) == "id"
    assert list(katalog.check()) == []  # babel: every placeholder of the msgid kept, types unchanged
    for m in katalog:
        if not m.id:
            continue
        for s in ([m.string] if isinstance(m.string, str) else list(m.string)):
            assert s, m.id
            # A few strings name Python itself (a programmer's mistake, never a user's).
            if "__call__" in s or "conflict_resolution" in s or "dest=" in s or "'required'" in s:
                continue
            assert not kata_inggris(s % _isian(s) if "%" in s else s), (m.id, s)


def _isian(s: str):
    nama = re.findall(r"%\((\w+)\)", s)
    if nama:
        return {n: "'x'" for n in nama}
    return tuple("'x'" for _ in re.findall(r"%[sr]", s))


def test_mo_sama_dengan_kompilasi_babel():
    """The shipped .mo is what babel compiles from the .po (`pybabel compile -D
    argparse -d xl_iku/cli/locale -l id`): the two cannot drift.  Compared as
    catalogues, not bytes, since babel writes its own version into the header."""
    from babel.messages.mofile import write_mo

    buf = io.BytesIO()
    write_mo(buf, _po())
    dikompilasi = gettext.GNUTranslations(io.BytesIO(buf.getvalue()))
    dikirim = gettext.GNUTranslations(io.BytesIO(MO.read_bytes()))
    isi = {k: v for k, v in dikompilasi._catalog.items() if k != ""}  # noqa: SLF001
    assert {k: v for k, v in dikirim._catalog.items() if k != ""} == isi  # noqa: SLF001
    assert dikirim.info()["plural-forms"] == dikompilasi.info()["plural-forms"]
    assert len(isi) == len([m for m in _po() if m.id])


def test_katalog_ikut_terpasang():
    """pyproject's package-data ships the catalogue (the .mo the parser needs)."""
    import fnmatch
    import tomllib

    data = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text("utf-8"))
    pola = data["tool"]["setuptools"]["package-data"]["xl_iku"]
    rel = MO.relative_to(Path(cli.__file__).resolve().parents[1]).as_posix()
    assert any(fnmatch.fnmatch(rel, p) for p in pola), (rel, pola)
    assert any(fnmatch.fnmatch(PO.relative_to(MO.parents[4]).as_posix(), p) for p in pola)
