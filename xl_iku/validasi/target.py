"""Targets (tblTarget, tblTargetTriwulan) and other years' realisasi
(tblRiwayat), read and checked once for the rules."""

from __future__ import annotations

from typing import Any

from .. import katalog
from .. import kontrak as K
from ..dasar.raw import RawWorkbook
from ..periode import Periode
from ..rules.angka import ke_decimal
from .sel import SALAH, Pemeriksa, galat_excel, kosong


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


def baca_target(raw: RawWorkbook, p: Pemeriksa, periode: Periode | None) -> dict[str, Any]:
    """kode → the period's target (number; predikat text for IK-02; None when
    blank).  A code whose target is a galat is left out (its galat blocks it)."""
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
        sel_tw: dict[str, str] = {}
        for row in tw.rows:
            kode = str(row.values.get("Kode") or "").strip().upper()
            th = row.values.get("Tahun")
            v = row.values.get(periode.nama)
            if kode in katalog.INDIKATOR_BY_KODE and th == tahun and not kosong(v) and out.get(kode) is not SALAH:
                out[kode] = _nilai_target(v, kode, tw.sheet, row.cell(periode.nama), p)
                sel_tw[kode] = row.cell(periode.nama)
        # One measure, two codes (IKU-01 and IK-01 are the same IKM): a quarter target for one
        # only would print two targets for one number on two signed sheets (issue 21).
        for kode, sel in sel_tw.items():
            for lain in sama_ukuran(kode)[1:]:
                if lain not in sel_tw:
                    p.peringatan(tw.sheet, sel,
                                 f"Target {periode.nama} {tahun} diisi untuk {kode} tetapi tidak untuk {lain}, padahal "
                                 f"keduanya mengukur hal yang sama; {lain} memakai target tahunan. Isi juga baris "
                                 f"{lain} agar kedua lembar memakai target yang sama.", kode=lain)
    return {k: v for k, v in out.items() if v is not SALAH}


def sama_ukuran(kode: str) -> list[str]:
    """Codes that measure the same thing as `kode` (itself first): the same rule
    (`cara_hitung` where the catalogue has one), name and tables — IKU-01 and IK-01."""
    k = katalog.INDIKATOR_BY_KODE[kode]

    def ciri(x):
        return (getattr(x, "cara_hitung", None), x.nama.strip().casefold(), tuple(x.tabel))

    return [kode] + [x.kode for x in katalog.INDIKATOR if x.kode != kode and ciri(x) == ciri(k)]


def angka(v):
    """A number typed as a number or as text ('84,5'); None otherwise."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        return float(v)
    try:
        return float(ke_decimal(str(v).strip()))
    except (ValueError, ArithmeticError):
        return None


def baca_riwayat(raw: RawWorkbook) -> dict[str, dict[int, tuple[Any, Any]]]:
    """kode → {tahun: (target, realisasi)} for 2021–2026 from tblTarget and
    tblRiwayat: numbers as floats (also when typed as text '84,5'), other
    text as typed (a predikat), blank as None."""
    out: dict[str, dict[int, list]] = {}

    def slot(kode):
        return out.setdefault(kode, {t: [None, None] for t in K.TAHUN_IKU})

    t = raw.tables.get("tblTarget")
    if t is not None:
        for row in t.rows:
            kode = str(row.values.get("Kode") or "").strip().upper()
            if kode in katalog.INDIKATOR_BY_KODE:
                for th in K.TAHUN_IKU:
                    v = row.values.get(str(th))
                    if not kosong(v) and slot(kode)[th][0] is None:
                        slot(kode)[th][0] = v
    r = raw.tables.get("tblRiwayat")
    if r is not None:
        for row in r.rows:
            kode = str(row.values.get("Kode") or "").strip().upper()
            th = row.values.get("Tahun")
            if kode in katalog.INDIKATOR_BY_KODE and isinstance(th, (int, float)) and int(th) in K.TAHUN_IKU:
                v = row.values.get("Realisasi")
                if not kosong(v):
                    slot(kode)[int(th)][1] = v

    def bersih(v):
        f = angka(v)
        return f if f is not None else v

    return {kode: {th: (bersih(tg), bersih(re)) for th, (tg, re) in d.items()} for kode, d in out.items()}
