"""The command line speaks Indonesian, whatever typer/click version is installed.

Typer and click write their help and usage errors in English, and recent
typer vendors click with the English typed straight into f-strings, so no
string catalogue can translate them.  xl-iku therefore does not translate
their sentences; it writes its own, from the structured objects:

- help and usage lines: `Perintah.format_help` / `format_usage` render a
  command from its parameters (`opts`, `metavar`, `help`, `required`, `nargs`)
  — the part of click's API that has been stable for a decade;
- usage errors: `pesan_pemakaian` reads the exception's class and fields
  (the option name, the parameter, the pydantic error type and input) and
  composes the Indonesian sentence.  The errors click raises with a bare
  English string are pre-empted: extra arguments (`Perintah.parse_args`) and
  unknown commands (`Kelompok.resolve_command`) are detected here first.
  Anything unrecognised gets a generic Indonesian sentence, never the
  English one.
"""

from __future__ import annotations

import difflib
from typing import Any

from typer.core import TyperCommand, TyperGroup

from ..pesan import PemakaianError, PesanError

AWALAN_PAKAI = "Cara pakai: "
BANTUAN = "Tampilkan bantuan ini lalu keluar."
UMUM = "Perintah tidak dapat dipahami; periksa penulisannya (lihat --help)."

# Metavar by click parameter type name, for parameters that do not set one.
_METAVAR_JENIS = {"integer": "N", "float": "ANGKA", "path": "JALUR", "text": "TEKS", "filename": "BERKAS",
                  "choice": "PILIHAN", "boolean": "YA|TIDAK"}


def _kelas(e: BaseException) -> set[str]:
    return {k.__name__ for k in type(e).__mro__}


def _adalah_argumen(param) -> bool:
    return getattr(param, "param_type_name", "") == "argument"


_JENIS_ANOTASI = {"int": "integer", "float": "float", "Path": "path", "str": "text", "bool": "boolean"}


def jenis_nilai(param) -> str:
    """click's type name of a parameter ('integer', 'float', 'path', 'text' …):
    click keeps a `type`; typer ≥ 0.2x only the annotation."""
    nama = getattr(getattr(param, "type", None), "name", None)
    if nama:
        return str(nama).lower()
    anotasi = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    for a in (anotasi, *getattr(anotasi, "__args__", ())):
        if getattr(a, "__name__", None) in _JENIS_ANOTASI:
            return _JENIS_ANOTASI[a.__name__]
    return ""


def metavar(param) -> str:
    """What the help and the messages call a parameter's value."""
    mv = getattr(param, "metavar", None)
    if mv:
        return str(mv)
    if _adalah_argumen(param):
        return str(param.name).upper()
    return _METAVAR_JENIS.get(jenis_nilai(param), "NILAI")


def _bendera(param) -> bool:
    return bool(getattr(param, "is_flag", False)) or bool(getattr(param, "count", False))


def label(param) -> str:
    """'BERKAS' for an argument, "'-j' / '--jobs'" for an option."""
    if param is None:
        return "parameter"
    if _adalah_argumen(param):
        return metavar(param)
    return " / ".join(f"'{o}'" for o in param.opts)


def _bantuan(param) -> str:
    if getattr(param, "name", None) == "help" and not _adalah_argumen(param):
        return BANTUAN
    teks = getattr(param, "help", None) or ""
    if getattr(param, "required", False):
        teks = (teks + "  [wajib]").strip()
    return teks


def _potongan_pakai(cmd, ctx) -> list[str]:
    potong = []
    if any(not _adalah_argumen(p) for p in cmd.get_params(ctx)):
        potong.append("[PILIHAN]")
    for p in cmd.get_params(ctx):
        if not _adalah_argumen(p):
            continue
        mv = metavar(p) + ("..." if getattr(p, "nargs", 1) != 1 else "")
        potong.append(mv if p.required else f"[{mv}]")
    return potong


class _Indonesia:
    """Help and usage lines written from the parameters, in Indonesian."""

    def format_usage(self, ctx, formatter) -> None:
        potong = _potongan_pakai(self, ctx)
        if isinstance(self, TyperGroup):
            potong.append("PERINTAH [ARGUMEN]...")
        formatter.write_usage(ctx.command_path, " ".join(potong), AWALAN_PAKAI)

    def format_help(self, ctx, formatter) -> None:
        self.format_usage(ctx, formatter)
        if self.help:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(self.help.split("\f")[0].strip())
        argumen, pilihan = [], []
        for p in self.get_params(ctx):
            if getattr(p, "hidden", False):
                continue
            if _adalah_argumen(p):
                argumen.append((metavar(p), _bantuan(p)))
            else:
                nama = ", ".join(p.opts)
                if getattr(p, "secondary_opts", None):
                    nama += " / " + ", ".join(p.secondary_opts)
                if not _bendera(p):
                    nama += " " + metavar(p)
                pilihan.append((nama, _bantuan(p)))
        for judul, baris in (("Argumen", argumen), ("Pilihan", pilihan)):
            if baris:
                with formatter.section(judul):
                    formatter.write_dl(baris)
        if isinstance(self, TyperGroup):
            perintah = []
            for nama in self.list_commands(ctx):
                cmd = self.get_command(ctx, nama)
                if cmd is not None and not cmd.hidden:
                    perintah.append((nama, (cmd.help or "").split("\n")[0].strip()))
            if perintah:
                with formatter.section("Perintah"):
                    formatter.write_dl(perintah)


def _pemakaian(pesan: str, ctx) -> PemakaianError:
    e = PemakaianError(pesan)
    e.ctx = ctx  # type: ignore[attr-defined]
    return e


def _dengan_konteks(parse, ctx, args):
    """click's parser raises some errors without their context; attach it, so
    the message can name the parameter and show the command's usage line."""
    try:
        return parse(ctx, args)
    except Exception as e:
        if adalah_kesalahan_pemakaian(e) and getattr(e, "ctx", None) is None:
            e.ctx = ctx  # type: ignore[attr-defined]
        raise


class Perintah(_Indonesia, TyperCommand):
    def invoke(self, ctx):
        # The one error boundary of a command (also under typer's CliRunner):
        # a PesanError becomes its sentence and its exit code.
        try:
            return super().invoke(ctx)
        except PesanError as e:
            ctx.exit(laporkan(e))

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        # Extra arguments are caught here, before click words them in English.
        izin = ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            sisa = _dengan_konteks(super().parse_args, ctx, args)
        finally:
            ctx.allow_extra_args = izin
        if sisa and not izin and not ctx.resilient_parsing:
            raise _pemakaian("Argumen berlebih: " + " ".join(repr(a) for a in sisa)
                             + ". Apakah ada spasi pada nama berkas? Apit dengan tanda kutip.", ctx)
        return sisa


class Kelompok(_Indonesia, TyperGroup):
    def parse_args(self, ctx, args: list[str]) -> list[str]:
        if not args and not ctx.resilient_parsing:
            # Bare `xl-iku`: the help, as asked for, not an error.
            print(ctx.get_help())
            ctx.exit(0)
        return _dengan_konteks(super().parse_args, ctx, args)

    def resolve_command(self, ctx, args: list[str]):
        nama = args[0] if args else ""
        if nama and not nama.startswith("-") and self.get_command(ctx, nama) is None:
            saran = difflib.get_close_matches(nama, self.list_commands(ctx), n=1)
            raise _pemakaian(f"Tidak ada perintah '{nama}'."
                             + (f" Mungkin maksud Anda '{saran[0]}'?" if saran else ""), ctx)
        return super().resolve_command(ctx, args)


# ------------------------------------------------------------------ errors


def _param_opsi(ctx, nama_opsi: str):
    cmd = getattr(ctx, "command", None)
    if cmd is None:
        return None
    for p in cmd.get_params(ctx):
        if nama_opsi in getattr(p, "opts", ()) or nama_opsi in getattr(p, "secondary_opts", ()):
            return p
    return None


def _angka(v: Any) -> str:
    from ..dasar.ooxml import angka_teks

    return angka_teks(v, None) if isinstance(v, float) else str(v)


def _alasan_nilai(e: BaseException) -> str:
    """Why a value was refused, from the pydantic error (typer ≥ 0.2x) or click's range check."""
    sebab = e.__cause__ or e.__context__
    galat = getattr(sebab, "errors", None)
    if callable(galat):
        try:
            g = galat()[0]
        except Exception:  # noqa: BLE001 - not a pydantic error after all
            g = None
        if isinstance(g, dict):
            jenis, masuk, ctx = str(g.get("type", "")), g.get("input"), g.get("ctx") or {}
            teks = f"'{masuk}'"
            if jenis.startswith("int_"):
                return f"{teks} bukan bilangan bulat"
            if jenis.startswith("float_") or jenis.startswith("decimal_"):
                return f"{teks} bukan angka" + (" (tulis pecahan dengan titik, mis. 1.5)" if "," in str(masuk) else "")
            if jenis.startswith("bool_"):
                return f"{teks} bukan ya/tidak"
            batas = {"greater_than_equal": ("terlalu kecil", "paling sedikit", "ge"),
                     "greater_than": ("terlalu kecil", "harus lebih dari", "gt"),
                     "less_than_equal": ("terlalu besar", "paling banyak", "le"),
                     "less_than": ("terlalu besar", "harus kurang dari", "lt")}
            if jenis in batas:
                sifat, kata, kunci = batas[jenis]
                return f"{teks} {sifat} ({kata} {_angka(ctx.get(kunci))})"
            if jenis in ("enum", "literal_error"):
                return f"{teks} bukan salah satu pilihan yang dikenal"
            return f"{teks} tidak dapat dipakai"
    param = getattr(e, "param", None)
    mn, mx = getattr(param, "min", None), getattr(param, "max", None)
    if mn is not None or mx is not None:
        rentang = " dan ".join(x for x in (f"paling sedikit {_angka(mn)}" if mn is not None else "",
                                           f"paling banyak {_angka(mx)}" if mx is not None else "") if x)
        return f"nilai di luar batas ({rentang})"
    return "nilainya tidak dapat dipakai"


def pesan_pemakaian(e: BaseException) -> str:
    """One Indonesian sentence for a usage error of click/typer (or xl-iku's own)."""
    if isinstance(e, PemakaianError):
        return e.pesan
    k = _kelas(e)
    ctx = getattr(e, "ctx", None)
    if "NoSuchOption" in k:
        opsi = getattr(e, "option_name", "") or ""
        saran = sorted(getattr(e, "possibilities", None) or ())
        teks = f"Tidak ada pilihan '{opsi}'."
        return teks + (f" Mungkin maksud Anda {', '.join(repr(s) for s in saran)}?" if saran else "")
    if "BadOptionUsage" in k:
        opsi = getattr(e, "option_name", "") or ""
        p = _param_opsi(ctx, opsi)
        if p is not None and _bendera(p):
            return f"Pilihan '{opsi}' tidak memerlukan nilai."
        if p is not None:
            return f"Pilihan '{opsi}' memerlukan nilai {metavar(p)}."
        return f"Pilihan '{opsi}' tidak dipakai dengan benar."
    if "MissingParameter" in k:
        p = getattr(e, "param", None)
        if p is None:
            return "Ada parameter yang belum diisi."
        jenis = "Argumen" if _adalah_argumen(p) else "Pilihan"
        return f"{jenis} {label(p)} belum diisi."
    if "BadParameter" in k:
        p = getattr(e, "param", None)
        nama = label(p) if p is not None else (getattr(e, "param_hint", None) or "parameter")
        return f"Nilai untuk {nama} tidak sah: {_alasan_nilai(e)}."
    return UMUM


def adalah_kesalahan_pemakaian(e: BaseException) -> bool:
    return isinstance(e, PemakaianError) or "UsageError" in _kelas(e)


def tampilkan_kesalahan_pemakaian(e: BaseException, konsol) -> None:
    """The usage line, where to get help, and the error — as click lays it out, in Indonesian."""
    ctx = getattr(e, "ctx", None)
    if ctx is not None:
        konsol.print(ctx.get_usage(), markup=False, highlight=False)
        konsol.print(f"Ketik '{ctx.command_path} --help' untuk bantuan.", markup=False, highlight=False)
    konsol.print(f"Galat: {pesan_pemakaian(e)}", markup=False, highlight=False, soft_wrap=True)


def laporkan(e: PesanError) -> int:
    """Print a user-facing error (as a usage error when it is one) and return its exit code."""
    from .layar import err, gagal

    if isinstance(e, PemakaianError) and getattr(e, "ctx", None) is not None:
        tampilkan_kesalahan_pemakaian(e, err)
    else:
        gagal(err, e.pesan)
    return e.kode_keluar
