"""An indicator as a catalogue row (KONTRAK §5), and the catalogue of one
workbook: its indicators in order, their Kelompok (output sheets) and which
table columns each reads (what a galat there blocks)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .. import kontrak as K

PERSEN = "%"
NAIK = "Naik"
TURUN = "Turun"
ARAH = (NAIK, TURUN)

# Cara Hitung, in their canonical spelling (the template's dropdown).
SURVEI_IKM = "Survei IKM"
PREDIKAT_AKIP = "Predikat AKIP"
NILAI_AKIP = "Nilai AKIP"
STATUS_DESA = "Status Desa"
HITUNG_BARIS = "Hitung Baris"
JUMLAH_KOLOM = "Jumlah Kolom"
RATA_RATA_RASIO = "Rata-rata Rasio"
TEPAT_WAKTU = "Tepat Waktu"
NILAI_DIKETIK = "Nilai Diketik"
REKAP_MANUAL = "Rekap Manual"
CARA_HITUNG = (SURVEI_IKM, PREDIKAT_AKIP, NILAI_AKIP, STATUS_DESA, HITUNG_BARIS, JUMLAH_KOLOM,
               RATA_RATA_RASIO, TEPAT_WAKTU, NILAI_DIKETIK, REKAP_MANUAL)
assert CARA_HITUNG == K.CARA_HITUNG and ARAH == K.ARAH
# Kinds over a table the office names; the others read their own fixed table.
CARA_TABEL = (HITUNG_BARIS, JUMLAH_KOLOM, RATA_RATA_RASIO, TEPAT_WAKTU)
TABEL_TETAP = {
    SURVEI_IKM: "tblSKM", PREDIKAT_AKIP: "tblAKIP", NILAI_AKIP: "tblAKIP", STATUS_DESA: "tblDesa",
    NILAI_DIKETIK: "tblRiwayat", REKAP_MANUAL: "tblRekapManual",
}
# The Kelompok printed with every year of tblTarget (KONTRAK §5).
KELOMPOK_IKU = "IKU"


def kunci(teks: str | None) -> str:
    """How codes and headers are compared: ignoring case and spaces."""
    return "".join(str(teks or "").split()).casefold()


@dataclass(frozen=True)
class Indikator:
    kode: str
    nama: str
    satuan: str
    penanggung_jawab: str
    definisi: str
    formulasi: str
    kelompok: str
    cara: str
    tabel: str | None = None  # the Tabel parameter (None: the kind's own table)
    saring: str | None = None
    pembilang: str | None = None
    penyebut: str | None = None
    arah: str = NAIK
    sasaran: str | None = None
    sumber_data: str | None = None
    # Where the row lives in tblIndikator (sheet row), for findings; None for the built-in data.
    baris: int | None = None

    @property
    def persen(self) -> bool:
        return self.satuan.strip() == PERSEN

    @property
    def rekap_manual(self) -> bool:
        """tblRekapManual may stand in for it (a percentage indicator over a register)."""
        return self.persen and self.cara in CARA_TABEL + (STATUS_DESA,)

    @property
    def tabel_utama(self) -> str:
        return self.tabel if self.cara in CARA_TABEL else TABEL_TETAP[self.cara]


@dataclass
class Katalog:
    """One workbook's indicators, in catalogue order."""

    indikator: tuple[Indikator, ...]
    # kode → (table, header) pairs its rule reads; (table, None) = the whole table.
    kolom_dibaca: dict[str, frozenset[tuple[str, str | None]]] = field(default_factory=dict)
    bawaan: bool = True

    @cached_property
    def by_kode(self) -> dict[str, Indikator]:
        return {i.kode: i for i in self.indikator}

    @cached_property
    def _by_kunci(self) -> dict[str, Indikator]:
        return {kunci(i.kode): i for i in self.indikator}

    def cari(self, kode) -> Indikator | None:
        """The indicator a typed code names (ignoring case and spaces)."""
        return self._by_kunci.get(kunci(kode)) if kode is not None else None

    @cached_property
    def kelompok(self) -> tuple[str, ...]:
        """Output sheets, in the order of first appearance."""
        return tuple(dict.fromkeys(i.kelompok for i in self.indikator))

    def per_kelompok(self, kelompok: str) -> tuple[Indikator, ...]:
        return tuple(i for i in self.indikator if i.kelompok == kelompok)

    def per_cara(self, *cara: str) -> tuple[Indikator, ...]:
        return tuple(i for i in self.indikator if i.cara in cara)

    @cached_property
    def kode_rekap(self) -> frozenset[str]:
        return frozenset(i.kode for i in self.indikator if i.rekap_manual)

    def membaca(self, kode: str) -> frozenset[tuple[str, str | None]]:
        return self.kolom_dibaca.get(kode, frozenset())

    def pembaca(self, tabel: str, header: str | None = None) -> tuple[str, ...]:
        """Codes whose rule reads `tabel` (at `header`; None: anywhere in it)."""
        out = []
        for i in self.indikator:
            dibaca = self.membaca(i.kode)
            if (tabel, None) in dibaca or (header is None and any(t == tabel for t, _ in dibaca)) \
                    or (header is not None and (tabel, header) in dibaca):
                out.append(i.kode)
        return tuple(out)

    def kode_utama(self, tabel: str) -> str | None:
        """The code a finding in `tabel` is filed under: its first reader,
        preferring one reported outside the multi-year IKU sheet (IK-01 for
        the survey rather than IKU-01, as before the catalogue)."""
        kode = self.pembaca(tabel)
        lain = [k for k in kode if self.by_kode[k].kelompok != KELOMPOK_IKU]
        return (lain or list(kode) or [None])[0]
