"""LKjIP Bab III "Akuntabilitas Kinerja": capaian kinerja organisasi and realisasi anggaran.

For each of the 22 indicators, in IKU / IK / IKP order, the points evaluators
check under PermenPANRB 53/2014 and 88/2021: target against realisasi this
year, this year against earlier years (tblRiwayat), realisasi against the
Renstra target of the last year (tblTarget), the causes and the efforts
(tblAnalisis, shared by the indicators that measure the same thing, e.g. IKU-01
and IK-01; for the IKM, what the survey itself shows; one sentence marked
"[Perlu disunting: …]" only where neither exists), and budget efficiency where
Pagu and Realisasi Anggaran are given.  A quarter is compared with nothing but
a quarter: half a year never stands beside a whole one.  No sheet, table or
setting name reaches the page.  A blocked (galat) or empty (tanpa_data) indicator says
so and shows no number.
"""

from __future__ import annotations

from docx import Document

from .. import katalog
from ..hasil import STATUS_GALAT, STATUS_OK, STATUS_TANPA_DATA, HasilIndikator
from ..rules import akip as R_akip
from ..rules.cara import capaian_arah
from ..validasi.target import sama_ukuran
from . import dokumen as D
from . import grafik
from . import teks as T
from .sumber import Analisis, Bahan

# Headings of the built-in Kelompok; an office's own is printed as typed.
KELOMPOK = {
    katalog.KELOMPOK_IKU: "Indikator Kinerja Utama (IKU)",
    katalog.KELOMPOK_IK: "Indikator Kinerja (IK)",
    katalog.KELOMPOK_IKP: "Indikator Kinerja Pendukung (IKP)",
}


def _kat(b: Bahan):
    return katalog.dari_hasil(b.hasil)
def _renstra(b: Bahan) -> int:
    """The Renstra's last year: the last year column of tblTarget."""
    return T.tahun_renstra(b.hasil)[-1]


def urutan(b: Bahan) -> list[HasilIndikator]:
    by = b.hasil.indikator_by_kode()
    kat = _kat(b)
    return [by[i.kode] for kel in kat.kelompok for i in kat.per_kelompok(kel)]


def _nilai(ind: HasilIndikator, b: Bahan) -> str:
    """Realisasi as printed: IK-02 is the predikat with its score."""
    if ind.cara_hitung == "Predikat AKIP" and ind.status == STATUS_OK and isinstance(ind.realisasi, str):
        return f"{ind.realisasi} (nilai {T.angka(b.hasil.akip.nilai)})"
    return T.realisasi(ind)


def _judul_target(b: Bahan) -> str:
    """'Target 2024', or 'Target Triwulan II 2024' when the period's own target applies."""
    h = b.hasil
    if h.periode is not None and h.periode.triwulan:
        return f"Target {h.periode.nama} {h.tahun}"
    return f"Target {h.tahun or ''}".strip()


def _target(ind: HasilIndikator) -> str:
    return "belum diisi" if ind.target is None else T.angka(ind.target)


def buat(b: Bahan, gaya=None) -> Document:
    h = b.hasil
    doc = D.baru(f"LKjIP Kecamatan {h.kecamatan or '…'} {h.tahun or ''} — Bab III".strip(), gaya)
    D.bab(doc, "III", "Akuntabilitas Kinerja", pertama=True)
    D.para(doc, f"Kecamatan {h.kecamatan or '…'}, Kabupaten {h.kabupaten or '…'} — {T.uraian_periode(h)}",
           miring=True, rata=False)
    _capaian(doc, b)
    _per_indikator(doc, b)
    _anggaran(doc, b)
    return doc


def _capaian(doc: Document, b: Bahan) -> None:
    h = b.hasil
    D.sub(doc, "A. Capaian Kinerja Organisasi")
    D.para(doc, f"Pengukuran kinerja membandingkan target dengan realisasi setiap indikator pada Perjanjian Kinerja "
                f"{T.uraian_periode(h)}. Capaian = realisasi / target × 100%; untuk target berupa predikat (IK-02), "
                "capaian = nilai AKIP / batas bawah predikat target × 100%. Kategori capaian mengikuti "
                "Permendagri 86/2017:")
    kat = sorted(b.referensi.kategori, key=lambda r: r[0], reverse=True)
    rows = []
    for i, (bawah, label) in enumerate(kat):
        if i == len(kat) - 1:
            rows.append([f"< {T.angka(float(kat[i - 1][0]), 0)}", label])
        else:
            rows.append([f"≥ {T.angka(float(bawah), 0)}", label])
    D.tabel(doc, ["Capaian (%)", "Kategori"], rows, lebar_cm=[4.0, 5.0], judul="Tabel 3.1 Kategori capaian kinerja")

    semua = urutan(b)
    rows = []
    for no, ind in enumerate(semua, start=1):
        # "–" for a missing target here (the sentence below names them); the sections say "belum diisi".
        rows.append([str(no), ind.kode, _kat(b).by_kode[ind.kode].nama,
                     "–" if ind.target is None else T.angka(ind.target), _nilai(ind, b),
                     T.capaian(ind) if ind.target is not None or ind.status != STATUS_OK else "–",
                     ind.kategori or "–"])
    D.tabel(doc, ["No", "Kode", "Indikator", "Target", "Realisasi", "Capaian (%)", "Kategori"], rows,
            lebar_cm=[1.0, 1.7, 4.8, 1.5, 2.0, 1.7, 2.6], kanan={3, 4, 5},
            judul=f"Tabel 3.2 Ringkasan capaian {len(semua)} indikator {T.uraian_periode(h)}")
    galat = [i.kode for i in semua if i.status == STATUS_GALAT]
    kosong = [i.kode for i in semua if i.status == STATUS_TANPA_DATA]
    ok = [i for i in semua if i.status == STATUS_OK and i.capaian is not None]
    capai = [i.kode for i in ok if i.tercapai is True]
    belum = [i.kode for i in ok if i.tercapai is False]
    tanpa_target = [i.kode for i in semua if i.status == STATUS_OK and i.target is None]
    kalimat = [f"Dari {len(semua)} indikator, {len(ok)} dapat diukur capaiannya"]
    if capai or belum:
        kalimat.append(f"{len(capai)} mencapai target dan {len(belum)} belum mencapai target"
                       + (f" ({', '.join(belum)})" if belum else ""))
    if tanpa_target:
        kalimat.append(f"{len(tanpa_target)} belum memiliki target tahun {h.tahun} ({', '.join(tanpa_target)})")
    if kosong:
        kalimat.append(f"{len(kosong)} tanpa data ({', '.join(kosong)})")
    if galat:
        kalimat.append(f"{len(galat)} belum dapat dihitung karena sebagian datanya masih salah "
                       f"({', '.join(galat)})")
    D.para(doc, "; ".join(kalimat) + ".")
    D.gambar(doc, grafik.target_realisasi(semua), "Gambar 3.1 Target dan realisasi indikator kinerja", lebar_cm=15.0)


def _per_indikator(doc: Document, b: Bahan) -> None:
    h = b.hasil
    by = h.indikator_by_kode()
    D.sub(doc, "Analisis Capaian per Indikator")
    kat = _kat(b)
    for n, kel in enumerate(kat.kelompok, start=1):
        D.sub(doc, f"{n}. {KELOMPOK.get(kel, kel)}", level=3)
        for k in kat.per_kelompok(kel):
            _indikator(doc, b, by[k.kode])


def _indikator(doc: Document, b: Bahan, ind: HasilIndikator) -> None:
    h = b.hasil
    k = _kat(b).by_kode[ind.kode]
    p = doc.add_paragraph()
    p.paragraph_format.keep_with_next = True
    r = p.add_run(f"{ind.kode} {k.nama}")
    r.bold = True
    # The indicator's heading, definition and table move together: no heading alone at a page foot.
    baris = [(f"{judul}: {isi}", True) for judul, isi in (("Definisi operasional", k.definisi),
                                                          ("Formulasi perhitungan", k.formulasi)) if isi.strip()]
    baris.append((f"Satuan: {k.satuan}. Penanggung jawab: {k.penanggung_jawab}.", False))
    if k.sasaran:
        baris.append((f"Sasaran strategis: {k.sasaran}.", False))
    if k.sumber_data:
        baris.append((f"Sumber data: {k.sumber_data}.", False))
    for teks, rata in baris:
        D.para(doc, teks, rata=rata).paragraph_format.keep_with_next = True
    D.tabel(doc, [_judul_target(b), "Realisasi", "Capaian (%)", "Kategori"],
            [[_target(ind), _nilai(ind, b), T.capaian(ind) if ind.target is not None or ind.status != STATUS_OK
              else "–", ind.kategori or "–"]],
            lebar_cm=[3.5, 4.0, 3.0, 3.5], kanan={0, 1, 2})
    if ind.status == STATUS_GALAT:
        D.para(doc, "Indikator ini belum dapat dihitung karena sebagian datanya masih salah; realisasi dan capaian "
                    "tidak ditampilkan sampai data itu diperbaiki.", tebal=True)
        return
    if ind.status == STATUS_TANPA_DATA:
        D.para(doc, f"Indikator ini belum memiliki data yang dapat dihitung untuk {T.uraian_periode(h)}; realisasi "
                    "dan capaian tidak ditampilkan.", tebal=True)
        _analisis(doc, b, ind)
        return
    D.para(doc, "a. Target dan realisasi. " + _kalimat_capaian(ind, b))
    D.para(doc, "b. Dibanding tahun-tahun sebelumnya. " + _kalimat_riwayat(ind, b))
    _tabel_riwayat(doc, b, ind)
    D.para(doc, f"c. Dibanding target Renstra {_renstra(b)}. " + _kalimat_renstra(ind, b))
    _analisis(doc, b, ind)


def _kalimat_capaian(ind: HasilIndikator, b: Bahan) -> str:
    if ind.target is None:
        return (f"Realisasi {_nilai(ind, b)}; target {T.uraian_periode(b.hasil)} belum ditetapkan, sehingga "
                "capaian belum dapat dihitung.")
    s = f"Dari target {_target(ind)}, realisasi {_nilai(ind, b)}, capaian {T.angka(ind.capaian)}% ({ind.kategori})"
    t = ind.tercapai  # decided once in the engine (KONTRAK §3)
    if t is True:
        s += "; target tercapai."
    elif t is False:
        s += "; target belum tercapai."
    else:
        s += "."
    return s


def _seri(ind: HasilIndikator, b: Bahan) -> dict[int, tuple]:
    return b.hasil.riwayat.get(ind.kode) or {}


def _kalimat_riwayat(ind: HasilIndikator, b: Bahan) -> str:
    th = b.hasil.tahun
    if th is not None and T.sebagian_tahun(b.hasil):
        # Half a year against a whole one is no comparison (issue 21).
        return (f"Realisasi {T.uraian_periode(b.hasil)} belum dibandingkan dengan realisasi setahun penuh {th - 1}; "
                "perbandingan antartahun dibuat pada laporan tahunan.")
    lalu = _seri(ind, b).get((th or 0) - 1, (None,) * 4)[1]
    if lalu is None:
        return (f"Realisasi tahun {th - 1 if th else '…'} belum tercatat, sehingga perbandingan dengan tahun "
                "sebelumnya belum dapat dibuat.")
    if ind.cara_hitung == "Predikat AKIP" and isinstance(lalu, str) and isinstance(ind.realisasi, str):
        try:
            naik = R_akip.peringkat(ind.realisasi, b.referensi.predikat) < R_akip.peringkat(lalu, b.referensi.predikat)
            sama = ind.realisasi.upper() == lalu.strip().upper()
        except KeyError:
            return f"Predikat tahun {th - 1}: {lalu}; tahun {th}: {ind.realisasi}."
        arah = "tetap" if sama else "naik" if naik else "turun"
        return f"Predikat tahun {th - 1} {lalu.strip().upper()}, tahun {th} {ind.realisasi}: {arah}."
    if isinstance(lalu, (int, float)) and isinstance(ind.realisasi, (int, float)):
        selisih = float(ind.realisasi) - float(lalu)
        arah = "naik" if selisih > 0 else "turun" if selisih < 0 else "tetap"
        return (f"Realisasi tahun {th - 1} {T.angka(lalu)}, tahun {th} {T.angka(ind.realisasi)}: {arah}"
                + (f" {T.angka(abs(selisih))} poin." if selisih else "."))
    return f"Realisasi tahun {th - 1}: {T.angka(lalu)}."


def _tabel_riwayat(doc: Document, b: Bahan, ind: HasilIndikator) -> None:
    th_laporan = b.hasil.tahun
    seri = _seri(ind, b)
    rows = []
    for th in T.tahun_renstra(b.hasil):
        if th_laporan is not None and th > th_laporan:
            break
        tgt, real, cap, kat = seri.get(th, (None,) * 4)
        if th == th_laporan:
            rows.append([T.label_tahun(b.hasil, th), _target(ind), _nilai(ind, b), T.capaian(ind) if ind.target is not None else "–",
                         ind.kategori or "–"])
        else:
            rows.append([str(th), T.angka(tgt) if tgt is not None else "–", T.angka(real) if real is not None else "–",
                         T.angka(cap) if cap is not None else "–", kat or "–"])
    D.tabel(doc, ["Tahun", "Target", "Realisasi", "Capaian (%)", "Kategori"], rows,
            lebar_cm=[2.0, 2.8, 3.6, 2.8, 3.0], kanan={1, 2, 3}, tebal_baris={len(rows) - 1})


def _kalimat_renstra(ind: HasilIndikator, b: Bahan) -> str:
    TAHUN_RENSTRA = _renstra(b)
    tgt = _seri(ind, b).get(TAHUN_RENSTRA, (None,) * 4)[0]
    if tgt is None:
        return f"Target tahun {TAHUN_RENSTRA} belum ditetapkan."
    if ind.cara_hitung == "Predikat AKIP" and isinstance(ind.realisasi, str) and isinstance(tgt, str):
        try:
            sudah = R_akip.peringkat(ind.realisasi, b.referensi.predikat) <= R_akip.peringkat(tgt, b.referensi.predikat)
        except KeyError:
            return f"Target predikat {TAHUN_RENSTRA}: {tgt}."
        return (f"Target predikat {TAHUN_RENSTRA} {tgt.strip().upper()}; predikat {b.hasil.tahun} {ind.realisasi} "
                + ("sudah mencapainya." if sudah else "belum mencapainya."))
    if not isinstance(tgt, (int, float)) or not isinstance(ind.realisasi, (int, float)):
        return f"Target {TAHUN_RENSTRA}: {T.angka(tgt)}."
    tgt = float(tgt)
    real = float(ind.realisasi)
    if tgt == 0:
        return f"Target {TAHUN_RENSTRA}: {T.angka(tgt)}."
    if T.sebagian_tahun(b.hasil):
        return (f"Target akhir Renstra ({TAHUN_RENSTRA}) {T.angka(tgt)}; realisasi {T.uraian_periode(b.hasil)} "
                f"{T.angka(real)} mencakup sebagian tahun dan dinilai terhadap target itu pada laporan tahunan.")
    persen = capaian_arah(real, tgt, ind.arah)
    # Lower is better for `Turun`: the Renstra target is reached at or below it.
    sisa = (real - tgt) if ind.arah == "Turun" else (tgt - real)
    if sisa > 0 and ind.arah == "Turun":
        return (f"Target akhir Renstra ({TAHUN_RENSTRA}) {T.angka(tgt)} (makin kecil makin baik); realisasi "
                f"{b.hasil.tahun} {T.angka(real)} masih {T.angka(sisa)} di atas target itu.")
    if sisa > 0:
        return (f"Target akhir Renstra ({TAHUN_RENSTRA}) {T.angka(tgt)}; realisasi {b.hasil.tahun} {T.angka(real)} "
                f"sudah {T.angka(persen)}% dari target itu, masih kurang {T.angka(sisa)}.")
    return (f"Target akhir Renstra ({TAHUN_RENSTRA}) {T.angka(tgt)}; realisasi {b.hasil.tahun} {T.angka(real)} "
            f"sudah mencapai target itu ({T.angka(persen)}%).")


def analisis_untuk(b: Bahan, kode: str) -> Analisis:
    """The office's analysis of `kode`, or of an indicator measuring the same thing."""
    for k in sama_ukuran(kode, _kat(b)):
        a = b.analisis.get(k)
        if a is not None and (a.pendukung or a.penghambat or a.upaya):
            return a
    return b.analisis.get(kode) or Analisis()


def _dari_survei(b: Bahan) -> tuple[list[str], list[str], list[str]]:
    """What the survey itself says about the IKM: its strongest unsur support it,
    its lowest hold it back, and the follow-up plan is the effort."""
    ikm = b.hasil.ikm
    ada = [u for u in (ikm.unsur if ikm else []) if u.nrr is not None]
    if not ada:
        return [], [], []
    kuat = sorted(ada, key=lambda u: (-u.nrr, u.kode))[:2]
    pendukung = ["Unsur pelayanan yang paling dihargai responden adalah "
                 + " dan ".join(f"{u.label.lower()} (nilai {T.angka(u.ikm_unsur)})" for u in kuat) + "."]
    penghambat = []
    if ikm.terendah:
        penghambat = ["Unsur yang paling rendah nilainya adalah "
                      + ", ".join(f"{u.label.lower()} ({T.angka(u.ikm_unsur)})" for u in ikm.terendah) + "."]
    upaya = []
    rencana = [(u, prog) for u in ikm.terendah for prog, _w, _pj in (ikm.rtl.get(u.kode) or []) if prog]
    if rencana:
        upaya = ["Rencana tindak lanjut atas unsur terendah: "
                 + "; ".join(f"{prog} ({u.label.lower()})" for u, prog in rencana) + "."]
    return pendukung, penghambat, upaya


def _analisis(doc: Document, b: Bahan, ind: HasilIndikator) -> None:
    a = analisis_untuk(b, ind.kode)
    pendukung, penghambat, upaya = a.pendukung, a.penghambat, a.upaya
    if not (pendukung or penghambat or upaya) and _kat(b).by_kode[ind.kode].cara == "Survei IKM" \
            and ind.status == STATUS_OK:
        pendukung, penghambat, upaya = _dari_survei(b)
    if pendukung or penghambat or upaya:
        for huruf, judul, isi in (("d", "Faktor pendukung", pendukung), ("e", "Faktor penghambat", penghambat),
                                  ("f", "Upaya", upaya)):
            if isi:
                D.para(doc, f"{huruf}. {judul}. {' '.join(isi)}")
    else:
        # One marked sentence, not three: what only the office knows.
        D.para(doc, "d. Faktor pendukung, penghambat, dan upaya. " + T.sunting(
            "uraikan faktor yang mendukung dan menghambat capaian indikator ini serta langkah yang telah dan akan "
            "dilakukan."))
    kalimat = _kalimat_anggaran(ind, b.analisis.get(ind.kode) or Analisis())  # budgets are per code
    if kalimat:
        D.para(doc, "g. Efisiensi sumber daya. " + kalimat)


def _penyerapan(a: Analisis) -> float | None:
    if a.pagu and a.realisasi_anggaran is not None:
        return a.realisasi_anggaran / a.pagu * 100
    return None


def _kalimat_anggaran(ind: HasilIndikator, a: Analisis) -> str | None:
    serap = _penyerapan(a)
    if serap is None:
        return None  # no budget given for it: nothing to say, rather than 20 times "not filled in"
    s = (f"Pagu anggaran {T.rupiah(a.pagu)}, realisasi {T.rupiah(a.realisasi_anggaran)} (penyerapan "
         f"{T.angka(serap)}%, sisa {T.rupiah(a.pagu - a.realisasi_anggaran)}).")
    if ind.status == STATUS_OK and ind.capaian is not None:
        selisih = ind.capaian - serap
        s += (f" Capaian kinerja {T.angka(ind.capaian)}% dengan penyerapan {T.angka(serap)}%: "
              + ("efisien (capaian kinerja tidak lebih rendah daripada penyerapan anggaran, selisih "
                 f"{T.angka(selisih)} poin)." if selisih >= 0 else
                 f"belum efisien (capaian kinerja {T.angka(-selisih)} poin di bawah penyerapan anggaran)."))
    return s


def _anggaran(doc: Document, b: Bahan) -> None:
    D.sub(doc, "B. Realisasi Anggaran")
    rows = []
    pagu_total = real_total = 0.0
    for ind in urutan(b):
        a = b.analisis.get(ind.kode)
        if a is None or _penyerapan(a) is None:
            continue
        pagu_total += a.pagu
        real_total += a.realisasi_anggaran
        rows.append([ind.kode, T.rupiah(a.pagu), T.rupiah(a.realisasi_anggaran), T.angka(_penyerapan(a)),
                     T.capaian(ind) if ind.capaian is not None or ind.status != STATUS_OK else "–"])
    if not rows:
        D.para(doc, "Realisasi anggaran belum dirinci per indikator. "
               + T.sunting("uraikan pagu dan realisasi anggaran program yang mendukung capaian kinerja."))
        return
    rows.append(["Jumlah", T.rupiah(pagu_total), T.rupiah(real_total), T.angka(real_total / pagu_total * 100)
                 if pagu_total else "–", ""])
    D.para(doc, "Penyerapan = realisasi anggaran / pagu anggaran × 100%. Indikator dinilai efisien bila capaian "
                "kinerjanya tidak lebih rendah daripada penyerapan anggarannya.")
    D.tabel(doc, ["Kode", "Pagu Anggaran", "Realisasi Anggaran", "Penyerapan (%)", "Capaian Kinerja (%)"], rows,
            lebar_cm=[2.0, 3.6, 3.6, 2.6, 3.0], kanan={1, 2, 3, 4}, tebal_baris={len(rows) - 1},
            judul="Tabel 3.3 Realisasi anggaran per indikator")
