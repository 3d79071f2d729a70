"""From form columns and answer labels to tblSKM columns and scores 1–4.

Columns are recognised by their header text, never by position: the
regulation's questionnaire (PermenPANRB 14/2017) asks about sarana before
pengaduan, while the unsur numbering has U8 = pengaduan and U9 = sarana, so
"question 8" is not U8.  Recognition, per column, first rule that applies:

1. the mapping file (`--pemetaan`, section `kolom`);
2. the header is exactly a tblSKM header (`Tanggal`, `U4`, `Jenis Kelamin` …);
3. a timestamp header (`Timestamp`, `Stempel waktu`, `Cap waktu`, …) → Tanggal;
4. a column whose answers are scale labels (Sangat Sesuai …) and whose header
   names an unsur by keyword (persyaratan; prosedur/mekanisme/sistem/alur;
   waktu/kecepatan; biaya/tarif; produk/spesifikasi; kompetensi/kemampuan;
   perilaku/sopan/ramah; pengaduan/keluhan; sarana/prasarana/fasilitas);
5. profile columns: jenis kelamin, usia/umur, pendidikan, pekerjaan, jenis
   layanan; a free-text column named saran/masukan/kritik/komentar → Saran;
6. an unsur keyword on a column whose answers are not (yet) scale labels.

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
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if tambahan and norm(v) in tambahan:
        return tambahan[norm(v)]
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if float(v).is_integer() and 0 < v < 130:
            return int(v)
        raise TakDikenal(str(v))
    m = re.fullmatch(r"(\d{1,3})(?:[.,]0+)?\s*(?:tahun|thn|th|th\.)?", str(v).strip(), re.I)
    if m and 0 < int(m.group(1)) < 130:
        return int(m.group(1))
    raise TakDikenal(str(v).strip())


# ---------------------------------------------------------------- timestamps

_TZ = re.compile(r"(?:\s*(?:GMT|UTC)\s*[+-]\d{1,2}(?::?\d{2})?|(?<=\d)[+-]\d{2}:\d{2}|\s*(?:GMT|UTC|WIB|WITA|WIT)|(?<=\d)Z)\s*$", re.I)
_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})([.,]\d+)?)?\s*([AaPp][Mm])?)?$")
_XYZ = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})([.,]\d+)?)?\s*([AaPp][Mm])?)?$")


def _jam(h, mi, s, ampm) -> tuple[int, int, int]:
    h, mi, s = int(h or 0), int(mi or 0), int(s or 0)
    if ampm:
        if not 1 <= h <= 12:
            raise ValueError
        h = h % 12 + (12 if ampm.lower() == "pm" else 0)
    return h, mi, s


def urutan_tanggal(nilai: list[Any]) -> tuple[str, bool]:
    """('dmy' | 'mdy', ambiguous) for the d/m/y-looking texts of a column."""
    dmy = mdy = ragu = False
    for v in nilai:
        if not isinstance(v, str):
            continue
        m = _XYZ.match(_TZ.sub("", v.strip()))
        if not m:
            continue
        a, b = int(m.group(1)), int(m.group(2))
        if a > 12 >= b:
            dmy = True
        elif b > 12 >= a:
            mdy = True
        elif a != b:
            ragu = True
    if mdy and not dmy:
        return "mdy", False
    return "dmy", ragu and not dmy


def waktu(v: Any, urutan: str = "dmy", fmt: str | None = None) -> datetime:
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
        if fmt:
            for t in (teks, _TZ.sub("", teks)):
                try:
                    hasil = datetime.strptime(t, fmt)
                    break
                except ValueError:
                    continue
            else:
                raise ValueError
        else:
            t = _TZ.sub("", teks)
            m = _YMD.match(t)
            if m:
                y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            else:
                m = _XYZ.match(t)
                if not m:
                    raise ValueError
                a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
                d, mo = (a, b) if urutan == "dmy" else (b, a)
            h, mi, s = _jam(m.group(4), m.group(5), m.group(6), m.group(8))
            hasil = datetime(y, mo, d, h, mi, s)
            if m.group(7):
                hasil += timedelta(seconds=float("0." + m.group(7)[1:]))
    else:
        raise ValueError
    if not 2000 <= hasil.year <= 2100:
        raise ValueError
    return hasil.replace(microsecond=0) if hasil.microsecond < 500000 else \
        (hasil + timedelta(seconds=1)).replace(microsecond=0)


def detik(v: Any) -> int | None:
    """A Tanggal cell as whole seconds since the Excel epoch (the duplicate key)."""
    if isinstance(v, date):  # also datetime
        return round(ke_serial(v) * 86400)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return round(float(v) * 86400)
    if isinstance(v, str):
        try:
            return detik(waktu(v))
        except ValueError:
            return None
    return None


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
        if not isinstance(fmt, str) or "%" not in fmt:
            raise FileError(f"Berkas pemetaan '{nama}': format_tanggal harus seperti \"%d/%m/%Y %H:%M:%S\".")
        p.format_tanggal = fmt
    return p


# ---------------------------------------------------------------- columns


def _ada(n: str, *kata: str) -> bool:
    return any(re.search(rf"\b{re.escape(k)}", n) for k in kata)


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
    for u, kata in KATA_UNSUR:
        if _ada(n, *kata):
            return u
    return None


def _waktu_header(n: str) -> bool:
    return n in ("timestamp", "stempel waktu", "cap waktu", "tanda waktu", "waktu pengisian", "tanggal pengisian",
                 "tanggal survei", "tanggal survey", "tanggal dan waktu", "waktu", "submitted at",
                 "submission date", "date", "tanggal isi", "tgl") or n.startswith(("timestamp", "stempel waktu", "cap waktu"))


def _profil_header(n: str, likert: bool) -> str | None:
    if _ada(n, "jenis kelamin", "kelamin", "gender"):
        return "Jenis Kelamin"
    if re.fullmatch(r"(usia|umur|age)( .*)?", n) or _ada(n, "usia", "umur"):
        return "Usia"
    if likert:
        return None
    if _ada(n, "pendidikan"):
        return "Pendidikan"
    if _ada(n, "pekerjaan", "profesi"):
        return "Pekerjaan"
    if _ada(n, "jenis layanan", "jenis pelayanan", "nama layanan", "layanan yang", "pelayanan yang", "layanan apa"):
        return "Jenis Layanan"
    if _ada(n, "saran", "masukan", "kritik", "komentar", "harapan", "usulan", "pesan"):
        return "Saran"
    return None


@dataclass
class PetaKolom:
    kolom: dict[str, list[int]]  # target → column indexes (Saran may have several)
    diabaikan: list[str]
    catatan: list[str]


def _likert(nilai: list[Any], tambahan: dict[str, int]) -> bool | None:
    """True if at least 80 % of the answers are scale labels; None when empty."""
    isi = [v for v in nilai if v is not None and str(v).strip()]
    if not isi:
        return None
    ok = 0
    for v in isi:
        try:
            skor(v, tambahan)
            ok += 1
        except TakDikenal:
            pass
    return ok >= 0.8 * len(isi)


def petakan_kolom(header: list[str], kolom_nilai: list[list[Any]], p: Pemetaan, nama_berkas: str) -> PetaKolom:
    calon: dict[str, list[tuple[int, int]]] = {}  # target → [(priority, index)]
    diabaikan: list[str] = []
    exact = {norm(h): h for h in K.TABEL["tblSKM"].headers if h != "No"}
    for i, h in enumerate(header):
        n = norm(h)
        target, prio = None, 9
        if n in p.kolom:
            target, prio = p.kolom[n], 0
        elif not n:
            target = None
        elif n in exact:
            target, prio = exact[n], 1
        elif re.fullmatch(r"(u|unsur) ?[1-9]", n):
            target, prio = f"U{n[-1]}", 1
        else:
            u = unsur_dari_header(n)
            lk = _likert(kolom_nilai[i], p.kamus_unsur(u) if u else p.jawaban)
            if _waktu_header(n) and not lk:
                target, prio = "Tanggal", 2
            elif u and lk is not False:
                target, prio = u, 2
            else:
                target = _profil_header(n, bool(lk))
                prio = 3
                if target is None and u:
                    target, prio = u, 5
        if target is None or target == ABAIKAN:
            if h.strip():
                diabaikan.append(h)
            continue
        calon.setdefault(target, []).append((prio, i))
    kolom: dict[str, list[int]] = {}
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
    catatan = []
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
    for u in hilang:
        catatan.append(f"Kolom untuk {u} ({UNSUR_LABEL[u]}) tidak ditemukan; jawaban {u} dibiarkan kosong.")
    return PetaKolom(kolom, diabaikan, catatan)


def _pendek(h: str, n: int = 60) -> str:
    return h if len(h) <= n else h[: n - 1] + "…"
