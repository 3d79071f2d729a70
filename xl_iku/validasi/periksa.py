"""The validation phase: RawWorkbook → Masukan (validated, typed rows and
every finding), before any rule runs.  Both adapters' RawWorkbooks come here."""

from __future__ import annotations

from collections.abc import Mapping

from .. import katalog
from .. import kontrak as K
from .. import models as M
from ..dasar.raw import RawWorkbook, address
from ..hasil import GALAT
from ..periode import TAHUNAN, Periode
from . import tabel as V
from .pengaturan import baca_pengaturan
from .referensi import baca_referensi
from .sel import Pemeriksa
from .target import baca_riwayat, baca_target


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
    """Findings of the reading layer (rows after a gap, merged ranges,
    percentage-formatted targets), filed like validation's own."""
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
    tahun = peng.tahun
    periode = Periode(tahun, peng.periode or TAHUNAN) if tahun is not None else None
    m = M.Masukan(pengaturan=peng, referensi=ref, periode=periode, temuan=p.temuan)
    if periode is not None:
        _tabel(raw, m, p, periode, lepas_mentah)
    m.target = baca_target(raw, p, periode)
    m.riwayat = baca_riwayat(raw)
    return m


def _tabel(raw: RawWorkbook, m: M.Masukan, p: Pemeriksa, periode: Periode, lepas_mentah: bool) -> None:
    tahun = periode.tahun
    ref = m.referensi
    bersih = {n: V.bersihkan_tabel(raw.tables[n], p, periode) for n in K.TABEL if n in raw.tables}
    # Once cleaned, a table's raw cell values (the reader's row lists, a float
    # or a string object per cell) are let go, so the models built next reuse
    # that memory; the rows keep their places (row, columns) for the findings.
    # Tables read raw again below keep theirs; reading a released row fails
    # loudly (DILEPAS), never as a blank.
    for n in (bersih.keys() - _DIBACA_MENTAH_LAGI) if lepas_mentah else ():
        for r in raw.tables[n].rows:
            r.values = DILEPAS
    # Whether a register has rows for the period decides between "tanpa data",
    # Rekap Manual, and computing; rows with a galat still count as rows.
    ada = m.ada
    for b in bersih["tblJenisLayanan"].baris:
        if not b.salah:
            m.jenis_layanan[b.nilai["Jenis Layanan"].casefold()] = b.nilai["Standar Waktu (Hari Kerja)"]
    m.hari_libur = [b.nilai["Tanggal"] for b in bersih["tblHariLibur"].baris if not b.salah]

    ada["IK-01"] = ada["IKU-01"] = bool(bersih["tblSKM"].baris)
    m.skm = V.skm(bersih["tblSKM"], p, set(m.jenis_layanan))
    # The survey is usually the largest table: free its cleaned rows early.
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
                                 kode="IK-01")

    akip_ada = any(b.nilai.get("Tahun") == tahun for b in bersih["tblAKIP"].baris)
    for kode in ("IK-02", "IK-03", "IK-04", "IK-05", "IK-06"):
        ada[kode] = akip_ada
    m.akip = V.akip(bersih["tblAKIP"], p, tahun, ref)

    m.sop = V.sop(bersih["tblSOP"], p)
    ada["IK-07"] = bool(bersih["tblSOP"].baris)
    m.kamtibmas = V.kamtibmas(bersih["tblKamtibmas"], p)
    ada["IK-08"] = bool(bersih["tblKamtibmas"].baris)
    ada["IKP-04"] = any(b.nilai.get("Jenis") == "Penyakit Masyarakat" for b in bersih["tblKamtibmas"].baris)
    m.sarpras = V.sarpras(bersih["tblSarpras"], p)
    for kode in ("IK-09", "IKP-06", "IKP-07"):
        ada[kode] = bool(bersih["tblSarpras"].baris)

    m.skema_desa = M.skema_desa_berlaku(m.pengaturan.skema_desa, tahun)
    m.desa = V.desa(bersih["tblDesa"], p, ref, m.skema_desa)
    ada["IK-10"] = bool(bersih["tblDesa"].baris)

    V.duplikat(raw.tables["tblLayanan"], "No Register", p, "IKP-01")
    m.layanan = V.register(bersih["tblLayanan"], p, "IKP-01", jenis=m.jenis_layanan)
    ada["IKP-01"] = bool(bersih["tblLayanan"].baris)
    m.pengaduan = V.register(bersih["tblPengaduan"], p, "IKP-02")
    ada["IKP-02"] = bool(bersih["tblPengaduan"].baris)

    for kode, tbl, header in (("IKP-03", "tblASN", "Kompeten"), ("IKP-05", "tblBencana", "Ditindaklanjuti"),
                              ("IKP-09", "tblUsulan", "Diverifikasi")):
        m.ya_tidak[kode] = V.ya_tidak(bersih[tbl], header, p)
        ada[kode] = bool(bersih[tbl].baris)

    m.kegiatan = V.kegiatan(bersih["tblKegiatan"], p)
    for kode, kelompok in zip(("IKP-08", "IKP-10", "IKP-11"), K.KELOMPOK_KEGIATAN):
        ada[kode] = any(b.nilai.get("Kelompok") == kelompok for b in bersih["tblKegiatan"].baris)

    # Rekap Manual stands in for an empty register, never beside a filled one.
    rekap = V.rekap(bersih["tblRekapManual"], p)
    for kode, r in rekap.items():
        if ada.get(kode):
            ind = katalog.INDIKATOR_BY_KODE[kode]
            p.galat(r.lembar, r.alamat("Kode"),
                    f"{kode} sudah dihitung dari register di lembar {K.TABEL[ind.tabel[0]].lembar}; hapus baris Rekap "
                    "Manual ini atau kosongkan registernya.", kode=kode, blokir=(kode,))
        else:
            m.rekap[kode] = r
    _peringatan_kosong(raw, m, periode, p)
    _peringatan_tanpa_tanggal(raw, bersih, periode, p)


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


def _peringatan_kosong(raw: RawWorkbook, m: M.Masukan, periode: Periode, p: Pemeriksa) -> None:
    """A register with no rows for the period is said once per table, not left
    to a quiet 'tanpa_data' (an empty workbook would otherwise pass as clean)."""
    kosong_di: dict[str, list[str]] = {}
    for i in katalog.INDIKATOR:
        if not m.ada.get(i.kode) and i.kode not in m.rekap:
            kosong_di.setdefault(i.tabel[0], []).append(i.kode)
    for tbl in K.TABEL:
        kode = kosong_di.get(tbl)
        if not kode or tbl not in raw.tables:
            continue
        t = raw.tables[tbl]
        lembar = t.sheet
        apa = f"tahun {periode.tahun}" if tbl == "tblAKIP" else periode.uraian
        saran = " Isi registernya atau lembar Rekap Manual." if all(k in katalog.KODE_REKAP for k in kode) else ""
        p.peringatan(lembar, address(t.header_row + 1, min(t.columns.values(), default=1)),
                     f"Lembar {lembar} tidak memuat data {apa} untuk {', '.join(kode)}; "
                     f"{'indikator itu' if len(kode) == 1 else 'indikator-indikator itu'} tanpa data.{saran}",
                     kode=kode[0] if kode[0] != "IKU-01" else "IK-01")
