"""The kabupaten recap workbook (`xl-iku batch … --rekap REKAP.xlsx`).

Sheets:
- `Rekap`: one row per kecamatan (and year), fixed columns No, Kecamatan,
  Kabupaten, Tahun, Galat, Peringatan, then one column group per indicator
  code (Target, Realisasi, Capaian (%), Kategori) under a merged header, and
  the source file last.  Capaian and Kategori cells are coloured by
  conditional formats on the capaian value (Permendagri 86/2017 scale).
  Numbers are the unrounded values of the per-file results, shown with two
  decimals.
- `Peringkat`: kecamatan ranked by IKM and by the share of indicators that
  reach their target (the engine's `tercapai`, per year), and a bar chart of IKM per kecamatan.
- `Masalah`: files that could not be read, galat findings (sheet, cell,
  message), conflicts (two files with the same kecamatan and year: both are
  kept out of `Rekap`) and files without a kecamatan name or year.

Only a galat-free or galat-bearing but readable, non-conflicting file with a
kecamatan name and year gets a `Rekap` row; a galat blocks only its
indicators, whose cells stay empty.
"""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from .. import __version__, cetak, katalog, referensi
from ..io.atomic import write_atomic
from ..dasar.ooxml import angka_teks
from ..hasil import GALAT, indikator_per_kode
from .pekerja import GAGAL

if TYPE_CHECKING:
    from .model import HasilBatch, HasilBerkas

LEMBAR_REKAP, LEMBAR_PERINGKAT, LEMBAR_MASALAH = "Rekap", "Peringkat", "Masalah"
MAKS_GALAT_PER_BERKAS = 50

# Colours per level of the capaian scale, highest first (fill, font).
_WARNA = (
    ("#63BE7B", "#0B3D17"),  # Sangat Tinggi
    ("#C6EFCE", "#006100"),  # Tinggi
    ("#FFEB9C", "#7F6000"),  # Sedang
    ("#F8CBAD", "#843C0C"),  # Rendah
    ("#FFC7CE", "#9C0006"),  # Sangat Rendah
)
_KOLOM_TETAP = ("No", "Kecamatan", "Kabupaten", "Tahun", "Galat", "Peringatan")
_SUB = ("Target", "Realisasi", "Capaian (%)", "Kategori")
# [$-421] is the Indonesian locale: LibreOffice prints 1.234,50 with it whatever the computer's
# locale (a bare #,##0.00 prints 82.00 on an English one); Excel keeps the PC's separators.
FORMAT_ANGKA = "[$-421]#,##0.00"


def persen_tercapai(r: dict[str, Any]) -> tuple[int, int, float | None]:
    """(indicators reaching target, indicators assessed, share in %).

    Reaching target is the engine's `tercapai` (KONTRAK §3: capaian ≥ 100, a
    predikat target by rank), never re-decided here.  Assessed: every
    indicator with a decided `tercapai`, plus those blocked by a galat (they
    count as not reaching target, so a galat never improves a rank);
    `tanpa_data` indicators (nothing to measure that year) are left out.
    """
    dinilai = [v for v in r["indikator"] if v.get("tercapai") is not None or v.get("status") == "galat"]
    capai = sum(1 for v in dinilai if v.get("tercapai") is True)
    return capai, len(dinilai), (capai / len(dinilai) * 100 if dinilai else None)


def nilai_ikm(r: dict[str, Any]) -> tuple[float | None, str | None]:
    """IKM and mutu for the ranking: the survey indicator's realisasi (IK-01
    in the built-in catalogue), empty when it is blocked."""
    survei = sorted((i for i in r.get("indikator") or [] if i.get("cara_hitung") == "Survei IKM"),
                    key=lambda i: i.get("kelompok") == "IKU")
    ik = survei[0] if survei else {}
    if ik.get("status") != "ok" or not isinstance(ik.get("realisasi"), (int, float)):
        return None, None
    return ik["realisasi"], (r.get("ikm") or {}).get("mutu")


def _peringkat(nilai: list[float | None]) -> list[int | None]:
    """Competition ranking (1, 2, 2, 4) of values already sorted high to low."""
    hasil: list[int | None] = []
    for i, v in enumerate(nilai):
        if v is None:
            hasil.append(None)
        elif i and v == nilai[i - 1]:
            hasil.append(hasil[-1])
        else:
            hasil.append(i + 1)
    return hasil


class _Gaya:
    def __init__(self, wb: xlsxwriter.Workbook):
        self.wb = wb
        base = {"font_name": "Arial", "font_size": 10, "valign": "vcenter"}
        self.judul = wb.add_format({**base, "bold": True, "font_size": 14})
        self.sub = wb.add_format({**base, "italic": True, "font_color": "#555555"})
        self.kepala = wb.add_format({**base, "bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF",
                                     "border": 1, "align": "center", "text_wrap": True})
        self.kepala2 = wb.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "border": 1,
                                      "align": "center", "text_wrap": True})
        self.teks = wb.add_format({**base, "border": 1})
        self.teks_bungkus = wb.add_format({**base, "border": 1, "text_wrap": True})
        self.tengah = wb.add_format({**base, "border": 1, "align": "center"})
        self.bulat = wb.add_format({**base, "border": 1, "num_format": "0"})
        self.angka = wb.add_format({**base, "border": 1, "num_format": FORMAT_ANGKA})
        self.warna = [wb.add_format({"bg_color": bg, "font_color": fg}) for bg, fg in _WARNA]
        self.legenda = [wb.add_format({**base, "bg_color": bg, "font_color": fg, "border": 1,
                                       "align": "center"}) for bg, fg in _WARNA]


def _tulis_nilai(ws, row: int, col: int, v: Any, g: _Gaya) -> None:
    if v is None:
        ws.write_blank(row, col, None, g.teks)
    elif isinstance(v, bool):
        ws.write_string(row, col, "Ya" if v else "Tidak", g.teks)
    elif isinstance(v, (int, float)):
        ws.write_number(row, col, v, g.angka)
    else:
        ws.write_string(row, col, str(v), g.tengah)


def _tulis_peringkat(ws, row: int, col: int, pk: int | None, g: _Gaya) -> None:
    if pk is None:
        ws.write_blank(row, col, None, g.teks)
    else:
        ws.write_number(row, col, pk, g.bulat)


def _skala() -> list[tuple[float, float | None, str]]:
    """(lower bound, upper bound or None, label), highest first."""
    urut = sorted(referensi.KATEGORI_CAPAIAN, key=lambda r: r[0], reverse=True)
    hasil = []
    atas: Decimal | None = None
    for bawah, label in urut:
        hasil.append((float(bawah), None if atas is None else float(atas), label))
        atas = bawah
    return hasil


def _judul(baris: list["HasilBerkas"]) -> str:
    kab = sorted({b.ringkasan["kabupaten"] for b in baris if b.ringkasan.get("kabupaten")})
    thn = sorted({b.ringkasan["tahun"] for b in baris if b.ringkasan.get("tahun") is not None})
    t = "Rekapitulasi Indikator Kinerja Kecamatan"
    if len(kab) == 1:
        t += f" — Kabupaten {kab[0]}"
    if len(thn) == 1:
        t += f" — Tahun {thn[0]}"
    elif thn:
        t += f" — Tahun {thn[0]}–{thn[-1]}"
    return t


def _gabungan(baris: list["HasilBerkas"]) -> list[tuple[str, str, str]]:
    """(Kode, Indikator, Satuan) over every workbook, in first-seen order
    (KONTRAK §5: kecamatan may have catalogues of their own)."""
    seen: dict[tuple[str, str], str] = {}
    for b in baris:
        for i in b.ringkasan.get("indikator") or ():
            seen.setdefault((i["kode"], i.get("nama") or ""), i.get("satuan") or "")
    return [(k, n, s) for (k, n), s in seen.items()]


def _lembar_rekap(wb, g: _Gaya, baris: list["HasilBerkas"], dibuat: str) -> None:
    ws = wb.add_worksheet(LEMBAR_REKAP)
    gabungan = _gabungan(baris)
    kode = [k for k, _, _ in gabungan]
    nt = len(_KOLOM_TETAP)
    kol_tercapai = nt + 4 * len(kode)
    kol_berkas = kol_tercapai + 1
    ws.write(0, 0, _judul(baris), g.judul)
    ws.write(1, 0, f"{len(baris)} kecamatan. Dibuat {dibuat} (penghitung IKU versi {__version__}). "
                   "Angka tanpa pembulatan, ditampilkan dua desimal; warna capaian menurut "
                   "Permendagri 86/2017.", g.sub)
    ws.merge_range(2, 0, 2, 1, "Kategori capaian:", g.sub)
    for i, (bawah, atas, label) in enumerate(_skala()):
        b, a = angka_teks(bawah, None), angka_teks(atas, None) if atas is not None else ""
        teks = f"{label} (≥ {b})" if atas is None else (
            f"{label} ({b}–<{a})" if bawah > -1e6 else f"{label} (< {a})")
        ws.merge_range(2, 2 + 2 * i, 2, 3 + 2 * i, teks, g.legenda[i])
    h1, h2, r0 = 4, 5, 6
    for c, teks in enumerate(_KOLOM_TETAP):
        ws.merge_range(h1, c, h2, c, teks, g.kepala)
    for k, (kd, nama, satuan) in enumerate(gabungan):
        c0 = nt + 4 * k
        ws.merge_range(h1, c0, h1, c0 + 3, f"{kd} — {nama} ({cetak.satuan_judul(satuan)})", g.kepala)
        for j, s in enumerate(_SUB):
            ws.write(h2, c0 + j, s, g.kepala2)
    ws.merge_range(h1, kol_tercapai, h2, kol_tercapai, "Tercapai / Jumlah Indikator", g.kepala)
    ws.merge_range(h1, kol_berkas, h2, kol_berkas, "Berkas", g.kepala)
    ws.set_row(h1, 54)
    ws.set_row(h2, 28)
    for n, b in enumerate(baris):
        r = r0 + n
        s = b.ringkasan
        ws.write_number(r, 0, n + 1, g.bulat)
        ws.write_string(r, 1, str(s["kecamatan"]), g.teks)
        ws.write_string(r, 2, str(s.get("kabupaten") or ""), g.teks)
        ws.write_number(r, 3, int(s["tahun"]), g.bulat)
        ws.write_number(r, 4, b.jumlah_galat, g.bulat)
        ws.write_number(r, 5, b.jumlah_peringatan, g.bulat)
        per_kode = {(i["kode"], i.get("nama") or ""): i for i in s.get("indikator") or ()}
        for k, (kd, nama, _) in enumerate(gabungan):
            v = per_kode.get((kd, nama))
            c0 = nt + 4 * k
            if v is None:  # this kecamatan has no such indicator: a dash, never 0
                for j in range(4):
                    ws.write_string(r, c0 + j, "—", g.teks)
                continue
            _tulis_nilai(ws, r, c0, v.get("target"), g)
            _tulis_nilai(ws, r, c0 + 1, v.get("realisasi"), g)
            _tulis_nilai(ws, r, c0 + 2, v.get("capaian"), g)
            _tulis_nilai(ws, r, c0 + 3, v.get("kategori"), g)
        capai = sum(1 for i in s.get("indikator") or () if i.get("tercapai") is True)
        ws.write_string(r, kol_tercapai, f"{capai} / {len(s.get('indikator') or ())}", g.teks)
        ws.write_string(r, kol_berkas, b.berkas, g.teks)
    akhir = r0 + max(len(baris), 1) - 1
    if baris:
        for k in range(len(kode)):
            cc = nt + 4 * k + 2
            sel = xl_rowcol_to_cell(r0, cc, col_abs=True)
            rentang = f"{xl_rowcol_to_cell(r0, cc)}:{xl_rowcol_to_cell(akhir, cc + 1)}"
            for i, (bawah, atas, _label) in enumerate(_skala()):
                syarat = [f"ISNUMBER({sel})"]
                if bawah > -1e6:
                    syarat.append(f"{sel}>={bawah:g}")
                if atas is not None:
                    syarat.append(f"{sel}<{atas:g}")
                ws.conditional_format(rentang, {"type": "formula", "criteria": "=AND(" + ",".join(syarat) + ")",
                                                "format": g.warna[i]})
        ws.autofilter(h2, 0, akhir, kol_berkas)
    ws.set_column(0, 0, 5)
    ws.set_column(1, 2, 20)
    ws.set_column(3, 5, 9)
    for k in range(len(kode)):
        c0 = nt + 4 * k
        ws.set_column(c0, c0 + 2, 11)
        ws.set_column(c0 + 3, c0 + 3, 14)
    ws.set_column(kol_tercapai, kol_tercapai, 12)
    ws.set_column(kol_berkas, kol_berkas, 40)
    ws.freeze_panes(r0, 2)
    lebar = [5, 20, 20, 9, 9, 9] + [11, 11, 11, 14] * len(kode) + [12, 40]
    kelompok = [(nt + 4 * k + 1, nt + 4 * k + 4) for k in range(len(kode))] + [(kol_tercapai + 1, kol_berkas + 1)]
    cetak.ke_xlsxwriter(ws, cetak.rekap(lebar, nt, 2, kelompok, (h1 + 1, h2 + 1)))


def _lembar_peringkat(wb, g: _Gaya, baris: list["HasilBerkas"]) -> None:
    ws = wb.add_worksheet(LEMBAR_PERINGKAT)
    ws.write(0, 0, "Peringkat Kecamatan", g.judul)
    ws.write(1, 0, "Peringkat dihitung per tahun; nilai sama mendapat peringkat sama. "
                   "Indikator mencapai target: capaian ≥ 100 % (untuk target berupa predikat: predikat target tercapai); "
                   "indikator yang terhalang galat dihitung belum mencapai target; IKM kosong bila indikator survei "
                   "terhalang galat.", g.sub)
    tahun = sorted({b.ringkasan["tahun"] for b in baris})
    # --- by IKM
    kepala_a = ("Peringkat", "Kecamatan", "Kabupaten", "Tahun", "IKM", "Mutu")
    ws.merge_range(3, 0, 3, len(kepala_a) - 1, "Menurut Indeks Kepuasan Masyarakat (IKM)", g.kepala)
    for c, t in enumerate(kepala_a):
        ws.write(4, c, t, g.kepala2)
    r = 5
    blok_ikm: list[tuple[int, int, int]] = []  # (tahun, first row, last row) with an IKM
    for th in tahun:
        grup = [b for b in baris if b.ringkasan["tahun"] == th]
        ikm = lambda b: nilai_ikm(b.ringkasan)[0]  # noqa: E731
        grup.sort(key=lambda b: (ikm(b) is None, -(ikm(b) or 0), str(b.ringkasan["kecamatan"]).casefold()))
        nilai = [ikm(b) for b in grup]
        awal = r
        for b, pk, v in zip(grup, _peringkat(nilai), nilai):
            _tulis_peringkat(ws, r, 0, pk, g)
            ws.write_string(r, 1, str(b.ringkasan["kecamatan"]), g.teks)
            ws.write_string(r, 2, str(b.ringkasan.get("kabupaten") or ""), g.teks)
            ws.write_number(r, 3, int(th), g.bulat)
            _tulis_nilai(ws, r, 4, v, g)
            _tulis_nilai(ws, r, 5, nilai_ikm(b.ringkasan)[1], g)
            r += 1
        n_nilai = sum(1 for v in nilai if v is not None)
        if n_nilai:
            blok_ikm.append((th, awal, awal + n_nilai - 1))
    # --- by share of indicators reaching target
    c0 = len(kepala_a) + 1
    kepala_b = ("Peringkat", "Kecamatan", "Kabupaten", "Tahun", "Mencapai Target", "Dinilai", "Persentase (%)")
    ws.merge_range(3, c0, 3, c0 + len(kepala_b) - 1, "Menurut indikator yang mencapai target", g.kepala)
    for c, t in enumerate(kepala_b):
        ws.write(4, c0 + c, t, g.kepala2)
    ws.set_row(4, 27)  # two-line headers ("Mencapai Target") are not cut
    r_ikm, r = r, 5
    for th in tahun:
        grup = [(b, *persen_tercapai(b.ringkasan)) for b in baris if b.ringkasan["tahun"] == th]
        grup.sort(key=lambda x: (x[3] is None, -(x[3] or 0), str(x[0].ringkasan["kecamatan"]).casefold()))
        for (b, capai, dinilai, pct), pk in zip(grup, _peringkat([x[3] for x in grup])):
            _tulis_peringkat(ws, r, c0, pk, g)
            ws.write_string(r, c0 + 1, str(b.ringkasan["kecamatan"]), g.teks)
            ws.write_string(r, c0 + 2, str(b.ringkasan.get("kabupaten") or ""), g.teks)
            ws.write_number(r, c0 + 3, int(th), g.bulat)
            ws.write_number(r, c0 + 4, capai, g.bulat)
            ws.write_number(r, c0 + 5, dinilai, g.bulat)
            _tulis_nilai(ws, r, c0 + 6, pct, g)
            r += 1
    ws.set_column(0, 0, 10)
    ws.set_column(1, 2, 20)
    ws.set_column(3, 5, 10)
    ws.set_column(c0, c0, 10)
    ws.set_column(c0 + 1, c0 + 2, 20)
    ws.set_column(c0 + 3, c0 + 6, 12)
    ws.freeze_panes(5, 0)
    # --- chart(s): IKM per kecamatan, one per year
    # Below the tables, so the sheet prints one page wide.
    kol_grafik = 0
    baris_grafik = awal_grafik = max(r_ikm, r) + 2
    tinggi_grafik: list[int] = []  # rows each chart takes
    lembar = LEMBAR_PERINGKAT
    for th, a, z in blok_ikm:
        n = z - a + 1
        ch = wb.add_chart({"type": "bar"})
        ch.add_series({
            "name": f"IKM {th}",
            "categories": [lembar, a, 1, z, 1],
            "values": [lembar, a, 4, z, 4],
            "fill": {"color": "#2E75B6"},
            "data_labels": {"value": True, "num_format": FORMAT_ANGKA},
        })
        ch.set_title({"name": f"IKM per Kecamatan — Tahun {th}"})
        ch.set_x_axis({"name": "IKM", "min": 0, "max": 100, "num_format": "0"})
        ch.set_y_axis({"reverse": True, "interval_unit": 1})  # every kecamatan named
        ch.set_legend({"none": True})
        tinggi = max(300, 80 + 26 * n)
        ch.set_size({"width": 640, "height": tinggi})
        ws.insert_chart(baris_grafik, kol_grafik, ch)
        tinggi_grafik.append(int(tinggi / 20) + 2)
        baris_grafik += tinggi_grafik[-1]
    # A4 landscape, one page wide; each chart starts a page of its own when it
    # would not fit below the previous one (charts are never cut).
    c = cetak.Cetak(cetak.A4, True, cetak.skala_muat([10, 20, 20, 10, 10, 10, 8.43, 10, 20, 20, 12, 12, 12, 12],
                                                       cetak.A4, True), judul_baris=(4, 5), kaki=cetak.kaki())
    if tinggi_grafik:
        kap = int(cetak.kapasitas(c) / 15)
        c.putus = cetak.putus_grafik(awal_grafik + 1, tinggi_grafik, kap)
    cetak.ke_xlsxwriter(ws, c)


def _lembar_masalah(wb, g: _Gaya, hb: "HasilBatch", di_rekap: set[str]) -> None:
    ws = wb.add_worksheet(LEMBAR_MASALAH)
    ws.write(0, 0, "Masalah Berkas", g.judul)
    ws.write(1, 0, "Berkas yang tidak dapat dibaca, memuat galat, bentrok (kecamatan dan tahun sama), "
                   "atau tanpa nama kecamatan/tahun. Perbaiki buku kerjanya lalu jalankan batch lagi.", g.sub)
    kepala = ("No", "Berkas", "Kecamatan", "Tahun", "Jenis", "Lembar", "Sel", "Uraian", "Dalam Rekap")
    for c, t in enumerate(kepala):
        ws.write(3, c, t, g.kepala)
    per = {b.berkas: b for b in hb.berkas}
    rows: list[tuple] = []

    def tambah(b: "HasilBerkas", jenis: str, lembar: str, sel: str, uraian: str) -> None:
        s = b.ringkasan
        rows.append((b.berkas, s.get("kecamatan"), s.get("tahun"), jenis, lembar, sel, uraian,
                     "Ya" if b.berkas in di_rekap else "Tidak"))

    konflik_dari = {rel: grup for grup in hb.konflik for rel in grup}
    for b in hb.berkas:
        s = b.ringkasan
        if b.status == GAGAL:
            tambah(b, "Tidak dapat dibaca", "", "", b.alasan or "")
            continue
        if b.berkas in konflik_dari:
            lain = ", ".join(x for x in konflik_dari[b.berkas] if x != b.berkas)
            tambah(b, "Konflik", "", "",
                   f"Kecamatan {s['kecamatan']} tahun {s['tahun']} juga ada di {lain}; "
                   "semua berkas itu tidak dimasukkan ke lembar Rekap sampai tinggal satu.")
        if b.berkas in hb.tanpa_identitas:
            tambah(b, "Tanpa identitas", "Pengaturan", "",
                   "Nama kecamatan atau tahun laporan kosong; berkas tidak dimasukkan ke lembar Rekap.")
        galat = [t for t in s.get("temuan") or () if t.get("tingkat") == GALAT]
        for t in galat[:MAKS_GALAT_PER_BERKAS]:
            tambah(b, "Galat", t.get("lembar") or "", t.get("sel") or "",
                   (f"{t['kode']}: " if t.get("kode") else "") + (t.get("pesan") or ""))
        if len(galat) > MAKS_GALAT_PER_BERKAS:
            tambah(b, "Galat", "Validasi", "",
                   f"… dan {len(galat) - MAKS_GALAT_PER_BERKAS} galat lain (lihat lembar Validasi berkas hasilnya).")
    kab = sorted({str(per[r].ringkasan.get("kabupaten")) for r in di_rekap})
    r = 4
    if len(kab) > 1:
        rows.append(("", None, None, "Catatan", "", "",
                     "Rekap memuat lebih dari satu kabupaten: " + ", ".join(kab)
                     + ". Periksa ejaan nama kabupaten bila semestinya satu.", ""))
    if not rows:
        ws.merge_range(r, 0, r, len(kepala) - 1, "Tidak ada masalah: semua berkas terbaca tanpa galat.", g.teks)
    for n, row in enumerate(rows):
        ws.write_number(r + n, 0, n + 1, g.bulat)
        for c, v in enumerate(row, start=1):
            if c == 3 and v is not None:
                ws.write_number(r + n, c, int(v), g.bulat)
            elif c == 7:
                ws.write_string(r + n, c, str(v), g.teks_bungkus)
                ws.set_row(r + n, 13.5 * max(1, -(-len(str(v)) // 75)))
            elif v is None or v == "":
                ws.write_blank(r + n, c, None, g.teks)
            else:
                ws.write_string(r + n, c, str(v), g.teks)
    ws.set_column(0, 0, 5)
    ws.set_column(1, 1, 36)
    ws.set_column(2, 2, 20)
    ws.set_column(3, 3, 8)
    ws.set_column(4, 4, 18)
    ws.set_column(5, 6, 12)
    ws.set_column(7, 7, 70)
    ws.set_column(8, 8, 12)
    if rows:
        ws.autofilter(3, 0, 3 + len(rows), len(kepala) - 1)
    ws.freeze_panes(4, 0)
    cetak.ke_xlsxwriter(ws, cetak.Cetak(cetak.A4, True, 100, judul_baris=(4, 4), kaki=cetak.kaki()))


def baris_rekap(hb: "HasilBatch") -> list["HasilBerkas"]:
    """The files that get a Rekap row, in order (tahun, kabupaten, kecamatan)."""
    keluar = {rel for grup in hb.konflik for rel in grup} | set(hb.tanpa_identitas)
    baris = [b for b in hb.berkas if b.status != GAGAL and b.berkas not in keluar]
    baris.sort(key=lambda b: (b.ringkasan["tahun"], str(b.ringkasan.get("kabupaten") or "").casefold(),
                              str(b.ringkasan["kecamatan"]).casefold(), b.berkas))
    return baris


def buat_rekap(hb: "HasilBatch", waktu: datetime | None = None) -> bytes:
    waktu = waktu or datetime.now()
    buf = io.BytesIO()
    # Arial 10 as the Normal style, as in the template: the print geometry measures its digits.
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "default_format_properties": {"font_name": "Arial", "font_size": 10}})
    wb.set_properties({"title": "Rekapitulasi Indikator Kinerja Kecamatan", "author": "xl-iku",
                       "comments": "Dibuat oleh xl-iku batch."})
    g = _Gaya(wb)
    baris = baris_rekap(hb)
    _lembar_rekap(wb, g, baris, waktu.strftime("%d-%m-%Y %H:%M"))
    _lembar_peringkat(wb, g, baris)
    _lembar_masalah(wb, g, hb, {b.berkas for b in baris})
    wb.close()
    return buf.getvalue()


def tulis_rekap(path: Path, hb: "HasilBatch", waktu: datetime | None = None) -> None:
    """Write the recap atomically (the previous recap is replaced, not backed up)."""
    data = buat_rekap(hb, waktu)
    write_atomic(Path(path), lambda f: f.write(data), backup=False)


