"""Reading the workbook's catalogue (KONTRAK §5): tblIndikator → `Katalog`,
every bad cell a galat at that cell of tblIndikator blocking that indicator
only, and what the catalogue asks of the tables it reads (which columns are
numbers, the allowed values a condition adds, the period column).

A workbook without an Indikator sheet uses the built-in catalogue, resolved
by the same code against the same table specs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .. import kontrak as K
from ..dasar.raw import RawTable, RawWorkbook, address
from ..katalog import bawaan
from ..katalog import model as KM
from ..katalog.model import Indikator, Katalog, kunci
from ..rules.syarat import Syarat, SyaratError, baca_syarat
from .sel import SALAH, Pemeriksa, bersihkan, kosong

TABEL = "tblIndikator"
# Parameters each kind takes (the others must be blank).
_PARAM = {
    KM.SURVEI_IKM: (), KM.PREDIKAT_AKIP: (), KM.NILAI_AKIP: ("Pembilang",), KM.STATUS_DESA: ("Pembilang",),
    KM.HITUNG_BARIS: ("Tabel", "Saring", "Pembilang", "Penyebut"),
    KM.JUMLAH_KOLOM: ("Tabel", "Saring", "Pembilang", "Penyebut"),
    KM.RATA_RATA_RASIO: ("Tabel", "Saring", "Pembilang", "Penyebut"),
    KM.TEPAT_WAKTU: ("Tabel", "Saring", "Pembilang"),
    KM.NILAI_DIKETIK: (), KM.REKAP_MANUAL: (),
}
_WAJIB = {
    KM.HITUNG_BARIS: ("Tabel", "Pembilang"), KM.JUMLAH_KOLOM: ("Tabel", "Pembilang", "Penyebut"),
    KM.RATA_RATA_RASIO: ("Tabel", "Pembilang", "Penyebut"), KM.TEPAT_WAKTU: ("Tabel", "Pembilang"),
}
KOLOM_PERIODE = ("Tanggal", "Tanggal Masuk")
_NAMA_LEMBAR_TERLARANG = re.compile(r"[\[\]:*?/\\]")
# Sheets a Kelompok may not be named after (input and xl-iku's own).
LEMBAR_MASUKAN = frozenset(kunci(s) for s in (
    *(t.lembar for t in K.TABEL.values()), K.LEMBAR_PENGATURAN, K.LEMBAR_BERANDA, K.LEMBAR_REFERENSI,
    K.LEMBAR_SKM, K.LEMBAR_VALIDASI, "Grafik"))


@dataclass
class Terbaca:
    """What the catalogue asks of the tables: read by the validation of tables."""

    katalog: Katalog
    # kode → parsed conditions (saring, pembilang, penyebut) resolved to the table's headers.
    syarat: dict[str, dict[str, Syarat]] = field(default_factory=dict)
    # kode → resolved header parameters (Pembilang/Penyebut columns, Tepat Waktu's standard).
    kolom: dict[str, dict[str, str]] = field(default_factory=dict)
    # Table specs to clean with: built-in ones with allowed values extended, the office's own tables.
    spesifikasi: dict[str, K.Tabel] = field(default_factory=dict)
    # Codes blocked by a galat in their own catalogue row.
    rusak: set[str] = field(default_factory=set)
    # kode → where a text value of a condition sits (for the "no row carries it" peringatan).
    sel_syarat: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    # table → the headers a catalogue row reads as numbers (Pembilang/Penyebut of Jumlah Kolom
    # and Rata-rata Rasio, a condition's number comparison): where a percent-formatted
    # number counts as the percentage it shows (KONTRAK §3 "Cells", §5; `validasi.persen`).
    kolom_angka: dict[str, set[str]] = field(default_factory=dict)


def _nama_tabel(raw: RawWorkbook, teks: str) -> str | None:
    k = kunci(teks)
    for n in raw.tables:
        if kunci(n) == k:
            return n
    return None


def _header(t: RawTable | K.Tabel, teks: str) -> str | None:
    heads = t.columns if isinstance(t, RawTable) else t.headers
    k = kunci(teks)
    return next((h for h in heads if kunci(h) == k), None)


def kolom_periode(headers) -> str | None:
    """The column that decides whether a row is in the period (KONTRAK §5)."""
    return next((h for h in KOLOM_PERIODE if h in headers), None)


def _baris_katalog(raw: RawWorkbook, p: Pemeriksa) -> list[tuple[Indikator, dict[str, str], bool]] | None:
    """tblIndikator's rows as (indicator, header → cell, a cell of it was a
    galat) triples; None: the built-in catalogue."""
    t = raw.tables.get(TABEL)
    if t is None:
        return None
    spec = K.TABEL[TABEL]
    out: list[tuple[Indikator, dict[str, str], bool]] = []
    pertama: dict[str, str] = {}
    for row in t.rows:
        if all(kosong(v) for v in row.values.values()):
            continue
        nilai: dict[str, object] = {}
        sel: dict[str, str] = {h: row.cell(h) for h in t.columns}
        rusak = False
        for kol in spec.kolom:
            if kol.header not in t.columns:
                nilai[kol.header] = None
                continue
            v, pesan, _ = bersihkan(row.values.get(kol.header), kol)
            if pesan:
                p.galat(t.sheet, sel[kol.header], pesan)
                rusak = True
                v = None
            nilai[kol.header] = v
        kode = nilai["Kode"]
        if kode is None:
            p.galat(t.sheet, sel.get("Kode", address(row.row, 1)),
                    "Kode indikator wajib diisi; baris katalog ini tidak dihitung.")
            continue
        kode = " ".join(str(kode).split())
        if kunci(kode) in pertama:
            p.galat(t.sheet, sel["Kode"], f"Kode {kode} sudah dipakai di sel {pertama[kunci(kode)]}; setiap "
                    "indikator harus punya kode sendiri. Baris ini tidak dihitung.", kode=kode)
            continue
        pertama[kunci(kode)] = sel["Kode"]
        blok = {"kode": kode, "blokir": (kode,)}
        kelompok = nilai["Kelompok"]
        if kelompok is None:
            p.galat(t.sheet, sel["Kelompok"], f"Kelompok {kode} wajib diisi: nama lembar tempat indikator ini "
                    "dilaporkan.", **blok)
            continue
        if len(kelompok) > 31 or _NAMA_LEMBAR_TERLARANG.search(kelompok):
            p.galat(t.sheet, sel["Kelompok"], f"Kelompok '{kelompok}' tidak bisa menjadi nama lembar Excel: "
                    "paling banyak 31 huruf, tanpa [ ] : * ? / \\.", **blok)
            continue
        if kunci(kelompok) in LEMBAR_MASUKAN:
            p.galat(t.sheet, sel["Kelompok"], f"Kelompok '{kelompok}' sama dengan nama lembar isian; pilih nama "
                    "lain untuk lembar laporannya.", **blok)
            continue
        if nilai["Indikator"] is None:
            p.galat(t.sheet, sel["Indikator"], f"Nama indikator {kode} wajib diisi.", **blok)
            rusak = True
        cara = nilai["Cara Hitung"]
        if cara is None:
            if "Cara Hitung" in sel and row.values.get("Cara Hitung") in (None, ""):
                p.galat(t.sheet, sel["Cara Hitung"], f"Cara Hitung {kode} wajib diisi.", **blok)
            rusak = True
        ind = Indikator(
            kode=kode, nama=nilai["Indikator"] or kode, satuan=nilai["Satuan"] or "",
            penanggung_jawab=nilai["Penanggung Jawab"] or "", definisi=nilai["Definisi Operasional"] or "",
            formulasi=nilai["Formulasi Perhitungan"] or "", kelompok=kelompok, cara=cara or "",
            tabel=nilai["Tabel"], saring=nilai["Saring"], pembilang=nilai["Pembilang"], penyebut=nilai["Penyebut"],
            arah=nilai["Arah"] or KM.NAIK, sasaran=nilai["Sasaran"], sumber_data=nilai["Sumber Data"], baris=row.row)
        out.append((ind, sel, rusak))
    return out


def baca_katalog(raw: RawWorkbook, p: Pemeriksa) -> Terbaca:
    """The workbook's catalogue, resolved against its tables."""
    baris = _baris_katalog(raw, p)
    if baris is None:
        daftar = [(i, {}, False) for i in bawaan.INDIKATOR]
        lembar = None
    else:
        daftar = baris
        lembar = raw.tables[TABEL].sheet
    katalog = Katalog(tuple(i for i, _, _ in daftar), bawaan=baris is None)
    tb = Terbaca(katalog)
    ekstra: dict[str, dict[str, set[str]]] = {}  # built-in table → header → extra allowed values
    angka: dict[str, set[str]] = {}  # office table → headers used as numbers
    for ind, sel, rusak in daftar:
        if rusak:
            tb.rusak.add(ind.kode)
        _pasang(raw, ind, sel, lembar, p, tb, ekstra, angka)
    if lembar is not None:
        _lembar_kelompok(raw, daftar, lembar, p)
    if "tblTarget" in raw.tables:
        spec = K.TABEL["tblTarget"]
        tahun = K.kolom_tahun(raw.tables["tblTarget"].columns)
        if tahun:
            tb.spesifikasi["tblTarget"] = replace(spec, kolom=spec.kolom[:3] + tuple(
                K.Kolom(h, K.Jenis.TEKS, lebar=8) for h in tahun))
    for nama, per_kolom in ekstra.items():
        spec = tb.spesifikasi.get(nama, K.TABEL[nama])
        kolom = tuple(replace(k, pilihan=k.pilihan + tuple(sorted(per_kolom[k.header] - set(k.pilihan))))
                      if k.header in per_kolom else k for k in spec.kolom)
        tb.spesifikasi[nama] = replace(spec, kolom=kolom)
    for nama, heads in angka.items():
        t = raw.tables[nama]
        periode = kolom_periode(t.columns)
        kolom = []
        for h in t.columns:
            if h == periode:
                kolom.append(K.Kolom(h, K.Jenis.TANGGAL, wajib=True))
            elif h == "Tahun" and periode is None:
                kolom.append(K.Kolom(h, K.Jenis.BULAT))
            elif h in heads:
                kolom.append(K.Kolom(h, K.Jenis.ANGKA))
            else:
                kolom.append(K.Kolom(h))
        tb.spesifikasi[nama] = K.Tabel(nama, t.sheet, tuple(kolom), kolom_tanggal=periode)
    return tb


def _lembar_kelompok(raw: RawWorkbook, daftar, lembar: str, p: Pemeriksa) -> None:
    """A built-in output sheet no Kelompok names is left alone, with a
    peringatan (a new Kelompok's sheet is created by the writers)."""
    ada = {kunci(s) for s in raw.sheets}
    if not ada:
        return
    dipakai = {kunci(i.kelompok) for i, _, _ in daftar}
    for nama in (bawaan.KELOMPOK_IKU, bawaan.KELOMPOK_IK, bawaan.KELOMPOK_IKP):
        if kunci(nama) in ada and kunci(nama) not in dipakai:
            p.peringatan(nama, "A1", f"Lembar {nama} tidak lagi dipakai katalog indikator; isinya dibiarkan apa "
                         "adanya (hapus lembar ini bila tidak diperlukan).")


def _pasang(raw, ind: Indikator, sel: dict[str, str], lembar, p: Pemeriksa, tb: Terbaca, ekstra, angka) -> None:
    """Check one indicator's parameters against the tables; record what it reads."""
    kode = ind.kode
    blok = {"kode": kode, "blokir": (kode,)}

    def salah(header: str, pesan: str) -> None:
        tb.rusak.add(kode)
        if lembar is None:  # the built-in catalogue is checked by the tests, never at run time
            raise AssertionError(pesan)
        p.galat(lembar, sel.get(header, address(ind.baris or 1, 1)), pesan, **blok)

    dibaca: set[tuple[str, str | None]] = set()
    tb.katalog.kolom_dibaca[kode] = frozenset()
    if ind.cara not in KM.CARA_HITUNG:
        return  # its cell galat is filed already
    param = {"Tabel": ind.tabel, "Saring": ind.saring, "Pembilang": ind.pembilang, "Penyebut": ind.penyebut}
    for h, v in param.items():
        if v is not None and h not in _PARAM[ind.cara]:
            salah(h, f"Cara Hitung '{ind.cara}' tidak memakai {h}; kosongkan sel ini ({kode}).")
    for h in _WAJIB.get(ind.cara, ()):
        if param[h] is None:
            salah(h, f"Cara Hitung '{ind.cara}' memerlukan {h} ({kode}).")
    if kode in tb.rusak and lembar is not None:
        return

    if ind.cara not in KM.CARA_TABEL:
        nama = KM.TABEL_TETAP[ind.cara]
        if ind.cara == KM.SURVEI_IKM:
            dibaca |= {("tblSKM", u) for u in K.UNSUR} | {("tblSKM", "Tanggal")}
        elif ind.cara == KM.NILAI_AKIP and ind.pembilang is not None:
            h = _header(K.TABEL["tblAKIP"], ind.pembilang)
            if h is None or h in ("Tahun", "Predikat LHE"):
                salah("Pembilang", f"'{ind.pembilang}' bukan komponen tabel AKIP; pilih salah satu dari: "
                      "Perencanaan Kinerja, Pengukuran Kinerja, Pelaporan Kinerja, Evaluasi Internal, atau "
                      f"kosongkan untuk nilai total ({kode}).")
                return
            tb.kolom[kode] = {"Pembilang": h}
            # The year's AKIP row is one record: a galat in any of its cells
            # drops it, so every AKIP indicator reads the whole table.
            dibaca.add(("tblAKIP", None))
        elif ind.cara == KM.STATUS_DESA and ind.pembilang is not None:
            tb.kolom[kode] = {"Pembilang": ind.pembilang}
            dibaca.add((nama, None))
        else:
            dibaca.add((nama, None))
        tb.katalog.kolom_dibaca[kode] = frozenset(dibaca)
        return

    nama = _nama_tabel(raw, ind.tabel) if lembar is not None else ind.tabel
    if nama is None:
        salah("Tabel", f"Tabel '{ind.tabel}' tidak ada di buku kerja ini; tulis nama Excel Table-nya "
              f"(mis. tblKegiatan) ({kode}).")
        return
    if nama in (TABEL, "tblTarget", "tblRiwayat", "tblRekapManual", "tblTargetTriwulan"):
        salah("Tabel", f"Tabel '{nama}' tidak bisa dihitung dengan Cara Hitung '{ind.cara}' ({kode}).")
        return
    t = raw.tables.get(nama) if lembar is not None else None
    heads: tuple[str, ...] = tuple(t.columns) if t is not None else K.TABEL[nama].headers
    builtin = nama in K.TABEL
    periode = kolom_periode(heads)
    if periode:
        dibaca.add((nama, periode))
    elif "Tahun" in heads:
        dibaca.add((nama, "Tahun"))

    def header(h_param: str, teks: str) -> str | None:
        h = next((x for x in heads if kunci(x) == kunci(teks)), None)
        if h is None:
            salah(h_param, f"Tabel {nama} tidak punya kolom '{teks}'; kolomnya: {', '.join(heads)} ({kode}).")
        return h

    syarat: dict[str, Syarat] = {}
    sel_teks: dict[str, tuple[str, str]] = {}
    kond = [("Saring", ind.saring)]
    if ind.cara == KM.HITUNG_BARIS:
        kond += [("Pembilang", ind.pembilang), ("Penyebut", ind.penyebut)]
    for h_param, teks in kond:
        if teks is None:
            continue
        try:
            s = baca_syarat(teks).pasang(heads)
        except SyaratError as e:
            salah(h_param, f"{h_param} {kode}: {e}")
            continue
        syarat[h_param] = s
        for kol in s.kolom:
            dibaca.add((nama, kol))
        for kol in s.kolom_angka:
            if builtin:
                j = K.TABEL[nama].kolom_by_header(kol).jenis
                if j not in (K.Jenis.ANGKA, K.Jenis.BULAT, K.Jenis.LIKERT):
                    salah(h_param, f"Kolom '{kol}' tabel {nama} bukan kolom angka ({kode}).")
                    continue
            else:
                angka.setdefault(nama, set()).add(kol)
            tb.kolom_angka.setdefault(nama, set()).add(kol)
        for kol, vals in s.nilai_teks().items():
            for v in vals:
                sel_teks[f"{kol}\x00{v}"] = (h_param, v)
            if builtin:
                k = K.TABEL[nama].kolom_by_header(kol)
                if k.jenis is K.Jenis.PILIHAN:
                    baru = {v for v in vals if kunci(v) not in {kunci(x) for x in k.pilihan}}
                    if baru:
                        ekstra.setdefault(nama, {}).setdefault(kol, set()).update(baru)
    tb.syarat[kode] = syarat
    tb.sel_syarat[kode] = {k: (sel.get(h, ""), v) for k, (h, v) in sel_teks.items()}

    kolom: dict[str, str] = {}
    if ind.cara in (KM.JUMLAH_KOLOM, KM.RATA_RATA_RASIO):
        for h_param in ("Pembilang", "Penyebut"):
            h = header(h_param, param[h_param])
            if h is None:
                continue
            if builtin and K.TABEL[nama].kolom_by_header(h).jenis not in (K.Jenis.ANGKA, K.Jenis.BULAT):
                salah(h_param, f"Kolom '{h}' tabel {nama} bukan kolom angka ({kode}).")
                continue
            if not builtin:
                angka.setdefault(nama, set()).add(h)
            tb.kolom_angka.setdefault(nama, set()).add(h)
            kolom[h_param] = h
            dibaca.add((nama, h))
    elif ind.cara == KM.TEPAT_WAKTU:
        for h in ("Tanggal Masuk", "Tanggal Selesai"):
            if h not in heads:
                salah("Tabel", f"Tabel {nama} tidak punya kolom '{h}' yang diperlukan Cara Hitung Tepat Waktu "
                      f"({kode}).")
                return
            dibaca.add((nama, h))
        dibaca.add(("tblHariLibur", None))
        standar = ind.pembilang.strip()
        if standar.isdigit():
            kolom["Standar"] = "#" + standar
        elif (h := next((x for x in heads if kunci(x) == kunci(standar)), None)) is not None:
            kolom["Standar"] = h
            dibaca |= {(nama, h), ("tblJenisLayanan", None)}
        elif any(kunci(n) == kunci(standar) for n in raw.names) or (lembar is None and standar in
                                                                    {s.nama for s in K.PENGATURAN}):
            kolom["Standar"] = "=" + next((n for n in raw.names if kunci(n) == kunci(standar)), standar)
        else:
            salah("Pembilang", f"Standar waktu '{standar}' bukan bilangan bulat hari kerja, bukan kolom tabel "
                  f"{nama}, dan bukan nama pengaturan ({kode}).")
            return
    if not builtin:
        angka.setdefault(nama, set())
    tb.kolom[kode] = kolom
    tb.katalog.kolom_dibaca[kode] = frozenset(dibaca)


# The built-in catalogue resolved against KONTRAK §2's tables (no workbook needed).
BAWAAN: Terbaca = baca_katalog(RawWorkbook(), Pemeriksa())
