"""The small OOXML facts every reader and writer of a workbook shares, once.

* namespaces and qualified names (`NS`, `q`, `ns_of`, `lokal`);
* text a cell may hold (`bersih`: XML-forbidden control characters removed);
* Excel serial dates (`ke_serial`, `dari_serial`: the 1900 date system);
* numbers as text: in a cell's `<v>` (`angka_xml`) and in Indonesian for people
  (`angka_teks`: 1.234,56).

No xl-iku imports: this module sits on the bottom floor (see README,
"Lapisan kode").
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# ---------------------------------------------------------------- namespaces

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
XML_SPACE = f"{{{NS['xml']}}}space"
DEKLARASI = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def ns_of(root) -> str:
    """The namespace of an element ('' when it has none)."""
    return root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""


def q(ns: str, tag: str) -> str:
    """Clark name `{ns}tag` (or `tag` when ns is '')."""
    return f"{{{ns}}}{tag}" if ns else tag


def lokal(el) -> str:
    """An element's local name ('' for comments and processing instructions)."""
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# ---------------------------------------------------------------- text

# Characters XML 1.0 cannot carry (a cell holding one makes the part invalid).
_KONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def bersih(teks: str) -> str:
    """`teks` without the control characters XML 1.0 forbids (tab, CR, LF stay)."""
    return _KONTROL.sub("", teks)


# ---------------------------------------------------------------- serial dates

_EPOCH = datetime(1899, 12, 30)  # serial 0 of the 1900 system, after Excel's leap-year bug


def ke_serial(d: date | datetime) -> float:
    """date/datetime → Excel serial (1900 system; serials from 61 = 1 Mar 1900 on)."""
    if isinstance(d, datetime):
        delta = d.replace(tzinfo=None) - _EPOCH
        return delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
    return float((d - _EPOCH.date()).days)


def dari_serial(v: float) -> date | datetime:
    """Excel serial (1900 system) → date, or datetime (to the second) when it
    has a time part."""
    whole = int(v)
    if whole < 61:  # Excel's fictitious 29 Feb 1900: serials 1..60 are one day off
        whole += 1
    d = _EPOCH + timedelta(days=whole)
    frac = v - int(v)
    if frac:
        return d + timedelta(seconds=round(frac * 86400))
    return d.date()


# ---------------------------------------------------------------- numbers


def angka_xml(v: float) -> str:
    """A number as a cell's `<v>` text: '12', '0.1' (shortest round-trip form)."""
    if isinstance(v, int) or float(v).is_integer():
        return str(int(v))
    return repr(float(v))


def angka_teks(x: float | Decimal | Fraction | None, digits: int | None = 2, *, ribuan: bool = True) -> str:
    """A number in Indonesian notation: decimal comma, '.' between thousands.

    `digits` fixes the decimals, rounded half-up (ties away from zero) on the
    decimal the user sees (a float's shortest repr): 100,725 → '100,73',
    -0,125 → '-0,13' -- what Excel's number format 0,00 shows for the same
    cell.  This is the one rounding of every number a person reads (sheets'
    text, CLI, documents, poster, recap, charts; KONTRAK §3): Python's
    round()/format() round half-even on the binary value and would print
    100,72.  `digits=None` writes as many as the value has (85 → '85',
    0.1 → '0,1').  `ribuan=False` leaves out the thousands separator (for a
    number that becomes a cell's text, e.g. a code typed as a number).
    None → ''.
    """
    if x is None:
        return ""
    if isinstance(x, Fraction):
        x = Decimal(x.numerator) / Decimal(x.denominator) if digits is None else \
            Decimal(_separuh_atas_pecahan(x, digits)).scaleb(-digits)
    if digits is None:
        if isinstance(x, Decimal):
            s = format(x, "f")
        else:
            f = float(x)
            s = str(int(f)) if f.is_integer() else format(Decimal(repr(f)), "f")
    else:
        d = x if isinstance(x, Decimal) else Decimal(repr(float(x)))
        s = format(d.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP), "f")
        if s.startswith("-") and not s.strip("-0.,"):
            s = s[1:]  # -0,001 prints 0,00, not -0,00
    tanda, s = ("-", s[1:]) if s.startswith("-") else ("", s)
    bulat, _, pecahan = s.partition(".")
    if ribuan:
        bulat = f"{int(bulat):,}".replace(",", ".")
    return tanda + bulat + ("," + pecahan if pecahan else "")


def _separuh_atas_pecahan(f: Fraction, digits: int) -> int:
    """round-half-up(f × 10**digits) as an integer (exact)."""
    skala = abs(f) * 10**digits
    n = (skala.numerator * 2 + skala.denominator) // (skala.denominator * 2)
    return -n if f < 0 else n
