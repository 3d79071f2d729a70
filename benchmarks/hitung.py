"""Benchmark of the headless path (issue 3), in one run, as medians.

A generated workbook with 10,000 SKM respondents and 5,000 service requests;
compared in the same process against openpyxl's load+save of the same file,
python-calamine's bare read of its tables, and LibreOffice's headless round
trip. Peak memory of each is measured in a fresh child process (ru_maxrss).

    python benchmarks/hitung.py [--ulang 5] [--tanpa-libreoffice]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import resource, sys, time, json
kind, src, out = sys.argv[1:4]
t0 = time.perf_counter()
if kind == "hitung":
    from xl_iku.app import hitung_berkas
    hitung_berkas(src, out)
elif kind == "openpyxl":
    import openpyxl
    wb = openpyxl.load_workbook(src)
    wb.save(out)
elif kind == "calamine":
    import python_calamine as pc
    wb = pc.CalamineWorkbook.from_path(src, load_tables=True)
    for name in wb.table_names:
        wb.get_table_by_name(name).to_python()
dt = time.perf_counter() - t0
print(json.dumps({"detik": dt, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


MAKE = r"""
import sys
from xl_iku.template.contoh import data_contoh
from xl_iku.template.build import buat
p, t = data_contoh(skala=33.5)
t["tblSKM"] = t["tblSKM"][:10_000]
t["tblLayanan"] = t["tblLayanan"][:5_000]
buat(sys.argv[1], p, t)
"""


def make_workbook(path: Path) -> None:
    # In a child: Linux keeps ru_maxrss across fork+exec, so a parent grown
    # by generating data would inflate every measured child's peak.
    subprocess.run([sys.executable, "-c", MAKE, str(path)], check=True)


def child(kind: str, src: Path, out: Path) -> dict:
    r = subprocess.run([sys.executable, "-c", CHILD, kind, str(src), str(out)], capture_output=True, text=True,
                       check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])


def libreoffice(src: Path, tmp: Path) -> dict:
    import resource

    prof = tmp / "lo-profil"
    t0 = time.perf_counter()
    subprocess.run(["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--norestore",
                    "--convert-to", "xlsx", "--outdir", str(tmp / "lo"), str(src)], check=True, capture_output=True)
    dt = time.perf_counter() - t0
    return {"detik": dt, "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ulang", type=int, default=5)
    ap.add_argument("--tanpa-libreoffice", action="store_true")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        src = tmp / "besar.xlsx"
        make_workbook(src)
        print(f"Buku kerja uji: {src.stat().st_size / 1e6:.1f} MB (10.000 responden SKM, 5.000 layanan)")
        kinds = ["hitung", "openpyxl", "calamine"]
        runs: dict[str, list[dict]] = {k: [] for k in kinds}
        if not a.tanpa_libreoffice and shutil.which("soffice"):
            libreoffice(src, tmp)  # warm the profile once
            runs["libreoffice"] = []
        for i in range(a.ulang):
            for k in kinds:
                runs[k].append(child(k, src, tmp / f"out-{k}.xlsx"))
            if "libreoffice" in runs:
                runs["libreoffice"].append(libreoffice(src, tmp))
        med = {k: (statistics.median(r["detik"] for r in v), max(r["rss_mb"] for r in v)) for k, v in runs.items()}
        base_t, base_m = med["openpyxl"]
        print(f"{'jalur':<14}{'median (s)':>12}{'rasio thd openpyxl':>20}{'memori puncak (MB)':>20}{'rasio memori':>14}")
        for k, (t, m) in med.items():
            print(f"{k:<14}{t:>12.3f}{t / base_t:>20.3f}{m:>20.0f}{m / base_m:>14.2f}")
        ht, hm = med["hitung"]
        print(f"\nxl-iku hitung = {ht / base_t:.1%} waktu dan {hm / base_m:.1%} memori openpyxl load+save "
              f"(target: ≤ 25% dan ≤ 50%).")


if __name__ == "__main__":
    main()
