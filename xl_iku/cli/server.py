"""`xl-iku server`: xlwings Server with the Hitung script, for Excel without Python."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .layar import baris, err, out


def server(
    host: str = typer.Option("127.0.0.1", "--host", metavar="ALAMAT", help="Alamat yang didengar (bawaan: hanya komputer ini)."),
    port: int = typer.Option(8000, "--port", metavar="N", help="Port HTTP (bawaan: 8000)."),
    token_file: Optional[Path] = typer.Option(None, "--token-file", metavar="BERKAS", help="Berkas berisi token (bawaan: "
                                                                          "variabel XL_IKU_TOKEN)."),
    batas_mb: int = typer.Option(32, "--batas-mb", min=1, metavar="N",
                                 help="Ukuran terbesar data buku kerja per permintaan, dalam MB (bawaan: 32)."),
) -> None:
    """Jalankan server xl-iku (xlwings Server) untuk tombol Hitung di Excel tanpa Python."""
    from ..server import JALUR_SKRIP, baca_token, jalankan, loopback

    # ServerError (with its exit code) reaches the command's error boundary (cli/bahasa.py).
    token = baca_token(token_file)
    if not loopback(host):
        err.print(baris(("Perhatian:", "yellow"), f" server mendengar di {host}, bukan hanya komputer ini. "
                        "Data buku kerja (nama, NIP) lewat HTTP tanpa enkripsi; pasang di belakang "
                        "reverse proxy HTTPS kantor."))
    out.print(f"Server xl-iku: http://{host}:{port}{JALUR_SKRIP} (Ctrl+C untuk berhenti).")
    jalankan(host, port, token, batas_mb)


def daftarkan(app: typer.Typer) -> None:
    app.command("server")(server)
