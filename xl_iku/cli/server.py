"""`xl-iku server`: xlwings Server with the Hitung script, for Excel without Python."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def server(
    host: str = typer.Option("127.0.0.1", "--host", help="Alamat yang didengar (bawaan: hanya komputer ini)."),
    port: int = typer.Option(8000, "--port", help="Port HTTP."),
    token_file: Optional[Path] = typer.Option(None, "--token-file", help="Berkas berisi token (bawaan: "
                                                                          "variabel XL_IKU_TOKEN)."),
    batas_mb: int = typer.Option(32, "--batas-mb", min=1, help="Ukuran terbesar data buku kerja per permintaan (MB)."),
) -> None:
    """Jalankan server xl-iku (xlwings Server) untuk tombol Hitung di Excel tanpa Python."""
    from ..server import JALUR_SKRIP, ServerError, baca_token, jalankan, loopback

    try:
        token = baca_token(token_file)
        if not loopback(host):
            err.print(f"[yellow]Perhatian:[/yellow] server mendengar di {host}, bukan hanya komputer ini. "
                      "Data buku kerja (nama, NIP) lewat HTTP tanpa enkripsi; pasang di belakang "
                      "reverse proxy HTTPS kantor.")
        out.print(f"Server xl-iku: http://{host}:{port}{JALUR_SKRIP} (Ctrl+C untuk berhenti).")
        jalankan(host, port, token, batas_mb)
    except ServerError as e:
        err.print(f"[bold red]Gagal:[/bold red] {e.pesan}")
        raise typer.Exit(e.kode)


def daftarkan(app: typer.Typer) -> None:
    app.command("server")(server)
