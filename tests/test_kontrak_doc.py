"""docs/KONTRAK.md (the contract a program relies on) and kontrak.py say the
same thing: sheets, tables, headers, defined names, indicator codes, JSON keys
and exit codes.  Also: runtime dependencies are exactly what the runtime
imports, and the public API resolves."""

from __future__ import annotations

import ast
import json
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

import xl_iku
from xl_iku import katalog
from xl_iku import kontrak as K

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "KONTRAK.md").read_text(encoding="utf-8")


def _baris(awal: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in DOC.splitlines() if line.startswith(awal)]


def test_readme_cites_the_shipped_contract():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/KONTRAK.md" in readme


def test_tables_sheets_and_headers():
    doc = {}
    for nama, lembar, headers in _baris("| tbl"):
        headers = re.sub(r"\s*\(optional[^)]*\)\s*$", "", headers)
        if nama == "tblTarget":  # "then one column per year": the template's years (KONTRAK §2)
            assert "one column per year" in headers and "template 2021 … 2026" in headers
            headers = "Kode, Indikator, Satuan, " + ", ".join(str(t) for t in K.TAHUN_IKU)
        doc[nama] = (lembar, [h.strip() for h in headers.split(",")])
    # tblIndikator is specified in §5, header by header in its own table.
    bagian5 = DOC.split("## 5.", 1)[1]
    assert "Sheet `Indikator`, Excel Table `tblIndikator`" in " ".join(bagian5.split())
    kepala5 = re.findall(r"^\| ([A-Z][^|]*?) \| (?:unique|the output|printed|`Naik`|one of|the kind|\(optional\))",
                         bagian5, flags=re.M)
    doc["tblIndikator"] = ("Indikator", [h.strip() for k in kepala5 for h in k.split(",")])
    code = {n: (t.lembar, list(t.headers)) for n, t in K.TABEL.items()}
    assert doc == code


def test_defined_names():
    blok = DOC.split("| defined name |", 1)[1].split("\n\n", 1)[0]
    doc = {n.strip() for line in blok.splitlines()[2:] for n in line.strip("|").split("|")[0].split(",")}
    code = {p.nama for p in K.PENGATURAN}
    assert doc == code


def test_indicator_codes():
    doc = [r[0] for r in _baris("| IK")]
    assert doc == [i.kode for i in katalog.INDIKATOR]


def test_output_sheets_and_headers_are_named():
    teks = " ".join(DOC.split())
    for nama in (*K.LEMBAR_KELUARAN, K.LEMBAR_BERANDA):
        assert f"`{nama}`" in teks, nama
    for h in (*K.HEADER_KELUARAN, *K.HEADER_VALIDASI):
        assert h in teks, h


def _kunci(d, awal=""):
    out = set()
    for k, v in d.items():
        if k == "...":
            continue
        out.add(awal + k)
        if isinstance(v, dict) and k != "nrr":
            out |= _kunci(v, awal + k + ".")
        if isinstance(v, list) and v and isinstance(v[0], dict):
            out |= _kunci(v[0], awal + k + "[].")
    return out


def test_json_keys():
    from xl_iku import layout

    contoh = json.loads(re.search(r"```json\n(.*?)```", DOC, flags=re.S).group(1).replace('"...": 0', '"_": 0'))
    hasil = layout.hasil_kosong()
    code = json.loads(json.dumps(hasil.ke_json()))
    code.setdefault("temuan", [])
    if not code["temuan"]:
        code["temuan"] = [{"tingkat": "", "lembar": "", "sel": "", "kode": "", "pesan": ""}]
    kurang = _kunci(contoh) - _kunci(code)
    # §4's prose: each indicator "also with `kelompok`, `arah` and `cara_hitung`" (§5).
    assert "each also with\n  `kelompok`, `arah` and `cara_hitung`" in DOC or \
        "each also with `kelompok`, `arah` and `cara_hitung`" in " ".join(DOC.split())
    lebih = _kunci(code) - _kunci(contoh) - {"nrr._"} - {f"indikator[].{k}" for k in ("kelompok", "arah", "cara_hitung")}
    assert (kurang, lebih) == (set(), set())


def test_exit_codes():
    try:
        from xl_iku.pesan import KELUAR_BERKAS, KELUAR_GALAT, KELUAR_OK
    except ImportError:
        from xl_iku.app import EXIT_BERKAS as KELUAR_BERKAS, EXIT_GALAT as KELUAR_GALAT, EXIT_OK as KELUAR_OK
    assert (KELUAR_OK, KELUAR_GALAT, KELUAR_BERKAS) == (0, 1, 2)
    for n in ("Exit 0", "Exit 1", "Exit 2", "**3**"):
        assert n in DOC


def _dist(nama: str) -> str:
    return re.split(r"[<>=!~;\s\[]", nama, maxsplit=1)[0].lower().replace("_", "-")


def test_runtime_dependencies_are_what_the_runtime_imports():
    proyek = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    dinyatakan = {_dist(d) for d in proyek["dependencies"]}
    peta = packages_distributions()
    dipakai = set()
    for p in (ROOT / "xl_iku").rglob("*.py"):
        if p.relative_to(ROOT).as_posix() == "xl_iku/server.py":  # the `server` extra (xlwings-server, uvicorn)
            continue
        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            mods = [a.name for a in n.names] if isinstance(n, ast.Import) else \
                [n.module] if isinstance(n, ast.ImportFrom) and n.level == 0 and n.module else []
            for m in mods:
                top = m.split(".")[0]
                if top in sys.stdlib_module_names or top == "xl_iku":
                    continue
                dipakai |= {_dist(d) for d in peta.get(top, [top])}
    # xlwings-server is the `server` extra: imported only by `xl-iku server`.
    dipakai -= {"xlwings-server"}
    assert dipakai == dinyatakan


def test_public_api_resolves():
    assert (ROOT / "xl_iku" / "py.typed").is_file()
    for nama in xl_iku.__all__:
        assert getattr(xl_iku, nama) is not None, nama
    with pytest.raises(AttributeError):
        xl_iku.tidak_ada
