"""Fast to the first click (issue 14): every figure in one run, as medians and ratios.

    python3 benchmarks/kinerja.py                  # everything (≈ 10 minutes the first time, generating)
    python3 benchmarks/kinerja.py --cepat          # up to 100.000 respondents, 2 repeats
    python3 benchmarks/kinerja.py --tanpa-pyodide  # skip the Pyodide import time

Compares `xl-iku hitung` (the CLI exactly as the console script runs it, a
fresh interpreter each time) with python-calamine's bare read of the same
workbook — every sheet `to_python()`, the parse limit — both timed from
outside the child process, interpreter start included, and with the child's
own peak memory (max RSS from wait4).  Workbooks:

* the sample (`workbook/Contoh_IKU_Bathin_Solapan.xlsx`, ≈ 300 respondents);
* N respondents + N/2 service requests for each size of the scaling table
  (1.000 … 300.000; the other registers grow with them as `xl-iku contoh
  --skala N/300` makes them), generated once with the project's generator
  and cached (keyed by the generator's source) under the cache folder;
* for 10.000 respondents also openpyxl's load+save of the same file.

The scaling table fits time = a + b·N and memory = a + b·N by least squares
(R² near 1 means linear) and gives the growth exponent between successive
sizes (log ratio of time over log ratio of size: 1 is linear, 2 quadratic).

The Pyodide figure is `import xl_iku.excel` in a fresh Pyodide 314 (Node),
with pydantic and xlwings installed from their PyPI wheels for
`pyemscripten_2026_0_wasm32` — what xlwings Lite does on the first click.
Needs node/npm; the Pyodide distribution and the wheels are fetched once into
the cache folder (npm, pip download).

The machine is shared: repeats run interleaved (hitung, bare read, openpyxl,
hitung, …) so a neighbour's burst hits all alike, and every figure is a median.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
CONTOH = AKAR / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"
CACHE_BAWAAN = Path(tempfile.gettempdir()) / "xl-iku-kinerja"
UKURAN_BAWAAN = (1_000, 3_000, 10_000, 30_000, 100_000, 300_000)
PYODIDE_VERSI = "314.0.7"
# Everything `import xl_iku.excel` needs beyond the Pyodide core, as xlwings Lite installs it.
PYODIDE_PAKET = ("pydantic", "pydantic-core", "xlwings")

# The console script's body (`xl-iku = xl_iku.cli.main:main`), run from this tree.
HITUNG = "import sys; from xl_iku.cli.main import main; sys.argv[0] = 'xl-iku'; sys.exit(main())"

BACA_POLOS = r"""
import sys
import python_calamine as pc
wb = pc.CalamineWorkbook.from_path(sys.argv[1])
for name in wb.sheet_names:
    wb.get_sheet_by_name(name).to_python()
"""

OPENPYXL = r"""
import sys
import openpyxl
openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])
"""

BUAT = r"""
import sys
try:
    from xl_iku.template.contoh import data_contoh
except ImportError:
    from xl_iku.template.contoh import data_contoh
from xl_iku.template.build import buat
n = int(sys.argv[2])
p, t = data_contoh(tahun=2024, seed=2024, skala=n / 300)
t["tblSKM"] = t["tblSKM"][:n]
t["tblLayanan"] = t["tblLayanan"][: n // 2]
buat(sys.argv[1], p, t)
"""

PYODIDE_MUAT = r"""
import { loadPyodide } from "%(pyodide)s/pyodide.mjs";
import fs from "node:fs";
import path from "node:path";
const [repo, roda] = process.argv.slice(2);
const py = await loadPyodide({ indexURL: "%(pyodide)s/" });
await py.loadPackage(fs.readdirSync(roda).filter(f => f.endsWith(".whl")).map(f => path.join(roda, f)),
                     { messageCallback: () => {} });
// The package's source into the in-memory file system (no .pyc: a first click compiles).
function salin(src, dst) {
  py.FS.mkdirTree(dst);
  for (const e of fs.readdirSync(src, { withFileTypes: true })) {
    if (e.name === "__pycache__") continue;
    const s = path.join(src, e.name), d = dst + "/" + e.name;
    if (e.isDirectory()) salin(s, d); else py.FS.writeFile(d, fs.readFileSync(s));
  }
}
salin(path.join(repo, "xl_iku"), "/kode/xl_iku");
// CPU of the whole Node process (the interpreter and its compiler threads): on a
// shared machine far steadier than the wall time the import itself measures.
const c0 = process.cpuUsage();
const hasil = py.runPython(`
import json, sys, time
sys.path.insert(0, "/kode")
sebelum = set(sys.modules)
t0 = time.perf_counter()
import xl_iku.excel
detik = time.perf_counter() - t0
baru = sorted({m.split(".")[0] for m in set(sys.modules) - sebelum if not m.startswith("_")} - set(sys.stdlib_module_names))
json.dumps({"detik": detik, "paket": baru, "python": sys.version.split()[0]})
`);
const c = process.cpuUsage(c0);
console.log(JSON.stringify({ ...JSON.parse(hasil), cpu: (c.user + c.system) / 1e6 }));
"""


# --------------------------------------------------------------------------
# Child processes
# --------------------------------------------------------------------------


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(AKAR) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def jalankan(args: list[str], ok=(0,)) -> tuple[float, float, float]:
    """Wall seconds (interpreter start included), the child's peak RSS in MB and its CPU seconds."""
    t0 = time.perf_counter()
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env(), cwd=AKAR)
    # wait4 gives this child's own max RSS (RUSAGE_CHILDREN would be the max over all children so far).
    _, status, ru = os.wait4(p.pid, 0)
    detik = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    galat = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    if p.returncode not in ok:
        raise SystemExit(f"perintah gagal (kode {p.returncode}): {' '.join(args)}\n{galat[-2000:]}")
    return detik, ru.ru_maxrss / 1024, ru.ru_utime + ru.ru_stime


def ukur_hitung(src: Path, tmp: Path) -> tuple[float, float, float]:
    return jalankan([sys.executable, "-c", HITUNG, "hitung", str(src), "-o", str(tmp / "keluaran.xlsx")], ok=(0, 1))


def ukur_polos(src: Path, tmp: Path) -> tuple[float, float, float]:
    return jalankan([sys.executable, "-c", BACA_POLOS, str(src)])


def ukur_openpyxl(src: Path, tmp: Path) -> tuple[float, float, float]:
    return jalankan([sys.executable, "-c", OPENPYXL, str(src), str(tmp / "openpyxl.xlsx")])


def ukur(src: Path, tmp: Path, ulang: int, jenis: tuple[str, ...]) -> dict[str, dict]:
    fungsi = {"hitung": ukur_hitung, "polos": ukur_polos, "openpyxl": ukur_openpyxl}
    ukur_hitung(src, tmp)  # warm the disk cache and the .pyc files once, not counted
    hasil: dict[str, list[tuple[float, float, float]]] = {j: [] for j in jenis}
    for _ in range(ulang):
        for j in jenis:
            hasil[j].append(fungsi[j](src, tmp))
    return {j: {"dinding": statistics.median(d for d, _, _ in v), "mb": statistics.median(m for _, m, _ in v),
                "cpu": statistics.median(c for _, _, c in v), "semua_dinding": [round(d, 4) for d, _, _ in v]}
            for j, v in hasil.items()}


# --------------------------------------------------------------------------
# Workbooks
# --------------------------------------------------------------------------


def _kunci_generator() -> str:
    h = hashlib.sha256()
    # The data and the tables' shape; not the styling (regenerating 300.000 rows takes minutes).
    for rel in ("xl_iku/contoh.py", "xl_iku/template/contoh.py", "xl_iku/kontrak.py", "xl_iku/referensi.py"):
        p = AKAR / rel
        if p.exists():
            h.update(rel.encode() + p.read_bytes())
    return h.hexdigest()[:12]


def buku_kerja(cache: Path, n: int) -> Path:
    folder = cache / f"buku-{_kunci_generator()}"
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / f"responden-{n}.xlsx"
    if not p.exists():
        t0 = time.perf_counter()
        sementara = p.with_suffix(".tmp.xlsx")
        # In a child: the generator's memory must not inflate this process (and, through
        # fork, the peaks measured in the children).
        subprocess.run([sys.executable, "-c", BUAT, str(sementara), str(n)], check=True, env=_env(), cwd=AKAR)
        sementara.replace(p)
        print(f"  (membuat buku kerja {_d(n, 0)} responden: {_d(time.perf_counter() - t0, 1)} s, "
              f"{_d(p.stat().st_size / 1e6, 1)} MB)", flush=True)
    return p


# --------------------------------------------------------------------------
# Pyodide
# --------------------------------------------------------------------------


def siapkan_pyodide(cache: Path) -> tuple[Path, Path] | None:
    if not shutil.which("node") or not shutil.which("npm"):
        print("Pyodide: node/npm tidak ada; dilewati.")
        return None
    folder = cache / f"pyodide-{PYODIDE_VERSI}"
    dist = folder / "node_modules" / "pyodide"
    if not (dist / "pyodide.mjs").exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(folder), f"pyodide@{PYODIDE_VERSI}"],
                       check=True, capture_output=True)
    lock = json.loads((dist / "pyodide-lock.json").read_text())["info"]
    roda = folder / "roda"
    if not all(any(roda.glob(f"{p.replace('-', '_')}-*.whl")) for p in PYODIDE_PAKET):
        roda.mkdir(exist_ok=True)
        py = lock["python"].split(".")
        abi = f"cp{py[0]}{py[1]}"
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--only-binary=:all:",
                        "--platform", f"pyemscripten_{lock['abi_version']}_{lock['arch']}",
                        "--python-version", f"{py[0]}.{py[1]}", "--implementation", "cp", "--abi", abi,
                        "-d", str(roda), *PYODIDE_PAKET], check=True)
    skrip = folder / "muat.mjs"
    skrip.write_text(PYODIDE_MUAT % {"pyodide": dist.as_posix()})
    return skrip, roda


def ukur_pyodide(cache: Path, ulang: int) -> dict | None:
    siap = siapkan_pyodide(cache)
    if siap is None:
        return None
    skrip, roda = siap
    hasil = []
    for _ in range(ulang):  # a fresh Pyodide each time: every click in a new session compiles again
        r = subprocess.run(["node", str(skrip), str(AKAR), str(roda)], check=True, capture_output=True, text=True)
        hasil.append(json.loads(r.stdout.strip().splitlines()[-1]))
    return {"detik": statistics.median(h["detik"] for h in hasil), "semua_detik": [round(h["detik"], 3) for h in hasil],
            "cpu": statistics.median(h["cpu"] for h in hasil), "paket": hasil[0]["paket"], "python": hasil[0]["python"]}


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def _d(x: float, n: int = 2) -> str:
    """Indonesian number: 1.234,56."""
    return f"{x:,.{n}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def regresi(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Least squares y = a + b·x: (a, b, R²)."""
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    a = my - b * mx
    ss = sum((y - my) ** 2 for y in ys)
    r2 = 1 - sum((y - a - b * x) ** 2 for x, y in zip(xs, ys)) / ss if ss else 1.0
    return a, b, r2


def _target(nama: str, nilai: float, batas: float) -> str:
    return f"  {nama}: {_d(nilai)}× (target ≤ {_d(batas)}×) — {'TERCAPAI' if nilai <= batas else 'TIDAK tercapai'}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ulang", type=int, default=None, help="pengulangan per buku kerja (bawaan 5 s.d. 10.000 responden, 3 di atasnya)")
    ap.add_argument("--ukuran", default=None, help="jumlah responden tabel skala, mis. 1000,10000,100000")
    ap.add_argument("--cepat", action="store_true", help="sampai 100.000 responden, 2 pengulangan")
    ap.add_argument("--tanpa-pyodide", action="store_true")
    ap.add_argument("--cache", type=Path, default=CACHE_BAWAAN, help=f"folder buku kerja dan Pyodide (bawaan {CACHE_BAWAAN})")
    ap.add_argument("--json", type=Path, default=None, help="simpan semua angka juga sebagai JSON")
    a = ap.parse_args(argv)
    ukuran = (sorted(int(x) for x in a.ukuran.split(",")) if a.ukuran
              else [n for n in UKURAN_BAWAAN if not a.cepat or n <= 100_000])

    def ulang(n: int) -> int:
        if a.ulang:
            return a.ulang
        return 2 if a.cepat else (5 if n <= 10_000 else 3)

    print(f"Mesin: {os.cpu_count()} inti, Python {sys.version.split()[0]}, beban {_d(os.getloadavg()[0])}; "
          f"kode {AKAR}", flush=True)
    laporan: dict = {"ukuran": {}}
    with tempfile.TemporaryDirectory(prefix="xl-iku-kinerja-") as d:
        tmp = Path(d)
        contoh = tmp / "contoh.xlsx"
        shutil.copyfile(CONTOH, contoh)
        buku = {n: buku_kerja(a.cache, n) for n in sorted(set(ukuran) | {10_000, 100_000})}
        t_mulai = time.perf_counter()
        laporan["contoh"] = ukur(contoh, tmp, ulang(300), ("hitung", "polos"))
        for n in sorted(buku):
            jenis = ("hitung", "polos", "openpyxl") if n == 10_000 else ("hitung", "polos")
            laporan["ukuran"][n] = ukur(buku[n], tmp, ulang(n), jenis)
            r = laporan["ukuran"][n]
            print(f"  {_d(n, 0)} responden: hitung {_d(r['hitung']['dinding'], 3)} s (CPU {_d(r['hitung']['cpu'], 3)} s), "
                  f"baca polos {_d(r['polos']['dinding'], 3)} s", flush=True)
        laporan["detik_ukur"] = time.perf_counter() - t_mulai
    if not a.tanpa_pyodide:
        laporan["pyodide"] = ukur_pyodide(a.cache, 3)

    c, k10, k100 = laporan["contoh"], laporan["ukuran"][10_000], laporan["ukuran"][100_000]
    print()
    print("Waktu = dinding (median, mulai interpreter termasuk); CPU = waktu CPU proses anak (user+sys, median),")
    print("lebih tahan terhadap mesin bersama yang sibuk. Memori = RSS puncak proses anak (median).")
    print(f"{'buku kerja':<36}{'hitung':>9}{'polos':>8}{'rasio':>7}{'CPU hitung':>11}{'polos':>8}{'rasio':>7}"
          f"{'memori':>9}{'polos':>8}{'rasio':>7}")
    for nama, r in (("contoh (≈300 responden)", c), ("10.000 responden + 5.000 layanan", k10),
                    ("100.000 responden + 50.000 layanan", k100)):
        h, p = r["hitung"], r["polos"]
        print(f"{nama:<36}{_d(h['dinding'], 3):>8}s{_d(p['dinding'], 3):>7}s{_d(h['dinding'] / p['dinding']):>6}×"
              f"{_d(h['cpu'], 3):>10}s{_d(p['cpu'], 3):>7}s{_d(h['cpu'] / p['cpu']):>6}×"
              f"{_d(h['mb'], 0):>6} MB{_d(p['mb'], 0):>5} MB{_d(h['mb'] / p['mb']):>6}×")
    o = k10["openpyxl"]
    print(f"openpyxl load+save, 10.000 responden: {_d(o['dinding'], 3)} s (CPU {_d(o['cpu'], 3)} s), {_d(o['mb'], 0)} MB "
          f"→ hitung memakai {_d(k10['hitung']['mb'] / o['mb'])}× memorinya dan {_d(k10['hitung']['dinding'] / o['dinding'])}× "
          f"waktunya")

    print()
    print("Skala (N responden + N/2 layanan):")
    print(f"{'N':>9}{'hitung':>10}{'polos':>9}{'rasio':>7}{'CPU':>9}{'rasio':>7}{'memori':>10}{'polos':>8}"
          f"{'µs/baris':>10}{'eksponen':>10}")
    ns = sorted(laporan["ukuran"])
    sebelum = None
    for n in ns:
        r = laporan["ukuran"][n]
        h, p = r["hitung"], r["polos"]
        eks = (f"{_d(math.log(h['dinding'] / sebelum[1]) / math.log(n / sebelum[0]))}" if sebelum else "–")
        print(f"{_d(n, 0):>9}{_d(h['dinding'], 3):>9}s{_d(p['dinding'], 3):>8}s{_d(h['dinding'] / p['dinding']):>6}×"
              f"{_d(h['cpu'], 3):>8}s{_d(h['cpu'] / p['cpu']):>6}×"
              f"{_d(h['mb'], 0):>7} MB{_d(p['mb'], 0):>5} MB{_d(h['dinding'] / n * 1e6, 1):>10}{eks:>10}")
        sebelum = (n, h["dinding"])
    if len(ns) >= 3:
        xs = [float(n) for n in ns]
        garis = {}
        for kunci, nilai in (("dinding", [laporan["ukuran"][n]["hitung"]["dinding"] for n in ns]),
                             ("cpu", [laporan["ukuran"][n]["hitung"]["cpu"] for n in ns]),
                             ("mb", [laporan["ukuran"][n]["hitung"]["mb"] for n in ns]),
                             ("polos_dinding", [laporan["ukuran"][n]["polos"]["dinding"] for n in ns])):
            a0, b0, r2 = regresi(xs, nilai)
            garis[kunci] = {"a": a0, "per_100k": b0 * 1e5, "r2": r2,
                            # Growth exponent of the size-dependent part over the whole range.
                            "eksponen": math.log(nilai[-1] / nilai[0]) / math.log(ns[-1] / ns[0])}
        g = garis
        print(f"Garis waktu hitung (dinding): {_d(g['dinding']['a'], 3)} s + {_d(g['dinding']['per_100k'], 3)} s "
              f"per 100.000 responden, R² {_d(g['dinding']['r2'], 4)}; CPU: {_d(g['cpu']['a'], 3)} s + "
              f"{_d(g['cpu']['per_100k'], 3)} s per 100.000, R² {_d(g['cpu']['r2'], 4)}; "
              f"baca polos {_d(g['polos_dinding']['per_100k'], 3)} s per 100.000.")
        print(f"Garis memori hitung: {_d(g['mb']['a'], 0)} MB + {_d(g['mb']['per_100k'], 0)} MB per 100.000 responden "
              f"(R² {_d(g['mb']['r2'], 4)}).")
        print(f"Pertumbuhan {_d(ns[0], 0)} → {_d(ns[-1], 0)} ({_d(ns[-1] / ns[0], 0)}× baris): waktu "
              f"{_d(laporan['ukuran'][ns[-1]]['hitung']['dinding'] / laporan['ukuran'][ns[0]]['hitung']['dinding'], 1)}×, "
              f"eksponen {_d(g['dinding']['eksponen'])} (1 = linear, < 1 karena waktu mulai tetap; kuadratik = 2).")
        laporan["garis"] = garis

    py = laporan.get("pyodide")
    if py:
        print()
        print(f"Pyodide {PYODIDE_VERSI} (Python {py['python']}): import xl_iku.excel {_d(py['detik'], 3)} s "
              f"(median dari {', '.join(_d(x, 3) for x in py['semua_detik'])}; CPU proses Node {_d(py['cpu'], 3)} s); "
              f"paket pihak ketiga yang ikut dimuat: "
              f"{', '.join(py['paket']) or '–'}")

    print()
    print("Target (rasio dalam satu putaran; dinding / CPU):")
    for nama, r, batas in (("contoh / baca polos", c, 4.0), ("10.000 / baca polos", k10, 2.5),
                           ("100.000 / baca polos", k100, 2.5)):
        rd, rc = r["hitung"]["dinding"] / r["polos"]["dinding"], r["hitung"]["cpu"] / r["polos"]["cpu"]
        print(f"  {nama}: {_d(rd)}× / {_d(rc)}× (target ≤ {_d(batas)}×) — "
              f"{'TERCAPAI' if rd <= batas else 'TIDAK tercapai'} / {'TERCAPAI' if rc <= batas else 'TIDAK tercapai'}")
    print(_target("memori 100.000 / baca polos", k100["hitung"]["mb"] / k100["polos"]["mb"], 2.0))
    print(_target("memori 10.000 / openpyxl load+save", k10["hitung"]["mb"] / o["mb"], 0.45))
    if py:
        print(f"  Pyodide import xl_iku.excel: {_d(py['detik'], 3)} s / CPU {_d(py['cpu'], 3)} s (target ≤ 1,00 s) — "
              f"{'TERCAPAI' if py['detik'] <= 1.0 else 'TIDAK tercapai'} / {'TERCAPAI' if py['cpu'] <= 1.0 else 'TIDAK tercapai'}")
    if a.json:
        a.json.write_text(json.dumps(laporan, indent=2, default=str) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
