"""Torture of the catalogue as offices edit it (issue 19): each edit of the
bundled sample's tblIndikator or tblTarget is computed and summed up — exit
code, what each indicator became, and the findings at the edited cell.  No
edit may change a number silently: every changed realisasi must come with a
finding.

    python benchmarks/siksa_katalog.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.isi import tabel_di  # noqa: E402

CONTOH = ROOT / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"


def _baris(wb, kode):
    ws, t, (_, r1, _, r2), k = tabel_di(wb, "tblIndikator")
    for r in range(r1 + 1, r2 + 1):
        if ws.cell(r, k["Kode"]).value == kode:
            return ws, r, k
    raise KeyError(kode)


def hapus_ik08(wb):
    ws, r, k = _baris(wb, "IK-08")
    for c in k.values():
        ws.cell(r, c).value = None


def kode_ganda(wb):
    ws, r, k = _baris(wb, "IKP-04")
    ws.cell(r, k["Kode"]).value = "IK-08"


def cara_huruf_kecil(wb):
    ws, r, k = _baris(wb, "IK-08")
    ws.cell(r, k["Cara Hitung"]).value = "hitung baris"


def nilai_salah_ketik(wb):
    ws, r, k = _baris(wb, "IK-08")
    ws.cell(r, k["Pembilang"]).value = "Status = Tunts"


def kolom_salah_ketik(wb):
    ws, r, k = _baris(wb, "IK-08")
    ws.cell(r, k["Pembilang"]).value = "Stats = Tuntas"


def tabel_berganti_nama(wb):
    ws, r, k = _baris(wb, "IK-08")
    ws.cell(r, k["Tabel"]).value = "tblGangguan"


def kelompok_berganti_nama(wb):
    ws, t, (_, r1, _, r2), k = tabel_di(wb, "tblIndikator")
    for r in range(r1 + 1, r2 + 1):
        if ws.cell(r, k["Kelompok"]).value == "Indikator Pendukung":
            ws.cell(r, k["Kelompok"]).value = "Pendukung 2026"


def tahun_target_ditambah(wb):
    ws, t, (_, r1, _, r2), k = tabel_di(wb, "tblTarget")
    c = max(k.values()) + 1
    ws.cell(r1, c).value = "2027"
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import TableColumn
    t.ref = f"{t.ref.split(':')[0]}:{get_column_letter(c)}{r2}"
    t.tableColumns.append(TableColumn(id=len(t.tableColumns) + 1, name="2027"))
    if t.autoFilter is not None:
        t.autoFilter.ref = t.ref


def arah_tidak_dikenal(wb):
    ws, r, k = _baris(wb, "IK-08")
    ws.cell(r, k["Arah"]).value = "Menurun"


def parameter_berlebih(wb):
    ws, r, k = _baris(wb, "IK-01")
    ws.cell(r, k["Tabel"]).value = "tblSKM"


SUNTINGAN = [hapus_ik08, kode_ganda, cara_huruf_kecil, nilai_salah_ketik, kolom_salah_ketik, tabel_berganti_nama,
             kelompok_berganti_nama, tahun_target_ditambah, arah_tidak_dikenal, parameter_berlebih]


def _hitung(path: Path) -> tuple[int, dict]:
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(path), "--json", "-"],
                       capture_output=True, text=True, cwd=ROOT)
    return r.returncode, json.loads(r.stdout)


def main() -> int:
    with tempfile.TemporaryDirectory() as d:
        asal = Path(d) / "asal.xlsx"
        shutil.copy(CONTOH, asal)
        _, dasar = _hitung(asal)
        awal = {i["kode"]: i["realisasi"] for i in dasar["indikator"]}
        diam = 0
        for fn in SUNTINGAN:
            wb = openpyxl.load_workbook(CONTOH)
            fn(wb)
            p = Path(d) / f"{fn.__name__}.xlsx"
            wb.save(p)
            kode_keluar, doc = _hitung(p)
            baru = {i["kode"]: (i["realisasi"], i["status"]) for i in doc["indikator"]}
            temuan = [t for t in doc["temuan"] if t not in dasar["temuan"]]
            berubah = sorted(k for k in awal if k in baru and baru[k][0] != awal[k])
            hilang = sorted(set(awal) - set(baru))
            ada_temuan = bool(temuan)
            if (berubah or hilang) and not ada_temuan:
                diam += 1
            ringkas = "; ".join(f"{t['tingkat']} {t['lembar']}!{t['sel']}: {t['pesan'][:70]}" for t in temuan[:3])
            print(f"{fn.__name__:24} exit {kode_keluar}  berubah {berubah or '-'}  hilang {hilang or '-'}  "
                  f"temuan baru {len(temuan)}  {ringkas}")
        # A LibreOffice re-save of the new-period sample (its catalogue and office tables).
        if shutil.which("soffice"):
            from tests.lo import simpan_ulang

            # A copy: `hitung` without -o writes its results into the workbook.
            baru = Path(d) / "siak.xlsx"
            shutil.copy(ROOT / "workbook" / "Contoh_IKU_Siak_Kecil_2026.xlsx", baru)
            _, asli = _hitung(baru)
            simpan = simpan_ulang([baru], Path(d) / "lo")[baru]
            kode_keluar, lo = _hitung(simpan)
            beda = [i["kode"] for i, j in zip(asli["indikator"], lo["indikator"]) if i["realisasi"] != j["realisasi"]]
            print(f"{'simpan_ulang_libreoffice':24} exit {kode_keluar}  berubah {beda or '-'}  "
                  f"indikator {len(lo['indikator'])}/{len(asli['indikator'])}")
            diam += bool(beda)
        print(f"{len(SUNTINGAN) + 1} suntingan, {diam} perubahan angka tanpa temuan")
        return 1 if diam else 0


if __name__ == "__main__":
    raise SystemExit(main())
