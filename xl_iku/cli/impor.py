"""`xl-iku impor-skm`: append Google Forms survey responses to tblSKM."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .layar import baris, err, out

if TYPE_CHECKING:
    import argparse

    from rich.console import Console

MAKS_BARIS = 30  # problems listed on screen; the rest are counted


def _daftar(con: Console, judul: str, warna: str, masalah, satuan: str) -> None:
    for m in masalah[:MAKS_BARIS]:
        con.print(baris((judul, warna), f" {satuan} {m.nomor}: {m.pesan}"))
    if len(masalah) > MAKS_BARIS:
        con.print(f"… dan {len(masalah) - MAKS_BARIS} {satuan} lain.")


def _rentang(nomor: list[int]) -> str:
    if not nomor:
        return ""
    teks = ", ".join(str(n) for n in nomor[:15])
    return teks + (f", … ({len(nomor)} baris)" if len(nomor) > 15 else "")


def daftarkan(sub) -> None:
    ket = "Tambahkan jawaban survei (Google Formulir) ke tabel tblSKM tanpa menggandakan jawaban yang sudah ada."
    p = sub.add_parser("impor-skm", help=ket, description=ket)
    p.add_argument("formulir", type=Path, metavar="FORMULIR",
                   help="Ekspor jawaban survei: .csv (Google Formulir) atau .xlsx (Google Spreadsheet).")
    p.add_argument("buku", type=Path, metavar="BERKAS",
                   help="Buku kerja IKU tujuan (.xlsx); jawaban ditambahkan ke tabel tblSKM.")
    p.add_argument("--pemetaan", type=Path, metavar="BERKAS",
                   help="Berkas .json/.toml untuk judul kolom atau label jawaban lain.")
    # '%%': argparse formats help texts with %.
    p.add_argument("--format-tanggal", metavar="FORMAT",
                   help="Format stempel waktu bila tidak dikenali, mis. \"%%m/%%d/%%Y %%H:%%M:%%S\".")
    p.add_argument("--periksa", action="store_true", help="Hanya periksa dan laporkan; buku kerja tidak diubah.")
    p.set_defaults(jalankan=impor_skm)


def impor_skm(a: argparse.Namespace) -> int:
    from ..impor.skm import impor_skm as jalankan

    periksa = a.periksa
    lap = jalankan(a.formulir, a.buku, pemetaan=a.pemetaan, format_tanggal=a.format_tanggal, periksa=periksa)
    satuan = lap.satuan_baris
    out.print(f"Formulir {lap.formulir}: {lap.tanggapan} tanggapan.")
    for target, headers in lap.peta.items():
        for h in headers:
            pendek = h if len(h) <= 70 else h[:69] + "…"
            out.print(f"  {target:<14} ← {pendek}")
    if lap.diabaikan:
        out.print(f"  Kolom diabaikan: {'; '.join(h if len(h) <= 40 else h[:39] + '…' for h in lap.diabaikan)}")
    for c in lap.catatan:
        err.print(baris(("catatan", "yellow"), f" {c}"))
    _daftar(err, "peringatan", "yellow", lap.peringatan, satuan)
    _daftar(err, "tidak diimpor", "red", lap.ditolak, satuan)
    _daftar(err, "galat", "red", lap.galat, satuan)  # findings hitung will repeat at the written cell
    if lap.duplikat:
        out.print(f"{len(lap.duplikat)} tanggapan sudah ada di tblSKM dan dilewati ({satuan} {_rentang(lap.duplikat)}).")
    if periksa:
        out.print(f"Pemeriksaan saja: {len(lap.baru)} tanggapan baru akan ditambahkan; buku kerja tidak diubah.")
    elif lap.ditulis:
        a, b = lap.baris_lembar
        out.print(f"{len(lap.baru)} tanggapan baru ditambahkan ke tblSKM (lembar SKM baris {a}–{b}) di {str(lap.buku)}; "
                  "versi sebelumnya disimpan sebagai cadangan .bak. Jalankan xl-iku hitung untuk memperbarui IKM.")
    else:
        out.print("Tidak ada tanggapan baru; buku kerja tidak diubah.")
    if lap.ditolak:
        err.print(f"{len(lap.ditolak)} tanggapan tidak dapat dipetakan dan tidak diimpor; perbaiki di formulir atau "
                  "tambahkan labelnya di berkas --pemetaan, lalu jalankan lagi (yang sudah masuk tidak akan terduplikasi).")
    return lap.kode_keluar
