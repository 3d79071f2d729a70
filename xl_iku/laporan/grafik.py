"""Charts for the documents, drawn with matplotlib (Agg, no display) as PNG bytes.

Bars are never drawn for a blocked or empty indicator: its row says why in
words instead, so a missing number can never be read as zero.
"""

from __future__ import annotations

import io
from decimal import Decimal

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from .. import kontrak as K
from ..hasil import STATUS_OK, HasilIndikator, Unsur
from ..referensi import Mutu
from . import teks

DPI = 200
WARNA_MUTU = {"A": "#C6EFCE", "B": "#DDEBF7", "C": "#FFEB9C", "D": "#FFC7CE"}
BIRU, HIJAU, ABU = "#1F4E79", "#1F7A3A", "#7F7F7F"


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": "xl-iku"})
    return buf.getvalue()


def _koma(digits: int):
    return FuncFormatter(lambda v, _pos: teks.angka(v, digits))


def batas_nrr(mutu: tuple[Mutu, ...]) -> list[tuple[str, float, float]]:
    """(mutu, from, to) on the NRR scale 1–4: the IKM bounds / 25 (88,31 → 3,5324)."""
    out = []
    for m in sorted(mutu, key=lambda m: m.batas_bawah):
        bawah = max(Decimal(1), m.batas_bawah / 25)
        out.append((m.mutu, float(bawah), float(m.batas_atas / 25)))
    return out


def nrr_unsur(unsur: list[Unsur], mutu: tuple[Mutu, ...]) -> bytes:
    """NRR per unsur on the 1–4 scale over the mutu bands of the Referensi sheet."""
    fig = Figure(figsize=(7.0, 4.2))
    ax = fig.add_subplot()
    pita = batas_nrr(mutu)
    for m, a, b in pita:
        ax.axvspan(a, b, color=WARNA_MUTU.get(m, "#EEEEEE"), zorder=0)
        ax.text((a + b) / 2, len(unsur) - 0.35, f"Mutu {m}", ha="center", va="bottom", fontsize=8, color="#404040")
    label = [f"{u.kode} {u.label}" for u in unsur][::-1]
    nilai = [u.nrr for u in unsur][::-1]
    for y, v in enumerate(nilai):
        if v is None:
            ax.text(1.05, y, "belum dapat dihitung", va="center", fontsize=8, color=ABU)
            continue
        ax.barh(y, v - 1, left=1, color=BIRU, height=0.6, zorder=2)
        ax.text(v + 0.03, y, teks.angka(v, 4), va="center", fontsize=8, zorder=3)
    ax.set_yticks(range(len(label)), label, fontsize=8)
    ax.set_xlim(1, 4.35)
    ax.set_ylim(-0.6, len(unsur) + 0.2)
    ax.xaxis.set_major_formatter(_koma(1))
    ax.set_xlabel("Nilai rata-rata (NRR), skala 1–4", fontsize=9)
    ax.set_title("NRR per unsur pelayanan dan batas mutu (PermenPANRB 14/2017)", fontsize=10)
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)
    return _png(fig)


def tren(tahun_nilai: dict[int, tuple], judul: str, tahun_laporan: int | None,
         tahun: list[int] | None = None) -> bytes:
    """Target and realisasi over the Renstra's years (tblTarget, tblRiwayat; this year's run)."""
    fig = Figure(figsize=(7.0, 3.4))
    ax = fig.add_subplot()
    th = list(tahun or K.TAHUN_IKU)

    def seri(i):
        pts = [(t, tahun_nilai.get(t, (None,) * 4)[i]) for t in th]
        return [(t, float(v)) for t, v in pts if isinstance(v, (int, float)) and not isinstance(v, bool)]

    tgt, real = seri(0), seri(1)
    if tgt:
        ax.plot([t for t, _ in tgt], [v for _, v in tgt], "--", color=ABU, marker="s", ms=4, label="Target")
    if real:
        ax.plot([t for t, _ in real], [v for _, v in real], "-", color=HIJAU, marker="o", ms=5, lw=2, label="Realisasi")
        for t, v in real:
            ax.annotate(teks.angka(v), (t, v), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=8,
                        fontweight="bold" if t == tahun_laporan else "normal")
    semua = [v for _, v in tgt + real]
    if semua:
        lo, hi = min(semua), max(semua)
        pad = max(1.0, (hi - lo) * 0.25)
        ax.set_ylim(lo - pad, hi + pad)
    else:
        ax.text(0.5, 0.5, "Belum ada data", transform=ax.transAxes, ha="center", color=ABU)
    ax.set_xticks(th, [str(t) for t in th])
    ax.yaxis.set_major_formatter(_koma(1))
    ax.set_title(judul, fontsize=10)
    ax.grid(axis="y", color="#DDDDDD")
    if tgt or real:
        ax.legend(fontsize=8, loc="lower right")
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)
    return _png(fig)


def target_realisasi(indikator: list[HasilIndikator]) -> bytes:
    """Target beside realisasi for every indicator with numbers; words for the rest."""
    n = len(indikator)
    fig = Figure(figsize=(7.0, 0.32 * n + 1.2))
    ax = fig.add_subplot()
    h = 0.38
    maks = 0.0
    for y, ind in enumerate(reversed(indikator)):
        tgt = ind.target if isinstance(ind.target, (int, float)) else None
        real = ind.realisasi if isinstance(ind.realisasi, (int, float)) and ind.status == STATUS_OK else None
        if tgt is not None:
            ax.barh(y + h / 2, tgt, height=h, color="#BFBFBF")
            maks = max(maks, tgt)
        if real is not None:
            ax.barh(y - h / 2, real, height=h, color=BIRU)
            ax.text(real + 1, y - h / 2, teks.angka(real), va="center", fontsize=6.5)
            maks = max(maks, real)
        else:
            if ind.status != STATUS_OK or ind.realisasi is None:
                kata = teks.realisasi(ind)
            else:  # IK-02: a predikat is no bar on this scale
                kata = f"predikat {ind.realisasi}" + (f" (target {ind.target})" if ind.target is not None else "")
            ax.text(1, y - h / 2, kata, va="center", fontsize=6.5, color="#C00000" if ind.status == "galat" else ABU)
    ax.set_yticks(range(n), [i.kode for i in reversed(indikator)], fontsize=7)
    ax.set_xlim(0, max(100.0, maks) * 1.12)
    ax.set_ylim(-0.7, n - 0.3)
    ax.xaxis.set_major_formatter(_koma(0))
    ax.legend(handles=[_kotak("#BFBFBF", "Target"), _kotak(BIRU, "Realisasi")], fontsize=7, loc="lower right")
    ax.set_title("Target dan realisasi per indikator", fontsize=10)
    ax.set_axisbelow(True)
    ax.grid(axis="x", color="#EEEEEE")
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)
    return _png(fig)


def _kotak(warna: str, label: str):
    from matplotlib.patches import Patch

    return Patch(color=warna, label=label)
