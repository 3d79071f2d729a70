"""The command line's one error boundary and its screen: user text is never
read as markup, a failure after writing never says "tidak diubah", the exit
codes come from xl_iku.pesan, and the indicator table fits 80 columns."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import openpyxl
import pytest
from rich.console import Console

from tests import kasus
from tests.isi import isi
from xl_iku import kontrak as K
from xl_iku import pesan
from xl_iku.cli import main as cli


@pytest.fixture(scope="module")
def kurung(tmp_path_factory):
    """The hand-computed year with a Jenis Layanan that looks like rich markup."""
    t = kasus.tabel()
    t["tblLayanan"][1]["Jenis Layanan"] = "Surat [/x] Keterangan"
    return isi(tmp_path_factory.mktemp("kurung") / "kurung.xlsx", kasus.pengaturan(), t)


def test_teks_seperti_markup_tidak_merusak(kurung, tmp_path):
    out = tmp_path / "out.xlsx"
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(kurung), "-o", str(out), "--json", "-"],
                       capture_output=True, text=True, timeout=120)
    # The unknown Jenis Layanan is a galat (exit 1), printed as typed; no crash, no exit 2.
    assert r.returncode == 1, r.stderr
    assert "Jenis Layanan 'Surat [/x] Keterangan' tidak ada" in " ".join(r.stderr.split())
    assert "tak terduga" not in r.stderr and "Traceback" not in r.stderr
    doc = json.loads(r.stdout)
    assert any("Surat [/x] Keterangan" in t["pesan"] for t in doc["temuan"])
    assert out.exists()


def test_status_beranda_ditulis_oleh_hitung(kurung, tmp_path):
    out = tmp_path / "out.xlsx"
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(kurung), "-o", str(out)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert re.search(r"Hasil ditulis ke .* \(\d+,\d\d detik\)\.", " ".join(r.stdout.split())), r.stdout
    status = openpyxl.load_workbook(out)[K.LEMBAR_BERANDA][K.SEL_STATUS].value
    # 1 galat (the Jenis Layanan), 3 peringatan (the 2023 SKM row, the minimum sample, the empty tblUsulan).
    assert status.startswith("Terakhir dihitung ") and status.endswith(": 1 galat, 4 peringatan (lihat lembar Validasi).")  # + the small-sample caution (issue 21)
    # The rest of Beranda is the template's.
    src = openpyxl.load_workbook(kurung)[K.LEMBAR_BERANDA]
    ws = openpyxl.load_workbook(out)[K.LEMBAR_BERANDA]
    assert src[K.SEL_STATUS].value == "Belum dihitung."
    sel = {c.coordinate: c.value for row in src.iter_rows() for c in row if c.coordinate != K.SEL_STATUS}
    assert sel == {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.coordinate != K.SEL_STATUS}
    assert ws[K.SEL_STATUS].font.i == src[K.SEL_STATUS].font.i  # the template's style kept


def _jalan(monkeypatch, capsys, args):
    monkeypatch.setattr(sys, "argv", ["xl-iku", *args])
    with pytest.raises(SystemExit) as e:
        cli.main()
    o = capsys.readouterr()
    return e.value.code, o.out, o.err


def test_gagal_sesudah_menulis_tidak_mengaku_tidak_diubah(kurung, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(pesan, "_ditulis", {})

    def rusak(*a, **k):
        raise RuntimeError("layar")

    monkeypatch.setattr(cli, "tabel_ringkas", rusak)  # fails after the workbook was written
    out = tmp_path / "out.xlsx"
    kode, _, err = _jalan(monkeypatch, capsys, ["hitung", str(kurung), "-o", str(out)])
    teks = " ".join(err.split())
    assert kode == pesan.KELUAR_BERKAS and out.exists()
    assert "tidak diubah" not in teks
    assert f"hasil sudah ditulis ke '{out}'" in teks and "RuntimeError" in teks


def test_gagal_sebelum_menulis_tidak_diubah(kurung, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(pesan, "_ditulis", {})
    from xl_iku import engine

    def rusak(raw):
        raise RuntimeError("mesin")

    monkeypatch.setattr(engine, "hitung", rusak)
    out = tmp_path / "out.xlsx"
    kode, _, err = _jalan(monkeypatch, capsys, ["hitung", str(kurung), "-o", str(out)])
    assert kode == 2 and not out.exists()
    assert "berkas Anda tidak diubah" in " ".join(err.split())


@pytest.mark.parametrize("galat,kode", [(pesan.FileError("Berkas 'a.xlsx' rusak."), 2),
                                         (pesan.AlatError("LibreOffice tidak ditemukan."), 3),
                                         (pesan.ServerError("Port 8000 sudah dipakai.", 3), 3)])
def test_kode_keluar_dari_galatnya(galat, kode, monkeypatch, capsys, tmp_path):
    from xl_iku import app

    def rusak(*a, **k):
        raise galat

    monkeypatch.setattr(app, "hitung_berkas", rusak)
    k, out, err = _jalan(monkeypatch, capsys, ["hitung", str(tmp_path / "a.xlsx")])
    assert k == kode and err.strip() == f"Gagal: {galat.pesan}" and out == ""


def test_pemakaian_salah_yang_ditemukan_perintah(monkeypatch, capsys, tmp_path):
    """A usage error a command finds itself is said like the parser's: on the
    command's usage line, exit 2."""
    from xl_iku import app

    def rusak(*a, **k):
        raise pesan.PemakaianError("Sebutkan buku kerja.")

    monkeypatch.setattr(app, "hitung_berkas", rusak)
    k, out, err = _jalan(monkeypatch, capsys, ["hitung", str(tmp_path / "a.xlsx")])
    assert k == 2 and out == ""
    assert err.splitlines() == ["Cara pakai: xl-iku hitung [-h] [-o BERKAS] [--json JALUR|-] BERKAS",
                                "Ketik 'xl-iku hitung --help' untuk bantuan.", "Galat: Sebutkan buku kerja."]


def test_tak_terduga_menyebut_jenisnya_tanpa_traceback(monkeypatch, capsys, tmp_path):
    """Any other failure: one sentence naming its type (a real exception class,
    not a name matched as a string), exit 2."""
    from xl_iku import app

    def rusak(*a, **k):
        raise OverflowError("x")

    monkeypatch.setattr(app, "hitung_berkas", rusak)
    k, out, err = _jalan(monkeypatch, capsys, ["hitung", str(tmp_path / "a.xlsx")])
    assert k == 2 and "kesalahan tak terduga di xl-iku (OverflowError)" in " ".join(err.split())
    assert "Traceback" not in err


def test_ctrl_c_dibatalkan(monkeypatch, capsys, tmp_path):
    from xl_iku import app

    def sela(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(app, "hitung_berkas", sela)
    k, out, err = _jalan(monkeypatch, capsys, ["hitung", str(tmp_path / "a.xlsx")])
    assert k == pesan.KELUAR_DIBATALKAN and err.strip() == "Dibatalkan."


def test_pesan_dengan_kurung_siku_dicetak_apa_adanya(monkeypatch, capsys, tmp_path):
    from xl_iku import app

    def rusak(*a, **k):
        raise pesan.FileError("Berkas '[bold]x[/bold] [/y].xlsx' tidak ditemukan.")

    monkeypatch.setattr(app, "hitung_berkas", rusak)
    k, _, err = _jalan(monkeypatch, capsys, ["hitung", "x.xlsx"])
    assert k == 2 and "Berkas '[bold]x[/bold] [/y].xlsx' tidak ditemukan." in err


def test_tabel_80_kolom_satu_baris_per_indikator(kurung, tmp_path):
    from xl_iku.app import hitung_berkas

    h = hitung_berkas(kurung, tmp_path / "out.xlsx").hasil
    con = Console(width=80, record=True, file=open("/dev/null", "w"), color_system=None)
    con.print(cli.tabel_ringkas(h, 80))
    baris = con.export_text().splitlines()
    assert max(len(b) for b in baris) <= 80
    per_kode = [b for b in baris if b.split(" ", 1)[0] in {i.kode for i in h.indikator}]
    assert [b.split(" ", 1)[0] for b in per_kode] == [i.kode for i in h.indikator]  # one line each
    assert len(baris) == len(h.indikator) + 2  # title and header
    ikm = per_kode[0]
    assert "Indeks Kepuasan Masyara" in ikm and "…" in " ".join(per_kode)
    # 91,4751 → 91,48; 107,6178 → 107,62; Indonesian decimal comma.
    assert "91,48" in ikm and "107,62" in ikm and "Sangat Tinggi" in ikm
    # Issue 21, item 11: every code whole (IKU-01 and IK-01 are two codes), and a
    # "Tercapai" column saying what the engine decided.
    assert baris[1].split() == ["Kode", "Indikator", "Target", "Realisasi", "Capaian", "Kategori", "Tercapai"]
    for b, i in zip(per_kode, h.indikator):
        tercapai = "–" if i.status != "ok" or i.tercapai is None else ("Ya" if i.tercapai else "Tidak")
        assert b.split()[-1] == tercapai, (b, i.tercapai)


@pytest.mark.parametrize("lebar", [80, 72, 64])
def test_kode_tidak_pernah_terpotong(kurung, tmp_path, lebar):
    """At 80 columns and narrower, each code is printed whole and no two lines
    start alike (the name column shrinks, then goes, before a code is cut)."""
    from xl_iku.app import hitung_berkas

    h = hitung_berkas(kurung, tmp_path / "out.xlsx").hasil
    con = Console(width=lebar, record=True, file=open("/dev/null", "w"), color_system=None)
    con.print(cli.tabel_ringkas(h, lebar))
    baris = con.export_text().splitlines()
    assert max(len(b) for b in baris) <= lebar
    kode = [b.split(" ", 1)[0] for b in baris[2:]]
    assert kode == [i.kode for i in h.indikator]
    assert len(set(kode)) == len(kode)


# ------------------------------------------------------------------ inert text (issue 22, item 9)

KENDALI = "_x001B_]0;judul_x0007__x001B_[2J"  # how a workbook stores ESC ] 0 ; … BEL ESC [ 2 J in a cell


@pytest.fixture(scope="module")
def kendali(tmp_path_factory):
    """The hand-computed year with terminal commands in NamaKecamatan and in a
    Jenis Layanan (a galat whose message quotes the cell)."""
    p = kasus.pengaturan()
    p["NamaKecamatan"] = KENDALI + "Bathin Solapan"
    t = kasus.tabel()
    t["tblLayanan"][1]["Jenis Layanan"] = "Surat" + KENDALI
    return isi(tmp_path_factory.mktemp("kendali") / "kendali.xlsx", p, t)


def _tanpa_kendali(teks: str) -> None:
    # Captured (not a terminal), rich sends no styling: any control byte came from the workbook.
    sisa = {c for c in teks if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F}
    assert not sisa, sorted(sisa)


def test_teks_buku_kerja_dicetak_inert(kendali, tmp_path):
    r = subprocess.run([sys.executable, "-m", "xl_iku", "hitung", str(kendali), "-o", str(tmp_path / "o.xlsx")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1, r.stderr  # the unknown Jenis Layanan
    _tanpa_kendali(r.stdout + r.stderr)
    # Shown, escaped: the office sees what its cell holds.
    assert "IKU Kecamatan \\x1b]0;judul\\x07\\x1b[2JBathin Solapan" in r.stdout
    assert "Surat\\x1b]0;judul\\x07\\x1b[2J" in " ".join(r.stdout.split())


def test_batch_mencetak_inert(kendali, tmp_path):
    masuk = tmp_path / "masuk"
    masuk.mkdir()
    (masuk / "kendali.xlsx").write_bytes(kendali.read_bytes())
    r = subprocess.run([sys.executable, "-m", "xl_iku", "batch", str(masuk), str(tmp_path / "hilang\x1b[2J.xlsx"),
                        "-o", str(tmp_path / "keluar"), "-j", "1"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2, r.stderr  # the missing input
    _tanpa_kendali(r.stdout + r.stderr)
    assert "hilang\\x1b[2J.xlsx" in r.stdout


def test_nama_berkas_dalam_pesan_inert(tmp_path, monkeypatch, capsys):
    k, out, err = _jalan(monkeypatch, capsys, ["hitung", str(tmp_path / "a\x1b]0;x\x07.xlsx")])
    assert k == 2
    _tanpa_kendali(out + err)
    assert "a\\x1b]0;x\\x07.xlsx" in err


def test_inert():
    from xl_iku.cli.layar import inert

    assert inert("a\x1b[2J\x07b\x9bc\u202ed\udcffe\tf\ng") == "a\\x1b[2J\\x07b\\x9bc\\u202ed\\udcffe\\x09f\\x0ag"
    assert inert("baris\nkedua", baris_baru=True) == "baris\nkedua"
    assert inert("Bâthin Solapan — 84,21 %") == "Bâthin Solapan — 84,21 %"


def test_izin_ditolak_docx_bukan_buku_kerja(tmp_path, monkeypatch, capsys):
    """Issue 21, item 11: a .docx that cannot be written was called a "Buku kerja"."""
    from pathlib import Path

    from xl_iku.io import atomic

    def ditolak(folder, name):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic, "_mkstemp", ditolak)
    contoh = Path(__file__).resolve().parents[1] / "workbook" / "Contoh_IKU_Bathin_Solapan.xlsx"
    k, out, err = _jalan(monkeypatch, capsys, ["laporan", "skm", str(contoh), "-o", str(tmp_path / "Laporan.docx"),
                                               "--hitung"])
    teks = " ".join(err.split())
    assert k == 2 and "Gagal: Berkas 'Laporan.docx' tidak dapat disimpan" in teks, teks
    assert "Buku kerja" not in teks and not (tmp_path / "Laporan.docx").exists()
