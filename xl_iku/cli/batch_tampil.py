"""What `xl-iku batch` shows: progress while the workbooks run, and the recap table."""

from __future__ import annotations

import json
import re
from typing import IO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from ..batch.runner import HasilBatch, HasilBerkas, Pantau
from .layar import angka, baris, inert, teks

_GAYA = {"ok": "green", "galat": "red", "gagal": "bold red"}


def _label(status: str) -> Text:
    return Text(inert(status), style=_GAYA[status])


class PantauCli(Pantau):
    """`hilang`: how many of the inputs named do not exist (the runner counts
    them among its entries, each a `gagal` with its sentence)."""

    def __init__(self, con: Console, jsonl: IO[str] | None, hilang: int = 0):
        self.con, self.jsonl, self.hilang = con, jsonl, hilang
        self.progress: Progress | None = None
        self.tugas = None
        self.n = self.total = 0

    def mulai(self, total: int, akan_dihitung: int, jobs: int) -> None:
        self.total = total
        ada = total - self.hilang
        lewat = ada - akan_dihitung
        bagian = [f"{ada} berkas ditemukan"]
        if ada:
            bagian.append(f"{akan_dihitung} akan dihitung dengan {jobs} pekerja"
                          + (f", {lewat} dilewati atau tidak terbaca" if lewat else ""))
        if self.hilang:
            bagian.append(f"{self.hilang} masukan tidak ditemukan")
        self.con.print("; ".join(bagian) + ".")
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


# Where a file name may break across lines: after a folder separator, or
# after the punctuation that joins the words of a name (kec_bathin-solapan.xlsx);
# never before its extension.
_PATAHAN = re.compile(r"(?<=[/\\_\- ])")


def pecah_nama(nama: str, lebar: int) -> str:
    """`nama` in lines of at most `lebar`, broken only between its parts (never
    inside a word, unless one part alone is wider than the column)."""
    if len(nama) <= lebar:
        return nama
    baris_: list[str] = []
    kini = ""
    for bagian in _PATAHAN.split(nama):
        while len(bagian) > lebar:  # one part wider than the column: no better place to break
            if kini:
                baris_.append(kini)
                kini = ""
            baris_.append(bagian[:lebar])
            bagian = bagian[lebar:]
        if len(kini) + len(bagian) > lebar:
            baris_.append(kini)
            kini = ""
        kini += bagian
    if kini:
        baris_.append(kini)
    return "\n".join(baris_)


def tabel_batch(hb: HasilBatch, lebar: int = 80) -> Table:
    """One row per workbook at `lebar` columns: the file name gets what the
    other columns leave and breaks only between its parts (folders, words)."""
    kepala = ("Berkas", "Kecamatan", "Tahun", "Status", "Galat", "Peringatan", "Detik")
    isi = []
    for h in hb.berkas:
        r = h.ringkasan
        gagal = h.status == "gagal"
        isi.append((inert(h.berkas), inert(r.get("kecamatan") or "–"),
                    str(r["tahun"]) if r.get("tahun") is not None else "–", h.status,
                    "–" if gagal else str(h.jumlah_galat), "–" if gagal else str(h.jumlah_peringatan),
                    "dilewati" if h.dilewati else angka(r.get("detik"))))
    lebar_kol = [max([len(kepala[k])] + [len(b[k]) for b in isi]) for k in range(len(kepala))]
    # A kecamatan's name may wrap at its spaces, down to its longest word.
    kata = max([len(w) for b in isi for w in b[1].split()] + [len(kepala[1])])
    # No box (as the indicator table): one space between columns, none at the edges.
    antara = 2 * (len(kepala) - 1)
    lain = sum(lebar_kol[2:]) + antara
    ada = lebar - lain
    if lebar_kol[0] + lebar_kol[1] <= ada:
        nama_berkas, nama_kec = lebar_kol[0], lebar_kol[1]
    else:  # the file name keeps at least 22 columns, the kecamatan the rest (down to its longest word)
        nama_kec = min(lebar_kol[1], max(kata, ada - min(lebar_kol[0], 22)))
        nama_berkas = max(len(kepala[0]), ada - nama_kec)
    t = Table(title="Hasil batch", title_justify="left", box=None, padding=(0, 1), pad_edge=False,
              header_style="bold underline")
    t.add_column("Berkas", no_wrap=True, width=nama_berkas)
    t.add_column("Kecamatan", width=nama_kec)
    for col in kepala[2:]:
        t.add_column(col, justify="left" if col == "Status" else "right", no_wrap=True)
    for b in isi:
        t.add_row(Text(pecah_nama(b[0], nama_berkas)), teks(b[1]), b[2], _label(b[3]), *b[4:])
    return t
