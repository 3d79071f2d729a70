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
* a POST body larger than the limit is refused with 413 from its declared
  length, before it is read (and never held in memory); a body that is not
  an xlwings workbook payload with 400;
* the computation runs off the event loop, in worker threads, at most `slot`
  at once (default: one per core, at most 4), and at most 2 × `slot` request
  bodies are held in memory; the others wait unread.  A token check, a 401 or
  the add-in's files are answered while workbooks are computed;
* what uvicorn leaves untimed gets a deadline: a request head must arrive
  within 20 s (and fit in 16 KB, h11's limit), a body may not stall for 30 s;
  between requests uvicorn's keep-alive timeout (5 s) closes idle connections;
* every error answer of xlwings Server (4xx, 5xx; its texts are English) is
  replaced by an Indonesian one — a VBA client of another xlwings version is
  told which add-in version to install — and its logger is silenced (it logs
  exception texts); 404/405 answer `{"detail": "<Indonesian>"}`;
* every refusal and any unexpected error is one Indonesian sentence (the VBA
  client shows the response text in a message box as is);
* the log line per request has the method, path, status, size and duration —
  never the client's address, a user name, a cell value or an exception text;
  control characters of the (decoded) path are written as escapes, so a
  request cannot forge a log line or write terminal escapes.

xlwings Server's own settings are fixed here (examples off, Socket.IO off, a
private empty project folder so no stray `.env` is read); it reads nothing
else from the working folder.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import json
import logging
import os
import re
import sys
import tempfile
import time
import types
from dataclasses import dataclass
from pathlib import Path

from .pesan import ServerError  # noqa: F401 - re-exported

log = logging.getLogger("xl_iku.server")

NAMA_SKRIP = "hitung_iku"
JALUR_SKRIP = f"/xlwings/custom-scripts-call/{NAMA_SKRIP}"
BATAS_MB = 32  # a 10x sample workbook posts ~5 MB
# A refused body of declared length up to this is read and discarded by the
# server library (so the client sees the refusal); a larger or unknown one
# closes the connection after the answer.
BUANG_MAKS = 128 * 1024 * 1024
BATAS_KEPALA_DETIK = 20  # to receive a request head (nginx: client_header_timeout 60 s)
BATAS_BUANG_DETIK = 60  # to finish sending a body that was refused early
JEDA_SIMPAN_DETIK = 5  # uvicorn's keep-alive: an idle connection between requests
BATAS_KEPALA_BITA = 16 * 1024  # a request head larger than this is refused by h11

PESAN_401 = ("Token xl-iku tidak ada atau salah. Isi AUTH di lembar xlwings.conf buku kerja ini "
             "dengan token dari pengelola server, lalu klik Hitung lagi.")
PESAN_413 = ("Buku kerja terlalu besar untuk dikirim ke server xl-iku (lebih dari {mb} MB). "
             "Hapus baris kosong di bawah tabel atau hitung di komputer dengan 'xl-iku hitung'.")
PESAN_400 = "Permintaan ini bukan data buku kerja dari Excel (xlwings); tidak ada yang dihitung."
PESAN_500 = ("Server xl-iku gagal memproses permintaan ({jenis}). Buku kerja tidak diubah; "
             "laporkan ke pengelola server.")
PESAN_408 = ("Data buku kerja berhenti terkirim di tengah jalan (tidak ada data selama {detik} detik); "
             "periksa sambungan jaringan lalu klik Hitung lagi.")
PESAN_404 = "Alamat ini tidak ada di server xl-iku."
PESAN_KEPALA = "Permintaan HTTP tidak sah atau kepalanya lebih dari 16 KB; server xl-iku tidak memprosesnya."
PESAN_405 = "Metode {metode} tidak dapat dipakai untuk alamat ini di server xl-iku."
PESAN_ARGUMEN_LEBIH = ("Skrip Hitung xl-iku menerima {n} argumen tambahan, padahal tidak memerlukan argumen; "
                       "panggil hitung_iku tanpa argumen (periksa makro tombol Hitung), lalu klik Hitung lagi.")
PESAN_ARGUMEN_KURANG = ("Skrip Hitung xl-iku dipanggil tanpa data yang diperlukannya; pastikan tombol Hitung "
                        "memanggil hitung_iku dari buku kerja IKU, lalu klik Hitung lagi.")
PESAN_4XX = ("Permintaan ditolak server xl-iku (HTTP {kode}); tidak ada yang dihitung. Pastikan tombol Hitung "
             "memakai alamat dari pengelola server, lalu klik Hitung lagi.")


# ServerError (cannot start; one Indonesian sentence and its exit code) lives with
# every other user-facing error in xl_iku.pesan.


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


def _aman(teks: str, maks: int = 300) -> str:
    """`teks` fit for one log line: every control, separator and format
    character (a decoded %0a would forge a log line, %1b write terminal
    escapes, U+202E reverse what follows) as a visible backslash escape (\\x0a, \\u202e)."""
    keluar = []
    for c in teks[:maks]:
        if c.isprintable() or c == " ":
            keluar.append(c)
        else:
            keluar.append(c.encode("unicode_escape").decode("ascii") if ord(c) > 0xFF else f"\\x{ord(c):02x}")
    return "".join(keluar) + ("…" if len(teks) > maks else "")


async def _kirim(send, status: int, teks: str, *, tutup: bool = False, json_detail: bool = False,
                 tambahan: list[tuple[bytes, bytes]] | None = None) -> None:
    """One Indonesian answer.  `tutup`: close the connection after it (a body
    left unread that the server library must not go on reading)."""
    if json_detail:
        body, jenis = json.dumps({"detail": teks}, ensure_ascii=False).encode("utf-8"), b"application/json"
    else:
        body, jenis = teks.encode("utf-8"), b"text/plain; charset=utf-8"
    headers = [(b"content-type", jenis), (b"content-length", str(len(body)).encode())]
    if tutup:
        headers.append((b"connection", b"close"))
    headers += tambahan or []
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


_VERSI_BEDA = re.compile(r"xlwings version is different on the client \((.*?)\) and server \((.*?)\)")
_ARGUMEN_LEBIH = re.compile(r"received (\d+) extra argument")
_ARGUMEN_KURANG = re.compile(r"missing required argument '([^']*)'")


def pesan_versi(klien: str, server: str) -> str:
    return (f"Versi xlwings di Excel ini ({klien}) berbeda dengan versi di server xl-iku ({server}). "
            f"Ganti add-in xlwings.xlam di komputer ini dengan versi {server} (TI menyalinnya dari paket "
            f"xlwings {server} di server: xlwings/addin/xlwings.xlam; Excel → File → Options → Add-ins), "
            "tutup dan buka lagi Excel, lalu klik Hitung lagi.")


def terjemahkan(kode: int, teks: str, metode: str) -> tuple[str, bool]:
    """(Indonesian text, as a JSON detail?) for an error answer of xlwings Server."""
    if kode >= 500:
        return PESAN_500.format(jenis=f"HTTP {kode}"), False
    if kode == 404:
        return PESAN_404, True
    if kode == 405:
        return PESAN_405.format(metode=_aman(metode, 10)), True
    if m := _VERSI_BEDA.search(teks):
        return pesan_versi(_aman(m.group(1), 20), _aman(m.group(2), 20)), False
    if m := _ARGUMEN_LEBIH.search(teks):
        return PESAN_ARGUMEN_LEBIH.format(n=m.group(1)), False
    if _ARGUMEN_KURANG.search(teks):
        return PESAN_ARGUMEN_KURANG, False
    return PESAN_4XX.format(kode=kode), teks.lstrip().startswith("{")


def _periksa_muatan(body: bytes, path: str) -> tuple[int, str] | None:
    """A refusal (status, text) for a body that is no xlwings workbook payload."""
    if not path.startswith("/xlwings/custom-scripts-call/"):
        return None
    try:
        doc = json.loads(body)
    except ValueError:
        return 400, PESAN_400
    # What every xlwings client sends (Remote.bas, the add-in JS).
    if not (isinstance(doc, dict) and {"client", "version", "book", "sheets"} <= doc.keys()):
        return 400, PESAN_400
    # xlwings' remote engine refuses a VBA client of another version in English
    # (Office.js clients are served whatever their version); said here with
    # what to do.
    import xlwings

    versi = str(doc.get("version"))
    if doc.get("client") != "Office.js" and versi != xlwings.__version__:
        return 400, pesan_versi(_aman(versi, 20), xlwings.__version__)
    return None


@dataclass
class Penjaga:
    """ASGI guard in front of xlwings Server (see the module docstring)."""

    app: object
    token: str
    batas: int  # bytes
    slot: int = 2  # computations at once
    diam: float = 30.0  # seconds a request body may stall

    def __post_init__(self) -> None:
        # anyio's primitives belong to the running loop: made at the first request.
        self._pembatas = None
        self._antrean = None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        t0 = time.perf_counter()
        status = {"kode": 0, "ukuran": 0}
        kirim = _Penerjemah(send, status, scope.get("method", ""))
        try:
            if scope["method"] == "POST":
                await self._post(scope, receive, send, kirim, status)
            else:
                await self.app(scope, receive, kirim)
        except Exception as e:  # never a traceback or an exception text to the client or the log
            log.error("permintaan gagal: %s", type(e).__name__)
            if not status["kode"]:
                status["kode"] = 500
                await _kirim(send, 500, PESAN_500.format(jenis=type(e).__name__))
        finally:
            log.info("%s %s %s %d B %.0f ms", _aman(scope.get("method", ""), 10), _aman(scope.get("path", "")),
                     status["kode"], status["ukuran"], (time.perf_counter() - t0) * 1000)

    async def _post(self, scope, receive, send, kirim, status):
        import anyio

        async def tolak(kode: int, teks: str, tutup: bool) -> None:
            status["kode"] = kode
            await _kirim(send, kode, teks, tutup=tutup)

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        try:
            panjang: int | None = int(headers["content-length"])
        except (KeyError, ValueError):
            panjang = None

        async def tolak_awal(kode: int, teks: str) -> None:
            """Refused before the body is read.  The whole answer goes out at
            once; the body is then read and thrown away (constant memory,
            bounded in size and time) before the answer is completed, so that a
            client which sends its whole body before reading (urllib, WinHTTP)
            gets this answer and not a reset connection.  An unknown or absurd
            length, or a client waiting for `100 Continue`, is closed instead."""
            status["kode"] = kode
            if (panjang is None or panjang > BUANG_MAKS
                    or headers.get("expect", "").lower() == "100-continue"):
                return await _kirim(send, kode, teks, tutup=True)
            isi = teks.encode("utf-8")
            await send({"type": "http.response.start", "status": kode,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                    (b"content-length", str(len(isi)).encode())]})
            await send({"type": "http.response.body", "body": isi, "more_body": True})
            with anyio.move_on_after(BATAS_BUANG_DETIK):
                while True:
                    with anyio.move_on_after(self.diam) as diam:
                        msg = await receive()
                    if diam.cancelled_caught or msg["type"] == "http.disconnect" or not msg.get("more_body"):
                        break
            await send({"type": "http.response.body", "body": b""})

        diberikan = headers.get("authorization", "").strip()
        if diberikan[:7].lower() == "bearer ":
            diberikan = diberikan[7:].strip()
        if not hmac.compare_digest(diberikan.encode("latin-1"), self.token.encode("latin-1")):
            return await tolak_awal(401, PESAN_401)
        mb = self.batas // (1024 * 1024)
        if panjang is not None and panjang > self.batas:
            status["ukuran"] = panjang
            return await tolak_awal(413, PESAN_413.format(mb=mb))
        if self._pembatas is None:
            self._pembatas = anyio.CapacityLimiter(self.slot)
            self._antrean = anyio.Semaphore(2 * self.slot)
        # At most 2 × slot bodies in memory: the others wait unread (the server
        # library stops reading a connection whose body nobody takes).
        async with self._antrean:
            potongan, n = [], 0
            while True:
                with anyio.move_on_after(self.diam) as batas_waktu:
                    msg = await receive()
                if batas_waktu.cancelled_caught:
                    status["ukuran"] = n
                    return await tolak(408, PESAN_408.format(detik=round(self.diam)), True)
                if msg["type"] == "http.disconnect":
                    return
                chunk = msg.get("body", b"")
                n += len(chunk)
                if n > self.batas:  # no length declared, or a lying one
                    status["ukuran"] = n
                    return await tolak(413, PESAN_413.format(mb=mb), True)
                potongan.append(chunk)
                if not msg.get("more_body"):
                    break
            status["ukuran"] = n
            # Handed over in a box the worker empties: no second reference here.
            kotak = [b"".join(potongan)]
            del potongan
            # Off the event loop, at most `slot` at once: checking the payload,
            # xlwings Server's parsing and the computation itself.
            tolak_muatan, pesan = await anyio.to_thread.run_sync(self._hitung, scope, kotak,
                                                                  limiter=self._pembatas)
            if tolak_muatan is not None:
                return await tolak(*tolak_muatan, False)
            for m in pesan:
                await kirim(m)

    def _hitung(self, scope, kotak: list[bytes]) -> tuple[tuple[int, str] | None, list[dict]]:
        """Check the payload and run xlwings Server for one request in this
        worker thread (its own event loop): (a refusal, or None and the
        answer's ASGI messages).  The body is let go once xlwings Server has it."""
        body = kotak.pop()
        tolak = _periksa_muatan(body, scope.get("path", ""))
        if tolak is not None:
            return tolak, []
        pesan: list[dict] = []
        terkirim = False

        async def terima():
            nonlocal terkirim, body
            if terkirim:
                return {"type": "http.disconnect"}
            terkirim = True
            isi, body = body, b""
            return {"type": "http.request", "body": isi, "more_body": False}

        async def kumpul(msg):
            pesan.append(msg)

        try:
            asyncio.run(self.app(scope, terima, kumpul))
        except Exception:
            if not pesan:
                raise
        return None, pesan


class _Penerjemah:
    """The `send` of xlwings Server's answers: an error answer (4xx, 5xx) is
    held and replaced by an Indonesian one; any other passes through."""

    def __init__(self, send, status: dict, metode: str):
        self.send, self.status, self.metode = send, status, metode
        self.tahan: list[bytes] | None = None
        self.kode = 0
        self.allow: list[tuple[bytes, bytes]] = []

    async def __call__(self, msg):
        if msg["type"] == "http.response.start":
            self.kode = self.status["kode"] = msg["status"]
            if msg["status"] >= 400:
                self.tahan = []
                self.allow = [(k, v) for k, v in msg.get("headers", []) if k.lower() == b"allow"]
                return
        elif msg["type"] == "http.response.body" and self.tahan is not None:
            if sum(map(len, self.tahan)) < 65536:
                self.tahan.append(msg.get("body", b""))
            if not msg.get("more_body"):
                teks = b"".join(self.tahan).decode("utf-8", "replace")
                pengganti, sebagai_json = terjemahkan(self.kode, teks, self.metode)
                await _kirim(self.send, self.kode, pengganti, json_detail=sebagai_json, tambahan=self.allow)
            return
        await self.send(msg)


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


def jumlah_slot() -> int:
    """Computations at once by default: one per core this process may use, at most 4."""
    try:
        inti = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - macOS, Windows
        inti = os.cpu_count() or 1
    return max(1, min(4, inti))


def buat_app(token: str, batas_mb: int = BATAS_MB, slot: int | None = None):
    folder = Path(tempfile.mkdtemp(prefix="xl-iku-server-"))
    return Penjaga(_pasang_xlwings_server(folder), token, batas_mb * 1024 * 1024, slot or jumlah_slot())


def pasang_log() -> None:
    """One line per request on stderr (xlwings Server has set the root logger to WARNING)."""
    if not log.handlers:
        h = logging.StreamHandler()
        h.setFormatter(logging.Formatter("%(asctime)s xl-iku %(levelname)s %(message)s"))
        log.addHandler(h)
        log.setLevel(logging.INFO)
        log.propagate = False


def protokol_http():
    """uvicorn's h11 protocol (h11 caps a request head at `h11_max_incomplete_event_size`)
    with a deadline for what uvicorn leaves untimed: a connection that never
    completes its request head (idle from the start, or trickling headers)
    and a refused body that is still being sent.  Between requests uvicorn's
    own keep-alive timeout applies; a body the guard reads has its own."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class Protokol(H11Protocol):
        _tenggat = None

        def _pasang(self) -> None:
            if self._tenggat is None:
                detik = BATAS_KEPALA_DETIK if self.conn.their_state is h11.IDLE else BATAS_BUANG_DETIK
                self._tenggat = self.loop.call_later(detik, self._habis)

        def _lepas(self) -> None:
            if self._tenggat is not None:
                self._tenggat.cancel()
                self._tenggat = None

        def _atur(self) -> None:
            mereka, kami = self.conn.their_state, self.conn.our_state
            # Waiting for a request head, or discarding a body already answered.
            if mereka is h11.IDLE or (mereka is h11.SEND_BODY and kami in (h11.DONE, h11.MUST_CLOSE)):
                self._pasang()
            else:
                self._lepas()

        def _habis(self) -> None:
            self._tenggat = None
            if not self.transport.is_closing():
                self.transport.close()

        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            self._pasang()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if not self.transport.is_closing():
                self._atur()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._lepas()
                self._atur()

        def connection_lost(self, exc) -> None:
            self._lepas()
            super().connection_lost(exc)

        def send_400_response(self, msg: str) -> None:
            # uvicorn's own answer to a malformed or oversized head (ASCII only).
            super().send_400_response(PESAN_KEPALA)

    return Protokol


def _naikkan_batas_berkas() -> None:
    """Soft descriptor limit up to the hard one: idle connections cost descriptors until their deadline."""
    try:
        import resource

        lunak, keras = resource.getrlimit(resource.RLIMIT_NOFILE)
        if keras == resource.RLIM_INFINITY or keras > 65536:
            keras = 65536
        if lunak != resource.RLIM_INFINITY and lunak < keras:
            resource.setrlimit(resource.RLIMIT_NOFILE, (keras, keras))
    except (ImportError, ValueError, OSError):  # pragma: no cover - Windows, a locked-down host
        pass


def jalankan(host: str, port: int, token: str, batas_mb: int = BATAS_MB, slot: int | None = None) -> None:
    import socket

    import uvicorn

    app = buat_app(token, batas_mb, slot)
    try:
        with socket.create_server((host, port)):
            pass
    except OSError:
        raise ServerError(f"Alamat {host}:{port} tidak dapat dipakai (port sudah dipakai program lain "
                          "atau alamat bukan milik komputer ini).")
    pasang_log()
    _naikkan_batas_berkas()
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning", server_header=False,
                http=protokol_http(), timeout_keep_alive=JEDA_SIMPAN_DETIK,
                h11_max_incomplete_event_size=BATAS_KEPALA_BITA)
