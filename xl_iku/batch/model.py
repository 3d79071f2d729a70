"""What a batch run produces: one `HasilBerkas` per workbook, one `HasilBatch`.

Its own module so the runner (which makes them) and the recap (which reads
them) both import it and not each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .pekerja import GAGAL, OK, STATUS_GALAT

EXIT_OK, EXIT_GALAT, EXIT_BERKAS = 0, 1, 2


@dataclass
class HasilBerkas:
    """The outcome of one workbook of the batch."""

    berkas: str  # relative path (the state key), or the argument for a missing input
    masukan: str
    keluaran: str | None
    dilewati: bool
    ringkasan: dict[str, Any]

    @property
    def status(self) -> str:
        return self.ringkasan["status"]

    def ke_json(self) -> dict[str, Any]:
        """One line of `--json-lines`."""
        r = self.ringkasan
        return {
            "berkas": self.berkas,
            "masukan": self.masukan,
            "keluaran": self.keluaran,
            "status": r["status"],
            "dilewati": self.dilewati,
            "kecamatan": r["kecamatan"],
            "kabupaten": r["kabupaten"],
            "tahun": r["tahun"],
            "jumlah_galat": r["jumlah_galat"],
            "jumlah_peringatan": r["jumlah_peringatan"],
            "detik": r.get("detik"),
            "ikm": r["ikm"],
            "akip": r["akip"],
            "indikator": r["indikator"],
            "galat": r["galat"],
            "pesan": r["pesan"],
        }


@dataclass
class HasilBatch:
    berkas: list[HasilBerkas]
    # Groups of relative paths that report the same kecamatan and year.
    konflik: list[list[str]] = field(default_factory=list)
    # Files without kecamatan name or year: they cannot go into the recap.
    tanpa_identitas: list[str] = field(default_factory=list)
    detik: float = 0.0
    jobs: int = 1
    # Peak RSS (MB) of each worker process, by pid.
    rss_pekerja: dict[int, float] = field(default_factory=dict)
    # CPU seconds the workers spent on the computed files.
    cpu_pekerja: float = 0.0

    @property
    def jumlah_dihitung(self) -> int:
        return sum(1 for b in self.berkas if not b.dilewati and b.status != GAGAL)

    @property
    def jumlah_dilewati(self) -> int:
        return sum(1 for b in self.berkas if b.dilewati)

    def hitung_status(self) -> dict[str, int]:
        n = {OK: 0, STATUS_GALAT: 0, GAGAL: 0}
        for b in self.berkas:
            n[b.status] += 1
        return n

    @property
    def kode_keluar(self) -> int:
        n = self.hitung_status()
        if n[GAGAL]:
            return EXIT_BERKAS
        if n[STATUS_GALAT] or self.konflik or self.tanpa_identitas:
            return EXIT_GALAT
        return EXIT_OK
