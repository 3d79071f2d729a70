"""Charts on the `Grafik` sheet.

The sheet itself is never rewritten: its charts point at fixed cells of the
output sheets, so they survive the faithful writer byte for byte and redraw
from the new values whenever Excel or LibreOffice opens the workbook.
"""

from __future__ import annotations

from .. import kontrak as K
from .. import referensi as D
from ..dasar.ooxml import angka_teks

LEMBAR_GRAFIK = "Grafik"

# Fixed cells of the output layouts (layout.py); a test checks they still hold
# what the charts claim.
SKM_UNSUR = ("Hasil SKM", 6, 14)  # rows of U1..U9 in section A
SKM_KOLOM_LABEL, SKM_KOLOM_IKM_UNSUR = "B", "G"
IK_BARIS = (K.LEMBAR_IK, 6, 15)
IKP_BARIS = (K.LEMBAR_IKP, 6, 16)
IKU_TREN = (K.LEMBAR_IKU, 11, 16)  # years 2021..2026, columns F (tahun), G (target), H (realisasi)


def _ref(sheet: str, col: str, r1: int, r2: int) -> str:
    return f"='{sheet}'!${col}${r1}:${col}${r2}"


def tambah(wb, F) -> None:
    ws = wb.add_worksheet(LEMBAR_GRAFIK)
    ws.hide_gridlines(2)
    ws.set_column(0, 0, 2)
    ws.write(0, 1, "Grafik IKU (diperbarui otomatis dari lembar keluaran setiap kali dihitung)", F(bold=True, font_size=13))
    # Mutu bands for the unsur chart: constant lines at the lower bounds of A, B, C.
    batas = [m for m in D.MUTU_IKM if m.mutu in ("A", "B", "C")]
    ws.write(30, 12, "Batas mutu (IKM unsur)", F(italic=True, font_color="#777777"))
    for j, m in enumerate(batas):
        ws.write(31, 12 + j, f"Batas {m.mutu}", F(font_color="#777777"))
        for i in range(9):
            ws.write_number(32 + i, 12 + j, float(m.batas_bawah), F(font_color="#777777"))

    sheet, r1, r2 = SKM_UNSUR
    c = wb.add_chart({"type": "column"})
    c.add_series({"name": "IKM unsur (NRR × 25)", "categories": _ref(sheet, SKM_KOLOM_LABEL, r1, r2),
                  "values": _ref(sheet, SKM_KOLOM_IKM_UNSUR, r1, r2), "fill": {"color": "#2E75B6"},
                  "data_labels": {"value": True, "num_format": "0.00"}})
    garis = wb.add_chart({"type": "line"})
    warna = {"A": "#1F7A3A", "B": "#BF9000", "C": "#C00000"}
    for j, m in enumerate(batas):
        col = chr(ord("M") + j)
        garis.add_series({"name": f"Batas mutu {m.mutu} ({angka_teks(m.batas_bawah, None)})",
                          "values": f"='{LEMBAR_GRAFIK}'!${col}$33:${col}$41",
                          "line": {"color": warna[m.mutu], "dash_type": "dash", "width": 1.25},
                          "marker": {"type": "none"}})
    c.combine(garis)
    c.set_title({"name": "Nilai per Unsur Pelayanan (NRR × 25) dan Batas Mutu"})
    c.set_y_axis({"min": 25, "max": 100, "num_format": "0"})
    c.set_legend({"position": "bottom"})
    c.set_size({"width": 900, "height": 380})
    ws.insert_chart("B3", c)

    for (sheet, r1, r2), cell, judul in ((IK_BARIS, "B23", "Target dan Realisasi Indikator Kinerja (nomor baris lembar Indikator Kinerja)"),
                                         (IKP_BARIS, "B43", "Target dan Realisasi Indikator Pendukung (nomor baris lembar Indikator Pendukung)")):
        c = wb.add_chart({"type": "column"})
        c.add_series({"name": "Target", "categories": _ref(sheet, "A", r1, r2), "values": _ref(sheet, "F", r1, r2),
                      "fill": {"color": "#BFBFBF"}})
        c.add_series({"name": "Realisasi", "categories": _ref(sheet, "A", r1, r2), "values": _ref(sheet, "G", r1, r2),
                      "fill": {"color": "#2E75B6"}})
        c.set_title({"name": judul})
        c.set_legend({"position": "bottom"})
        c.set_size({"width": 900, "height": 380})
        ws.insert_chart(cell, c)

    sheet, r1, r2 = IKU_TREN
    c = wb.add_chart({"type": "line"})
    c.add_series({"name": "Target IKM", "categories": _ref(sheet, "F", r1, r2), "values": _ref(sheet, "G", r1, r2),
                  "line": {"color": "#7F7F7F", "dash_type": "dash"}, "marker": {"type": "circle"}})
    c.add_series({"name": "Realisasi IKM", "categories": _ref(sheet, "F", r1, r2), "values": _ref(sheet, "H", r1, r2),
                  "line": {"color": "#1F7A3A", "width": 2.25}, "marker": {"type": "circle"},
                  "data_labels": {"value": True, "num_format": "0.00"}})
    c.set_title({"name": "Tren IKU 2021–2026: Indeks Kepuasan Masyarakat"})
    c.set_legend({"position": "bottom"})
    c.set_size({"width": 900, "height": 380})
    ws.insert_chart("B63", c)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
