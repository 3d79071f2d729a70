"""Torture run: the sample workbook edited the way kecamatan offices edit it.

    python benchmarks/siksa.py [--contoh workbook/Contoh_IKU_Bathin_Solapan.xlsx]
                               [--tanpa-libreoffice] [--json hasil.json]

Each edit is applied with openpyxl to a copy of the sample; every edited copy
is also re-saved by LibreOffice (one soffice call for all).  Each file is
computed through the file adapter (`xl-iku hitung`) and through xlwings'
remote engine (payload built by tests/xlwings_remote.py) twice: as xlwings
Lite runs it (merges and number formats asked on demand, answered from the
file the way Lite's client answers them: `LiteSel`) and as xlwings Server
runs it (values only).  Every edit says which cells it touched and
whether the true numbers stay the same (most office edits do: a total row, a
re-save, a percentage format, a date typed as a number …).

Classification per (edit, file, path):
  sama         every number equals the untouched sample's
  tertangkap   a number changed (or an indicator is blocked) and a new
               finding sits at a touched cell
  sel-lain     a number changed, new findings exist, none at a touched cell
  DIAM-SALAH   a number changed with no new finding: the worst defect
  gagal        the run raised (a traceback a user would see)

The figures go to stdout (and --json); exit 1 when any DIAM-SALAH or gagal.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import shutil
import sys
import tempfile
import traceback
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import xlwings_remote as xr  # noqa: E402  (sets XLWINGS_LICENSE_KEY first)
from tests.isi import tabel_di as _tabel  # noqa: E402

import openpyxl  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402

from tests import lo  # noqa: E402
from xl_iku import engine  # noqa: E402
from xl_iku.excel import reader as R  # noqa: E402
from xl_iku.excel.sifat import baca_lite  # noqa: E402
from xl_iku.io import file_reader  # noqa: E402
from xl_iku.dasar.raw import parse_ref  # noqa: E402

SAMPEL = ROOT / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"


# ---------------------------------------------------------------- helpers




def _cell(wb, name, baris, header):
    ws, _, (_, r1, _, _), cols = _tabel(wb, name)
    return ws, ws.cell(r1 + 1 + baris, cols[header])


def _baris_kode(wb, name, kode):
    ws, _, (_, r1, _, r2), cols = _tabel(wb, name)
    for r in range(r1 + 1, r2 + 1):
        if ws.cell(r, cols["Kode"]).value == kode:
            return r - r1 - 1
    raise KeyError(kode)


def _alamat(ws, c) -> tuple[str, str]:
    return ws.title, c.coordinate


def _total(wb, name, isi: dict):
    ws, t, (c1, r1, c2, r2), cols = _tabel(wb, name)
    kena = []
    for h, v in isi.items():
        c = ws.cell(r2 + 1, cols[h])
        c.value = v
        kena.append(_alamat(ws, c))
    t.ref = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2 + 1}"
    t.totalsRowCount = 1
    if t.autoFilter is not None:
        t.autoFilter.ref = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"
    return kena


def _jumlah(wb, name, header):
    ws, _, (_, r1, _, r2), cols = _tabel(wb, name)
    return sum(ws.cell(r, cols[header]).value or 0 for r in range(r1 + 1, r2 + 1)
               if isinstance(ws.cell(r, cols[header]).value, (int, float)))


def _isi_baris(ws, r, cols, nilai):
    kena = []
    for h, v in nilai.items():
        c = ws.cell(r, cols[h])
        c.value = v
        kena.append(_alamat(ws, c))
    return kena


# ---------------------------------------------------------------- edits
# Each returns the touched cells; `sama` says the true numbers do not change.


@dataclass
class Ubah:
    nama: str
    fungsi: object
    sama: bool = True  # the edit keeps every true number


def total_sop(wb):
    return _total(wb, "tblSOP", {"Nama Layanan": "Jumlah", "Jumlah Persyaratan": _jumlah(wb, "tblSOP", "Jumlah Persyaratan"),
                                 "Persyaratan Sesuai": _jumlah(wb, "tblSOP", "Persyaratan Sesuai")})


def total_sarpras(wb):
    return _total(wb, "tblSarpras", {h: _jumlah(wb, "tblSarpras", h) for h in
                                     ("Kebutuhan", "Tersedia", "Kondisi Baik", "Dipelihara")} | {"Nama Sarpras": "Jumlah"})


def total_skm(wb):
    return _total(wb, "tblSKM", {"No": "Jumlah", "U1": _jumlah(wb, "tblSKM", "U1")})


def total_kegiatan(wb):
    return _total(wb, "tblKegiatan", {"Kelompok": "Monev APBDes", "Target": _jumlah(wb, "tblKegiatan", "Target"),
                                      "Realisasi": _jumlah(wb, "tblKegiatan", "Realisasi")})


def total_kamtibmas(wb):
    return _total(wb, "tblKamtibmas", {"No": "Jumlah", "Status": "Tuntas"})


def total_desa(wb):
    return _total(wb, "tblDesa", {"Nama Desa": "Jumlah", "Status IDM": "Mandiri"})


def total_asn(wb):
    return _total(wb, "tblASN", {"Nama": "Jumlah", "Kompeten": "Ya"})


def total_layanan(wb):
    return _total(wb, "tblLayanan", {"No Register": "Jumlah"})


def total_semua(wb):
    kena = []
    for f in (total_sop, total_sarpras, total_skm, total_kegiatan, total_kamtibmas, total_desa, total_asn):
        kena += f(wb)
    return kena


def teks_angka_likert(wb):
    ws, c = _cell(wb, "tblSKM", 100, "U3")
    c.value = str(c.value if c.value is not None else 4)
    return [_alamat(ws, c)]


def teks_angka_sop(wb):
    ws, c = _cell(wb, "tblSOP", 0, "Persyaratan Sesuai")
    c.value = str(c.value)
    return [_alamat(ws, c)]


def teks_angka_target(wb):
    ws, c = _cell(wb, "tblTarget", _baris_kode(wb, "tblTarget", "IK-07"), "2024")
    c.value = str(c.value)  # a text "93": read as a number with no finding? it stays 93
    return [_alamat(ws, c)]


def teks_desimal_koma(wb):
    ws, c = _cell(wb, "tblDesa", 0, "Nilai IDM")
    c.value = str(c.value).replace(".", ",")
    return [_alamat(ws, c)]


def _galat(name, baris, header, kode):
    def f(wb):
        ws, c = _cell(wb, name, baris, header)
        c.value, c.data_type = kode, "e"
        return [_alamat(ws, c)]
    return f


def galat_teks(wb):
    ws, c = _cell(wb, "tblSKM", 5, "U6")
    c.value = "#N/A"
    return [_alamat(ws, c)]


def true_di_antara_satu(wb):
    # TRUE typed in an answer below a 1: in a set True and 1 are one value, so
    # a check over the column's distinct values would read it as the answer 1.
    ws, _, (_, r1, _, r2), cols = _tabel(wb, "tblSKM")
    satu = next(r for r in range(r1 + 1, r2 + 1) if ws.cell(r, cols["U1"]).value == 1)
    for r in range(satu + 1, r2 + 1):
        tgl = ws.cell(r, cols["Tanggal"]).value
        c = ws.cell(r, cols["U1"])
        if getattr(tgl, "year", None) == 2024 and c.value in (2, 3, 4):
            c.value = True
            return [_alamat(ws, c)]
    raise LookupError("tidak ada jawaban U1 yang dapat diganti TRUE")


def galat_rumus(wb):
    ws, c = _cell(wb, "tblSarpras", 1, "Tersedia")
    c.value = "=1/0"
    return [_alamat(ws, c)]


def rumus_bernilai(wb):
    ws, c = _cell(wb, "tblSarpras", 0, "Kebutuhan")
    c.value = f"={c.value}+0"  # LibreOffice stores its result; openpyxl leaves it uncalculated
    return [_alamat(ws, c)]


def galat_target(wb):
    ws, c = _cell(wb, "tblTarget", _baris_kode(wb, "tblTarget", "IK-09"), "2024")
    c.value, c.data_type = "#REF!", "e"
    return [_alamat(ws, c)]


def _gabung(name, baris, header, n=2):
    def f(wb):
        ws, _, (_, r1, _, _), cols = _tabel(wb, name)
        r = r1 + 1 + baris
        ws.merge_cells(start_row=r, end_row=r + n - 1, start_column=cols[header], end_column=cols[header])
        return [(ws.title, f"{get_column_letter(cols[header])}{r + i}") for i in range(n)]
    return f


def gabung_mendatar(wb):
    ws, _, (_, r1, _, _), cols = _tabel(wb, "tblKamtibmas")
    r = r1 + 2
    ws.merge_cells(start_row=r, end_row=r, start_column=cols["Uraian"], end_column=cols["Status"])
    return [(ws.title, f"{get_column_letter(c)}{r}") for c in range(cols["Uraian"], cols["Status"] + 1)]


def bawah_langsung_sop(wb):
    ws, _, (c1, r1, c2, r2), cols = _tabel(wb, "tblSOP")
    return _isi_baris(ws, r2 + 1, cols, {"No": 99, "Nama Layanan": "Layanan Baru", "Jumlah Persyaratan": 4,
                                         "Persyaratan Sesuai": 2})


def bawah_celah(name, nilai, gap=1):
    def f(wb):
        ws, _, (c1, r1, c2, r2), cols = _tabel(wb, name)
        return _isi_baris(ws, r2 + 1 + gap, cols, nilai)
    return f


def persen_target(wb):
    kena = []
    for kode in ("IK-07", "IK-08", "IKP-01"):
        ws, _, (_, r1, _, _), cols = _tabel(wb, "tblTarget")
        r = r1 + 1 + _baris_kode(wb, "tblTarget", kode)
        for th in ("2023", "2024"):
            c = ws.cell(r, cols[th])
            c.value, c.number_format = c.value / 100, "0%"
            kena.append(_alamat(ws, c))
    return kena


def persen_ikm(wb):
    ws, _, (_, r1, _, _), cols = _tabel(wb, "tblTarget")
    c = ws.cell(r1 + 1 + _baris_kode(wb, "tblTarget", "IK-01"), cols["2024"])
    c.value, c.number_format = c.value / 100, "0.00%"
    return [_alamat(ws, c)]


def persen_kegiatan(wb):
    ws, _, (_, r1, _, r2), cols = _tabel(wb, "tblKegiatan")
    kena = []
    for h in ("Target", "Realisasi"):
        c = ws.cell(r1 + 1, cols[h])
        c.value, c.number_format = c.value / 100, "0%"
        kena.append(_alamat(ws, c))
    return kena


def persen_riwayat(wb):
    ws, _, (_, r1, _, r2), cols = _tabel(wb, "tblRiwayat")
    kena = []
    for r in range(r1 + 1, r2 + 1):
        c = ws.cell(r, cols["Realisasi"])
        kode = ws.cell(r, cols["Kode"]).value
        if isinstance(c.value, (int, float)) and str(kode).startswith(("IK-07", "IK-08", "IKU-01")):
            c.value, c.number_format = c.value / 100, "0.0%"
            kena.append(_alamat(ws, c))
    return kena


def tanggal_angka(wb):
    kena = []
    for name, header, baris in (("tblKamtibmas", "Tanggal", 0), ("tblLayanan", "Tanggal Selesai", 3),
                                ("tblSKM", "Tanggal", 50)):
        ws, c = _cell(wb, name, baris, header)
        if isinstance(c.value, (datetime, date)):
            d = c.value.date() if isinstance(c.value, datetime) else c.value
            c.value, c.number_format = (d - date(1899, 12, 30)).days, "General"
            kena.append(_alamat(ws, c))
    return kena


def tanggal_teks_dmy(wb):
    ws, c = _cell(wb, "tblKamtibmas", 1, "Tanggal")
    d = c.value
    c.value = f"{d.day:02d}/{d.month:02d}/{d.year}"
    return [_alamat(ws, c)]


def tanggal_teks_amerika(wb):
    ws, c = _cell(wb, "tblLayanan", 10, "Tanggal Masuk")
    d = c.value
    c.value = f"{d.month}/{d.day}/{d.year}"  # English-locale text date m/d/yyyy
    return [_alamat(ws, c)]


def tanggal_teks_iso(wb):
    ws, c = _cell(wb, "tblPengaduan", 0, "Tanggal Masuk")
    d = c.value
    c.value = d.strftime("%Y-%m-%d")
    return [_alamat(ws, c)]


def tanggal_teks_panjang(wb):
    ws, c = _cell(wb, "tblBencana", 0, "Tanggal")
    c.value = c.value.strftime("%d %B %Y")  # "10 August 2024"
    return [_alamat(ws, c)]


def tanggal_jam(wb):
    ws, c = _cell(wb, "tblSKM", 60, "Tanggal")
    c.value = datetime.combine(c.value.date() if isinstance(c.value, datetime) else c.value, datetime.min.time()) \
        .replace(hour=14, minute=35)
    return [_alamat(ws, c)]


def pilihan_huruf_kecil(wb):
    ws, c = _cell(wb, "tblASN", 0, "Kompeten")
    c.value = f" {str(c.value).lower()} "
    return [_alamat(ws, c)]


def pilihan_nbsp(wb):
    ws, c = _cell(wb, "tblKamtibmas", 0, "Status")
    c.value = f"{c.value}\u00a0"
    return [_alamat(ws, c)]


def pilihan_zwsp(wb):
    ws, c = _cell(wb, "tblUsulan", 0, "Diverifikasi")
    c.value = f"{c.value}\u200b"
    return [_alamat(ws, c)]


def baris_kosong_di_tengah(wb):
    ws, t, (c1, r1, c2, r2), cols = _tabel(wb, "tblSOP")
    ws.insert_rows(r1 + 3)
    t.ref = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2 + 1}"
    return []


def judul_spasi(wb):
    ws, _, (c1, r1, c2, r2), cols = _tabel(wb, "tblSarpras")
    c = ws.cell(r1, cols["Kondisi Baik"])
    c.value = "  Kondisi   Baik "
    return []


def nip_angka(wb):
    ws, c = _cell(wb, "tblASN", 1, "NIP")
    if isinstance(c.value, str):
        c.value = int(c.value.replace(" ", ""))
    return [_alamat(ws, c)]


def sembunyi_baris(wb):
    ws, _, (_, r1, _, _), _ = _tabel(wb, "tblSKM")
    ws.row_dimensions[r1 + 3].hidden = True
    return []


def angka_negatif_teks(wb):
    ws, c = _cell(wb, "tblKegiatan", 2, "Realisasi")
    c.value = f"-{c.value}"
    return [_alamat(ws, c)]


def ketik_ulang_sama(wb):
    return []  # the re-save itself (openpyxl; LibreOffice in the second file)


def tahun_teks(wb):
    ws, c = _cell(wb, "tblAKIP", 0, "Tahun")
    c.value = str(c.value)
    return [_alamat(ws, c)]


def tambah_kolom(wb):
    ws, t, (c1, r1, c2, r2), cols = _tabel(wb, "tblSOP")
    ws.cell(r1, c2 + 1).value = "Catatan"
    for r in range(r1 + 1, r2 + 1):
        ws.cell(r, c2 + 1).value = "ok"
    t.ref = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2 + 1)}{r2}"
    from openpyxl.worksheet.table import TableColumn
    t.tableColumns.append(TableColumn(id=len(t.tableColumns) + 1, name="Catatan"))
    if t.autoFilter is not None:
        t.autoFilter.ref = t.ref
    return []


UBAH = [
    Ubah("simpan ulang saja", ketik_ulang_sama),
    Ubah("Total Row tblSOP", total_sop),
    Ubah("Total Row tblSarpras", total_sarpras),
    Ubah("Total Row tblSKM", total_skm),
    Ubah("Total Row tblKegiatan", total_kegiatan),
    Ubah("Total Row tblKamtibmas", total_kamtibmas),
    Ubah("Total Row tblDesa", total_desa),
    Ubah("Total Row tblASN", total_asn),
    Ubah("Total Row tblLayanan", total_layanan),
    Ubah("Total Row semua tabel", total_semua),
    Ubah("angka Likert ditempel sebagai teks", teks_angka_likert),
    Ubah("angka SOP ditempel sebagai teks", teks_angka_sop),
    Ubah("target ditempel sebagai teks", teks_angka_target),
    Ubah("Nilai IDM teks berkoma desimal", teks_desimal_koma),
    Ubah("#N/A diketik di U2", _galat("tblSKM", 3, "U2", "#N/A")),
    Ubah("#DIV/0! di Persyaratan Sesuai", _galat("tblSOP", 2, "Persyaratan Sesuai", "#DIV/0!")),
    Ubah("#VALUE! di Kondisi Baik", _galat("tblSarpras", 0, "Kondisi Baik", "#VALUE!")),
    Ubah("#NAME? di Status Kamtibmas", _galat("tblKamtibmas", 2, "Status", "#NAME?")),
    Ubah("#NUM! di Nilai IDM", _galat("tblDesa", 1, "Nilai IDM", "#NUM!")),
    Ubah("#NULL! di Tanggal Masuk", _galat("tblLayanan", 5, "Tanggal Masuk", "#NULL!")),
    Ubah("#REF! di Saran", _galat("tblSKM", 7, "Saran", "#REF!")),
    Ubah("#N/A ditempel sebagai teks", galat_teks),
    Ubah("TRUE di U1 di bawah jawaban 1", true_di_antara_satu),
    Ubah("rumus =1/0 di Tersedia", galat_rumus),
    Ubah("rumus bernilai di Kebutuhan", rumus_bernilai),
    Ubah("#REF! di target", galat_target),
    Ubah("gabung U1 dua baris", _gabung("tblSKM", 10, "U1")),
    Ubah("gabung Status Kamtibmas tiga baris", _gabung("tblKamtibmas", 4, "Status", 3)),
    Ubah("gabung Kode target dua baris", _gabung("tblTarget", 7, "Kode")),
    Ubah("gabung Kondisi Baik", _gabung("tblSarpras", 2, "Kondisi Baik")),
    Ubah("gabung mendatar Uraian–Status", gabung_mendatar),
    Ubah("baris diketik langsung di bawah tblSOP", bawah_langsung_sop, sama=False),
    Ubah("baris setelah 1 baris kosong di bawah tblKegiatan", bawah_celah(
        "tblKegiatan", {"No": 99, "Kelompok": "Monev APBDes", "Kegiatan": "x", "Target": 5, "Realisasi": 0})),
    Ubah("baris setelah 3 baris kosong di bawah tblASN", bawah_celah(
        "tblASN", {"No": 99, "Jabatan": "Staf", "Kompeten": "Tidak"}, gap=3)),
    Ubah("baris setelah 2 baris kosong di bawah tblSKM", bawah_celah(
        "tblSKM", {"No": 999, "Tanggal": datetime(2024, 5, 5), "U1": 1, "U2": 1, "U3": 1, "U4": 1, "U5": 1,
                   "U6": 1, "U7": 1, "U8": 1, "U9": 1}, gap=2)),
    Ubah("target berformat persen (IK-07, IK-08, IKP-01)", persen_target),
    Ubah("target IKM berformat persen", persen_ikm),
    Ubah("Target/Realisasi kegiatan berformat persen", persen_kegiatan),
    Ubah("realisasi riwayat berformat persen", persen_riwayat),
    Ubah("tanggal sebagai angka seri", tanggal_angka),
    Ubah("tanggal teks dd/mm/yyyy", tanggal_teks_dmy),
    Ubah("tanggal teks gaya Amerika m/d/yyyy", tanggal_teks_amerika),
    Ubah("tanggal teks ISO yyyy-mm-dd", tanggal_teks_iso),
    Ubah("tanggal teks bahasa Inggris '10 August 2024'", tanggal_teks_panjang),
    Ubah("tanggal dengan jam", tanggal_jam),
    Ubah("pilihan huruf kecil berspasi", pilihan_huruf_kecil),
    Ubah("pilihan dengan spasi tak-putus", pilihan_nbsp),
    Ubah("pilihan dengan spasi lebar-nol", pilihan_zwsp),
    Ubah("baris kosong disisipkan di tengah tabel", baris_kosong_di_tengah),
    Ubah("judul kolom berspasi ganda", judul_spasi),
    Ubah("NIP diketik sebagai angka", nip_angka),
    Ubah("baris tersembunyi", sembunyi_baris),
    Ubah("realisasi kegiatan negatif sebagai teks", angka_negatif_teks),
    Ubah("Tahun AKIP sebagai teks", tahun_teks),
    Ubah("kolom tambahan di tabel", tambah_kolom),
]


# ---------------------------------------------------------------- running


def _angka(h):
    out = {}
    for i in h.indikator:
        out[i.kode] = (i.status, i.target, i.realisasi, i.capaian, i.kategori)
    out["ikm"] = (h.ikm.nilai, h.ikm.responden)
    for kode, th in (h.riwayat or {}).items():
        for t, v in th.items():
            out[f"riwayat {kode} {t}"] = tuple(v[:2])
    return out


def _sama(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_sama(x, y) for x, y in zip(a, b))
    return a == b


def _kena(sel: str, lembar: str, kena: set[tuple[str, str]]) -> bool:
    try:
        r1, c1, r2, c2 = parse_ref(sel)
    except ValueError:
        return False
    for l, a in kena:
        if l != lembar:
            continue
        rr, cc, _, _ = parse_ref(a)
        if r1 <= rr <= r2 and c1 <= cc <= c2:
            return True
    return False


JALUR = ("berkas", "xlwings-lite", "xlwings-server")


def _jalur(path: Path, jalur: str):
    """One path's Hasil: the file adapter, or the xlwings remote engine as xlwings
    Lite runs it (merges and formats asked on demand, answered from the file as
    Lite's client answers them) or as xlwings Server runs it (values only)."""
    if jalur == "berkas":
        return engine.hitung(file_reader.baca(path))
    book = xr.load_book(xr.payload_from_xlsx(path, dates="builtin"))
    if jalur == "xlwings-lite":
        with xr.LiteSel(path).pasang():
            return engine.hitung(R.baca(book, sifat=asyncio.run(baca_lite(book))).raw)
    return engine.hitung(R.baca(book, sifat=asyncio.run(baca_lite(book))).raw)  # Server: cannot answer


def klasifikasi(dasar, h, kena, sama: bool) -> tuple[str, list[str]]:
    a, b = _angka(dasar), _angka(h)
    beda = [k for k in a if not _sama(a[k], b.get(k))]
    lama = {(t.tingkat, t.lembar, t.sel, t.pesan) for t in dasar.temuan}
    baru = [t for t in h.temuan if (t.tingkat, t.lembar, t.sel, t.pesan) not in lama]
    di_sel = [t for t in baru if _kena(t.sel, t.lembar, kena)]
    if not beda:
        return "sama", []
    if not sama:
        return "berubah-sah", beda
    if di_sel:
        return "tertangkap", beda
    if baru:
        return "sel-lain", beda
    return "DIAM-SALAH", beda


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--contoh", type=Path, default=SAMPEL)
    ap.add_argument("--tanpa-libreoffice", action="store_true")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args(argv)
    kerja = Path(tempfile.mkdtemp(prefix="siksa-"))
    try:
        berkas: dict[str, tuple[Path, set]] = {}
        for i, u in enumerate(UBAH):
            wb = openpyxl.load_workbook(a.contoh)
            kena = set(u.fungsi(wb))
            p = kerja / f"u{i:02d}.xlsx"
            wb.save(p)
            berkas[u.nama] = (p, kena)
        asal = {"openpyxl": {n: p for n, (p, _) in berkas.items()}}
        if lo.ADA and not a.tanpa_libreoffice:
            ulang = lo.simpan_ulang([p for p, _ in berkas.values()], kerja / "lo", timeout=1800)
            asal["libreoffice"] = {n: ulang[p] for n, (p, _) in berkas.items()}
        dasar = {j: _jalur(a.contoh, j) for j in JALUR}
        hasil = []
        for u in UBAH:
            kena = berkas[u.nama][1]
            for nama_asal, peta in asal.items():
                for j in JALUR:
                    try:
                        h = _jalur(peta[u.nama], j)
                        kelas, beda = klasifikasi(dasar[j], h, kena, u.sama)
                    except Exception as e:  # noqa: BLE001 - the run must go on
                        kelas, beda = "gagal", [f"{type(e).__name__}: {e}", traceback.format_exc(limit=3)]
                    hasil.append({"ubah": u.nama, "asal": nama_asal, "jalur": j, "kelas": kelas, "beda": beda[:6]})
        hitung: dict[str, int] = {}
        for r in hasil:
            hitung[r["kelas"]] = hitung.get(r["kelas"], 0) + 1
        print(f"{len(UBAH)} cara mengedit × {len(asal)} asal berkas × {len(JALUR)} jalur = {len(hasil)} perhitungan")
        for k in ("sama", "tertangkap", "berubah-sah", "sel-lain", "DIAM-SALAH", "gagal"):
            print(f"  {k:12s} {hitung.get(k, 0)}")
        buruk = [r for r in hasil if r["kelas"] in ("DIAM-SALAH", "sel-lain", "gagal")]
        for r in buruk:
            print(f"- {r['kelas']}: {r['ubah']} [{r['asal']}, {r['jalur']}] → {', '.join(map(str, r['beda'][:4]))}")
        if a.json:
            a.json.write_text(json.dumps({"hasil": hasil, "jumlah": hitung}, indent=1, default=str), encoding="utf-8")
        return 1 if any(r["kelas"] in ("DIAM-SALAH", "gagal") for r in hasil) else 0
    finally:
        shutil.rmtree(kerja, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
