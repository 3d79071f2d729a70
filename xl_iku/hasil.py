"""What a run produces: indicator results, the SKM and AKIP details, temuan.

`ke_json` is the KONTRAK §4 document.  Personal data (names, NIP) is never
part of these objects except `Penandatangan`, which `ke_json` leaves out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

GALAT = "galat"
PERINGATAN = "peringatan"
STATUS_OK = "ok"
STATUS_GALAT = "galat"
STATUS_TANPA_DATA = "tanpa_data"


@dataclass(frozen=True)
class Temuan:
    tingkat: Literal["galat", "peringatan"]
    lembar: str
    sel: str
    pesan: str
    kode: str | None = None
    # Internal: the table the finding is about, for blocking its readers.
    tabel: str | None = None
    # Internal: block only these codes instead of every reader of `tabel`.
    blokir: tuple[str, ...] | None = None

    def ke_json(self) -> dict[str, Any]:
        return {
            "tingkat": self.tingkat,
            "lembar": self.lembar,
            "sel": self.sel,
            "kode": self.kode,
            "pesan": self.pesan,
        }


@dataclass
class HasilIndikator:
    kode: str
    nama: str
    satuan: str
    target: float | str | None = None
    realisasi: float | str | None = None
    capaian: float | None = None
    kategori: str | None = None
    # Decided once, in the engine (KONTRAK §3): every consumer reads this.
    tercapai: bool | None = None
    status: str = STATUS_OK
    keterangan: str = ""
    pembilang: float | None = None
    penyebut: float | None = None
    # The catalogue row's (KONTRAK §5): the output sheet, Naik/Turun, the kind.
    kelompok: str = ""
    arah: str = "Naik"
    cara_hitung: str = ""

    def ke_json(self) -> dict[str, Any]:
        return {
            "kode": self.kode,
            "nama": self.nama,
            "satuan": self.satuan,
            "kelompok": self.kelompok,
            "arah": self.arah,
            "cara_hitung": self.cara_hitung,
            "target": self.target,
            "realisasi": self.realisasi,
            "capaian": self.capaian,
            "kategori": self.kategori,
            "tercapai": self.tercapai,
            "status": self.status,
            "keterangan": self.keterangan,
            "pembilang": self.pembilang,
            "penyebut": self.penyebut,
        }


@dataclass
class Unsur:
    kode: str  # U1..U9
    label: str
    jumlah_jawaban: int
    jumlah_nilai: int
    nrr: float | None
    nrr_tertimbang: float | None
    ikm_unsur: float | None
    mutu: str | None


@dataclass
class IKMLayanan:
    jenis_layanan: str
    responden: int
    nilai: float | None
    mutu: str | None
    kinerja: str | None


@dataclass
class HasilIKM:
    responden: int = 0
    nrr: dict[str, float | None] = field(default_factory=dict)
    nilai: float | None = None
    mutu: str | None = None
    kinerja: str | None = None
    bobot: str = "1/9"
    sampel_minimum: int | None = None
    populasi: int | None = None
    unsur: list[Unsur] = field(default_factory=list)
    per_layanan: list[IKMLayanan] = field(default_factory=list)
    terendah: list[Unsur] = field(default_factory=list)
    # Extra detail for the SKM report (counts by profile; Saran texts).
    profil: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    saran: list[str] = field(default_factory=list)
    # Rencana tindak lanjut typed by staff: unsur → [(program, waktu, penanggung jawab)].
    rtl: dict[str, list[tuple[str, str | None, str | None]]] = field(default_factory=dict)

    def ke_json(self) -> dict[str, Any]:
        return {
            "responden": self.responden,
            "nrr": dict(self.nrr),
            "nilai": self.nilai,
            "mutu": self.mutu,
            "kinerja": self.kinerja,
            "bobot": self.bobot,
            "sampel_minimum": self.sampel_minimum,
        }


@dataclass
class HasilAKIP:
    nilai: float | None = None
    predikat: str | None = None
    predikat_hitung: str | None = None

    def ke_json(self) -> dict[str, Any]:
        return {"nilai": self.nilai, "predikat": self.predikat, "predikat_hitung": self.predikat_hitung}


@dataclass
class Penandatangan:
    """Signature block: shown on printed sheets, never in JSON or logs."""

    tempat: str | None = None
    tanggal: date | str | None = None
    nama: str | None = None
    pangkat: str | None = None
    nip: str | None = None


@dataclass
class Analisis:
    """The office's analysis of one indicator (tblAnalisis, for the LKjIP's
    Bab III); rows of one code are joined, their budgets added."""

    pendukung: list[str] = field(default_factory=list)
    penghambat: list[str] = field(default_factory=list)
    upaya: list[str] = field(default_factory=list)
    pagu: float | None = None
    realisasi_anggaran: float | None = None


@dataclass
class Hasil:
    kecamatan: str | None
    kabupaten: str | None
    tahun: int | None
    indikator: list[HasilIndikator]
    ikm: HasilIKM
    akip: HasilAKIP
    temuan: list[Temuan]
    penandatangan: Penandatangan = field(default_factory=Penandatangan)
    # Per year for the IKU sheet: kode → {tahun: (target, realisasi, capaian, kategori)}.
    riwayat: dict[str, dict[int, tuple[Any, Any, Any, Any]]] = field(default_factory=dict)
    periode: Any = None  # periode.Periode; None when TahunLaporan is unusable
    # The workbook's catalogue (katalog.Katalog): output sheets, definitions, Sasaran.
    katalog: Any = None
    dasar_penetapan: str | None = None  # DasarPenetapanIKU, printed under the IKU table
    # What the documents need besides the numbers, so `laporan` never reads the
    # workbook a second time: the reference tables the run used (referensi.Referensi),
    # the office's analysis per kode, and the first and last survey date of the period.
    referensi: Any = None
    analisis: dict[str, Analisis] = field(default_factory=dict)
    survei_awal: date | None = None
    survei_akhir: date | None = None

    @property
    def jumlah_galat(self) -> int:
        return sum(1 for t in self.temuan if t.tingkat == GALAT)

    @property
    def jumlah_peringatan(self) -> int:
        return sum(1 for t in self.temuan if t.tingkat == PERINGATAN)

    def indikator_by_kode(self) -> dict[str, HasilIndikator]:
        return {i.kode: i for i in self.indikator}

    def indikator_survei(self) -> list[HasilIndikator]:
        """The catalogue's `Survei IKM` indicators (the same IKM), the one
        reported outside the multi-year IKU sheet first (IK-01 before IKU-01)."""
        survei = [i for i in self.indikator if i.cara_hitung == "Survei IKM"]
        return sorted(survei, key=lambda i: i.kelompok == "IKU")

    def ke_json(self) -> dict[str, Any]:
        return {
            "versi": 1,
            "kecamatan": self.kecamatan,
            "kabupaten": self.kabupaten,
            "tahun": self.tahun,
            "indikator": [i.ke_json() for i in self.indikator],
            "ikm": self.ikm.ke_json(),
            "akip": self.akip.ke_json(),
            "temuan": [t.ke_json() for t in self.temuan],
        }


# ---------------------------------------------------------------- batch lines
# `xl-iku batch --json-lines` (KONTRAK §4): the `ke_json` document plus what
# the batch knows about the file.  `berkas` and `keluaran` are added where the
# line is written (they depend on the run's folders); the rest is stored in
# the batch state, so a skipped file reports exactly what its run reported.
HASIL_OK, HASIL_GALAT, HASIL_GAGAL = "ok", "galat", "gagal"


def ringkasan_batch(h: Hasil, detik: float | None = None) -> dict[str, Any]:
    """A computed workbook's batch summary: the KONTRAK §4 document + hasil, alasan, detik."""
    return {**h.ke_json(), "hasil": HASIL_GALAT if h.jumlah_galat else HASIL_OK, "alasan": None,
            "detik": detik}


def ringkasan_gagal(alasan: str, detik: float | None = None) -> dict[str, Any]:
    """A workbook that could not be used: the same keys, empty, and the reason."""
    return {"versi": 1, "kecamatan": None, "kabupaten": None, "tahun": None, "indikator": [],
            "ikm": None, "akip": None, "temuan": [], "hasil": HASIL_GAGAL, "alasan": alasan, "detik": detik}


def jumlah_temuan(doc: dict[str, Any], tingkat: str) -> int:
    return sum(1 for t in doc.get("temuan") or () if t.get("tingkat") == tingkat)


def indikator_per_kode(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["kode"]: i for i in doc.get("indikator") or ()}
