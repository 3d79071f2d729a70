"""`xl-iku server`: the Hitung button for Excel without Python on the PC.

xlwings Server (`pip install "xl-iku[server]"`) runs xl-iku's script
`hitung_iku` (`xl_iku.excel.script`) for every client that posts a workbook
to `/xlwings/custom-scripts-call/hitung_iku`: xlwings' VBA client
(`RunServerPython`, Excel 2010–2019 on Windows, from the xlwings add-in) and
the xlwings Server Office.js add-in (Excel 2021/365, Excel on the web).  The
answer is the list of actions that client applies; which actions each client
gets is decided from the client's own source (`excel/klien.py`).

In front of xlwings Server sits one small ASGI guard, because a workbook is
personal data (names, NIP) and the computation is the office's:

* every POST carries `Authorization: <token>` (the token of `XL_IKU_TOKEN` or
  `--token-file`, compared in constant time) — otherwise 401;
* a POST body larger than the limit is refused with 413 (and never held in
  memory); a body that is not an xlwings workbook payload with 400;
* a 5xx answer of xlwings Server gets an Indonesian text instead of its own,
  and its logger is silenced (it logs exception texts);
* every refusal and any unexpected error is one Indonesian sentence (the VBA
  client shows the response text in a message box as is);
* the log line per request has the method, path, status, size and duration —
  never the client's address, a user name, a cell value or an exception text.

xlwings Server's own settings are fixed here (examples off, Socket.IO off, a
private empty project folder so no stray `.env` is read); it reads nothing
else from the working folder.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import os
import sys
import tempfile
import time
import types
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("xl_iku.server")

NAMA_SKRIP = "hitung_iku"
JALUR_SKRIP = f"/xlwings/custom-scripts-call/{NAMA_SKRIP}"
BATAS_MB = 32  # a 10x sample workbook posts ~5 MB
BUANG_MAKS = 512 * 1024 * 1024  # an oversized body is drained up to this, then the connection drops

PESAN_401 = ("Token xl-iku tidak ada atau salah. Isi AUTH di lembar xlwings.conf buku kerja ini "
             "dengan token dari pengelola server, lalu klik Hitung lagi.")
PESAN_413 = ("Buku kerja terlalu besar untuk dikirim ke server xl-iku (lebih dari {mb} MB). "
             "Hapus baris kosong di bawah tabel atau hitung di komputer dengan 'xl-iku hitung'.")
PESAN_400 = "Permintaan ini bukan data buku kerja dari Excel (xlwings); tidak ada yang dihitung."
PESAN_500 = ("Server xl-iku gagal memproses permintaan ({jenis}). Buku kerja tidak diubah; "
             "laporkan ke pengelola server.")


class ServerError(Exception):
    """Cannot start the server; `pesan` is one Indonesian sentence."""

    def __init__(self, pesan: str, kode: int = 2):
        super().__init__(pesan)
        self.pesan = pesan
        self.kode = kode


def baca_token(token_file: Path | None = None) -> str:
    """The token from --token-file, else from XL_IKU_TOKEN (never from the command line)."""
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except OSError:
            raise ServerError(f"Berkas token '{token_file}' tidak dapat dibaca.")
        sumber = f"berkas token '{token_file}'"
    else:
        token = os.environ.get("XL_IKU_TOKEN", "").strip()
        sumber = "variabel XL_IKU_TOKEN"
    if not token:
        raise ServerError("Server xl-iku memerlukan token: isi variabel lingkungan XL_IKU_TOKEN "
                          "atau gunakan --token-file BERKAS.")
    if len(token) < 16:
        raise ServerError(f"Token dari {sumber} terlalu pendek (minimal 16 karakter); "
                          "buat yang acak, mis. python -c \"import secrets; print(secrets.token_urlsafe(24))\".")
    try:
        token.encode("latin-1")
    except UnicodeEncodeError:
        raise ServerError(f"Token dari {sumber} hanya boleh berisi huruf, angka dan tanda baca ASCII.")
    return token


def loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# ------------------------------------------------------------------ the guard


async def _kirim(send, status: int, teks: str) -> None:
    body = teks.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


@dataclass
class Penjaga:
    """ASGI guard in front of xlwings Server (see the module docstring)."""

    app: object
    token: str
    batas: int  # bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        t0 = time.perf_counter()
        status = {"kode": 0, "ukuran": 0}

        ganti = False  # a 5xx from xlwings Server: its (English) text is replaced

        async def kirim(msg):
            nonlocal ganti
            if msg["type"] == "http.response.start":
                status["kode"] = msg["status"]
                if msg["status"] >= 500:
                    ganti = True
                    return
            elif ganti:
                if not msg.get("more_body"):
                    await _kirim(send, status["kode"], PESAN_500.format(jenis=f"HTTP {status['kode']}"))
                return
            await send(msg)

        try:
            if scope["method"] == "POST":
                await self._post(scope, receive, kirim, status)
            else:
                await self.app(scope, receive, kirim)
        except Exception as e:  # never a traceback or an exception text to the client or the log
            log.error("permintaan gagal: %s", type(e).__name__)
            if not status["kode"]:
                await _kirim(kirim, 500, PESAN_500.format(jenis=type(e).__name__))
        finally:
            log.info("%s %s %s %d B %.0f ms", scope["method"], scope.get("path", ""), status["kode"],
                     status["ukuran"], (time.perf_counter() - t0) * 1000)

    async def _post(self, scope, receive, send, status):
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        diberikan = headers.get("authorization", "").strip()
        if diberikan[:7].lower() == "bearer ":
            diberikan = diberikan[7:].strip()
        if not hmac.compare_digest(diberikan.encode("latin-1"), self.token.encode("latin-1")):
            return await _kirim(send, 401, PESAN_401)
        mb = self.batas // (1024 * 1024)
        try:
            panjang = int(headers.get("content-length", "0") or 0)
        except ValueError:
            panjang = 0
        potongan, n = [], 0
        while True:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            chunk = msg.get("body", b"")
            n += len(chunk)
            if n > self.batas or panjang > self.batas:
                # Read the rest and throw it away (constant memory), so that the
                # client, which sends the whole body first, gets this answer
                # rather than a reset connection.
                potongan = []
                while msg.get("more_body") and n <= BUANG_MAKS:
                    msg = await receive()
                    n += len(msg.get("body", b""))
                status["ukuran"] = n
                return await _kirim(send, 413, PESAN_413.format(mb=mb))
            potongan.append(chunk)
            if not msg.get("more_body"):
                break
        body = b"".join(potongan)
        status["ukuran"] = n
        if scope.get("path", "").startswith("/xlwings/custom-scripts-call/"):
            try:
                doc = json.loads(body)
                # What every xlwings client sends (Remote.bas, the add-in JS).
                ok = isinstance(doc, dict) and {"client", "version", "book", "sheets"} <= doc.keys()
            except ValueError:
                ok = False
            if not ok:
                return await _kirim(send, 400, PESAN_400)
        terkirim = False

        async def ulang():
            nonlocal terkirim
            if terkirim:
                return {"type": "http.disconnect"}
            terkirim = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, ulang, send)


# ------------------------------------------------------------------ the app


def _pasang_xlwings_server(folder: Path):
    """Configure and import xlwings Server with xl-iku's script; returns its ASGI app."""
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # PolyForm Noncommercial: government use
    os.environ["XLWINGS_PROJECT_DIR"] = str(folder)
    os.environ["DOTENV_PATH"] = str(folder / ".env")
    os.environ["XLWINGS_ENABLE_EXAMPLES"] = "false"
    os.environ["XLWINGS_ENABLE_SOCKETIO"] = "false"
    os.environ["XLWINGS_ENABLE_HOTRELOAD"] = "false"
    os.environ["XLWINGS_ENVIRONMENT"] = "prod"
    os.environ["XLWINGS_LOG_LEVEL"] = "WARNING"
    os.environ["XLWINGS_ON_SERVER"] = "true"
    try:
        import xlwings_server  # noqa: F401
    except ImportError:
        raise ServerError("Paket xlwings Server belum terpasang; jalankan: pip install \"xl-iku[server]\"", 3)
    from .excel import script

    # xlwings Server imports the project's `custom_scripts` / `custom_functions`:
    # xl-iku's script module, and no custom functions.
    sys.modules["custom_scripts"] = script
    sys.modules["custom_functions"] = types.ModuleType("custom_functions")
    from xlwings_server.main import main_app

    # xlwings Server logs exception texts, which can quote workbook content.
    logging.getLogger("xlwings_server").setLevel(logging.CRITICAL)
    return main_app


def buat_app(token: str, batas_mb: int = BATAS_MB):
    folder = Path(tempfile.mkdtemp(prefix="xl-iku-server-"))
    return Penjaga(_pasang_xlwings_server(folder), token, batas_mb * 1024 * 1024)


def pasang_log() -> None:
    """One line per request on stderr (xlwings Server has set the root logger to WARNING)."""
    if not log.handlers:
        h = logging.StreamHandler()
        h.setFormatter(logging.Formatter("%(asctime)s xl-iku %(levelname)s %(message)s"))
        log.addHandler(h)
        log.setLevel(logging.INFO)
        log.propagate = False


def jalankan(host: str, port: int, token: str, batas_mb: int = BATAS_MB) -> None:
    import socket

    import uvicorn

    app = buat_app(token, batas_mb)
    try:
        with socket.create_server((host, port)):
            pass
    except OSError:
        raise ServerError(f"Alamat {host}:{port} tidak dapat dipakai (port sudah dipakai program lain "
                          "atau alamat bukan milik komputer ini).")
    pasang_log()
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning", server_header=False)
