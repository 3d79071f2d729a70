"""Numbers that show as a percentage (KONTRAK §3 "Cells", §5), once the
catalogue is known.

A number cell formatted as a percentage counts as the percentage it shows
(0,93 shown "93%" is 93), with a peringatan at the cell, in

* the target and realisasi columns (`kontrak.KOLOM_PERSEN_TAMPIL`: tblTarget's
  years, tblTargetTriwulan, tblRiwayat, tblKegiatan), and
* every column a catalogue row reads as a number (`Terbaca.kolom_angka`:
  Pembilang/Penyebut of Jumlah Kolom and Rata-rata Rasio, a condition's
  number comparison such as `Nilai >= 80`), in any table.

The readers only say which cells are percent-formatted (`RawTable.persen`);
which of them count is decided here, because only the workbook's catalogue
knows which columns are read as numbers, and which indicators run 0–100.

Where the formats are unknown (xlwings Server sends none) nothing is
guessed, except where a value only makes sense as a percentage shown: a
target/realisasi in (0, 1] of a 0–100 indicator of the workbook's catalogue
(Satuan %, or the IKM), and a fraction in (0, 1) of a count of kegiatan.  In
the other columns read as numbers a fraction in (0, 1) is counted as it is,
and the run says once per table that the formats could not be checked and
how to get the exact check.
"""

from __future__ import annotations

from decimal import Decimal

from .. import kontrak as K
from ..dasar.ooxml import angka_teks
from ..dasar.raw import RawTable, RawWorkbook
from ..katalog.model import SURVEI_IKM, Indikator, Katalog
from .katalog import Terbaca
from .sel import Pemeriksa

# Tables whose target/realisasi are counts (of kegiatan), not percentages.
_KOLOM_HITUNGAN = frozenset({"tblKegiatan"})

PEMERIKSAAN_LENGKAP = ("Pemeriksaan lengkap: tombol Hitung di xlwings Lite atau Excel desktop, atau "
                       "'xl-iku hitung' atas berkasnya.")


def _fmt(x: float) -> str:
    return angka_teks(x, None)


def skala_seratus(ind: Indikator | None) -> bool:
    """An indicator of the workbook's catalogue whose value runs 0–100
    (a percentage, or the IKM)."""
    return ind is not None and (ind.persen or ind.cara == SURVEI_IKM)


def _kembalikan(t: RawTable) -> None:
    """Values a previous validation of the same RawWorkbook replaced, as read."""
    for (i, h), v in t.asli.items():
        t.rows[i].ganti(h, v)
    t.asli.clear()


def terapkan(raw: RawWorkbook, tb: Terbaca, p: Pemeriksa) -> None:
    """Replace every percent-formatted number the catalogue reads as a number
    by the percentage it shows, each with a peringatan at its cell."""
    kat = tb.katalog
    for name, t in raw.tables.items():
        if t.asli:
            _kembalikan(t)
        if t.persen is None or not t.rows:
            continue
        target = [h for h in K.KOLOM_PERSEN_TAMPIL.get(name, ()) if h in t.columns]
        baca = tb.kolom_angka.get(name, set())
        angka = [h for h in t.columns if h in baca and h not in target]
        if target or angka:
            _tabel(t, target, angka, kat, p)


def _tabel(t: RawTable, target: list[str], angka: list[str], kat: Katalog, p: Pemeriksa) -> None:
    name, persen = t.name, t.persen
    assert persen is not None
    hitungan = name in _KOLOM_HITUNGAN
    tabel = name if name in K.TABEL else None
    tak_tahu: list[tuple[str, str]] = []  # (cell, header): fractions whose format is unknown
    for h in target + angka:
        col = t.columns[h]
        di_target = h in target
        pembaca = kat.pembaca(name, h) or (kat.kode_utama(name),)
        for i, row in enumerate(t.rows):
            v = row.values.get(h)
            if type(v) not in (int, float):
                continue
            fmt = persen(row.row, col)
            ind = kat.cari(row.values.get("Kode")) if di_target and "Kode" in t.columns else None
            if fmt is None:
                if not di_target:
                    if 0 < v < 1:
                        tak_tahu.append((row.cell(h), h))
                    continue
                if not ((0 < v <= 1 and skala_seratus(ind)) or (hitungan and 0 < v < 1)):
                    continue
            elif not fmt:
                continue
            baru = float(Decimal(repr(float(v))) * 100)
            t.asli[(i, h)] = v
            row.ganti(h, baru)
            tampil, angka_baru = _fmt(baru) + "%", _fmt(baru)
            if fmt:
                pesan = (f"Sel '{h}' diformat persen (tampil {tampil}); dihitung sebagai {angka_baru} sesuai yang "
                         f"tampil. Sebaiknya ketik {angka_baru} di sel berformat angka biasa.")
            else:
                jenis = "jumlah kegiatan, yang tidak berupa pecahan" if hitungan else "indikator berskala 0–100"
                saran = ("Ketik jumlah kegiatan sebagai bilangan bulat di sel berformat angka biasa." if hitungan
                         else f"Bila maksudnya {_fmt(float(v))}%, ketik angkanya apa adanya di sel "
                              "berformat angka biasa.")
                pesan = (f"Sel '{h}' berisi {_fmt(float(v))} untuk {jenis}; Excel tidak "
                         f"mengirim format selnya, jadi dibaca sebagai persen yang akan tampil ({tampil}) dan "
                         f"dihitung {angka_baru}. {saran}")
            kode = ind.kode if ind is not None else pembaca[0]
            p.peringatan(t.sheet, row.cell(h), pesan, kode=kode, tabel=tabel)
    if tak_tahu:
        sel, h = tak_tahu[0]
        kode = (kat.pembaca(name, h) or (kat.kode_utama(name),))[0]
        p.peringatan(t.sheet, sel, (
            f"Lewat xlwings Server, Excel tidak mengirim format angka, jadi {len(tak_tahu)} angka pecahan antara 0 "
            f"dan 1 di kolom yang dihitung sebagai angka oleh katalog indikator (mis. {t.sheet}!{sel}, kolom '{h}') "
            "dihitung apa adanya: bila selnya berformat persen (0,93 tampil 93%), yang dihitung bukan angka yang "
            "tampil. Ketik angka yang tampil di sel berformat angka biasa. " + PEMERIKSAAN_LENGKAP),
            kode=kode, tabel=tabel)
