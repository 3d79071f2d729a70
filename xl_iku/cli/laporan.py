"""`xl-iku laporan skm|lkjip|poster BERKAS.xlsx -o OUT`: the documents an office hands in."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

EXIT_ALAT = 3  # LibreOffice missing, failed or too slow (KONTRAK §4)

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def laporan(
    jenis: str = typer.Argument(..., metavar="JENIS", help="skm (Laporan Hasil SKM), lkjip (Bab III Capaian Kinerja) "
                                                          "atau poster (publikasi hasil SKM)."),
    masukan: Path = typer.Argument(..., help="Buku kerja IKU yang sudah dihitung (.xlsx/.xlsm); hanya dibaca."),
    keluaran: Path = typer.Option(..., "-o", "--output", help="Berkas hasil: .docx atau .pdf (skm, lkjip); "
                                                                 ".pdf atau .png (poster)."),
    hitung: bool = typer.Option(False, "--hitung", help="Hitung dari data masukan walau lembar keluaran belum "
                                                        "dihitung (berkas MASUKAN tidak diubah)."),
    batas_waktu: float = typer.Option(180, "--batas-waktu", help="Batas waktu LibreOffice untuk PDF, dalam detik."),
    gaya: Optional[Path] = typer.Option(None, "--gaya", help="Dokumen Word (.docx) berisi gaya, kop, dan logo kantor "
                                                            "(skm, lkjip); isinya diganti laporan."),
    soffice: Optional[str] = typer.Option(None, "--soffice", help="Jalur program LibreOffice (soffice) bila tidak "
                                                                   "ditemukan otomatis."),
) -> None:
    """Buat Laporan Hasil SKM, Bab III LKjIP, atau poster publikasi SKM dari buku kerja."""
    from ..io.package import FileError
    from ..laporan.berkas import NAMA, buat
    from ..laporan.pdf import AlatError

    jenis = jenis.strip().lower()
    try:
        h = buat(jenis, masukan, keluaran, hitung=hitung, soffice=soffice, batas_waktu=batas_waktu, gaya=gaya)
    except FileError as e:
        err.print(f"[bold red]Gagal:[/bold red] {e.pesan}")
        raise typer.Exit(2)
    except AlatError as e:
        err.print(f"[bold red]Gagal:[/bold red] {e.pesan}")
        raise typer.Exit(EXIT_ALAT)
    for c in h.catatan:
        err.print(f"[yellow]peringatan[/yellow] {c}")
    out.print(f"{NAMA[jenis]} ditulis ke {h.keluaran} ({h.detik:.1f} detik).")
    if h.jumlah_galat:
        err.print(f"[red]{h.jumlah_galat} galat[/red] di buku kerja: indikator yang terhalang ditulis "
                  "\u201ctidak dihitung\u201d; perbaiki lembar Validasi sebelum menandatangani.")
        raise typer.Exit(1)


def daftarkan(app: typer.Typer) -> None:
    app.command("laporan")(laporan)
