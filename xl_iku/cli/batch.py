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

from ..batch.runner import EXIT_BERKAS, HasilBatch, HasilBerkas, Pantau, jalankan
from ..dasar.ooxml import angka_teks
from ..io.package import FileError

_LABEL = {"ok": "[green]ok[/green]", "galat": "[red]galat[/red]", "gagal": "[bold red]gagal[/bold red]"}


def _detik(x: float | None) -> str:
    return "–" if x is None else angka_teks(x, 2)


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
                ket = r.get("pesan") or f"{r.get('jumlah_galat')} galat"
                self.progress.console.print(f"{_LABEL[h.status]} {h.berkas}: {ket}", soft_wrap=True)
            return
        if h.dilewati:
            ket = "dilewati (sudah mutakhir)"
        elif h.status == "gagal":
            ket = r.get("pesan") or ""
        else:
            ket = f"{r.get('kecamatan') or '?'} {r.get('tahun') or '?'} ({_detik(r.get('detik'))} detik)"
        self.con.print(f"[{self.n}/{self.total}] {_LABEL[h.status]} {h.berkas}: {ket}", soft_wrap=True)

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
        t.add_row(h.berkas, r.get("kecamatan") or "–", str(r["tahun"]) if r.get("tahun") is not None else "–",
                  _LABEL[h.status], "–" if gagal else str(r["jumlah_galat"]),
                  "–" if gagal else str(r["jumlah_peringatan"]),
                  "dilewati" if h.dilewati else _detik(r.get("detik")))
    return t


def daftarkan(app: typer.Typer) -> None:
    @app.command("batch")
    def batch(
        masukan: List[Path] = typer.Argument(..., metavar="MASUKAN", help="Buku kerja (.xlsx/.xlsm) dan/atau folder (dicari sampai ke subfolder)."),
        keluaran: Path = typer.Option(..., "-o", "--output", metavar="FOLDER", help="Folder hasil; masukan tidak pernah diubah."),
        jobs: Optional[int] = typer.Option(None, "-j", "--jobs", min=1, metavar="N", help="Jumlah proses pekerja (bawaan: jumlah inti CPU)."),
        rekap: Optional[Path] = typer.Option(None, "--rekap", metavar="REKAP.xlsx", help="Tulis buku kerja rekap kabupaten (.xlsx) ke berkas ini."),
        json_lines: Optional[str] = typer.Option(None, "--json-lines", metavar="FILE|-", help="Satu objek JSON per berkas ke FILE, atau '-' untuk layar."),
        ulang: bool = typer.Option(False, "--ulang", help="Hitung ulang semua berkas, juga yang sudah mutakhir."),
    ) -> None:
        """Hitung semua buku kerja kecamatan sekaligus dan buat rekap kabupaten."""
        con = Console(stderr=True, highlight=False) if json_lines == "-" else Console(highlight=False)
        err = Console(stderr=True, highlight=False)
        if rekap is not None:
            if rekap.suffix.lower() != ".xlsx":
                err.print(f"[bold red]Gagal:[/bold red] berkas rekap '{rekap.name}' harus berakhiran .xlsx.")
                raise typer.Exit(EXIT_BERKAS)
            if not rekap.parent.resolve().is_dir():
                err.print(f"[bold red]Gagal:[/bold red] folder '{rekap.parent}' untuk berkas rekap tidak ada.")
                raise typer.Exit(EXIT_BERKAS)
        jsonl: IO[str] | None = None
        kecuali: tuple[Path, ...] = ()
        if json_lines == "-":
            jsonl = sys.stdout
        elif json_lines is not None:
            try:
                jsonl = open(json_lines, "w", encoding="utf-8")
            except OSError:
                err.print(f"[bold red]Gagal:[/bold red] berkas '{json_lines}' untuk JSON tidak dapat ditulis.")
                raise typer.Exit(EXIT_BERKAS)
            kecuali = (Path(json_lines),)
        pantau = _PantauCli(con, jsonl)
        try:
            hb = jalankan(masukan, keluaran, jobs=jobs, ulang=ulang, rekap=rekap, kecualikan=kecuali, pantau=pantau)
        except FileError as e:
            pantau.tutup()
            err.print(f"[bold red]Gagal:[/bold red] {e.pesan}")
            raise typer.Exit(EXIT_BERKAS)
        except KeyboardInterrupt:
            pantau.tutup()
            err.print("Dibatalkan. Berkas yang sudah selesai tersimpan; jalankan perintah yang sama lagi untuk melanjutkan.")
            raise typer.Exit(130)
        finally:
            if jsonl is not None and jsonl is not sys.stdout:
                jsonl.close()
        pantau.tutup()
        if not hb.berkas:
            err.print("[bold red]Gagal:[/bold red] tidak ada buku kerja .xlsx/.xlsm pada masukan yang diberikan.")
            raise typer.Exit(EXIT_BERKAS)
        con.print(tabel_batch(hb))
        for h in hb.berkas:
            if h.status == "gagal":
                con.print(f"[bold red]Tidak dapat dibaca[/bold red] {h.berkas}: {h.ringkasan.get('pesan')}")
        for grup in hb.konflik:
            con.print(f"[red]Konflik[/red]: {', '.join(grup)} melaporkan kecamatan dan tahun yang sama; "
                      "tidak dimasukkan ke rekap.")
        for rel in hb.tanpa_identitas:
            con.print(f"[red]Tanpa identitas[/red] {rel}: nama kecamatan atau tahun laporan kosong.")
        n = hb.hitung_status()
        laju = f" ({angka_teks(hb.jumlah_dihitung / hb.detik, 1)} berkas/detik)" if hb.jumlah_dihitung else ""
        con.print(f"{len(hb.berkas)} berkas: {n['ok']} ok, {n['galat']} dengan galat, {n['gagal']} tidak dapat dibaca; "
                  f"{hb.jumlah_dihitung} dihitung, {hb.jumlah_dilewati} dilewati karena sudah mutakhir. "
                  f"Waktu {_detik(hb.detik)} detik{laju}. Hasil di {keluaran}.")
        if rekap is not None:
            con.print(f"Rekap ditulis ke {rekap}.")
        raise typer.Exit(hb.kode_keluar)
