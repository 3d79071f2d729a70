"""`xl-iku batch`: a folder of generated workbooks (clean, galat, broken,
conflicting) → per-file outputs, JSON lines, recap, exit code; resume;
kill -9 midway and rerun; a worker that dies."""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from xl_iku.app import hitung_berkas
from xl_iku.batch import jalankan, pekerja
from xl_iku.batch.status import NAMA_JURNAL, NAMA_STATUS, VERSI
from xl_iku.template.contoh import data_contoh
from xl_iku.katalog import INDIKATOR
from xl_iku.template.build import buat

ROOT = Path(__file__).resolve().parents[1]
KODE = [i.kode for i in INDIKATOR]


def _buku(path: Path, kecamatan: str, seed: int, skala: float = 0.05, galat: bool = False) -> Path:
    peng, tabel = data_contoh(tahun=2024, seed=seed, skala=skala)
    peng["NamaKecamatan"] = kecamatan
    if galat:
        # An SKM answer 5 in a row dated in the reporting year (the first rows are last December's).
        tabel["tblSKM"][10]["U3"] = 5
    path.parent.mkdir(parents=True, exist_ok=True)
    buat(path, peng, tabel)
    return path


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xl_iku", "batch", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, **kw)


def _state(out: Path) -> dict:
    return json.loads((out / NAMA_STATUS).read_text(encoding="utf-8"))["berkas"]


def _buka(p: Path) -> None:
    """The output is a complete workbook: the zip is intact and openpyxl reads it."""
    with zipfile.ZipFile(p) as z:
        assert z.testzip() is None
    wb = openpyxl.load_workbook(p, read_only=True)
    assert "Validasi" in wb.sheetnames
    wb.close()


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("batch") / "masuk"
    _buku(d / "Bengkalis" / "mandau.xlsx", "Mandau", 1)
    _buku(d / "Bengkalis" / "pinggir.xlsx", "Pinggir", 2)
    _buku(d / "Bengkalis" / "bathin_solapan.xlsx", "Bathin Solapan", 3, skala=0.2)
    _buku(d / "Bengkalis" / "siak_kecil.xlsx", "Siak Kecil", 4)
    _buku(d / "galat" / "bantan.xlsx", "Bantan", 5, galat=True)
    _buku(d / "konflik" / "rupat.xlsx", "Rupat", 6)
    _buku(d / "konflik" / "rupat_kiriman_ulang.xlsx", "Rupat", 7)
    utuh = (d / "Bengkalis" / "mandau.xlsx").read_bytes()
    (d / "rusak.xlsx").write_bytes(utuh[: len(utuh) // 3])  # a truncated zip
    # Not workbooks of the batch: an Excel owner file, our own backup, a text file.
    (d / "Bengkalis" / "~$mandau.xlsx").write_bytes(b"\x00" * 165)
    shutil.copy(d / "Bengkalis" / "pinggir.xlsx", d / "Bengkalis" / "pinggir.bak.xlsx")
    (d / "catatan.txt").write_text("bukan buku kerja", encoding="utf-8")
    return d


BERKAS = ["Bengkalis/bathin_solapan.xlsx", "Bengkalis/mandau.xlsx", "Bengkalis/pinggir.xlsx",
          "Bengkalis/siak_kecil.xlsx", "galat/bantan.xlsx", "konflik/rupat.xlsx",
          "konflik/rupat_kiriman_ulang.xlsx", "rusak.xlsx"]


@pytest.fixture(scope="module")
def run1(folder: Path, tmp_path_factory):
    """First run through the CLI: outputs, JSON lines, recap."""
    kerja = tmp_path_factory.mktemp("run1")
    out, rekap, jl = kerja / "keluar", kerja / "rekap.xlsx", kerja / "hasil.jsonl"
    sebelum = {p: _sha(p) for p in folder.rglob("*") if p.is_file()}
    proc = _cli(str(folder), "-o", str(out), "--jobs", "2", "--rekap", str(rekap), "--json-lines", str(jl))
    sesudah = {p: _sha(p) for p in folder.rglob("*") if p.is_file()}
    baris = [json.loads(x) for x in jl.read_text(encoding="utf-8").splitlines()]
    return {"proc": proc, "out": out, "rekap": rekap, "baris": {b["berkas"]: b for b in baris},
            "n_baris": len(baris), "sebelum": sebelum, "sesudah": sesudah, "kerja": kerja}


def test_keluaran_per_berkas_dan_kode_keluar(folder, run1):
    proc, out = run1["proc"], run1["out"]
    assert proc.returncode == 2, proc.stdout + proc.stderr  # one unreadable file
    assert run1["sebelum"] == run1["sesudah"]  # inputs never modified
    assert run1["n_baris"] == len(BERKAS) and sorted(run1["baris"]) == BERKAS
    b = run1["baris"]
    assert b["rusak.xlsx"]["hasil"] == "gagal"
    assert b["rusak.xlsx"]["alasan"].endswith(".") and "rusak" in b["rusak.xlsx"]["alasan"]
    assert b["rusak.xlsx"]["keluaran"] is None and not (out / "rusak.xlsx").exists()
    bantan = b["galat/bantan.xlsx"]
    galat = [t for t in bantan["temuan"] if t["tingkat"] == "galat"]
    assert bantan["hasil"] == "galat" and len(galat) == 1 and galat[0]["lembar"] == "SKM"
    assert {i["kode"]: i for i in bantan["indikator"]}["IK-01"]["status"] == "galat"
    for rel in BERKAS[:4]:
        assert b[rel]["hasil"] == "ok", b[rel]
    for rel in BERKAS[:-1]:
        assert b[rel]["alasan"] is None and b[rel]["keluaran"].endswith(Path(rel).name)
        _buka(out / rel)
    # Nothing else was taken: no owner file, no backup, no .bak written in OUTDIR.
    dibuat = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.xls*") if not p.name.startswith("."))
    assert dibuat == BERKAS[:-1]
    # The console: the table and the problems, in Indonesian.
    assert "Hasil batch" in proc.stdout and "Tidak dapat dibaca" in proc.stdout
    assert "Konflik" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_json_lines_sama_dengan_json_per_berkas(folder, run1, tmp_path):
    """Each JSON line equals what `hitung` alone computes for that file."""
    """KONTRAK §4: the line is the `hitung --json` document (same keys, `indikator`
    the same list) plus berkas, keluaran, hasil, alasan, detik."""
    for rel, b in run1["baris"].items():
        if b["hasil"] == "gagal":
            assert set(b) >= {"versi", "indikator", "temuan", "berkas", "keluaran", "hasil", "alasan", "detik"}
            continue
        h = hitung_berkas(folder / rel, tmp_path / Path(rel).name).hasil.ke_json()
        tambahan = {"berkas", "keluaran", "hasil", "alasan", "detik"}
        assert set(b) == set(h) | tambahan
        assert {k: v for k, v in b.items() if k not in tambahan} == h, rel
        assert [i["kode"] for i in b["indikator"]] == KODE
        assert b["hasil"] == ("galat" if any(t["tingkat"] == "galat" for t in h["temuan"]) else "ok")
        assert isinstance(b["detik"], float) and b["alasan"] is None


def _sel_rekap(rekap: Path) -> tuple[dict[str, dict], list[list]]:
    wb = openpyxl.load_workbook(rekap)
    assert wb.sheetnames == ["Rekap", "Peringkat", "Masalah"]
    ws = wb["Rekap"]
    kepala1 = [c.value for c in ws[5]]
    kepala2 = [c.value for c in ws[6]]
    baris = {}
    for row in ws.iter_rows(min_row=7, values_only=True):
        if row[1] is None:
            continue
        d = {"tahun": row[3], "kabupaten": row[2], "galat": row[4], "peringatan": row[5], "berkas": row[-1],
             "indikator": {}}
        for k, kd in enumerate(KODE):
            c0 = 6 + 4 * k
            assert str(kepala1[c0]).startswith(kd)
            assert kepala2[c0:c0 + 4] == ["Target", "Realisasi", "Capaian (%)", "Kategori"]
            d["indikator"][kd] = dict(zip(("target", "realisasi", "capaian", "kategori"), row[c0:c0 + 4]))
        baris[row[1]] = d
    # Merged group headers, two-decimal numbers, conditional colours.
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert "G5:J5" in merged
    assert ws.cell(7, 7).number_format == "[$-421]#,##0.00"  # IKU-01 target: Indonesian whatever the locale
    assert len(ws.conditional_formatting) >= len(KODE)
    masalah = [list(r) for r in wb["Masalah"].iter_rows(min_row=5, values_only=True) if r[0] is not None]
    return baris, masalah


def _sama(a, b) -> bool:
    """Equal; floats to the 16 significant digits XlsxWriter stores (Excel keeps 15)."""
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-15, abs_tol=0)
    return a == b


def test_rekap_sama_dengan_json_per_berkas(run1):
    rekap, jl = _sel_rekap(run1["rekap"])
    b = run1["baris"]
    # Conflicting Rupat files and the unreadable one stay out of the Rekap.
    assert sorted(rekap) == ["Bantan", "Bathin Solapan", "Mandau", "Pinggir", "Siak Kecil"]
    for kec, row in rekap.items():
        src = b[row["berkas"]]
        assert src["kecamatan"] == kec and src["tahun"] == row["tahun"] and src["kabupaten"] == row["kabupaten"]
        assert (row["galat"], row["peringatan"]) == (sum(t["tingkat"] == "galat" for t in src["temuan"]),
                                                     sum(t["tingkat"] == "peringatan" for t in src["temuan"]))
        per_kode = {i["kode"]: i for i in src["indikator"]}
        for kd in KODE:
            for f in ("target", "realisasi", "capaian", "kategori"):
                assert _sama(row["indikator"][kd][f], per_kode[kd][f]), (kec, kd, f)
    # Blocked indicators are empty cells, not zero.
    assert rekap["Bantan"]["indikator"]["IK-01"]["realisasi"] is None


def test_masalah_dan_peringkat(run1):
    _, masalah = _sel_rekap(run1["rekap"])
    jenis = {(r[1], r[4]) for r in masalah}
    assert ("rusak.xlsx", "Tidak dapat dibaca") in jenis
    assert ("galat/bantan.xlsx", "Galat") in jenis
    assert ("konflik/rupat.xlsx", "Konflik") in jenis
    assert ("konflik/rupat_kiriman_ulang.xlsx", "Konflik") in jenis
    galat = next(r for r in masalah if r[4] == "Galat")
    assert galat[5] == "SKM" and galat[6] and "U3" in galat[7] and galat[8] == "Ya"
    konflik = next(r for r in masalah if r[1] == "konflik/rupat.xlsx")
    assert "rupat_kiriman_ulang.xlsx" in konflik[7] and konflik[8] == "Tidak"
    wb = openpyxl.load_workbook(run1["rekap"])
    ws = wb["Peringkat"]
    ikm = [(r[0], r[1], r[4]) for r in ws.iter_rows(min_row=6, max_col=6, values_only=True) if r[1]]
    b = run1["baris"]
    nilai = {x["kecamatan"]: {i["kode"]: i for i in x["indikator"]}["IK-01"]["realisasi"] for x in b.values()
             if x["hasil"] == "ok" and x["kecamatan"] != "Rupat"}
    # Ordered by IKM; Bantan's IK-01 is blocked by its galat: no IKM, no rank.
    assert [k for _, k, v in ikm if v is not None] == sorted(nilai, key=lambda k: -nilai[k])
    assert [v for _, k, v in ikm if v is not None] == sorted(nilai.values(), reverse=True)
    assert ikm[-1][:3] == (None, "Bantan", None) and ikm[0][0] == 1
    with zipfile.ZipFile(run1["rekap"]) as z:
        chart = z.read("xl/charts/chart1.xml").decode()
    assert "<c:barChart>" in chart and "Peringkat!$E$6:$E$9" in chart


def test_lanjut_lewati_semua_lalu_ulang(folder, run1):
    out = run1["out"]
    mtime = {rel: (out / rel).stat().st_mtime_ns for rel in BERKAS[:-1]}
    hb = jalankan([folder], out, jobs=2)
    per = {h.berkas: h for h in hb.berkas}
    assert all(per[rel].dilewati for rel in BERKAS[:-1])
    assert not per["rusak.xlsx"].dilewati and per["rusak.xlsx"].status == "gagal"  # retried, still broken
    assert hb.kode_keluar == 2 and hb.jumlah_dihitung == 0
    assert {rel: (out / rel).stat().st_mtime_ns for rel in BERKAS[:-1]} == mtime
    # Skipped files keep their numbers (from the state).
    assert per["Bengkalis/mandau.xlsx"].ke_json()["indikator"] == run1["baris"]["Bengkalis/mandau.xlsx"]["indikator"]
    st = _state(out)
    assert {rel: st[rel]["dihitung"] for rel in BERKAS[:-1]} == {rel: 1 for rel in BERKAS[:-1]}

    # --ulang recomputes everything.
    hb = jalankan([folder], out, jobs=2, ulang=True)
    assert hb.jumlah_dilewati == 0 and hb.jumlah_dihitung == 7
    assert all(_state(out)[rel]["dihitung"] == 2 for rel in BERKAS[:-1])


def test_lanjut_hanya_yang_berubah(folder, tmp_path):
    masuk = tmp_path / "masuk"
    shutil.copytree(folder / "Bengkalis", masuk, ignore=shutil.ignore_patterns("~$*", "*.bak.*"))
    out = tmp_path / "keluar"
    assert jalankan([masuk], out, jobs=2).jumlah_dihitung == 4
    # New content: recomputed.  Same content but touched after the output: recomputed (output older).
    _buku(masuk / "mandau.xlsx", "Mandau", 99)
    later = (out / "pinggir.xlsx").stat().st_mtime_ns + 1
    os.utime(masuk / "pinggir.xlsx", ns=(later, later))
    hb = jalankan([masuk], out, jobs=2)
    dihitung = sorted(h.berkas for h in hb.berkas if not h.dilewati)
    assert dihitung == ["mandau.xlsx", "pinggir.xlsx"]
    # An output deleted or edited by hand: recomputed.
    (out / "siak_kecil.xlsx").unlink()
    with open(out / "bathin_solapan.xlsx", "ab") as f:
        f.write(b"\0")
    hb = jalankan([masuk], out, jobs=2)
    assert sorted(h.berkas for h in hb.berkas if not h.dilewati) == ["bathin_solapan.xlsx", "siak_kecil.xlsx"]
    _buka(out / "bathin_solapan.xlsx")


def _tunggu_jurnal(out: Path, n: int, proc: subprocess.Popen, batas: float = 60) -> int:
    jurnal = out / NAMA_JURNAL
    t0 = time.monotonic()
    while time.monotonic() - t0 < batas:
        if jurnal.exists():
            k = jurnal.read_bytes().count(b"\n")
            if k >= n:
                return k
        if proc.poll() is not None:
            pytest.fail("batch selesai sebelum dihentikan: " + proc.stdout.read() + proc.stderr.read())
        time.sleep(0.005)
    pytest.fail("batch tidak maju")


def _grup_habis(pgid: int, batas: float = 10) -> bool:
    t0 = time.monotonic()
    while time.monotonic() - t0 < batas:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(scope="module")
def folder_besar(tmp_path_factory) -> Path:
    """16 workbooks (4 generated, each copied under 4 names)."""
    d = tmp_path_factory.mktemp("bunuh") / "masuk"
    for i in range(4):
        asal = _buku(d / f"k{i}_0.xlsx", f"Kecamatan {i}", 10 + i, skala=0.3)
        for j in range(1, 4):
            shutil.copy(asal, d / f"k{i}_{j}.xlsx")
    return d


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_bunuh_di_tengah_lalu_lanjut(folder_besar, tmp_path):
    out = tmp_path / "keluar"
    proc = subprocess.Popen([sys.executable, "-m", "xl_iku", "batch", str(folder_besar), "-o", str(out), "-j", "2"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    _tunggu_jurnal(out, 3, proc)
    # The group is frozen the moment the journal shows 3 files, so the kill
    # lands mid-batch however fast the machine is; then the parent alone is
    # killed and the workers thawed: they must notice and not carry on.
    os.killpg(proc.pid, signal.SIGSTOP)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    try:
        os.killpg(proc.pid, signal.SIGCONT)
    except ProcessLookupError:  # no worker left to thaw
        pass
    assert _grup_habis(proc.pid), "pekerja masih hidup setelah induknya dibunuh"
    # No half-written output: every workbook at its final place opens.
    selesai_sebelum = {}
    for baris in (out / NAMA_JURNAL).read_bytes().splitlines():
        e = json.loads(baris)
        selesai_sebelum[e["berkas"]] = e["keluaran_mtime_ns"]
    keluaran = {p.name for p in out.glob("*.xlsx")}
    assert 3 <= len(selesai_sebelum) < 16
    assert keluaran <= set(selesai_sebelum)  # only journaled outputs reached their final place
    for p in out.glob("*.xlsx"):
        _buka(p)
    # Rerun: finishes the set; what was finished before the kill is not computed again.
    hb = jalankan([folder_besar], out, jobs=2)
    per = {h.berkas: h for h in hb.berkas}
    assert len(per) == 16 and all(h.status == "ok" for h in per.values())
    for rel, mtime in selesai_sebelum.items():
        assert per[rel].dilewati, rel
        assert (out / rel).stat().st_mtime_ns == mtime
    assert hb.jumlah_dihitung == 16 - len(selesai_sebelum)
    st = _state(out)
    assert sorted(st) == sorted(per) and all(v["dihitung"] == 1 for v in st.values())
    for p in out.glob("*.xlsx"):
        _buka(p)
    assert not (out / NAMA_JURNAL).exists()
    assert not (out / ".xl-iku-batch.sementara").exists()
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".xl-iku-batch.json",
                                                                                ".xl-iku-batch.kunci"]


@pytest.mark.skipif(os.name != "posix", reason="SIGINT")
def test_ctrl_c_berhenti_rapi_lalu_lanjut(folder_besar, tmp_path):
    out = tmp_path / "keluar"
    proc = subprocess.Popen([sys.executable, "-m", "xl_iku", "batch", str(folder_besar), "-o", str(out), "-j", "2"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    _tunggu_jurnal(out, 2, proc)
    # Frozen the moment the journal shows 2 files, so Ctrl-C lands mid-batch
    # however fast the machine is; it reaches the whole foreground group.
    os.killpg(proc.pid, signal.SIGSTOP)
    os.killpg(proc.pid, signal.SIGINT)
    os.killpg(proc.pid, signal.SIGCONT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and "jalankan perintah yang sama" in err and "Traceback" not in err
    st = _state(out)  # the journal was folded into the state on the way out
    assert not (out / NAMA_JURNAL).exists() and 2 <= len(st) < 16
    hb = jalankan([folder_besar], out, jobs=2)
    assert hb.jumlah_dilewati == len(st) and hb.jumlah_dihitung == 16 - len(st)
    assert all(v["dihitung"] == 1 for v in _state(out).values())


def pekerja_mogok(tugas: dict) -> dict:
    """A worker that dies (as if killed by the OOM killer) on one file."""
    if "mogok" in tugas["berkas"]:
        os._exit(9)
    return pekerja.proses(tugas)


def test_pekerja_mati_tidak_menghentikan_batch(folder, tmp_path):
    masuk = tmp_path / "masuk"
    shutil.copytree(folder / "Bengkalis", masuk, ignore=shutil.ignore_patterns("~$*", "*.bak.*"))
    shutil.copy(masuk / "mandau.xlsx", masuk / "mogok.xlsx")
    hb = jalankan([masuk], tmp_path / "keluar", jobs=2, _fungsi=pekerja_mogok)
    per = {h.berkas: h for h in hb.berkas}
    assert per["mogok.xlsx"].status == "gagal" and "berhenti mendadak" in per["mogok.xlsx"].alasan
    assert all(per[r].status == "ok" for r in per if r != "mogok.xlsx")
    assert hb.kode_keluar == 2
    # Nothing computed twice although the pool was restarted.
    assert all(v["dihitung"] == 1 for v in _state(tmp_path / "keluar").values())


def test_masukan_tidak_ada_dan_folder_kosong(tmp_path):
    (tmp_path / "kosong").mkdir()
    proc = _cli(str(tmp_path / "kosong"), "-o", str(tmp_path / "keluar"))
    assert proc.returncode == 2 and "Gagal: Tidak ada buku kerja .xlsx/.xlsm" in proc.stderr
    proc = _cli(str(tmp_path / "hilang"), "-o", str(tmp_path / "keluar"), "--json-lines", "-")
    assert proc.returncode == 2
    baris = json.loads(proc.stdout.splitlines()[0])
    assert baris["hasil"] == "gagal" and "tidak ditemukan" in baris["alasan"]
    proc = _cli(str(tmp_path / "kosong"), "-o", str(tmp_path / "keluar"), "--rekap", str(tmp_path / "r.xls"))
    assert proc.returncode == 2 and ".xlsx" in proc.stderr


def test_jurnal_dari_batch_yang_terbunuh_dipulihkan(folder, tmp_path):
    """The crash windows a kill may hit, replayed by hand: an output journaled
    but not yet moved out of staging is published, not recomputed; a torn
    journal line and an unjournaled staged file are ignored."""
    from xl_iku.batch.status import NAMA_SEMENTARA, Status

    masuk = tmp_path / "masuk"
    masuk.mkdir()
    shutil.copy(folder / "Bengkalis" / "mandau.xlsx", masuk / "mandau.xlsx")
    shutil.copy(folder / "Bengkalis" / "pinggir.xlsx", masuk / "pinggir.xlsx")
    out = tmp_path / "keluar"
    jalankan([masuk], out, jobs=1)
    st = _state(out)
    # Pretend the batch died right after journaling mandau, before its rename,
    # and while pinggir was being staged (never journaled).
    e = dict(st["mandau.xlsx"], berkas="mandau.xlsx", id="sebelum-mati", sementara="abc.xlsx")
    sementara = out / NAMA_SEMENTARA
    sementara.mkdir(exist_ok=True)
    os.replace(out / "mandau.xlsx", sementara / "abc.xlsx")
    os.replace(out / "pinggir.xlsx", sementara / "def.xlsx")
    (out / NAMA_STATUS).write_text(json.dumps({"versi": VERSI, "berkas": {}}), encoding="utf-8")
    with open(out / NAMA_JURNAL, "w", encoding="utf-8") as f:
        f.write(json.dumps(e) + "\n" + '{"id": "terpotong", "berkas": "ping')
    s = Status.muat(out)
    assert sorted(s.berkas) == ["mandau.xlsx"] and s.berkas["mandau.xlsx"]["id"] == "sebelum-mati"
    assert (out / "mandau.xlsx").exists() and not (out / "pinggir.xlsx").exists()
    assert list(sementara.iterdir()) == [] and not (out / NAMA_JURNAL).exists()
    # Loading twice folds nothing twice.
    assert Status.muat(out).berkas["mandau.xlsx"]["dihitung"] == 1
    hb = jalankan([masuk], out, jobs=1)
    assert [h.berkas for h in hb.berkas if h.dilewati] == ["mandau.xlsx"]
    _buka(out / "mandau.xlsx")
    _buka(out / "pinggir.xlsx")


def test_folder_keluaran_dikunci(folder, tmp_path):
    from xl_iku.batch.status import Kunci
    from xl_iku.io.package import FileError

    out = tmp_path / "keluar"
    out.mkdir()
    k = Kunci(out)
    try:
        with pytest.raises(FileError, match="sedang dipakai oleh batch lain"):
            jalankan([folder / "Bengkalis" / "mandau.xlsx"], out, jobs=1)
    finally:
        k.lepas()


def test_status_bagian_dipakai_oleh_batch_gabungan(folder, tmp_path):
    """Shards computed into OUTDIR/<shard> by separate runs (one per machine)
    are reused by a final run over the whole input folder: nothing is
    recomputed, the recap covers every shard."""
    masuk = tmp_path / "masuk"
    for bagian, nama in (("a", "mandau"), ("a", "pinggir"), ("b", "siak_kecil")):
        (masuk / bagian).mkdir(parents=True, exist_ok=True)
        shutil.copy(folder / "Bengkalis" / f"{nama}.xlsx", masuk / bagian / f"{nama}.xlsx")
    out = tmp_path / "keluar"
    for bagian in ("a", "b"):
        assert jalankan([masuk / bagian], out / bagian, jobs=1).jumlah_dihitung >= 1
    hb = jalankan([masuk], out, jobs=1, rekap=tmp_path / "rekap.xlsx")
    assert hb.jumlah_dihitung == 0 and hb.jumlah_dilewati == 3 and hb.kode_keluar == 0
    wb = openpyxl.load_workbook(tmp_path / "rekap.xlsx", read_only=True)
    kec = sorted(r[1] for r in wb["Rekap"].iter_rows(min_row=7, values_only=True) if r[1])
    assert kec == ["Mandau", "Pinggir", "Siak Kecil"]


def test_dua_tahun_dan_tanpa_nama(tmp_path):
    """The same kecamatan in two years is no conflict (ranked per year, one
    chart per year); a workbook without NamaKecamatan stays out of the Rekap."""
    masuk = tmp_path / "masuk"
    masuk.mkdir()
    for tahun in (2023, 2024):
        peng, tabel = data_contoh(tahun=tahun, seed=tahun, skala=0.05)
        peng["NamaKecamatan"] = "Mandau"
        buat(masuk / f"mandau_{tahun}.xlsx", peng, tabel)
    peng, tabel = data_contoh(tahun=2024, seed=1, skala=0.05)
    peng["NamaKecamatan"] = None
    buat(masuk / "tanpa_nama.xlsx", peng, tabel)
    hb = jalankan([masuk], tmp_path / "keluar", jobs=2, rekap=tmp_path / "rekap.xlsx")
    assert hb.konflik == [] and hb.tanpa_identitas == ["tanpa_nama.xlsx"] and hb.kode_keluar >= 1
    wb = openpyxl.load_workbook(tmp_path / "rekap.xlsx")
    rows = [(r[1], r[3]) for r in wb["Rekap"].iter_rows(min_row=7, values_only=True) if r[1]]
    assert rows == [("Mandau", 2023), ("Mandau", 2024)]
    ikm = [(r[0], r[3]) for r in wb["Peringkat"].iter_rows(min_row=6, max_col=6, values_only=True) if r[1]]
    assert ikm == [(1, 2023), (1, 2024)]
    assert any(r[4] == "Tanpa identitas" and r[1] == "tanpa_nama.xlsx"
               for r in wb["Masalah"].iter_rows(min_row=5, values_only=True))
    with zipfile.ZipFile(tmp_path / "rekap.xlsx") as z:
        assert sum(n.startswith("xl/charts/chart") for n in z.namelist()) == 2


def test_masukan_diganti_di_tengah_lalu_dikembalikan_dihitung_lagi(tmp_path, monkeypatch):
    """An input replaced after the listing and before its worker reads it, then
    put back with its old mtime: the rerun computes it again (the state had
    the listing's checksum, so the rerun said "dilewati" and the recap kept
    the other kecamatan)."""
    from xl_iku.batch import runner

    masuk = tmp_path / "masuk"
    asli = _buku(masuk / "mandau.xlsx", "Mandau", 1)
    pengganti = _buku(tmp_path / "lain" / "pinggir.xlsx", "Pinggir", 2)
    data_asli, st = asli.read_bytes(), asli.stat()
    sidik_asli = runner._sidik

    def sidik_lalu_ganti(b):
        hasil = sidik_asli(b)
        shutil.copyfile(pengganti, b.masukan)
        return hasil

    monkeypatch.setattr(runner, "_sidik", sidik_lalu_ganti)
    out = tmp_path / "keluar"
    (h,) = jalankan([masuk], out, jobs=1).berkas
    assert h.ringkasan["kecamatan"] == "Pinggir"  # what the worker read
    assert _state(out)["mandau.xlsx"]["sha256"] == _sha(pengganti)  # and what the state says it computed

    monkeypatch.setattr(runner, "_sidik", sidik_asli)
    asli.write_bytes(data_asli)
    os.utime(asli, ns=(st.st_atime_ns, st.st_mtime_ns))
    (h,) = jalankan([masuk], out, jobs=1).berkas
    assert not h.dilewati and h.ringkasan["kecamatan"] == "Mandau"
    assert _state(out)["mandau.xlsx"]["sha256"] == _sha(asli)
    (h,) = jalankan([masuk], out, jobs=1).berkas
    assert h.dilewati and h.ringkasan["kecamatan"] == "Mandau"  # unchanged now: skipped
    assert not (out / ".xl-iku-batch.sementara").exists()  # the workers' copies are gone
