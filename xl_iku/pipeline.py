"""One run, for every adapter: baca → periksa → hitung → susun → tulis.

- baca: the adapter reads the workbook into a `RawWorkbook` (file: calamine
  over the package; Excel: xlwings calls on the open book);
- periksa: `validasi.periksa` turns it into a `Masukan` — typed rows, the
  catalogue, targets, and every finding at its cell — before any rule runs;
- hitung: `engine.hitung` applies the rules of KONTRAK §3 to the `Masukan`
  and returns the `Hasil`, which also carries what the documents need
  (period, reference tables, survey dates, the office's analysis), so
  `laporan` never reads the workbook a second time;
- susun: `layout` decides everything a user sees on the sheets xl-iku
  fills — the output sheets, Validasi, Beranda's status line, the colours of
  the marked input cells;
- tulis: the adapter writes that, and only that.

`xl-iku hitung`, `xl-iku batch`, `xl-iku pdf --hitung` (through
`app.hitung_berkas`) and the Excel button (`xl_iku.excel.hitung`) all run
`jalankan`; `laporan` and `pdf` run `baca_dan_hitung` (the same steps
without writing), so no two paths can drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

from . import engine, layout
from . import models as M
from .dasar.raw import RawWorkbook
from .hasil import Hasil
from .validasi.periksa import periksa as validasi_periksa


@dataclass
class Susunan:
    """What the writers put into the workbook."""

    lembar: dict[str, layout.SheetPlan]  # output sheets, replaced whole
    sel: dict[str, dict[str, Any]]  # single cells on other sheets (Beranda's status)
    waktu: datetime


def periksa(raw: RawWorkbook, *, lepas_mentah: bool = False) -> M.Masukan:
    """Validation: every finding at its cell (`lepas_mentah`: see validasi.periksa)."""
    return validasi_periksa(raw, lepas_mentah=lepas_mentah)


def hitung(masukan: M.Masukan) -> Hasil:
    """The rules, over validated input only."""
    return engine.hitung(masukan)


def baca_dan_hitung(baca: Callable[[], RawWorkbook]) -> Hasil:
    """baca → periksa → hitung, writing nothing (documents, the staleness check)."""
    return hitung(periksa(baca(), lepas_mentah=True))


def susun(hasil: Hasil, waktu: datetime) -> Susunan:
    return Susunan(layout.susun(hasil, waktu), layout.sel_tetap(hasil, waktu), waktu)


def jalankan(baca: Callable[[], RawWorkbook], tulis: Callable[[Hasil, Susunan], None],
             waktu: datetime | None = None) -> Hasil:
    """Run the five steps; `baca` and `tulis` are the adapter's."""
    # Read for this run alone: the cell values go once cleaned, and the grids
    # are freed before writing.
    raw = baca()
    masukan = periksa(raw, lepas_mentah=True)
    del raw
    hasil = hitung(masukan)
    del masukan
    tulis(hasil, susun(hasil, waktu or datetime.now()))
    return hasil
