"""`xl-iku batch`: every workbook of one or more folders, one command, one recap.

The runner and its display are imported when the command runs: `xl-iku
hitung` and the other commands do not pay for them at start."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..pesan import KELUAR_DIBATALKAN, FileError, PemakaianError
from .layar import angka, baris, konsol
from .pengurai import bilangan_bulat

if TYPE_CHECKING:
    import argparse


def daftarkan(sub) -> None:
    ket = "Hitung semua buku kerja kecamatan sekaligus dan buat rekap kabupaten."
    p = sub.add_parser("batch", help=ket, description=ket)
    p.add_argument("masukan", nargs="+", type=Path, metavar="MASUKAN",
                   help="Buku kerja (.xlsx/.xlsm) dan/atau folder (dicari sampai ke subfolder).")
    p.add_argument("-o", "--output", dest="keluaran", type=Path, required=True, metavar="FOLDER",
                   help="Folder hasil; masukan tidak pernah diubah.")
    p.add_argument("-j", "--jobs", type=bilangan_bulat(1), metavar="N",
                   help="Jumlah proses pekerja (bawaan: jumlah inti CPU).")
    p.add_argument("--rekap", type=Path, metavar="REKAP.xlsx",
                   help="Tulis buku kerja rekap kabupaten (.xlsx) ke berkas ini.")
    p.add_argument("--json-lines", metavar="BERKAS|-",
                   help="Satu objek JSON per berkas ke BERKAS, atau '-' untuk layar.")
    p.add_argument("--ulang", action="store_true", help="Hitung ulang semua berkas, juga yang sudah mutakhir.")
    p.set_defaults(jalankan=jalankan)


def jalankan(a: argparse.Namespace) -> int:
    from ..batch.runner import jalankan as jalankan_batch
    from .batch_tampil import PantauCli, tabel_batch

    masukan, keluaran, rekap, json_lines = a.masukan, a.keluaran, a.rekap, a.json_lines
    # Built per run: a console reads the terminal's width when it is made.
    con = konsol(stderr=json_lines == "-")
    err = konsol(stderr=True)
    if rekap is not None:
        if rekap.suffix.lower() != ".xlsx":
            raise PemakaianError(f"Berkas rekap '{rekap.name}' harus berakhiran .xlsx.")
        if not rekap.parent.resolve().is_dir():
            raise FileError(f"Folder '{rekap.parent}' untuk berkas rekap tidak ada.")
    jsonl: IO[str] | None = None
    kecuali: tuple[Path, ...] = ()
    if json_lines == "-":
        jsonl = sys.stdout
    elif json_lines is not None:
        try:
            jsonl = open(json_lines, "w", encoding="utf-8")
        except OSError:
            raise FileError(f"Berkas '{json_lines}' untuk JSON tidak dapat ditulis.") from None
        kecuali = (Path(json_lines),)
    # What was named but does not exist is not "found": the first line says so.
    hilang = sum(1 for m in masukan if not m.exists())
    pantau = PantauCli(con, jsonl, hilang=hilang)
    try:
        hb = jalankan_batch(masukan, keluaran, jobs=a.jobs, ulang=a.ulang, rekap=rekap, kecualikan=kecuali,
                            pantau=pantau)
    except KeyboardInterrupt:
        pantau.tutup()
        err.print("Dibatalkan. Berkas yang sudah selesai tersimpan; jalankan perintah yang sama lagi untuk melanjutkan.")
        return KELUAR_DIBATALKAN
    except BaseException:
        pantau.tutup()  # FileError and the rest reach the one boundary in cli/main.py
        raise
    finally:
        if jsonl is not None and jsonl is not sys.stdout:
            jsonl.close()
    pantau.tutup()
    if not hb.berkas:
        raise FileError("Tidak ada buku kerja .xlsx/.xlsm pada masukan yang diberikan.")
    con.print(tabel_batch(hb, con.width))
    for h in hb.berkas:
        if h.status == "gagal":
            con.print(baris(("Tidak dapat dibaca", "bold red"), f" {h.berkas}: {h.alasan}"))
    for grup in hb.konflik:
        con.print(baris(("Konflik", "red"), f": {', '.join(grup)} melaporkan kecamatan dan tahun yang sama; "
                                             "tidak dimasukkan ke rekap."))
    for rel in hb.tanpa_identitas:
        con.print(baris(("Tanpa identitas", "red"), f" {rel}: nama kecamatan atau tahun laporan kosong."))
    n = hb.hitung_status()
    laju = f" ({angka(hb.jumlah_dihitung / hb.detik, 1)} berkas/detik)" if hb.jumlah_dihitung else ""
    con.print(f"{len(hb.berkas)} berkas: {n['ok']} ok, {n['galat']} dengan galat, {n['gagal']} tidak dapat dibaca; "
              f"{hb.jumlah_dihitung} dihitung, {hb.jumlah_dilewati} dilewati karena sudah mutakhir. "
              f"Waktu {angka(hb.detik)} detik{laju}. Hasil di {keluaran}.")
    if rekap is not None:
        con.print(f"Rekap ditulis ke {rekap}.")
    return hb.kode_keluar
