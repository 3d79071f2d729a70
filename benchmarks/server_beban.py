"""Load run of `xl-iku server` on 127.0.0.1: throughput, latency, peak memory.

    python benchmarks/server_beban.py                    # 4, 16 and 64 clients, 20 s each
    python benchmarks/server_beban.py --klien 4 --detik 10
    python benchmarks/server_beban.py --akar /tmp/xl-iku-lama   # another tree (before/after)

Starts `python -m xl_iku server` from `--akar` (default: this repository) on a
free loopback port with a temporary token file, then for each client count N
runs N-1 clients that post the sample workbook (the VBA client's payload, as
`tests/xlwings_remote.py` builds it) and one client that posts a heavy
workbook (the sample's registers × `--berat`, default 10) back to back, while
a probe sends a request without the token every 0.25 s.  Each level stops
taking new requests after `--detik` seconds; requests in flight finish (each
has a 180 s client timeout), so a level lasts at most `--detik` + 180 s.

With `--badan-mb M` (at most 31; the default limit is 32 MB) it then posts
`--serentak` (default 32) payloads of M MB at once and reports the peak RSS
and the RSS 2 s later.

Reported per level: completed requests per second (light and heavy
together), p50/p95 of the light requests, the heavy requests' median, the
slowest 401 of the probe, and the server's peak RSS during the level (VmRSS
sampled every 50 ms, with its child processes).  Only 127.0.0.1; nothing is
sent anywhere else.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

JALUR = "/xlwings/custom-scripts-call/hitung_iku"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _payload(folder: Path, skala: float) -> bytes:
    from tests import xlwings_remote as xr
    from xl_iku.template.build import buat
    from xl_iku.template.contoh import data_contoh

    if skala == 1:
        src = ROOT / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"
    else:
        src = folder / f"berat_{skala:g}.xlsx"
        peng, tabel = data_contoh(skala=skala)
        buat(src, peng, tabel)
    return json.dumps(xr.payload_from_xlsx(src, client="VBA"), default=str).encode("utf-8")


def _rss_kb(pid: int) -> int:
    """VmRSS of `pid` and its children (a process pool, if the server has one)."""
    total = 0
    pids = [pid]
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            pids += [int(p) for p in f.read().split()]
    except OSError:
        pass
    for p in pids:
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


class Level:
    def __init__(self, port: int, token: str, ringan: bytes, berat: bytes, klien: int, detik: float):
        self.port, self.token, self.ringan, self.berat = port, token, ringan, berat
        self.klien, self.detik = klien, detik
        self.lat_ringan: list[float] = []
        self.lat_berat: list[float] = []
        self.lat_401: list[float] = []
        self.gagal: dict[str, int] = {}
        self.rss_puncak = 0
        self._kunci = threading.Lock()

    def _kirim(self, conn, body: bytes, token: str | None) -> tuple[int, float]:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = token
        t0 = time.perf_counter()
        conn.request("POST", JALUR, body=body, headers=headers)
        r = conn.getresponse()
        r.read()
        return r.status, time.perf_counter() - t0

    def _catat_gagal(self, alasan: str) -> None:
        with self._kunci:
            self.gagal[alasan] = self.gagal.get(alasan, 0) + 1

    def _klien(self, body: bytes, daftar: list[float], akhir: float) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=180)
        while time.monotonic() < akhir:
            try:
                status, dt = self._kirim(conn, body, self.token)
            except (OSError, http.client.HTTPException) as e:
                self._catat_gagal(type(e).__name__)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=180)
                time.sleep(0.05)
                continue
            if status == 200:
                with self._kunci:
                    daftar.append(dt)
            else:
                self._catat_gagal(f"HTTP {status}")
        conn.close()

    def _probe(self, akhir: float) -> None:
        while time.monotonic() < akhir:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=180)
            try:
                status, dt = self._kirim(conn, b'{"client": "VBA"}', None)
                if status == 401:
                    self.lat_401.append(dt)
                else:
                    self._catat_gagal(f"probe HTTP {status}")
            except (OSError, http.client.HTTPException) as e:
                self._catat_gagal("probe " + type(e).__name__)
            finally:
                conn.close()
            time.sleep(0.25)

    def jalankan(self, pid: int) -> float:
        t0 = time.monotonic()
        akhir = t0 + self.detik
        benang = [threading.Thread(target=self._klien, args=(self.berat, self.lat_berat, akhir))]
        benang += [threading.Thread(target=self._klien, args=(self.ringan, self.lat_ringan, akhir))
                   for _ in range(self.klien - 1)]
        benang.append(threading.Thread(target=self._probe, args=(akhir,)))
        for b in benang:
            b.daemon = True
            b.start()
        while any(b.is_alive() for b in benang) and time.monotonic() < akhir + 190:
            self.rss_puncak = max(self.rss_puncak, _rss_kb(pid))
            time.sleep(0.05)
        return time.monotonic() - t0


def badan_besar(port: int, token: str, pid: int, mb: int, serentak: int) -> dict:
    """`serentak` clients each post an `mb` MB payload at once (a workbook
    payload whose NamaKecamatan-like field is `mb` MB of text, under the
    limit); the server's peak RSS while they run, and its RSS 2 s after."""
    import xlwings

    isi = json.dumps({"client": "VBA", "version": xlwings.__version__, "book": {"name": "x.xlsm", "active_sheet_index": 0,
                      "selection": "A1"}, "sheets": [{"name": "Pengaturan", "values": [["NamaKecamatan", "a" * (mb << 20)]],
                      "pictures": []}], "names": []}).encode()
    hasil: list[str] = []

    def satu():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        try:
            conn.request("POST", JALUR, body=isi, headers={"Authorization": token, "Content-Type": "application/json"})
            r = conn.getresponse()
            r.read()
            hasil.append(str(r.status))
        except (OSError, http.client.HTTPException) as e:
            hasil.append(type(e).__name__)
        finally:
            conn.close()

    benang = [threading.Thread(target=satu, daemon=True) for _ in range(serentak)]
    t0 = time.monotonic()
    for b in benang:
        b.start()
    puncak = 0
    while any(b.is_alive() for b in benang) and time.monotonic() - t0 < 300:
        puncak = max(puncak, _rss_kb(pid))
        time.sleep(0.05)
    dt = time.monotonic() - t0
    time.sleep(2)
    return {"mb": mb, "serentak": serentak, "detik": round(dt, 1), "rss_puncak_mb": round(puncak / 1024),
            "rss_sesudah_mb": round(_rss_kb(pid) / 1024),
            "status": {k: hasil.count(k) for k in sorted(set(hasil))}}


def _pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--akar", type=Path, default=ROOT, help="tree to run the server from")
    ap.add_argument("--klien", default="4,16,64")
    ap.add_argument("--detik", type=float, default=20.0)
    ap.add_argument("--berat", type=float, default=10.0, help="scale of the heavy workbook")
    ap.add_argument("--badan-mb", type=int, default=0,
                    help="then also N concurrent bodies of this many MB (see --serentak)")
    ap.add_argument("--serentak", type=int, default=32)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    a = ap.parse_args()
    levels = [int(x) for x in a.klien.split(",") if x]
    if any(n < 2 or n > 256 for n in levels) or not 1 <= a.detik <= 120:
        ap.error("--klien each 2..256, --detik 1..120")

    with tempfile.TemporaryDirectory(prefix="xl-iku-beban-") as tmp:
        folder = Path(tmp)
        ringan, berat = _payload(folder, 1), _payload(folder, a.berat)
        print(f"muatan: ringan {len(ringan) / 1e6:.2f} MB, berat (×{a.berat:g}) {len(berat) / 1e6:.2f} MB")
        token = secrets.token_urlsafe(24)
        (folder / "token").write_text(token, encoding="utf-8")
        port = _port()
        env = {k: v for k, v in os.environ.items() if k != "XL_IKU_TOKEN"}
        env["PYTHONPATH"] = str(a.akar)
        log = open(folder / "server.log", "w+", encoding="utf-8")
        proc = subprocess.Popen([sys.executable, "-m", "xl_iku", "server", "--port", str(port),
                                 "--token-file", str(folder / "token")],
                                cwd=a.akar, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            t0 = time.monotonic()
            while True:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    if proc.poll() is not None or time.monotonic() - t0 > 90:
                        log.seek(0)
                        print(log.read()[-2000:])
                        return 3
                    time.sleep(0.2)
            # one warm-up request of each kind (imports, first computation)
            Level(port, token, ringan, berat, 2, 0)._kirim(
                http.client.HTTPConnection("127.0.0.1", port, timeout=180), ringan, token)
            hasil = []
            print(f"{'klien':>5} {'req/s':>7} {'ringan':>7} {'p50 ms':>8} {'p95 ms':>8} {'berat':>6} "
                  f"{'berat p50 s':>11} {'401 maks ms':>11} {'RSS puncak MB':>13}  gagal")
            for n in levels:
                lv = Level(port, token, ringan, berat, n, a.detik)
                dt = lv.jalankan(proc.pid)
                selesai = len(lv.lat_ringan) + len(lv.lat_berat)
                baris = {
                    "klien": n, "detik": round(dt, 1), "req_s": round(selesai / dt, 2),
                    "ringan": len(lv.lat_ringan), "p50_ms": round(_pct(lv.lat_ringan, 50) * 1000),
                    "p95_ms": round(_pct(lv.lat_ringan, 95) * 1000), "berat": len(lv.lat_berat),
                    "berat_p50_s": round(statistics.median(lv.lat_berat), 2) if lv.lat_berat else None,
                    "maks_401_ms": round(max(lv.lat_401) * 1000) if lv.lat_401 else None,
                    "rss_puncak_mb": round(lv.rss_puncak / 1024), "gagal": lv.gagal,
                }
                hasil.append(baris)
                print(f"{n:>5} {baris['req_s']:>7} {baris['ringan']:>7} {baris['p50_ms']:>8} {baris['p95_ms']:>8} "
                      f"{baris['berat']:>6} {str(baris['berat_p50_s']):>11} {str(baris['maks_401_ms']):>11} "
                      f"{baris['rss_puncak_mb']:>13}  {baris['gagal'] or ''}", flush=True)
            if a.badan_mb:
                b = badan_besar(port, token, proc.pid, min(a.badan_mb, 31), min(a.serentak, 64))
                hasil.append(b)
                print(f"{b['serentak']} badan {b['mb']} MB serentak: {b['detik']} s, RSS puncak {b['rss_puncak_mb']} MB, "
                      f"2 s sesudahnya {b['rss_sesudah_mb']} MB, jawaban {b['status']}", flush=True)
            if a.json:
                a.json.write_text(json.dumps(hasil, indent=1), encoding="utf-8")
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
