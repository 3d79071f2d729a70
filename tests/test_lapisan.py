"""The import graph flows one way: the layers written in README ("Lapisan
kode") hold, no module cycle exists, and the file adapter knows the contract
but not the rules.  Checked with grimp (the graph library behind
import-linter), which sees imports inside functions and under TYPE_CHECKING."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

grimp = pytest.importorskip("grimp")

ROOT = Path(__file__).resolve().parent.parent


def _lapisan() -> list[list[str]]:
    teks = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"```lapisan\n(.*?)```", teks, flags=re.S)
    assert m, "README.md has no ```lapisan block"
    return [baris.split() for baris in m.group(1).strip().splitlines()]


@pytest.fixture(scope="module")
def graf():
    sys.path.insert(0, str(ROOT))
    return grimp.build_graph("xl_iku", cache_dir=None)


def test_every_module_is_in_a_layer(graf):
    named = {m for baris in _lapisan() for m in baris}
    top = {m.split(".")[1] for m in graf.modules if m.count(".") >= 1}
    assert sorted(top - named) == []


def test_no_import_runs_back_up(graf):
    layers = [grimp.Layer(*baris, independent=False) for baris in _lapisan()]
    salah = [(d.importer, d.imported, sorted({(h, t) for r in d.routes for h in r.heads for t in r.tails}))
             for d in graf.find_illegal_dependencies_for_layers(layers, containers={"xl_iku"})]
    assert salah == []


def test_no_import_cycle(graf):
    adj = {m: graf.find_modules_directly_imported_by(m) for m in graf.modules}
    # Tarjan's strongly connected components; any component of two or more is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in adj[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for m in sorted(adj):
        if m not in index:
            visit(m)
    assert cycles == []


@pytest.mark.parametrize("bawah", ["validasi", "rules", "engine", "models"])
def test_file_adapter_knows_the_contract_not_the_rules(graf, bawah):
    assert not graf.chain_exists("xl_iku.io", f"xl_iku.{bawah}", as_packages=True)
