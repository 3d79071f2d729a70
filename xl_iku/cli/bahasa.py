"""Click and typer speak English; an officer reads Indonesian.

Both libraries route their user-facing strings through gettext's `_`,
bound per module at import.  `pasang()` rebinds that `_` to a small
Indonesian catalogue (unknown strings pass through unchanged).
"""

from __future__ import annotations

import sys

KATALOG = {
    "Usage:": "Cara pakai:",
    "Options": "Pilihan",
    "Arguments": "Argumen",
    "Commands": "Perintah",
    "Error": "Galat",
    "Error: {message}": "Galat: {message}",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Try '{command} {option}' for help.": "Ketik '{command} {option}' untuk bantuan.",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "Ketik [blue]'{command_path} {help_option}'[/] untuk bantuan.",
    "Missing argument": "Argumen belum diisi",
    "Missing option": "Pilihan belum diisi",
    "Missing parameter": "Parameter belum diisi",
    "Missing parameter: {param_name}": "Parameter belum diisi: {param_name}",
    "Missing {param_type}": "{param_type} belum diisi",
    "Missing command.": "Perintah belum disebut.",
    "No such command {name!r}.": "Tidak ada perintah {name!r}.",
    "No such option {name!r}.": "Tidak ada pilihan {name!r}.",
    "No such option: {name}": "Tidak ada pilihan: {name}",
    "Option {name!r} does not take a value.": "Pilihan {name!r} tidak memerlukan nilai.",
    "Invalid value for {param_hint}: {message}": "Nilai untuk {param_hint} tidak sah: {message}",
    "Invalid value: {message}": "Nilai tidak sah: {message}",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan {number_type} yang sah.",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder.",
    "Aborted!": "Dibatalkan.",
    "Aborted.": "Dibatalkan.",
    "required": "wajib",
    "[required]": "[wajib]",
    "default: {default}": "bawaan: {default}",
    "[default: {}]": "[bawaan: {}]",
    "file": "berkas",
    "directory": "folder",
    "path": "jalur",
}


def _terjemah(teks: str) -> str:
    return KATALOG.get(teks, teks)


def pasang() -> None:
    for nama, modul in list(sys.modules.items()):
        asli = getattr(modul, "_", None)
        if nama.split(".")[0] in ("click", "typer") and getattr(asli, "__module__", None) == "gettext":
            modul._ = _terjemah
    _pasang_bantuan()


def _pasang_bantuan() -> None:
    """Newer typer vendors click with hard-coded English for the usage prefix and
    the --help option; adjust both where they live. Best effort: a typer that
    moved them just keeps its English help headings."""
    import importlib

    for nama in ("typer._click.formatting", "click.formatting"):
        try:
            fmt = importlib.import_module(nama).HelpFormatter
        except (ImportError, AttributeError):
            continue
        if getattr(fmt.write_usage, "_xl_iku", False):
            continue
        asli = fmt.write_usage

        def write_usage(self, prog, args="", prefix=None, _asli=asli):
            args = args.replace("[OPTIONS]", "[PILIHAN]").replace("COMMAND [ARGS]...", "PERINTAH [ARGUMEN]...")
            return _asli(self, prog, args, "Cara pakai: " if prefix is None else prefix)

        write_usage._xl_iku = True
        fmt.write_usage = write_usage
    for nama in ("typer._click.core", "click.core"):
        try:
            cmd = importlib.import_module(nama).Command
        except (ImportError, AttributeError):
            continue
        if getattr(cmd.get_help_option, "_xl_iku", False):
            continue
        asli_opsi = cmd.get_help_option

        def get_help_option(self, ctx, _asli=asli_opsi):
            opsi = _asli(self, ctx)
            if opsi is not None and getattr(opsi, "help", None) == "Show this message and exit.":
                opsi.help = KATALOG["Show this message and exit."]
            return opsi

        get_help_option._xl_iku = True
        cmd.get_help_option = get_help_option


_POLA = (
    (r"^No such option:? '?([^']+?)'?\.?$", "Tidak ada pilihan {0}."),
    (r"^Missing argument '?([^']+?)'?\.?$", "Argumen {0} belum diisi."),
    (r"^Missing option (.+?)\.?$", "Pilihan {0} belum diisi."),
    (r"^No such command '?([^']+?)'?\.?$", "Tidak ada perintah {0}."),
    (r"^Invalid value for '?([^':]+?)'?: (.*)$", "Nilai untuk {0} tidak sah: {1}"),
    (r"^Got unexpected extra arguments? \((.*)\)$", "Argumen berlebih: {0}."),
    (r"^Missing command\.?$", "Sebutkan perintahnya."),
)


def pesan_pemakaian(pesan: str) -> str:
    """An English usage error from click/typer, in Indonesian (unknown ones pass through)."""
    import re

    for pola, hasil in _POLA:
        m = re.match(pola, pesan.strip())
        if m:
            return hasil.format(*m.groups())
    return pesan


def tampilkan_kesalahan_pemakaian(e, konsol) -> None:
    """Print a usage error the way click would, in Indonesian."""
    ctx = getattr(e, "ctx", None)
    if ctx is not None:
        usage = ctx.get_usage().replace("Usage:", "Cara pakai:", 1)
        konsol.print(usage, markup=False, highlight=False)
        konsol.print(f"Ketik '{ctx.command_path} --help' untuk bantuan.", markup=False, highlight=False)
    konsol.print(f"Galat: {pesan_pemakaian(e.format_message())}", markup=False, highlight=False)
