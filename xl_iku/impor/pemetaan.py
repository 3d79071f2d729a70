"""From form columns and answer labels to tblSKM columns and scores 1–4.

Columns are recognised by their header text, never by position and never by
the answers below them (an unknown answer is a finding at its cell, never a
reason to move the column).  The regulation's questionnaire (PermenPANRB
14/2017) asks about sarana before pengaduan, while the unsur numbering has
U8 = pengaduan and U9 = sarana, so "question 8" is not U8.  Recognition, per
column, first rule that applies:

1. the mapping file (`--pemetaan`, section `kolom`);
2. the header is exactly a tblSKM header (`Tanggal`, `U4`, `Jenis Kelamin` …)
   or an unsur number (`U4`, `Unsur 4`);
3. a timestamp header (`Timestamp`, `Stempel waktu`, `Cap waktu`, …) → Tanggal;
4. a rating question ("Bagaimana pendapat Saudara tentang …"): the
   regulation's own question text, else the unsur its keyword names;
5. profile columns: jenis kelamin, usia/umur, pendidikan, pekerjaan, jenis
   layanan; a column named saran/masukan/kritik/komentar → Saran;
6. an unsur keyword (persyaratan; prosedur/mekanisme/sistem/alur;
   waktu/kecepatan; biaya/tarif; produk/spesifikasi; kompetensi/kemampuan;
   perilaku/sopan/ramah; pengaduan/keluhan; sarana/prasarana/fasilitas).

Anything else (e-mail address, name, phone …) is ignored and never read.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from .. import kontrak as K
from ..dasar.ooxml import dari_serial, ke_serial
from ..io.package import FileError
from ..referensi import UNSUR_LABEL

ABAIKAN = "abaikan"
PROFIL = ("Tanggal", "Jenis Layanan", "Jenis Kelamin", "Usia", "Pendidikan", "Pekerjaan", "Saran")
TARGET = PROFIL + K.UNSUR

# ---------------------------------------------------------------- normalising


def norm(s: Any) -> str:
    """Case-, accent- and punctuation-insensitive form of a header or label."""
    s = "" if s is None else str(s)
    s = s.replace("’", "'").casefold()
    s = re.sub(r"[^0-9a-z]+", " ", s)
    return " ".join(s.split())


def _norm_label(s: str) -> str:
    words = [w for w in norm(s).split() if w not in ("dan", "serta")]
    words = ["tetapi" if w in ("tapi", "namun") else w for w in words]
    return " ".join(words)


def _skala(*rows: tuple[int, str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for nilai, labels in rows:
        for lab in labels.split("|"):
            out[_norm_label(lab)] = nilai
    return out


# The regulation's answer wordings (PermenPANRB 14/2017, Lampiran) and the
# common variants; 4 = best.
JAWABAN_BAWAAN: dict[str, int] = _skala(
    (4, "Sangat Sesuai|Sangat Mudah|Sangat Cepat|Sangat Murah|Gratis|Sangat Wajar|Sangat Kompeten"
        "|Sangat Sopan dan Ramah|Dikelola dengan Baik|Sangat Baik|Sangat Puas|Sangat Memuaskan|Sangat Jelas"
        "|Sangat Berkualitas|Sangat Setuju|Sangat Tepat|Sangat Tepat Waktu"),
    (3, "Sesuai|Mudah|Cepat|Murah|Wajar|Kompeten|Sopan dan Ramah|Berfungsi Kurang Maksimal|Baik|Puas"
        "|Memuaskan|Jelas|Berkualitas|Setuju|Tepat|Tepat Waktu"),
    (2, "Kurang Sesuai|Kurang Mudah|Kurang Cepat|Kurang Murah|Cukup Mahal|Kurang Wajar|Kurang Kompeten"
        "|Kurang Sopan dan Ramah|Ada tetapi Tidak Berfungsi|Cukup|Kurang Baik|Kurang Puas|Kurang Memuaskan"
        "|Kurang Jelas|Kurang Berkualitas|Kurang Setuju|Kurang Tepat|Kurang Tepat Waktu"),
    (1, "Tidak Sesuai|Tidak Mudah|Tidak Cepat|Mahal|Sangat Mahal|Tidak Wajar|Tidak Kompeten"
        "|Tidak Sopan dan Ramah|Tidak Ada|Buruk|Tidak Baik|Tidak Puas|Tidak Memuaskan|Tidak Jelas"
        "|Tidak Berkualitas|Tidak Setuju|Tidak Tepat|Tidak Tepat Waktu"),
)

KELAMIN_BAWAAN = {
    **{k: "L" for k in ("l", "lk", "laki laki", "lakilaki", "laki", "pria", "male")},
    **{k: "P" for k in ("p", "pr", "perempuan", "wanita", "female")},
}

_PREFIKS = re.compile(r"^\s*(?:\(([a-dA-D1-4])\)|([a-dA-D1-4])\s*[.):]|([1-4])\s*[-–—=])\s*(?=\S)")


class TakDikenal(Exception):
    """An answer that maps to nothing (the row is reported, not imported)."""


def skor(v: Any, tambahan: dict[str, int] | None = None) -> int | None:
    """An answer → 1..4, None for blank, TakDikenal otherwise."""
    if v is None:
        return None
    if isinstance(v, bool):
        raise TakDikenal(str(v))
    if isinstance(v, (int, float)):
        if float(v).is_integer() and 1 <= v <= 4:
            return int(v)
        raise TakDikenal(str(v))
    teks = str(v).strip()
    if not teks:
        return None
    kamus = JAWABAN_BAWAAN if not tambahan else {**JAWABAN_BAWAAN, **tambahan}
    n = _norm_label(teks)
    if n in kamus:
        return kamus[n]
    if re.fullmatch(r"[1-4](?:[.,]0+)?", teks):
        return int(teks[0])
    m = _PREFIKS.match(teks)
    if m:
        sisa = _norm_label(teks[m.end():])
        if sisa in kamus:
            return kamus[sisa]
        digit = m.group(1) or m.group(2) or m.group(3)
        if digit and digit.isdigit():
            return int(digit)
    raise TakDikenal(teks)


def jenis_kelamin(v: Any, tambahan: dict[str, str] | None = None) -> str | None:
    if v is None or not str(v).strip():
        return None
    n = norm(v)
    if tambahan and n in tambahan:
        return tambahan[n]
    if n in KELAMIN_BAWAAN:
        return KELAMIN_BAWAAN[n]
    raise TakDikenal(str(v).strip())


def usia(v: Any, tambahan: dict[str, int] | None = None) -> int | None:
    """An age answer → whole years; TakDikenal when it is no number of years.
    Whether the age is plausible is validasi's rule (the one hitung applies)."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if tambahan and norm(v) in tambahan:
        return tambahan[norm(v)]
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if float(v).is_integer() and v >= 0:
            return int(v)
        raise TakDikenal(str(v))
    m = re.fullmatch(r"(\d{1,3})(?:[.,]0+)?\s*(?:tahun|thn|th|th\.)?", str(v).strip(), re.I)
    if m:
        return int(m.group(1))
    raise TakDikenal(str(v).strip())


# ---------------------------------------------------------------- timestamps
#
# Google Forms writes the response timestamp in the spreadsheet's locale:
# Indonesian `dd/mm/yyyy hh.mm.ss`, US `m/d/yyyy h:mm:ss`, ISO `yyyy-mm-dd
# hh:mm:ss`, or the CSV download's `yyyy/mm/dd h:mm:ss AM GMT+7`.  Which of
# day and month comes first is never guessed: the column settles it (a first
# number above 12 is a day, a second number above 12 is a day; a time written
# with dots, hh.mm.ss, is written only by day-first locales — Indonesian,
# Danish, Finnish — never by a month-first one), or --format-tanggal does.

_TZ = re.compile(r"(?:\s*(?:GMT|UTC)\s*[+-]\d{1,2}(?::?\d{2})?|(?<=\d)[+-]\d{2}:\d{2}|\s*(?:GMT|UTC|WIB|WITA|WIT)|(?<=\d)Z)\s*$", re.I)
_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})([.,]\d+)?)?\s*([AaPp][Mm])?)?$")
_XYZ = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T,]+(\d{1,2})([:.])(\d{2})(?:[:.](\d{2})([.,]\d+)?)?\s*([AaPp][Mm])?)?$")

HARI_BULAN, BULAN_HARI = "dmy", "mdy"


class UrutanTakPasti(ValueError):
    """The day/month order of a timestamp column cannot be settled from the file."""


def _jam(h, mi, s, ampm) -> tuple[int, int, int]:
    h, mi, s = int(h or 0), int(mi or 0), int(s or 0)
    if ampm:
        if not 1 <= h <= 12:
            raise ValueError
        h = h % 12 + (12 if ampm.lower() == "pm" else 0)
    return h, mi, s


def urutan_tanggal(nilai: list[Any]) -> str:
    """'dmy' or 'mdy' for the d/m/y-shaped texts of a timestamp column.

    UrutanTakPasti (with an example text) when the column holds such texts
    and nothing in it says which number is the day: every first and second
    number ≤ 12 and no dotted time, or evidence both ways."""
    dmy = mdy = None  # an example text for each reading the column proves
    ragu = None
    for v in nilai:
        if not isinstance(v, str):
            continue
        t = _TZ.sub("", " ".join(v.split()))
        m = _XYZ.match(t)
        if not m:
            continue
        a, b = int(m.group(1)), int(m.group(2))
        if a > 12 >= b or m.group(5) == ".":
            dmy = dmy or t
        elif b > 12 >= a:
            mdy = mdy or t
        elif a != b:
            ragu = ragu or t
    if dmy and mdy:
        raise UrutanTakPasti(f"'{dmy}' hanya dapat dibaca hari/bulan, sedangkan '{mdy}' hanya dapat dibaca bulan/hari")
    if dmy:
        return HARI_BULAN
    if mdy:
        return BULAN_HARI
    if ragu:
        raise UrutanTakPasti(f"'{ragu}' dapat dibaca hari/bulan maupun bulan/hari")
    return HARI_BULAN  # no d/m/y text at all (ISO, real dates): the order is never used


def urutan_dari_format(fmt: str) -> str | None:
    """The day/month order a --format-tanggal value states ('%d/%m/%Y …',
    'dd/mm/yyyy', 'hh/bb/tttt', 'mm/dd/yyyy'); None when it states none."""
    f = fmt.lower()
    if "%" in f:
        d, m = f.find("%d"), f.find("%m")
    else:
        d = min((i for i in (f.find("dd"), f.find("hh")) if i >= 0), default=-1)
        m = min((i for i in (f.find("mm"), f.find("bb")) if i >= 0), default=-1)
    if d < 0 or m < 0:
        return None
    return HARI_BULAN if d < m else BULAN_HARI


def waktu(v: Any, urutan: str = HARI_BULAN, fmt: str | None = None) -> datetime:
    """A timestamp cell → naive local datetime (to the second).  ValueError if not one."""
    if isinstance(v, datetime):
        hasil = v
    elif isinstance(v, date):
        hasil = datetime(v.year, v.month, v.day)
    elif isinstance(v, (int, float)) and not isinstance(v, bool):
        if not 20000 < v < 80000:
            raise ValueError
        hasil = dari_serial(float(v))
        if not isinstance(hasil, datetime):
            hasil = datetime(hasil.year, hasil.month, hasil.day)
    elif isinstance(v, str) and v.strip():
        teks = " ".join(v.split())
        hasil = None
        if fmt and "%" in fmt:
            for t in (teks, _TZ.sub("", teks)):
                try:
                    hasil = datetime.strptime(t, fmt)
                    break
                except ValueError:
                    continue
        if hasil is None:
            # The format states the order; the time may still be h:mm or h.mm, with AM/PM or a zone.
            if fmt:
                urutan = urutan_dari_format(fmt) or ""
            t = _TZ.sub("", teks)
            m = _YMD.match(t)
            if m:
                y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
                h, mi, s = _jam(m.group(4), m.group(5), m.group(6), m.group(8))
                frac = m.group(7)
            else:
                m = _XYZ.match(t)
                if not m or urutan not in (HARI_BULAN, BULAN_HARI):
                    raise ValueError
                a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
                d, mo = (a, b) if urutan == HARI_BULAN else (b, a)
                h, mi, s = _jam(m.group(4), m.group(6), m.group(7), m.group(9))
                frac = m.group(8)
            hasil = datetime(y, mo, d, h, mi, s)
            if frac:
                hasil += timedelta(seconds=float("0." + frac[1:]))
    else:
        raise ValueError
    if not 2000 <= hasil.year <= 2100:
        raise ValueError
    return hasil.replace(microsecond=0) if hasil.microsecond < 500000 else \
        (hasil + timedelta(seconds=1)).replace(microsecond=0)


def tertukar(t: datetime) -> datetime | None:
    """The same instant with day and month read the other way (both ≤ 12), else None."""
    if t.day > 12 or t.day == t.month:
        return None
    try:
        return t.replace(month=t.day, day=t.month)
    except ValueError:
        return None


def detik(v: Any) -> int | None:
    """A Tanggal cell as whole seconds since the Excel epoch (the duplicate key)."""
    if isinstance(v, date):  # also datetime
        return round(ke_serial(v) * 86400)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return round(float(v) * 86400)
    if isinstance(v, str):
        try:
            return detik(waktu(v))
        except (ValueError, UrutanTakPasti):
            return None
    return None


def periksa_format(fmt: str, asal: str = "--format-tanggal") -> str:
    """A --format-tanggal / format_tanggal value, checked; FileError when it
    says neither a strptime format nor which of day and month comes first."""
    fmt = fmt.strip()
    if urutan_dari_format(fmt) is None and not ("%" in fmt and re.search(r"%[YyjU]", fmt)):
        raise FileError(f"{asal} '{fmt}' tidak menyebut urutan hari dan bulan; pakai \"%d/%m/%Y\" (hari/bulan, "
                        "format Indonesia) atau \"%m/%d/%Y\" (bulan/hari, format Amerika).")
    return fmt


# ---------------------------------------------------------------- mapping file


@dataclass
class Pemetaan:
    kolom: dict[str, str] = field(default_factory=dict)  # norm(header) → target or 'abaikan'
    jawaban: dict[str, int] = field(default_factory=dict)  # label → 1..4 (every unsur)
    jawaban_unsur: dict[str, dict[str, int]] = field(default_factory=dict)  # 'U4' → label → 1..4
    kelamin: dict[str, str] = field(default_factory=dict)
    usia: dict[str, int] = field(default_factory=dict)
    jenis_layanan: dict[str, str] = field(default_factory=dict)
    format_tanggal: str | None = None
    sumber: str | None = None

    def kamus_unsur(self, u: str) -> dict[str, int]:
        return {**self.jawaban, **self.jawaban_unsur.get(u, {})}


_TARGET_NORM = {norm(t): t for t in TARGET} | {ABAIKAN: ABAIKAN, "diabaikan": ABAIKAN}


def muat_pemetaan(path: str | Path | None) -> Pemetaan:
    """Read a mapping file (.json or .toml).  See README for the layout:

    kolom = {"header text" = "U4" | "Tanggal" | … | "abaikan"}
    jawaban = {"Luar biasa" = 4}
    [nilai]  U4 = {"Tidak dipungut biaya" = 4}; "Jenis Kelamin" = {"Pria" = "L"};
             Usia = {"17-25 tahun" = 21}; "Jenis Layanan" = {"KTP" = "Rekomendasi KTP-el"}
    format_tanggal = "%d/%m/%Y %H:%M:%S"
    """
    if path is None:
        return Pemetaan()
    path = Path(path)
    nama = path.name
    if not path.is_file():
        raise FileError(f"Berkas pemetaan '{nama}' tidak ditemukan.")
    if path.stat().st_size > 1024 * 1024:
        raise FileError(f"Berkas pemetaan '{nama}' terlalu besar (lebih dari 1 MB).")
    teks = path.read_bytes()
    try:
        if path.suffix.lower() == ".toml":
            doc = tomllib.loads(teks.decode("utf-8-sig"))
        else:
            doc = json.loads(teks.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as e:
        jenis = "TOML" if path.suffix.lower() == ".toml" else "JSON"
        raise FileError(f"Berkas pemetaan '{nama}' bukan {jenis} yang sah: {e}.") from None
    if not isinstance(doc, dict):
        raise FileError(f"Berkas pemetaan '{nama}' harus berisi objek dengan bagian 'kolom', 'jawaban' dan/atau 'nilai'.")
    p = Pemetaan(sumber=nama)
    dikenal = {"kolom", "jawaban", "nilai", "format_tanggal"}
    lain = [k for k in doc if k not in dikenal]
    if lain:
        raise FileError(f"Berkas pemetaan '{nama}': bagian '{lain[0]}' tidak dikenal (yang dikenal: kolom, jawaban, nilai, format_tanggal).")

    def _obj(x, bagian) -> dict:
        if not isinstance(x, dict):
            raise FileError(f"Berkas pemetaan '{nama}': bagian '{bagian}' harus berupa pasangan teks → nilai.")
        return x

    for h, t in _obj(doc.get("kolom", {}), "kolom").items():
        tn = _TARGET_NORM.get(norm(t))
        if tn is None:
            raise FileError(f"Berkas pemetaan '{nama}': kolom '{h}' dipetakan ke '{t}', yang bukan kolom tblSKM "
                            f"({', '.join(TARGET)}) atau 'abaikan'.")
        p.kolom[norm(h)] = tn

    def _skor(label, v, bagian) -> int:
        if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 4:
            raise FileError(f"Berkas pemetaan '{nama}': jawaban '{label}' di bagian '{bagian}' harus bilangan bulat 1–4.")
        return v

    for label, v in _obj(doc.get("jawaban", {}), "jawaban").items():
        p.jawaban[_norm_label(label)] = _skor(label, v, "jawaban")
    for t, isi in _obj(doc.get("nilai", {}), "nilai").items():
        tn = _TARGET_NORM.get(norm(t))
        isi = _obj(isi, f"nilai.{t}")
        if tn in K.UNSUR:
            p.jawaban_unsur[tn] = {_norm_label(k): _skor(k, v, f"nilai.{t}") for k, v in isi.items()}
        elif tn == "Jenis Kelamin":
            for k, v in isi.items():
                if v not in K.JENIS_KELAMIN:
                    raise FileError(f"Berkas pemetaan '{nama}': Jenis Kelamin '{k}' harus dipetakan ke L atau P.")
                p.kelamin[norm(k)] = v
        elif tn == "Usia":
            for k, v in isi.items():
                if isinstance(v, bool) or not isinstance(v, int) or not 0 < v < 130:
                    raise FileError(f"Berkas pemetaan '{nama}': Usia '{k}' harus dipetakan ke bilangan bulat (tahun).")
                p.usia[norm(k)] = v
        elif tn == "Jenis Layanan":
            for k, v in isi.items():
                if not isinstance(v, str) or not v.strip():
                    raise FileError(f"Berkas pemetaan '{nama}': Jenis Layanan '{k}' harus dipetakan ke teks.")
                p.jenis_layanan[norm(k)] = v.strip()
        else:
            raise FileError(f"Berkas pemetaan '{nama}': bagian 'nilai' hanya untuk U1–U9, Jenis Kelamin, Usia dan "
                            f"Jenis Layanan, bukan '{t}'.")
    fmt = doc.get("format_tanggal")
    if fmt is not None:
        if not isinstance(fmt, str):
            raise FileError(f"Berkas pemetaan '{nama}': format_tanggal harus teks seperti \"%d/%m/%Y %H:%M:%S\".")
        p.format_tanggal = periksa_format(fmt, f"Berkas pemetaan '{nama}': format_tanggal")
    return p


# ---------------------------------------------------------------- columns


def _ada(n: str, *kata: str) -> bool:
    return any(re.search(rf"\b{re.escape(k)}", n) for k in kata)


# The regulation's questionnaire (PermenPANRB 14/2017, Lampiran), question by
# question, with the unsur each question measures.  It asks about sarana (its
# question 8) before pengaduan (its question 9), while the unsur numbering has
# U8 = pengaduan and U9 = sarana: the question number is never the unsur.
PERTANYAAN_PERATURAN: tuple[tuple[str, str], ...] = (
    ("Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?", "U1"),
    ("Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?", "U2"),
    ("Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?", "U3"),
    ("Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?", "U4"),
    ("Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar "
     "pelayanan dengan hasil yang diberikan?", "U5"),
    ("Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?", "U6"),
    ("Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?", "U7"),
    ("Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?", "U9"),
    ("Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?", "U8"),
)


def _tanpa_nomor(n: str) -> str:
    # "8 bagaimana …" (from "8. Bagaimana …"), "p8 …", "pertanyaan 8 …": the number is the form's, not the unsur's.
    return re.sub(r"^(?:(?:pertanyaan|soal|no|nomor|p|q)\s?)?\d{1,2}\s+(?=\D)", "", n)


_PERATURAN = {_tanpa_nomor(norm(q)): u for q, u in PERTANYAAN_PERATURAN}

KATA_UNSUR: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Order matters: the first unsur whose keyword appears wins.
    ("U8", ("pengaduan", "keluhan", "komplain")),
    ("U9", ("sarana", "prasarana", "sarpras", "fasilitas")),
    ("U4", ("biaya", "tarif", "pungutan", "retribusi")),
    ("U6", ("kompetensi", "kompeten", "kemampuan petugas", "kemampuan pelaksana", "keahlian", "keterampilan")),
    ("U7", ("perilaku", "kesopanan", "keramahan", "sopan", "ramah", "sikap petugas", "sikap pelaksana")),
    ("U5", ("produk", "spesifikasi", "hasil pelayanan", "hasil layanan")),
    ("U1", ("persyaratan", "syarat")),
    ("U3", ("waktu", "kecepatan", "cepat", "lama pelayanan", "lama penyelesaian")),
    ("U2", ("prosedur", "mekanisme", "sistem", "alur", "tata cara", "tatacara")),
)


def unsur_dari_header(n: str) -> str | None:
    """The unsur a normalised header names: the regulation's question text, else a keyword."""
    inti = _tanpa_nomor(n)
    if inti in _PERATURAN:
        return _PERATURAN[inti]
    for u, kata in KATA_UNSUR:
        if _ada(inti, *kata):
            return u
    return None


_NOMOR_UNSUR = re.compile(r"(?:u|unsur|unsur ke)\s?([1-9])")


def _waktu_header(n: str) -> bool:
    return n in ("timestamp", "stempel waktu", "cap waktu", "tanda waktu", "waktu pengisian", "tanggal pengisian",
                 "tanggal survei", "tanggal survey", "tanggal dan waktu", "waktu", "submitted at",
                 "submission date", "date", "tanggal isi", "tgl", "tanggal") \
        or n.startswith(("timestamp", "stempel waktu", "cap waktu"))


_KATA_SARAN = ("saran", "masukan", "kritik", "komentar", "harapan", "usulan", "pesan")


def _saran(n: str) -> bool:
    # Whole words: "sarana" (U9) is not "saran".
    return any(re.search(rf"\b{k}\b", n) for k in _KATA_SARAN)


def _pertanyaan(n: str) -> bool:
    """A header that asks the respondent to rate something (a question, not a field)."""
    inti = _tanpa_nomor(n)
    return inti.startswith(("bagaimana", "bagamana", "apakah", "menurut", "seberapa", "penilaian")) \
        or _ada(inti, "pendapat saudara", "pendapat anda", "pemahaman saudara", "pemahaman anda")


def _profil_header(n: str) -> str | None:
    if _ada(n, "jenis kelamin", "kelamin", "gender"):
        return "Jenis Kelamin"
    if re.fullmatch(r"(usia|umur|age)( .*)?", n) or _ada(n, "usia", "umur"):
        return "Usia"
    if _ada(n, "pendidikan"):
        return "Pendidikan"
    if _ada(n, "pekerjaan", "profesi"):
        return "Pekerjaan"
    if _ada(n, "jenis layanan", "jenis pelayanan", "nama layanan", "layanan yang", "pelayanan yang", "layanan apa"):
        return "Jenis Layanan"
    return None


def target_header(h: str, p: "Pemetaan") -> tuple[str | None, int]:
    """(tblSKM column or None, priority: 0 mapping file … 3 keyword) for one form header.

    Only the header decides, never the answers below it: a column whose
    answers include an unknown label stays the unsur its header names, and
    that answer is a finding at its cell."""
    n = norm(h)
    if not n:
        return None, 9
    if n in p.kolom:
        return p.kolom[n], 0
    exact = {norm(t): t for t in K.TABEL["tblSKM"].headers if t != "No"}
    if n in exact:
        return exact[n], 1
    m = _NOMOR_UNSUR.fullmatch(n)
    if m:
        return f"U{m.group(1)}", 1
    if _waktu_header(n):
        return "Tanggal", 2
    u = unsur_dari_header(n)
    if _pertanyaan(n):
        # A rating question: the unsur its words name (the regulation's texts first), or nothing.
        return u, 2
    profil = _profil_header(n)
    if profil and not (profil == "Jenis Layanan" and u):
        return profil, 3
    if _saran(n) and (u is None or _tanpa_nomor(n).startswith(_KATA_SARAN)):
        return "Saran", 3  # "Saran dan masukan tentang sarana" is a Saran; "Penanganan pengaduan, saran …" is U8
    if u:
        return u, 3
    return None, 9


@dataclass
class PetaKolom:
    kolom: dict[str, list[int]]  # target → column indexes (Saran may have several)
    diabaikan: list[str]
    hilang: list[str]  # unsur with no column: a galat, nothing is imported
    kalah: list[tuple[str, str, str]] = field(default_factory=list)  # (target, header not used, header used)


def petakan_kolom(header: list[str], p: Pemetaan, nama_berkas: str) -> PetaKolom:
    calon: dict[str, list[tuple[int, int]]] = {}  # target → [(priority, index)]
    diabaikan: list[str] = []
    for i, h in enumerate(header):
        target, prio = target_header(h, p)
        if target is None or target == ABAIKAN:
            if h.strip():
                diabaikan.append(h)
            continue
        calon.setdefault(target, []).append((prio, i))
    kolom: dict[str, list[int]] = {}
    kalah: list[tuple[str, str, str]] = []
    for target, cs in calon.items():
        cs.sort()
        if target == "Saran":
            kolom[target] = [i for _, i in cs]
            continue
        if len(cs) > 1 and cs[0][0] == cs[1][0]:
            a, b = header[cs[0][1]], header[cs[1][1]]
            label = f"{target} ({UNSUR_LABEL[target]})" if target in UNSUR_LABEL else target
            raise FileError(
                f"Kolom '{_pendek(a)}' dan '{_pendek(b)}' di '{nama_berkas}' sama-sama tampak sebagai {label}; "
                "tentukan kolom yang benar dengan berkas --pemetaan."
            )
        kolom[target] = [cs[0][1]]
        diabaikan.extend(header[i] for _, i in cs[1:])
        kalah.extend((target, header[i], header[cs[0][1]]) for _, i in cs[1:])
    if "Tanggal" not in kolom:
        raise FileError(
            f"Kolom stempel waktu (Timestamp/Stempel waktu) tidak ditemukan di '{nama_berkas}'; "
            "tanpa tanggal jawaban tidak dapat diimpor (petakan kolomnya dengan --pemetaan)."
        )
    hilang = [u for u in K.UNSUR if u not in kolom]
    if len(hilang) == len(K.UNSUR):
        raise FileError(
            f"Tidak satu pun kolom pertanyaan unsur SKM (U1–U9) dikenali di '{nama_berkas}'; "
            "petakan judul kolomnya dengan berkas --pemetaan."
        )
    return PetaKolom(kolom, diabaikan, hilang, kalah)


def _pendek(h: str, n: int = 60) -> str:
    return h if len(h) <= n else h[: n - 1] + "…"
