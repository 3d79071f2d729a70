"""Read the thresholds of the `Referensi` sheet (so an office can follow a
changed regulation), falling back to the built-in defaults table by table."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from .. import referensi as D
from ..io.raw import RawWorkbook
from ..rules.angka import ke_decimal
from .sel import Pemeriksa, kosong

# Extra reference tables on the Referensi sheet: name → headers.
TABEL_REFERENSI: dict[str, tuple[str, ...]] = {
    "tblUnsur": ("Kode", "Unsur"),
    "tblMutuIKM": ("Mutu", "Batas Bawah", "Batas Atas", "Kinerja"),
    "tblBobotAKIP": ("Kode", "Komponen", "Bobot"),
    "tblPredikatAKIP": ("Predikat", "Lebih Dari", "Keterangan"),
    "tblStatusIDM": ("Status", "Batas Atas"),
    "tblKategoriCapaian": ("Paling Rendah", "Kategori"),
}


def _dec(v) -> Decimal:
    if kosong(v):
        raise ValueError
    return ke_decimal(v)


def baca_referensi(raw: RawWorkbook, p: Pemeriksa) -> D.Referensi:
    ref = D.Referensi()

    def rows(name):
        t = raw.tables.get(name)
        if t is None:
            return None, None
        return t, [r for r in t.rows if any(not kosong(v) for v in r.values.values())]

    def gagal(t, r, pesan):
        p.galat(t.sheet, r.cell(next(iter(r.cols))), pesan, tabel=None)

    t, rs = rows("tblUnsur")
    if rs:
        for r in rs:
            kode = str(r.values.get("Kode") or "").strip().upper()
            if kode in ref.unsur_label and not kosong(r.values.get("Unsur")):
                ref.unsur_label[kode] = str(r.values["Unsur"]).strip()
    try:
        t, rs = rows("tblMutuIKM")
        if rs:
            ref.mutu_ikm = tuple(
                D.Mutu(str(r.values["Mutu"]).strip(), _dec(r.values["Batas Bawah"]), _dec(r.values["Batas Atas"]),
                       str(r.values["Kinerja"]).strip())
                for r in rs
            )
        t, rs = rows("tblBobotAKIP")
        if rs:
            for r in rs:
                kode = str(r.values.get("Kode") or "").strip().upper()
                if kode in ref.bobot_akip:
                    ref.bobot_akip[kode] = _dec(r.values["Bobot"])
        t, rs = rows("tblPredikatAKIP")
        if rs:
            ref.predikat = tuple(
                D.Predikat(str(r.values["Predikat"]).strip(), _dec(r.values["Lebih Dari"]),
                           str(r.values.get("Keterangan") or "").strip())
                for r in rs
            )
        t, rs = rows("tblStatusIDM")
        if rs:
            ref.status_idm = tuple(
                (str(r.values["Status"]).strip(), None if kosong(r.values["Batas Atas"]) else _dec(r.values["Batas Atas"]))
                for r in rs
            )
        t, rs = rows("tblKategoriCapaian")
        if rs:
            ref.kategori = tuple(
                (_dec(r.values["Paling Rendah"]) if not kosong(r.values["Paling Rendah"]) else Decimal("-1E9"),
                 str(r.values["Kategori"]).strip())
                for r in rs
            )
    except (ValueError, KeyError, InvalidOperation, TypeError):
        p.galat(t.sheet if t else "Referensi", "A1",
                f"Tabel {t.name if t else ''} di lembar Referensi berisi nilai yang bukan angka; "
                "batas bawaan peraturan dipakai.", tabel=None)
    return ref
