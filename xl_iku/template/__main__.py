"""python -m xl_iku.template: regenerate workbook/IKU_template.xlsx."""

from pathlib import Path

from .build import buat

tujuan = Path(__file__).resolve().parents[2] / "workbook" / "IKU_template.xlsx"
buat(tujuan)
print(f"Templat ditulis ulang: {tujuan}")

from .contoh import data_contoh  # noqa: E402

contoh = tujuan.with_name("Contoh_IKU_Bathin_Solapan.xlsx")
buat(contoh, *data_contoh())
print(f"Contoh ditulis ulang: {contoh}")

from .contoh_baru import TAHUN_TARGET, data_contoh_baru, katalog  # noqa: E402

baru = tujuan.with_name("Contoh_IKU_Siak_Kecil_2026.xlsx")
peng, tbl, kantor = data_contoh_baru()
buat(baru, peng, tbl, tahun_target=TAHUN_TARGET, tabel_kantor=kantor, katalog_kantor=katalog())
print(f"Contoh periode baru ditulis ulang: {baru}")
