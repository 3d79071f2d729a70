"""`xl-iku pasang-excel`: the Hitung button for desktop Excel (Windows/macOS)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..pesan import PemakaianError
from .layar import baris, out

if TYPE_CHECKING:
    import argparse


def daftarkan(sub) -> None:
    ket = "Pasang tombol Hitung untuk Excel desktop dengan Python lokal (xlwings)."
    p = sub.add_parser("pasang-excel", help=ket, description=ket)
    p.add_argument("masukan", nargs="?", type=Path, metavar="BERKAS",
                   help="Buku kerja IKU (.xlsx) yang diberi tombol Hitung; tidak diubah, hasilnya salinan .xlsm.")
    p.add_argument("--addin", action="store_true", help="Buat add-in xl_iku_addin.xlam (tombol 'Hitung IKU' di pita "
                                                         "Excel, untuk semua buku kerja IKU) alih-alih salinan .xlsm.")
    p.add_argument("-f", "--folder", type=Path, metavar="FOLDER",
                   help="Folder hasil (bawaan: folder BERKAS, atau folder kerja untuk --addin).")
    p.add_argument("--timpa", action="store_true", help="Timpa berkas hasil yang sudah ada.")
    p.set_defaults(jalankan=pasang_excel)


def pasang_excel(a: argparse.Namespace) -> int:
    from ..excel.pasang import buat_addin, buat_xlsm

    addin, masukan, folder, timpa = a.addin, a.masukan, a.folder, a.timpa
    if addin:
        a = buat_addin(folder or Path.cwd(), timpa=timpa)
    elif masukan is None:
        raise PemakaianError("Sebutkan buku kerja .xlsx, atau gunakan --addin.")
    else:
        a = buat_xlsm(masukan, folder, timpa=timpa)
    if a.catatan:
        out.print(baris(("Catatan:", "yellow"), f" {a.catatan}"))
    if addin:
        out.print(f"Ditulis: {a.berkas} dan {a.modul.name} (simpan keduanya di satu folder; jalur Python "
                  "tersimpan di lembar konfigurasi add-in).")
        out.print("Di Excel: File > Options > Add-ins > Manage: Excel Add-ins > Go > Browse, pilih "
                  f"{a.berkas.name}. Tab 'xl-iku' berisi tombol 'Hitung IKU'.")
    else:
        out.print(f"Ditulis: {a.berkas}, {a.modul.name} dan {a.konfigurasi.name} (simpan ketiganya di satu folder).")
        out.print(f"Buka {a.berkas.name}, aktifkan makro (Enable Content), lalu klik tombol Hitung di lembar Beranda. "
                  "Jangan mengganti nama berkasnya.")
    return 0
