"""The one computing path: RawWorkbook → Hasil.

Both adapters (file and xlwings) call `hitung`.  It validates, blocks the
indicators whose tables carry a galat, and applies the rules of KONTRAK §3.
"""

from __future__ import annotations

from collections import Counter, defaultdict
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
from .rules import ikm as R_ikm
from .rules.angka import ke_decimal
from .rules.hari_kerja import Kalender
from .rules.persen import persen
from .periode import TAHUNAN, Periode
from .validasi import tabel as V
from .validasi.referensi import baca_referensi
from .validasi.sel import SALAH, Pemeriksa, bersihkan, galat_excel, kosong


def _fmt(x) -> str:
    """Indonesian decimal comma for messages."""
    return angka_teks(x, 0 if float(x).is_integer() else 2)


# --- settings -------------------------------------------------------------------


def baca_pengaturan(raw: RawWorkbook, p: Pemeriksa) -> M.Pengaturan:
    nilai: dict[str, object] = {}
    for spec in K.PENGATURAN:
        nm = raw.names.get(spec.nama)
        if nm is None:
            nilai[spec.nama] = None
            continue
        kol = K.Kolom(spec.label, spec.jenis, spec.pilihan)
        blokir = _blokir_pengaturan(spec.nama)
        nilai_sel = _praolah(spec.nama, nm.value, nm, p)
        if spec.nama == "TanggalPenandatanganan" and isinstance(nilai_sel, str) and _tanggal_panjang(nilai_sel) is None:
            # Only the signature block reads it: keep the text as typed, never block a number.
            nilai[spec.nama] = nilai_sel.strip() or None
            if nilai[spec.nama]:
                p.peringatan(nm.sheet, nm.address, "Tanggal Penandatanganan bukan tanggal Excel; teksnya dicetak apa adanya.")
            continue
        v, pesan, tingkat = bersihkan(nilai_sel, kol)
        if pesan:
            pesan = pesan.replace(f"Kolom '{spec.label}'", f"{spec.label} ({spec.nama})")
            (p.galat if tingkat == GALAT else p.peringatan)(nm.sheet, nm.address, pesan, blokir=blokir)
        if v is None and spec.wajib:
            p.galat(nm.sheet, nm.address, f"{spec.label} ({spec.nama}) wajib diisi.", blokir=blokir)
        nilai[spec.nama] = None if v is SALAH else v
    tahun = nilai["TahunLaporan"]
    if tahun is not None and not 2000 <= tahun <= 2100:
        nm = raw.names["TahunLaporan"]
        p.galat(nm.sheet, nm.address, "Tahun Laporan harus tahun empat digit, misalnya 2024.",
                blokir=_blokir_pengaturan("TahunLaporan"))
        tahun = None
    peng = M.Pengaturan(
        nama_kecamatan=nilai["NamaKecamatan"], nama_kabupaten=nilai["NamaKabupaten"], tahun=tahun,
        metode_bobot=nilai["MetodeBobotIKM"], populasi=nilai["PopulasiPenerimaLayanan"] or None,
        batas_pengaduan=nilai["BatasWaktuPengaduan"], tempat=nilai["TempatPenandatanganan"],
        tanggal_ttd=nilai["TanggalPenandatanganan"], nama_camat=nilai["NamaCamat"],
        nip_camat=nilai["NIPCamat"], pangkat_camat=nilai["PangkatCamat"], periode=nilai.get("Periode"),
    )
    return peng


_BULAN_ID = {b.casefold(): i + 1 for i, b in enumerate(
    ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November",
     "Desember"))}


def _tanggal_panjang(teks: str):
    """'28 Juni 2024' → date; None if it is not such a date."""
    from datetime import date

    parts = teks.replace(",", " ").split()
    if len(parts) == 3 and parts[0].isdigit() and parts[2].isdigit() and parts[1].casefold() in _BULAN_ID:
        try:
            return date(int(parts[2]), _BULAN_ID[parts[1].casefold()], int(parts[0]))
        except ValueError:
            return None
    return None


def _praolah(nama: str, v, nm, p: Pemeriksa):
    """What Excel does to a few settings as they are typed, undone."""
    from datetime import date, datetime

    if nama == "MetodeBobotIKM":
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            # An Indonesian Excel turns a typed 0,111 into the number 0.111.
            for teks, angka in (("1/9", 1 / 9), ("0,111", 0.111), ("0,11", 0.11)):
                if abs(v - angka) < 1e-9:
                    return teks
        if isinstance(v, (date, datetime)) and {(v.day, v.month)} & {(1, 9), (9, 1)}:
            p.peringatan(nm.sheet, nm.address, "Excel mengubah 1/9 menjadi tanggal; dibaca sebagai bobot 1/9. "
                         "Ketik '1/9 (dengan tanda petik) agar tetap teks.")
            return "1/9"
    if nama == "TanggalPenandatanganan" and isinstance(v, str):
        d = _tanggal_panjang(v)
        if d is not None:
            return d
    return v


def _blokir_pengaturan(nama: str) -> tuple[str, ...]:
    return {
        "TahunLaporan": tuple(i.kode for i in katalog.INDIKATOR),
        "MetodeBobotIKM": ("IKU-01", "IK-01"),
        "BatasWaktuPengaduan": ("IKP-02",),
    }.get(nama, ())


# --- the run ----------------------------------------------------------------------


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
    percentage-formatted targets), filed like the engine's own."""
    for c in raw.catatan:
        tabel = c.tabel if c.tabel in K.TABEL else None
        kode = c.kode or (V.kode_utama(tabel) if tabel else None)
        (p.galat if c.tingkat == GALAT else p.peringatan)(c.lembar, c.sel, c.pesan, kode=kode, tabel=tabel,
                                                            blokir=c.blokir)


def hitung(raw: RawWorkbook) -> Hasil:
    p = Pemeriksa()
    _rumus_tanpa_nilai(raw, p)
    _catatan_baca(raw, p)
    peng = baca_pengaturan(raw, p)
    ref = baca_referensi(raw, p)
    tahun = peng.tahun
    periode = Periode(tahun, peng.periode or TAHUNAN) if tahun is not None else None
    hasil_ind = {i.kode: HasilIndikator(i.kode, i.nama, i.satuan) for i in katalog.INDIKATOR}
    ikm = HasilIKM(bobot=peng.metode_bobot or "1/9", populasi=peng.populasi)
    akip_h = HasilAKIP()

    if tahun is not None:
        bersih = {n: V.bersihkan_tabel(raw.tables[n], p, periode) for n in K.TABEL if n in raw.tables}
        _hitung_semua(raw, bersih, peng, periode, ref, p, hasil_ind, ikm, akip_h)
    _target_dan_capaian(raw, p, periode, ref, hasil_ind, akip_h)
    _blokir(p, hasil_ind)
    _selaraskan_rincian(hasil_ind, ikm, akip_h, p)

    riwayat = _riwayat(raw, tahun, hasil_ind, ref)
    return Hasil(
        kecamatan=peng.nama_kecamatan, kabupaten=peng.nama_kabupaten, tahun=tahun,
        indikator=list(hasil_ind.values()), ikm=ikm, akip=akip_h, temuan=p.temuan,
        penandatangan=Penandatangan(peng.tempat, peng.tanggal_ttd, peng.nama_camat, peng.pangkat_camat, peng.nip_camat),
        riwayat=riwayat, periode=periode,
    )


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


def _hitung_semua(raw, bersih, peng, periode: Periode, ref: Referensi, p, H, ikm: HasilIKM,
                  akip_h: HasilAKIP) -> None:
    tahun = peng.tahun
    jenis = {}
    for b in bersih["tblJenisLayanan"].baris:
        if not b.salah:
            jenis[b.nilai["Jenis Layanan"].casefold()] = b.nilai["Standar Waktu (Hari Kerja)"]
    kal = Kalender(b.nilai["Tanggal"] for b in bersih["tblHariLibur"].baris if not b.salah)

    # IKM
    skm = V.skm(bersih["tblSKM"], p, set(jenis))
    _hitung_ikm(skm, peng, ref, p, ikm, H)
    # The survey is usually the largest table: free its rows before the next.
    del skm
    bersih["tblSKM"].baris.clear()
    if "tblRTL" in bersih:
        for b in bersih["tblRTL"].baris:
            if not b.salah:
                ikm.rtl.setdefault(b.nilai["Unsur"], []).append(
                    (b.nilai["Program/Kegiatan"], b.nilai.get("Waktu"), b.nilai.get("Penanggung Jawab")))

    # AKIP
    baris_akip = V.akip(bersih["tblAKIP"], p, tahun, ref)
    _hitung_akip(baris_akip, tahun, ref, p, H, akip_h)

    # Register-based percentages; `sumber` says whether the register has rows
    # for the indicator so Rekap Manual can stand in for it.
    punya: dict[str, bool] = {}

    sop = V.sop(bersih["tblSOP"], p)
    punya["IK-07"] = bool(bersih["tblSOP"].baris)
    if sop:
        jumlah_rasio = sum((Fraction(r.sesuai, r.jumlah) for r in sop), Fraction(0))
        _set_persen(H["IK-07"], jumlah_rasio, len(sop), "")
        H["IK-07"].keterangan = f"Rata-rata kesesuaian {len(sop)} SOP layanan."

    kam = V.kamtibmas(bersih["tblKamtibmas"])
    punya["IK-08"] = bool(bersih["tblKamtibmas"].baris)
    pekat_rows = [b for b in bersih["tblKamtibmas"].baris if b.nilai.get("Jenis") == "Penyakit Masyarakat"]
    punya["IKP-04"] = bool(pekat_rows)
    if punya["IK-08"]:
        _set_persen(H["IK-08"], sum(r.status == "Tuntas" for r in kam), len(kam), "Tidak ada gangguan kamtibmas tercatat.")
    pekat = [r for r in kam if r.jenis == "Penyakit Masyarakat"]
    if punya["IKP-04"]:
        _set_persen(H["IKP-04"], sum(r.status == "Tuntas" for r in pekat), len(pekat), "Tidak ada penyakit masyarakat tercatat.")

    sar = V.sarpras(bersih["tblSarpras"], p)
    for k in ("IK-09", "IKP-06", "IKP-07"):
        punya[k] = bool(bersih["tblSarpras"].baris)
    if punya["IK-09"]:
        ters = sum(r.tersedia for r in sar)
        _set_persen(H["IK-09"], sum(r.kondisi_baik for r in sar), ters, "Jumlah sarpras tersedia 0.")
        _set_persen(H["IKP-06"], ters, sum(r.kebutuhan for r in sar), "Jumlah kebutuhan sarpras 0.")
        _set_persen(H["IKP-07"], sum(r.dipelihara for r in sar), ters, "Jumlah sarpras tersedia 0.")

    desa = V.desa(bersih["tblDesa"], p, ref)
    punya["IK-10"] = bool(bersih["tblDesa"].baris)
    if punya["IK-10"]:
        mandiri = ref.status_idm[-1][0]
        _set_persen(H["IK-10"], sum(d.status == mandiri for d in desa), len(desa), "Tidak ada desa tercatat.")
        H["IK-10"].keterangan = ", ".join(f"{s}: {n}" for s, n in Counter(d.status for d in desa).items())

    def selesai(r):
        # Settled after the period ends: as of the period it was still open.
        return r.selesai if r.selesai is not None and r.selesai <= periode.akhir else None

    V.duplikat(raw.tables["tblLayanan"], "No Register", p, "IKP-01")
    lay = V.register(bersih["tblLayanan"], p, "IKP-01", jenis=jenis)
    punya["IKP-01"] = bool(bersih["tblLayanan"].baris)
    if punya["IKP-01"]:
        tepat = sum(
            1 for r in lay if selesai(r) is not None and kal.hari_kerja(r.masuk, r.selesai) <= jenis[r.jenis_layanan.casefold()]
        )
        terbuka = sum(1 for r in lay if selesai(r) is None)
        _set_persen(H["IKP-01"], tepat, len(lay), "Tidak ada permohonan layanan tercatat.")
        if H["IKP-01"].status == STATUS_OK:
            H["IKP-01"].keterangan = f"{tepat} dari {len(lay)} permohonan selesai tepat waktu; {terbuka} belum selesai."

    pgd = V.register(bersih["tblPengaduan"], p, "IKP-02")
    punya["IKP-02"] = bool(bersih["tblPengaduan"].baris)
    if punya["IKP-02"]:
        batas = peng.batas_pengaduan
        if batas is not None:  # otherwise its Pengaturan galat blocks IKP-02
            tepat = sum(1 for r in pgd if selesai(r) is not None and kal.hari_kerja(r.masuk, r.selesai) <= batas)
            _set_persen(H["IKP-02"], tepat, len(pgd), "Tidak ada pengaduan tercatat.")
            if H["IKP-02"].status == STATUS_OK:
                H["IKP-02"].keterangan = f"Batas penyelesaian {batas} hari kerja."

    for kode, tbl, header, sebab in (
        ("IKP-03", "tblASN", "Kompeten", "Tidak ada ASN tercatat."),
        ("IKP-05", "tblBencana", "Ditindaklanjuti", "Tidak ada kejadian bencana tercatat."),
        ("IKP-09", "tblUsulan", "Diverifikasi", "Tidak ada usulan tercatat."),
    ):
        rows = V.ya_tidak(bersih[tbl], header)
        punya[kode] = bool(bersih[tbl].baris)
        if punya[kode]:
            _set_persen(H[kode], sum(r.ya for r in rows), len(rows), sebab)

    keg = V.kegiatan(bersih["tblKegiatan"], p)
    for kode, kelompok in zip(("IKP-08", "IKP-10", "IKP-11"), K.KELOMPOK_KEGIATAN):
        rows = [r for r in keg if r.kelompok == kelompok]
        punya[kode] = any(b.nilai.get("Kelompok") == kelompok for b in bersih["tblKegiatan"].baris)
        if punya[kode]:
            _set_persen(H[kode], sum(ke_decimal(r.realisasi) for r in rows),
                        sum(ke_decimal(r.target) for r in rows), f"Jumlah target kegiatan {kelompok} 0.")

    # Rekap Manual stands in for an empty register, never beside a filled one.
    rekap = V.rekap(bersih["tblRekapManual"], p)
    for kode in katalog.KODE_REKAP:
        r = rekap.get(kode)
        if r is not None and punya.get(kode):
            ind = katalog.INDIKATOR_BY_KODE[kode]
            p.galat(r.lembar, r.alamat("Kode"),
                    f"{kode} sudah dihitung dari register di lembar {K.TABEL[ind.tabel[0]].lembar}; hapus baris Rekap Manual "
                    "ini atau kosongkan registernya.", kode=kode, blokir=(kode,))
        elif r is not None:
            _set_persen(H[kode], ke_decimal(r.pembilang), ke_decimal(r.penyebut), "Penyebut Rekap Manual 0.")
            H[kode].keterangan = (H[kode].keterangan + " " if H[kode].status != STATUS_OK else "") + "Dari Rekap Manual."
        elif not punya.get(kode):
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
    nrr = R_ikm.nrr(r.jawaban for r in skm)
    ikm.nrr = {u: (None if v is None else float(v)) for u, v in nrr.items()}
    for i, u in enumerate(K.UNSUR):
        jawab = [r.jawaban[i] for r in skm if r.jawaban[i] is not None]
        v = nrr[u]
        ikm.unsur.append(Unsur(
            u, ref.unsur_label.get(u, u), len(jawab), sum(jawab),
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
    kelompok: dict[str, list] = defaultdict(list)
    for r in skm:
        kelompok[r.jenis_layanan or "(tidak diisi)"].append(r.jawaban)
    for jl in sorted(kelompok, key=str.casefold):
        rows = kelompok[jl]
        n = R_ikm.nrr(rows)
        if w is None or any(v is None for v in n.values()):
            ikm.per_layanan.append(IKMLayanan(jl, len(rows), None, None, None))
            continue
        v = R_ikm.nilai_ikm(n, w)
        m = R_ikm.mutu(v, ref.mutu_ikm)
        ikm.per_layanan.append(IKMLayanan(jl, len(rows), float(v), m.mutu, m.kinerja))


def _profil(skm: list[M.BarisSKM]) -> dict[str, list[tuple[str, int]]]:
    def hitung(vals):
        c = Counter(v if v not in (None, "") else "(tidak diisi)" for v in vals)
        return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))

    def usia(u):
        if u is None:
            return None
        for batas, label in ((20, "< 20 tahun"), (30, "20–29 tahun"), (40, "30–39 tahun"), (50, "40–49 tahun"), (60, "50–59 tahun")):
            if u < batas:
                return label
        return "≥ 60 tahun"

    jk = {"L": "Laki-laki", "P": "Perempuan"}
    urutan_usia = ["< 20 tahun", "20–29 tahun", "30–39 tahun", "40–49 tahun", "50–59 tahun", "≥ 60 tahun", "(tidak diisi)"]
    per_usia = Counter(usia(r.usia) or "(tidak diisi)" for r in skm)
    return {
        "Jenis Kelamin": hitung(jk.get(r.jenis_kelamin) for r in skm),
        "Usia": [(b, per_usia[b]) for b in urutan_usia if per_usia[b]],
        "Pendidikan": hitung(r.pendidikan for r in skm),
        "Pekerjaan": hitung(r.pekerjaan for r in skm),
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


def _baca_target(raw: RawWorkbook, p: Pemeriksa, periode: Periode | None) -> dict[str, object]:
    t = raw.tables.get("tblTarget")
    out: dict[str, object] = {}
    if t is None or periode is None:
        return out
    tahun = periode.tahun
    kolom = str(tahun)
    seen: dict[str, str] = {}
    seen_isi: dict[str, bool] = {}
    for row in t.rows:
        kode = row.values.get("Kode")
        if kosong(kode):
            continue
        kode = str(kode).strip().upper()
        if kode not in katalog.INDIKATOR_BY_KODE:
            p.peringatan(t.sheet, row.cell("Kode"), f"Kode '{kode}' tidak dikenal; baris target ini diabaikan.")
            continue
        ada_isi = any(not kosong(row.values.get(str(th))) for th in K.TAHUN_IKU if str(th) in row.cols)
        if not ada_isi and kode in seen:
            continue  # an empty starter row beside a filled one is no conflict
        if kode in seen and seen_isi.get(kode):
            p.galat(t.sheet, seen[kode], f"Target {kode} ditulis dua kali (juga di {row.cell('Kode')}).",
                    kode=kode, blokir=(kode,))
            p.galat(t.sheet, row.cell("Kode"), f"Target {kode} ditulis dua kali (juga di {seen[kode]}).",
                    kode=kode, blokir=(kode,))
            out[kode] = SALAH
            continue
        seen[kode] = row.cell("Kode")
        seen_isi[kode] = ada_isi
        if kolom not in row.cols:
            continue
        v = row.values.get(kolom)
        if kosong(v):
            out[kode] = None
            continue
        out[kode] = _nilai_target(v, kode, t.sheet, row.cell(kolom), p)
    tw = raw.tables.get("tblTargetTriwulan")
    if periode.triwulan and tw is not None:
        for row in tw.rows:
            kode = str(row.values.get("Kode") or "").strip().upper()
            th = row.values.get("Tahun")
            v = row.values.get(periode.nama)
            if kode in katalog.INDIKATOR_BY_KODE and th == tahun and not kosong(v) and out.get(kode) is not SALAH:
                out[kode] = _nilai_target(v, kode, tw.sheet, row.cell(periode.nama), p)
    return out


def _nilai_target(v, kode, lembar, sel, p: Pemeriksa):
    if galat_excel(v):
        return SALAH  # already a galat at its cell (validasi.tabel cleans every table)
    if isinstance(v, bool):
        v = str(v)
    if isinstance(v, (int, float)):
        if v < 0:
            p.galat(lembar, sel, f"Target {kode} tidak boleh negatif.", kode=kode, blokir=(kode,))
            return SALAH
        return float(v)
    teks = str(v).strip()
    if kode == "IK-02" and teks.upper() in K.PREDIKAT:
        return teks.upper()
    if kode == "IK-02":
        p.galat(lembar, sel, f"Target IK-02 harus predikat ({', '.join(K.PREDIKAT)}) atau nilai angka.",
                kode=kode, blokir=(kode,))
    else:
        p.galat(lembar, sel, f"Target {kode} berisi teks; isikan angka.", kode=kode, blokir=(kode,))
    return SALAH


def _target_dan_capaian(raw, p, periode: Periode | None, ref: Referensi, H, akip_h: HasilAKIP) -> None:
    target = _baca_target(raw, p, periode)
    tahun = periode.tahun if periode else None
    for kode, h in H.items():
        t = target.get(kode)
        if t is SALAH:
            continue
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
                tercapai = R_akip.peringkat(h.realisasi, ref.predikat) <= R_akip.peringkat(t, ref.predikat)
                h.keterangan += (
                    f" Target predikat {t} {'tercapai' if tercapai else 'belum tercapai'}; capaian = nilai / "
                    f"batas bawah predikat {t} ({_fmt(float(R_akip.batas_bawah(t, ref.predikat)))}) × 100."
                )
            else:
                h.capaian = R_cap.capaian(nilai, t)
        else:
            h.capaian = R_cap.capaian(h.realisasi, t)
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
        h.status, h.realisasi, h.capaian, h.kategori = STATUS_GALAT, None, None, None
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
    if H["IK-02"].status == STATUS_GALAT:
        akip_h.nilai = akip_h.predikat = akip_h.predikat_hitung = None


def _riwayat(raw: RawWorkbook, tahun, H, ref: Referensi) -> dict[str, dict[int, tuple]]:
    """(target, realisasi, capaian, kategori) for 2021–2026 per code, for the IKU sheet.

    The reporting year's realisasi and capaian are this run's; other years come
    from tblRiwayat and tblTarget.
    """
    out: dict[str, dict[int, list]] = defaultdict(lambda: {t: [None, None] for t in K.TAHUN_IKU})
    t = raw.tables.get("tblTarget")
    if t is not None:
        for row in t.rows:
            kode = str(row.values.get("Kode") or "").strip().upper()
            if kode in katalog.INDIKATOR_BY_KODE:
                for th in K.TAHUN_IKU:
                    v = row.values.get(str(th))
                    if not kosong(v) and out[kode][th][0] is None:
                        out[kode][th][0] = v
    r = raw.tables.get("tblRiwayat")
    if r is not None:
        for row in r.rows:
            kode = str(row.values.get("Kode") or "").strip().upper()
            th = row.values.get("Tahun")
            if kode in katalog.INDIKATOR_BY_KODE and isinstance(th, (int, float)) and int(th) in K.TAHUN_IKU:
                v = row.values.get("Realisasi")
                if not kosong(v):
                    out[kode][int(th)][1] = v
    hasil: dict[str, dict[int, tuple]] = {}
    for kode, d in out.items():
        hasil[kode] = {}
        for th, (tgt, real) in d.items():
            if th == tahun and kode in H:
                h = H[kode]
                hasil[kode][th] = (h.target, h.realisasi, h.capaian, h.kategori)
                continue
            tgt_f, real_f = _angka(tgt), _angka(real)
            cap = R_cap.capaian(real_f, tgt_f) if tgt_f is not None and real_f is not None else None
            hasil[kode][th] = (tgt_f if tgt_f is not None else tgt, real_f if real_f is not None else real, cap,
                               R_cap.kategori(cap, ref.kategori) if cap is not None else None)
    return hasil


def _angka(v):
    """A number typed as a number or as text ('84,5'); None otherwise."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        return float(v)
    try:
        return float(ke_decimal(str(v).strip()))
    except (ValueError, ArithmeticError):
        return None
