"""`xl-iku server`: xlwings Server with the Hitung script, for Excel without Python."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .layar import baris, err, out
from .pengurai import bilangan_bulat

if TYPE_CHECKING:
    import argparse


def daftarkan(sub) -> None:
    ket = "Jalankan server xl-iku (xlwings Server) untuk tombol Hitung di Excel tanpa Python."
    p = sub.add_parser("server", help=ket, description=ket + " Perlu paket tambahan xl-iku[server] "
                                                            "(pip install \"xl-iku[server]\").")
    p.add_argument("--host", default="127.0.0.1", metavar="ALAMAT",
                   help="Alamat yang didengar (bawaan: hanya komputer ini).")
    p.add_argument("--port", type=bilangan_bulat(1, 65535), default=8000, metavar="N",
                   help="Port HTTP, 1–65535 (bawaan: 8000).")
    p.add_argument("--token-file", type=Path, metavar="BERKAS",
                   help="Berkas berisi token (bawaan: variabel XL_IKU_TOKEN).")
    p.add_argument("--batas-mb", type=bilangan_bulat(1), default=32, metavar="N",
                   help="Ukuran terbesar data buku kerja per permintaan, dalam MB (bawaan: 32).")
    p.set_defaults(jalankan=server)


def server(a: argparse.Namespace) -> int:
    from ..server import JALUR_SKRIP, baca_token, jalankan, loopback

    host, port = a.host, a.port
    # ServerError (with its exit code) reaches the one boundary in cli/main.py.
    token = baca_token(a.token_file)
    if not loopback(host):
        err.print(baris(("Perhatian:", "yellow"), f" server mendengar di {host}, bukan hanya komputer ini. "
                        "Data buku kerja (nama, NIP) lewat HTTP tanpa enkripsi; pasang di belakang "
                        "reverse proxy HTTPS kantor."))
    out.print(f"Server xl-iku: http://{host}:{port}{JALUR_SKRIP} (Ctrl+C untuk berhenti).")
    jalankan(host, port, token, a.batas_mb)
    return 0
