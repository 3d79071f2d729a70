"""One run, for every adapter: baca → periksa → hitung → susun → tulis.

- baca: the adapter reads the workbook into a `RawWorkbook` (file: calamine
  over the package; Excel: xlwings calls on the open book);
- periksa → hitung: `engine.hitung` validates (findings at their cells) and
  applies the rules of KONTRAK §3;
- susun: `layout` decides everything a user sees on the sheets xl-iku
  fills — the output sheets, Validasi, Beranda's status line, the colours of
  the marked input cells;
- tulis: the adapter writes that, and only that.

`xl-iku hitung`, `xl-iku batch`, `xl-iku pdf --hitung` (through
`app.hitung_berkas`) and the Excel button (`xl_iku.excel.hitung`) all run
`jalankan`, so the two writers cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

from . import engine, layout
from .hasil import Hasil
from .dasar.raw import RawWorkbook


@dataclass
class Susunan:
    """What the writers put into the workbook."""

    lembar: dict[str, layout.SheetPlan]  # output sheets, replaced whole
    sel: dict[str, dict[str, Any]]  # single cells on other sheets (Beranda's status)
    waktu: datetime


def periksa_dan_hitung(raw: RawWorkbook, *, lepas_mentah: bool = False) -> Hasil:
    """Validation and the rules (one phase each, inside the engine);
    `lepas_mentah`: see validasi.periksa."""
    return engine.hitung(raw, lepas_mentah=lepas_mentah)


def susun(hasil: Hasil, waktu: datetime) -> Susunan:
    return Susunan(layout.susun(hasil, waktu), layout.sel_tetap(hasil, waktu), waktu)


def jalankan(baca: Callable[[], RawWorkbook], tulis: Callable[[Hasil, Susunan], None],
             waktu: datetime | None = None) -> Hasil:
    """Run the five steps; `baca` and `tulis` are the adapter's."""
    # Read for this run alone: the cell values go once cleaned, and the grids
    # are freed before writing.
    hasil = periksa_dan_hitung(baca(), lepas_mentah=True)
    tulis(hasil, susun(hasil, waktu or datetime.now()))
    return hasil
