"""The one computing path: RawWorkbook → (validasi.periksa) → Masukan → Hasil.

Both adapters (file and xlwings) call `hitung`.  Validation is one phase
before it (`validasi.periksa`: every finding, typed rows); here only the
rules of KONTRAK §3 run, and the galat found block the indicators that read
the offending tables.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from operator import attrgetter
from fractions import Fraction

from . import kontrak as K
from .katalog import model as KM
from .katalog.model import kunci
from . import models as M
from .dasar.ooxml import angka_teks
from .hasil import (
    GALAT,
    Hasil,
    HasilAKIP,
    HasilIKM,
    HasilIndikator,
    IKMLayanan,
    Penandatangan,
    STATUS_GALAT,
    STATUS_OK,
    STATUS_TANPA_DATA,
    Unsur,
)
from .dasar.raw import RawWorkbook, address, parse_address
from .referensi import Referensi
from .rules import akip as R_akip
from .rules import cara as R_cara
from .rules import capaian as R_cap
from .rules import idm as R_idm
from .rules import ikm as R_ikm
from .rules.angka import ke_decimal
from .rules.hari_kerja import Kalender
from .rules.persen import persen
from .rules.syarat import SelAngka
from .periode import TAHUNAN, Periode
from .dasar.tanggal import tanggal_id
from .validasi.periksa import periksa
from .validasi.sel import Pemeriksa


def _fmt(x) -> str:
    """Indonesian decimal comma for messages."""
    return angka_teks(x, 0 if float(x).is_integer() else 2)


def hitung(masukan: M.Masukan | RawWorkbook, *, lepas_mentah: bool = False) -> Hasil:
    """Apply the rules to validated input (a RawWorkbook is validated first;
    `lepas_mentah`: see validasi.periksa)."""
    m = periksa(masukan, lepas_mentah=lepas_mentah) if isinstance(masukan, RawWorkbook) else masukan
    p = Pemeriksa()
    p.temuan = list(m.temuan)  # the rules' own findings follow the validation's
    peng, ref, periode = m.pengaturan, m.referensi, m.periode
    kat = m.katalog
    tahun = peng.tahun
    hasil_ind = {i.kode: HasilIndikator(i.kode, i.nama, i.satuan, kelompok=i.kelompok, arah=i.arah,
                                        cara_hitung=i.cara) for i in kat.indikator}
    ikm = HasilIKM(bobot=peng.metode_bobot or "1/9", populasi=peng.populasi)
    akip_h = HasilAKIP()

    if periode is not None:
        # What validation already blocks is not computed (its rows may hold rejected cells).
        blok = set(_terblokir(p.temuan, m))
        _hitung_semua(m, p, hasil_ind, ikm, akip_h, blok)
    _target_dan_capaian(m, p, periode, ref, hasil_ind, akip_h)
    _blokir(p, hasil_ind, m)
    _selaraskan_rincian(hasil_ind, ikm, akip_h, p, kat)
    _profil_tertahan(p, m, ikm)
    _keterangan_cetak(hasil_ind, m)

    return Hasil(
        kecamatan=peng.nama_kecamatan, kabupaten=peng.nama_kabupaten, tahun=tahun,
        indikator=list(hasil_ind.values()), ikm=ikm, akip=akip_h, temuan=p.temuan,
        penandatangan=Penandatangan(peng.tempat, peng.tanggal_ttd, peng.nama_camat, peng.pangkat_camat, peng.nip_camat),
        riwayat=_riwayat(m.riwayat, tahun, hasil_ind, ref, kat), periode=periode, katalog=kat,
        dasar_penetapan=(peng.dasar_penetapan or "").strip() or None,
        referensi=ref, analisis=m.analisis, survei_awal=m.survei_awal, survei_akhir=m.survei_akhir,
    )


def _keterangan_cetak(H, m: M.Masukan) -> None:
    """What an auditor needs beside a printed percentage (issue 21): its counts
    ("22 dari 25") and, for a register without dates, that it is the state on
    the day it was computed."""
    for kode, h in H.items():
        if h.status != STATUS_OK:
            continue
        ind = m.katalog.by_kode[kode]
        tambah = []
        if ind.persen and h.pembilang is not None and h.penyebut is not None and not h.keterangan:
            tambah.append(f"{_fmt(h.pembilang)} dari {_fmt(h.penyebut)}.")
        if kode not in m.rekap and ind.cara in KM.CARA_TABEL and _tanpa_tanggal(m, ind.tabel_utama):
            tambah.append("Register tanpa tanggal: keadaan per tanggal dihitung.")
        if tambah:
            h.keterangan = " ".join([h.keterangan, *tambah]) if h.keterangan else " ".join(tambah)


def _tanpa_tanggal(m: M.Masukan, tabel: str) -> bool:
    """A register whose rows are not of a period: no period column, no Tahun."""
    spec = m.terbaca.spesifikasi.get(tabel, K.TABEL.get(tabel))
    if spec is None or spec.kolom_tanggal:
        return False
    return "Tahun" not in spec.headers


def _set_persen(h: HasilIndikator, pembilang, penyebut, sebab_kosong: str) -> None:
    h.pembilang = float(pembilang)
    h.penyebut = float(penyebut)
    nilai = persen(pembilang, penyebut)
    if nilai is None:
        h.status = STATUS_TANPA_DATA
        h.keterangan = sebab_kosong
    else:
        h.realisasi = nilai
        h.status = STATUS_OK


def _tanpa_data(h: HasilIndikator, ket: str) -> None:
    h.status, h.realisasi, h.keterangan = STATUS_TANPA_DATA, None, ket


def _hitung_semua(m: M.Masukan, p: Pemeriksa, H, ikm: HasilIKM, akip_h: HasilAKIP, blok: set[str]) -> None:
    kat = m.katalog
    tb = m.terbaca
    periode = m.periode
    kal = Kalender(m.hari_libur)

    survei = kat.per_cara(KM.SURVEI_IKM)
    _hitung_ikm(m.skm, m.pengaturan, m.referensi, p, ikm, [H[i.kode] for i in survei])
    kosong: dict[str, list[str]] = {}  # table → codes without rows for the period
    if not m.ada_skm and survei:
        kosong["tblSKM"] = [i.kode for i in survei]
    if not m.ada_akip and kat.per_cara(KM.PREDIKAT_AKIP, KM.NILAI_AKIP):
        kosong["tblAKIP"] = [i.kode for i in kat.per_cara(KM.PREDIKAT_AKIP, KM.NILAI_AKIP)]
    ikm.rtl = m.rtl
    _hitung_akip(m, p, H, akip_h)
    for ind in kat.per_cara(KM.STATUS_DESA):
        _status_desa(m, ind, H[ind.kode])

    for ind in kat.indikator:
        h = H[ind.kode]
        if ind.cara == KM.NILAI_DIKETIK:
            _nilai_diketik(m, p, ind, h)
            continue
        if ind.cara == KM.REKAP_MANUAL:
            _dari_rekap(m, ind, h, "")
            continue
        if ind.cara == KM.STATUS_DESA:
            ada = m.ada_desa
        elif ind.cara in KM.CARA_TABEL:
            if ind.kode in blok or ind.kode in tb.rusak or ind.tabel_utama not in m.tabel:
                continue
            try:
                ada = _register(m, p, ind, h, kal)
            except SelAngka as e:
                _sel_bukan_angka(m, p, ind, e)
                continue
        else:
            continue
        r = m.rekap.get(ind.kode)
        if ada and r is not None:
            p.galat(r.lembar, r.alamat("Kode"),
                    f"{ind.kode} sudah dihitung dari register di lembar {_lembar(m, ind.tabel_utama)}; hapus baris "
                    "Rekap Manual ini atau kosongkan registernya.", kode=ind.kode, blokir=(ind.kode,))
        elif not ada and r is not None:
            _dari_rekap(m, ind, h, h.keterangan if h.status != STATUS_OK else "")
        elif not ada:
            _tanpa_data(h, f"Belum ada data: lembar {_lembar(m, ind.tabel_utama)} kosong untuk {periode.uraian}"
                           + (" dan tidak ada Rekap Manual." if ind.rekap_manual else "."))
            kosong.setdefault(ind.tabel_utama, []).append(ind.kode)
    for kode in m.rekap:
        if kode in kat.kode_rekap and kat.by_kode[kode].cara not in KM.CARA_TABEL + (KM.STATUS_DESA,):
            r = m.rekap[kode]
            p.peringatan(r.lembar, r.alamat("Kode"), f"{kode} tidak dihitung dari register; baris Rekap Manual "
                         "ini diabaikan.", kode=kode)
    _peringatan_kosong(m, p, kosong)


def _lembar(m: M.Masukan, tabel: str) -> str:
    t = m.kolom_tabel.get(tabel)
    return t[0] if t else (K.TABEL[tabel].lembar if tabel in K.TABEL else tabel)


def _dari_rekap(m: M.Masukan, ind, h: HasilIndikator, ket: str) -> None:
    r = m.rekap.get(ind.kode)
    if r is None:
        if ind.cara == KM.REKAP_MANUAL:
            _tanpa_data(h, "Belum ada baris Rekap Manual untuk indikator ini.")
        return
    _set_persen(h, ke_decimal(r.pembilang), ke_decimal(r.penyebut), "Penyebut Rekap Manual 0.")
    h.keterangan = (h.keterangan + " " if h.status != STATUS_OK else "") + "Dari Rekap Manual."


def _nilai_diketik(m: M.Masukan, p: Pemeriksa, ind, h: HasilIndikator) -> None:
    v = m.diketik.get(ind.kode)
    if v is None:
        _tanpa_data(h, f"Belum ada Realisasi {m.periode.tahun} untuk {ind.kode} di tabel Riwayat.")
        return
    h.realisasi = v
    h.status = STATUS_OK
    h.keterangan = "Nilai diketik dari hasil penilaian."


def _sel_bukan_angka(m: M.Masukan, p: Pemeriksa, ind, e: SelAngka) -> None:
    """A cell a rule needs as a number that is not one: a galat at that cell."""
    t = m.tabel[ind.tabel_utama]
    baris = e.baris if getattr(e, "baris", None) is not None else None
    sel = baris.raw.cell(e.kolom) if baris is not None and e.kolom in baris.raw.cols else "A1"
    p.galat(t.lembar, sel, e.pesan(), kode=ind.kode, tabel=t.nama)


def _baris_periode(m: M.Masukan, tabel: str) -> list:
    """The cleaned rows of `tabel` that count for the period (KONTRAK §5):
    dated tables are filtered while cleaned; a table with Tahun here."""
    t = m.tabel[tabel]
    rows = t.baris
    if rows and m.terbaca.spesifikasi.get(tabel, K.TABEL.get(tabel)).kolom_tanggal is None \
            and "Tahun" in rows[0].nilai:
        rows = [b for b in rows if b.nilai.get("Tahun") == m.periode.tahun]
    return rows


def _register(m: M.Masukan, p: Pemeriksa, ind, h: HasilIndikator, kal: Kalender) -> bool:
    """A register kind (Hitung Baris, Jumlah Kolom, Rata-rata Rasio, Tepat
    Waktu) over its table's rows of the period; False when no row meets Saring."""
    tb = m.terbaca
    syarat = tb.syarat.get(ind.kode, {})
    kolom = tb.kolom.get(ind.kode, {})
    semua = _baris_periode(m, ind.tabel_utama)
    saring = syarat.get("Saring")
    try:
        rows = [b for b in semua if saring is None or saring.berlaku(b.nilai)]
    except SelAngka:
        rows = None
    if rows is None:
        for b in semua:
            try:
                saring.berlaku(b.nilai)
            except SelAngka as e:
                e.baris = b
                raise
    _tanpa_baris(m, p, ind, syarat, semua)
    if not rows:
        return False
    nilai = [b.nilai for b in rows]
    try:
        if ind.cara == KM.HITUNG_BARIS:
            pb, py = R_cara.hitung_baris(nilai, None, syarat.get("Pembilang"), syarat.get("Penyebut"))
            _set_persen(h, pb, py, "Tidak ada baris yang memenuhi Penyebut.")
            if h.status == STATUS_OK:
                h.keterangan = f"{pb} dari {py} baris memenuhi syarat “{ind.pembilang}”."
        elif ind.cara == KM.JUMLAH_KOLOM:
            pb, py = R_cara.jumlah_kolom(nilai, None, kolom["Pembilang"], kolom["Penyebut"])
            _set_persen(h, pb, py, f"Jumlah {kolom['Penyebut']} 0.")
            if h.status == STATUS_OK:
                h.keterangan = (f"Jumlah {kolom['Pembilang']} {_fmt(float(pb))} dari jumlah {kolom['Penyebut']} "
                                f"{_fmt(float(py))}.")
        elif ind.cara == KM.RATA_RATA_RASIO:
            jumlah, n = R_cara.rata_rata_rasio(nilai, None, kolom["Pembilang"], kolom["Penyebut"])
            _set_persen(h, jumlah, n, "")
            h.keterangan = f"Rata-rata {kolom['Pembilang']} ÷ {kolom['Penyebut']} dari {n} baris."
        else:
            _tepat_waktu(m, ind, h, kolom["Standar"], nilai, kal)
    except SelAngka as e:
        if e.indeks is not None:
            e.baris = rows[e.indeks]
        raise
    return True


def _tanpa_baris(m: M.Masukan, p: Pemeriksa, ind, syarat, semua) -> None:
    """A text value no row of the period carries: likely a typo (peringatan at its tblIndikator cell)."""
    sel = m.terbaca.sel_syarat.get(ind.kode, {})
    if not sel or not semua:
        return
    nilai = [b.nilai for b in semua]
    lembar = m.kolom_tabel.get("tblIndikator", ("Indikator",))[0]
    for s in syarat.values():
        for kol, vals in s.nilai_tanpa_baris(nilai).items():
            for v in sorted(vals):
                alamat, _ = sel.get(f"{kol}\x00{v}", ("", v))
                if alamat:
                    p.peringatan(lembar, alamat, f"Tidak ada baris {m.periode.uraian} dengan {kol} “{v}” "
                                 f"({ind.kode}); periksa ejaannya.", kode=ind.kode)


def _tepat_waktu(m: M.Masukan, ind, h: HasilIndikator, standar: str, rows, kal: Kalender) -> None:
    """Timeliness is a property of the request: a request belongs to the period
    of its Tanggal Masuk, and one settled after the period ends counts as it
    is (KONTRAK §3); the Keterangan says how many those are."""
    periode = m.periode
    awal = ""
    if standar.startswith("#"):
        batas = int(standar[1:])
        standar_of = lambda r: batas  # noqa: E731
        awal = f"Batas penyelesaian {batas} hari kerja; "
    elif standar.startswith("="):
        batas = getattr(m.pengaturan, "batas_pengaduan", None) if standar[1:] == "BatasWaktuPengaduan" else None
        if batas is None:
            return  # its Pengaturan galat blocks the indicator
        standar_of = lambda r: batas  # noqa: E731
        awal = f"Batas penyelesaian {batas} hari kerja; "
    else:
        jenis = m.jenis_layanan
        # One lookup per distinct Jenis Layanan, not per request.
        per_nilai: dict = {}

        def standar_of(r):
            v = r[standar]
            n = per_nilai.get(v)
            if n is None:
                n = per_nilai[v] = jenis[str(v).casefold()]
            return n
    tepat, jumlah, terbuka, sesudah = R_cara.tepat_waktu(rows, None, standar_of, kal, periode.akhir)
    _set_persen(h, tepat, jumlah, "")
    if h.status == STATUS_OK:
        ket_sesudah = f"; {sesudah} diselesaikan sesudah akhir periode ({tanggal_id(periode.akhir)})" if sesudah else ""
        h.keterangan = f"{awal}{tepat} dari {jumlah} selesai tepat waktu{ket_sesudah}; {terbuka} belum selesai."


def _status_desa(m: M.Masukan, ind, h: HasilIndikator) -> None:
    if not m.ada_desa:
        return
    ref = m.referensi
    # A blank status is derived from the score (validation made sure the scheme has thresholds then).
    batas = ref.batas_desa(m.skema_desa)
    status = [d.status or R_idm.status_idm(d.nilai_idm, batas) for d in m.desa]
    dicari = m.terbaca.kolom.get(ind.kode, {}).get("Pembilang")
    target = batas[-1][0] if batas else K.STATUS_IDM[-1]
    if dicari:
        target = next((s for s, _ in batas if s.casefold() == dicari.strip().casefold()), dicari.strip())
    _set_persen(h, sum(kunci(s) == kunci(target) for s in status), len(status), "Tidak ada desa tercatat.")
    h.keterangan = (", ".join(f"{s}: {n}" for s, n in Counter(status).items()) + f" (skema {m.skema_desa}).")


def _peringatan_kosong(m: M.Masukan, p: Pemeriksa, kosong_di: dict[str, list[str]]) -> None:
    """A register with no rows for the period is said once per table, not left
    to a quiet 'tanpa_data' (an empty workbook would otherwise pass as clean)."""
    kat = m.katalog
    for tbl, kode in kosong_di.items():
        if tbl not in m.kolom_tabel:
            continue
        lembar, header_row, kolom = m.kolom_tabel[tbl]
        apa = f"tahun {m.periode.tahun}" if tbl == "tblAKIP" else m.periode.uraian
        saran = " Isi registernya atau lembar Rekap Manual." if all(k in kat.kode_rekap for k in kode) else ""
        p.peringatan(lembar, address(header_row + 1, min(kolom, default=1)),
                     f"Lembar {lembar} tidak memuat data {apa} untuk {', '.join(kode)}; "
                     f"{'indikator itu' if len(kode) == 1 else 'indikator-indikator itu'} tanpa data.{saran}",
                     kode=next((k for k in kode if kat.by_kode[k].kelompok != KM.KELOMPOK_IKU), kode[0]))


def _hitung_ikm(skm: list[M.BarisSKM], peng, ref: Referensi, p: Pemeriksa, ikm: HasilIKM,
               survei: list[HasilIndikator]) -> None:
    ikm.responden = len(skm)
    if peng.populasi:
        ikm.sampel_minimum = R_ikm.sampel_minimum(peng.populasi)
    try:
        w = R_ikm.bobot(peng.metode_bobot or "")
    except ValueError:
        w = None
    # Answers summed per Jenis Layanan (IKM per layanan, below); the whole
    # survey's counts are their sums — integers, so exactly the same — and the
    # 100,000 answers are gone through once, not twice.
    kelompok: dict[str, list] = defaultdict(list)
    for r in skm:
        kelompok[r.jenis_layanan or "(tidak diisi)"].append(r.jawaban)
    per_kelompok = {jl: R_ikm.jumlah_unsur(rows) for jl, rows in kelompok.items()}
    jumlah = {u: (sum(j[u][0] for j in per_kelompok.values()), sum(j[u][1] for j in per_kelompok.values()))
              for u in K.UNSUR}
    nrr = R_ikm.nrr_dari(jumlah)
    ikm.nrr = {u: (None if v is None else float(v)) for u, v in nrr.items()}
    for u in K.UNSUR:
        v = nrr[u]
        ikm.unsur.append(Unsur(
            u, ref.unsur_label.get(u, u), *jumlah[u],
            None if v is None else float(v),
            None if v is None or w is None else float(v * w),
            None if v is None else float(v * 25),
            None if v is None else R_ikm.mutu_unsur(v, ref.mutu_ikm).mutu,
        ))
    ada = [x for x in ikm.unsur if x.nrr is not None]
    ikm.terendah = sorted(ada, key=lambda x: (x.nrr, x.kode))[:3]
    ikm.saran = [r.saran for r in skm if r.saran]
    ikm.profil = _profil(skm)

    for h in survei:
        if not skm:
            _tanpa_data(h, f"Belum ada responden SKM {Periode(peng.tahun, peng.periode or TAHUNAN).uraian}.")
            continue
        kosong_u = [u for u, v in nrr.items() if v is None]
        if kosong_u:
            _tanpa_data(h, f"Unsur {', '.join(kosong_u)} belum memiliki jawaban; IKM belum dapat dihitung.")
            continue
        if w is None:
            h.status = STATUS_GALAT
            continue
        nilai = R_ikm.nilai_ikm(nrr, w)
        m = R_ikm.mutu(nilai, ref.mutu_ikm)
        h.realisasi = float(nilai)
        h.keterangan = f"Mutu {m.mutu} ({m.kinerja}); {len(skm)} responden."
        ikm.nilai, ikm.mutu, ikm.kinerja = float(nilai), m.mutu, m.kinerja


    # IKM per Jenis Layanan, same weight and table.
    for jl in sorted(kelompok, key=str.casefold):
        rows = kelompok[jl]
        n = R_ikm.nrr_dari(per_kelompok[jl])
        if w is None or any(v is None for v in n.values()):
            ikm.per_layanan.append(IKMLayanan(jl, len(rows), None, None, None))
            continue
        v = R_ikm.nilai_ikm(n, w)
        m = R_ikm.mutu(v, ref.mutu_ikm)
        ikm.per_layanan.append(IKMLayanan(jl, len(rows), float(v), m.mutu, m.kinerja))


def _profil(skm: list[M.BarisSKM]) -> dict[str, list[tuple[str, int]]]:
    # Counted over the distinct values (a few dozen), not row by row: 100,000
    # respondents are one C-speed Counter per field.
    def hitung(field: str, label=None):
        c: Counter = Counter()
        for v, n in Counter(map(attrgetter(field), skm)).items():
            v = label.get(v) if label is not None else v
            c[v if v not in (None, "") else "(tidak diisi)"] += n
        return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))

    def usia(u):
        if u is None:
            return "(tidak diisi)"
        for batas, label in ((20, "< 20 tahun"), (30, "20–29 tahun"), (40, "30–39 tahun"), (50, "40–49 tahun"), (60, "50–59 tahun")):
            if u < batas:
                return label
        return "≥ 60 tahun"

    jk = {"L": "Laki-laki", "P": "Perempuan"}
    urutan_usia = ["< 20 tahun", "20–29 tahun", "30–39 tahun", "40–49 tahun", "50–59 tahun", "≥ 60 tahun", "(tidak diisi)"]
    per_usia: Counter = Counter()
    for u, n in Counter(map(attrgetter("usia"), skm)).items():
        per_usia[usia(u)] += n
    return {
        "Jenis Kelamin": hitung("jenis_kelamin", jk),
        "Usia": [(b, per_usia[b]) for b in urutan_usia if per_usia[b]],
        "Pendidikan": hitung("pendidikan"),
        "Pekerjaan": hitung("pekerjaan"),
    }


def _hitung_akip(m: M.Masukan, p: Pemeriksa, H, akip_h: HasilAKIP) -> None:
    kat, ref, row = m.katalog, m.referensi, m.akip
    semua = kat.per_cara(KM.PREDIKAT_AKIP, KM.NILAI_AKIP)
    if not semua:
        return
    if row is None:
        for ind in semua:
            _tanpa_data(H[ind.kode], f"Belum ada baris tahun {m.periode.tahun} di tabel AKIP.")
        return
    nilai = R_akip.nilai_akip(row.komponen.values())
    hitung_pred = R_akip.predikat(nilai, ref.predikat)
    pred = row.predikat_lhe or hitung_pred
    akip_h.nilai, akip_h.predikat, akip_h.predikat_hitung = float(nilai), pred, hitung_pred
    pertama = semua[0].kode
    if row.predikat_lhe and row.predikat_lhe != hitung_pred:
        utama = next((i.kode for i in semua if i.cara == KM.PREDIKAT_AKIP), pertama)
        p.peringatan(row.lembar, row.alamat("Predikat LHE"),
                     f"Predikat LHE {row.predikat_lhe} berbeda dengan predikat menurut nilai "
                     f"{_fmt(float(nilai))} ({hitung_pred}); predikat LHE Inspektorat yang dipakai.", kode=utama)
    for ind in semua:
        h = H[ind.kode]
        if ind.cara == KM.PREDIKAT_AKIP:
            h.realisasi = pred
            h.keterangan = f"Nilai AKIP {_fmt(float(nilai))}" + (" (predikat LHE Inspektorat)." if row.predikat_lhe else ".")
            continue
        komponen = m.terbaca.kolom.get(ind.kode, {}).get("Pembilang")
        if komponen is None:
            h.realisasi = float(nilai)
            h.keterangan = "Nilai total evaluasi AKIP."
        else:
            h.realisasi = float(row.komponen[komponen])
            h.keterangan = f"Bobot {_fmt(float(ref.bobot_akip[komponen]))}."


# --- targets, capaian, blocking ---------------------------------------------------


def _target_dan_capaian(m: M.Masukan, p, periode: Periode | None, ref: Referensi, H, akip_h: HasilAKIP) -> None:
    tahun = periode.tahun if periode else None
    kat = m.katalog
    for kode, h in H.items():
        ind = kat.by_kode[kode]
        t = m.target.get(kode)
        h.target = t
        if t is None:
            if h.status == STATUS_OK:
                h.keterangan = (h.keterangan + " " if h.keterangan else "") + f"Target {tahun} belum diisi."
            continue
        if h.status != STATUS_OK or h.realisasi is None:
            continue
        if ind.cara == KM.PREDIKAT_AKIP:
            nilai = akip_h.nilai
            if isinstance(t, str):
                h.capaian = R_cap.capaian_predikat(nilai, t, ref.predikat)
                h.tercapai = R_cap.tercapai_predikat(h.realisasi, t, ref.predikat)
                h.keterangan += (
                    f" Target predikat {t} {'tercapai' if h.tercapai else 'belum tercapai'}; capaian = nilai / "
                    f"batas bawah predikat {t} ({_fmt(float(R_akip.batas_bawah(t, ref.predikat)))}) × 100."
                )
            else:
                h.capaian = R_cap.capaian(nilai, t)
                h.tercapai = R_cap.tercapai(h.capaian)
        elif isinstance(h.realisasi, str):
            continue
        elif ind.arah == KM.TURUN:
            h.capaian = R_cara.capaian_turun(h.realisasi, t)
            if t == 0:
                h.tercapai = h.realisasi == 0
                h.keterangan += " Target 0: capaian tidak dapat dihitung."
            else:
                h.tercapai = R_cap.tercapai(h.capaian)
        else:
            h.capaian = R_cap.capaian(h.realisasi, t)
            if t == 0:
                h.tercapai = h.realisasi >= 0
                h.keterangan += " Target 0: capaian tidak dapat dihitung."
            else:
                h.tercapai = R_cap.tercapai(h.capaian)
        h.kategori = R_cap.kategori(h.capaian, ref.kategori)


def _kolom_temuan(t, m: M.Masukan) -> str | None:
    """The header of the table column a finding's cell sits in; None for a
    finding about the table as a whole (its header row, outside its columns)."""
    info = m.kolom_tabel.get(t.tabel)
    if info is None:
        return None
    _, header_row, kolom = info
    try:
        baris, kol = parse_address(t.sel)
    except ValueError:
        return None
    return kolom.get(kol) if baris > header_row else None


def _terblokir(temuan, m: M.Masukan):
    """(kode, sheet) for every galat: an explicit list, or the indicators
    whose rule reads the offending column (KONTRAK §3)."""
    kat = m.katalog
    for t in temuan:
        if t.tingkat != GALAT:
            continue
        if t.blokir is not None:
            kode = t.blokir
        elif t.tabel:
            kode = kat.pembaca(t.tabel, _kolom_temuan(t, m))
        else:
            kode = ()
        for k in kode:
            if k in kat.by_kode:
                yield k
            elif k == "@semua":
                yield from kat.by_kode
            elif k.startswith("@="):
                yield from (i.kode for i in kat.per_cara(KM.TEPAT_WAKTU)
                            if m.terbaca.kolom.get(i.kode, {}).get("Standar") == "=" + k[2:])
            elif k.startswith("@"):
                yield from (i.kode for i in kat.per_cara(k[1:]))


def _blokir(p: Pemeriksa, H, m: M.Masukan) -> None:
    kena: dict[str, set[str]] = defaultdict(set)
    for t in p.temuan:
        if t.tingkat == GALAT:
            for k in _terblokir((t,), m):
                kena[k].add(t.lembar)
    for kode in m.terbaca.rusak:
        kena[kode].add(m.kolom_tabel.get("tblIndikator", ("Indikator",))[0])
    for kode, lembar in kena.items():
        if kode not in H:
            continue
        h = H[kode]
        h.status, h.realisasi, h.capaian, h.kategori, h.tercapai = STATUS_GALAT, None, None, None, None
        h.pembilang = h.penyebut = None
        h.keterangan = f"Tidak dihitung: ada galat di lembar {', '.join(sorted(lembar))} (lihat lembar Validasi)."


def _profil_tertahan(p: Pemeriksa, m: M.Masukan, ikm: HasilIKM) -> None:
    """A galat in a survey column no indicator reads blocks only what shows
    it (KONTRAK §3): a bad Usia the profile by age, an unknown Jenis Layanan
    the IKM per Jenis Layanan — never the IKM."""
    kolom = {_kolom_temuan(t, m) for t in p.temuan if t.tingkat == GALAT and t.tabel == "tblSKM"}
    if "Usia" in kolom:
        ikm.profil.pop("Usia", None)
    if "Jenis Layanan" in kolom:
        ikm.per_layanan = []


def _selaraskan_rincian(H, ikm: HasilIKM, akip_h: HasilAKIP, p: Pemeriksa, kat) -> None:
    """A blocked indicator shows no partial numbers elsewhere either; the
    minimum-sample warning is given only for an IKM that stands.

    The IKM block of the JSON and Hasil SKM would otherwise show an index
    computed without the rejected rows while the indicator says galat.
    """
    survei = kat.per_cara(KM.SURVEI_IKM)
    if any(H[i.kode].status == STATUS_GALAT for i in survei):
        ikm.nilai = ikm.mutu = ikm.kinerja = None
        ikm.nrr = {u: None for u in ikm.nrr}
        ikm.unsur = [Unsur(u.kode, u.label, u.jumlah_jawaban, u.jumlah_nilai, None, None, None, None) for u in ikm.unsur]
        ikm.terendah, ikm.per_layanan = [], []
    elif ikm.nilai is not None and ikm.sampel_minimum and ikm.responden < ikm.sampel_minimum:
        p.peringatan("SKM", "A1",
                     f"Jumlah responden ({ikm.responden}) kurang dari sampel minimum Krejcie–Morgan "
                     f"({ikm.sampel_minimum}) untuk populasi {ikm.populasi}.", kode=kat.kode_utama("tblSKM"))
    elif ikm.nilai is not None and not ikm.sampel_minimum and ikm.responden < K.SAMPEL_POPULASI_BESAR:
        # No population: the Krejcie–Morgan table's value for a large one (384) is the yardstick (issue 21).
        p.peringatan("SKM", "A1",
                     f"Jumlah responden ({ikm.responden}) kurang dari 384, sampel minimum Krejcie–Morgan untuk "
                     "populasi yang tidak diketahui; hasil survei perlu dibaca dengan hati-hati (isi Populasi "
                     "Penerima Layanan di Pengaturan bila jumlahnya diketahui).", kode=kat.kode_utama("tblSKM"))
    if any(H[i.kode].status == STATUS_GALAT for i in kat.per_cara(KM.PREDIKAT_AKIP)):
        akip_h.nilai = akip_h.predikat = akip_h.predikat_hitung = None


def _riwayat(riwayat: dict, tahun, H, ref: Referensi, kat) -> dict[str, dict[int, tuple]]:
    """(target, realisasi, capaian, kategori) for every year of tblTarget per code, for the IKU sheet.

    The reporting year's realisasi and capaian are this run's; other years come
    from tblRiwayat and tblTarget (validasi.target).
    """
    hasil: dict[str, dict[int, tuple]] = {}
    for kode, d in riwayat.items():
        hasil[kode] = {}
        for th, (tgt, real) in d.items():
            if th == tahun and kode in H:
                h = H[kode]
                hasil[kode][th] = (h.target, h.realisasi, h.capaian, h.kategori)
                continue
            angka = isinstance(tgt, float) and isinstance(real, float)
            arah = kat.by_kode[kode].arah if kode in kat.by_kode else KM.NAIK
            cap = R_cara.capaian_arah(real, tgt, arah) if angka else None
            hasil[kode][th] = (tgt, real, cap, R_cap.kategori(cap, ref.kategori) if cap is not None else None)
    return hasil
