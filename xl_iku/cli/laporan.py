"""`xl-iku laporan skm|lkjip|poster BERKAS.xlsx -o OUT`: the documents an office hands in."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..pesan import KELUAR_GALAT
from .layar import angka, baris, err, out
from .pengurai import angka as jenis_angka

if TYPE_CHECKING:
    import argparse


def daftarkan(sub) -> None:
    ket = "Buat Laporan Hasil SKM, Bab III LKjIP, atau poster publikasi SKM dari buku kerja."
    p = sub.add_parser("laporan", help=ket, description=ket)
    p.add_argument("jenis", metavar="JENIS", help="skm (Laporan Hasil SKM), lkjip (Bab III Capaian Kinerja) "
                                                   "atau poster (publikasi hasil SKM).")
    p.add_argument("masukan", type=Path, metavar="BERKAS",
                   help="Buku kerja IKU yang sudah dihitung (.xlsx/.xlsm); hanya dibaca.")
    p.add_argument("-o", "--output", dest="keluaran", type=Path, required=True, metavar="BERKAS",
                   help="Berkas hasil: .docx atau .pdf (skm, lkjip); .pdf atau .png (poster).")
    p.add_argument("--hitung", action="store_true", help="Hitung dari data masukan walau lembar keluaran belum "
                                                          "dihitung (BERKAS masukan tidak diubah).")
    p.add_argument("--batas-waktu", type=jenis_angka(0, 86400, lebih=True), default=180.0, metavar="DETIK",
                   help="Batas waktu LibreOffice untuk PDF, dalam detik, paling lama 86400 (bawaan: 180).")
    p.add_argument("--gaya", type=Path, metavar="BERKAS", help="Dokumen Word (.docx) berisi gaya, kop, "
                                                               "dan logo kantor (skm, lkjip); isinya diganti laporan.")
    p.add_argument("--soffice", metavar="JALUR",
                   help="Jalur program LibreOffice (soffice) bila tidak ditemukan otomatis.")
    p.set_defaults(jalankan=laporan)


def laporan(a: argparse.Namespace) -> int:
    from ..laporan.berkas import NAMA, buat

    jenis = a.jenis.strip().lower()
    # FileError (exit 2) and AlatError (exit 3) reach the one boundary in cli/main.py.
    h = buat(jenis, a.masukan, a.keluaran, hitung=a.hitung, soffice=a.soffice, batas_waktu=a.batas_waktu,
             gaya=a.gaya)
    for c in h.catatan:
        err.print(baris(("peringatan", "yellow"), f" {c}"))
    out.print(f"{NAMA[jenis]} ditulis ke {h.keluaran} ({angka(h.detik, 1)} detik).")
    if h.jumlah_galat:
        err.print(baris((f"{h.jumlah_galat} galat", "red"), " di buku kerja: indikator yang terhalang ditulis "
                        "\u201ctidak dihitung\u201d; perbaiki lembar Validasi sebelum menandatangani."))
        return KELUAR_GALAT
    return 0
