"""The `xl-iku` command (argparse + rich).  Every message is Indonesian.

The parser is the standard library's argparse with xl-iku's Indonesian
catalogue (cli/pengurai.py); each command lives in its own module, which
adds its parser (`daftarkan`) and runs it (`jalankan`, returning the exit
code).  `main` is the one error boundary.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..hasil import GALAT, STATUS_GALAT, STATUS_OK, STATUS_TANPA_DATA, Hasil
from ..pesan import KELUAR_BERKAS, KELUAR_DIBATALKAN, FileError, PemakaianError, PesanError, kalimat_tak_terduga
from . import batch, excel, impor, laporan, pdf, server
from .layar import angka, baris, err, gagal, inert, out, teks, warna
from .pengurai import Pengurai, bahasa_indonesia, bilangan_bulat, tulis_kesalahan, urai
from .pengurai import angka as jenis_angka

if TYPE_CHECKING:
    import argparse

    from rich.table import Table

DESKRIPSI = "xl-iku: menghitung Indikator Kinerja Utama kecamatan dari buku kerja Excel."
MAKS_TEMUAN = 20  # findings listed on screen; the rest are on the Validasi sheet
# The years the sample generator (template/contoh.data_contoh) can make, and
# how far its registers grow (1000: ±300.000 respondents, the benchmarks' largest;
# beyond, a typo like 1e9 would fill the memory before anything is written).
TAHUN_CONTOH = (2000, 2100)
SKALA_CONTOH = (0, 1000)


def _nilai(x) -> str:
    return inert(x) if isinstance(x, str) else angka(x)


def _tercapai(i) -> str:
    if i.status != STATUS_OK or i.tercapai is None:
        return "–"
    return "Ya" if i.tercapai else "Tidak"


def tabel_ringkas(h: Hasil, lebar: int = 80) -> Table:
    """One line per indicator at `lebar` columns (80 included).

    Every column but the name keeps its full width (a code is never cut:
    IKU-01 and IK-01 must stay two codes); the name takes what is left and
    ends in an ellipsis, and is left out below 8 columns.  Full names are in
    --json and the workbook.  Tercapai is the engine's decision (Ya/Tidak).
    """
    from rich.table import Table
    from rich.text import Text

    baris_tabel = []
    for i in h.indikator:
        if i.status == STATUS_GALAT:
            kategori = warna("galat", "red")
        elif i.status == STATUS_TANPA_DATA:
            kategori = warna("tanpa data", "yellow")
        else:
            kategori = teks(i.kategori or "–")
        baris_tabel.append((inert(i.kode), inert(i.nama), _nilai(i.target), _nilai(i.realisasi),
                            _nilai(i.capaian), kategori, _tercapai(i)))
    kepala = ("Kode", "Indikator", "Target", "Realisasi", "Capaian", "Kategori", "Tercapai")
    tetap = (0, 2, 3, 4, 5, 6)
    lain = [max([len(kepala[k])] + [len(str(b[k])) for b in baris_tabel]) for k in tetap]
    # One space after each column but the last (padding on the right only).
    sisa = lebar - sum(lain) - (len(kepala) - 1)
    # Too narrow for a useful name: no name column, rather than cut codes or numbers.
    dengan_nama = sisa >= 8
    lebar_nama = min(sisa, max([len(b[1]) for b in baris_tabel] or [8]))
    # No box: a border costs columns the names need; the header is underlined instead.
    judul = f"IKU Kecamatan {inert(h.kecamatan or '?')} — Tahun {h.tahun or '?'}"
    t = Table(title=judul, box=None, padding=(0, 1, 0, 0), pad_edge=False, title_justify="left",
              header_style="bold underline")
    t.add_column("Kode", no_wrap=True, min_width=lain[0])
    if dengan_nama:
        t.add_column("Indikator", no_wrap=True, overflow="ellipsis", width=lebar_nama)
    for col, w in zip(("Target", "Realisasi", "Capaian"), lain[1:4]):
        t.add_column(col, justify="right", no_wrap=True, min_width=w)
    t.add_column("Kategori", no_wrap=True, min_width=lain[4])
    t.add_column("Tercapai", no_wrap=True, min_width=lain[5])
    for kode, nama, *sisa_baris in baris_tabel:
        t.add_row(kode, *([Text(nama)] if dengan_nama else []), *sisa_baris)
    return t


def _tulis_json(h: Hasil, tujuan: str) -> None:
    doc = json.dumps(h.ke_json(), ensure_ascii=False, indent=2)
    if tujuan == "-":
        sys.stdout.write(doc + "\n")
        return
    import os
    import stat

    from ..io.atomic import alasan_os
    from ..laporan.tulis import tulis_dokumen

    data = (doc + "\n").encode("utf-8")
    try:
        biasa = stat.S_ISREG(os.lstat(tujuan).st_mode)
    except FileNotFoundError:
        biasa = True
    except OSError as e:
        raise FileError(f"Berkas JSON '{tujuan}' tidak dapat ditulis: {alasan_os(e)}.") from None
    if biasa:
        # Atomic, as the documents: a program reading the JSON never sees half of it,
        # and a failed write keeps the previous one.
        tulis_dokumen(Path(tujuan), data, "Berkas JSON")
        return
    try:  # /dev/stdout, a pipe, a link: written through, as asked
        Path(tujuan).write_bytes(data)
    except OSError as e:
        raise FileError(f"Berkas JSON '{tujuan}' tidak dapat ditulis: {alasan_os(e)}.") from None


def hitung(a: argparse.Namespace) -> int:
    from ..app import hitung_berkas

    lap = hitung_berkas(a.masukan, a.keluaran)
    h = lap.hasil
    if a.json is not None:
        _tulis_json(h, a.json)
    con = err if a.json == "-" else out
    con.print(tabel_ringkas(h, con.width))
    con.print()
    for t in h.temuan[:MAKS_TEMUAN]:
        con.print(baris((t.tingkat, "red" if t.tingkat == GALAT else "yellow"), f" {t.lembar}!{t.sel}: {t.pesan}"))
    if len(h.temuan) > MAKS_TEMUAN:
        con.print(f"… dan {len(h.temuan) - MAKS_TEMUAN} temuan lain (lihat lembar Validasi).")
    con.print(f"{h.jumlah_galat} galat, {h.jumlah_peringatan} peringatan. "
              f"Hasil ditulis ke {lap.keluaran} ({angka(lap.detik)} detik).")
    return lap.kode_keluar


def _belum_ada(tujuan: Path) -> None:
    if tujuan.exists():
        raise FileError(f"Berkas '{tujuan}' sudah ada; pilih nama lain agar isinya tidak tertimpa.")


def templat(a: argparse.Namespace) -> int:
    from ..template.build import buat

    _belum_ada(a.tujuan)
    buat(a.tujuan)
    out.print(f"Templat ditulis ke {a.tujuan}.")
    return 0


def contoh(a: argparse.Namespace) -> int:
    from ..template.build import buat
    from ..template.contoh import data_contoh

    _belum_ada(a.tujuan)
    peng, tabel = data_contoh(tahun=a.tahun, seed=a.seed, skala=a.skala)
    buat(a.tujuan, peng, tabel)
    out.print(f"Buku kerja contoh ditulis ke {a.tujuan}.")
    return 0


def versi(a: argparse.Namespace) -> int:
    out.print(__version__)
    return 0


def _daftarkan_hitung(sub) -> None:
    p = sub.add_parser("hitung", help="Validasi, hitung, dan isi lembar keluaran.",
                       description="Validasi, hitung, dan isi lembar keluaran.")
    p.add_argument("masukan", type=Path, metavar="BERKAS", help="Buku kerja IKU (.xlsx/.xlsm).")
    p.add_argument("-o", "--output", dest="keluaran", type=Path, metavar="BERKAS",
                   help="Tulis hasil ke berkas ini (bawaan: perbarui BERKAS masukan).")
    p.add_argument("--json", metavar="JALUR|-", help="Tulis hasil JSON ke JALUR, atau '-' untuk layar.")
    p.set_defaults(jalankan=hitung)


def _daftarkan_lain(sub) -> None:
    p = sub.add_parser("templat", help="Tulis templat kosong yang baru.", description="Tulis templat kosong yang baru.")
    p.add_argument("tujuan", nargs="?", type=Path, default=Path("IKU_template.xlsx"), metavar="BERKAS",
                   help="Berkas templat baru (bawaan: IKU_template.xlsx).")
    p.set_defaults(jalankan=templat)

    ket = "Tulis buku kerja contoh berisi data satu tahun Kecamatan Bathin Solapan."
    p = sub.add_parser("contoh", help=ket, description=ket)
    p.add_argument("tujuan", nargs="?", type=Path, default=Path("Contoh_IKU_Bathin_Solapan.xlsx"), metavar="BERKAS",
                   help="Berkas contoh baru (bawaan: Contoh_IKU_Bathin_Solapan.xlsx).")
    p.add_argument("--tahun", type=bilangan_bulat(*TAHUN_CONTOH), default=2024, metavar="TAHUN",
                   help=f"Tahun laporan, {TAHUN_CONTOH[0]}–{TAHUN_CONTOH[1]} (bawaan: 2024).")
    p.add_argument("--skala", type=jenis_angka(*SKALA_CONTOH), default=1.0, metavar="ANGKA",
                   help=f"Pengali jumlah baris register, {SKALA_CONTOH[0]}–{SKALA_CONTOH[1]}, untuk uji beban "
                        "(bawaan: 1).")
    p.add_argument("--seed", type=bilangan_bulat(), default=2024, metavar="N",
                   help="Benih acak; hasil sama untuk benih sama (bawaan: 2024).")
    p.set_defaults(jalankan=contoh)

    p = sub.add_parser("versi", help="Tampilkan versi xl-iku.", description="Tampilkan versi xl-iku.")
    p.set_defaults(jalankan=versi)


def buat_pengurai(lebar: int | None = None) -> Pengurai:
    """The whole command line; `lebar` fixes the help's width (the generated docs)."""
    # Help texts of the command list at column 16: Python 3.13 measures the
    # indented command names two columns wider than 3.11, and the reference
    # must read the same on both (pasang-excel takes a line of its own).
    p = Pengurai(prog="xl-iku", description=DESKRIPSI, lebar=lebar, posisi=16)
    sub = p.add_subparsers(dest="perintah", metavar="PERINTAH", title="Perintah", required=True)
    _daftarkan_hitung(sub)
    for modul in (batch, pdf, laporan, impor, excel, server):
        modul.daftarkan(sub)
    _daftarkan_lain(sub)
    return p


def main(argv: list[str] | None = None) -> None:
    """The error boundary of the command line.

    Usage errors → the command's usage line and one Indonesian sentence, exit
    2; `PesanError` → its sentence and its exit code (xl_iku.pesan); anything
    else → one sentence that says what was already written, never a
    traceback.  Nothing printed is read as markup or sent as a terminal
    control.
    """
    from ..dasar import proses

    proses.siapkan()
    argv = sys.argv[1:] if argv is None else list(argv)
    sub: Pengurai | None = None
    try:
        with bahasa_indonesia():
            args, sub = urai(buat_pengurai(), argv)
        sys.exit(args.jalankan(args))
    except KeyboardInterrupt:
        err.print("Dibatalkan.")
        sys.exit(KELUAR_DIBATALKAN)
    except PemakaianError as e:  # the command found the usage wrong: said on its usage line
        if sub is not None:
            with bahasa_indonesia():
                tulis_kesalahan(sub, e.pesan)
        else:  # pragma: no cover - the parser raises none
            gagal(err, e.pesan)
        sys.exit(e.kode_keluar)
    except PesanError as e:
        gagal(err, e.pesan)
        sys.exit(e.kode_keluar)
    except Exception as e:  # noqa: BLE001 - the boundary: a sentence, never a traceback
        gagal(err, kalimat_tak_terduga(type(e).__name__))
        sys.exit(KELUAR_BERKAS)
