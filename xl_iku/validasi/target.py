"""Targets (tblTarget, tblTargetTriwulan) and other years' realisasi
(tblRiwayat), read and checked once for the rules."""

from __future__ import annotations

from typing import Any

from .. import kontrak as K
from ..katalog.model import PREDIKAT_AKIP, Katalog
from ..dasar.raw import RawWorkbook
from ..periode import Periode
from ..rules.angka import ke_decimal
from .sel import SALAH, Pemeriksa, galat_excel, kosong


def tahun_target(headers) -> list[int]:
    """tblTarget's year columns as the office typed them (four-digit headers)."""
    return sorted(int(h) for h in headers if str(h).strip().isdigit() and len(str(h).strip()) == 4)


def _nilai_target(v, kode, lembar, sel, p: Pemeriksa, predikat: bool = False):
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
    if predikat and teks.upper() in K.PREDIKAT:
        return teks.upper()
    if predikat:
        p.galat(lembar, sel, f"Target {kode} harus predikat ({', '.join(K.PREDIKAT)}) atau nilai angka.",
                kode=kode, blokir=(kode,))
    else:
        p.galat(lembar, sel, f"Target {kode} berisi teks; isikan angka.", kode=kode, blokir=(kode,))
    return SALAH


def baca_target(raw: RawWorkbook, p: Pemeriksa, periode: Periode | None, katalog: Katalog) -> dict[str, Any]:
    """kode → the period's target (number; predikat text for a Predikat AKIP
    indicator; None when blank).  A code whose target is a galat is left out
    (its galat blocks it)."""
    t = raw.tables.get("tblTarget")
    out: dict[str, object] = {}
    if t is None or periode is None:
        return out
    tahun = periode.tahun
    tahun_kolom = {str(th): th for th in tahun_target(t.columns)}
    kolom = next((h for h in t.columns if h.strip() == str(tahun)), str(tahun))
    seen: dict[str, str] = {}
    seen_isi: dict[str, bool] = {}
    for row in t.rows:
        kode = row.values.get("Kode")
        if kosong(kode):
            continue
        ind = katalog.cari(kode)
        if ind is None:
            p.peringatan(t.sheet, row.cell("Kode"), f"Kode '{str(kode).strip()}' tidak dikenal (tidak ada di katalog "
                         "indikator); baris target ini diabaikan.")
            continue
        kode = ind.kode
        ada_isi = any(not kosong(row.values.get(h)) for h in tahun_kolom)
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
        out[kode] = _nilai_target(v, kode, t.sheet, row.cell(kolom), p, ind.cara == PREDIKAT_AKIP)
    tw = raw.tables.get("tblTargetTriwulan")
    if periode.triwulan and tw is not None:
        sel_tw: dict[str, str] = {}
        for row in tw.rows:
            ind = katalog.cari(row.values.get("Kode"))
            th = row.values.get("Tahun")
            v = row.values.get(periode.nama)
            if ind is not None and th == tahun and not kosong(v) and out.get(ind.kode) is not SALAH:
                out[ind.kode] = _nilai_target(v, ind.kode, tw.sheet, row.cell(periode.nama), p,
                                              ind.cara == PREDIKAT_AKIP)
                sel_tw[ind.kode] = row.cell(periode.nama)
        # One measure, two codes (IKU-01 and IK-01 are the same IKM): a quarter target for one
        # only would print two targets for one number on two signed sheets (issue 21).
        for kode, sel in sel_tw.items():
            for lain in sama_ukuran(kode, katalog)[1:]:
                if lain not in sel_tw:
                    p.peringatan(tw.sheet, sel,
                                 f"Target {periode.nama} {tahun} diisi untuk {kode} tetapi tidak untuk {lain}, padahal "
                                 f"keduanya mengukur hal yang sama; {lain} memakai target tahunan. Isi juga baris "
                                 f"{lain} agar kedua lembar memakai target yang sama.", kode=lain)
    return {k: v for k, v in out.items() if v is not SALAH}


def sama_ukuran(kode: str, katalog: Katalog) -> list[str]:
    """Codes that measure the same thing as `kode` (itself first): the same
    catalogue rule and name — IKU-01 and IK-01 of the built-in catalogue."""
    k = katalog.by_kode[kode]

    def ciri(x):
        return (x.cara, x.tabel, x.saring, x.pembilang, x.penyebut, " ".join(x.nama.split()).casefold())

    return [kode] + [x.kode for x in katalog.indikator if x.kode != kode and ciri(x) == ciri(k)]


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


def baca_riwayat(raw: RawWorkbook, katalog: Katalog) -> dict[str, dict[int, tuple[Any, Any]]]:
    """kode → {tahun: (target, realisasi)} for every year of tblTarget from
    tblTarget and tblRiwayat: numbers as floats (also when typed as text
    '84,5'), other text as typed (a predikat), blank as None."""
    out: dict[str, dict[int, list]] = {}
    t = raw.tables.get("tblTarget")
    tahun = tahun_target(t.columns) if t is not None else list(K.TAHUN_IKU)

    def slot(kode):
        return out.setdefault(kode, {th: [None, None] for th in tahun})

    if t is not None:
        kolom = {th: next(h for h in t.columns if h.strip() == str(th)) for th in tahun}
        for row in t.rows:
            ind = katalog.cari(row.values.get("Kode"))
            if ind is not None:
                for th in tahun:
                    v = row.values.get(kolom[th])
                    if not kosong(v) and slot(ind.kode)[th][0] is None:
                        slot(ind.kode)[th][0] = v
    r = raw.tables.get("tblRiwayat")
    if r is not None:
        for row in r.rows:
            ind = katalog.cari(row.values.get("Kode"))
            kode = ind.kode if ind is not None else None
            th = row.values.get("Tahun")
            if kode is not None and isinstance(th, (int, float)) and int(th) in tahun:
                v = row.values.get("Realisasi")
                if not kosong(v):
                    slot(kode)[int(th)][1] = v

    def bersih(v):
        f = angka(v)
        return f if f is not None else v

    return {kode: {th: (bersih(tg), bersih(re)) for th, (tg, re) in d.items()} for kode, d in out.items()}


def baca_diketik(raw: RawWorkbook, p: Pemeriksa, tahun: int | None, katalog: Katalog) -> dict[str, float]:
    """kode → the Realisasi typed in tblRiwayat for TahunLaporan, for the
    `Nilai Diketik` indicators (KONTRAK §5); a cell that is not a number is
    a galat there, blocking that indicator only."""
    from ..katalog.model import NILAI_DIKETIK

    diketik = {i.kode for i in katalog.per_cara(NILAI_DIKETIK)}
    r = raw.tables.get("tblRiwayat")
    out: dict[str, float] = {}
    if r is None or tahun is None or not diketik:
        return out
    seen: dict[str, str] = {}
    for row in r.rows:
        ind = katalog.cari(row.values.get("Kode"))
        th = row.values.get("Tahun")
        if ind is None or ind.kode not in diketik or not isinstance(th, (int, float)) or int(th) != tahun:
            continue
        v = row.values.get("Realisasi")
        kw = {"kode": ind.kode, "blokir": (ind.kode,)}
        if ind.kode in seen:
            p.galat(r.sheet, row.cell("Kode"), f"Realisasi {ind.kode} tahun {tahun} ditulis dua kali (juga di "
                    f"{seen[ind.kode]}).", **kw)
            out.pop(ind.kode, None)
            continue
        seen[ind.kode] = row.cell("Kode")
        if kosong(v):
            continue
        f = angka(v) if not galat_excel(v) else None
        if f is None:
            if not galat_excel(v):
                p.galat(r.sheet, row.cell("Realisasi"), f"Realisasi {ind.kode} harus angka.", **kw)
            continue
        out[ind.kode] = f
    return out
