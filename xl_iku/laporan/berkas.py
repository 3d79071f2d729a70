"""`xl-iku laporan`: which document, which file type, written atomically.

The output type follows OUT's suffix: .docx (editable) or .pdf for `skm` and
`lkjip` (the .docx converted by LibreOffice Writer), .pdf or .png for
`poster` (drawn by matplotlib).  The workbook is only read (`sumber.muat`).
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..io.package import FileError
from . import sumber
from .tulis import tulis_dokumen  # noqa: F401  (where the CLI and the documents take it)

JENIS = ("skm", "lkjip", "poster")
AKHIRAN = {"skm": (".docx", ".pdf"), "lkjip": (".docx", ".pdf"), "poster": (".pdf", ".png")}
NAMA = {"skm": "Laporan Hasil SKM", "lkjip": "Bab III LKjIP (Capaian Kinerja)", "poster": "Poster publikasi SKM"}


@dataclass
class HasilLaporan:
    keluaran: Path
    jumlah_galat: int
    detik: float
    catatan: list[str] = field(default_factory=list)


def _cek(jenis: str, out: Path) -> str:
    if jenis not in JENIS:
        raise FileError(f"Jenis laporan '{jenis}' tidak dikenal; pilih salah satu: {', '.join(JENIS)}.")
    akhiran = out.suffix.lower()
    if akhiran not in AKHIRAN[jenis]:
        raise FileError(f"Berkas keluaran '{out.name}' untuk laporan {jenis} harus berakhiran "
                        f"{' atau '.join(AKHIRAN[jenis])}.")
    if out.exists() and out.is_dir():
        raise FileError(f"'{out}' adalah folder; sebutkan nama berkas keluaran.")
    if not out.parent.exists():
        raise FileError(f"Folder '{out.parent}' untuk berkas keluaran tidak ada.")
    # Word's owner file drops the first two characters of long names (~$poran.docx).
    pemilik = ("~$" + out.name, "~$" + out.name[2:], f".~lock.{out.name}#")
    if any((out.parent / n).exists() for n in pemilik):
        raise FileError(f"Dokumen '{out.name}' sedang dibuka di Word atau LibreOffice; tutup dulu lalu jalankan lagi.")
    return akhiran


def _cek_responden(jenis: str, bahan: sumber.Bahan) -> None:
    """A survey report or poster on no respondent is refused: its main number
    (the IKM) cannot be computed (KONTRAK §4, "never empty")."""
    h = bahan.hasil
    if not h.indikator_survei():
        raise FileError(f"Katalog indikator buku kerja ini tidak memuat indikator dengan Cara Hitung 'Survei IKM', "
                        f"jadi {NAMA[jenis]} tidak dapat dibuat.")
    if h.ikm is not None and h.ikm.responden:
        return
    periode = h.periode.uraian if h.periode is not None else f"tahun {h.tahun or '…'}"
    raise FileError(f"Belum ada responden SKM pada {periode}, jadi {NAMA[jenis]} tidak dapat dibuat; "
                    "isi data survei di lembar SKM (atau periksa Tahun Laporan) lalu jalankan lagi.")


def docx_ke_pdf(docx: bytes, *, soffice: str | None = None, batas_waktu: float | None = None) -> bytes:
    """One LibreOffice Writer conversion in a private profile; AlatError when it is missing or fails."""
    from . import pdf as P

    exe = P.cari_soffice(soffice)
    with tempfile.TemporaryDirectory(prefix="xl-iku-laporan-") as tmp_s:
        tmp = Path(tmp_s)
        src = tmp / "laporan.docx"
        src.write_bytes(docx)
        (tmp / "pdf").mkdir()
        hasil = P.konversi(exe, src, tmp / "pdf", P.tulis_profil(tmp / "profil"),
                           batas_waktu or P.BATAS_WAKTU, saringan="writer_pdf_Export")
        return hasil.read_bytes()


def buat(jenis: str, masukan: str | Path, out: str | Path, *, hitung: bool = False, soffice: str | None = None,
         batas_waktu: float | None = None, gaya: str | Path | None = None) -> HasilLaporan:
    """Write document `jenis` of workbook `masukan` to `out`; `gaya` is the office's style .docx."""
    t0 = time.perf_counter()
    out = Path(out)
    akhiran = _cek(jenis, out)
    if gaya is not None and jenis == "poster":
        raise FileError("Opsi --gaya hanya untuk laporan skm dan lkjip (dokumen Word).")
    bahan = sumber.muat(masukan, hitung=hitung)
    if jenis in ("skm", "poster"):
        _cek_responden(jenis, bahan)
    if jenis == "poster":
        from . import poster

        data = poster.gambar(bahan, akhiran.lstrip("."))
    else:
        import io

        if jenis == "skm":
            from .skm import buat as susun
        else:
            from .lkjip import buat as susun
        from . import dokumen as D

        buf = io.BytesIO()
        doc = susun(bahan, Path(gaya) if gaya else None)
        D.metadata(doc, bahan.hasil)
        if bahan.hasil.jumlah_galat:
            D.tanda_belum_final(doc)
        doc.save(buf)
        data = buf.getvalue()
        if akhiran == ".pdf":
            data = docx_ke_pdf(data, soffice=soffice, batas_waktu=batas_waktu)

    tulis_dokumen(out, data, "Dokumen")
    return HasilLaporan(out, bahan.hasil.jumlah_galat, time.perf_counter() - t0, bahan.catatan)
