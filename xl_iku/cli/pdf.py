"""`xl-iku pdf`: print the output sheets to one A4 PDF (LibreOffice headless)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..pesan import KELUAR_GALAT
from .layar import angka, baris, err, out


def pdf(
    masukan: Path = typer.Argument(..., metavar="BERKAS", help="Buku kerja IKU yang sudah dihitung (.xlsx/.xlsm)."),
    keluaran: Optional[Path] = typer.Option(None, "-o", "--output", metavar="BERKAS",
                                            help="Berkas PDF (bawaan: nama BERKAS masukan dengan .pdf)."),
    lembar: Optional[List[str]] = typer.Option(
        None, "--lembar", "-l", metavar="LEMBAR",
        help="Lembar yang dicetak; boleh diulang atau dipisah koma (bawaan: IKU, Indikator Kinerja, "
             "Indikator Pendukung, Hasil SKM).",
    ),
    validasi: bool = typer.Option(False, "--validasi", help="Sertakan juga lembar Validasi."),
    hitung: bool = typer.Option(False, "--hitung", help="Hitung dulu pada salinan sementara (berkas masukan tidak diubah)."),
    batas_waktu: float = typer.Option(180, "--batas-waktu", metavar="DETIK",
                                      help="Batas waktu LibreOffice, dalam detik (bawaan: 180)."),
    soffice: Optional[str] = typer.Option(None, "--soffice", metavar="JALUR",
                                          help="Jalur program LibreOffice (soffice) bila tidak ditemukan otomatis."),
) -> None:
    """Cetak lembar keluaran yang ditandatangani ke satu PDF A4 (melalui LibreOffice)."""
    from .. import kontrak as K
    from ..laporan.pdf import LEMBAR_BAWAAN, buat_pdf

    pilihan = list(lembar or [])
    if validasi:
        pilihan = (pilihan or list(LEMBAR_BAWAAN)) + [K.LEMBAR_VALIDASI]
    # FileError (exit 2) and AlatError (exit 3) reach the one boundary in cli/main.py.
    h = buat_pdf(masukan, keluaran, lembar=pilihan or None, hitung=hitung, batas_waktu=batas_waktu,
                 soffice=soffice)
    for c in h.catatan:
        err.print(baris(("peringatan", "yellow"), f" {c}"))
    halaman = f"{h.halaman} halaman, " if h.halaman else ""
    out.print(f"PDF ({halaman}lembar: {', '.join(h.lembar)}) ditulis ke {h.keluaran} ({angka(h.detik, 1)} detik).")
    if h.jumlah_galat:
        err.print(baris((f"{h.jumlah_galat} galat", "red"),
                        " di buku kerja: PDF bertanda BELUM FINAL; perbaiki lembar Validasi sebelum menandatangani."))
        raise typer.Exit(KELUAR_GALAT)


def daftarkan(app: typer.Typer) -> None:
    app.command("pdf")(pdf)
