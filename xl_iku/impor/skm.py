"""`xl-iku impor-skm`: append survey responses to tblSKM, faithfully.

The workbook is patched like `io.file_writer` does for output sheets: only
two parts change — the SKM sheet (new `<row>`s directly below the last filled
row of tblSKM, `<dimension>`) and the tblSKM table part (`ref` and its
`autoFilter ref` extended).  Every other part is copied through unchanged;
sharedStrings.xml is never touched because text is written as inline strings
(`t="inlineStr"`), which Excel and LibreOffice read as text, never as a
formula — so a Saran such as `=HYPERLINK("http://x","klik")` stays the
literal text the respondent typed.  Numbers (No, Usia, U1–U9) are numbers;
Tanggal is the response's timestamp as an Excel serial (date and time) with
the date style the column already uses.  The file is replaced atomically and
the previous version kept as `<name>.bak.xlsx`.

Duplicates: a response is its nine answers U1–U9 at its instant, to the
second (±1 s), whatever date style the export uses; the instant is also tried
with day and month swapped, so rows an earlier import read the other way round
are found and named (see _cari).  Imported rows keep their time of day in the
Tanggal cell (the cell shows only the date), so importing the same export
twice, or an export that overlaps an earlier one, adds each response once.
Each tblSKM row stands for one response, so two respondents with the same
answers on the same day (rows typed with a date only) stay two rows.  The
profile is not part of the identity: an office may correct a Jenis Layanan in
the workbook without the response coming in again.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import Any, Iterable

from lxml import etree

from .. import kontrak as K
from ..dasar.ooxml import DEKLARASI as _DEKLARASI, XML_SPACE as _XML_SPACE, angka_xml as _num, bersih, ke_serial
from ..dasar.ooxml import ns_of as _ns, q as _q
from ..io import file_reader
from ..io.atomic import check_not_locked, write_atomic
from ..io.package import FileError, Package
from ..dasar.raw import address, parse_address, parse_ref
from ..io.salin import salin
from ..hasil import GALAT
from ..referensi import UNSUR_LABEL
from ..validasi import tabel as V
from . import formulir as F
from . import pemetaan as M

TABEL = "tblSKM"
MAX_TEKS = 32767  # Excel's limit for one cell


@dataclass
class Masalah:
    nomor: int  # CSV line / sheet row in the form
    pesan: str


@dataclass
class BarisBaru:
    nomor: int
    waktu: datetime
    nilai: dict[str, Any]  # tblSKM header → value


@dataclass
class LaporanImpor:
    formulir: str
    buku: Path
    satuan_baris: str
    tanggapan: int = 0
    baru: list[BarisBaru] = field(default_factory=list)
    duplikat: list[int] = field(default_factory=list)
    ditolak: list[Masalah] = field(default_factory=list)  # responses not imported (unknown answer, no timestamp)
    galat: list[Masalah] = field(default_factory=list)  # findings hitung will repeat; an unsur without a column
    peringatan: list[Masalah] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    peta: dict[str, list[str]] = field(default_factory=dict)  # target → form headers
    diabaikan: list[str] = field(default_factory=list)
    baris_lembar: tuple[int, int] | None = None  # first/last SKM sheet row written
    ditulis: bool = False

    @property
    def kode_keluar(self) -> int:
        return 1 if self.ditolak or self.galat else 0


# ---------------------------------------------------------------- reading the form


def _teks(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, datetime):
        v = v.strftime("%d/%m/%Y")
    s = bersih(str(v)).strip()
    return s[:MAX_TEKS] if s else None


def _kunci(detik: int | None, jawaban: Iterable[Any]) -> tuple:
    norm = []
    for v in jawaban:
        if isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer():
            norm.append(int(v))
        elif v is None or (isinstance(v, str) and not v.strip()):
            norm.append(None)
        else:
            try:
                norm.append(M.skor(v))
            except M.TakDikenal:
                norm.append(str(v).strip())
    return (detik, tuple(norm))


def _jenis_layanan_dikenal(raw) -> dict[str, str]:
    t = raw.tables.get("tblJenisLayanan")
    out: dict[str, str] = {}
    if t is None:
        return out
    for r in t.rows:
        v = r.values.get("Jenis Layanan")
        if isinstance(v, str) and v.strip():
            out.setdefault(" ".join(v.split()).casefold(), " ".join(v.split()))
    return out


PROFIL_SALINAN = ("Jenis Layanan", "Jenis Kelamin", "Usia", "Pendidikan", "Pekerjaan", "Saran")


def _kolom(form: F.Formulir, peta: M.PetaKolom, target: str) -> str:
    idx = peta.kolom.get(target)
    h = form.header[idx[0]] if idx else target
    return f"kolom '{M._pendek(h, 50)}'"


def _label(u: str) -> str:
    return f"{u} ({UNSUR_LABEL[u]})"


def urutan_form(form: F.Formulir, i_tgl: int, baris: list[F.BarisFormulir], fmt: str | None) -> str:
    """The day/month order of the timestamp column: from --format-tanggal, or
    settled by the column itself; never guessed (FileError, one sentence)."""
    if fmt:
        return M.urutan_dari_format(fmt) or M.HARI_BULAN
    try:
        return M.urutan_tanggal([b.nilai[i_tgl] for b in baris])
    except M.UrutanTakPasti as e:
        raise FileError(
            f"Urutan hari dan bulan stempel waktu di kolom '{M._pendek(form.header[i_tgl], 40)}' di '{form.nama}' tidak "
            f"dapat dipastikan dari isinya ({e}), jadi tidak ditebak: jalankan lagi dengan --format-tanggal "
            "\"%d/%m/%Y\" bila ekspornya berformat Indonesia (hari/bulan) atau --format-tanggal \"%m/%d/%Y\" bila "
            "berformat Amerika (bulan/hari)."
        ) from None


def _indeks_ada(tbl) -> dict[tuple, list[int]]:
    """(second, answers U1–U9) → the sheet rows holding it, for every filled tblSKM row."""
    ada: dict[tuple, list[int]] = {}
    for r in tbl.rows:
        if not any(not _kosong(v) for v in r.values.values()):
            continue
        d = M.detik(r.values.get("Tanggal"))
        if d is not None:
            ada.setdefault(_kunci(d, (r.values.get(u) for u in K.UNSUR)), []).append(r.row)
    return ada


def _cari(ada: dict[tuple, list[int]], ts: datetime, jawaban: tuple) -> tuple[str, int] | None:
    """Is this response already in tblSKM?  ('sama' | 'tertukar', sheet row) or None.

    A response is its nine answers at its instant, to the second (±1 s: a CSV
    shows the seconds cut off, a workbook keeps the instant rounded).  Each
    tblSKM row stands for one response only (it is used up when matched), so
    two respondents with the same answers at the same instant — a paper survey
    typed in with dates only — stay two, and re-importing the same file adds
    neither.  The instant is also tried with day and month swapped, so rows an
    earlier import read the other way round are found (and named), never
    imported a second time."""
    for jenis, t in (("sama", ts), ("tertukar", M.tertukar(ts))):
        if t is None:
            continue
        d = M.detik(t)
        for dd in (d, d - 1, d + 1):
            rows = ada.get((dd, jawaban))
            if rows:
                return jenis, rows.pop(0)
    return None


def siapkan(form: F.Formulir, p: M.Pemetaan, raw, lap: LaporanImpor, masukan=None) -> None:
    """Map every response; fill lap.baru / duplikat / ditolak / galat / peringatan.

    Every cell written is judged by validasi's tblSKM rules (temuan_sel_skm),
    the code `hitung` runs: a finding there is the same finding here."""
    peta = M.petakan_kolom(form.header, p, form.nama)
    lap.peta = {t: [form.header[i] for i in idx] for t, idx in peta.kolom.items()}
    lap.diabaikan = peta.diabaikan
    for target, lain, dipakai in peta.kalah:
        # Never a silent choice between two columns that both name a tblSKM column.
        nama = _label(target) if target in UNSUR_LABEL else target
        lap.peringatan.append(Masalah(1, (
            f"kolom '{M._pendek(lain, 50)}' juga tampak sebagai {nama}, tetapi yang dipakai kolom "
            f"'{M._pendek(dipakai, 50)}' (judulnya lebih pasti); kolom itu diabaikan — tentukan lain dengan --pemetaan "
            "bila keliru.")))
    i_tgl = peta.kolom["Tanggal"][0]
    i_u = {u: peta.kolom[u][0] for u in K.UNSUR if u in peta.kolom}

    # Rows without a single answer (blank submissions, a template's legend
    # block) are no responses: one peringatan, as `hitung` gives for such rows.
    kosong_nomor: list[int] = []
    isi: list[F.BarisFormulir] = []
    for b in form.baris:
        if V.tanpa_jawaban(None if _kosong(b.nilai[i]) else b.nilai[i] for i in i_u.values()):
            kosong_nomor.append(b.nomor)
        else:
            isi.append(b)
    lap.tanggapan = len(isi)
    if kosong_nomor:
        lap.peringatan.append(Masalah(kosong_nomor[0], V.pesan_tanpa_jawaban(kosong_nomor, form.satuan_baris)))
    urutan = urutan_form(form, i_tgl, isi, p.format_tanggal)

    tbl = raw.tables[TABEL]
    ada = _indeks_ada(tbl)
    nama_jl = _jenis_layanan_dikenal(raw)
    dikenal = set(masukan.jenis_layanan) if masukan is not None else {k for k in nama_jl}
    periode = masukan.periode if masukan is not None else None
    di_luar: list[int] = []
    seen: dict[tuple, int] = {}

    def ambil(target: str, b: F.BarisFormulir):
        idx = peta.kolom.get(target)
        if not idx:
            return None
        return b.nilai[idx[0]]

    for b in isi:
        salah: list[str] = []
        v_tgl = b.nilai[i_tgl]
        try:
            ts = M.waktu(v_tgl, urutan, p.format_tanggal)
        except ValueError:
            ts = None
            contoh = _teks(v_tgl)
            salah.append(f"{_kolom(form, peta, 'Tanggal')}: stempel waktu kosong" if contoh is None else
                         f"{_kolom(form, peta, 'Tanggal')}: '{contoh[:40]}' bukan tanggal/waktu yang dikenali")
        jawaban: dict[str, int | None] = {}
        for u in K.UNSUR:
            v = ambil(u, b)
            try:
                jawaban[u] = M.skor(v, p.kamus_unsur(u))
            except M.TakDikenal as e:
                jawaban[u] = None
                salah.append(f"{_kolom(form, peta, u)} ({_label(u)}): jawaban '{str(e)[:40]}' tidak dikenal")
        if salah:
            lap.ditolak.append(Masalah(b.nomor, "; ".join(salah) + "; tanggapan ini tidak diimpor (tambahkan labelnya "
                                       "di berkas --pemetaan bila jawaban itu sah)."))
            continue
        nilai: dict[str, Any] = {"Tanggal": ts, **jawaban}
        # Profile cells are written as the respondent gave them when they map
        # to nothing: hitung then finds exactly what is reported here.
        v = ambil("Jenis Kelamin", b)
        try:
            nilai["Jenis Kelamin"] = M.jenis_kelamin(v, p.kelamin)
        except M.TakDikenal:
            nilai["Jenis Kelamin"] = _teks(v)
        v = ambil("Usia", b)
        try:
            nilai["Usia"] = M.usia(v, p.usia)
        except M.TakDikenal:
            nilai["Usia"] = _teks(v)
        jl = _teks(ambil("Jenis Layanan", b))
        if jl is not None:
            jl = p.jenis_layanan.get(M.norm(jl), jl)
            jl = nama_jl.get(" ".join(jl.split()).casefold(), jl)
        nilai["Jenis Layanan"] = jl
        nilai["Pendidikan"] = _teks(ambil("Pendidikan", b))
        nilai["Pekerjaan"] = _teks(ambil("Pekerjaan", b))
        saran = [s for s in (_teks(b.nilai[i]) for i in peta.kolom.get("Saran", [])) if s]
        nilai["Saran"] = "; ".join(saran)[:MAX_TEKS] if saran else None

        kunci = _kunci(0, (jawaban[u] for u in K.UNSUR))[1]
        if ts.time() != time(0):
            # Two submissions are never the same to the second with the same answers
            # and profile: a row repeated in one file is a copy (exports pasted together).
            salinan = (M.detik(ts), kunci, tuple(nilai.get(h) for h in PROFIL_SALINAN))
            if salinan in seen:
                lap.duplikat.append(b.nomor)
                lap.peringatan.append(Masalah(b.nomor, (
                    f"sama persis dengan {form.satuan_baris} {seen[salinan]} di berkas ini (stempel waktu sampai detik, "
                    "jawaban dan profil): salinan ganda, dilewati.")))
                continue
            seen[salinan] = b.nomor
        sudah = _cari(ada, ts, kunci)
        if sudah is not None:
            lap.duplikat.append(b.nomor)
            jenis, r = sudah
            if jenis == "tertukar":
                lap.peringatan.append(Masalah(b.nomor, (
                    f"tanggapan ini sudah ada di tblSKM (lembar {tbl.sheet} baris {r}) dengan hari dan bulan tertukar; "
                    f"tidak ditambahkan lagi. Tanggal yang benar {ts.day:02d}/{ts.month:02d}/{ts.year}: perbaiki sel "
                    f"{tbl.sheet}!{address(r, tbl.columns['Tanggal'])}.")))
            continue
        _, temuan = V.temuan_sel_skm(nilai, dikenal)
        for tingkat, header, pesan in temuan:
            teks = f"{_kolom(form, peta, header)} → {header} di tblSKM: {pesan}"
            (lap.galat if tingkat == GALAT else lap.peringatan).append(Masalah(b.nomor, teks))
        if periode is not None and not periode.memuat(ts.date()):
            di_luar.append(b.nomor)
        lap.baru.append(BarisBaru(b.nomor, ts, nilai))
    if di_luar:
        lap.peringatan.append(Masalah(di_luar[0], (
            f"{len(di_luar)} tanggapan baru bertanggal di luar {periode.uraian}; tetap ditambahkan, tetapi xl-iku "
            f"hitung tidak menghitungnya untuk periode ini ({form.satuan_baris} {_rentang(di_luar)}).")))
    if peta.hilang:
        # An unsur without a column would come in blank for every response and
        # move its NRR silently: nothing is imported until it is mapped.
        for u in peta.hilang:
            lap.galat.append(Masalah(1, (
                f"tidak ada kolom untuk {_label(u)} — judul pertanyaannya tidak dikenali; petakan judulnya dengan "
                f"berkas --pemetaan (bagian kolom, mis. \"Judul pertanyaan\" = \"{u}\"). Tidak satu pun tanggapan "
                "diimpor.")))
        lap.baru.clear()


def _rentang(nomor: list[int]) -> str:
    teks = ", ".join(str(n) for n in nomor[:12])
    return teks + (", …" if len(nomor) > 12 else "")


def _kosong(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


# ---------------------------------------------------------------- writing the workbook


class _Lembar:
    """The SKM sheet XML with rows addressable by number."""

    def __init__(self, root):
        self.root = root
        self.ns = ns = _ns(root)
        sd = root.find(_q(ns, "sheetData"))
        if sd is None:
            raise FileError("Lembar SKM tidak berisi data sel yang dikenali.")
        self.sd = sd
        self.rows: dict[int, Any] = {}
        r_prev = 0
        for row in sd.findall(_q(ns, "row")):
            r = int(row.get("r") or r_prev + 1)
            row.set("r", str(r))
            r_prev = r
            c_prev = 0
            for c in row.findall(_q(ns, "c")):
                ref = c.get("r")
                if ref:
                    c_prev = parse_address(ref)[1]
                else:
                    c_prev += 1
                    c.set("r", address(r, c_prev))
            self.rows[r] = row

    def cell(self, r: int, col: int):
        row = self.rows.get(r)
        if row is None:
            return None
        ref = address(r, col)
        for c in row.findall(_q(self.ns, "c")):
            if c.get("r") == ref:
                return c
        return None

    def row(self, r: int):
        row = self.rows.get(r)
        if row is not None:
            return row
        row = etree.Element(_q(self.ns, "row"))
        row.set("r", str(r))
        if self.rows and r < max(self.rows):
            self.rows[min(x for x in self.rows if x > r)].addprevious(row)
        else:
            self.sd.append(row)  # the usual case: below everything
        self.rows[r] = row
        return row

    def set(self, r: int, col: int, value: Any, s: str | None) -> None:
        row = self.row(r)
        ns = self.ns
        old = self.cell(r, col)
        c = etree.Element(_q(ns, "c"))
        c.set("r", address(r, col))
        if s:
            c.set("s", s)
        if value is None:
            pass
        elif isinstance(value, datetime):
            etree.SubElement(c, _q(ns, "v")).text = _num(ke_serial(value))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            etree.SubElement(c, _q(ns, "v")).text = _num(value)
        else:
            c.set("t", "inlineStr")
            t = etree.SubElement(etree.SubElement(c, _q(ns, "is")), _q(ns, "t"))
            t.set(_XML_SPACE, "preserve")
            t.text = str(value)
        if old is not None:
            old.addprevious(c)
            row.remove(old)
            return
        for other in row.findall(_q(ns, "c")):
            if parse_address(other.get("r"))[1] > col:
                other.addprevious(c)
                return
        ext = row.find(_q(ns, "extLst"))
        if ext is not None:
            ext.addprevious(c)
        else:
            row.append(c)

    def gaya_kolom(self) -> dict[int, str]:
        """Column → default style index from <cols>."""
        out: dict[int, str] = {}
        cols = self.root.find(_q(self.ns, "cols"))
        if cols is None:
            return out
        for c in cols.findall(_q(self.ns, "col")):
            s = c.get("style")
            if s is None:
                continue
            try:
                lo, hi = int(c.get("min")), int(c.get("max"))
            except (TypeError, ValueError):
                continue
            for i in range(lo, min(hi, lo + 16384) + 1):
                out.setdefault(i, s)
        return out

    def perluas_dimensi(self, last_row: int, last_col: int) -> None:
        dim = self.root.find(_q(self.ns, "dimension"))
        if dim is None or not dim.get("ref"):
            return
        try:
            r1, c1, r2, c2 = parse_ref(dim.get("ref"))
        except ValueError:
            return
        dim.set("ref", f"{address(min(r1, 1), min(c1, 1))}:{address(max(r2, last_row), max(c2, last_col))}")

    def bytes(self) -> bytes:
        return _DEKLARASI + etree.tostring(self.root, encoding="UTF-8")


_DATE_IDS = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59))


def _gaya_tanggal(pkg: Package, s: str | None) -> bool | None:
    """Is style `s` a date format?  None when it cannot be told."""
    if s is None:
        return False
    part = next((r.target for r in pkg.relationships(pkg.workbook_part) if r.type.endswith("/styles")), None)
    if part is None or not pkg.has_part(part):
        return None
    root = pkg.xml(part)
    ns = _ns(root)
    xfs = root.find(_q(ns, "cellXfs"))
    try:
        xf = xfs.findall(_q(ns, "xf"))[int(s)]
        fid = int(xf.get("numFmtId", "0"))
    except (AttributeError, IndexError, ValueError):
        return None
    if fid in _DATE_IDS:
        return True
    fmts = root.find(_q(ns, "numFmts"))
    for f in (fmts.findall(_q(ns, "numFmt")) if fmts is not None else []):
        if f.get("numFmtId") == str(fid):
            code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", f.get("formatCode", "")).lower()
            return bool(re.search(r"[dy]", code))
    return False


def _patch_tabel(xml: str, ref_baru: str) -> str:
    """Set the <table ref> and its <autoFilter ref> (only those two attributes)."""
    m = re.search(r"<(\w+:)?table\s[^>]*>", xml)
    if not m:
        raise FileError("Bagian tabel tblSKM tidak dikenali.")
    tag = re.sub(r'(\sref=")[^"]*(")', rf"\g<1>{ref_baru}\g<2>", m.group(0), count=1)
    xml = xml[: m.start()] + tag + xml[m.end():]
    return re.sub(r'(<(?:\w+:)?autoFilter\s[^>]*?\bref=")[^"]*(")', rf"\g<1>{ref_baru}\g<2>", xml, count=1)


def tulis(pkg: Package, raw, lap: LaporanImpor, out) -> None:
    """Write the patched package with lap.baru appended to tblSKM into `out`."""
    info = pkg.tables[TABEL]
    tbl = raw.tables[TABEL]
    r1, c1, r2, c2 = parse_ref(info.ref)
    if re.search(r'totalsRowCount="[1-9]', pkg.read(info.part).decode("utf-8", "replace")):
        raise FileError("Tabel tblSKM memiliki baris total; hapus baris total itu dulu agar jawaban dapat ditambahkan di bawahnya.")
    lembar = _Lembar(pkg.xml(pkg.sheet(info.sheet).part))
    terisi = [r.row for r in tbl.rows if any(not _kosong(v) for v in r.values.values())]
    terakhir = max(terisi) if terisi else tbl.header_row
    mulai = terakhir + 1
    cols = tbl.columns  # header → sheet column
    # Style per column: the last filled row, else the first data row, else <cols>.
    gaya_col = lembar.gaya_kolom()
    gaya: dict[str, str | None] = {}
    for h, col in cols.items():
        s = None
        for r in ([terakhir] if terisi else []) + [tbl.header_row + 1]:
            c = lembar.cell(r, col)
            if c is not None and c.get("s"):
                s = c.get("s")
                break
        gaya[h] = s or gaya_col.get(col)
    if _gaya_tanggal(pkg, gaya.get("Tanggal")) is False:
        lap.catatan.append("Kolom Tanggal di tblSKM tidak berformat tanggal; tanggal tampil sebagai angka — "
                           "atur format selnya menjadi dd/mm/yyyy.")
    no_lama = [int(r.values["No"]) for r in tbl.rows if isinstance(r.values.get("No"), (int, float))
               and not isinstance(r.values.get("No"), bool) and float(r.values["No"]).is_integer()]
    no = max(no_lama) if no_lama else len(terisi)
    for i, b in enumerate(lap.baru):
        r = mulai + i
        no += 1
        nilai = {"No": no, **b.nilai}
        for h, col in cols.items():
            lembar.set(r, col, nilai.get(h), gaya[h])
    akhir = mulai + len(lap.baru) - 1
    last_row = max(r2, akhir)
    lembar.perluas_dimensi(last_row, c2)
    ref_baru = f"{address(r1, c1)}:{address(last_row, c2)}"
    sheet_part = pkg.sheet(info.sheet).part
    salin(pkg, out, {
        sheet_part: lembar.bytes(),
        info.part: lambda lama: _patch_tabel(lama.decode("utf-8"), ref_baru).encode("utf-8"),
    })
    lap.baris_lembar = (mulai, akhir)


# ---------------------------------------------------------------- the command


def bukan_xl_iku(buku: Path) -> None:
    """A workbook holding none of the template's tables is named as what it is,
    not as an xl-iku workbook someone broke."""
    if not buku.is_file():
        return  # file_reader names a missing file
    with Package.open(buku) as pkg:
        if not any(n in pkg.tables for n in K.TABEL):
            raise FileError(f"Berkas '{buku.name}' bukan buku kerja xl-iku: tidak ada satu pun tabel templatnya "
                            f"(tblSKM, tblAKIP, …); impor jawaban survei ke buku kerja IKU yang dibuat dari templat xl-iku.")


def impor_skm(form_path: str | Path, buku: str | Path, *, pemetaan: str | Path | None = None,
              format_tanggal: str | None = None, periksa: bool = False) -> LaporanImpor:
    form_path, buku = Path(form_path), Path(buku)
    if buku.suffix.lower() not in (".xlsx", ".xlsm"):
        raise FileError(f"Buku kerja '{buku.name}' harus berupa .xlsx (templat xl-iku).")
    try:
        if form_path.resolve() == buku.resolve():
            raise FileError("Berkas formulir dan buku kerja tujuan tidak boleh berkas yang sama.")
    except OSError:
        pass
    p = M.muat_pemetaan(pemetaan)
    if format_tanggal:
        p.format_tanggal = M.periksa_format(format_tanggal)
    form = F.baca(form_path)
    if not periksa:
        check_not_locked(buku)
    bukan_xl_iku(buku)
    raw = file_reader.baca(buku)  # the same safety and structure checks as `hitung`
    if TABEL not in raw.tables:
        raise FileError(f"Tabel '{TABEL}' tidak ditemukan di berkas '{buku.name}'.")
    from ..validasi.periksa import periksa as validasi  # the period and Referensi exactly as hitung reads them

    lap = LaporanImpor(form.nama, buku, form.satuan_baris)
    siapkan(form, p, raw, lap, validasi(raw))
    if periksa or not lap.baru:
        return lap
    buf = io.BytesIO()
    with Package.open(buku) as pkg:
        if TABEL not in pkg.tables:
            raise FileError(f"Tabel '{TABEL}' tidak ditemukan di berkas '{buku.name}'.")
        tulis(pkg, raw, lap, buf)
    write_atomic(buku, lambda f: f.write(buf.getbuffer()), backup=True)
    lap.ditulis = True
    return lap
