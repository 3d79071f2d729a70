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

from . import katalog
from . import kontrak as K
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
from .dasar.raw import RawWorkbook
from .referensi import Referensi
from .rules import akip as R_akip
from .rules import capaian as R_cap
from .rules import idm as R_idm
from .rules import ikm as R_ikm
from .rules.angka import ke_decimal
from .rules.hari_kerja import Kalender
from .rules.persen import persen
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
    tahun = peng.tahun
    hasil_ind = {i.kode: HasilIndikator(i.kode, i.nama, i.satuan) for i in katalog.INDIKATOR}
    ikm = HasilIKM(bobot=peng.metode_bobot or "1/9", populasi=peng.populasi)
    akip_h = HasilAKIP()

    if periode is not None:
        _hitung_semua(m, p, hasil_ind, ikm, akip_h)
    _target_dan_capaian(m.target, p, periode, ref, hasil_ind, akip_h)
    _blokir(p, hasil_ind)
    _selaraskan_rincian(hasil_ind, ikm, akip_h, p)
    _keterangan_cetak(hasil_ind, m)

    return Hasil(
        kecamatan=peng.nama_kecamatan, kabupaten=peng.nama_kabupaten, tahun=tahun,
        indikator=list(hasil_ind.values()), ikm=ikm, akip=akip_h, temuan=p.temuan,
        penandatangan=Penandatangan(peng.tempat, peng.tanggal_ttd, peng.nama_camat, peng.pangkat_camat, peng.nip_camat),
        riwayat=_riwayat(m.riwayat, tahun, hasil_ind, ref), periode=periode,
        dasar_penetapan=(peng.dasar_penetapan or "").strip() or None,
    )


def _keterangan_cetak(H, m: M.Masukan) -> None:
    """What an auditor needs beside a printed percentage (issue 21): its counts
    ("22 dari 25") and, for a register without dates, that it is the state on
    the day it was computed."""
    for kode, h in H.items():
        if h.status != STATUS_OK:
            continue
        ind = katalog.INDIKATOR_BY_KODE[kode]
        tambah = []
        if ind.persen and h.pembilang is not None and h.penyebut is not None and not h.keterangan:
            tambah.append(f"{_fmt(h.pembilang)} dari {_fmt(h.penyebut)}.")
        if kode not in m.rekap and ind.tabel and all(t in K.TABEL_TANPA_TANGGAL for t in ind.tabel):
            tambah.append("Register tanpa tanggal: keadaan per tanggal dihitung.")
        if tambah:
            h.keterangan = " ".join([h.keterangan, *tambah]) if h.keterangan else " ".join(tambah)


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


def _hitung_semua(m: M.Masukan, p: Pemeriksa, H, ikm: HasilIKM, akip_h: HasilAKIP) -> None:
    peng, ref, periode = m.pengaturan, m.referensi, m.periode
    tahun = periode.tahun
    ada = m.ada
    jenis = m.jenis_layanan
    kal = Kalender(m.hari_libur)

    _hitung_ikm(m.skm, peng, ref, p, ikm, H)
    ikm.rtl = m.rtl
    _hitung_akip(m.akip, tahun, ref, p, H, akip_h)

    if ada["IK-07"] and m.sop:
        jumlah_rasio = sum((Fraction(r.sesuai, r.jumlah) for r in m.sop), Fraction(0))
        _set_persen(H["IK-07"], jumlah_rasio, len(m.sop), "")
        H["IK-07"].keterangan = f"Rata-rata kesesuaian {len(m.sop)} SOP layanan."

    kam = m.kamtibmas
    if ada["IK-08"]:
        _set_persen(H["IK-08"], sum(r.status == "Tuntas" for r in kam), len(kam), "Tidak ada gangguan kamtibmas tercatat.")
    pekat = [r for r in kam if r.jenis == "Penyakit Masyarakat"]
    if ada["IKP-04"]:
        _set_persen(H["IKP-04"], sum(r.status == "Tuntas" for r in pekat), len(pekat), "Tidak ada penyakit masyarakat tercatat.")

    sar = m.sarpras
    if ada["IK-09"]:
        ters = sum(r.tersedia for r in sar)
        _set_persen(H["IK-09"], sum(r.kondisi_baik for r in sar), ters, "Jumlah sarpras tersedia 0.")
        _set_persen(H["IKP-06"], ters, sum(r.kebutuhan for r in sar), "Jumlah kebutuhan sarpras 0.")
        _set_persen(H["IKP-07"], sum(r.dipelihara for r in sar), ters, "Jumlah sarpras tersedia 0.")

    if ada["IK-10"]:
        # A blank status is derived from the score (validation made sure the scheme has thresholds then).
        batas = ref.batas_desa(m.skema_desa)
        status = [d.status or R_idm.status_idm(d.nilai_idm, batas) for d in m.desa]
        mandiri = batas[-1][0] if batas else K.STATUS_IDM[-1]
        _set_persen(H["IK-10"], sum(s == mandiri for s in status), len(status), "Tidak ada desa tercatat.")
        H["IK-10"].keterangan = (", ".join(f"{s}: {n}" for s, n in Counter(status).items())
                                 + f" (skema {m.skema_desa}).")

    # Timeliness is a property of the request: a request belongs to the period
    # of its Tanggal Masuk, and one settled after the period ends counts as it
    # is (KONTRAK §3); the Keterangan says how many those are.
    def tepat_waktu(rows, batas_of) -> tuple[int, int, int]:
        tepat = sum(1 for r in rows if r.selesai is not None and kal.hari_kerja(r.masuk, r.selesai) <= batas_of(r))
        terbuka = sum(1 for r in rows if r.selesai is None)
        sesudah = sum(1 for r in rows if r.selesai is not None and r.selesai > periode.akhir)
        return tepat, terbuka, sesudah

    def ket_sesudah(n: int) -> str:
        return f"; {n} diselesaikan sesudah akhir periode ({tanggal_id(periode.akhir)})" if n else ""

    lay = m.layanan
    if ada["IKP-01"]:
        tepat, terbuka, sesudah = tepat_waktu(lay, lambda r: jenis[r.jenis_layanan.casefold()])
        _set_persen(H["IKP-01"], tepat, len(lay), "Tidak ada permohonan layanan tercatat.")
        if H["IKP-01"].status == STATUS_OK:
            H["IKP-01"].keterangan = (f"{tepat} dari {len(lay)} permohonan selesai tepat waktu"
                                      f"{ket_sesudah(sesudah)}; {terbuka} belum selesai.")

    pgd = m.pengaduan
    if ada["IKP-02"]:
        batas = peng.batas_pengaduan
        if batas is not None:  # otherwise its Pengaturan galat blocks IKP-02
            tepat, terbuka, sesudah = tepat_waktu(pgd, lambda r: batas)
            _set_persen(H["IKP-02"], tepat, len(pgd), "Tidak ada pengaduan tercatat.")
            if H["IKP-02"].status == STATUS_OK:
                H["IKP-02"].keterangan = (f"Batas penyelesaian {batas} hari kerja; {tepat} dari {len(pgd)} "
                                          f"pengaduan selesai tepat waktu{ket_sesudah(sesudah)}; "
                                          f"{terbuka} belum selesai.")

    for kode, sebab in (("IKP-03", "Tidak ada ASN tercatat."), ("IKP-05", "Tidak ada kejadian bencana tercatat."),
                        ("IKP-09", "Tidak ada usulan tercatat.")):
        rows = m.ya_tidak[kode]
        if ada[kode]:
            _set_persen(H[kode], sum(r.ya for r in rows), len(rows), sebab)

    for kode, kelompok in zip(("IKP-08", "IKP-10", "IKP-11"), K.KELOMPOK_KEGIATAN):
        rows = [r for r in m.kegiatan if r.kelompok == kelompok]
        if ada[kode]:
            _set_persen(H[kode], sum(ke_decimal(r.realisasi) for r in rows),
                        sum(ke_decimal(r.target) for r in rows), f"Jumlah target kegiatan {kelompok} 0.")

    for kode in katalog.KODE_REKAP:
        r = m.rekap.get(kode)
        if r is not None:
            _set_persen(H[kode], ke_decimal(r.pembilang), ke_decimal(r.penyebut), "Penyebut Rekap Manual 0.")
            H[kode].keterangan = (H[kode].keterangan + " " if H[kode].status != STATUS_OK else "") + "Dari Rekap Manual."
        elif not ada.get(kode):
            tbl = katalog.INDIKATOR_BY_KODE[kode].tabel[0]
            _tanpa_data(H[kode], f"Belum ada data: lembar {K.TABEL[tbl].lembar} kosong untuk {periode.uraian} dan tidak ada Rekap Manual.")


def _hitung_ikm(skm: list[M.BarisSKM], peng, ref: Referensi, p: Pemeriksa, ikm: HasilIKM, H) -> None:
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

    for kode in ("IKU-01", "IK-01"):
        h = H[kode]
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


def _hitung_akip(row: M.BarisAKIP | None, tahun, ref: Referensi, p: Pemeriksa, H, akip_h: HasilAKIP) -> None:
    if row is None:
        for kode in ("IK-02", "IK-03", "IK-04", "IK-05", "IK-06"):
            _tanpa_data(H[kode], f"Belum ada baris tahun {tahun} di tabel AKIP.")
        return
    nilai = R_akip.nilai_akip(row.komponen[k] for k in ("IK-03", "IK-04", "IK-05", "IK-06"))
    hitung_pred = R_akip.predikat(nilai, ref.predikat)
    pred = row.predikat_lhe or hitung_pred
    akip_h.nilai, akip_h.predikat, akip_h.predikat_hitung = float(nilai), pred, hitung_pred
    if row.predikat_lhe and row.predikat_lhe != hitung_pred:
        p.peringatan(row.lembar, row.alamat("Predikat LHE"),
                     f"Predikat LHE {row.predikat_lhe} berbeda dengan predikat menurut nilai "
                     f"{_fmt(float(nilai))} ({hitung_pred}); predikat LHE Inspektorat yang dipakai.", kode="IK-02")
    h = H["IK-02"]
    h.realisasi = pred
    h.keterangan = f"Nilai AKIP {_fmt(float(nilai))}" + (" (predikat LHE Inspektorat)." if row.predikat_lhe else ".")
    for kode in ("IK-03", "IK-04", "IK-05", "IK-06"):
        H[kode].realisasi = float(row.komponen[kode])
        H[kode].keterangan = f"Bobot {_fmt(float(ref.bobot_akip[kode]))}."


# --- targets, capaian, blocking ---------------------------------------------------


def _target_dan_capaian(target: dict, p, periode: Periode | None, ref: Referensi, H, akip_h: HasilAKIP) -> None:
    tahun = periode.tahun if periode else None
    for kode, h in H.items():
        t = target.get(kode)
        h.target = t
        if t is None:
            if h.status == STATUS_OK:
                h.keterangan = (h.keterangan + " " if h.keterangan else "") + f"Target {tahun} belum diisi."
            continue
        if h.status != STATUS_OK or h.realisasi is None:
            continue
        if kode == "IK-02":
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
        else:
            h.capaian = R_cap.capaian(h.realisasi, t)
            h.tercapai = R_cap.tercapai(h.capaian)
        h.kategori = R_cap.kategori(h.capaian, ref.kategori)


def _blokir(p: Pemeriksa, H) -> None:
    kena: dict[str, set[str]] = defaultdict(set)
    for t in p.temuan:
        if t.tingkat != GALAT:
            continue
        kode = t.blokir if t.blokir is not None else (katalog.pembaca(t.tabel) if t.tabel else ())
        for k in kode:
            kena[k].add(t.lembar)
    for kode, lembar in kena.items():
        h = H[kode]
        h.status, h.realisasi, h.capaian, h.kategori, h.tercapai = STATUS_GALAT, None, None, None, None
        h.pembilang = h.penyebut = None
        h.keterangan = f"Tidak dihitung: ada galat di lembar {', '.join(sorted(lembar))} (lihat lembar Validasi)."


def _selaraskan_rincian(H, ikm: HasilIKM, akip_h: HasilAKIP, p: Pemeriksa) -> None:
    """A blocked indicator shows no partial numbers elsewhere either; the
    minimum-sample warning is given only for an IKM that stands.

    The IKM block of the JSON and Hasil SKM would otherwise show an index
    computed without the rejected rows while IK-01 says galat.
    """
    if H["IK-01"].status == STATUS_GALAT:
        ikm.nilai = ikm.mutu = ikm.kinerja = None
        ikm.nrr = {u: None for u in ikm.nrr}
        ikm.unsur = [Unsur(u.kode, u.label, u.jumlah_jawaban, u.jumlah_nilai, None, None, None, None) for u in ikm.unsur]
        ikm.terendah, ikm.per_layanan = [], []
    elif ikm.nilai is not None and ikm.sampel_minimum and ikm.responden < ikm.sampel_minimum:
        p.peringatan("SKM", "A1",
                     f"Jumlah responden ({ikm.responden}) kurang dari sampel minimum Krejcie–Morgan "
                     f"({ikm.sampel_minimum}) untuk populasi {ikm.populasi}.", kode="IK-01")
    elif ikm.nilai is not None and not ikm.sampel_minimum and ikm.responden < K.SAMPEL_POPULASI_BESAR:
        # No population: the Krejcie–Morgan table's value for a large one (384) is the yardstick (issue 21).
        p.peringatan("SKM", "A1",
                     f"Jumlah responden ({ikm.responden}) kurang dari 384, sampel minimum Krejcie–Morgan untuk "
                     "populasi yang tidak diketahui; hasil survei perlu dibaca dengan hati-hati (isi Populasi "
                     "Penerima Layanan di Pengaturan bila jumlahnya diketahui).", kode="IK-01")
    if H["IK-02"].status == STATUS_GALAT:
        akip_h.nilai = akip_h.predikat = akip_h.predikat_hitung = None


def _riwayat(riwayat: dict, tahun, H, ref: Referensi) -> dict[str, dict[int, tuple]]:
    """(target, realisasi, capaian, kategori) for 2021–2026 per code, for the IKU sheet.

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
            cap = R_cap.capaian(real, tgt) if angka else None
            hasil[kode][th] = (tgt, real, cap, R_cap.kategori(cap, ref.kategori) if cap is not None else None)
    return hasil
