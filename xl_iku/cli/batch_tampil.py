"""What `xl-iku batch` shows: progress while the workbooks run, and the recap table."""

from __future__ import annotations

import json
from typing import IO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from ..batch.runner import HasilBatch, HasilBerkas, Pantau
from .layar import angka, baris

_GAYA = {"ok": "green", "galat": "red", "gagal": "bold red"}


def _label(status: str) -> Text:
    return Text(status, style=_GAYA[status])


class PantauCli(Pantau):
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
            ket = f"{r.get('kecamatan') or '?'} {r.get('tahun') or '?'} ({angka(r.get('detik'))} detik)"
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
                  "dilewati" if h.dilewati else angka(r.get("detik")))
    return t
