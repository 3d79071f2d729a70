import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


@pytest.fixture(scope="session")
def besar(tmp_path_factory) -> Path:
    """10× the sample's registers (SKM, Layanan, Pengaduan, Kamtibmas), built once per worker."""
    from xl_iku.template.build import buat
    from xl_iku.template.contoh import data_contoh

    path = tmp_path_factory.mktemp("besar") / "Besar_IKU.xlsx"
    peng, tabel = data_contoh(skala=10)
    buat(path, peng, tabel)
    return path
