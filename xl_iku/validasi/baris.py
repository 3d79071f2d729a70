"""Rows through their pydantic model, in one call per table; each
validation error becomes a temuan at its cell.

A whole table is validated as one list (pydantic-core loops in Rust); only
when some rows fail are the others validated again without them.

A row is handed over as a dict keyed by header, or — for the 100,000-row
tables — as `pydantic_core.ArgsKwargs` with the values in the model's field
order (`urutan`), the form a pydantic dataclass's own `__init__` validates:
no dict per row, and an error's position names its field all the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from itertools import islice
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .sel import Pemeriksa


@cache
def _adapter(model) -> TypeAdapter:
    # Built on first use, not at import: most runs never see most models' errors.
    return TypeAdapter(list[model])


@cache
def urutan(model) -> tuple[str, ...]:
    """The model's fields in positional (ArgsKwargs) order, each by the name
    an error reports for it as a dict key: its alias (the header) or its name."""
    _adapter(model)  # the fields are complete once the schema is built
    return tuple(f.alias or nama for nama, f in model.__pydantic_fields__.items())


def _temuan_dari(err: dict, sel_of: Callable[[str | None], str],
                 posisi: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    """(tingkat, sel, pesan) for one pydantic error (`posisi`: the field
    names of a positional input, `urutan(model)`)."""
    ctx = err.get("ctx") or {}
    jenis = err["type"]
    kolom = list(ctx.get("kolom") or [])
    if jenis in ("galat", "lewati"):
        tingkat = "galat" if jenis == "galat" else "peringatan"
        pesan = ctx.get("pesan")
        if pesan:  # several cells of one row, each with its message
            return [(tingkat, sel_of(k), m) for k, m in zip(kolom, pesan)]
        return [(tingkat, sel_of(kolom[0] if kolom else None), err["msg"])]
    # A type the cell cleaning should have caught already: still a clear
    # Indonesian message at the cell, never pydantic's English.
    loc = err.get("loc") or ()
    header = loc[1] if len(loc) > 1 and isinstance(loc[1], str) else None
    if len(loc) > 1 and type(loc[1]) is int and loc[1] < len(posisi):
        header = posisi[loc[1]]
    nama = f"Kolom '{header}'" if header else "Baris ini"
    return [("galat", sel_of(header), f"{nama} berisi nilai yang tidak dapat dipakai.")]


# Rows per validate_python call: large enough for pydantic-core's loop to
# dominate, small enough that a 100,000-row register never holds more than
# this many input dicts at once.
POTONGAN = 4096


def validasi(model, calon: Iterable[tuple[Any, dict]], lembar: str, p: Pemeriksa,
             kw: dict | Callable[[dict], dict], context: dict | None = None) -> list:
    """Validate `calon` — (raw row, input) pairs, the input a dict or an
    ArgsKwargs in `urutan(model)` order — as lists of `model`.

    Returns the valid rows in order.  Errors become temuan at their cells
    (`kw`, or `kw(input dict)`, gives the finding's kode/tabel/blokir); the
    validators' warnings (context['peringatan']) become peringatan.
    """
    ctx = dict(context or {})
    ctx["peringatan"] = []
    rows: list = []
    it = iter(calon)
    while True:
        potong = list(islice(it, POTONGAN))
        if not potong:
            break
        # The schema is built at the first row: an empty table never builds one.
        rows.extend(_potongan(_adapter(model), potong, ctx, lembar, p, kw, urutan(model)))
    for sel, pesan, kode in ctx["peringatan"]:
        p.peringatan(lembar, sel, pesan, kode=kode)
    return rows


def _potongan(ta: TypeAdapter, calon: list[tuple[Any, Any]], ctx: dict, lembar: str, p: Pemeriksa, kw,
              posisi: tuple[str, ...]) -> list:
    data = [d for _, d in calon]
    try:
        return ta.validate_python(data, context=ctx)
    except ValidationError as e:
        buruk: dict[int, list[dict]] = {}
        for err in e.errors(include_url=False):
            buruk.setdefault(err["loc"][0], []).append(err)
        for i in sorted(buruk):
            raw = calon[i][0]
            k = kw(data[i]) if callable(kw) else kw

            def sel_of(header, raw=raw):
                return raw.cell(header) if header in raw.cols else raw.cell(next(iter(raw.cols)))

            for err in buruk[i]:
                for tingkat, sel, pesan in _temuan_dari(err, sel_of, posisi):
                    if tingkat == "galat":
                        p.galat(lembar, sel, pesan, **k)
                    else:
                        p.peringatan(lembar, sel, pesan, kode=k.get("kode"))
        # The warnings of the first pass stand; the second only keeps the good rows.
        return ta.validate_python([d for i, d in enumerate(data) if i not in buruk], context=dict(ctx, peringatan=[]))


def satu(model, data: dict, p: Pemeriksa, sel_of: Callable[[str | None], tuple[str, str]],
         kw_of: Callable[[str | None], dict], context: dict | None = None):
    """Validate one object (the settings).  A field that fails is a temuan at
    its cell (`sel_of(alias)` → (lembar, sel); `kw_of(alias)` its keywords) and
    is left blank; every other field keeps its value."""
    ta = TypeAdapter(model)
    data = dict(data)
    for _ in range(len(data) + 1):
        try:
            return ta.validate_python(data, context=dict(context or {}, peringatan=[]))
        except ValidationError as e:
            for err in e.errors(include_url=False):
                loc = err.get("loc") or ()
                kolom = (err.get("ctx") or {}).get("kolom") or [loc[0] if loc else None]
                lembar, sel = sel_of(kolom[0])
                for _, _, pesan in _temuan_dari(err, lambda h: sel):
                    p.galat(lembar, sel, pesan, **kw_of(kolom[0]))
                data[kolom[0]] = None
    raise AssertionError("settings did not validate with every failing field blank")
