"""The command line speaks Indonesian: every usage error of every command, and
every --help, is checked against a detector of English (and of Python type
names leaking into the help).  The cases are generated from the commands'
own parameters, so a new command or option is covered without editing this
file."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import typer

from xl_iku.cli import main as cli

# Words of click's, typer's and pydantic's English that Indonesian never uses
# (checked as whole words, after removing option names and quoted values).
INGGRIS = {
    "the", "is", "not", "for", "to", "of", "and", "or", "no", "did", "you", "mean", "got", "such", "should",
    "valid", "invalid", "missing", "required", "requires", "unexpected", "extra", "argument", "arguments",
    "option", "options", "command", "commands", "usage", "error", "value", "integer", "number", "parse",
    "unable", "input", "try", "show", "message", "exit", "possible", "range", "path", "str", "int", "float",
    "list", "aborted", "file", "directory", "does", "take", "help", "default", "string", "an", "be",
}
_OPSI = re.compile(r"(?<![\w])--?[A-Za-z][\w-]*")
_KUTIP = re.compile(r"'[^']*'|\"[^\"]*\"")


def kata_inggris(teks: str) -> set[str]:
    bersih = _OPSI.sub(" ", _KUTIP.sub(" ", teks))
    bersih = bersih.replace("xl-iku", " ")
    return {w for w in re.findall(r"[A-Za-z]+", bersih) if w.lower() in INGGRIS}


def tipe_python(teks: str) -> list[str]:
    return re.findall(r"<[a-z][\w\[\], |]*>|\{[a-z_]+\}|\blist\[", teks)


def test_detektor_mengenali_inggris():
    for contoh in ("Error: No such option: --bogus", "Did you mean 'hitung'?", "Option '--json' requires an argument.",
                   "Got unexpected extra argument(s) (a)", "Invalid value for '-j': Input should be a valid integer",
                   "Usage: xl-iku hitung [OPTIONS] MASUKAN", "Show this message and exit."):
        assert kata_inggris(contoh), contoh
    assert tipe_python("MASUKAN <list[Path]>") and tipe_python("--json <str>") and tipe_python("{masukan}")
    assert not kata_inggris("Galat: Tidak ada pilihan '--bogus'. Ketik 'xl-iku hitung --help' untuk bantuan.")


def _grup():
    return typer.main.get_command(cli.app)


def _jalan(capsys, monkeypatch, args: list[str], tmp_path=None) -> tuple[int, str, str]:
    if tmp_path is not None:  # a case that parsed after all must not write beside the repo
        monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["xl-iku", *args])
    with pytest.raises(SystemExit) as e:
        cli.main()
    o = capsys.readouterr()
    return e.value.code, o.out, o.err


def _isi_wajib(cmd) -> list[str]:
    """Values for the required parameters, so the error under test is the one raised."""
    isi: list[str] = []
    for p in cmd.params:
        if p.param_type_name == "option" and p.required:
            isi += [p.opts[0], "x"]
    for p in cmd.params:
        if p.param_type_name == "argument" and p.required:
            isi.append("x.xlsx")
    return isi


def _jenis(p):
    """The Python type of a parameter's value (click keeps `type`, typer ≥ 0.2x the annotation)."""
    t = getattr(getattr(p, "type", None), "name", None)
    if t:
        return {"integer": int, "float": float}.get(t)
    a = p.type_descriptor.annotation
    return next((x for x in (a, *getattr(a, "__args__", ())) if x in (int, float)), None)


def _kasus():
    grup = _grup()
    kasus = [("grup", ["hitng"]), ("grup", ["tidakada"]), ("grup", ["--bogus"]), ("grup", ["--hel"])]
    for nama, cmd in grup.commands.items():
        wajib = _isi_wajib(cmd)
        kasus.append((nama, [nama, "--bogus", *wajib]))
        kasus.append((nama, [nama, "--hel", *wajib]))
        if not any(p.param_type_name == "argument" and p.nargs == -1 for p in cmd.params):
            kasus.append((nama, [nama, *wajib, *["lebih"] * 6]))
        if any(p.param_type_name == "argument" and p.required for p in cmd.params):
            kasus.append((nama, [nama]))  # missing argument
        for p in cmd.params:
            if p.param_type_name != "option" or p.name == "help":
                continue
            if p.required:
                kasus.append((nama, [nama, *[a for a in wajib if a not in (p.opts[0], "x")], "x.xlsx"]))
            if p.is_flag:
                kasus.append((nama, [nama, f"{p.opts[-1]}=ya", *wajib]))
            else:
                kasus.append((nama, [nama, *wajib, p.opts[0]]))  # requires a value
                if _jenis(p) in (int, float):
                    kasus.append((nama, [nama, p.opts[0], "abc", *wajib]))
                    kasus.append((nama, [nama, p.opts[0], "1,5", *wajib]))
                batas = getattr(p, "min", None)
                if batas is None:
                    batas = getattr(getattr(p, "type", None), "min", None)
                if batas is not None:
                    kasus.append((nama, [nama, p.opts[0], str(batas - 1), *wajib]))
    return kasus


KASUS = _kasus()


@pytest.mark.parametrize("nama,args", KASUS, ids=[" ".join(a) for _, a in KASUS])
def test_setiap_kesalahan_pemakaian_berbahasa_indonesia(capsys, monkeypatch, tmp_path, nama, args):
    kode, out, err = _jalan(capsys, monkeypatch, args, tmp_path)
    assert kode == 2, (args, out, err)
    assert "Cara pakai: xl-iku" in err and "Galat: " in err, err
    assert not kata_inggris(err), (args, kata_inggris(err), err)
    assert "Traceback" not in err and out == ""


def test_kasus_mencakup_semua_jenis():
    """The generated cases reach each kind of usage error at least once."""
    teks = " ".join(" ".join(a) for _, a in KASUS)
    for perlu in ("hitng", "--bogus", "lebih", "-j abc", "-j 0", "--json", "--ulang=ya"):
        assert perlu in teks, perlu
    assert {n for n, _ in KASUS} >= {"hitung", "batch", "pdf", "impor-skm", "pasang-excel", "templat", "contoh", "versi"}


@pytest.mark.parametrize("args,kata", [
    (["hitung"], "Galat: Argumen BERKAS belum diisi."),
    (["hitung", "a.xlsx", "--bogus"], "Galat: Tidak ada pilihan '--bogus'."),
    (["hitung", "a.xlsx", "--jsn", "-"], "Mungkin maksud Anda '--json'?"),
    (["hitng"], "Galat: Tidak ada perintah 'hitng'. Mungkin maksud Anda 'hitung'?"),
    (["batch", "a"], "Galat: Pilihan '-o' / '--output' belum diisi."),
    (["hitung", "a.xlsx", "--json"], "Galat: Pilihan '--json' memerlukan nilai JALUR|-."),
    (["versi", "lebih"], "Galat: Argumen berlebih: 'lebih'."),
    (["batch", "a", "-o", "b", "-j", "abc"], "Galat: Nilai untuk '-j' / '--jobs' tidak sah: 'abc' bukan bilangan bulat."),
    (["batch", "a", "-o", "b", "-j", "0"], "Galat: Nilai untuk '-j' / '--jobs' tidak sah: '0' terlalu kecil (paling sedikit 1)."),
    (["batch", "a", "-o", "b", "--ulang=3"], "Galat: Pilihan '--ulang' tidak memerlukan nilai."),
    (["contoh", "--skala", "1,5"], "bukan angka (tulis pecahan dengan titik, mis. 1.5)"),
])
def test_kalimat_pemakaian(capsys, monkeypatch, tmp_path, args, kata):
    kode, _, err = _jalan(capsys, monkeypatch, args, tmp_path)
    assert kode == 2 and kata in " ".join(err.split()), err


def test_usage_errors_lewat_proses():
    """The real entry point: exit 2, Indonesian, no traceback."""
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", "a.xlsx", "--json"], capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 2 and "Cara pakai: xl-iku hitung [PILIHAN] BERKAS" in r.stderr
    assert "Traceback" not in r.stderr and not kata_inggris(r.stderr)


def test_tanpa_perintah_menampilkan_bantuan(capsys, monkeypatch):
    kode, out, err = _jalan(capsys, monkeypatch, [])
    assert kode == 0 and err == ""
    assert out.startswith("Cara pakai: xl-iku [PILIHAN] PERINTAH [ARGUMEN]...") and "Perintah:" in out


@pytest.mark.parametrize("args", [["--help"], *[[n, "--help"] for n in sorted(_grup().commands)]])
def test_bantuan_berbahasa_indonesia(capsys, monkeypatch, args):
    kode, out, _ = _jalan(capsys, monkeypatch, args)
    assert kode == 0
    assert out.startswith("Cara pakai: xl-iku") and "Tampilkan bantuan ini lalu keluar." in out
    # Help texts quote option names and examples; judge the layout words and metavars.
    tata = "\n".join(re.split(r"\s{2,}", baris.strip())[0] for baris in out.splitlines())
    assert not kata_inggris(tata), (args, kata_inggris(tata), tata)
    assert not tipe_python(out), (args, tipe_python(out))
