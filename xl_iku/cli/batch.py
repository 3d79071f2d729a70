"""`xl-iku batch`: every workbook of one or more folders, one command, one recap."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from ..batch.runner import HasilBatch, HasilBerkas, Pantau, jalankan
from ..pesan import KELUAR_DIBATALKAN, FileError, PemakaianError
from .layar import angka, baris, konsol

_GAYA = {"ok": "green", "galat": "red", "gagal": "bold red"}


def _label(status: str) -> Text:
    return Text(status, style=_GAYA[status])


def _detik(x: float | None) -> str:
    return angka(x, 2)


class _PantauCli(Pantau):
    def __init__(self, con: Console, jsonl: IO[str] | None):
        self.con, self.jsonl = con, jsonl
        self.progress: Progress | None = None
        self.tugas = None
        self.n = self.total = 0

    def mulai(self, total: int, akan_dihitung: int, jobs: int) -> None:
        self.total = total
        lewat = total - akan_dihitung
        teks = f"{total} berkas ditemukan; {akan_dihitung} akan dihitung dengan {jobs} pekerja"
        teks += f", {lewat} dilewati atau tidak terbaca." if lewat else "."
        self.con.print(teks)
        if self.con.is_terminal and total:
            self.progress = Progress(TextColumn("Menghitung"), BarColumn(), MofNCompleteColumn(),
                                     TextColumn("•"), TimeElapsedColumn(), TextColumn("sisa"),
                                     TimeRemainingColumn(), console=self.con, transient=True)
            self.progress.start()
            self.tugas = self.progress.add_task("batch", total=total)

    def satu(self, h: HasilBerkas) -> None:
        self.n += 1
        if self.jsonl is not None:
            self.jsonl.write(json.dumps(h.ke_json(), ensure_ascii=False) + "\n")
            self.jsonl.flush()
        r = h.ringkasan
        if self.progress is not None:
            self.progress.advance(self.tugas)
            if h.status != "ok" and not h.dilewati:  # problems show up above the bar as they happen
                ket = h.alasan or f"{h.jumlah_galat} galat"
                self.progress.console.print(baris(_label(h.status), f" {h.berkas}: {ket}"), soft_wrap=True)
            return
        if h.dilewati:
            ket = "dilewati (sudah mutakhir)"
        elif h.status == "gagal":
            ket = h.alasan or ""
        else:
            ket = f"{r.get('kecamatan') or '?'} {r.get('tahun') or '?'} ({_detik(r.get('detik'))} detik)"
        self.con.print(baris(f"[{self.n}/{self.total}] ", _label(h.status), f" {h.berkas}: {ket}"), soft_wrap=True)

    def tutup(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def tabel_batch(hb: HasilBatch) -> Table:
    t = Table(title="Hasil batch", show_lines=False)
    for col, kw in (("Berkas", {"overflow": "fold"}), ("Kecamatan", {}), ("Tahun", {"justify": "right"}),
                    ("Status", {}), ("Galat", {"justify": "right"}), ("Peringatan", {"justify": "right"}),
                    ("Detik", {"justify": "right"})):
        t.add_column(col, **kw)
    for h in hb.berkas:
        r = h.ringkasan
        gagal = h.status == "gagal"
        t.add_row(Text(h.berkas), Text(r.get("kecamatan") or "–"),
                  str(r["tahun"]) if r.get("tahun") is not None else "–",
                  _label(h.status), "–" if gagal else str(h.jumlah_galat),
                  "–" if gagal else str(h.jumlah_peringatan),
                  "dilewati" if h.dilewati else _detik(r.get("detik")))
    return t


def daftarkan(app: typer.Typer) -> None:
    @app.command("batch")
    def batch(
        masukan: List[Path] = typer.Argument(..., metavar="MASUKAN", help="Buku kerja (.xlsx/.xlsm) dan/atau folder (dicari sampai ke subfolder)."),
        keluaran: Path = typer.Option(..., "-o", "--output", metavar="FOLDER", help="Folder hasil; masukan tidak pernah diubah."),
        jobs: Optional[int] = typer.Option(None, "-j", "--jobs", min=1, metavar="N", help="Jumlah proses pekerja (bawaan: jumlah inti CPU)."),
        rekap: Optional[Path] = typer.Option(None, "--rekap", metavar="REKAP.xlsx", help="Tulis buku kerja rekap kabupaten (.xlsx) ke berkas ini."),
        json_lines: Optional[str] = typer.Option(None, "--json-lines", metavar="BERKAS|-", help="Satu objek JSON per berkas ke BERKAS, atau '-' untuk layar."),
        ulang: bool = typer.Option(False, "--ulang", help="Hitung ulang semua berkas, juga yang sudah mutakhir."),
    ) -> None:
        """Hitung semua buku kerja kecamatan sekaligus dan buat rekap kabupaten."""
        # Built per run: a console reads the terminal's width when it is made.
        con: Console = konsol(stderr=json_lines == "-")
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
        pantau = _PantauCli(con, jsonl)
        try:
            hb = jalankan(masukan, keluaran, jobs=jobs, ulang=ulang, rekap=rekap, kecualikan=kecuali, pantau=pantau)
        except KeyboardInterrupt:
            pantau.tutup()
            err.print("Dibatalkan. Berkas yang sudah selesai tersimpan; jalankan perintah yang sama lagi untuk melanjutkan.")
            raise typer.Exit(KELUAR_DIBATALKAN)
        except BaseException:
            pantau.tutup()  # FileError and the rest reach the one boundary in cli/main.py
            raise
        finally:
            if jsonl is not None and jsonl is not sys.stdout:
                jsonl.close()
        pantau.tutup()
        if not hb.berkas:
            raise FileError("Tidak ada buku kerja .xlsx/.xlsm pada masukan yang diberikan.")
        con.print(tabel_batch(hb))
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
                  f"Waktu {_detik(hb.detik)} detik{laju}. Hasil di {keluaran}.")
        if rekap is not None:
            con.print(f"Rekap ditulis ke {rekap}.")
        raise typer.Exit(hb.kode_keluar)
