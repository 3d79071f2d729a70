"""The SKM publication poster: one A4 portrait page drawn whole by matplotlib.

Sized to be read printed on a notice board and on a phone screen (about
400 px wide): the IKM is the largest thing on the page, every other text is
at least 12 pt on A4.  Output .pdf (vector) or .png (150 dpi).
"""

from __future__ import annotations

import io
import textwrap

from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from ..hasil import STATUS_OK
from . import grafik
from . import teks as T
from .sumber import Bahan

A4 = (8.27, 11.69)  # inches
DPI_PNG = 150
BIRU_TUA = "#1F3864"
WARNA_MUTU = {"A": "#1F7A3A", "B": "#2F5597", "C": "#BF8F00", "D": "#C00000"}


def _periode(b: Bahan) -> str:
    h = b.hasil
    if h.periode is None:
        return f"Tahun {h.tahun or '…'}"
    if h.periode.triwulan:
        return h.periode.uraian
    return f"Tahun {h.tahun}"


def gambar(b: Bahan, format: str) -> bytes:
    h, ikm = b.hasil, b.hasil.ikm
    ind = h.indikator_survei()[0]  # the document is refused without one (laporan.berkas)
    berdiri = ind.status == STATUS_OK and ikm.nilai is not None
    fig = Figure(figsize=A4)
    fig.patch.set_facecolor("white")

    # Header band
    fig.patches.append(FancyBboxPatch((0, 0.855), 1, 0.145, boxstyle="square,pad=0", transform=fig.transFigure,
                                      facecolor=BIRU_TUA, edgecolor="none"))
    fig.text(0.5, 0.955, "HASIL SURVEI KEPUASAN MASYARAKAT", ha="center", va="center", color="white",
             fontsize=24, fontweight="bold")
    fig.text(0.5, 0.912, f"Kecamatan {h.kecamatan or '…'} · Kabupaten {h.kabupaten or '…'}", ha="center",
             va="center", color="white", fontsize=17)
    fig.text(0.5, 0.877, _periode(b), ha="center", va="center", color="#FFD966", fontsize=17, fontweight="bold")
    if h.jumlah_galat:
        # Not for publication yet: the workbook still has wrong data (KONTRAK §4).
        fig.text(0.5, 0.842, "BELUM FINAL: masih ada data yang salah; jangan dipublikasikan", ha="center",
                 va="center", fontsize=13, fontweight="bold", color="#C00000")

    # The IKM, large
    fig.text(0.5, 0.822, "INDEKS KEPUASAN MASYARAKAT (IKM)", ha="center", va="center", fontsize=16,
             color="#404040", fontweight="bold")
    if berdiri:
        warna = WARNA_MUTU.get(ikm.mutu or "", BIRU_TUA)
        fig.text(0.36, 0.735, T.angka(ikm.nilai), ha="center", va="center", fontsize=88, fontweight="bold",
                 color=warna)
        fig.patches.append(FancyBboxPatch((0.66, 0.675), 0.27, 0.12, boxstyle="round,pad=0.01",
                                          transform=fig.transFigure, facecolor=warna, edgecolor="none"))
        fig.text(0.795, 0.752, f"Mutu {ikm.mutu}", ha="center", va="center", fontsize=30, color="white",
                 fontweight="bold")
        fig.text(0.795, 0.703, ikm.kinerja or "", ha="center", va="center", fontsize=18, color="white")
    else:
        alasan = ("sebagian data survei masih salah" if ind.status == "galat"
                  else (ind.keterangan or "belum ada data"))
        fig.text(0.5, 0.745, "Belum dapat dihitung", ha="center", va="center", fontsize=40, fontweight="bold",
                 color="#7F7F7F")
        fig.text(0.5, 0.695, alasan, ha="center", va="center", fontsize=13, color="#7F7F7F", wrap=True)

    # Key facts
    fakta = [(T.bulat(ikm.responden), "responden")]
    if b.survei_awal:
        fakta.append((f"{T.tanggal(b.survei_awal)}", f"s.d. {T.tanggal(b.survei_akhir)}"))
    fakta.append(("9 unsur", f"bobot {ikm.bobot}"))
    for i, (besar, kecil) in enumerate(fakta):
        x = (i + 0.5) / len(fakta)
        fig.text(x, 0.635, besar, ha="center", va="center", fontsize=20 if i == 0 else 15, fontweight="bold",
                 color=BIRU_TUA)
        fig.text(x, 0.605, kecil, ha="center", va="center", fontsize=13, color="#404040")

    # Per-unsur bars (IKM unsur = NRR × 25, on the IKM scale the public knows)
    ax = fig.add_axes((0.37, 0.25, 0.53, 0.305))
    unsur = ikm.unsur
    pita = grafik.batas_nrr(b.referensi.mutu_ikm)
    for m, a, z in pita:
        ax.axvspan(a * 25, z * 25, color=grafik.WARNA_MUTU.get(m, "#EEEEEE"), zorder=0)
    for y, u in enumerate(reversed(unsur)):
        if u.ikm_unsur is None:
            ax.text(27, y, "–", va="center", fontsize=13, color="#7F7F7F")
            continue
        ax.barh(y, u.ikm_unsur - 25, left=25, height=0.62, color=WARNA_MUTU.get(u.mutu or "", BIRU_TUA), zorder=2)
        ax.text(u.ikm_unsur + 1, y, T.angka(u.ikm_unsur), va="center", fontsize=13, fontweight="bold", zorder=3)
    ax.set_yticks(range(len(unsur)), [textwrap.fill(u.label, 24) for u in reversed(unsur)], fontsize=12,
                  linespacing=0.95)
    ax.set_xlim(25, 108)
    ax.set_ylim(-0.6, len(unsur) - 0.4)
    ax.set_xticks([25, 50, 75, 100], ["25", "50", "75", "100"], fontsize=11)
    for s in ("top", "right", "left"):
        ax.spines[s].set_visible(False)
    ax.tick_params(axis="y", length=0)
    fig.text(0.5, 0.572, "Nilai per unsur pelayanan", ha="center", va="center", fontsize=16, fontweight="bold",
             color="#404040")

    # Short profile
    fig.text(0.5, 0.205, "Profil responden", ha="center", va="center", fontsize=16, fontweight="bold",
             color="#404040")
    for i, (judul, isi) in enumerate(_profil(ikm.profil)):
        x = (i + 0.5) / 3
        fig.text(x, 0.172, judul, ha="center", va="center", fontsize=12, color="#7F7F7F")
        for j, baris in enumerate(isi):
            fig.text(x, 0.145 - j * 0.026, baris, ha="center", va="center", fontsize=13, color="#262626")

    if berdiri and T.responden_kurang(ikm):
        # The public reads the caution too: a small sample is not hidden behind a large number.
        from ..kontrak import SAMPEL_POPULASI_BESAR

        acuan = ikm.sampel_minimum or SAMPEL_POPULASI_BESAR
        fig.text(0.5, 0.075, f"Catatan: {T.bulat(ikm.responden)} responden, kurang dari sampel minimum "
                             f"{T.bulat(acuan)}; hasil perlu dibaca dengan hati-hati.", ha="center", va="center",
                 fontsize=11, color="#843C0C", style="italic")

    # Footer
    fig.patches.append(FancyBboxPatch((0, 0), 1, 0.055, boxstyle="square,pad=0", transform=fig.transFigure,
                                      facecolor="#D9E1F2", edgecolor="none"))
    fig.text(0.5, 0.034, "Terima kasih atas partisipasi Bapak/Ibu dalam survei ini.", ha="center", va="center",
             fontsize=13, color=BIRU_TUA, fontweight="bold")
    fig.text(0.5, 0.013, f"Camat {h.kecamatan or '…'} · diolah menurut PermenPANRB 14/2017", ha="center",
             va="center", fontsize=10, color="#404040")

    buf = io.BytesIO()
    meta = {"Title": f"Hasil SKM Kecamatan {h.kecamatan or ''} {_periode(b)}", "Creator": "xl-iku"}
    if format == "pdf":
        fig.savefig(buf, format="pdf", metadata={**meta, "CreationDate": None})
    else:
        fig.savefig(buf, format="png", dpi=DPI_PNG, metadata={"Title": meta["Title"], "Software": "xl-iku"})
    return buf.getvalue()


def _profil(profil: dict[str, list[tuple[str, int]]]) -> list[tuple[str, list[str]]]:
    """Three short columns: gender, the two largest age groups, the two largest education levels."""
    out = []
    for judul, key, n in (("Jenis kelamin", "Jenis Kelamin", 2), ("Usia terbanyak", "Usia", 2),
                          ("Pendidikan terbanyak", "Pendidikan", 2)):
        isi = profil.get(key, [])
        total = sum(c for _, c in isi)
        if not total:
            out.append((judul, ["–"]))
            continue
        urut = isi if key == "Jenis Kelamin" else sorted(isi, key=lambda kv: -kv[1])
        out.append((judul, [f"{label} {T.angka(c / total * 100, 0)}%" for label, c in urut[:n]]))
    return out
