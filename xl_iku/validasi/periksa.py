"""The validation phase: RawWorkbook → Masukan (validated, typed rows and
every finding), before any rule runs.  Both adapters' RawWorkbooks come here."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from .. import kontrak as K
from ..katalog.model import CARA_TABEL
from .. import models as M
from ..dasar.raw import RawWorkbook, address
from ..hasil import GALAT, Analisis
from ..periode import TAHUNAN, Periode
from . import tabel as V
from .pengaturan import baca_pengaturan
from .referensi import baca_referensi
from .sel import Pemeriksa
from .katalog import baca_katalog
from .persen import terapkan as terapkan_persen
from .target import baca_diketik, baca_riwayat, baca_target


class _Dilepas(Mapping):
    """The raw values of a row after its table was cleaned (see _tabel)."""

    def _salah(self, *_):
        raise RuntimeError("raw values of a cleaned table were released; read the cleaned rows")

    __getitem__ = __iter__ = __len__ = get = _salah


DILEPAS = _Dilepas()
# Read from the raw rows after cleaning: duplicate No Register (V.duplikat),
# the targets and the history (validasi.target).
_DIBACA_MENTAH_LAGI = {"tblLayanan", "tblTarget", "tblTargetTriwulan", "tblRiwayat"}


def _rumus_tanpa_nilai(raw: RawWorkbook, p: Pemeriksa) -> None:
    """A formula with no stored result reads as blank: say so at its cell."""
    for t in raw.tables.values():
        alamat = raw.rumus_tanpa_nilai.get(t.sheet)
        if not alamat:
            continue
        for row in t.rows:
            for h in t.columns:
                a = row.cell(h)
                if a in alamat:
                    p.galat(t.sheet, a, f"Sel '{h}' berisi rumus yang belum pernah dihitung (tidak ada nilai "
                            "tersimpan); buka dan simpan berkas di Excel, atau ketik nilainya.",
                            tabel=t.name if t.name in K.TABEL else None)


def _catatan_baca(raw: RawWorkbook, p: Pemeriksa) -> None:
    """Findings of the reading layer (rows after a gap, merged ranges),
    filed like validation's own."""
    for c in raw.catatan:
        tabel = c.tabel if c.tabel in K.TABEL else None
        kode = c.kode or (V.kode_utama(tabel) if tabel else None)
        (p.galat if c.tingkat == GALAT else p.peringatan)(c.lembar, c.sel, c.pesan, kode=kode, tabel=tabel,
                                                            blokir=c.blokir)


def periksa(raw: RawWorkbook, *, lepas_mentah: bool = False) -> M.Masukan:
    """Validate `raw`.  With `lepas_mentah` (the pipeline, which read `raw`
    for this run alone) each table's raw values are released once cleaned."""
    p = Pemeriksa()
    _rumus_tanpa_nilai(raw, p)
    _catatan_baca(raw, p)
    peng = baca_pengaturan(raw, p)
    ref = baca_referensi(raw, p)
    terbaca = baca_katalog(raw, p)
    # Percent-formatted numbers count as shown, in the columns the catalogue
    # reads as numbers: before any table value is cleaned or read.
    terapkan_persen(raw, terbaca, p)
    tahun = peng.tahun
    periode = Periode(tahun, peng.periode or TAHUNAN) if tahun is not None else None
    m = M.Masukan(pengaturan=peng, referensi=ref, periode=periode, temuan=p.temuan, katalog=terbaca.katalog,
                  terbaca=terbaca)
    m.kolom_tabel = {n: (t.sheet, t.header_row, {c: h for h, c in t.columns.items()}) for n, t in raw.tables.items()}
    if periode is not None:
        _tabel(raw, m, p, periode, lepas_mentah)
    m.target = baca_target(raw, p, periode, terbaca.katalog)
    m.riwayat = baca_riwayat(raw, terbaca.katalog)
    m.diketik = baca_diketik(raw, p, tahun, terbaca.katalog)
    return m


def _tabel(raw: RawWorkbook, m: M.Masukan, p: Pemeriksa, periode: Periode, lepas_mentah: bool) -> None:
    tahun = periode.tahun
    ref = m.referensi
    kat, tb = m.katalog, m.terbaca
    nama_tabel = [n for n in K.TABEL if n in raw.tables and n != "tblIndikator"]
    nama_tabel += [n for n in tb.spesifikasi if n not in K.TABEL]
    bersih = {}
    for n in nama_tabel:
        bersih[n] = V.bersihkan_tabel(raw.tables[n], p, periode, tb.spesifikasi.get(n), kat)
        # Once cleaned, a table's raw cell values (the reader's row lists, a
        # float or a string object per cell) are let go — before the next
        # table is cleaned, so the survey's raw cells are not held beside the
        # register's — and the models built next reuse that memory; the rows
        # keep their places (row, columns) for the findings.  Tables read raw
        # again below keep theirs; reading a released row fails loudly
        # (DILEPAS), never as a blank.
        if lepas_mentah and n not in _DIBACA_MENTAH_LAGI:
            for r in raw.tables[n].rows:
                r.values = DILEPAS
    for b in bersih["tblJenisLayanan"].baris:
        if not b.salah:
            m.jenis_layanan[b.nilai["Jenis Layanan"].casefold()] = b.nilai["Standar Waktu (Hari Kerja)"]
    m.hari_libur = [b.nilai["Tanggal"] for b in bersih["tblHariLibur"].baris if not b.salah]

    # The typed models carry each built-in table's own checks (findings at
    # their cells); the rules read the cleaned rows (`m.tabel`).
    utama = kat.kode_utama
    # Before the survey's cleaned rows go (below): the dates the SKM report's Bab II names.
    m.survei_awal, m.survei_akhir = _rentang_survei(bersih["tblSKM"])
    # The survey is usually the largest table: its cleaned rows go as its models are built.
    m.skm = V.skm(bersih["tblSKM"], p, set(m.jenis_layanan), utama("tblSKM"), lepas=True)
    m.ada_skm = bool(bersih["tblSKM"].baris)
    bersih["tblSKM"].baris.clear()
    if "tblRTL" in bersih:
        for b in bersih["tblRTL"].baris:
            if not b.salah:
                m.rtl.setdefault(b.nilai["Unsur"], []).append(
                    (b.nilai["Program/Kegiatan"], b.nilai.get("Waktu"), b.nilai.get("Penanggung Jawab")))
                # A plan without a time or a person is a gap to fix before signing, not a hole on the page.
                kosong = [h for h in ("Waktu", "Penanggung Jawab") if not str(b.nilai.get(h) or "").strip()]
                if kosong:
                    p.peringatan(K.TABEL["tblRTL"].lembar, b.raw.cell(kosong[0]),
                                 f"Rencana tindak lanjut unsur {b.nilai['Unsur']} belum berisi "
                                 f"{' dan '.join(k.lower() for k in kosong)}; lengkapi sebelum Hasil SKM ditandatangani.",
                                 kode=kat.kode_utama("tblSKM"))

    m.ada_akip = any(b.nilai.get("Tahun") == tahun for b in bersih["tblAKIP"].baris)
    m.akip = V.akip(bersih["tblAKIP"], p, tahun, ref, utama("tblAKIP"))
    V.sop(bersih["tblSOP"], p, utama("tblSOP"))
    V.kamtibmas(bersih["tblKamtibmas"], p, utama("tblKamtibmas"))
    V.sarpras(bersih["tblSarpras"], p, utama("tblSarpras"), next(iter(kat.pembaca("tblSarpras", "Kebutuhan")), None))
    m.skema_desa = M.skema_desa_berlaku(m.pengaturan.skema_desa, tahun)
    m.desa = V.desa(bersih["tblDesa"], p, ref, m.skema_desa, utama("tblDesa"))
    m.ada_desa = bool(bersih["tblDesa"].baris)
    V.duplikat(raw.tables["tblLayanan"], "No Register", p, utama("tblLayanan"), kat.pembaca("tblLayanan"))
    V.periksa_register(bersih["tblLayanan"], p, utama("tblLayanan"), jenis=m.jenis_layanan)
    V.periksa_register(bersih["tblPengaduan"], p, utama("tblPengaduan"))
    for tbl, header in (("tblASN", "Kompeten"), ("tblBencana", "Ditindaklanjuti"), ("tblUsulan", "Diverifikasi")):
        V.ya_tidak(bersih[tbl], header, p, utama(tbl))
    # A kegiatan row's findings are filed under the indicator whose Saring names its Kelompok.
    kode_kelompok: dict[str, str] = {}
    for i in kat.pembaca("tblKegiatan", "Kelompok"):
        saring = tb.syarat.get(i, {}).get("Saring")
        for v in saring.nilai_teks().get("Kelompok", ()) if saring is not None else ():
            kode_kelompok.setdefault(v, i)
    V.kegiatan(bersih["tblKegiatan"], p, kode_kelompok)
    # The rules read the cleaned rows of every table a register kind names.
    m.tabel = {n: bersih[n] for n in {i.tabel_utama for i in kat.per_cara(*CARA_TABEL)} if n in bersih}
    # Rows standing in for a register; whether one stands beside a filled
    # register (a galat) is known only after Saring, in the engine.
    m.rekap = V.rekap(bersih["tblRekapManual"], p, kat)
    if "tblAnalisis" in bersih:
        m.analisis = _analisis(bersih["tblAnalisis"], p, kat)
    _peringatan_tanpa_tanggal(raw, bersih, periode, p)


def _rentang_survei(skm: V.TabelBersih) -> tuple:
    """The first and last survey date counted in the period (the SKM report's Bab II)."""
    tanggal = [b.nilai.get("Tanggal") for b in skm.baris if not b.salah]
    tanggal = [d.date() if isinstance(d, datetime) else d for d in tanggal if d is not None]
    return (min(tanggal), max(tanggal)) if tanggal else (None, None)


def _analisis(t: V.TabelBersih, p: Pemeriksa, kat) -> dict[str, Analisis]:
    """tblAnalisis per catalogue code (the LKjIP's Bab III): the texts of one code's
    rows joined, their budgets added (several programs may support one indicator).
    An unknown code is a peringatan at its cell; its row is left out."""
    out: dict[str, Analisis] = {}
    for b in t.baris:
        if b.salah:
            continue
        ind = kat.cari(b.nilai.get("Kode"))
        if ind is None:
            kode = str(b.nilai.get("Kode") or "").strip()
            p.peringatan(t.lembar, b.raw.cell("Kode"), f"Kode '{kode}' tidak dikenal (tidak ada di katalog "
                         "indikator); baris analisis ini tidak dipakai di LKjIP.")
            continue
        a = out.setdefault(ind.kode, Analisis())
        for header, daftar in (("Faktor Pendukung", a.pendukung), ("Faktor Penghambat", a.penghambat),
                               ("Upaya", a.upaya)):
            v = b.nilai.get(header)
            if isinstance(v, str) and v.strip():
                daftar.append(v.strip())
        for header, attr in (("Pagu Anggaran", "pagu"), ("Realisasi Anggaran", "realisasi_anggaran")):
            v = b.nilai.get(header)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                setattr(a, attr, (getattr(a, attr) or 0.0) + float(v))
    return out


def _peringatan_tanpa_tanggal(raw: RawWorkbook, bersih, periode: Periode, p: Pemeriksa) -> None:
    """Every dated register empty for the period while the undated ones are full: the
    undated rows may well be last year's (a copied workbook with only the year changed)."""
    if any(bersih[t].baris for t in K.DATED_TABLES if t in bersih and t != "tblAKIP"):
        return
    isi = [t for t in K.TABEL_TANPA_TANGGAL if t in bersih and bersih[t].baris]
    if not isi:
        return
    t = raw.tables[isi[0]]
    lembar = ", ".join(K.TABEL[n].lembar for n in isi)
    p.peringatan(t.sheet, address(t.header_row + 1, min(t.columns.values(), default=1)),
                 f"Semua register bertanggal kosong untuk {periode.uraian}, tetapi lembar {lembar} (tanpa tanggal) "
                 "berisi data: data itu mungkin milik tahun sebelumnya; periksa sebelum ditandatangani.")
