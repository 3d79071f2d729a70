"""Reading a survey export: a CSV (Google Forms "Download responses") or an
.xlsx (Google Sheets "Download as Microsoft Excel") into header + rows.

Every row keeps the number a person would look up: for a CSV the line in the
file where the record starts (line 1 is the header; a Saran with a line
break makes a record span several lines), for a workbook the sheet row.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..io.package import FileError, Package

MAX_CSV = 100 * 1024 * 1024  # bytes


@dataclass
class BarisFormulir:
    nomor: int  # CSV line / sheet row where the response starts
    nilai: list[Any]  # one value per header (str for CSV; str/float/datetime for xlsx)


@dataclass
class Formulir:
    nama: str
    jenis: str  # 'csv' | 'xlsx'
    header: list[str]
    baris: list[BarisFormulir]
    satuan_baris: str  # 'baris' (CSV line) or 'baris lembar' (sheet row)


def _kosong(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _judul(rec) -> bool:
    """The header row of a sheet: the first with at least three filled cells
    (an import template's title and instructions above it are a cell or two
    each; a CSV export's header is its first line)."""
    return sum(1 for v in rec if not _kosong(v)) >= 3


def baca(path: str | Path) -> Formulir:
    path = Path(path)
    if not path.exists():
        raise FileError(f"Berkas formulir '{path.name}' tidak ditemukan.")
    if path.is_dir():
        raise FileError(f"'{path.name}' adalah folder, bukan berkas formulir (.csv atau .xlsx).")
    suf = path.suffix.lower()
    if suf in (".xlsx", ".xlsm"):
        return _baca_xlsx(path)
    if suf in (".csv", ".txt", ".tsv"):
        return _baca_csv(path)
    raise FileError(f"Berkas formulir '{path.name}' harus berupa .csv atau .xlsx (ekspor Google Formulir).")


def _teks_csv(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_CSV:
        raise FileError(f"Berkas formulir '{path.name}' terlalu besar ({size // (1024 * 1024)} MB) untuk sebuah ekspor survei.")
    data = path.read_bytes()
    if data[:4] == b"PK\x03\x04":
        raise FileError(f"Berkas formulir '{path.name}' adalah buku kerja/arsip ZIP yang diberi akhiran CSV; ganti akhirannya menjadi .xlsx.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise FileError(f"Berkas formulir '{path.name}' tidak dapat dibaca sebagai teks.") from None
    if b"\x00" in data[:4096]:
        raise FileError(f"Berkas formulir '{path.name}' bukan berkas teks CSV.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _pemisah(teks: str) -> str:
    head = teks.split("\n", 1)[0]
    hitung = {d: _luar_kutip(head).count(d) for d in (",", ";", "\t")}
    best = max(hitung, key=lambda d: hitung[d])
    return best if hitung[best] else ","


def _luar_kutip(s: str) -> str:
    out, inside = [], False
    for ch in s:
        if ch == '"':
            inside = not inside
        elif not inside:
            out.append(ch)
    return "".join(out)


def _baca_csv(path: Path) -> Formulir:
    teks = _teks_csv(path)
    reader = csv.reader(io.StringIO(teks, newline=""), delimiter=_pemisah(teks), strict=False)
    header: list[str] | None = None
    baris: list[BarisFormulir] = []
    mulai = 1
    try:
        for rec in reader:
            awal, mulai = mulai, reader.line_num + 1
            if header is None:
                if not any(not _kosong(v) for v in rec):
                    continue
                header = [" ".join(h.split()) for h in rec]
                continue
            if not any(not _kosong(v) for v in rec):
                continue
            rec = rec + [""] * (len(header) - len(rec))
            baris.append(BarisFormulir(awal, rec[: len(header)]))
    except csv.Error as e:
        raise FileError(f"Berkas formulir '{path.name}' bukan CSV yang sah (sekitar baris {reader.line_num}): {e}.") from None
    if not header:
        raise FileError(f"Berkas formulir '{path.name}' kosong: tidak ada baris judul kolom.")
    return Formulir(path.name, "csv", header, baris, "baris")


def _baca_xlsx(path: Path) -> Formulir:
    import python_calamine as pc

    with Package.open(path) as pkg:  # the same safety checks as a workbook
        lembar = next((s.name for s in pkg.sheets if s.state == "visible"), pkg.sheets[0].name)
    try:
        book = pc.CalamineWorkbook.from_path(str(path))
        try:
            sheet = book.get_sheet_by_name(lembar)
            r0 = (sheet.start or (0, 0))[0]
            data = sheet.to_python(skip_empty_area=True)
        finally:
            book.close()
    except Exception:
        raise FileError(f"Berkas formulir '{path.name}' rusak dan tidak dapat dibaca isinya.") from None
    header: list[str] | None = None
    baris: list[BarisFormulir] = []
    for i, rec in enumerate(data):
        nomor = r0 + i + 1
        rec = [None if v == "" else v for v in rec]
        if not any(not _kosong(v) for v in rec):
            continue
        if header is None:
            if not _judul(rec):
                continue
            header = [" ".join(_teks_header(v).split()) for v in rec]
            continue
        rec = list(rec) + [None] * (len(header) - len(rec))
        baris.append(BarisFormulir(nomor, rec[: len(header)]))
    if not header:
        raise FileError(f"Berkas formulir '{path.name}' kosong: tidak ada baris judul kolom.")
    return Formulir(path.name, "xlsx", header, baris, "baris lembar")


def _teks_header(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return str(v)
