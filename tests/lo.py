"""Re-save workbooks with LibreOffice, many files in ONE soffice call (a call
costs seconds; tests share it through session-scoped fixtures)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ADA = shutil.which("soffice") is not None


def simpan_ulang(paths: list[Path], outdir: Path, timeout: int = 600) -> dict[Path, Path]:
    """xlsx → xlsx through LibreOffice Calc, with a private profile; returns
    {input: re-saved copy}.  Inputs must have distinct file names."""
    outdir.mkdir(parents=True, exist_ok=True)
    prof = outdir / ".lo-profil"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--norestore",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir), *map(str, paths)],
                   check=True, capture_output=True, timeout=timeout, env={**os.environ, "HOME": str(outdir)})
    out = {p: outdir / p.name for p in paths}
    hilang = [str(p) for p in out.values() if not p.exists()]
    assert not hilang, f"LibreOffice tidak menulis {hilang}"
    return out
