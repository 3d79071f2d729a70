"""The import graph flows one way: the layers written in README ("Lapisan
kode") hold, no module cycle exists, and the file adapter knows the contract
but not the rules.  Checked with grimp (the graph library behind
import-linter), which sees imports inside functions and under TYPE_CHECKING.
And README's module list ("Arsitektur") names every module in the tree."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _arsitektur() -> dict[str, str]:
    """README's "Arsitektur" block as {head: text}: a line indented two spaces
    starts an entry whose head runs to the first gap of two or more spaces
    ("io/", "gaya.py cetak.py"); deeper lines continue the entry above."""
    teks = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"^## Arsitektur\n+```\n(.*?)```", teks, flags=re.S | re.M)
    assert m, "README.md has no ``` block under '## Arsitektur'"
    entri: dict[str, str] = {}
    kepala = None
    for baris in m.group(1).splitlines()[1:]:  # the first line is "xl_iku/"
        if re.match(r"  \S", baris):
            kepala, _, isi = baris.strip().partition("  ")
            entri[kepala] = isi
        elif baris.strip() and kepala is not None:
            entri[kepala] += " " + baris.strip()
    return entri


def test_arsitektur_names_every_module():
    """Every module under xl_iku/ is in README's "Arsitektur" list: a top-level
    module by its file name in an entry's head ("gaya.py cetak.py"), a package
    by an entry "name/" whose text names each of its modules (`ikm` or
    `ikm.py`).  The message says what to add where."""
    entri = _arsitektur()
    kepala_modul = {kata for k in entri for kata in k.split() if kata.endswith(".py")}
    hilang = []
    for path in sorted((ROOT / "xl_iku").rglob("*.py")):
        rel = path.relative_to(ROOT / "xl_iku")
        if path.name in ("__init__.py", "__main__.py") or "__pycache__" in rel.parts:
            continue
        if len(rel.parts) == 1:
            if rel.name not in kepala_modul:
                hilang.append(f"xl_iku/{rel}: tambahkan '{rel.name}' sebagai baris sendiri (atau di kepala baris lain)")
            continue
        paket = rel.parts[0] + "/"
        if paket not in entri:
            hilang.append(f"xl_iku/{rel}: tambahkan baris '  {paket}' yang menyebut {rel.stem}.py")
        elif not re.search(rf"(?<![\w/.]){re.escape(rel.stem)}(\.py)?(?!\w)", entri[paket]):
            hilang.append(f"xl_iku/{rel}: sebut '{rel.stem}.py' di baris '{paket}'")
    for kepala in entri:  # a module listed that no longer exists
        for kata in kepala.split():
            if not (ROOT / "xl_iku" / kata).exists():
                hilang.append(f"README menyebut '{kata}' yang tidak ada di xl_iku/")
    assert hilang == [], "README.md, bagian Arsitektur:\n" + "\n".join(hilang)


def test_readme_test_command_is_ci_run():
    """README's test command (the block after the venv) is .ci/run's last line, verbatim."""
    teks = (ROOT / "README.md").read_text(encoding="utf-8")
    mulai = teks[teks.index("## Mulai cepat"):teks.index("## Perintah")]
    perintah = [b.strip() for b in re.findall(r"```bash\n(.*?)```", mulai, flags=re.S) if "pytest" in b]
    ci = [b for b in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines() if b.strip()]
    assert perintah == [ci[-1]]


grimp = pytest.importorskip("grimp")


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
