"""Cell-level checks: turn a raw cell value into a clean one, or a temuan.

Every message names what is wrong in words a kecamatan officer understands
and never repeats the value of a personal-data column (names, NIP).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from ..dasar.ooxml import angka_teks
from ..hasil import GALAT, PERINGATAN, Temuan
from ..dasar.ooxml import dari_serial
from ..dasar.raw import KODE_GALAT_EXCEL, SERIAL_MAX, SERIAL_MIN
from ..kontrak import Jenis, Kolom

SALAH = object()  # a cell whose value was rejected (its galat is already recorded)

_DMY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_NIP_CHARS = re.compile(r"[\s.\-]")


class Pemeriksa:
    """Collects temuan while values are cleaned."""

    def __init__(self) -> None:
        self.temuan: list[Temuan] = []

    def galat(self, lembar: str, sel: str, pesan: str, **kw) -> None:
        self.temuan.append(Temuan(GALAT, lembar, sel, pesan, **kw))

    def peringatan(self, lembar: str, sel: str, pesan: str, **kw) -> None:
        self.temuan.append(Temuan(PERINGATAN, lembar, sel, pesan, **kw))


_ARTI_GALAT = {
    "#N/A": "nilai tidak tersedia",
    "#DIV/0!": "pembagian dengan nol",
    "#VALUE!": "jenis nilai dalam rumus salah",
    "#REF!": "rumus merujuk sel yang sudah tidak ada",
    "#NAME?": "nama fungsi atau nama sel tidak dikenal",
    "#NUM!": "angka tidak sah",
    "#NULL!": "rentang dalam rumus tidak beririsan",
}


def galat_excel(v) -> str | None:
    """The error code when the cell holds an Excel error value ("#N/A")."""
    if type(v) is str and v[:1] == "#":
        kode = v.strip().upper()
        if kode in KODE_GALAT_EXCEL:
            return kode
    return None


def pesan_galat_excel(nama: str, kode: str) -> str:
    """`nama`: "Kolom 'Tanggal'", or a setting's label."""
    arti = _ARTI_GALAT.get(kode)
    arti = f" ({arti})" if arti else ""
    return (f"{nama} berisi nilai galat Excel {kode}{arti}, bukan nilai; perbaiki rumus atau data sumbernya, "
            "atau ketik nilainya.")


def kosong(v) -> bool:
    return v is None or (isinstance(v, str) and v.strip() == "")


def _angka_teks(v: float) -> str:
    return angka_teks(v, None, ribuan=False)


_CEPAT = {1: 1, 2: 2, 3: 3, 4: 4}


def bersihkan(v, kolom: Kolom):
    """Return (value, message, tingkat). message None means clean."""
    # Fast paths for the common clean cells (tens of thousands per workbook).
    j = kolom.jenis
    t = type(v)
    if v is None:
        return None, None, None
    if (t is int or t is float) and j is Jenis.LIKERT and v in _CEPAT:
        return _CEPAT[v], None, None
    if t is str and v[:1] == "#" and (kode := galat_excel(v)):
        return SALAH, pesan_galat_excel(f"Kolom '{kolom.header}'", kode), GALAT
    if t is str and j is Jenis.TEKS:
        v = v.strip()
        return (v or None), None, None
    if t is date and j is Jenis.TANGGAL:
        return v, None, None
    nama = f"Kolom '{kolom.header}'"
    if kosong(v):
        return None, None, None
    if j is Jenis.TEKS:
        if isinstance(v, bool):
            return ("Ya" if v else "Tidak"), None, None
        if isinstance(v, (int, float)):
            return _angka_teks(v), None, None
        if isinstance(v, datetime):
            v = v.date()
        if isinstance(v, date):
            return v.isoformat(), None, None
        return str(v).strip(), None, None
    if j in (Jenis.BULAT, Jenis.ANGKA, Jenis.LIKERT):
        if isinstance(v, bool):
            # Excel shows it as BENAR/SALAH (Indonesian) or TRUE/FALSE (English).
            logika = "BENAR (TRUE)" if v else "SALAH (FALSE)"
            return SALAH, f"{nama} berisi nilai logika {logika}, bukan angka; isikan angka.", GALAT
        if not isinstance(v, (int, float)):
            if isinstance(v, (date, datetime)):
                return SALAH, f"{nama} harus berisi angka, bukan tanggal.", GALAT
            return SALAH, f"{nama} berisi teks; isikan angka (bukan teks).", GALAT
        if v != v or v in (float("inf"), float("-inf")):
            return SALAH, f"{nama} berisi nilai yang bukan angka.", GALAT
        if j is Jenis.ANGKA:
            return v, None, None
        if not float(v).is_integer():
            if j is Jenis.LIKERT:
                return SALAH, f"Jawaban {kolom.header} harus bilangan bulat 1–4, bukan pecahan.", GALAT
            return SALAH, f"{nama} harus bilangan bulat.", GALAT
        v = int(v)
        if j is Jenis.LIKERT and not 1 <= v <= 4:
            return SALAH, f"Jawaban {kolom.header} harus 1, 2, 3 atau 4.", GALAT
        if j is Jenis.BULAT and v < 0:
            return SALAH, f"{nama} tidak boleh negatif.", GALAT
        return v, None, None
    if j is Jenis.TANGGAL:
        return _tanggal(v, nama)
    if j is Jenis.PILIHAN:
        teks = _angka_teks(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)
        kunci = " ".join(teks.split()).casefold()
        for p in kolom.pilihan:
            if p.casefold() == kunci:
                return p, None, None
        return SALAH, f"{nama} harus salah satu dari: {', '.join(kolom.pilihan)}.", GALAT
    if j is Jenis.NIP:
        return periksa_nip(v, nama)
    raise AssertionError(j)


def _tanggal(v, nama: str):
    if isinstance(v, datetime):
        return v.date(), None, None
    if isinstance(v, date):
        return v, None, None
    if isinstance(v, str):
        m = _DMY.match(v)
        if m:
            d, mth, y = (int(x) for x in m.groups())
            try:
                hasil = date(y, mth, d)
            except ValueError:
                return SALAH, f"{nama} berisi tanggal yang tidak ada di kalender ({v.strip()}).", GALAT
            return (
                hasil,
                f"{nama} diketik sebagai teks ({v.strip()}); dibaca sebagai "
                f"{hasil.day:02d}/{hasil.month:02d}/{hasil.year}. Sebaiknya ketik ulang sebagai tanggal Excel.",
                PERINGATAN,
            )
        return SALAH, f"{nama} bukan tanggal yang sah; isikan tanggal (dd/mm/yyyy).", GALAT
    if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and SERIAL_MIN <= v <= SERIAL_MAX:
        # xlwings clients send many real dates as serial numbers and cannot say
        # which cells are date-formatted: both adapters read the date a number
        # encodes.  Only the file shows the format, so only there is a plain
        # number (calamine gives a date for date-formatted cells) flagged.
        d = dari_serial(v)
        d = d.date() if isinstance(d, datetime) else d
        return (
            d,
            f"{nama} berisi angka {_angka_teks(v)} di sel yang tidak berformat tanggal; dibaca sebagai tanggal "
            f"{d.day:02d}/{d.month:02d}/{d.year}. Format sel sebagai tanggal (dd/mm/yyyy) bila itu benar.",
            PERINGATAN,
        )
    return SALAH, f"{nama} bukan tanggal yang sah; isikan tanggal Excel (dd/mm/yyyy), bukan angka.", GALAT


def periksa_nip(v, nama: str = "Kolom 'NIP'"):
    """PNS NIP: yyyymmdd birth, yyyymm TMT CPNS, gender 1/2, 3-digit sequence."""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return SALAH, (
            f"{nama} diketik sebagai angka sehingga Excel membulatkan digit terakhirnya; "
            "ketik NIP sebagai teks (18 digit)."
        ), GALAT
    teks = _NIP_CHARS.sub("", str(v))
    if not (len(teks) == 18 and teks.isdigit()):
        return SALAH, f"{nama} harus 18 digit angka (contoh pola: 19890520 201010 1 001).", GALAT
    alasan = _pola_pns(teks)
    if alasan:
        return SALAH, (
            f"{nama} tidak sesuai pola NIP PNS ({alasan}). Jika ini nomor PPPK, "
            "periksa kembali pada SK-nya."
        ), GALAT
    return f"{teks[:8]} {teks[8:14]} {teks[14]} {teks[15:]}", None, None


def _pola_pns(nip: str) -> str | None:
    try:
        lahir = date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return "8 digit pertama bukan tanggal lahir yang sah"
    if not 1930 <= lahir.year <= date.today().year - 15:
        return "tahun lahir tidak wajar"
    tmt_tahun, tmt_bulan = int(nip[8:12]), int(nip[12:14])
    if not 1 <= tmt_bulan <= 12:
        return "bulan TMT CPNS (digit 13–14) tidak sah"
    if not lahir.year + 15 <= tmt_tahun <= date.today().year + 1:
        return "tahun TMT CPNS (digit 9–12) tidak wajar"
    if nip[14] not in "12":
        return "digit jenis kelamin (digit 15) harus 1 atau 2"
    if nip[15:] == "000":
        return "nomor urut (digit 16–18) tidak boleh 000"
    return None
