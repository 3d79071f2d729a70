"""Run with the system Python that has LibreOffice's UNO (python3-uno):
`/usr/bin/python3 tests/uno_makro.py BOOK.xlsm PROFILE_DIR` prints JSON with the
VBA modules LibreOffice loads from the workbook and the macro each shape on
Beranda is bound to.  Used by tests/test_excel.py (LibreOffice is the only
program here that reads a VBA project and resolves a shape's macro)."""

import json
import os
import socket
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def _pv(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(path, profil):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(["soffice", "-env:UserInstallation=" + uno.systemPathToFileUrl(profil), "--headless",
                             "--norestore", "--nologo", "--accept=socket,host=127.0.0.1,port=%d;urp;" % port],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = uno.getComponentContext()
        resolver = ctx.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", ctx)
        for _ in range(240):
            try:
                rctx = resolver.resolve("uno:socket,host=127.0.0.1,port=%d;urp;StarOffice.ComponentContext" % port)
                break
            except Exception:
                time.sleep(0.5)
        desktop = rctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", rctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0,
                                           (_pv("Hidden", True), _pv("MacroExecutionMode", 0)))
        libs = doc.BasicLibraries
        out = {"modul": {n: list(libs.getByName(n).ElementNames) for n in libs.ElementNames}, "bentuk": {}}
        dp = doc.Sheets.getByName("Beranda").DrawPage
        for i in range(dp.Count):
            sh = dp.getByIndex(i)
            ev = sh.getEvents()
            for n in ev.ElementNames:
                props = {p.Name: p.Value for p in ev.getByName(n)}
                if props.get("Script"):
                    out["bentuk"][sh.Name] = {"event": n, "script": props["Script"]}
        doc.close(True)
        print(json.dumps(out))
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
