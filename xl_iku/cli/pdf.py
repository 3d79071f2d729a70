"""`xl-iku pdf`: print the output sheets to one A4 PDF (LibreOffice headless)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..pesan import KELUAR_GALAT
from .layar import angka, baris, err, out
from .pengurai import angka as jenis_angka

if TYPE_CHECKING:
    import argparse


def daftarkan(sub) -> None:
    ket = "Cetak lembar keluaran yang ditandatangani ke satu PDF A4 (melalui LibreOffice)."
    p = sub.add_parser("pdf", help=ket, description=ket)
    p.add_argument("masukan", type=Path, metavar="BERKAS", help="Buku kerja IKU yang sudah dihitung (.xlsx/.xlsm).")
    p.add_argument("-o", "--output", dest="keluaran", type=Path, metavar="BERKAS",
                   help="Berkas PDF (bawaan: nama BERKAS masukan dengan .pdf).")
    p.add_argument("-l", "--lembar", action="append", metavar="LEMBAR",
                   help="Lembar yang dicetak; boleh diulang atau dipisah koma (bawaan: IKU, Indikator Kinerja, "
                        "Indikator Pendukung, Hasil SKM).")
    p.add_argument("--validasi", action="store_true", help="Sertakan juga lembar Validasi.")
    p.add_argument("--hitung", action="store_true",
                   help="Hitung dulu pada salinan sementara (berkas masukan tidak diubah).")
    p.add_argument("--batas-waktu", type=jenis_angka(0, 86400, lebih=True), default=180.0, metavar="DETIK",
                   help="Batas waktu LibreOffice, dalam detik, paling lama 86400 (bawaan: 180).")
    p.add_argument("--soffice", metavar="JALUR",
                   help="Jalur program LibreOffice (soffice) bila tidak ditemukan otomatis.")
    p.set_defaults(jalankan=pdf)


def pdf(a: argparse.Namespace) -> int:
    from ..laporan.pdf import buat_pdf

    # FileError (exit 2) and AlatError (exit 3) reach the one boundary in cli/main.py.
    h = buat_pdf(a.masukan, a.keluaran, lembar=a.lembar or None, hitung=a.hitung, validasi=a.validasi,
                 batas_waktu=a.batas_waktu, soffice=a.soffice)
    for c in h.catatan:
        err.print(baris(("peringatan", "yellow"), f" {c}"))
    halaman = f"{h.halaman} halaman, " if h.halaman else ""
    out.print(f"PDF ({halaman}lembar: {', '.join(h.lembar)}) ditulis ke {h.keluaran} ({angka(h.detik, 1)} detik).")
    if h.jumlah_galat:
        err.print(baris((f"{h.jumlah_galat} galat", "red"),
                        " di buku kerja: PDF bertanda BELUM FINAL; perbaiki lembar Validasi sebelum menandatangani."))
        return KELUAR_GALAT
    return 0
