"""Usage errors reach the officer in Indonesian, with exit 2 and no traceback."""

import subprocess
import sys

import pytest

from xl_iku.cli.bahasa import pesan_pemakaian


@pytest.mark.parametrize("args,kata", [
    (["hitung"], "Argumen masukan belum diisi."),
    (["hitung", "a.xlsx", "--bogus"], "Tidak ada pilihan --bogus."),
    (["tidakada"], "Tidak ada perintah"),
    (["batch", "a"], "belum diisi"),
])
def test_usage_errors(args, kata):
    r = subprocess.run([sys.executable, "-m", "xl_iku", *args], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert kata in r.stderr and "Cara pakai:" in r.stderr
    assert "Traceback" not in r.stderr and "Usage:" not in r.stderr


def test_unknown_messages_pass_through():
    assert pesan_pemakaian("Sesuatu yang lain.") == "Sesuatu yang lain."


@pytest.mark.parametrize("args", [["--help"], ["hitung", "--help"], ["batch", "--help"]])
def test_help_in_indonesian(args):
    r = subprocess.run([sys.executable, "-m", "xl_iku", *args], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0
    assert "Cara pakai:" in r.stdout and "Tampilkan bantuan ini lalu keluar." in r.stdout
    for inggris in ("Usage:", "Show this message", "[OPTIONS]", "Options:"):
        assert inggris not in r.stdout
