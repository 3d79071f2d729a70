"""`xl-iku impor-skm`: append Google Forms survey responses to tblSKM."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .layar import baris, err, out

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


def impor_skm(
    formulir: Path = typer.Argument(..., metavar="FORMULIR", help="Ekspor jawaban survei: .csv (Google Formulir) atau .xlsx (Google Spreadsheet)."),
    buku: Path = typer.Argument(..., metavar="BERKAS", help="Buku kerja IKU tujuan (.xlsx); jawaban ditambahkan ke tabel tblSKM."),
    pemetaan: Optional[Path] = typer.Option(None, "--pemetaan", metavar="BERKAS", help="Berkas .json/.toml untuk judul kolom atau label jawaban lain."),
    format_tanggal: Optional[str] = typer.Option(None, "--format-tanggal", metavar="FORMAT",
                                                 help="Format stempel waktu bila tidak dikenali, mis. \"%m/%d/%Y %H:%M:%S\"."),
    periksa: bool = typer.Option(False, "--periksa", help="Hanya periksa dan laporkan; buku kerja tidak diubah."),
) -> None:
    """Tambahkan jawaban survei (Google Formulir) ke tabel tblSKM tanpa menggandakan jawaban yang sudah ada."""
    from ..impor.skm import impor_skm as jalankan

    lap = jalankan(formulir, buku, pemetaan=pemetaan, format_tanggal=format_tanggal, periksa=periksa)
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
    raise typer.Exit(lap.kode_keluar)


def daftarkan(app: typer.Typer) -> None:
    app.command("impor-skm")(impor_skm)
