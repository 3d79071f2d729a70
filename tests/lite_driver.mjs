// Pyodide (xlwings Lite's Python runtime) under Node, offline, for tests/lite.py.
// argv: PYODIDE_DIR WHEEL...  Unpacks every wheel into site-packages, then
// answers one JSON request per stdin line, {"kode": python, "masukan": text},
// with one JSON line {"ok": true, "hasil": <the code's last value, a str>} or
// {"ok": false, "galat": traceback}.  Python's own output goes to stderr.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { pathToFileURL } from "node:url";

const [dir, ...wheels] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
const t0 = performance.now();
const py = await loadPyodide({
  indexURL: dir + path.sep,
  stdout: (s) => process.stderr.write(s + "\n"),
  stderr: (s) => process.stderr.write(s + "\n"),
});
for (const whl of wheels) {
  py.unpackArchive(new Uint8Array(fs.readFileSync(whl)), "wheel");
}
const siap = { ok: true, hasil: JSON.stringify({ mulai_ms: performance.now() - t0 }) };
process.stdout.write(JSON.stringify(siap) + "\n");

const rl = readline.createInterface({ input: process.stdin });
for await (const line of rl) {
  if (!line.trim()) continue;
  const req = JSON.parse(line);
  let res;
  try {
    py.globals.set("MASUKAN", req.masukan ?? "");
    const hasil = await py.runPythonAsync(req.kode);
    res = { ok: true, hasil: hasil === undefined ? null : String(hasil) };
  } catch (e) {
    res = { ok: false, galat: String(e && e.message ? e.message : e) };
  }
  process.stdout.write(JSON.stringify(res) + "\n");
}
