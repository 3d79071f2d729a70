"""Build the workbook template (and, with data, the sample workbook).

`workbook/IKU_template.xlsx` is this module's output, never edited by hand;
a test fails when the committed file differs from what `buat` makes.  The
output is deterministic: fixed document dates, sorted data.
"""

from __future__ import annotations

import io
from dataclasses import replace as dc_replace
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import xlsxwriter

from .. import cetak, gaya, katalog, layout
from ..katalog.bawaan import KATALOG as KATALOG_BAWAAN, baris_tabel
from ..katalog.model import NILAI_AKIP
from . import grafik
from .. import kontrak as K
from .. import referensi as D
from ..io.salin import salin
from ..rules.hari_kerja import libur_nasional
from ..referensi import TABEL_REFERENSI

NAMA_TOMBOL = "Hitung"
SEL_TOMBOL = "B9"  # the shape sits over this cell; its hyperlink points here
HEADER_ROW = 3  # 0-based row of input table headers (Excel row 4)
BARIS_VALIDASI = 20000  # dropdowns cover this many rows below each header
_TANGGAL_DOK = datetime(2024, 1, 1)
_FONT = {"font_name": "Arial", "font_size": 10}
FORMAT_TANGGAL = "dd/mm/yyyy"


class _Formats:
    def __init__(self, wb):
        self.wb = wb
        self.cache: dict[tuple, object] = {}

    def __call__(self, **props):
        key = tuple(sorted(props.items()))
        if key not in self.cache:
            self.cache[key] = self.wb.add_format({**_FONT, **props})
        return self.cache[key]


def _num_format(kol: K.Kolom) -> dict:
    return {
        # Explicit dd/mm/yyyy: built-in format 14 follows the PC's locale (an
        # English Windows shows 12/20/2023).  xlwings clients may send such
        # "Custom" cells as serial numbers; the Excel reader turns a number in
        # a date column back into its date (excel/reader.py), so both arrive as dates.
        K.Jenis.TANGGAL: {"num_format": FORMAT_TANGGAL},
        K.Jenis.ANGKA: {"num_format": "0.00##"},
        K.Jenis.BULAT: {"num_format": "0"},
        K.Jenis.LIKERT: {"num_format": "0", "align": "center"},
        K.Jenis.NIP: {"num_format": "@"},
    }.get(kol.jenis, {})


def lebar_kolom(kol: K.Kolom) -> float:
    return max(kol.lebar, cetak.lebar_judul(kol.header))


def _validation(kol: K.Kolom) -> dict | None:
    if kol.jenis is K.Jenis.PILIHAN:
        return {"validate": "list", "source": list(kol.pilihan), "error_title": "Pilihan tidak dikenal",
                "error_message": f"Pilih salah satu: {', '.join(kol.pilihan)}.", "ignore_blank": True}
    if kol.jenis is K.Jenis.LIKERT:
        return {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": 4,
                "error_title": "Jawaban 1–4", "error_message": "Isi bilangan bulat 1, 2, 3 atau 4 (kosongkan bila tidak dijawab)."}
    if kol.jenis is K.Jenis.TANGGAL:
        return {"validate": "date", "criteria": "between", "minimum": date(2000, 1, 1), "maximum": date(2100, 12, 31),
                "error_title": "Tanggal", "error_message": "Isi tanggal yang sah (dd/mm/yyyy)."}
    if kol.jenis is K.Jenis.BULAT:
        return {"validate": "integer", "criteria": ">=", "value": 0, "error_title": "Bilangan bulat",
                "error_message": "Isi bilangan bulat 0 atau lebih."}
    if kol.jenis is K.Jenis.ANGKA:
        return {"validate": "decimal", "criteria": ">=", "value": 0, "error_title": "Angka",
                "error_message": "Isi angka 0 atau lebih (desimal memakai koma sesuai pengaturan Windows)."}
    if kol.jenis is K.Jenis.NIP:
        return {"validate": "length", "criteria": "between", "minimum": 18, "maximum": 21,
                "error_type": "warning", "error_title": "NIP", "error_message": "NIP 18 digit, boleh dengan spasi: 19890520 201010 1 001."}
    return None


def _write_value(ws, r, c, v, fmt):
    if v is None:
        ws.write_blank(r, c, None, fmt)
    elif isinstance(v, datetime):
        ws.write_datetime(r, c, v, fmt)
    elif isinstance(v, date):
        ws.write_datetime(r, c, datetime(v.year, v.month, v.day), fmt)
    elif isinstance(v, bool):
        ws.write_boolean(r, c, v, fmt)
    elif isinstance(v, (int, float)):
        ws.write_number(r, c, v, fmt)
    else:
        ws.write_string(r, c, str(v), fmt)


def _input_table(wb, ws, F, spec_name: str, headers: tuple[str, ...], kolom: tuple[K.Kolom, ...],
                 rows: list[dict], first_col: int, judul: str | None = None, validasi: bool = True) -> None:
    fmts = []
    for j, kol in enumerate(kolom):
        fmt = F(locked=False, **_num_format(kol))
        fmts.append(fmt)
        # Never narrower than the header with its filter button ("Perencanaan Kine…").
        ws.set_column(first_col + j, first_col + j, lebar_kolom(kol), fmt)
    n = max(1, len(rows))
    last_row = HEADER_ROW + n
    data = [[row.get(h) for h in headers] for row in rows] if rows else None
    ws.add_table(HEADER_ROW, first_col, last_row, first_col + len(headers) - 1, {
        "name": spec_name,
        "style": "Table Style Light 9",
        "columns": [{"header": h, "format": fmts[j]} for j, h in enumerate(headers)],
        "autofilter": True,
    })
    for i, row in enumerate(data or [[None] * len(headers)]):
        for j, v in enumerate(row):
            _write_value(ws, HEADER_ROW + 1 + i, first_col + j, v, fmts[j])
    if validasi:
        for j, kol in enumerate(kolom):
            dv = _validation(kol)
            if kol.header == "Jenis Layanan" and spec_name in ("tblSKM", "tblLayanan"):
                dv = {"validate": "list", "source": '=INDIRECT("tblJenisLayanan[Jenis Layanan]")',
                      "error_title": "Jenis Layanan", "error_type": "warning",
                      "error_message": "Pilih jenis layanan dari tabel Jenis Layanan (lembar Referensi)."}
            if dv:
                ws.data_validation(HEADER_ROW + 1, first_col + j, HEADER_ROW + BARIS_VALIDASI, first_col + j, dv)


def _keterangan_tabel(ws, F, keterangan: list[tuple[int, int, str]], lebar: list[float]) -> None:
    """Captions of the second and later tables of a sheet, wrapped within their own
    columns (one long line would run into the next table's caption)."""
    if not keterangan:
        return
    fmt = F(italic=True, font_color="#555555", text_wrap=True, valign="bottom")
    tinggi = 15.0
    for c1, c2, teks in keterangan:
        ws.merge_range(HEADER_ROW - 1, c1, HEADER_ROW - 1, c2, teks, fmt)
        tinggi = max(tinggi, cetak.tinggi_teks([(teks, sum(lebar[c1:c2 + 1]))], pt=10, baris=12.75))
    ws.set_row(HEADER_ROW - 1, tinggi)


def _sheet_title(ws, F, judul: str, ket: str) -> None:
    ws.write(0, 0, judul, F(bold=True, font_size=13))
    ws.write(1, 0, ket, F(italic=True, font_color="#555555"))


def _protect(ws) -> None:
    # No password: staff may unprotect to adjust; protection guards against slips.
    # "format_cells" stays allowed: the Hitung button colours offending cells,
    # and xlwings Lite/Server have no way to lift protection.
    ws.protect("", {"insert_rows": True, "delete_rows": True, "sort": True, "autofilter": True,
                    "format_columns": True, "format_rows": True, "format_cells": True})


def _write_plan(ws, F, plan: layout.SheetPlan, lebar: tuple[float, ...]) -> None:
    fmt = {role: F(**props) for role, props in gaya.PERAN.items()}
    for i, w in enumerate(lebar):
        ws.set_column(i, i, w)
    merged = set()
    for m in plan.merges:
        a, b = m.split(":")
        from ..dasar.raw import parse_address

        (r1, c1), (r2, c2) = parse_address(a), parse_address(b)
        first = next(c for c in plan.cells if c.row == r1 and c.col == c1)
        v = first.value
        ws.merge_range(r1 - 1, c1 - 1, r2 - 1, c2 - 1, "" if v is None else v, fmt[first.role])
        merged |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    for c in plan.cells:
        if (c.row, c.col) in merged:
            continue
        _write_value(ws, c.row - 1, c.col - 1, c.value, fmt[c.role])
    for r, h in plan.heights.items():
        ws.set_row(r - 1, h)


def _beranda(wb, ws, F, kelompok: tuple[str, ...]) -> None:
    ws.hide_gridlines(2)
    ws.set_column(0, 0, 3)
    ws.set_column(1, 1, 100)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 1)
    ws.write(1, 1, "xl-iku · Indikator Kinerja Utama Kecamatan", F(bold=True, font_size=16, font_color="#1F3864"))
    ws.write(2, 1, "Pengukuran IKM (PermenPANRB 14/2017), predikat SAKIP (PermenPANRB 88/2021) dan indikator persentase.",
             F(italic=True))
    langkah = [
        "1. Isi lembar Pengaturan (kecamatan, kabupaten, tahun laporan, penandatangan).",
        "2. Ketik data di tabel setiap lembar masukan (SKM, AKIP, SOP, … Target), satu baris per catatan, tepat di bawah baris terakhir tabel.",
        "3. Klik tombol Hitung di bawah (atau jalankan: xl-iku hitung NAMA_BERKAS.xlsx).",
        "4. Baca lembar Validasi: galat (merah) harus diperbaiki; peringatan (kuning) perlu diperiksa.",
        # The output sheets are the catalogue's Kelompok (KONTRAK §5): a catalogue of its own names its own.
        f"5. Cetak lembar {', '.join(kelompok)} dan {K.LEMBAR_SKM} (A4): xl-iku pdf NAMA_BERKAS.xlsx.",
    ]
    for i, t in enumerate(langkah):
        ws.write(3 + i, 1, t, F(text_wrap=True, valign="top"))
        # Stored heights (LibreOffice does not re-measure wrapped rows on load),
        # measured as the text wraps, so a step never runs into the next one.
        ws.set_row(3 + i, cetak.tinggi_teks([(t, 100)], pt=10, baris=12.75))
    ws.set_row(9, 30)
    ws.write(K_SEL_STATUS_ROW, 1, "Belum dihitung.", F(italic=True, font_color="#555555"))
    ws.write(K_SEL_STATUS_ROW - 1, 1, "Status:", F(bold=True))
    ws.insert_textbox(SEL_TOMBOL, "Hitung", {
        "width": 140, "height": 36, "x_offset": 2, "y_offset": 2,
        "font": {"bold": True, "color": "white", "size": 12, "name": "Arial"},
        "align": {"vertical": "middle", "horizontal": "center"},
        "fill": {"color": "#1F7A3A"}, "line": {"color": "#145A2A"},
        "url": f"internal:{K.LEMBAR_BERANDA}!{SEL_TOMBOL}", "tip": "Hitung semua indikator",
        "object_position": 3,
    })
    ws.set_row(8, 32)


K_SEL_STATUS_ROW = int(re.sub(r"\D", "", K.SEL_STATUS)) - 1


def _pengaturan(wb, ws, F, nilai: dict) -> None:
    ws.set_column(0, 0, 44)
    ws.set_column(1, 1, 34)
    ws.set_column(2, 2, 26)
    ws.set_column(3, 3, 60)
    _sheet_title(ws, F, "Pengaturan", "Isi kolom Nilai. Nama Sel dipakai rumus dan program penghitung; jangan diubah.")
    hdr = F(bold=True, bg_color="#D9E1F2", border=1)
    for j, h in enumerate(("Pengaturan", "Nilai", "Nama Sel", "Keterangan")):
        ws.write(HEADER_ROW, j, h, hdr)
    ket = {
        "TahunLaporan": "Tahun yang dilaporkan (bilangan bulat, mis. 2024).",
        "MetodeBobotIKM": "1/9 (tepat), 0,111 atau 0,11 — bobot setiap unsur IKM.",
        "PopulasiPenerimaLayanan": "Jumlah penerima layanan dalam periode; untuk sampel minimum (boleh kosong).",
        "BatasWaktuPengaduan": "Hari kerja untuk menyelesaikan pengaduan (indikator Tepat Waktu pengaduan); bawaan 14.",
        "NIPCamat": "18 digit, ketik sebagai teks: 19890520 201010 1 001.",
        "TanggalPenandatanganan": "Tanggal pada blok tanda tangan.",
        "DasarPenetapanIKU": "Keputusan yang menetapkan IKU; dicetak di bawah tabel IKU (kosong = tidak dicetak).",
        "SkemaIndeksDesa": "IDM (Permendesa PDTT 2/2016) atau Indeks Desa (Permendesa PDTT 9/2024) untuk indikator Status Desa; "
                           "kosong = IDM sampai 2024, Indeks Desa sejak 2025.",
    }
    for i, spec in enumerate(K.PENGATURAN):
        r = HEADER_ROW + 1 + i
        kol = K.Kolom(spec.label, spec.jenis, spec.pilihan)
        # Text format where Excel would otherwise turn "1/9" into a date.
        extra = {"num_format": "@"} if spec.nama in ("MetodeBobotIKM", "NIPCamat") else _num_format(kol)
        fmt = F(locked=False, border=1, bg_color="#FFF2CC", **extra)
        ws.write(r, 0, spec.label, F(border=1))
        v = nilai.get(spec.nama, spec.bawaan)
        _write_value(ws, r, 1, v, fmt)
        ws.write(r, 2, spec.nama, F(border=1, font_color="#555555"))
        teks_ket = ket.get(spec.nama, "")
        ws.write(r, 3, teks_ket, F(border=1, italic=True, font_color="#555555", text_wrap=True, valign="top"))
        ws.set_row(r, cetak.tinggi_teks([(teks_ket, 60), (spec.label, 44)], pt=10, baris=12.75))
        wb.define_name(spec.nama, f"='{ws.name}'!${'B'}${r + 1}")
        dv = _validation(kol)
        if spec.jenis is K.Jenis.PILIHAN:
            dv = {"validate": "list", "source": list(spec.pilihan)}
        if dv:
            ws.data_validation(r, 1, r, 1, dv)
    _protect(ws)
    cetak.ke_xlsxwriter(ws, cetak.register([44, 34, 26, 60], (1, HEADER_ROW + 1)))


def _referensi(wb, ws, F, tabel: dict) -> None:
    _sheet_title(ws, F, "Referensi", "Daftar dan batas menurut peraturan. Ubah hanya bila peraturannya berubah.")
    jl = tabel.get("tblJenisLayanan") or [
        {"Jenis Layanan": n, "Standar Waktu (Hari Kerja)": w} for n, w in D.JENIS_LAYANAN_AWAL
    ]
    libur = tabel.get("tblHariLibur") or [{"Tanggal": d, "Keterangan": n} for d, n in libur_nasional(range(2021, 2027))]
    col = 0
    lebar_cetak: list[float] = []
    for name in ("tblJenisLayanan", "tblHariLibur"):
        spec = K.TABEL[name]
        rows = jl if name == "tblJenisLayanan" else libur
        _input_table(wb, ws, F, name, spec.headers, spec.kolom, rows, col)
        lebar_cetak += [lebar_kolom(k) for k in spec.kolom] + [8.43]
        col += len(spec.headers) + 1
    kode_akip = {i.pembilang: i.kode for i in katalog.INDIKATOR if i.cara == NILAI_AKIP}
    ref_rows = {
        "tblUnsur": [{"Kode": k, "Unsur": v} for k, v in D.UNSUR_LABEL.items()],
        "tblMutuIKM": [{"Mutu": m.mutu, "Batas Bawah": float(m.batas_bawah), "Batas Atas": float(m.batas_atas),
                        "Kinerja": m.kinerja} for m in D.MUTU_IKM],
        # Kode: the built-in catalogue's `Nilai AKIP` row that names the component.
        "tblBobotAKIP": [{"Kode": kode_akip[k], "Komponen": k, "Bobot": float(b)} for k, b in D.BOBOT_AKIP.items()],
        "tblPredikatAKIP": [{"Predikat": p.predikat, "Lebih Dari": float(p.batas_bawah), "Keterangan": p.keterangan}
                            for p in D.PREDIKAT_AKIP],
        "tblStatusIDM": [{"Status": s, "Batas Atas": None if b is None else float(b)} for s, b in D.STATUS_IDM],
        # The ministry publishes each desa's Indeks Desa status; its thresholds are not known,
        # so this table starts empty and an office that has them fills it.
        "tblStatusIndeksDesa": [],
        "tblKategoriCapaian": [{"Paling Rendah": None if b < 0 else float(b), "Kategori": k}
                               for b, k in D.KATEGORI_CAPAIAN],
    }
    lebar = {"Unsur": 38, "Kinerja": 14, "Komponen": 22, "Keterangan": 18, "Status": 18, "Kategori": 16}
    for name, headers in TABEL_REFERENSI.items():
        kolom = tuple(K.Kolom(h, K.Jenis.ANGKA if h in ("Batas Bawah", "Batas Atas", "Bobot", "Lebih Dari", "Paling Rendah")
                              else K.Jenis.TEKS, lebar=lebar.get(h, 11)) for h in headers)
        _input_table(wb, ws, F, name, headers, kolom, ref_rows[name], col, validasi=False)
        lebar_cetak += [lebar_kolom(k) for k in kolom] + [8.43]
        col += len(headers) + 1
    ws.write(2, 0, "Tabel Jenis Layanan dan Hari Libur dapat ditambah. Batas peraturan (kanan): "
             "IKM PermenPANRB 14/2017, AKIP PermenPANRB 88/2021, IDM Permendesa PDTT 2/2016 "
             "(batas Indeks Desa, Permendesa PDTT 9/2024, diisi kantor bila ada), "
             "kategori capaian Permendagri 86/2017.", F(italic=True, font_size=8))
    _protect(ws)
    cetak.ke_xlsxwriter(ws, cetak.register(lebar_cetak[:-1], (1, HEADER_ROW + 1)))


def _gaya(wb, ws, F) -> None:
    for role, n in gaya.NOMOR_PERAN.items():
        ws.write(n - 1, 0, "Contoh", F(**gaya.PERAN[role]))
        ws.write(n - 1, 1, role)
    ws.very_hidden()


def buat(path: str | Path | None = None, pengaturan: dict | None = None, tabel: dict | None = None, *,
         tambahan=None, vba: bytes | None = None, tahun_target: tuple[int, ...] | None = None,
         tabel_kantor: dict | None = None, katalog_kantor=None) -> bytes:
    """Write the template (or, given data, a filled workbook); returns the bytes.

    `tambahan(wb, sheets)` may add objects before saving (tests use it to make
    workbooks with charts, images, comments…); `vba` is a vbaProject.bin for
    an .xlsm.  `tahun_target`: tblTarget's year columns (default the
    template's 2021–2026; KONTRAK §2: an office types its Renstra's years);
    `tabel_kantor`: an office's own registers, {table: (sheet, headers, rows)}
    (KONTRAK §5), each on a sheet of its own after the input sheets;
    `katalog_kantor`: the Katalog whose Kelompok sheets the output sheets are.
    """
    pengaturan = pengaturan or {}
    tabel = tabel or {}
    buf = io.BytesIO()
    # Arial 10 as the Normal style: column widths are measured in its digits, and
    # Liberation Sans (metric-compatible) lays pages out as Excel does.
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "default_format_properties": dict(_FONT)})
    wb.set_properties({"title": "Indikator Kinerja Utama Kecamatan", "author": "xl-iku", "company": "",
                       "created": _TANGGAL_DOK, "comments": "Dibuat oleh xl-iku; jangan mengubah nama tabel dan judul kolom."})
    wb.set_calc_mode("auto")
    F = _Formats(wb)
    beranda = wb.add_worksheet(K.LEMBAR_BERANDA)
    kelompok = katalog_kantor.kelompok if katalog_kantor is not None else KATALOG_BAWAAN.kelompok
    _beranda(wb, beranda, F, kelompok)
    _pengaturan(wb, wb.add_worksheet(K.LEMBAR_PENGATURAN), F, pengaturan)

    by_sheet: dict[str, list[str]] = {}
    for name, spec in K.TABEL.items():
        if spec.lembar != K.LEMBAR_REFERENSI:
            by_sheet.setdefault(spec.lembar, []).append(name)
    for lembar, names in by_sheet.items():
        ws = wb.add_worksheet(lembar)
        first = K.TABEL[names[0]]
        _sheet_title(ws, F, lembar, first.keterangan)
        ws.freeze_panes(HEADER_ROW + 1, 0)
        col = 0
        lebar: list[float] = []
        keterangan: list[tuple[int, int, str]] = []
        for name in names:
            spec = K.TABEL[name]
            if name == "tblTarget" and tahun_target:
                spec = dc_replace(spec, kolom=spec.kolom[:3] + tuple(K.Kolom(str(t), K.Jenis.TEKS, lebar=8)
                                                                     for t in tahun_target))
            rows = tabel.get(name)
            if rows is None and name == "tblTarget":
                rows = [{"Kode": i.kode, "Indikator": i.nama, "Satuan": i.satuan} for i in katalog.INDIKATOR]
            if rows is None and name == "tblIndikator":
                rows = baris_tabel()
            if rows is None and name == "tblAnalisis":
                # One row per code, so the office only types the narrative beside it.
                rows = [{"Kode": i.kode} for i in katalog.INDIKATOR]
            _input_table(wb, ws, F, name, spec.headers, spec.kolom, rows or [], col)
            if col:
                keterangan.append((col, col + len(spec.headers) - 1, spec.keterangan))
            lebar += [lebar_kolom(k) for k in spec.kolom] + [8.43]
            col += len(spec.headers) + 1
        _keterangan_tabel(ws, F, keterangan, lebar)
        _protect(ws)
        cetak.ke_xlsxwriter(ws, cetak.register(lebar[:-1], (1, HEADER_ROW + 1)))
    for name, (lembar, headers, rows) in (tabel_kantor or {}).items():
        ws = wb.add_worksheet(lembar)
        _sheet_title(ws, F, lembar, "Register milik kantor, dibaca katalog indikator (lembar Indikator).")
        ws.freeze_panes(HEADER_ROW + 1, 0)
        kolom = tuple(K.Kolom(h, K.Jenis.TANGGAL if h.startswith("Tanggal") else K.Jenis.TEKS, lebar=16)
                      for h in headers)
        _input_table(wb, ws, F, name, tuple(headers), kolom, rows, 0, validasi=False)
        cetak.ke_xlsxwriter(ws, cetak.register([lebar_kolom(k) for k in kolom], (1, HEADER_ROW + 1)))

    kosong = layout.hasil_kosong(katalog_kantor)
    plans = layout.susun(kosong)
    for name, plan in plans.items():
        if name == grafik.LEMBAR_GRAFIK:
            continue
        ws = wb.add_worksheet(name)
        _write_plan(ws, F, plan, layout.LEBAR.get(name, layout.LEBAR_INDIKATOR))
        cetak.ke_xlsxwriter(ws, plan.cetak)
        # Output sheets stay unprotected: xlwings Lite/Server must rewrite them
        # and cannot lift protection; every run rewrites them anyway.
        ws.set_tab_color("#1F7A3A")
    def tulis_grafik(ws, plan):
        _write_plan(ws, F, plan, ())
        cetak.ke_xlsxwriter(ws, plan.cetak)

    grafik.tambah(wb, F, tulis_grafik)
    _referensi(wb, wb.add_worksheet(K.LEMBAR_REFERENSI), F, tabel)
    _gaya(wb, wb.add_worksheet(gaya.LEMBAR_GAYA), F)
    beranda.activate()
    if vba is not None:
        wb.add_vba_project(io.BytesIO(vba), is_stream=True)
    if tambahan is not None:
        tambahan(wb, {ws.name: ws for ws in wb.worksheets()})
    wb.close()
    data = _name_button(buf.getvalue())
    if path is not None:
        Path(path).write_bytes(data)
    return data


def _name_button(data: bytes) -> bytes:
    """XlsxWriter cannot name a text box: set the shape's name in the drawing part."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        gambar = [n for n in src.namelist() if n.startswith("xl/drawings/drawing") and n.endswith(".xml")]
        out = io.BytesIO()
        salin(src, out, {n: _beri_nama for n in gambar})
    return out.getvalue()


def _beri_nama(part: bytes) -> bytes:
    return part.replace(b'name="TextBox 1"', f'name="{NAMA_TOMBOL}" descr="Tombol Hitung xl-iku"'.encode())
