"""The `xl-iku` command (typer + rich).  Every message is Indonesian."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperCommand
from typing import TYPE_CHECKING

from .. import __version__
from ..hasil import GALAT, STATUS_GALAT, STATUS_TANPA_DATA, Hasil
from ..pesan import KELUAR_BERKAS, KELUAR_DIBATALKAN, FileError, PesanError, kalimat_tak_terduga
from .bahasa import Kelompok, Perintah
from .layar import angka, baris, err, gagal, out, warna

if TYPE_CHECKING:
    from rich.table import Table

app = typer.Typer(
    cls=Kelompok,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="xl-iku: menghitung Indikator Kinerja Utama kecamatan dari buku kerja Excel.",
    rich_markup_mode=None,
)

MAKS_TEMUAN = 20  # findings listed on screen; the rest are on the Validasi sheet


def _nilai(x) -> str:
    return x if isinstance(x, str) else angka(x)


def tabel_ringkas(h: Hasil, lebar: int = 80) -> Table:
    """One line per indicator at `lebar` columns (80 included): the names are
    cut to what is left and end in an ellipsis; full names are in --json and
    the workbook."""
    from rich.table import Table
    from rich.text import Text

    baris_tabel = []
    for i in h.indikator:
        if i.status == STATUS_GALAT:
            kategori = warna("galat", "red")
        elif i.status == STATUS_TANPA_DATA:
            kategori = warna("tanpa data", "yellow")
        else:
            kategori = Text(i.kategori or "–")
        baris_tabel.append((i.kode, i.nama, _nilai(i.target), _nilai(i.realisasi), _nilai(i.capaian), kategori))
    kepala = ("Kode", "Indikator", "Target", "Realisasi", "Capaian", "Kategori")
    lain = [max([len(kepala[k])] + [len(str(b[k])) for b in baris_tabel]) for k in (0, 2, 3, 4, 5)]
    # Each column takes one space either side, the outer edges none (pad_edge=False).
    sisa = lebar - sum(lain) - 2 * (len(kepala) - 1)
    lebar_nama = max(12, min(sisa, max(len(b[1]) for b in baris_tabel)))
    # No box: a border costs columns the names need; the header is underlined instead.
    t = Table(title=f"IKU Kecamatan {h.kecamatan or '?'} — Tahun {h.tahun or '?'}", box=None,
              padding=(0, 1), pad_edge=False, title_justify="left", header_style="bold underline")
    t.add_column("Kode", no_wrap=True, min_width=lain[0])
    t.add_column("Indikator", no_wrap=True, overflow="ellipsis", width=lebar_nama)
    for col, w in zip(("Target", "Realisasi", "Capaian"), lain[1:4]):
        t.add_column(col, justify="right", no_wrap=True, min_width=w)
    t.add_column("Kategori", no_wrap=True, min_width=lain[4])
    for kode, nama, *angka_, kategori in baris_tabel:
        t.add_row(kode, Text(nama), *angka_, kategori)
    return t


def _tulis_json(h: Hasil, tujuan: str) -> None:
    doc = json.dumps(h.ke_json(), ensure_ascii=False, indent=2)
    if tujuan == "-":
        sys.stdout.write(doc + "\n")
        return
    try:
        Path(tujuan).write_text(doc + "\n", encoding="utf-8")
    except OSError as e:
        from ..io.atomic import alasan_os

        raise FileError(f"Berkas JSON '{tujuan}' tidak dapat ditulis: {alasan_os(e)}.") from None


@app.command()
def hitung(
    masukan: Path = typer.Argument(..., metavar="BERKAS", help="Buku kerja IKU (.xlsx/.xlsm)."),
    keluaran: Optional[Path] = typer.Option(None, "-o", "--output", metavar="BERKAS",
                                            help="Tulis hasil ke berkas ini (bawaan: perbarui BERKAS masukan)."),
    json_: Optional[str] = typer.Option(None, "--json", metavar="JALUR|-",
                                        help="Tulis hasil JSON ke JALUR, atau '-' untuk layar."),
) -> None:
    """Validasi, hitung, dan isi lembar keluaran."""
    from ..app import hitung_berkas

    lap = hitung_berkas(masukan, keluaran)
    h = lap.hasil
    if json_ is not None:
        _tulis_json(h, json_)
    con = err if json_ == "-" else out
    con.print(tabel_ringkas(h, con.width))
    con.print()
    for t in h.temuan[:MAKS_TEMUAN]:
        con.print(baris((t.tingkat, "red" if t.tingkat == GALAT else "yellow"), f" {t.lembar}!{t.sel}: {t.pesan}"))
    if len(h.temuan) > MAKS_TEMUAN:
        con.print(f"… dan {len(h.temuan) - MAKS_TEMUAN} temuan lain (lihat lembar Validasi).")
    con.print(f"{h.jumlah_galat} galat, {h.jumlah_peringatan} peringatan. "
              f"Hasil ditulis ke {lap.keluaran} ({angka(lap.detik)} detik).")
    raise typer.Exit(lap.kode_keluar)


def _belum_ada(tujuan: Path) -> None:
    if tujuan.exists():
        raise FileError(f"Berkas '{tujuan}' sudah ada; pilih nama lain agar isinya tidak tertimpa.")


@app.command()
def templat(tujuan: Path = typer.Argument(Path("IKU_template.xlsx"), metavar="BERKAS",
                                         help="Berkas templat baru (bawaan: IKU_template.xlsx).")) -> None:
    """Tulis templat kosong yang baru."""
    from ..template.build import buat

    _belum_ada(tujuan)
    buat(tujuan)
    out.print(f"Templat ditulis ke {tujuan}.")


@app.command()
def contoh(
    tujuan: Path = typer.Argument(Path("Contoh_IKU_Bathin_Solapan.xlsx"), metavar="BERKAS",
                                  help="Berkas contoh baru (bawaan: Contoh_IKU_Bathin_Solapan.xlsx)."),
    tahun: int = typer.Option(2024, metavar="TAHUN", help="Tahun laporan (bawaan: 2024)."),
    skala: float = typer.Option(1.0, metavar="ANGKA", help="Pengali jumlah baris register, untuk uji beban (bawaan: 1)."),
    seed: int = typer.Option(2024, metavar="N", help="Benih acak; hasil sama untuk benih sama (bawaan: 2024)."),
) -> None:
    """Tulis buku kerja contoh berisi data satu tahun Kecamatan Bathin Solapan."""
    from ..template.contoh import data_contoh
    from ..template.build import buat

    _belum_ada(tujuan)
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
# Every command's help and usage errors are written in Indonesian (cli/bahasa.py).
for _info in app.registered_commands:
    if _info.cls is None or _info.cls is TyperCommand:
        _info.cls = Perintah


def main() -> None:
    """The error boundary of the command line (with `Perintah.invoke`, which
    reports a command's `PesanError`).

    Usage errors → Indonesian, exit 2; `PesanError` → its sentence and its
    exit code (xl_iku.pesan); anything else → one sentence that says what was
    already written, never a traceback.  Nothing printed is read as markup.
    """
    from ..dasar import proses
    from .bahasa import adalah_kesalahan_pemakaian, laporkan, tampilkan_kesalahan_pemakaian

    proses.siapkan()
    try:
        rv = app(standalone_mode=False, prog_name="xl-iku")
        sys.exit(rv if isinstance(rv, int) else 0)
    except KeyboardInterrupt:
        err.print("Dibatalkan.")
        sys.exit(KELUAR_DIBATALKAN)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except SystemExit:
        raise
    except PesanError as e:  # raised outside a command (Perintah.invoke reports the rest)
        sys.exit(laporkan(e))
    except Exception as e:
        if adalah_kesalahan_pemakaian(e):  # click/typer usage errors
            tampilkan_kesalahan_pemakaian(e, err)
            sys.exit(KELUAR_BERKAS)
        if "Abort" in {k.__name__ for k in type(e).__mro__}:  # click's Ctrl-C at a prompt
            err.print("Dibatalkan.")
            sys.exit(KELUAR_DIBATALKAN)
        gagal(err, kalimat_tak_terduga(type(e).__name__))
        sys.exit(KELUAR_BERKAS)
