"""Presentation: Hasil → the content of each output sheet.

One layout serves three writers: the template builder (XlsxWriter, with an
empty Hasil), the file writer (XML patch) and the Excel adapter (xlwings).
A sheet plan is a list of cells with a style role, merged ranges, row heights
and internal hyperlinks; nothing here knows how a file is written.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


from . import cetak as C
from . import gaya, katalog
from . import kontrak as K
from .dasar import tanggal
from .dasar.ooxml import angka_teks as angka_id  # re-exported: the CLI prints numbers with it
from .hasil import GALAT, Hasil, HasilIKM, HasilIndikator
from .dasar.raw import address, parse_address

# Column widths per output sheet (characters), shared with the template.
LEBAR_INDIKATOR = (5, 28, 44, 36, 12, 10, 11, 10, 12, 30)
LEBAR: dict[str, tuple[float, ...]] = {
    K.LEMBAR_IKU: LEBAR_INDIKATOR,
    K.LEMBAR_IK: LEBAR_INDIKATOR,
    K.LEMBAR_IKP: LEBAR_INDIKATOR,
    K.LEMBAR_SKM: (5, 40, 12, 12, 11, 12, 12, 10),
    K.LEMBAR_VALIDASI: (12, 16, 9, 90),
}


@dataclass(slots=True)  # a long listing holds one per cell (100,000 respondents: ~110,000)
class Cell:
    row: int
    col: int
    value: Any
    role: str


@dataclass
class SheetPlan:
    name: str
    cells: list[Cell] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)
    heights: dict[int, float] = field(default_factory=dict)
    links: list[tuple[str, str]] = field(default_factory=list)  # (cell, "'SKM'!H12")
    # What belongs together on paper (read by cetak.py, which computes the breaks):
    utuh: list[tuple[int, int]] = field(default_factory=list)  # rows kept on one page
    tabel: list[tuple[int, int, int]] = field(default_factory=list)  # (header, first, last) repeated when continued
    cetak: C.Cetak | None = None
    wajib: bool = True  # False: a workbook without this sheet is still written (older templates)
    buat: bool = False  # True: a workbook without this sheet gets it (a Kelompok of the catalogue)

    def put(self, row, col, value, role="teks"):
        self.cells.append(Cell(row, col, value, role))

    def merge(self, row, col1, col2, value, role, row2=None):
        row2 = row2 or row
        cells = self.cells
        cells.append(Cell(row, col1, value, role))
        for r in range(row, row2 + 1):
            cells.extend(Cell(r, c, None, role) for c in range(col1 + 1 if r == row else col1, col2 + 1))
        self.merges.append(f"{address(row, col1)}:{address(row2, col2)}")

    def grid(self) -> list[list[Any]]:
        """Values as a rectangle from A1 (for writers that write one block)."""
        if not self.cells:
            return [[None]]
        nr = max(c.row for c in self.cells)
        nc = max(c.col for c in self.cells)
        g = [[None] * nc for _ in range(nr)]
        for c in self.cells:
            g[c.row - 1][c.col - 1] = c.value
        return g


def tanggal_id(d: date | str | None) -> str:
    if isinstance(d, str):
        return d
    return tanggal.tanggal_id(d) if d else ""


def _tinggi(teks_per_kolom: list[tuple[str, float]], minimum: float = 15.0) -> float:
    """Row height for wrapped text: Excel does not re-measure stored rows."""
    return C.tinggi_teks(teks_per_kolom, minimum)


def _judul_periode(h: Hasil) -> str:
    return h.periode.judul if h.periode is not None else f"TAHUN {h.tahun or '…'}"


def _kecamatan(h: Hasil) -> str:
    return (h.kecamatan or "…").upper()


def _ttd(s: SheetPlan, h: Hasil, row: int, col1: int, col2: int) -> int:
    t = h.penandatangan
    tempat = t.tempat or ""
    baris = [
        (f"{tempat}, {tanggal_id(t.tanggal)}" if t.tanggal else tempat, "ttd"),
        (f"CAMAT {_kecamatan(h)}", "ttd"),
        (None, "ttd"),
        (None, "ttd"),
        (None, "ttd"),
        (t.nama or "", "ttd_nama"),
        (t.pangkat or "", "ttd"),
        (f"NIP. {t.nip}" if t.nip else "NIP.", "ttd"),
    ]
    for i, (v, role) in enumerate(baris):
        s.merge(row + i, col1, col2, v, role)
    return row + len(baris)


def _katalog(h: Hasil):
    return katalog.dari_hasil(h)


def _baris_indikator(s: SheetPlan, row: int, no: int, ind: HasilIndikator, lebar, k) -> None:
    num = "sel_angka"
    s.put(row, 1, no, "sel_tengah")
    # The seed's wording exactly: readers (and other programs) find rows by it.
    s.put(row, 2, k.nama, "sel_teks")
    s.put(row, 3, k.definisi, "sel_teks")
    s.put(row, 4, k.formulasi, "sel_teks")
    s.put(row, 5, k.penanggung_jawab, "sel_teks")
    s.put(row, 6, ind.target, num if isinstance(ind.target, (int, float)) else "sel_tengah")
    s.put(row, 7, ind.realisasi, num if isinstance(ind.realisasi, (int, float)) else "sel_tengah")
    s.put(row, 8, ind.capaian, num)
    s.put(row, 9, ind.kategori, "sel_tengah")
    ket = ind.keterangan
    s.put(row, 10, ket, "galat" if ind.status == "galat" else "sel_teks")
    s.heights[row] = _tinggi([(k.nama, lebar[1]), (k.definisi, lebar[2]), (k.formulasi, lebar[3]), (ket, lebar[9])])


def _lembar_indikator(nama: str, judul: str, kelompok: str, h: Hasil) -> SheetPlan:
    s = SheetPlan(nama)
    lebar = LEBAR.get(nama, LEBAR_INDIKATOR)
    s.merge(1, 1, 10, f"{judul} KECAMATAN {_kecamatan(h)}", "judul")
    s.merge(2, 1, 10, _judul_periode(h), "subjudul")
    s.merge(3, 1, 10, f"Kabupaten {h.kabupaten or '…'}", "subjudul")
    for i, head in enumerate(K.HEADER_KELUARAN):
        s.put(5, i + 1, head, "header")
    s.heights[5] = 27
    by = h.indikator_by_kode()
    row = 6
    for no, ind in enumerate(_katalog(h).per_kelompok(kelompok), start=1):
        _baris_indikator(s, row, no, by[ind.kode], lebar, ind)
        row += 1
    return s


def lembar_iku(h: Hasil) -> SheetPlan:
    """The IKU sheet: its indicators, then every year of tblTarget for the first of them."""
    # Row 2 is the period, as on every output sheet; the Renstra years head their own table (issue 21).
    iku = _katalog(h).per_kelompok(katalog.KELOMPOK_IKU)
    s = _lembar_indikator(K.LEMBAR_IKU, "INDIKATOR KINERJA UTAMA (IKU)", katalog.KELOMPOK_IKU, h)
    riwayat = h.riwayat.get(iku[0].kode, {}) if iku else {}
    tahun = sorted(riwayat) or list(K.TAHUN_IKU)
    rentang = f"{tahun[0]}–{tahun[-1]}"
    row = 6 + len(iku)
    dasar = (h.dasar_penetapan or "").strip()
    if dasar:  # DasarPenetapanIKU (KONTRAK §2); blank = no line
        teks = dasar if dasar.casefold().startswith("berdasarkan") else f"Berdasarkan {dasar}"
        s.merge(row, 1, 10, teks, "miring")
    row += 2
    # Over the table it names (F–J), not at the left margin far from it.
    s.merge(row, 6, 10, f"Target dan Realisasi IKU {rentang}", "bagian")
    row += 1
    # Years down, measures across, under the numeric columns F–J.
    for i, head in enumerate(("Tahun", "Target", "Realisasi", "Capaian (%)", "Kategori")):
        s.put(row, 6 + i, head, "header")
    s.heights[row] = 27
    for th in tahun:
        row += 1
        tgt, real, cap, kat = riwayat.get(th, (None, None, None, None))
        if th == h.tahun and h.periode is not None and h.periode.triwulan:
            # The reporting year of a quarter is part of a year: said on its row (issue 21).
            s.put(row, 6, f"{th} (s.d. {h.periode.nama})", "sel_tengah")
            s.heights[row] = 27
        else:
            s.put(row, 6, th, "sel_tengah")
        s.put(row, 7, tgt, "sel_angka" if isinstance(tgt, (int, float)) else "sel_tengah")
        s.put(row, 8, real, "sel_angka" if isinstance(real, (int, float)) else "sel_tengah")
        s.put(row, 9, cap, "sel_angka")
        s.put(row, 10, kat, "sel_tengah")
    akhir = _ttd(s, h, row + 2, 7, 10)
    awal = 6 + len(iku)
    s.utuh += [(5, awal), (awal + 2, akhir - 1)]  # the indicators with their header; the yearly table with the signature
    return s


def _tanda_tangan_tabel(s: SheetPlan, h: Hasil, akhir_tabel: int, col1: int, col2: int) -> int:
    """The signature block two rows below a table, kept on a page with the table's last two rows."""
    akhir = _ttd(s, h, akhir_tabel + 2, col1, col2)
    s.utuh.append((max(1, akhir_tabel - 1), akhir - 1))
    return akhir


_JUDUL_KELOMPOK = {katalog.KELOMPOK_IK: "INDIKATOR KINERJA", katalog.KELOMPOK_IKP: "INDIKATOR KINERJA PENDUKUNG"}


def lembar_kelompok(h: Hasil, kelompok: str) -> SheetPlan:
    """One Kelompok's sheet (named as typed): its indicators and the signature."""
    s = _lembar_indikator(kelompok, _JUDUL_KELOMPOK.get(kelompok, kelompok.upper()), kelompok, h)
    _tanda_tangan_tabel(s, h, 5 + len(_katalog(h).per_kelompok(kelompok)), 7, 10)
    # A Kelompok an office adds may have no sheet yet: the file writer leaves
    # it out with a peringatan (validasi.katalog) instead of failing the run.
    s.wajib = kelompok in (katalog.KELOMPOK_IK, katalog.KELOMPOK_IKP)
    s.buat = not s.wajib
    return s


def lembar_ik(h: Hasil) -> SheetPlan:
    return lembar_kelompok(h, katalog.KELOMPOK_IK)


def lembar_ikp(h: Hasil) -> SheetPlan:
    return lembar_kelompok(h, katalog.KELOMPOK_IKP)


def lembar_skm(h: Hasil) -> SheetPlan:
    s = SheetPlan(K.LEMBAR_SKM)
    ikm: HasilIKM = h.ikm
    s.merge(1, 1, 8, "HASIL SURVEI KEPUASAN MASYARAKAT (PermenPANRB 14/2017)", "judul")
    s.merge(2, 1, 8, f"KECAMATAN {_kecamatan(h)} — {_judul_periode(h)}", "subjudul")
    row = 4
    s.merge(row, 1, 8, "A. Nilai per Unsur Pelayanan", "bagian")
    row += 1
    for i, head in enumerate(("No", "Unsur Pelayanan", "Jumlah Jawaban", "Jumlah Nilai", "NRR",
                              "NRR Tertimbang", "IKM Unsur (NRR × 25)", "Mutu")):
        s.put(row, i + 1, head, "header")
    s.heights[row] = 27
    for i, u in enumerate(ikm.unsur or _unsur_kosong()):
        row += 1
        s.put(row, 1, i + 1, "sel_tengah")
        s.put(row, 2, f"{u.kode}. {u.label}", "sel_teks")
        s.put(row, 3, u.jumlah_jawaban, "sel_bulat")
        s.put(row, 4, u.jumlah_nilai, "sel_bulat")
        s.put(row, 5, u.nrr, "sel_angka4")
        s.put(row, 6, u.nrr_tertimbang, "sel_angka4")
        s.put(row, 7, u.ikm_unsur, "sel_angka")
        s.put(row, 8, u.mutu, "sel_tengah")
    ringkas = [
        ("Jumlah NRR tertimbang", None if ikm.nilai is None else ikm.nilai / 25, "sel_tebal_angka"),
        ("Indeks Kepuasan Masyarakat (IKM = Σ NRR tertimbang × 25)", ikm.nilai, "sel_tebal_angka"),
        ("Mutu pelayanan", ikm.mutu, "sel_tengah"),
        ("Kinerja unit pelayanan", ikm.kinerja, "sel_tengah"),
        ("Bobot per unsur", ikm.bobot, "sel_tengah"),
        ("Jumlah responden", ikm.responden, "sel_bulat"),
        ("Populasi penerima layanan", ikm.populasi, "sel_bulat"),
        ("Sampel minimum (Krejcie–Morgan)", ikm.sampel_minimum, "sel_bulat"),
    ]
    for label, v, role in ringkas:
        row += 1
        s.merge(row, 1, 6, label, "sel_tebal")
        s.merge(row, 7, 8, v, role)
    if ikm.nilai is not None:
        # A small sample is cautioned on the signed page too (issue 21); 384 = the table's large population.
        acuan = ikm.sampel_minimum or K.SAMPEL_POPULASI_BESAR
        if ikm.responden < acuan:
            row += 1
            teks = (f"Catatan: jumlah responden ({ikm.responden}) kurang dari sampel minimum {acuan}"
                    + ("" if ikm.sampel_minimum else " untuk populasi yang tidak diketahui")
                    + "; hasil survei perlu dibaca dengan hati-hati.")
            s.merge(row, 1, 8, teks, "miring")
            s.heights[row] = _tinggi([(teks, sum(LEBAR[K.LEMBAR_SKM]))])
    s.utuh.append((4, row))
    row += 2
    s.merge(row, 1, 8, "B. Tiga Unsur dengan Nilai Terendah (prioritas perbaikan)", "bagian")
    awal = row
    row += 1
    kepala = row
    row = _tabel_bernomor(s, row, ("No", "Unsur Pelayanan", "NRR", "IKM Unsur", "Mutu"), [
        ((f"{u.kode}. {u.label}", "sel_teks"), (u.nrr, "sel_angka4"), (u.ikm_unsur, "sel_angka"), (u.mutu, "sel_tengah"))
        for u in ikm.terendah])
    _bersama(s, awal, kepala, row)
    row += 1
    s.merge(row, 1, 8, "Rencana Tindak Lanjut", "miring")
    awal = row
    row += 1
    kepala = row
    for i, head in enumerate(("No", "Unsur / Program dan Kegiatan", "Waktu", None, "Penanggung Jawab")):
        if head is not None:
            s.put(row, i + 1, head, "header")
    s.merge(row, 3, 4, "Waktu", "header")
    s.merge(row, 5, 8, "Penanggung Jawab", "header")
    for i, u in enumerate(ikm.terendah):
        rencana = ikm.rtl.get(u.kode) or [(None, None, None)]
        for j, (prog, waktu, pj) in enumerate(rencana):
            row += 1
            s.put(row, 1, i + 1 if j == 0 else None, "sel_tengah")
            # An unplanned gap reads "belum ditetapkan" (and is a peringatan of hitung), never a hole.
            teks = f"{u.kode}. {u.label}: {prog or 'belum ditetapkan'}"
            s.put(row, 2, teks, "sel_teks")
            s.heights[row] = _tinggi([(teks, LEBAR[K.LEMBAR_SKM][1])])
            kosong = "belum ditetapkan" if prog else "–"  # a plan without time or person is named once
            s.merge(row, 3, 4, waktu or kosong, "sel_teks")
            s.merge(row, 5, 8, pj or kosong, "sel_teks")
    _bersama(s, awal, kepala, row)
    row += 2
    s.merge(row, 1, 8, "C. IKM per Jenis Layanan", "bagian")
    awal = row
    row += 1
    kepala = row
    row = _tabel_bernomor(s, row, ("No", "Jenis Layanan", "Responden", "IKM", "Mutu", "Kinerja"), [
        ((pl.jenis_layanan, "sel_teks"), (pl.responden, "sel_bulat"), (pl.nilai, "sel_angka"), (pl.mutu, "sel_tengah"),
         (pl.kinerja, "sel_tengah"))
        for pl in ikm.per_layanan])
    _bersama(s, awal, kepala, row)
    row += 2
    s.merge(row, 1, 8, "D. Profil Responden", "bagian")
    awal = row
    for judul in ("Jenis Kelamin", "Usia", "Pendidikan", "Pekerjaan"):
        row += 1
        kepala = row
        s.put(row, 2, judul, "header")
        s.put(row, 3, "Jumlah", "header")
        s.put(row, 4, "Persen", "header")
        isi = ikm.profil.get(judul, [])
        total = sum(n for _, n in isi) or 1
        for label, n in isi:
            row += 1
            s.put(row, 2, label, "sel_teks")
            s.put(row, 3, n, "sel_bulat")
            s.put(row, 4, n / total * 100, "sel_angka")
        if not isi:
            row += 1
            s.merge(row, 2, 4, "Belum ada data.", "sel_teks")
        _bersama(s, awal, kepala, row)
        awal = row + 1
    row += 2
    s.merge(row, 1, 8, f"E. Saran dan Masukan Responden ({len(ikm.saran)})", "bagian")
    awal = row
    row += 1
    kepala = row
    s.put(row, 1, "No", "header")
    s.merge(row, 2, 8, "Saran dan Masukan", "header")
    for i, teks in enumerate(ikm.saran):
        row += 1
        s.put(row, 1, i + 1, "sel_tengah")
        s.merge(row, 2, 8, teks, "sel_teks")
        if len(teks) > 90:
            s.heights[row] = _tinggi([(teks, sum(LEBAR[K.LEMBAR_SKM][1:]))])
    if not ikm.saran:
        row += 1
        s.merge(row, 1, 8, "Belum ada saran.", "sel_teks")
    _bersama(s, awal, kepala, row)
    _tanda_tangan_tabel(s, h, row, 5, 8)
    return s


def _bersama(s: SheetPlan, judul: int, kepala: int, akhir: int, pendek: int = 12) -> None:
    """A section (title row, header row, body): short ones stay whole on a page;
    long ones keep the title with the header and two rows, and repeat the header
    where they continue."""
    if akhir - judul < pendek:
        s.utuh.append((judul, akhir))
        return
    s.utuh.append((judul, min(kepala + 2, akhir)))
    s.tabel.append((kepala, kepala + 1, akhir))


def _tabel_bernomor(s: SheetPlan, row: int, headers: tuple[str, ...], baris: list[tuple]) -> int:
    """A header row, then numbered rows of (value, role) cells; returns the last row."""
    for i, head in enumerate(headers):
        s.put(row, i + 1, head, "header")
    for no, sel in enumerate(baris, start=1):
        row += 1
        s.put(row, 1, no, "sel_tengah")
        for col, (v, role) in enumerate(sel, start=2):
            s.put(row, col, v, role)
    if not baris:
        row += 1
        s.merge(row, 1, len(headers), "Belum ada data.", "sel_teks")
    return row


def _unsur_kosong():
    from .hasil import Unsur
    from .referensi import UNSUR_LABEL

    return [Unsur(u, UNSUR_LABEL[u], 0, 0, None, None, None, None) for u in K.UNSUR]


# Validasi geometry, shared by both writers and by the reader of the previous
# run's list (the Excel adapter clears the marks it names).
BARIS_HEADER_VALIDASI = 4
BARIS_AWAL_VALIDASI = BARIS_HEADER_VALIDASI + 1
KOLOM_VALIDASI = {"tingkat": 1, "lembar": 2, "sel": 3, "pesan": 4}


def lembar_validasi(h: Hasil, waktu: datetime | None = None) -> SheetPlan:
    s = SheetPlan(K.LEMBAR_VALIDASI)
    s.merge(1, 1, 4, "HASIL VALIDASI DATA", "judul")
    if waktu is None:
        ringkas = "Belum dihitung. Klik tombol Hitung di lembar Beranda (petunjuk lain ada di sana)."
    else:
        ringkas = (f"Dihitung {tanggal_id(waktu.date())} pukul {waktu:%H.%M}: "
                   f"{h.jumlah_galat} galat, {h.jumlah_peringatan} peringatan.")
    s.merge(2, 1, 4, ringkas, "teks")
    for i, head in enumerate(K.HEADER_VALIDASI):
        s.put(BARIS_HEADER_VALIDASI, i + 1, head, "header")
    row = BARIS_HEADER_VALIDASI
    urut = sorted(h.temuan, key=lambda t: (t.tingkat != GALAT,))
    for t in urut:
        row += 1
        s.put(row, 1, t.tingkat, "galat" if t.tingkat == GALAT else "peringatan")
        s.put(row, 2, t.lembar, "sel_teks")
        s.put(row, 3, t.sel, "tautan")
        s.put(row, 4, t.pesan, "sel_teks")
        lembar = t.lembar.replace("'", "''")
        s.links.append((address(row, 3), f"'{lembar}'!{t.sel}"))
        if len(t.pesan) > 100:
            s.heights[row] = _tinggi([(t.pesan, LEBAR[K.LEMBAR_VALIDASI][3])])
    if not h.temuan and waktu is not None:
        s.merge(BARIS_AWAL_VALIDASI, 1, 4, "Tidak ada temuan.", "sel_teks")
    return s


def susun(h: Hasil, waktu: datetime | None = None) -> dict[str, SheetPlan]:
    kelompok = _katalog(h).kelompok
    plans = [lembar_iku(h) if k == katalog.KELOMPOK_IKU else lembar_kelompok(h, k) for k in kelompok]
    plans += [lembar_skm(h), lembar_validasi(h, waktu)]
    for p in plans:
        p.cetak = C.atur(p, LEBAR.get(p.name, LEBAR_INDIKATOR), h.kecamatan, h.kabupaten)
    plans.append(lembar_grafik(h))
    return {p.name: p for p in plans}


# ------------------------------------------------------------------ Grafik
#
# The charts on `Grafik` (template/grafik.py) read their data from cells of
# the Grafik sheet itself, to the right of its print area, written here on
# every run: category labels (indicator codes, unsur names), numbers (text
# such as a predikat becomes a gap, never a zero bar) and the data labels as
# text in Indonesian format ("84,95"), which Excel shows as they are whatever
# the computer's locale — a number format on the labels would follow the PC.

LEMBAR_GRAFIK = "Grafik"
GRAFIK_KOLOM = 20  # T: first helper column
GRAFIK_BLOK = {"unsur": 4, "ik": 16, "ikp": 29, "iku": 43}  # first data row of each block
GRAFIK_HALAMAN = 31  # rows per printed page below the repeated title row (one chart each)
GRAFIK_BARIS_AKHIR = 1 + 4 * GRAFIK_HALAMAN
# Bars each of the two indicator charts holds (the built-in IK and IKP sets).
GRAFIK_MUAT = {"ik": 10, "ikp": 11}


def _baris_keterangan_grafik(halaman: int) -> int:
    """The last row of a chart's page block, under the chart: its caption, written
    every run, says what the chart shows (its titles in the template are general)."""
    return 1 + GRAFIK_HALAMAN * (halaman + 1)


def _keterangan_batang(halaman: int, kelompok: str | None, anggota, muat: int, periode: str, lain) -> str:
    if kelompok is None:
        return (f"Grafik {halaman + 1}. Tidak dipakai: katalog indikator punya {len(lain)} Kelompok selain IKU.")
    kode = f"{anggota[0].kode}–{anggota[min(len(anggota), muat) - 1].kode}" if anggota else "tanpa indikator"
    teks = f"Grafik {halaman + 1}. Target dan realisasi {periode}, {kelompok} ({kode})"
    if len(anggota) > muat:
        teks += f"; {muat} dari {len(anggota)} indikator digambarkan, semuanya ada di lembar {kelompok}"
    if halaman == len(GRAFIK_MUAT) and len(lain) > len(GRAFIK_MUAT):
        teks += f"; Kelompok {', '.join(lain[len(GRAFIK_MUAT):])} tidak digambarkan (lihat lembarnya)"
    return teks + "."


def _angka(v: Any) -> float | None:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def lembar_grafik(h: Hasil) -> SheetPlan:
    from .referensi import MUTU_IKM

    s = SheetPlan(LEMBAR_GRAFIK, wajib=False)
    s.put(1, 2, f"GRAFIK INDIKATOR KINERJA KECAMATAN {_kecamatan(h)} — {_judul_periode(h)}", "bagian")
    k = GRAFIK_KOLOM
    s.put(1, k, "Data grafik (diisi ulang setiap kali dihitung; jangan diubah)", "miring")
    batas = [m for m in MUTU_IKM if m.mutu in ("A", "B", "C")]
    r = GRAFIK_BLOK["unsur"]
    for i, head in enumerate(("Unsur", "IKM Unsur", "Label", *(f"Batas {m.mutu}" for m in batas))):
        s.put(r - 1, k + i, head, "header")
    for i, u in enumerate(h.ikm.unsur or _unsur_kosong()):
        s.put(r + i, k, f"{u.kode}. {u.label}", "teks")
        s.put(r + i, k + 1, u.ikm_unsur, "teks")
        s.put(r + i, k + 2, angka_id(u.ikm_unsur), "teks")
        for j, m in enumerate(batas):
            s.put(r + i, k + 3 + j, float(m.batas_bawah), "teks")
    by = h.indikator_by_kode()
    kat = _katalog(h)
    periode = h.periode.uraian if h.periode is not None else f"tahun {h.tahun or '…'}"
    s.put(_baris_keterangan_grafik(0), 2, f"Grafik 1. Nilai per unsur pelayanan (NRR × 25) hasil Survei Kepuasan "
          f"Masyarakat {periode}, dengan batas mutu A, B dan C (PermenPANRB 14/2017).", "miring")
    # The two bar charts follow the catalogue: its Kelompok other than IKU, in
    # order, each as many rows as the template's chart holds.
    lain = [k for k in kat.kelompok if k != katalog.KELOMPOK_IKU]
    for halaman, (blok, muat) in enumerate(GRAFIK_MUAT.items(), start=1):
        r = GRAFIK_BLOK[blok]
        for i, head in enumerate(("Kode", "Target", "Realisasi", "Label")):
            s.put(r - 1, k + i, head, "header")
        kelompok = lain[halaman - 1] if halaman - 1 < len(lain) else None
        anggota = kat.per_kelompok(kelompok) if kelompok else []
        for i, ind in enumerate(anggota[:muat]):
            hi = by[ind.kode]
            s.put(r + i, k, ind.kode, "teks")
            s.put(r + i, k + 1, _angka(hi.target), "teks")
            s.put(r + i, k + 2, _angka(hi.realisasi), "teks")
            s.put(r + i, k + 3, angka_id(_angka(hi.realisasi)), "teks")
        s.put(_baris_keterangan_grafik(halaman), 2, _keterangan_batang(halaman, kelompok, anggota, muat, periode, lain),
              "miring")
    r = GRAFIK_BLOK["iku"]
    for i, head in enumerate(("Tahun", "Target", "Realisasi", "Label")):
        s.put(r - 1, k + i, head, "header")
    iku = kat.per_kelompok(katalog.KELOMPOK_IKU)
    riwayat = h.riwayat.get(iku[0].kode, {}) if iku else {}
    tahun = (sorted(riwayat) or list(K.TAHUN_IKU))[:len(K.TAHUN_IKU)]
    s.put(_baris_keterangan_grafik(3), 2,
          f"Grafik 4. Tren {iku[0].nama} ({iku[0].kode}): target dan realisasi per tahun, {tahun[0]}–{tahun[-1]}."
          if iku else "Grafik 4. Tidak dipakai: katalog indikator tidak punya indikator Kelompok IKU.", "miring")
    for i, th in enumerate(tahun):
        tgt, real, _cap, _kat = riwayat.get(th, (None, None, None, None))
        sebagian = th == h.tahun and h.periode is not None and h.periode.triwulan
        s.put(r + i, k, f"{th} (s.d. {h.periode.nama})" if sebagian else str(th), "teks")
        s.put(r + i, k + 1, _angka(tgt), "teks")
        s.put(r + i, k + 2, _angka(real), "teks")
        s.put(r + i, k + 3, angka_id(_angka(real)), "teks")
    for row in range(1, GRAFIK_BARIS_AKHIR + 1):
        s.heights[row] = 15.0  # the charts are anchored to rows: their height must not move
    s.cetak = C.grafik(GRAFIK_HALAMAN, h.kecamatan, h.kabupaten)
    return s


def status_beranda(h: Hasil, waktu: datetime) -> str:
    return (f"Terakhir dihitung {tanggal_id(waktu.date())} pukul {waktu:%H.%M}: "
            f"{h.jumlah_galat} galat, {h.jumlah_peringatan} peringatan (lihat lembar Validasi).")


def status_gagal(pesan: str, waktu: datetime) -> str:
    """Beranda's status line after a run that stopped (the Excel adapter shows it)."""
    return f"Gagal dihitung {tanggal_id(waktu.date())} pukul {waktu:%H.%M}: {pesan}"


def sel_tetap(h: Hasil, waktu: datetime) -> dict[str, dict[str, Any]]:
    """Single cells xl-iku fills on sheets it does not own (sheet → {ref: value}):
    Beranda's status line.  Every writer writes exactly these."""
    return {K.LEMBAR_BERANDA: {K.SEL_STATUS: status_beranda(h, waktu)}}


# ------------------------------------------------------------------ marks
# A temuan at an input cell colours that cell; the colours of the previous
# run are cleared first.  Which cells, which colour and what "cleared" means
# are decided here; the Excel adapter paints them (a file written by
# `xl-iku hitung` keeps its input sheets byte for byte, see README).
WARNA_GALAT = gaya.PERAN["galat"]["bg_color"]  # #FFC7CE
WARNA_PERINGATAN = gaya.PERAN["peringatan"]["bg_color"]  # #FFEB9C
# Fill a cell gets back when its mark is removed: the template's input colour
# (None: no fill).
WARNA_ASLI = {K.LEMBAR_PENGATURAN: "#FFF2CC"}
_SEL_TUNGGAL = re.compile(r"^\$?[A-Z]{1,3}\$?\d{1,7}$")


def tanda_baru(h: Hasil, lembar_masukan: set[str]) -> dict[tuple[str, int, int], str]:
    """(sheet, row, col) → fill colour for every temuan at a single input cell
    (a galat wins over a peringatan at the same cell)."""
    out: dict[tuple[str, int, int], str] = {}
    for t in h.temuan:
        if t.lembar not in lembar_masukan or not _SEL_TUNGGAL.match(t.sel or ""):
            continue
        r, c = parse_address(t.sel)
        key = (t.lembar, r, c)
        if t.tingkat == GALAT:
            out[key] = WARNA_GALAT
        else:
            out.setdefault(key, WARNA_PERINGATAN)
    return out


def perubahan_tanda(baru: dict[tuple[str, int, int], str],
                    lama: set[tuple[str, int, int]]) -> dict[str, dict[tuple[int, int], str | None]]:
    """Per sheet, (row, col) → the fill to paint: new marks, and the marks of the
    previous run that are gone, back to the sheet's input colour."""
    out: dict[str, dict[tuple[int, int], str | None]] = {}
    for (lembar, r, c) in lama:
        if (lembar, r, c) not in baru:
            out.setdefault(lembar, {})[(r, c)] = WARNA_ASLI.get(lembar)
    for (lembar, r, c), warna in baru.items():
        out.setdefault(lembar, {})[(r, c)] = warna
    return out


def sel_validasi_lama(baris: list[tuple[Any, Any, Any]]) -> set[tuple[str, int, int]]:
    """Cells listed by the previous run's Validasi rows (tingkat, lembar, sel)."""
    out = set()
    for tingkat, lembar, sel in baris:
        if tingkat in (GALAT, "peringatan") and isinstance(lembar, str) and isinstance(sel, str) \
                and _SEL_TUNGGAL.match(sel):
            r, c = parse_address(sel)
            out.add((lembar, r, c))
    return out


def hasil_kosong(kat=None) -> Hasil:
    """The empty result the template's output sheets are laid out from
    (`kat`: a catalogue of its own; default the built-in one)."""
    from .hasil import HasilAKIP, HasilIKM

    indikator = kat.indikator if kat is not None else katalog.INDIKATOR
    return Hasil(
        kecamatan=None, kabupaten=None, tahun=None,
        indikator=[HasilIndikator(i.kode, i.nama, i.satuan, status="tanpa_data", kelompok=i.kelompok, arah=i.arah,
                                  cara_hitung=i.cara) for i in indikator],
        ikm=HasilIKM(), akip=HasilAKIP(), temuan=[], katalog=kat,
    )
