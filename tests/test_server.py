"""`xl-iku server` started for real on 127.0.0.1 (once per session), with
VBA and Office.js payloads built from real workbooks as those clients build
them (tests/xlwings_remote.py): the filled output sheets must equal
`xl-iku hitung`; the actions each client gets must be ones that client
implements, read from its own source in the installed packages (Remote.bas,
xlwings Server's add-in JS); no token → 401, too large → 413, not a workbook
→ 400, all in Indonesian; the log has no personal data and no addresses."""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from babel.dates import get_month_names

from tests import xlwings_remote as xr
from tests.test_excel import beda

from xl_iku import kontrak as K
from xl_iku.app import hitung_berkas
from xl_iku.excel import klien
from xl_iku.server import JALUR_SKRIP, ServerError, baca_token, loopback

pytest.importorskip("xlwings_server")

ROOT = Path(__file__).resolve().parent.parent
SAMPEL = ROOT / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"
TOKEN = "uji-token-xl-iku-0123456789"
BATAS_MB = 16


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("server")
    token_file = folder / "token.txt"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    port = _port()
    log = open(folder / "server.log", "w+", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "XL_IKU_TOKEN"}
    proc = subprocess.Popen([sys.executable, "-m", "xl_iku", "server", "--port", str(port),
                             "--token-file", str(token_file), "--batas-mb", str(BATAS_MB)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    t0 = time.monotonic()
    while True:
        try:
            urllib.request.urlopen(url + "/xlwings/custom-scripts-meta", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() - t0 > 90:
                log.seek(0)
                pytest.fail("server tidak mulai: " + log.read()[-3000:])
            time.sleep(0.3)
    print(f"\nxl-iku server siap dalam {time.monotonic() - t0:.1f} s")
    yield url, folder / "server.log"
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


def _post(url: str, body: bytes, token: str | None = TOKEN, jalur: str = JALUR_SKRIP):
    req = urllib.request.Request(url + jalur, data=body, method="POST",
                                 headers={"Content-Type": "application/json"})
    if token is not None:
        req.add_header("Authorization", token)
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def _waktu(actions: list[dict]) -> datetime:
    """The run's time, from the status line the server wrote on Beranda."""
    teks = next(a["values"][0][0] for a in actions if a["func"] == "setValues"
                and isinstance(a["values"][0][0], str) and "Terakhir dihitung" in a["values"][0][0])
    m = re.search(r"(\d{1,2}) (\w+) (\d{4}) pukul (\d\d)\.(\d\d)", teks)
    d, bulan, y, hh, mm = m.groups()
    nomor = {v: k for k, v in get_month_names("wide", locale="id").items()}[bulan]
    return datetime(int(y), nomor, int(d), int(hh), int(mm))




@pytest.mark.parametrize("client", ["Office.js", "VBA"])
@pytest.mark.parametrize("ukuran", ["sampel", "10x"])
def test_server_fills_the_sheets_like_the_cli(server, client, ukuran, besar, tmp_path):
    url, _ = server
    src = SAMPEL if ukuran == "sampel" else besar
    payload = xr.payload_from_xlsx(src, client=client)
    body = json.dumps(payload, default=str).encode("utf-8")
    t0 = time.perf_counter()
    status, teks = _post(url, body)
    detik = time.perf_counter() - t0
    assert status == 200, teks
    actions = json.loads(teks)["actions"]
    funcs = Counter(a["func"] for a in actions)
    # Only what this client implements, read from the client's own source.
    sumber = klien.aksi_klien(client)
    assert sumber and set(funcs) <= sumber, set(funcs) - sumber
    assert "alert" not in funcs
    out = tmp_path / "server.xlsx"
    xr.apply_actions(src, actions, out)
    cli = tmp_path / "cli.xlsx"
    hitung_berkas(src, cli, waktu=_waktu(actions))
    # Every sheet as the CLI fills it, except that xlwings Server (which gets
    # no merged ranges) says so in one peringatan more: Validasi lists it,
    # Beranda and Validasi count it.
    assert [d for d in beda(cli, out) if not d.startswith((K.LEMBAR_VALIDASI, K.LEMBAR_BERANDA + "!"))] == []
    v_cli, v_srv = (xr.sheet_values(p, K.LEMBAR_VALIDASI) for p in (cli, out))
    # (Sel is a link formula in the applied copy: compared through beda's links above.)
    baris = lambda v: [(r[0], r[1], r[3]) for r in v[4:] if r and r[0]]  # noqa: E731
    tambah = [r for r in baris(v_srv) if r not in baris(v_cli)]
    assert len(baris(v_srv)) == len(baris(v_cli)) + 1 and set(baris(v_cli)) <= set(baris(v_srv))
    ((tingkat, lembar, pesan),) = tambah
    assert (tingkat, lembar) == ("peringatan", "SKM") and "tidak mengirim sel gabungan" in pesan
    status = lambda p: xr.sheet_values(p, K.LEMBAR_BERANDA)  # noqa: E731
    n_cli = re.search(r"(\d+) peringatan", str(status(cli))).group(1)
    assert f"{int(n_cli) + 1} peringatan" in str(status(out))
    print(f"\n{client} {ukuran}: {len(body) / 1e6:.1f} MB, {detik:.2f} s pulang-pergi, "
          f"{sum(funcs.values())} aksi {dict(sorted(funcs.items()))}")


def test_action_sets_per_client_come_from_the_clients_source():
    vba, ts, gas = (klien.aksi_klien(c) for c in (klien.VBA, klien.OFFICE_SCRIPTS, klien.APPS_SCRIPT))
    server_js = klien.aksi_xlwings_server()
    # Parsed, not empty, and the newer add-in implements what xl-iku prefers.
    assert {"setValues", "rangeClear", "copyRange", "setRangeColor", "activateSheet", "alert"} <= vba & ts & gas
    assert {"rangeUnmerge", "rangeMerge", "copyFromRange", "setRangeColors", "setRowHeight"} <= server_js
    assert not {"rangeUnmerge", "rangeMerge", "copyFromRange", "setRangeColors", "setRowHeight"} & vba


def test_server_registers_hitung_iku_with_its_button(server):
    url, _ = server
    meta = json.loads(urllib.request.urlopen(url + "/xlwings/custom-scripts-meta", timeout=10).read())
    (m,) = [m for m in meta if m["function_name"] == "hitung_iku"]
    assert m["button"] == "[Hitung]Beranda!B9"


@pytest.mark.parametrize("token", [None, "", "salah-token-xl-iku-000000", TOKEN + "x"])
def test_server_refuses_without_the_token(server, token):
    url, _ = server
    status, teks = _post(url, json.dumps(xr.payload_from_xlsx(SAMPEL)).encode(), token=token)
    assert status == 401
    assert "Token xl-iku tidak ada atau salah" in teks and "xlwings.conf" in teks


def test_server_accepts_bearer_too(server):
    url, _ = server
    status, _ = _post(url, json.dumps(xr.payload_from_xlsx(SAMPEL)).encode(), token="Bearer " + TOKEN)
    assert status == 200


def test_server_refuses_too_large_and_not_a_workbook(server):
    url, _ = server
    status, teks = _post(url, b"{" + b" " * (BATAS_MB * 1024 * 1024 + 10) + b"}")
    assert status == 413 and f"lebih dari {BATAS_MB} MB" in teks
    status, teks = _post(url, b"bukan json")
    assert status == 400 and "bukan data buku kerja" in teks
    for body in (b"[1, 2]", b'{"foo": 1}', b'{"client": "VBA", "book": {}}'):
        status, teks = _post(url, body)
        assert status == 400 and "bukan data buku kerja" in teks


def test_server_log_has_no_personal_data_nor_addresses(server):
    url, log = server
    _post(url, json.dumps(xr.payload_from_xlsx(SAMPEL, client="VBA")).encode())
    _post(url, b"bukan json")
    teks = log.read_text(encoding="utf-8")
    assert "POST /xlwings/custom-scripts-call/hitung_iku 200" in teks
    assert "127.0.0.1:" not in teks.replace(url, "")  # only the start line names the server itself
    wb = xr.openpyxl.load_workbook(SAMPEL, read_only=True)
    rahasia = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                if isinstance(v, str) and len(v) >= 6 and not v.isupper():
                    rahasia.add(v)
    bocor = [s for s in rahasia if s in teks and s not in ("Bathin Solapan",)]
    assert "Traceback" not in teks
    assert not [s for s in bocor if re.search(r"\d{8,}", s) or " " in s][:5], bocor[:5]


def test_token_from_env_or_file(monkeypatch, tmp_path):
    monkeypatch.delenv("XL_IKU_TOKEN", raising=False)
    with pytest.raises(ServerError, match="memerlukan token"):
        baca_token(None)
    monkeypatch.setenv("XL_IKU_TOKEN", "pendek")
    with pytest.raises(ServerError, match="terlalu pendek"):
        baca_token(None)
    monkeypatch.setenv("XL_IKU_TOKEN", TOKEN)
    assert baca_token(None) == TOKEN
    f = tmp_path / "t"
    f.write_text("  " + TOKEN + "\n", encoding="utf-8")
    assert baca_token(f) == TOKEN
    with pytest.raises(ServerError, match="tidak dapat dibaca"):
        baca_token(tmp_path / "tidak-ada")
    assert loopback("127.0.0.1") and loopback("::1") and loopback("localhost")
    assert not loopback("0.0.0.0") and not loopback("192.168.1.5")


def test_cli_server_without_token_is_an_indonesian_error(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "XL_IKU_TOKEN"}
    r = subprocess.run([sys.executable, "-m", "xl_iku", "server", "--port", str(_port())],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "memerlukan token" in r.stderr and "Traceback" not in r.stderr


def _js_server_lama() -> frozenset[str]:
    """The add-in actions of an older xlwings Server (1.10.0; .ci/run downloads its wheel)."""
    import zipfile

    whl = os.environ.get("XL_IKU_SERVER_LAMA")
    if not whl or not Path(whl).is_file():
        if os.environ.get("XL_IKU_CI"):
            pytest.fail("XL_IKU_SERVER_LAMA (wheel xlwings-server 1.10.0) missing in CI; see .ci/run")
        pytest.skip("set XL_IKU_SERVER_LAMA to an xlwings_server-1.10.0 wheel")
    with zipfile.ZipFile(whl) as z:
        for name in z.namelist():
            if name.endswith(".js"):
                aksi = klien.aksi_server_js(z.read(name).decode("utf-8", "replace"))
                if aksi:
                    return aksi
    pytest.fail(f"no `let funcs` in {whl}")


def test_older_xlwings_server_gets_actions_it_has(monkeypatch, tmp_path):
    lama = _js_server_lama()
    assert "rangeUnmerge" not in lama and "setRangeColors" not in lama  # why this matters
    monkeypatch.setattr(klien, "aksi_xlwings_server", lambda: lama)
    from xl_iku.excel import hitung

    waktu = datetime(2024, 7, 1, 10, 5)
    out = tmp_path / "lama.xlsx"
    run = xr.run_remote(SAMPEL, lambda book: hitung(book, waktu=waktu), out)
    funcs = {a["func"] for a in run.actions}
    assert funcs <= lama, funcs - lama
    assert "copyFromRange" in funcs  # what the old add-in has is still used
    assert not any(a["func"] == "setRangeColor" and a["args"][0] is None for a in run.actions)
    cli = tmp_path / "cli.xlsx"
    hitung_berkas(SAMPEL, cli, waktu=waktu)
    assert beda(cli, out) == []


def test_server_serves_the_office_js_add_in_manifest(server):
    url, _ = server
    with urllib.request.urlopen(url + "/manifest", timeout=20) as r:
        assert r.status == 200 and b"<OfficeApp" in r.read()


# ------------------------------------------------------------------ issue 22: a busy server and a hostile client


def _alamat(url: str) -> tuple[str, int]:
    host, port = url.rsplit("/", 1)[-1].split(":")
    return host, int(port)


def _baca_jawaban(s: socket.socket) -> bytes:
    """One HTTP answer (head and a Content-Length body) from a raw socket."""
    data = b""
    while b"\r\n\r\n" not in data:
        blok = s.recv(65536)
        if not blok:
            return data
        data += blok
    kepala, _, isi = data.partition(b"\r\n\r\n")
    m = re.search(rb"content-length: (\d+)", kepala, re.IGNORECASE)
    while m and len(isi) < int(m.group(1)):
        blok = s.recv(65536)
        if not blok:
            break
        isi += blok
    return kepala + b"\r\n\r\n" + isi


def test_413_from_the_declared_length_before_the_body_is_sent(server):
    """The answer comes without a byte of the body (the server used to read up
    to 512 MB first); the connection then still takes the body it announced."""
    host, port = _alamat(server[0])
    panjang = (BATAS_MB + 100) * 1024 * 1024
    with socket.create_connection((host, port), timeout=20) as s:
        s.sendall(f"POST {JALUR_SKRIP} HTTP/1.1\r\nHost: x\r\nAuthorization: {TOKEN}\r\n"
                  f"Content-Type: application/json\r\nContent-Length: {panjang}\r\n\r\n".encode())
        jawab = _baca_jawaban(s)
    assert jawab.startswith(b"HTTP/1.1 413"), jawab[:200]
    assert f"lebih dari {BATAS_MB} MB".encode() in jawab


def test_401_before_the_body_and_the_body_still_discarded(server):
    """A wrong token is answered before the body; a client that sends its whole
    body before reading (urllib) gets the answer, not a reset connection."""
    host, port = _alamat(server[0])
    with socket.create_connection((host, port), timeout=20) as s:
        s.sendall(f"POST {JALUR_SKRIP} HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n".encode())
        assert _baca_jawaban(s).startswith(b"HTTP/1.1 401")
    status, teks = _post(server[0], b"{" + b" " * (3 * 1024 * 1024) + b"}", token="salah-token-xl-iku-000000")
    assert status == 401 and "Token xl-iku" in teks


def test_unknown_length_over_the_limit_is_refused_while_read(server):
    host, port = _alamat(server[0])
    potong = b" " * (1024 * 1024)
    with socket.create_connection((host, port), timeout=30) as s:
        s.sendall(f"POST {JALUR_SKRIP} HTTP/1.1\r\nHost: x\r\nAuthorization: {TOKEN}\r\n"
                  "Transfer-Encoding: chunked\r\n\r\n".encode())
        try:
            for _ in range(BATAS_MB + 2):
                s.sendall(b"%x\r\n" % len(potong) + potong + b"\r\n")
        except OSError:
            pass  # the server may close as soon as it has answered
        jawab = _baca_jawaban(s)
    assert jawab.startswith(b"HTTP/1.1 413") and b"connection: close" in jawab.lower()


def test_log_lines_cannot_be_forged_through_the_path(server):
    url, log = server
    palsu = "PALSU-xl-iku 2026 POST /xlwings/custom-scripts-call/hitung_iku 200"
    for jalur in ("/a%0a" + palsu.replace(" ", "%20"), "/b%1b%5b2J%1b%5d0;judul%07", "/c%e2%80%ae%c2%85"):
        try:
            urllib.request.urlopen(url + jalur, timeout=20).read()
        except urllib.error.HTTPError as e:
            assert e.code == 404
    for _ in range(100):  # the line is written just after the answer is sent
        teks = log.read_text(encoding="utf-8")
        if "GET /c" in teks:
            break
        time.sleep(0.1)
    assert not any(baris.startswith("PALSU") for baris in teks.splitlines())
    assert "\x1b" not in teks and "\x07" not in teks and "\u202e" not in teks and "\x85" not in teks
    assert "GET /a\\x0aPALSU-xl-iku" in teks
    assert "GET /b\\x1b[2J\\x1b]0;judul\\x07 404" in teks
    assert "GET /c\\u202e\\x85 404" in teks


def test_404_and_405_answer_indonesian_json(server):
    url, _ = server
    with pytest.raises(urllib.error.HTTPError) as ei:
        urllib.request.urlopen(url + "/tidak-ada", timeout=20)
    assert ei.value.code == 404
    assert json.loads(ei.value.read()) == {"detail": "Alamat ini tidak ada di server xl-iku."}
    with pytest.raises(urllib.error.HTTPError) as ei:
        urllib.request.urlopen(url + JALUR_SKRIP, timeout=20)  # GET on a POST route
    assert ei.value.code == 405 and ei.value.headers.get("allow") == "POST"
    assert json.loads(ei.value.read()) == {
        "detail": "Metode GET tidak dapat dipakai untuk alamat ini di server xl-iku."}


def test_older_xlwings_client_is_told_which_add_in_to_install(server):
    import xlwings

    url, _ = server
    payload = xr.payload_from_xlsx(SAMPEL, client="VBA")
    payload["version"] = "0.0.1"
    status, teks = _post(url, json.dumps(payload).encode())
    assert status == 400
    assert teks == (f"Versi xlwings di Excel ini (0.0.1) berbeda dengan versi di server xl-iku ({xlwings.__version__}). "
                    f"Ganti add-in xlwings.xlam di komputer ini dengan versi {xlwings.__version__} (TI menyalinnya "
                    f"dari paket xlwings {xlwings.__version__} di server: xlwings/addin/xlwings.xlam; Excel → File → "
                    "Options → Add-ins), tutup dan buka lagi Excel, lalu klik Hitung lagi.")
    # What xlwings itself says, should it say it: translated the same way.
    from xl_iku.server import terjemahkan

    inggris = f"Your xlwings version is different on the client (0.0.1) and server ({xlwings.__version__})."
    assert terjemahkan(400, inggris, "POST") == (teks, False)


def test_extra_arguments_are_refused_in_indonesian(server):
    url, _ = server
    payload = xr.payload_from_xlsx(SAMPEL, client="Office.js")
    payload["args"] = [1, 2]
    status, teks = _post(url, json.dumps(payload, default=str).encode())
    assert status == 400
    assert teks.startswith("Skrip Hitung xl-iku menerima 2 argumen tambahan")
    assert "argument" not in teks


class _Lambat:
    """An inner app whose computation blocks (its thread, or whatever loop
    runs it) until the test releases it."""

    def __init__(self):
        self.lepas = threading.Event()
        self.kunci = threading.Lock()
        self.dimulai = self.aktif = self.puncak = 0

    async def __call__(self, scope, receive, send):
        await receive()
        with self.kunci:
            self.dimulai += 1
            self.aktif += 1
            self.puncak = max(self.puncak, self.aktif)
        self.lepas.wait(10)
        with self.kunci:
            self.aktif -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def _klien(app):
    import httpx

    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://xl-iku")


async def _tunggu(syarat) -> None:
    for _ in range(1000):  # up to ~10 s, never blocking the loop
        if syarat():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("tidak terjadi")


def test_401_while_a_heavy_request_computes():
    """A computation is under way (the inner app blocks until released); a
    request without the token is answered before it ends.  The guard used to
    run the computation inside the event loop, so the 401 waited for it."""
    from xl_iku.server import Penjaga

    lambat = _Lambat()
    penjaga = Penjaga(lambat, TOKEN, 1024 * 1024, slot=2)

    async def skenario():
        async with _klien(penjaga) as c:
            berat = asyncio.create_task(c.post("/hitung", content=b"{}", headers={"Authorization": TOKEN}))
            await _tunggu(lambda: lambat.dimulai == 1)
            r = await c.post("/hitung", content=b"{}")
            selesai_dulu = berat.done()
            lambat.lepas.set()
            return r, selesai_dulu, await berat

    r, selesai_dulu, berat = asyncio.run(skenario())
    assert r.status_code == 401 and "Token xl-iku" in r.text
    assert not selesai_dulu, "the 401 waited for the computation"
    assert berat.status_code == 200 and berat.text == "ok"


def test_computations_at_once_are_bounded():
    """Five requests, two slots: two compute, the others wait (their bodies
    unread beyond the first four); all five are answered once released."""
    from xl_iku.server import Penjaga

    lambat = _Lambat()
    penjaga = Penjaga(lambat, TOKEN, 1024 * 1024, slot=2)

    async def skenario():
        async with _klien(penjaga) as c:
            tugas = [asyncio.create_task(c.post("/hitung", content=b"{}", headers={"Authorization": TOKEN}))
                     for _ in range(5)]
            await _tunggu(lambda: lambat.dimulai == 2)
            await asyncio.sleep(0.3)  # room for a third, were the bound broken
            serentak = lambat.aktif
            lambat.lepas.set()
            return serentak, [await t for t in tugas]

    serentak, jawaban = asyncio.run(skenario())
    assert serentak == 2
    assert [r.status_code for r in jawaban] == [200] * 5
    assert lambat.puncak == 2 and lambat.dimulai == 5


@pytest.fixture
def uvicorn_singkat(monkeypatch):
    """uvicorn in this process with xl-iku's protocol and a 1 s head deadline."""
    import uvicorn

    from xl_iku import server as srv

    monkeypatch.setattr(srv, "BATAS_KEPALA_DETIK", 1)

    async def app(scope, receive, send):
        if scope["type"] != "http":
            return
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
        await send({"type": "http.response.body", "body": b"ok"})

    port = _port()
    cfg = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical", lifespan="off",
                         http=srv.protokol_http(), timeout_keep_alive=srv.JEDA_SIMPAN_DETIK,
                         h11_max_incomplete_event_size=srv.BATAS_KEPALA_BITA)
    server = uvicorn.Server(cfg)
    t = threading.Thread(target=server.run, daemon=True)
    t.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield port
    server.should_exit = True
    t.join(timeout=10)


def _ditutup(s: socket.socket) -> bool:
    """True when the server closes `s` (before the socket's own timeout)."""
    try:
        while s.recv(65536):
            pass
        return True
    except ConnectionError:
        return True
    except socket.timeout:
        return False


def test_idle_and_trickling_connections_are_closed(uvicorn_singkat):
    """uvicorn leaves a connection that never completes its request head open
    for ever (1.100 of them exhausted the descriptors); the protocol closes it."""
    port = uvicorn_singkat
    with socket.create_connection(("127.0.0.1", port), timeout=15) as s:
        assert _ditutup(s), "an idle connection stayed open"
    with socket.create_connection(("127.0.0.1", port), timeout=15) as s:
        s.sendall(b"GET / HTTP/1.1\r\n")
        berhenti = time.monotonic() + 15
        try:
            while time.monotonic() < berhenti:
                s.sendall(b"X-a: b\r\n")  # a header every 0.2 s, never the blank line
                s.settimeout(0.2)
                try:
                    if s.recv(65536) == b"":
                        break
                except socket.timeout:
                    pass
            else:
                pytest.fail("a trickling request head stayed open")
        except (ConnectionError, BrokenPipeError):
            pass
    # An ordinary request, and a second one on the same connection, are answered.
    with socket.create_connection(("127.0.0.1", port), timeout=15) as s:
        for _ in range(2):
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            assert _baca_jawaban(s).endswith(b"\r\n\r\nok")
    # A head that grows beyond h11's limit before it is complete: uvicorn's 400, in Indonesian.
    with socket.create_connection(("127.0.0.1", port), timeout=15) as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-besar: " + b"a" * 20000)
        jawab = _baca_jawaban(s)
    assert jawab.startswith(b"HTTP/1.1 400") and b"kepalanya lebih dari 16 KB" in jawab
