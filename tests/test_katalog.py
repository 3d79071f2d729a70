"""The indicator catalogue (KONTRAK §5) of an office of its own: every number
below is computed by hand in the comment beside it."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import date

import openpyxl
import pytest
from openpyxl.worksheet.table import Table

from tests import kasus
from tests.isi import isi

KAT = "Kinerja Wilayah"


def _ind(kode, cara, kelompok=KAT, satuan="%", **kw):
    d = {"Kode": kode, "Kelompok": kelompok, "Indikator": f"Indikator {kode}", "Satuan": satuan,
         "Cara Hitung": cara}
    d.update(kw)
    return d


KATALOG = [
    _ind("IKU-01", "Survei IKM", kelompok="IKU", satuan="nilai"),
    _ind("W-01", "Nilai Diketik", satuan="nilai"),
    _ind("W-02", "Nilai Diketik", satuan="kasus", Arah="turun"),
    _ind("W-03", "hitung baris", Tabel="tblPerda", Saring="Jenis = Perda Ketertiban", Pembilang="Status = Selesai"),
    _ind("W-04", "Hitung Baris", Tabel="tblNilaiDesa", Pembilang="[Nilai 2024] > [Nilai 2023]"),
    _ind("W-05", "Jumlah Kolom", Tabel="tblKegiatan", Saring="Kelompok = Pembinaan Desa", Pembilang="Realisasi",
         Penyebut="Target"),
    _ind("W-06", "Hitung Baris", Tabel="tblPerda", Pembilang="Status = "),  # unreadable condition
    _ind("W-07", "Hitung Baris", Tabel="tblTidakAda", Pembilang="Status = Selesai"),  # no such table
    _ind("W-01", "Nilai Diketik"),  # the same Kode twice
    _ind("W-08", "Hitung Baris", Tabel="tblPerda", Pembilang="Staus = Selesai"),  # a header typo
]
BARIS_KATALOG = 5  # tblIndikator's first data row (template header row 4)


def _buku(tmp_path, ubah=None):
    p, t = kasus.pengaturan(), copy.deepcopy(kasus.tabel())
    t["tblIndikator"] = copy.deepcopy(KATALOG)
    t["tblRekapManual"] = []
    t["tblTarget"] = [{"Kode": "W-01", "2024": 80}, {"Kode": "W-02", "2024": 10}, {"Kode": "W-03", "2024": 60},
                      {"Kode": "W-04", "2024": 50}, {"Kode": "W-05", "2024": 80}]
    t["tblRiwayat"] = [{"Kode": "W-01", "Tahun": 2024, "Realisasi": 78.5},
                       {"Kode": "w-02 ", "Tahun": 2024, "Realisasi": 12}]  # a Kode compared ignoring case and spaces
    t["tblKegiatan"] = t["tblKegiatan"] + [
        {"No": 90, "Kelompok": "Pembinaan Desa", "Kegiatan": "Bimtek perangkat desa", "Target": 4, "Realisasi": 3},
        {"No": 91, "Kelompok": "Pembinaan Desa", "Kegiatan": "Evaluasi RKPDes", "Target": 2, "Realisasi": 2},
    ]
    if ubah:
        ubah(p, t)
    path = isi(tmp_path / "kantor.xlsx", p, t)
    wb = openpyxl.load_workbook(path)
    _tabel(wb, "Perda", "tblPerda", ["Tanggal", "Jenis", "Status"], [
        [date(2023, 5, 1), "Perda Ketertiban", "Selesai"],  # outside 2024: not counted
        [date(2024, 2, 1), "Perda Ketertiban", "Selesai"],
        [date(2024, 3, 1), "Perda Ketertiban", "Proses"],
        [date(2024, 4, 1), " perda  ketertiban", "selesai"],  # case and spaces ignored
        [date(2024, 5, 1), "Perda Pajak", "Selesai"],  # not in Saring
    ])
    _tabel(wb, "Nilai Desa", "tblNilaiDesa", ["Nama Desa", "Nilai 2023", "Nilai 2024"], [
        ["Desa A", 0.60, 0.65],  # rose
        ["Desa B", 0.70, 0.70],  # equal: not rose
        ["Desa C", 0.80, 0.75],  # fell
        ["Desa D", 0.50, 0.55],  # rose
        ["Desa E", 0.66, None],  # blank: a comparison with a blank does not hold
    ])
    wb.save(path)  # no "Kinerja Wilayah" sheet: the first run creates it
    return path


def _tabel(wb, lembar, nama, headers, rows):
    ws = wb.create_sheet(lembar)
    ws.append(headers)
    for r in rows:
        ws.append(r)
    ws.add_table(Table(displayName=nama, ref=f"A1:{chr(64 + len(headers))}{1 + len(rows)}"))


def _hitung(path, *args):
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(path), "--json", "-", *args],
                       capture_output=True, text=True, timeout=300)
    assert "Traceback" not in r.stderr, r.stderr
    return r, json.loads(r.stdout)


@pytest.fixture(scope="module")
def hasil(tmp_path_factory):
    path = _buku(tmp_path_factory.mktemp("katalog"))
    out = path.with_name("hasil.xlsx")
    r, doc = _hitung(path, "-o", str(out))
    return r, doc, out


def test_setiap_cara_dihitung_tangan(hasil):
    r, doc, _ = hasil
    ind = {i["kode"]: i for i in doc["indikator"]}
    assert list(ind) == ["IKU-01", "W-01", "W-02", "W-03", "W-04", "W-05", "W-06", "W-07", "W-08"]
    # Nilai Diketik: 78,5 against 80 → 78,5 / 80 × 100 = 98,125; not reached.
    assert ind["W-01"]["realisasi"] == 78.5 and ind["W-01"]["capaian"] == pytest.approx(98.125)
    assert ind["W-01"]["tercapai"] is False
    # Turun: 12 cases against a target of 10 → (2 × 10 − 12) / 10 × 100 = 80.
    assert ind["W-02"]["arah"] == "Turun" and ind["W-02"]["realisasi"] == 12
    assert ind["W-02"]["capaian"] == pytest.approx(80.0) and ind["W-02"]["tercapai"] is False
    # Hitung Baris with Saring: 3 Ketertiban rows in 2024, 2 of them Selesai → 66,67 %.
    assert ind["W-03"]["cara_hitung"] == "Hitung Baris"
    assert (ind["W-03"]["pembilang"], ind["W-03"]["penyebut"]) == (2, 3)
    assert ind["W-03"]["realisasi"] == pytest.approx(200 / 3)
    assert ind["W-03"]["capaian"] == pytest.approx(200 / 3 / 60 * 100) and ind["W-03"]["tercapai"] is True
    # % desa whose score rose: A and D of 5 → 40 %.
    assert (ind["W-04"]["pembilang"], ind["W-04"]["penyebut"]) == (2, 5) and ind["W-04"]["realisasi"] == 40.0
    # An office's own Kelompok of kegiatan: (3 + 2) / (4 + 2) × 100 = 83,33 %.
    assert (ind["W-05"]["pembilang"], ind["W-05"]["penyebut"]) == (5, 6)
    assert ind["W-05"]["realisasi"] == pytest.approx(500 / 6)
    assert {i["kelompok"] for i in doc["indikator"]} == {"IKU", KAT}


def test_sel_katalog_yang_salah_hanya_memblokir_indikatornya(hasil):
    r, doc, _ = hasil
    assert r.returncode == 1
    ind = {i["kode"]: i for i in doc["indikator"]}
    galat = {(t["lembar"], t["sel"]) for t in doc["temuan"] if t["tingkat"] == "galat"}
    w06 = BARIS_KATALOG + 6
    assert ("Indikator", f"L{w06}") in galat  # Pembilang of W-06
    assert ("Indikator", f"J{w06 + 1}") in galat  # Tabel of W-07
    assert ("Indikator", f"A{w06 + 2}") in galat  # the second W-01
    assert ("Indikator", f"L{w06 + 3}") in galat  # W-08's header typo
    for kode in ("W-06", "W-07", "W-08"):
        assert ind[kode]["status"] == "galat" and ind[kode]["realisasi"] is None, kode
    for kode in ("IKU-01", "W-01", "W-02", "W-03", "W-04", "W-05"):
        assert ind[kode]["status"] == "ok", kode
    pesan = " ".join(t["pesan"] for t in doc["temuan"])
    assert "Staus" in pesan and "Status" in pesan  # the typo and what was meant


def test_lembar_kelompok_baru_dibuat_dan_terisi(hasil):
    _, _, out = hasil
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[-1] == KAT  # appended: no other sheet's index (and print titles) moves
    assert wb.defined_names.get("_xlnm.Print_Titles", wb.sheetnames.index(KAT)) is not None or \
        wb[KAT].print_title_rows == "1:5"
    teks = {str(c.value) for row in wb[KAT].iter_rows() for c in row if c.value is not None}
    assert "Indikator W-01" in teks and "Indikator W-05" in teks
    assert "Indikator W-01" not in {str(c.value) for row in wb["IKU"].iter_rows() for c in row}


def test_kelompok_kegiatan_salah_ketik_galat_di_selnya(tmp_path):
    def ubah(p, t):
        t["tblKegiatan"].append({"No": 92, "Kelompok": "Pembinan Desa", "Kegiatan": "x", "Target": 1, "Realisasi": 1})
    r, doc = _hitung(_buku(tmp_path, ubah))
    ind = {i["kode"]: i for i in doc["indikator"]}
    galat = [t for t in doc["temuan"] if t["tingkat"] == "galat" and t["lembar"] == "Kegiatan"]
    assert len(galat) == 1 and "Pembinaan Desa" in galat[0]["pesan"]  # the extended list names the office's value
    assert ind["W-05"]["status"] == "galat"  # its Saring reads Kelompok
    assert ind["W-03"]["status"] == "ok"


def test_contoh_periode_baru(tmp_path):
    """The bundled new-period sample (Siak Kecil, TahunLaporan 2026, targets 2026–2030)."""
    from pathlib import Path

    sampel = Path(__file__).resolve().parent.parent / "workbook" / "Contoh_IKU_Siak_Kecil_2026.xlsx"
    r, doc = _hitung(sampel, "-o", str(tmp_path / "siak.xlsx"))
    assert r.returncode == 0, r.stdout
    ind = {i["kode"]: i for i in doc["indikator"]}
    assert doc["tahun"] == 2026 and list(ind)[:2] == ["IKU-01", "IKU-02"]
    # Typed score 81,25 against 80 → 101,5625.
    assert ind["IKU-02"]["realisasi"] == 81.25 and ind["IKU-02"]["capaian"] == pytest.approx(101.5625)
    # Turun: 13 cases against 15 → (30 − 13) / 15 × 100 = 113,33.
    assert ind["KW-01"]["capaian"] == pytest.approx(1700 / 15) and ind["KW-01"]["tercapai"] is True
    # tblPerda: rows 0, 6, 12, 18 of 24 are "Dalam Proses" (contoh_baru), 20 Ditindak → 83,33 < 85.
    assert (ind["KW-02"]["pembilang"], ind["KW-02"]["penyebut"]) == (20, 24) and ind["KW-02"]["tercapai"] is False
    assert ind["KW-03"]["penyebut"] == 18  # one row per desa
    assert ind["IKU-01"]["target"] == 82 and {i["kelompok"] for i in doc["indikator"]} == {
        "IKU", "Indikator Kinerja", "Kinerja Wilayah"}
    wb = openpyxl.load_workbook(tmp_path / "siak.xlsx")
    iku = [[c.value for c in row] for row in wb["IKU"].iter_rows()]
    assert any(row[5] == 2030 for row in iku if len(row) > 5)  # the IKU sheet over tblTarget's years


def test_rekap_dua_katalog_berbeda(tmp_path):
    """The batch recap over two kecamatan with different catalogues (KONTRAK §5):
    columns are the union of Kode and Indikator in first-seen order, a kecamatan
    without an indicator shows "—", never 0, and each gets "tercapai / jumlah"."""
    import shutil
    from pathlib import Path

    wb_dir = Path(__file__).resolve().parent.parent / "workbook"
    masuk = tmp_path / "masuk"
    masuk.mkdir()
    shutil.copy(wb_dir / "Contoh_IKU_Bathin_Solapan.xlsx", masuk / "a_bathin.xlsx")
    shutil.copy(wb_dir / "Contoh_IKU_Siak_Kecil_2026.xlsx", masuk / "b_siak.xlsx")
    rekap = tmp_path / "rekap.xlsx"
    r = subprocess.run([sys.executable, "-m", "xl_iku", "batch", str(masuk), "-o", str(tmp_path / "keluar"), "-j", "1",
                        "--rekap", str(rekap)], capture_output=True, text=True, timeout=600)
    assert "Traceback" not in r.stderr, r.stderr
    dok = {}
    for f in ("a_bathin", "b_siak"):
        _, d = _hitung(masuk / f"{f}.xlsx")
        dok[d["kecamatan"]] = d
    ws = openpyxl.load_workbook(rekap)["Rekap"]
    kepala = [c.value for c in ws[5]]
    kolom = {str(v).split(" — ")[0] + " — " + str(v).split(" — ")[1].rsplit(" (", 1)[0]: i
             for i, v in enumerate(kepala) if v and " — " in str(v)}
    bathin = [(i["kode"], i["nama"]) for i in dok["Bathin Solapan"]["indikator"]]
    siak = [(i["kode"], i["nama"]) for i in dok["Siak Kecil"]["indikator"]]
    harap = list(dict.fromkeys(bathin + siak))  # first-seen order
    assert list(kolom) == [f"{k} — {n}" for k, n in harap]
    baris = {row[1]: row for row in ws.iter_rows(min_row=7, values_only=True) if row[1]}
    # KW-01 is Siak Kecil's only: a dash in Bathin Solapan's row.
    c = kolom["KW-01 — Jumlah Pelanggaran Peraturan Daerah"]
    assert baris["Bathin Solapan"][c:c + 4] == ("—", "—", "—", "—")
    assert baris["Siak Kecil"][c + 1] == 13
    # IK-01 means another indicator in each catalogue: two columns, never merged by code alone.
    assert sum(1 for k in kolom if k.startswith("IK-01 — ")) == 2
    for kec, d in dok.items():
        tercapai = sum(1 for i in d["indikator"] if i["tercapai"] is True)
        assert baris[kec][kepala.index("Tercapai / Jumlah Indikator")] == f"{tercapai} / {len(d['indikator'])}"


def test_lembar_kelompok_baru_dari_tombol_excel(tmp_path):
    """The Excel button (xlwings' remote book, as Lite and Server run it) adds
    the new Kelompok's sheet and fills it, like the file path."""
    from tests import xlwings_remote as xr
    from xl_iku.excel import hitung

    src = _buku(tmp_path)
    out = tmp_path / "tombol.xlsx"
    run = xr.run_remote(src, hitung, out)
    assert any(a["func"] == "addSheet" for a in run.actions)
    wb = openpyxl.load_workbook(out)
    assert KAT in wb.sheetnames
    teks = {str(c.value) for row in wb[KAT].iter_rows() for c in row if c.value is not None}
    assert "Indikator W-01" in teks and "Indikator W-05" in teks


def test_lkjip_turun_tidak_disebut_tercapai(tmp_path):
    """A Turun indicator above its Renstra target is not "reached" in the LKjIP:
    13 cases against 11 for 2030 is 2 above it (lower is better)."""
    from pathlib import Path

    from docx import Document

    sampel = Path(__file__).resolve().parent.parent / "workbook" / "Contoh_IKU_Siak_Kecil_2026.xlsx"
    hasil = tmp_path / "siak.xlsx"
    _hitung(sampel, "-o", str(hasil))
    out = tmp_path / "lkjip.docx"
    r = subprocess.run([sys.executable, "-m", "xl_iku", "laporan", "lkjip", str(hasil), "-o", str(out)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    teks = "\n".join(p.text for p in Document(str(out)).paragraphs)
    bagian = teks[teks.index("KW-01 Jumlah Pelanggaran"):teks.index("KW-02 Persentase")]
    assert "masih 2,00 di atas target itu" in bagian and "sudah mencapai" not in bagian


def test_sel_gabung_di_target_kode_kantor_memblokir_indikatornya(tmp_path):
    """A merged range over tblTarget's 2026 and 2027 cells of KW-02 (a code of the
    office's own catalogue): a galat at the range that blocks KW-02 — the target of
    2027 would read as blank — and no other indicator."""
    from pathlib import Path

    sampel = Path(__file__).resolve().parent.parent / "workbook" / "Contoh_IKU_Siak_Kecil_2026.xlsx"
    wb = openpyxl.load_workbook(sampel)
    ws = next(ws for ws in wb.worksheets if "tblTarget" in ws.tables)
    c1, r1, c2, r2 = openpyxl.utils.range_boundaries(ws.tables["tblTarget"].ref)
    kol = {ws.cell(r1, c).value: c for c in range(c1, c2 + 1)}
    baris = next(r for r in range(r1 + 1, r2 + 1) if ws.cell(r, kol["Kode"]).value == "KW-02")
    ws.merge_cells(start_row=baris, end_row=baris, start_column=kol["2026"], end_column=kol["2027"])
    p = tmp_path / "gabung.xlsx"
    wb.save(p)
    r, doc = _hitung(p, "-o", str(tmp_path / "keluar.xlsx"))
    assert r.returncode == 1, r.stdout
    rentang = f"{openpyxl.utils.get_column_letter(kol['2026'])}{baris}:{openpyxl.utils.get_column_letter(kol['2027'])}{baris}"
    galat = [t for t in doc["temuan"] if t["tingkat"] == "galat"]
    assert [(t["sel"], t["kode"]) for t in galat] == [(rentang, "KW-02")]
    status = {i["kode"]: i["status"] for i in doc["indikator"]}
    assert status.pop("KW-02") == "galat" and set(status.values()) == {"ok"}


def test_beranda_menyebut_lembar_keluaran_katalognya():
    """Beranda's printing step names the catalogue's own output sheets (the
    new-period sample has Kinerja Wilayah, and no Indikator Pendukung)."""
    from pathlib import Path

    import python_calamine as pc

    folder = Path(__file__).resolve().parent.parent / "workbook"
    langkah = {}
    for nama in ("IKU_template", "Contoh_IKU_Siak_Kecil_2026"):
        g = pc.CalamineWorkbook.from_path(str(folder / f"{nama}.xlsx")).get_sheet_by_name("Beranda").to_python()
        langkah[nama] = next(c for r in g for c in r if isinstance(c, str) and c.startswith("5."))
    assert langkah["IKU_template"].startswith("5. Cetak lembar IKU, Indikator Kinerja, Indikator Pendukung dan Hasil SKM")
    assert langkah["Contoh_IKU_Siak_Kecil_2026"].startswith(
        "5. Cetak lembar IKU, Indikator Kinerja, Kinerja Wilayah dan Hasil SKM")
