"""Indonesian numbers, dates and status words as the documents print them.

Two decimals and the half rounding of the output sheets (`layout.angka_id`),
so a document shows exactly what the signed sheets show.
"""

from __future__ import annotations

from datetime import date

from ..dasar.ooxml import angka_teks
from ..hasil import STATUS_GALAT, STATUS_TANPA_DATA, HasilIndikator
from ..layout import angka_id, tanggal_id

SUNTING = "[Perlu disunting: {}]"
GALAT_TEKS = "tidak dihitung (galat)"
TANPA_DATA_TEKS = "tanpa data"


def angka(x, digits: int = 2) -> str:
    """91.4751 → '91,48'; text (a predikat) as is; None → '–'."""
    if x is None:
        return "–"
    if isinstance(x, str):
        return x
    return angka_id(float(x), digits)


def bulat(n) -> str:
    """1200 → '1.200'."""
    if n is None:
        return "–"
    return angka_teks(int(n), 0)


def rupiah(x) -> str:
    return "–" if x is None else f"Rp{angka_teks(x, 0)}"


def tanggal(d: date | str | None) -> str:
    return tanggal_id(d) if d else "–"


def sunting(teks: str) -> str:
    """A generated sentence the office must check before signing."""
    return SUNTING.format(teks)


def realisasi(ind: HasilIndikator) -> str:
    if ind.status == STATUS_GALAT:
        return GALAT_TEKS
    if ind.status == STATUS_TANPA_DATA or ind.realisasi is None:
        return TANPA_DATA_TEKS
    return angka(ind.realisasi)


def capaian(ind: HasilIndikator) -> str:
    if ind.status == STATUS_GALAT:
        return GALAT_TEKS
    if ind.status == STATUS_TANPA_DATA:
        return TANPA_DATA_TEKS
    return angka(ind.capaian)


def sebagian_tahun(h) -> bool:
    """The period is part of a year (Triwulan I–III): not comparable with a whole year."""
    p = getattr(h, "periode", None)
    return p is not None and p.triwulan and p.bulan_akhir < 12


def tahun_renstra(h) -> list[int]:
    """The years of tblTarget (the Renstra's: 2021–2026 in the template, 2026–2030
    for an office of the new period), as the run read them; the template's
    years when the workbook gave none."""
    from .. import kontrak as K

    tahun = sorted({th for seri in h.riwayat.values() for th in seri})
    return tahun or list(K.TAHUN_IKU)


def label_tahun(h, th: int) -> str:
    """A year's row label: the reporting year of a quarter says how far it runs
    ('2024 (s.d. Triwulan II)'), so half a year never reads as a whole one."""
    p = getattr(h, "periode", None)
    if th == h.tahun and p is not None and p.triwulan:
        return f"{th} (s.d. {p.nama})"
    return str(th)


def uraian_periode(h) -> str:
    """'tahun 2024' or 'Triwulan II 2024 (Januari–Juni)'."""
    return h.periode.uraian if h.periode is not None else f"tahun {h.tahun or '…'}"


def responden_kurang(ikm) -> str | None:
    """The caution for a small sample, or None: fewer respondents than the
    Krejcie–Morgan minimum for the population, or than 384 (the table's value
    for a large population) when the population is not known."""
    from ..kontrak import SAMPEL_POPULASI_BESAR

    if ikm is None or ikm.nilai is None:
        return None
    if ikm.sampel_minimum:
        if ikm.responden >= ikm.sampel_minimum:
            return None
        return (f"Jumlah responden ({bulat(ikm.responden)}) kurang dari sampel minimum ({bulat(ikm.sampel_minimum)}) "
                f"untuk {bulat(ikm.populasi)} penerima layanan; hasil survei ini perlu dibaca dengan hati-hati.")
    minimum = SAMPEL_POPULASI_BESAR
    if ikm.responden >= minimum:
        return None
    return (f"Jumlah penerima layanan pada periode ini tidak tercatat, sehingga berlaku sampel minimum untuk populasi "
            f"besar, yaitu {bulat(minimum)} responden; dengan {bulat(ikm.responden)} responden hasil survei ini perlu "
            "dibaca dengan hati-hati.")
