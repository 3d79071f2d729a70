"""`xl-iku laporan skm|lkjip|poster BERKAS.xlsx -o OUT`: the documents an office hands in."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..pesan import KELUAR_GALAT
from .layar import angka, baris, err, out


def laporan(
    jenis: str = typer.Argument(..., metavar="JENIS", help="skm (Laporan Hasil SKM), lkjip (Bab III Capaian Kinerja) "
                                                          "atau poster (publikasi hasil SKM)."),
    masukan: Path = typer.Argument(..., metavar="BERKAS", help="Buku kerja IKU yang sudah dihitung (.xlsx/.xlsm); hanya dibaca."),
    keluaran: Path = typer.Option(..., "-o", "--output", metavar="BERKAS", help="Berkas hasil: .docx atau .pdf (skm, lkjip); "
                                                                 ".pdf atau .png (poster)."),
    hitung: bool = typer.Option(False, "--hitung", help="Hitung dari data masukan walau lembar keluaran belum "
                                                        "dihitung (BERKAS masukan tidak diubah)."),
    batas_waktu: float = typer.Option(180, "--batas-waktu", metavar="DETIK",
                                      help="Batas waktu LibreOffice untuk PDF, dalam detik (bawaan: 180)."),
    gaya: Optional[Path] = typer.Option(None, "--gaya", metavar="BERKAS", help="Dokumen Word (.docx) berisi gaya, kop, "
                                                                          "dan logo kantor (skm, lkjip); isinya diganti laporan."),
    soffice: Optional[str] = typer.Option(None, "--soffice", metavar="JALUR", help="Jalur program LibreOffice (soffice) bila tidak "
                                                                   "ditemukan otomatis."),
) -> None:
    """Buat Laporan Hasil SKM, Bab III LKjIP, atau poster publikasi SKM dari buku kerja."""
    from ..laporan.berkas import NAMA, buat

    jenis = jenis.strip().lower()
    # FileError (exit 2) and AlatError (exit 3) reach the command's error boundary (cli/bahasa.py).
    h = buat(jenis, masukan, keluaran, hitung=hitung, soffice=soffice, batas_waktu=batas_waktu, gaya=gaya)
    for c in h.catatan:
        err.print(baris(("peringatan", "yellow"), f" {c}"))
    out.print(f"{NAMA[jenis]} ditulis ke {h.keluaran} ({angka(h.detik, 1)} detik).")
    if h.jumlah_galat:
        err.print(baris((f"{h.jumlah_galat} galat", "red"), " di buku kerja: indikator yang terhalang ditulis "
                        "\u201ctidak dihitung\u201d; perbaiki lembar Validasi sebelum menandatangani."))
        raise typer.Exit(KELUAR_GALAT)


def daftarkan(app: typer.Typer) -> None:
    app.command("laporan")(laporan)
