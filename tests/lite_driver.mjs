// Pyodide (xlwings Lite's Python runtime) under Node, offline, for tests/lite.py.
// argv: PYODIDE_DIR WHEEL...  Unpacks every wheel into site-packages, then
// answers one JSON request per stdin line, {"kode": python, "masukan": text},
// with one JSON line {"ok": true, "hasil": <the code's last value, a str>} or
// {"ok": false, "galat": traceback}.  Python's own output goes to stderr.
//
// xlwings Lite's client also answers on-demand reads: Python's
// `await rng.get_merge_cells()` etc. call `js.xlwings.getRangeData(sheet,
// address, keys)`.  Here that is answered from `globalThis.liteModel` (JSON
// from tests/xlwings_remote.py LiteSel.model(): per sheet its merged areas
// and non-General number formats), with the client's own key check and
// merge rule (xlwings Server's custom-scripts/workbook-metadata.js, loaded
// from the installed package when XL_IKU_XLWINGS_METADATA names it).
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

let metadata = null;
if (process.env.XL_IKU_XLWINGS_METADATA) {
  const src = fs.readFileSync(process.env.XL_IKU_XLWINGS_METADATA, "utf8");
  metadata = await import("data:text/javascript;base64," + Buffer.from(src).toString("base64"));
}

function ref(address) {
  const kol = (s) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const [a, b = a] = address.replaceAll("$", "").split(":");
  const [, c1, r1] = a.match(/^([A-Z]+)(\d+)$/);
  const [, c2, r2] = b.match(/^([A-Z]+)(\d+)$/);
  return [Number(r1), kol(c1), Number(r2), kol(c2)];
}

function huruf(n) {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

let modelTeks = null, model = {};
globalThis.rangeReads = 0;
globalThis.xlwings = {
  async getRangeData(sheetName, address, keys = ["values"]) {
    if (!metadata) throw new Error("getRangeData: XL_IKU_XLWINGS_METADATA not set");
    const readKeys = metadata.rangeReadKeys(Array.from(keys));
    if (globalThis.liteModel !== modelTeks) {
      modelTeks = globalThis.liteModel;
      model = JSON.parse(modelTeks || "{}");
    }
    globalThis.rangeReads += 1;
    const lembar = model[sheetName] || { merges: [], formats: {} };
    const [r1, c1, r2, c2] = ref(address);
    // Office.js's 0-based geometry, as mergeCellsState reads it.
    const range = { rowIndex: r1 - 1, columnIndex: c1 - 1, rowCount: r2 - r1 + 1, columnCount: c2 - c1 + 1 };
    const areas = lembar.merges
      .map(([a, c, b, d]) => ({ rowIndex: a - 1, columnIndex: c - 1, rowCount: b - a + 1, columnCount: d - c + 1 }))
      .filter((m) => m.rowIndex < range.rowIndex + range.rowCount && range.rowIndex < m.rowIndex + m.rowCount
        && m.columnIndex < range.columnIndex + range.columnCount && range.columnIndex < m.columnIndex + m.columnCount);
    const result = { address: address.replaceAll("$", ""), row_count: range.rowCount, column_count: range.columnCount };
    for (const key of readKeys) {
      if (key === "merge_cells") {
        result.merge_cells = metadata.mergeCellsState(range, areas);
      } else if (key === "merge_area") {
        const m = lembar.merges.find(([a, c, b, d]) => a <= r1 && r1 <= b && c <= c1 && c1 <= d);
        result.merge_area = m ? `${huruf(m[1])}${m[0]}:${huruf(m[3])}${m[2]}` : null;
      } else if (key === "number_format") {
        const formats = [];
        for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) formats.push(lembar.formats[`${r},${c}`] ?? "General");
        result.number_format = formats.every((f) => f === formats[0]) ? formats[0] : null;
      } else {
        throw new Error(`getRangeData: key ${key} not modelled`);
      }
    }
    return result;
  },
};

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
