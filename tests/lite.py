"""xlwings Lite's real runtime for tests: Pyodide under Node, offline.

xlwings Lite runs the Hitung script in Pyodide inside Excel's task pane and
installs the packages of its requirements.txt with micropip, which honours
the wheel's environment markers for `sys_platform == 'emscripten'`.  Here:

* :func:`kebutuhan_lite` reads the built xl-iku wheel's `Requires-Dist` and
  keeps what the markers give Pyodide (Python 3.14, emscripten/wasm32);
* :func:`unduh` downloads those, as PyPI's `pyemscripten_2026_0_wasm32` or
  pure wheels (`python -m tests.lite unduh WHEEL FOLDER`, run by `.ci/run`);
* :class:`Pyodide` starts Node once (`tests/lite_driver.mjs`) with xl-iku's
  wheel and the downloaded ones unpacked into site-packages, and runs Python
  code there.

Where the assets are: `XL_IKU_PYODIDE` (the npm package `pyodide@314.0.7`'s
folder) and `XL_IKU_WASM` (the downloaded wheels); `.ci/run` provides both.
"""

from __future__ import annotations

import email.parser
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

PLATFORM = "pyemscripten_2026_0_wasm32"
PYTHON = "3.14"
DRIVER = Path(__file__).with_name("lite_driver.mjs")
# What Pyodide's interpreter reports for the PEP 508 markers.
LINGKUNGAN = {
    "sys_platform": "emscripten", "platform_system": "Emscripten", "platform_machine": "wasm32",
    "os_name": "posix", "implementation_name": "cpython", "platform_python_implementation": "CPython",
    "python_version": PYTHON, "python_full_version": PYTHON + ".0", "extra": "",
}


def kebutuhan_lite(wheel: str | os.PathLike) -> list[str]:
    """The wheel's requirements that xlwings Lite installs (markers evaluated for Pyodide)."""
    from packaging.requirements import Requirement

    with zipfile.ZipFile(wheel) as z:
        meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        msg = email.parser.Parser().parsestr(z.read(meta).decode("utf-8"))
    out = []
    for line in msg.get_all("Requires-Dist") or []:
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate(LINGKUNGAN):
            req.marker = None
            out.append(str(req))
    return out


def unduh(wheel: str | os.PathLike, folder: str | os.PathLike) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--only-binary=:all:", "--platform", PLATFORM,
         "--python-version", PYTHON, "--implementation", "cp", "--abi", "cp" + PYTHON.replace(".", ""),
         "-d", str(folder), *kebutuhan_lite(wheel)],
        check=True)
    return sorted(folder.glob("*.whl"))


class Pyodide:
    """One Node process running Pyodide with the given wheels installed."""

    def __init__(self, pyodide_dir: str | os.PathLike, wheels: list[Path]):
        env = dict(os.environ)
        meta = metadata_js()
        if meta is not None:
            env["XL_IKU_XLWINGS_METADATA"] = str(meta)
        self.proc = subprocess.Popen(
            ["node", str(DRIVER), str(pyodide_dir), *map(str, wheels)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            encoding="utf-8", env=env)
        self.mulai_ms = json.loads(self._baca())["mulai_ms"]

    def _baca(self) -> str:
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("Pyodide berhenti: " + self.proc.stderr.read()[-4000:])
        res = json.loads(line)
        if not res["ok"]:
            raise RuntimeError(res["galat"])
        return res["hasil"]

    def jalankan(self, kode: str, masukan: str = "") -> str:
        """Run `kode` (its last expression must be a str); returns that str."""
        self.proc.stdin.write(json.dumps({"kode": kode, "masukan": masukan}) + "\n")
        self.proc.stdin.flush()
        return self._baca()

    def tutup(self) -> None:
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()


def metadata_js() -> Path | None:
    """xlwings' Office.js client module that decides `getRangeData`'s merge state
    (installed with xlwings-server, a test dependency)."""
    import importlib.util

    spec = importlib.util.find_spec("xlwings_server")
    if spec is None or not spec.submodule_search_locations:
        return None
    p = Path(next(iter(spec.submodule_search_locations))) / "static/js/custom-scripts/workbook-metadata.js"
    return p if p.exists() else None


def aset() -> tuple[Path, list[Path]] | None:
    """(pyodide dir, lite wheels) when both are present, else None."""
    d, w = os.environ.get("XL_IKU_PYODIDE"), os.environ.get("XL_IKU_WASM")
    if not d or not w or not (Path(d) / "pyodide.mjs").exists():
        return None
    wheels = sorted(Path(w).glob("*.whl"))
    return (Path(d), wheels) if wheels else None


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "unduh":
        for p in unduh(sys.argv[2], sys.argv[3]):
            print(p.name)
    else:
        sys.exit("pemakaian: python -m tests.lite unduh WHEEL FOLDER")
