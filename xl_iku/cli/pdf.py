"""`xl-iku pdf`: print the output sheets to one A4 PDF (LibreOffice headless)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

EXIT_ALAT = 3  # LibreOffice missing, failed or too slow

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def pdf(
    masukan: Path = typer.Argument(..., help="Buku kerja IKU yang sudah dihitung (.xlsx/.xlsm)."),
    keluaran: Optional[Path] = typer.Option(None, "-o", "--output", help="Berkas PDF (bawaan: nama MASUKAN dengan .pdf)."),
    lembar: Optional[List[str]] = typer.Option(
        None, "--lembar", "-l",
        help="Lembar yang dicetak; boleh diulang atau dipisah koma (bawaan: IKU, Indikator Kinerja, "
             "Indikator Pendukung, Hasil SKM).",
    ),
    validasi: bool = typer.Option(False, "--validasi", help="Sertakan juga lembar Validasi."),
    hitung: bool = typer.Option(False, "--hitung", help="Hitung dulu pada salinan sementara (berkas MASUKAN tidak diubah)."),
    batas_waktu: float = typer.Option(180, "--batas-waktu", help="Batas waktu LibreOffice, dalam detik."),
    soffice: Optional[str] = typer.Option(None, "--soffice", help="Jalur program LibreOffice (soffice) bila tidak ditemukan otomatis."),
) -> None:
    """Cetak lembar keluaran yang ditandatangani ke satu PDF A4 (melalui LibreOffice)."""
    from .. import kontrak as K
    from ..io.package import FileError
    from ..laporan.pdf import LEMBAR_BAWAAN, AlatError, buat_pdf

    pilihan = list(lembar or [])
    if validasi:
        pilihan = (pilihan or list(LEMBAR_BAWAAN)) + [K.LEMBAR_VALIDASI]
    try:
        h = buat_pdf(masukan, keluaran, lembar=pilihan or None, hitung=hitung, batas_waktu=batas_waktu,
                     soffice=soffice)
    except FileError as e:
        err.print(f"[bold red]Gagal:[/bold red] {e.pesan}")
        raise typer.Exit(2)
    except AlatError as e:
        err.print(f"[bold red]Gagal:[/bold red] {e.pesan}")
        raise typer.Exit(EXIT_ALAT)
    for c in h.catatan:
        err.print(f"[yellow]peringatan[/yellow] {c}")
    halaman = f"{h.halaman} halaman, " if h.halaman else ""
    out.print(f"PDF ({halaman}lembar: {', '.join(h.lembar)}) ditulis ke {h.keluaran} ({h.detik:.1f} detik).")
    if h.jumlah_galat:
        err.print(f"[red]{h.jumlah_galat} galat[/red] saat menghitung; periksa lembar Validasi sebelum menandatangani.")
        raise typer.Exit(1)


def daftarkan(app: typer.Typer) -> None:
    app.command("pdf")(pdf)
