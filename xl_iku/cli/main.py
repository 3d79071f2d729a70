"""The `xl-iku` command (typer + rich).  Every message is Indonesian."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from .. import __version__
from ..app import EXIT_BERKAS, hitung_berkas
from ..hasil import GALAT, Hasil
from ..io.package import FileError

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help="xl-iku: menghitung Indikator Kinerja Utama kecamatan dari buku kerja Excel.",
    rich_markup_mode=None,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def _angka(x, digits=2) -> str:
    from ..layout import angka_id

    if x is None:
        return "–"
    if isinstance(x, str):
        return x
    return angka_id(x, digits)


def tabel_ringkas(h: Hasil) -> Table:
    t = Table(title=f"IKU Kecamatan {h.kecamatan or '?'} — Tahun {h.tahun or '?'}", show_lines=False)
    for col, kw in (("Kode", {}), ("Indikator", {"max_width": 52}), ("Target", {"justify": "right"}),
                    ("Realisasi", {"justify": "right"}), ("Capaian (%)", {"justify": "right"}),
                    ("Kategori", {}), ("Status", {})):
        t.add_column(col, **kw)
    for i in h.indikator:
        status = {"ok": "ok", "galat": "[red]galat[/red]", "tanpa_data": "[yellow]tanpa data[/yellow]"}[i.status]
        t.add_row(i.kode, i.nama, _angka(i.target), _angka(i.realisasi), _angka(i.capaian), i.kategori or "–", status)
    return t


def _tulis_json(h: Hasil, tujuan: str) -> None:
    doc = json.dumps(h.ke_json(), ensure_ascii=False, indent=2)
    if tujuan == "-":
        sys.stdout.write(doc + "\n")
    else:
        Path(tujuan).write_text(doc + "\n", encoding="utf-8")


@app.command()
def hitung(
    masukan: Path = typer.Argument(..., help="Buku kerja IKU (.xlsx/.xlsm)."),
    keluaran: Optional[Path] = typer.Option(None, "-o", "--output", help="Tulis hasil ke berkas ini (bawaan: perbarui MASUKAN)."),
    json_: Optional[str] = typer.Option(None, "--json", help="Tulis hasil JSON ke PATH, atau '-' untuk layar."),
) -> None:
    """Validasi, hitung, dan isi lembar keluaran."""
    try:
        lap = hitung_berkas(masukan, keluaran)
    except FileError as e:
        err.print(f"[bold red]Gagal:[/bold red] {e.pesan}")
        raise typer.Exit(EXIT_BERKAS)
    h = lap.hasil
    if json_ is not None:
        _tulis_json(h, json_)
    con = err if json_ == "-" else out
    con.print(tabel_ringkas(h))
    for t in h.temuan[:20]:
        warna = "red" if t.tingkat == GALAT else "yellow"
        con.print(f"[{warna}]{t.tingkat}[/{warna}] {t.lembar}!{t.sel}: {t.pesan}")
    if len(h.temuan) > 20:
        con.print(f"… dan {len(h.temuan) - 20} temuan lain (lihat lembar Validasi).")
    con.print(f"{h.jumlah_galat} galat, {h.jumlah_peringatan} peringatan. "
              f"Hasil ditulis ke {lap.keluaran} ({lap.detik:.2f} detik).")
    raise typer.Exit(lap.kode_keluar)


@app.command()
def templat(tujuan: Path = typer.Argument(Path("IKU_template.xlsx"), help="Berkas templat baru.")) -> None:
    """Tulis templat kosong yang baru."""
    from ..template.build import buat

    if tujuan.exists():
        err.print(f"[bold red]Gagal:[/bold red] berkas '{tujuan}' sudah ada; pilih nama lain agar isinya tidak tertimpa.")
        raise typer.Exit(EXIT_BERKAS)
    buat(tujuan)
    out.print(f"Templat ditulis ke {tujuan}.")


@app.command()
def contoh(
    tujuan: Path = typer.Argument(Path("Contoh_IKU_Bathin_Solapan.xlsx"), help="Berkas contoh baru."),
    tahun: int = typer.Option(2024, help="Tahun laporan."),
    skala: float = typer.Option(1.0, help="Pengali jumlah baris register (untuk uji beban)."),
    seed: int = typer.Option(2024, help="Benih acak (hasil sama untuk benih sama)."),
) -> None:
    """Tulis buku kerja contoh berisi data satu tahun Kecamatan Bathin Solapan."""
    from ..template.contoh import data_contoh
    from ..template.build import buat

    if tujuan.exists():
        err.print(f"[bold red]Gagal:[/bold red] berkas '{tujuan}' sudah ada; pilih nama lain agar isinya tidak tertimpa.")
        raise typer.Exit(EXIT_BERKAS)
    peng, tabel = data_contoh(tahun=tahun, seed=seed, skala=skala)
    buat(tujuan, peng, tabel)
    out.print(f"Buku kerja contoh ditulis ke {tujuan}.")


@app.command()
def versi() -> None:
    """Tampilkan versi xl-iku."""
    out.print(__version__)


# Commands living in their own modules register themselves on `app`.
for _modul in ("batch", "pdf", "impor", "excel", "laporan", "server"):
    try:
        _m = __import__(f"xl_iku.cli.{_modul}", fromlist=["daftarkan"])
    except ModuleNotFoundError as _e:
        if _e.name != f"xl_iku.cli.{_modul}":
            raise
    else:
        _m.daftarkan(app)


def main() -> None:
    from .bahasa import pasang

    pasang()
    try:
        rv = app(standalone_mode=False)
        sys.exit(rv if isinstance(rv, int) else 0)
    except KeyboardInterrupt:
        err.print("Dibatalkan.")
        sys.exit(130)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except SystemExit:
        raise
    except Exception as e:
        if hasattr(e, "format_message") and hasattr(e, "exit_code"):  # usage errors from click/typer
            from .bahasa import tampilkan_kesalahan_pemakaian

            tampilkan_kesalahan_pemakaian(e, err)
            sys.exit(EXIT_BERKAS)  # never a traceback for the officer
        err.print(f"[bold red]Gagal:[/bold red] kesalahan tak terduga di xl-iku ({type(e).__name__}); "
                  "berkas Anda tidak diubah. Laporkan pesan ini kepada pengelola aplikasi.")
        sys.exit(EXIT_BERKAS)
