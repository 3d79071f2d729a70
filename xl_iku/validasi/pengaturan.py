"""The Pengaturan sheet's settings: each defined name's cell cleaned, then
`models.Pengaturan`; every problem is a temuan at the setting's cell."""

from __future__ import annotations

from datetime import date, datetime

from .. import katalog
from .. import kontrak as K
from .. import models as M
from ..hasil import GALAT
from ..dasar.raw import RawWorkbook
from ..dasar.tanggal import BULAN_KE as _BULAN_ID
from . import baris
from .sel import SALAH, Pemeriksa, bersihkan

def _tanggal_panjang(teks: str):
    """'28 Juni 2024' → date; None if it is not such a date."""
    parts = teks.replace(",", " ").split()
    if len(parts) == 3 and parts[0].isdigit() and parts[2].isdigit() and parts[1].casefold() in _BULAN_ID:
        try:
            return date(int(parts[2]), _BULAN_ID[parts[1].casefold()], int(parts[0]))
        except ValueError:
            return None
    return None


def _praolah(nama: str, v, nm, p: Pemeriksa):
    """What Excel does to a few settings as they are typed, undone."""
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


def blokir_pengaturan(nama: str | None) -> tuple[str, ...]:
    """The indicators a bad setting stops."""
    # Settings are read before the catalogue: what they stop is named by
    # kind, resolved against the workbook's catalogue (engine._terblokir).
    return {
        "TahunLaporan": ("@semua",),
        "MetodeBobotIKM": ("@Survei IKM",),
        "BatasWaktuPengaduan": ("@=BatasWaktuPengaduan",),
    }.get(nama or "", ())


def baca_pengaturan(raw: RawWorkbook, p: Pemeriksa) -> M.Pengaturan:
    nilai: dict[str, object] = {}
    for spec in K.PENGATURAN:
        nm = raw.names.get(spec.nama)
        if nm is None:
            nilai[spec.nama] = None
            continue
        kol = K.Kolom(spec.label, spec.jenis, spec.pilihan)
        blokir = blokir_pengaturan(spec.nama)
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

    def sel_of(nama):
        nm = raw.names.get(nama or "")
        return (nm.sheet, nm.address) if nm else (K.LEMBAR_PENGATURAN, "A1")

    return baris.satu(M.Pengaturan, nilai, p, sel_of, lambda nama: {"blokir": blokir_pengaturan(nama)})
