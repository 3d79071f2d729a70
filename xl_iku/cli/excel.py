"""`xl-iku pasang-excel`: the Hitung button for desktop Excel (Windows/macOS)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def pasang_excel(
    masukan: Optional[Path] = typer.Argument(
        None, help="Buku kerja IKU (.xlsx) yang diberi tombol Hitung; tidak diubah, hasilnya salinan .xlsm."),
    addin: bool = typer.Option(False, "--addin", help="Buat add-in xl_iku_addin.xlam (tombol 'Hitung IKU' di pita "
                                                      "Excel, untuk semua buku kerja IKU) alih-alih salinan .xlsm."),
    folder: Optional[Path] = typer.Option(None, "--folder", "-f", help="Folder hasil (bawaan: folder MASUKAN, "
                                                                      "atau folder kerja untuk --addin)."),
    timpa: bool = typer.Option(False, "--timpa", help="Timpa berkas hasil yang sudah ada."),
) -> None:
    """Pasang tombol Hitung untuk Excel desktop dengan Python lokal (xlwings)."""
    from ..excel.pasang import buat_addin, buat_xlsm
    from ..io.package import FileError

    try:
        if addin:
            a = buat_addin(folder or Path.cwd(), timpa=timpa)
        elif masukan is None:
            err.print("[bold red]Gagal:[/bold red] sebutkan buku kerja .xlsx, atau gunakan --addin.")
            raise typer.Exit(2)
        else:
            a = buat_xlsm(masukan, folder, timpa=timpa)
    except FileError as e:
        err.print(f"[bold red]Gagal:[/bold red] {e.pesan}")
        raise typer.Exit(2)
    if a.catatan:
        out.print(f"[yellow]Catatan:[/yellow] {a.catatan}")
    if addin:
        out.print(f"Ditulis: {a.berkas} dan {a.modul.name} (simpan keduanya di satu folder; jalur Python "
                  "tersimpan di lembar konfigurasi add-in).")
        out.print("Di Excel: File > Options > Add-ins > Manage: Excel Add-ins > Go > Browse, pilih "
                  f"{a.berkas.name}. Tab 'xl-iku' berisi tombol 'Hitung IKU'.")
    else:
        out.print(f"Ditulis: {a.berkas}, {a.modul.name} dan {a.konfigurasi.name} (simpan ketiganya di satu folder).")
        out.print(f"Buka {a.berkas.name}, aktifkan makro (Enable Content), lalu klik tombol Hitung di lembar Beranda. "
                  "Jangan mengganti nama berkasnya.")


def daftarkan(app: typer.Typer) -> None:
    app.command("pasang-excel")(pasang_excel)
