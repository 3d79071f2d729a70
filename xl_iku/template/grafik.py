"""Charts on the `Grafik` sheet.

The charts read the helper cells every run writes on the Grafik sheet itself
(layout.lembar_grafik, to the right of the print area): category labels are
indicator codes, unsur names and years; data labels are the text of those
cells ("84,95"), linked point by point, so Excel shows them in Indonesian
format whatever the computer's locale.  LibreOffice (7.x) does not read
cell-linked labels and falls back to the value with the labels' number
format, which `xl-iku pdf` prints in the Indonesian locale.

Each chart fills one printed page (A4 landscape, 100 %): one chart per
block of `layout.GRAFIK_HALAMAN` rows, a manual page break between blocks.
"""

from __future__ import annotations

from .. import kontrak as K
from .. import layout as L
from ..dasar.ooxml import angka_teks
from ..dasar.raw import col_letter
from ..referensi import MUTU_IKM

LEMBAR_GRAFIK = L.LEMBAR_GRAFIK
LEBAR_GRAFIK = 940  # px: columns B..P
TINGGI_GRAFIK = 590  # px: 29½ of the 31 rows of a page block
KOLOM_CETAK_AKHIR = 16  # P


def _ref(col: int, r1: int, r2: int) -> str:
    c = col_letter(col)
    return f"='{LEMBAR_GRAFIK}'!${c}${r1}:${c}${r2}"


def _label(col: int, r1: int, n: int) -> dict:
    """Data labels: the text of the helper cells, point by point (number format for LibreOffice,
    Indonesian [$-421] whatever the computer's locale), on a white ground so a mutu line
    drawn across the chart never strikes through a number (issue 21)."""
    c = col_letter(col)
    return {"value": True, "num_format": "[$-421]0.00", "fill": {"color": "#FFFFFF"},
            "custom": [{"value": f"='{LEMBAR_GRAFIK}'!${c}${r1 + i}"} for i in range(n)]}


def _sisip(ws, c, halaman: int) -> None:
    c.set_size({"width": LEBAR_GRAFIK, "height": TINGGI_GRAFIK})
    ws.insert_chart(1 + L.GRAFIK_HALAMAN * halaman, 1, c, {"x_offset": 4, "y_offset": 8, "object_position": 3})


def tambah(wb, F, tulis_plan) -> None:
    """Add the Grafik sheet: its cells from `tulis_plan(ws, plan)`, then the charts."""
    ws = wb.add_worksheet(LEMBAR_GRAFIK)
    plan = L.lembar_grafik(L.hasil_kosong())
    tulis_plan(ws, plan)
    ws.hide_gridlines(2)
    ws.set_column(0, 0, 2)
    ws.set_column(L.GRAFIK_KOLOM - 1, L.GRAFIK_KOLOM - 1, 36)
    ws.set_column(L.GRAFIK_KOLOM, L.GRAFIK_KOLOM + 5, 11)
    k = L.GRAFIK_KOLOM
    batas = [m for m in MUTU_IKM if m.mutu in ("A", "B", "C")]

    r1 = L.GRAFIK_BLOK["unsur"]
    r2 = r1 + len(K.UNSUR) - 1
    c = wb.add_chart({"type": "column"})
    c.add_series({"name": "IKM unsur (NRR × 25)", "categories": _ref(k, r1, r2), "values": _ref(k + 1, r1, r2),
                  "fill": {"color": "#2E75B6"}, "data_labels": _label(k + 2, r1, len(K.UNSUR))})
    garis = wb.add_chart({"type": "line"})
    warna = {"A": "#1F7A3A", "B": "#BF9000", "C": "#C00000"}
    for j, m in enumerate(batas):
        garis.add_series({"name": f"Batas mutu {m.mutu} ({angka_teks(m.batas_bawah, None)})",
                          "values": _ref(k + 3 + j, r1, r2),
                          "line": {"color": warna[m.mutu], "dash_type": "dash", "width": 1.25},
                          "marker": {"type": "none"}})
    c.combine(garis)
    c.set_title({"name": "Nilai per Unsur Pelayanan (NRR × 25) dan Batas Mutu"})
    c.set_x_axis({"num_font": {"size": 8}})
    c.set_y_axis({"min": 25, "max": 100, "num_format": "0"})
    c.set_legend({"position": "bottom"})
    _sisip(ws, c, 0)

    # Which Kelompok a chart shows follows the workbook's catalogue, run by run:
    # its title stays general and the caption under it (layout) names it.
    for halaman, (blok, n) in enumerate(L.GRAFIK_MUAT.items(), start=1):
        judul = "Target dan Realisasi per Indikator"
        r1 = L.GRAFIK_BLOK[blok]
        r2 = r1 + n - 1
        c = wb.add_chart({"type": "column"})
        c.add_series({"name": "Target", "categories": _ref(k, r1, r2), "values": _ref(k + 1, r1, r2),
                      "fill": {"color": "#BFBFBF"}})
        c.add_series({"name": "Realisasi", "categories": _ref(k, r1, r2), "values": _ref(k + 2, r1, r2),
                      "fill": {"color": "#2E75B6"}, "data_labels": _label(k + 3, r1, n)})
        c.set_title({"name": judul})
        c.set_x_axis({"name": "Kode indikator"})
        c.set_y_axis({"num_format": "0", "min": 0})
        c.set_legend({"position": "bottom"})
        _sisip(ws, c, halaman)

    r1 = L.GRAFIK_BLOK["iku"]
    r2 = r1 + len(K.TAHUN_IKU) - 1
    c = wb.add_chart({"type": "line"})
    c.add_series({"name": "Target", "categories": _ref(k, r1, r2), "values": _ref(k + 1, r1, r2),
                  "line": {"color": "#7F7F7F", "dash_type": "dash"}, "marker": {"type": "circle"}})
    c.add_series({"name": "Realisasi", "categories": _ref(k, r1, r2), "values": _ref(k + 2, r1, r2),
                  "line": {"color": "#1F7A3A", "width": 2.25}, "marker": {"type": "circle"},
                  "data_labels": {**_label(k + 3, r1, len(K.TAHUN_IKU)), "position": "above"}})
    c.set_title({"name": "Tren Indikator Kinerja Utama per Tahun"})
    c.set_x_axis({"name": "Tahun"})
    c.set_y_axis({"num_format": "0"})
    c.set_legend({"position": "bottom"})
    _sisip(ws, c, 3)
    ws.print_area(0, 0, L.GRAFIK_BARIS_AKHIR - 1, KOLOM_CETAK_AKHIR - 1)
