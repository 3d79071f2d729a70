"""What the file says about cells beyond their values, for the file adapter.

python-calamine gives values (and merged ranges) but reads an Excel error
value as blank, and gives no number formats.  This module reads, with the
package's hardened lxml parser, only what the rules need and only where it
can matter:

* error cells (`t="e"`: typed, pasted or a formula's saved result) and formula
  cells without a stored result, in sheets whose XML contains such a cell at
  all (a streamed byte search decides; most input sheets have none);
* which cells are formatted as a percentage, in the sheets holding target or
  realisasi columns (`kontrak.KOLOM_PERSEN_TAMPIL`), and only when the
  workbook's styles define a percentage format at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .package import Package
from ..dasar.raw import parse_address
from .tabel import format_persen

_NEEDLE_GALAT = (b't="e"', b"t='e'")
_NEEDLE_RUMUS = (b"<f>", b"<f ", b":f>", b":f ", b"<f/>", b":f/>")
_RUMUS_LOGIKA = {"TRUE()": True, "FALSE()": False}
# Built-in number formats that are percentages (ECMA-376 §18.8.30).
_PERSEN_BAWAAN = {9, 10}


@dataclass
class InfoSel:
    galat: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) → "#N/A"
    tanpa_nilai: set[str] = field(default_factory=set)  # formula cells without a stored result
    # =TRUE() / =FALSE() with a number stored: what LibreOffice saves for a typed
    # TRUE (it has no logical type). Excel recalculates such a file when it
    # opens it (no calcId) and shows TRUE; calamine would read the answer 1.
    logika: dict[tuple[int, int], bool] = field(default_factory=dict)
    persen: set[tuple[int, int]] = field(default_factory=set)  # percent-formatted number cells


def xf_persen(pkg: Package) -> frozenset[int]:
    """Indices of the cell formats (cellXfs) that show numbers as a percentage."""
    styles = pkg.related(pkg.workbook_part, "/styles")
    if styles is None:
        return frozenset()
    root = pkg.xml(styles)
    kode: dict[int, str] = {}
    xfs: list[int] = []
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
        if tag == "numFmt":
            try:
                kode[int(el.get("numFmtId", ""))] = el.get("formatCode") or ""
            except ValueError:
                continue
        elif tag == "cellXfs":
            for xf in el:
                try:
                    xfs.append(int(xf.get("numFmtId", "0")))
                except ValueError:
                    xfs.append(0)
    return frozenset(i for i, n in enumerate(xfs)
                     if (format_persen(kode[n]) if n in kode else n in _PERSEN_BAWAAN))


def baca_info(pkg: Package, part: str, persen_xf: frozenset[int]) -> InfoSel | None:
    """One pass over a sheet part, or None when nothing in it needs one."""
    hits = pkg.found(part, _NEEDLE_GALAT + _NEEDLE_RUMUS)
    if not hits and not persen_xf:
        return None
    info = InfoSel()
    cari_rumus = any(n in hits for n in _NEEDLE_RUMUS)
    for c in pkg.iter_tag(part, "c"):
        ref = c.get("r")
        if ref is None:
            continue
        t = c.get("t")
        f = v = None
        if cari_rumus or t == "e":
            for child in c:
                tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
                if tag == "f":
                    f = child
                elif tag == "v":
                    v = child
        if t == "e":
            kode = (v.text or "").strip() if v is not None else ""
            info.galat[parse_address(ref)] = kode or "#N/A"
            continue
        if f is not None and (v is None or not (v.text or "").strip()) and t not in ("str", "inlineStr"):
            info.tanpa_nilai.add(ref)
            continue
        if f is not None and t in (None, "n") and (rumus := (f.text or "").strip().upper()) in _RUMUS_LOGIKA:
            info.logika[parse_address(ref)] = _RUMUS_LOGIKA[rumus]
            continue
        if persen_xf and t in (None, "n"):
            s = c.get("s")
            if s is not None and s.isdigit() and int(s) in persen_xf:
                info.persen.add(parse_address(ref))
    return info
