"""Read the thresholds of the `Referensi` sheet (so an office can follow a
changed regulation), falling back to the built-in defaults table by table."""

from __future__ import annotations

from decimal import Decimal

from .. import referensi as D
from ..referensi import TABEL_REFERENSI  # noqa: F401  (re-exported; contract data lives below)
from ..dasar.raw import RawWorkbook
from ..katalog.model import kunci
from ..rules.angka import ke_decimal
from .sel import Pemeriksa, kosong


def _atau_terbawah(v: Decimal | None) -> Decimal:
    # A blank lower bound is the open bottom of the scale (Sangat Rendah).
    return Decimal("-1E9") if v is None else v


class _Salah(Exception):
    """A threshold cell that is not a number (already reported at its cell)."""


def _bobot_akip(t, rs, teks, angka, p: Pemeriksa) -> dict[str, Decimal]:
    """tblBobotAKIP: each row's Komponen (a tblAKIP header, compared ignoring
    case and spaces) → its Bobot.  The Kode beside it is the template's note of
    which indicator reports the component; the catalogue decides that."""
    komponen = {kunci(k): k for k in D.BOBOT_AKIP}
    out: dict[str, Decimal] = {}
    for r in rs:
        k = komponen.get(kunci(teks(r, "Komponen")))
        if k is None:
            p.peringatan(t.sheet, r.cell("Komponen"), f"Komponen '{teks(r, 'Komponen')}' di tabel {t.name} bukan "
                         f"komponen tabel AKIP ({', '.join(D.BOBOT_AKIP)}); bobot baris ini tidak dipakai.")
            continue
        out[k] = angka(t, r, "Bobot")
    return out


def baca_referensi(raw: RawWorkbook, p: Pemeriksa) -> D.Referensi:
    """Each table that reads cleanly replaces its default; a table with a bad
    cell keeps the regulation's default, and the cell is a galat."""
    ref = D.Referensi()

    def baris(name):
        t = raw.tables.get(name)
        if t is None:
            return None, []
        return t, [r for r in t.rows if any(not kosong(v) for v in r.values.values())]

    def teks(r, h) -> str:
        return str(r.values.get(h) or "").strip()

    def angka(t, r, h, boleh_kosong=False):
        v = r.values.get(h)
        if kosong(v) and boleh_kosong:
            return None
        try:
            if kosong(v) or isinstance(v, bool):
                raise ValueError
            return ke_decimal(v)
        except (ValueError, ArithmeticError, TypeError):
            p.galat(t.sheet, r.cell(h), f"Kolom '{h}' di tabel {t.name} harus berisi angka; batas bawaan "
                    "peraturan dipakai untuk tabel ini sampai diperbaiki.", tabel=None)
            raise _Salah from None

    t, rs = baris("tblUnsur")
    for r in rs:
        kode = teks(r, "Kode").upper()
        if kode in ref.unsur_label and teks(r, "Unsur"):
            ref.unsur_label[kode] = teks(r, "Unsur")

    def tabel(name, bangun):
        t, rs = baris(name)
        if not rs:
            return None
        try:
            return bangun(t, rs)
        except _Salah:
            return None

    mutu = tabel("tblMutuIKM", lambda t, rs: tuple(
        D.Mutu(teks(r, "Mutu"), angka(t, r, "Batas Bawah"), angka(t, r, "Batas Atas"), teks(r, "Kinerja")) for r in rs))
    if mutu:
        ref.mutu_ikm = mutu
    bobot = tabel("tblBobotAKIP", lambda t, rs: _bobot_akip(t, rs, teks, angka, p))
    if bobot:
        ref.bobot_akip.update(bobot)
    predikat = tabel("tblPredikatAKIP", lambda t, rs: tuple(
        D.Predikat(teks(r, "Predikat"), angka(t, r, "Lebih Dari"), teks(r, "Keterangan")) for r in rs))
    if predikat:
        ref.predikat = predikat
    idm = tabel("tblStatusIDM", lambda t, rs: tuple(
        (teks(r, "Status"), angka(t, r, "Batas Atas", boleh_kosong=True)) for r in rs))
    if idm:
        ref.status_idm = idm
    indeks_desa = tabel("tblStatusIndeksDesa", lambda t, rs: tuple(
        (teks(r, "Status"), angka(t, r, "Batas Atas", boleh_kosong=True)) for r in rs))
    if indeks_desa:
        ref.status_indeks_desa = indeks_desa
    kategori = tabel("tblKategoriCapaian", lambda t, rs: tuple(
        (_atau_terbawah(angka(t, r, "Paling Rendah", boleh_kosong=True)), teks(r, "Kategori")) for r in rs))
    if kategori:
        ref.kategori = kategori
    return ref
