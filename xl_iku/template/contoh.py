"""A seeded, realistic sample year for Kecamatan Bathin Solapan.

`data_contoh()` returns the settings and every input table of the workbook
contract (KONTRAK §2) filled with invented but plausible data: the bundled
sample workbook is built from it, and `skala` grows the large registers for
benchmark workbooks.

Everything is drawn from one `random.Random(seed)`, so a given
(tahun, seed, skala) always gives the same workbook.  Names and NIPs of staff
are invented (the Camat's signature block is the seed document's).

Deliberate realism the tool must cope with:
- tblSKM starts with a handful of questionnaires dated in December of the
  previous year (left over in the sheet; the tool skips them with a
  peringatan), and about 2 % of answers are blank (question not answered);
- tblLayanan and tblPengaduan have late and still-open requests;
- tblDesa leaves Status IDM blank for most desa (derived from Nilai IDM) and
  fills it, consistently with Permendesa 2/2016, for a few.
"""

from __future__ import annotations

import calendar
import random
from bisect import bisect_right
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate

from .. import katalog
from ..katalog.bawaan import baris_tabel
from .. import kontrak as K
from .. import referensi as R
from ..rules.akip import predikat as _predikat
from ..rules.hari_kerja import Kalender, libur_nasional
from ..rules.idm import status_idm as _status_idm

__all__ = ["data_contoh", "DESA", "PENDIDIKAN", "PEKERJAAN", "SALURAN_PENGADUAN", "JENIS_BENCANA"]

# --------------------------------------------------------------------------
# Fixed facts and vocabulary
# --------------------------------------------------------------------------

DESA: tuple[str, ...] = (
    "Air Kulim",
    "Balai Makam",
    "Bathin Sobanga",
    "Boncah Mahang",
    "Buluh Manis",
    "Bumbung",
    "Kesumbo Ampai",
    "Pamesi",
    "Pematang Obo",
    "Petani",
    "Sebangar",
    "Simpang Padang",
    "Tambusai Batang Dui",
)
# Relative activity per desa (the desa near Duri and the seat see more).
_BOBOT_DESA = (8, 12, 6, 5, 5, 6, 5, 4, 6, 7, 12, 10, 5)

PENDIDIKAN: tuple[str, ...] = ("SD", "SMP", "SMA", "D1-D3", "S1", "S2", "S3")
PEKERJAAN: tuple[str, ...] = (
    "PNS",
    "TNI/Polri",
    "Pegawai Swasta",
    "Wiraswasta",
    "Petani/Pekebun",
    "Pelajar/Mahasiswa",
    "Ibu Rumah Tangga",
    "Lainnya",
)
SALURAN_PENGADUAN: tuple[str, ...] = ("Kotak Saran", "WhatsApp", "SP4N-LAPOR!", "Langsung")
JENIS_BENCANA: tuple[str, ...] = (
    "Kebakaran Hutan dan Lahan",
    "Banjir",
    "Kebakaran Rumah",
    "Angin Puting Beliung",
)

# Base sizes of the registers that `skala` multiplies.
N_SKM = 300
N_SKM_SISA = 5  # questionnaires of the previous December left in the sheet
N_LAYANAN = 600
N_PENGADUAN = 20
N_KAMTIBMAS = 25

# Popularity of each service (same order as referensi.JENIS_LAYANAN_AWAL).
_BOBOT_LAYANAN = (8, 9, 6, 3, 7, 8, 12, 16, 6, 2, 9, 4)

_PEKERJAAN_BOBOT = (9, 2, 18, 16, 22, 8, 17, 8)
_PENDIDIKAN_BOBOT = (10, 15, 44, 10, 18, 2.5, 0.5)

# Answer weights for 1..4 per unsur, for a satisfied respondent and for a
# critical one (about one in five).  Biaya (U4) scores highest: PATEN
# services are free; waktu (U3), pengaduan (U8) and sarana (U9) lowest.
_JAWABAN_PUAS = {
    "U1": (0, 3, 45, 52),
    "U2": (0, 4, 48, 48),
    "U3": (1, 7, 52, 40),
    "U4": (0, 1, 27, 72),
    "U5": (0, 3, 47, 50),
    "U6": (0, 2, 45, 53),
    "U7": (0, 2, 38, 60),
    "U8": (1, 6, 53, 40),
    "U9": (1, 8, 54, 37),
}
_JAWABAN_KRITIS = {
    "U1": (3, 30, 55, 12),
    "U2": (4, 32, 52, 12),
    "U3": (8, 42, 42, 8),
    "U4": (2, 12, 50, 36),
    "U5": (3, 30, 55, 12),
    "U6": (3, 25, 57, 15),
    "U7": (2, 20, 58, 20),
    "U8": (8, 40, 45, 7),
    "U9": (9, 44, 40, 7),
}
_P_KRITIS = 0.15
_P_KOSONG = 0.02  # an unanswered question

_SARAN_PUAS = (
    "Pelayanan sudah baik, pertahankan.",
    "Petugas ramah dan sigap, terima kasih.",
    "Semoga pelayanan makin cepat lagi.",
    "Pelayanan cepat dan tidak dipungut biaya.",
    "Sudah bagus, tingkatkan terus.",
    "Informasi persyaratan sudah jelas.",
    "Mohon ditambah kursi di ruang tunggu.",
    "Sebaiknya ada layanan daring supaya tidak perlu datang.",
    "Tolong sediakan air minum di ruang tunggu.",
    "Parkir kendaraan mohon ditata lebih rapi.",
)
_SARAN_KRITIS = (
    "Antrean terlalu lama, mohon ditambah petugas.",
    "Petugas sering tidak ada di tempat saat jam istirahat.",
    "Persyaratan mohon diumumkan lebih jelas agar tidak bolak-balik.",
    "Ruang tunggu panas, AC mohon diperbaiki.",
    "Mohon kepastian waktu selesai surat.",
    "Toilet untuk pengunjung kurang bersih.",
    "Jaringan internet sering putus sehingga proses tertunda.",
    "Nomor WhatsApp pengaduan jarang dibalas.",
    "Jam pelayanan mohon dipatuhi, buka tepat waktu.",
)

_PENGADUAN = (
    "Surat keterangan belum selesai melewati waktu yang dijanjikan",
    "Petugas loket tidak berada di tempat pada jam pelayanan",
    "Persyaratan yang diminta berbeda dengan papan informasi",
    "Antrean pelayanan terlalu lama",
    "Nomor WhatsApp layanan tidak merespons",
    "Ruang tunggu pelayanan panas, AC rusak",
    "Salah penulisan nama pada surat rekomendasi",
    "Berkas permohonan dinyatakan hilang",
    "Tidak ada informasi biaya, pemohon ragu apakah gratis",
    "Mesin antrean tidak berfungsi",
    "Permohonan rekomendasi pindah ditolak tanpa penjelasan",
    "Pelayanan tutup lebih awal dari jadwal",
    "Parkir pengunjung sempit dan becek",
    "Surat pengantar nikah harus diulang karena salah format",
)

_URAIAN_KAMTIBMAS = {
    "Penyakit Masyarakat": (
        "Razia warung remang-remang",
        "Razia tempat penginapan",
        "Razia tempat perjudian (judi kartu/sabung ayam)",
        "Razia peredaran minuman keras",
        "Pembinaan remaja balap liar pada malam hari",
        "Penertiban pasangan bukan suami istri di rumah kos",
        "Razia ketertiban pasar malam",
        "Penertiban organ tunggal melewati batas waktu",
    ),
    "Pedagang Kaki Lima": (
        "Penertiban pedagang kaki lima di bahu jalan lintas",
        "Penertiban lapak pedagang di trotoar pasar",
        "Penertiban pedagang di depan sekolah",
        "Pembinaan pedagang kaki lima agar tidak berjualan di badan jalan",
        "Penertiban bangunan lapak liar di lahan fasilitas umum",
        "Penertiban pedagang musiman menjelang Ramadhan",
    ),
    "Lainnya": (
        "Penertiban reklame dan spanduk tanpa izin",
        "Mediasi sengketa batas kebun antarwarga",
        "Penertiban ternak berkeliaran di jalan",
        "Pengamanan keributan antarpemuda",
        "Penertiban pembakaran sampah di permukiman",
    ),
}

# (jenis, months it happens in, uraian templates)
_BENCANA = (
    ("Kebakaran Hutan dan Lahan", (2, 3, 7, 8, 9),
     ("Kebakaran lahan gambut ± {ha} ha; pemadaman bersama Manggala Agni, TNI/Polri dan MPA",
      "Kebakaran kebun sawit warga ± {ha} ha; bantuan mesin pompa air dan logistik",
      "Titik api di lahan kosong ± {ha} ha; pemadaman dan patroli bersama MPA")),
    ("Banjir", (1, 4, 5, 11, 12),
     ("Banjir akibat luapan sungai merendam {rumah} rumah; bantuan sembako dan evakuasi",
      "Genangan air di permukiman {rumah} rumah; bantuan logistik dan pembersihan drainase")),
    ("Kebakaran Rumah", tuple(range(1, 13)),
     ("Kebakaran {rumah2} unit rumah warga; bantuan masa panik dan pendataan",
      "Kebakaran rumah semi permanen ({rumah2} unit); koordinasi BPBD dan bantuan sembako")),
    ("Angin Puting Beliung", (3, 4, 10, 11, 12),
     ("Angin puting beliung merusak atap {rumah} rumah; bantuan seng dan pendataan kerusakan",
      "Pohon tumbang menimpa {rumah2} rumah akibat angin kencang; gotong royong pembersihan")),
)
_POLA_BENCANA = (0, 0, 0, 1, 1, 2, 2, 3)  # ~8 events a year

_SARPRAS = (
    # nama, kebutuhan
    ("Komputer Pelayanan", 6),
    ("Printer", 4),
    ("Scanner Dokumen", 2),
    ("Kursi Tunggu", 30),
    ("Meja Pelayanan (Front Office)", 5),
    ("AC Ruang Pelayanan", 4),
    ("Mesin Antrean", 1),
    ("Genset", 1),
    ("Lemari Arsip", 4),
    ("Televisi Ruang Tunggu", 2),
    ("Dispenser Air Minum", 2),
    ("CCTV", 6),
    ("Jaringan Internet (Wi-Fi)", 1),
    ("Papan Informasi Standar Pelayanan", 2),
    ("Kursi Roda", 1),
    ("Toilet Pengguna Layanan", 2),
)

_USULAN = (
    "Semenisasi {jalan} RT {rt:02d}",
    "Semenisasi {jalan} Dusun {dusun}",
    "Pembangunan Drainase {jalan}",
    "Pembangunan Drainase Permukiman RT {rt:02d}",
    "Pembangunan Gedung Posyandu Dusun {dusun}",
    "Rehabilitasi Gedung Posyandu RT {rt:02d}",
    "Peningkatan {jalan} dengan Aspal",
    "Pembangunan Box Culvert {jalan}",
    "Pembangunan Jembatan Kayu Dusun {dusun}",
    "Pembangunan Sumur Bor Air Bersih RT {rt:02d}",
    "Pembangunan Turap/Tembok Penahan Tanah {jalan}",
    "Pengadaan Lampu Penerangan Jalan {jalan}",
    "Pembangunan Gedung PAUD Dusun {dusun}",
    "Pembangunan Sarana Olahraga Desa",
    "Pembangunan Rumah Layak Huni bagi Keluarga Miskin",
)
_JALAN = ("Jalan Pemuda", "Jalan Masjid", "Jalan Sekolah", "Jalan Kebun", "Jalan Poros Desa",
          "Gang Damai", "Jalan Swadaya", "Jalan Kampung", "Gang Mawar", "Jalan Parit")
_DUSUN = ("I", "II", "III", "IV", "V")

# Staff: (jabatan, level) — level picks the degree.
_JABATAN = (
    ("Sekretaris Camat", "pimpinan"),
    ("Kepala Seksi Pemerintahan", "kasi"),
    ("Kepala Seksi Ketenteraman dan Ketertiban Umum", "kasi"),
    ("Kepala Seksi Pemberdayaan Masyarakat dan Desa", "kasi"),
    ("Kepala Seksi Pelayanan Umum", "kasi"),
    ("Kepala Seksi Kesejahteraan Sosial", "kasi"),
    ("Kepala Subbagian Umum dan Kepegawaian", "kasi"),
    ("Kepala Subbagian Perencanaan dan Keuangan", "kasi"),
    ("Bendahara Pengeluaran", "staf"),
    ("Analis Kebijakan", "staf"),
    ("Penata Layanan Operasional", "staf"),
    ("Penata Layanan Operasional", "staf"),
    ("Pengelola Layanan Operasional", "staf"),
    ("Pengelola Layanan Operasional", "staf"),
    ("Pengadministrasi Perkantoran", "staf"),
    ("Pengadministrasi Perkantoran", "staf"),
    ("Operator Layanan Operasional", "staf"),
    ("Operator Layanan Operasional", "staf"),
    ("Pranata Komputer", "staf"),
    ("Pengolah Data dan Informasi", "staf"),
    ("Pengelola Barang Milik Daerah", "staf"),
)
_GELAR = {
    "pimpinan": ("S.Sos, M.Si", "S.STP, M.Si", "S.IP, M.Si", "S.E., M.M."),
    "kasi": ("S.Sos", "S.IP", "S.E.", "S.H.", "S.STP", "S.Pd", "S.Sos, M.Si"),
    "staf": ("S.Kom", "S.E.", "A.Md", "A.Md.Kom", "S.AP", "", "", ""),
}
_NAMA_L = ("Syafrizal", "Ahmad Fauzi", "Rahmat Hidayat", "Hendra Saputra", "Zulkifli",
           "Irwan Syahputra", "Muhammad Ridwan", "Dedi Kurniawan", "Arif Rahman", "Raja Indra Putra",
           "Tengku Iskandar", "Fadli Ramadhan", "Yusrizal", "Junaidi", "Rizki Pratama",
           "Wan Hasbullah", "Taufik Hidayat", "Erwin Saputra", "Mhd. Nasir", "Hasanuddin")
_NAMA_P = ("Nurhayati", "Siti Rahmah", "Dewi Anggraini", "Fitri Handayani", "Rina Marlina",
           "Yuliana", "Sri Wahyuni", "Nur Aisyah", "Eka Putri Lestari", "Wan Nurhasanah",
           "Dian Permata Sari", "Rosmawati", "Rahmi Yulia", "Suryani", "Novita Sari",
           "Fauziah", "Mardiana", "Indah Purnama Sari")

_NAMA_CAMAT = "MUHAMMAD RUSYDY MR, S.STP, M.Si"
_NIP_CAMAT = "19890520 201010 1 001"

# Targets 2021..2026 (KONTRAK §1 codes).  IK-02 as predikat; IK-03..06 sum to
# a score consistent with that predikat (61; 62,5 → B; 71 … 76 → BB).
_TARGET: dict[str, tuple[object, ...]] = {
    "IKU-01": (80, 81, 82, 83, 84, 85),
    "IK-01": (80, 81, 82, 83, 84, 85),
    "IK-02": ("B", "B", "BB", "BB", "BB", "BB"),
    "IK-03": (21, 21.5, 23, 23.5, 24, 24.5),
    "IK-04": (19, 19.5, 21, 21.5, 22, 22.5),
    "IK-05": (10, 10, 11, 11, 11.5, 11.5),
    "IK-06": (11, 11.5, 16, 16.5, 17, 17.5),
    "IK-07": (90, 91, 92, 93, 94, 95),
    "IK-08": (85, 86, 87, 88, 89, 90),
    "IK-09": (85, 87, 89, 91, 93, 95),
    # Desa Mandiri: 2 → 6 of 13 desa (a percentage target of 80+ would be
    # unreachable for a kecamatan with few Mandiri desa).
    "IK-10": (15.38, 23.08, 23.08, 30.77, 38.46, 46.15),
    "IKP-01": (85, 86, 87, 88, 89, 90),
    "IKP-02": (80, 82, 84, 86, 88, 90),
    "IKP-03": (80, 82, 84, 86, 88, 90),
    "IKP-04": (85, 86, 87, 88, 89, 90),
    "IKP-05": (90, 92, 94, 96, 98, 100),
    "IKP-06": (85, 87, 89, 91, 93, 95),
    "IKP-07": (85, 87, 89, 91, 93, 95),
    "IKP-08": (100, 100, 100, 100, 100, 100),
    "IKP-09": (85, 87, 89, 91, 93, 95),
    "IKP-10": (90, 92, 94, 96, 98, 100),
    "IKP-11": (90, 92, 94, 96, 98, 100),
}
# Plausible band of past realisasi for percentage codes.
_RIWAYAT_PERSEN: dict[str, tuple[float, float]] = {
    "IK-07": (88, 96), "IK-08": (82, 95), "IK-09": (80, 92),
    "IKP-01": (82, 92), "IKP-02": (75, 92), "IKP-03": (80, 92), "IKP-04": (80, 95),
    "IKP-05": (85, 100), "IKP-06": (80, 92), "IKP-07": (82, 95), "IKP-08": (92, 100),
    "IKP-09": (82, 95), "IKP-10": (85, 100), "IKP-11": (85, 100),
}


# --------------------------------------------------------------------------
# Calendar helpers
# --------------------------------------------------------------------------


def _tahun_libur(tahun: int) -> tuple[int, ...]:
    """Years listed in tblHariLibur: 2021–2026, widened to tahun−1…tahun+1."""
    return tuple(range(min(2021, tahun - 1), max(2026, tahun + 1) + 1))


def _n(base: int, skala: float) -> int:
    return max(0, int(round(base * skala)))


# --------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------


def data_contoh(
    tahun: int = 2024, seed: int = 2024, skala: float = 1.0
) -> tuple[dict[str, object], dict[str, list[dict[str, object]]]]:
    """Return (pengaturan, tabel) for a sample year of Kecamatan Bathin Solapan.

    pengaturan maps every defined name of kontrak.PENGATURAN to a value; tabel
    maps every table name of kontrak.TABEL to a list of rows, each a dict
    header → value with exactly the table's headers.  Values are str, int,
    float, datetime.date or None (blank).  `skala` multiplies the sizes of the
    large registers (SKM, Layanan, Pengaduan, Kamtibmas).
    """
    if not isinstance(tahun, int) or not 2000 <= tahun <= 2100:
        raise ValueError(f"tahun tidak wajar: {tahun!r}")
    if skala < 0:
        raise ValueError(f"skala tidak boleh negatif: {skala!r}")

    rng = random.Random(seed)
    libur_list = libur_nasional(_tahun_libur(tahun))
    libur = Kalender(d for d, _ in libur_list)
    hk = libur.tanggal_kerja(date(tahun, 1, 1), date(tahun, 12, 31))
    # Working days of the year followed by those of the next one, so that
    # completion dates can run past 31 December.
    hk_lanjut = hk + libur.tanggal_kerja(date(tahun + 1, 1, 1), date(tahun + 1, 12, 31))

    tabel: dict[str, list[dict[str, object]]] = {}
    tabel["tblSKM"] = _skm(rng, tahun, skala, hk, libur)
    tabel["tblAKIP"] = akip = _akip(rng, tahun)
    tabel["tblSOP"] = _sop(rng)
    tabel["tblKamtibmas"] = _kamtibmas(rng, tahun, skala)
    tabel["tblSarpras"] = _sarpras(rng)
    tabel["tblDesa"] = desa = _desa(rng, tahun)
    tabel["tblLayanan"] = layanan = _layanan(rng, tahun, skala, hk, hk_lanjut)
    tabel["tblPengaduan"] = _pengaduan(rng, skala, hk, hk_lanjut)
    tabel["tblASN"] = _asn(rng, tahun)
    tabel["tblBencana"] = _bencana(rng, tahun)
    tabel["tblKegiatan"] = _kegiatan(rng, tahun)
    tabel["tblUsulan"] = _usulan(rng)
    tabel["tblRekapManual"] = []
    tabel["tblTarget"] = _target()
    tabel["tblRiwayat"] = _riwayat(rng, tahun, akip, desa)
    # Quarterly targets only for the IKM: the office expects a slow start.
    ikm_target = next(r for r in tabel["tblTarget"] if r["Kode"] == "IK-01").get(str(tahun))
    tabel["tblTargetTriwulan"] = (
        [{"Kode": "IK-01", "Tahun": tahun, "Triwulan I": ikm_target - 2, "Triwulan II": ikm_target - 1,
          "Triwulan III": ikm_target - 0.5, "Triwulan IV": ikm_target}]
        if isinstance(ikm_target, (int, float)) else []
    )
    tabel["tblRTL"] = [
        {"Unsur": "U3", "Program/Kegiatan": "Penerapan antrean daring dan pemantauan waktu layanan harian",
         "Waktu": f"Triwulan I {tahun + 1}", "Penanggung Jawab": "Kepala Seksi Pelayanan"},
        {"Unsur": "U9", "Program/Kegiatan": "Penambahan kursi tunggu dan perbaikan pendingin ruang PATEN",
         "Waktu": f"Triwulan II {tahun + 1}", "Penanggung Jawab": "Sekretaris Camat"},
    ]
    tabel["tblAnalisis"] = _analisis()
    tabel["tblIndikator"] = baris_tabel()
    tabel["tblJenisLayanan"] = [
        {"Jenis Layanan": nama, "Standar Waktu (Hari Kerja)": hari}
        for nama, hari in R.JENIS_LAYANAN_AWAL
    ]
    tabel["tblHariLibur"] = [{"Tanggal": d, "Keterangan": ket} for d, ket in libur_list]

    # Sign on the last working day of January of the following year.
    januari = [d for d in hk_lanjut if d.year == tahun + 1 and d.month == 1]
    pengaturan: dict[str, object] = {
        "NamaKecamatan": "Bathin Solapan",
        "NamaKabupaten": "Bengkalis",
        "TahunLaporan": tahun,
        "NamaCamat": _NAMA_CAMAT,
        "NIPCamat": _NIP_CAMAT,
        "PangkatCamat": "Pembina / IVa",
        "TempatPenandatanganan": "Sebangar",
        "TanggalPenandatanganan": januari[-1] if januari else date(tahun + 1, 1, 31),
        "MetodeBobotIKM": "1/9",
        # Service users: registered requests plus walk-in counselling and
        # companions, about twice the register.
        "PopulasiPenerimaLayanan": max(1, 2 * len(layanan)),
        "BatasWaktuPengaduan": 14,
        "Periode": "Tahunan",
        # Blank: IDM up to 2024, Indeks Desa from 2025 (the sample's statuses are IDM-derived).
        "SkemaIndeksDesa": None,
        "DasarPenetapanIKU": next(p.bawaan for p in K.PENGATURAN if p.nama == "DasarPenetapanIKU"),
    }
    assert tuple(pengaturan) == tuple(p.nama for p in K.PENGATURAN)
    assert tuple(tabel) == tuple(K.TABEL)
    return pengaturan, tabel


# --------------------------------------------------------------------------
# One function per table
# --------------------------------------------------------------------------


def _skm(rng: random.Random, tahun: int, skala: float, hk: list[date],
         libur: Kalender) -> list[dict[str, object]]:
    n = _n(N_SKM, skala)
    nama_layanan = [j for j, _ in R.JENIS_LAYANAN_AWAL]
    cum_layanan = list(accumulate(_BOBOT_LAYANAN))
    cum_kerja = list(accumulate(_PEKERJAAN_BOBOT))
    cum_didik = list(accumulate(_PENDIDIKAN_BOBOT))
    cum_puas = {u: list(accumulate(w)) for u, w in _JAWABAN_PUAS.items()}
    cum_kritis = {u: list(accumulate(w)) for u, w in _JAWABAN_KRITIS.items()}
    unsur = K.UNSUR
    rand = rng.random

    desember = libur.tanggal_kerja(date(tahun - 1, 12, 16), date(tahun - 1, 12, 31))
    tanggal = sorted(rng.choice(desember) for _ in range(N_SKM_SISA))
    tanggal += [hk[i] for i in sorted(rng.randrange(len(hk)) for _ in range(n))]
    layanan = rng.choices(nama_layanan, cum_weights=cum_layanan, k=len(tanggal))
    pekerjaan = rng.choices(PEKERJAAN, cum_weights=cum_kerja, k=len(tanggal))

    rows: list[dict[str, object]] = []
    for no, (tgl, jenis, kerja) in enumerate(zip(tanggal, layanan, pekerjaan), start=1):
        # Keep the profile coherent: students are young, housewives women,
        # civil servants schooled.
        if kerja == "Pelajar/Mahasiswa":
            usia = rng.randint(18, 24)
            didik = rng.choice(("SMA", "SMA", "D1-D3", "S1"))
        else:
            usia = int(rng.triangular(20, 70.999, 36))
            if kerja in ("PNS", "TNI/Polri"):
                usia = min(usia, 58)
                didik = rng.choice(("SMA", "D1-D3", "S1", "S1", "S1", "S2"))
            else:
                didik = PENDIDIKAN[bisect_right(cum_didik, rand() * cum_didik[-1])]
                if didik == "S3" and usia < 30:
                    didik = "S2"
        jk = "P" if kerja == "Ibu Rumah Tangga" else ("L" if rand() < 0.56 else "P")

        kritis = rand() < _P_KRITIS
        cums = cum_kritis if kritis else cum_puas
        row: dict[str, object] = {
            "No": no,
            "Tanggal": tgl,
            "Jenis Layanan": jenis,
            "Jenis Kelamin": jk,
            "Usia": usia,
            "Pendidikan": didik,
            "Pekerjaan": kerja,
        }
        terjawab = 0
        for u in unsur:
            if rand() < _P_KOSONG:
                row[u] = None
            else:
                c = cums[u]
                row[u] = bisect_right(c, rand() * c[-1]) + 1
                terjawab += 1
        if not terjawab:  # a fully blank questionnaire is not a respondent
            row["U1"] = 3
        if rand() < (0.3 if kritis else 0.11):
            row["Saran"] = rng.choice(_SARAN_KRITIS if kritis else _SARAN_PUAS)
        else:
            row["Saran"] = None
        rows.append(row)
    return rows


def _akip(rng: random.Random, tahun: int) -> list[dict[str, object]]:
    bobot = [float(b) for b in R.BOBOT_AKIP.values()]
    # Relative strength of each component (planning strongest, evaluation weakest).
    kuat = (0.80, 0.70, 0.76, 0.60)
    rows = []
    for th in range(min(2021, tahun), tahun + 1):
        total = 62.0 + 3.9 * (th - 2021) + rng.uniform(-0.8, 0.8)
        total = min(77.8, max(60.5, total))
        for batas in (60.0, 70.0):  # stay clear of a predikat boundary
            if batas - 0.3 < total <= batas + 0.3:
                total = batas + 0.4
        mentah = [b * k * rng.uniform(0.95, 1.05) for b, k in zip(bobot, kuat)]
        f = total / sum(mentah)
        komponen = [round(min(b * 0.98, m * f), 2) for b, m in zip(bobot, mentah)]
        nilai = sum(Decimal(str(k)) for k in komponen)
        rows.append({
            "Tahun": th,
            "Perencanaan Kinerja": komponen[0],
            "Pengukuran Kinerja": komponen[1],
            "Pelaporan Kinerja": komponen[2],
            "Evaluasi Internal": komponen[3],
            "Predikat LHE": _predikat(nilai),
        })
    return rows


def _sop(rng: random.Random) -> list[dict[str, object]]:
    rows = []
    kurang = set(rng.sample(range(len(R.JENIS_LAYANAN_AWAL)), 3))
    for i, (nama, _) in enumerate(R.JENIS_LAYANAN_AWAL):
        jumlah = rng.randint(3, 8)
        sesuai = jumlah - (rng.choice((1, 1, 2)) if i in kurang else 0)
        rows.append({
            "No": i + 1,
            "Nama Layanan": nama,
            "Jumlah Persyaratan": jumlah,
            "Persyaratan Sesuai": max(0, sesuai),
        })
    return rows


def _kamtibmas(rng: random.Random, tahun: int, skala: float) -> list[dict[str, object]]:
    n = _n(N_KAMTIBMAS, skala)
    hari = (date(tahun, 12, 31) - date(tahun, 1, 1)).days + 1
    awal = date(tahun, 1, 1)
    tanggal = sorted(awal + timedelta(days=rng.randrange(hari)) for _ in range(n))
    jenis = rng.choices(K.JENIS_KAMTIBMAS, weights=(50, 40, 10), k=n)
    desa = rng.choices(DESA, weights=_BOBOT_DESA, k=n)
    rows = []
    for i, (tgl, j, d) in enumerate(zip(tanggal, jenis, desa), start=1):
        r = rng.random()
        if tgl.month == 12 and r < 0.3:
            status = "Dalam Proses"
        elif r < 0.06:
            status = "Dalam Proses"
        elif r < 0.09:
            status = "Belum Ditindaklanjuti"
        else:
            status = "Tuntas"
        rows.append({
            "No": i,
            "Tanggal": tgl,
            "Jenis": j,
            "Desa": d,
            "Uraian": rng.choice(_URAIAN_KAMTIBMAS[j]),
            "Status": status,
        })
    return rows


def _sarpras(rng: random.Random) -> list[dict[str, object]]:
    rows = []
    for i, (nama, kebutuhan) in enumerate(_SARPRAS, start=1):
        kurang = 0
        if rng.random() < 0.35:
            kurang = max(1, round(kebutuhan * rng.uniform(0.05, 0.25)))
            kurang = min(kurang, kebutuhan - 1) if kebutuhan > 1 else 0
        tersedia = kebutuhan - kurang
        rusak = 0
        if tersedia >= 2 and rng.random() < 0.3:
            rusak = min(tersedia, max(1, round(tersedia * rng.uniform(0.05, 0.2))))
        baik = tersedia - rusak
        dipelihara = tersedia - (rusak if rng.random() < 0.5 else 0)
        rows.append({
            "No": i,
            "Nama Sarpras": nama,
            "Kebutuhan": kebutuhan,
            "Tersedia": tersedia,
            "Kondisi Baik": baik,
            "Dipelihara": dipelihara,
        })
    return rows


def _desa(rng: random.Random, tahun: int) -> list[dict[str, object]]:
    # 4 Mandiri, 6 Maju, 3 Berkembang, shuffled over the desa.
    tingkat = ["Mandiri"] * 4 + ["Maju"] * 6 + ["Berkembang"] * 3
    rng.shuffle(tingkat)
    rentang = {"Mandiri": (0.8160, 0.8600), "Maju": (0.7100, 0.8150), "Berkembang": (0.6000, 0.7070)}
    diisi = set(rng.sample(range(len(DESA)), 4))  # a few rows carry the status
    if tahun > K.TAHUN_TERAKHIR_IDM:
        # Under Indeks Desa the ministry publishes every desa's status: the office types each.
        diisi = set(range(len(DESA)))
    rows = []
    for i, (nama, t) in enumerate(zip(DESA, tingkat)):
        lo, hi = rentang[t]
        nilai = round(rng.uniform(lo, hi), 4)
        status = _status_idm(Decimal(str(nilai)))
        rows.append({
            "No": i + 1,
            "Nama Desa": nama,
            "Nilai IDM": nilai,
            "Status IDM": status if i in diisi else None,
        })
    return rows


def _layanan(rng: random.Random, tahun: int, skala: float, hk: list[date],
             hk_lanjut: list[date]) -> list[dict[str, object]]:
    n = _n(N_LAYANAN, skala)
    jenis = rng.choices(R.JENIS_LAYANAN_AWAL, weights=_BOBOT_LAYANAN, k=n)
    idx = sorted(rng.randrange(len(hk)) for _ in range(n))
    lebar = max(4, len(str(n)))
    rand, randint = rng.random, rng.randint
    rows = []
    for no, (i, (nama, standar)) in enumerate(zip(idx, jenis), start=1):
        r = rand()
        if r < 0.02:
            selesai = None  # still in process
        else:
            if r < 0.10:  # late
                hari = standar + randint(1, 4)
            else:  # on time, mostly early
                hari = min(randint(1, standar), randint(1, standar))
            # Working days counted from Tanggal Masuk, both ends included.
            selesai = hk_lanjut[i + hari - 1]
        rows.append({
            "No Register": f"470/PATEN/{tahun}/{no:0{lebar}d}",
            "Tanggal Masuk": hk[i],
            "Jenis Layanan": nama,
            "Tanggal Selesai": selesai,
        })
    return rows


def _pengaduan(rng: random.Random, skala: float, hk: list[date],
               hk_lanjut: list[date]) -> list[dict[str, object]]:
    n = _n(N_PENGADUAN, skala)
    idx = sorted(rng.randrange(len(hk)) for _ in range(n))
    saluran = rng.choices(SALURAN_PENGADUAN, weights=(20, 40, 15, 25), k=n)
    terbuka = round(n * 0.08) if n >= 10 else 0  # the latest ones are still open
    rows = []
    for no, (i, s) in enumerate(zip(idx, saluran), start=1):
        if no > n - terbuka:
            selesai = None
        else:
            if rng.random() < 0.1:
                hari = rng.randint(15, 28)
            else:
                hari = rng.randint(1, rng.randint(2, 14))
            selesai = hk_lanjut[i + hari - 1]
        rows.append({
            "No": no,
            "Tanggal Masuk": hk[i],
            "Saluran": s,
            "Uraian": rng.choice(_PENGADUAN),
            "Tanggal Selesai": selesai,
        })
    return rows


def _nip(rng: random.Random, tahun: int, gender: int, dipakai: set[str]) -> str:
    while True:
        lahir_th = rng.randint(tahun - 56, tahun - 25)
        bulan = rng.randint(1, 12)
        hari = rng.randint(1, calendar.monthrange(lahir_th, bulan)[1])
        tmt_th = min(tahun - 1, lahir_th + rng.randint(22, 32))
        if tmt_th - lahir_th < 19:
            continue
        tmt_bln = rng.choice((1, 3, 4, 10, 12))
        urut = rng.choice((1, 1, 1, 2, 2, 3, 4, 5))
        nip = f"{lahir_th:04d}{bulan:02d}{hari:02d} {tmt_th:04d}{tmt_bln:02d} {gender} {urut:03d}"
        if nip not in dipakai:
            dipakai.add(nip)
            return nip


def _asn(rng: random.Random, tahun: int) -> list[dict[str, object]]:
    laki = list(_NAMA_L)
    perempuan = list(_NAMA_P)
    rng.shuffle(laki)
    rng.shuffle(perempuan)
    dipakai = {_NIP_CAMAT}
    rows: list[dict[str, object]] = [{
        "No": 1, "NIP": _NIP_CAMAT, "Nama": _NAMA_CAMAT, "Jabatan": "Camat", "Kompeten": "Ya",
    }]
    tidak = set(rng.sample(range(8, len(_JABATAN)), 2))  # two staff not yet competent
    for i, (jabatan, level) in enumerate(_JABATAN):
        gender = 1 if rng.random() < 0.55 else 2
        nama = (laki if gender == 1 else perempuan).pop()
        gelar = rng.choice(_GELAR[level])
        rows.append({
            "No": len(rows) + 1,
            "NIP": _nip(rng, tahun, gender, dipakai),
            "Nama": f"{nama}, {gelar}" if gelar else nama,
            "Jabatan": jabatan,
            "Kompeten": "Tidak" if i in tidak else "Ya",
        })
    return rows


def _bencana(rng: random.Random, tahun: int) -> list[dict[str, object]]:
    kejadian = []
    for k in _POLA_BENCANA:
        jenis, bulan, uraian = _BENCANA[k]
        bln = rng.choice(bulan)
        tgl = date(tahun, bln, rng.randint(1, calendar.monthrange(tahun, bln)[1]))
        teks = rng.choice(uraian).format(
            ha=rng.choice((2, 3, 5, 8, 12, 15, 20, 35)),
            rumah=rng.randint(4, 40),
            rumah2=rng.randint(1, 3),
        )
        kejadian.append((tgl, jenis, rng.choices(DESA, weights=_BOBOT_DESA)[0], teks))
    kejadian.sort(key=lambda e: e[0])
    tidak = rng.randrange(len(kejadian))
    return [
        {
            "No": i + 1,
            "Tanggal": tgl,
            "Jenis": jenis,
            "Desa": desa,
            "Uraian": teks,
            "Ditindaklanjuti": "Tidak" if i == tidak else "Ya",
        }
        for i, (tgl, jenis, desa, teks) in enumerate(kejadian)
    ]


def _kegiatan(rng: random.Random, tahun: int) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []

    def tambah(kelompok: str, kegiatan: str, target: int, realisasi: int) -> None:
        rows.append({
            "No": len(rows) + 1,
            "Kelompok": kelompok,
            "Kegiatan": kegiatan,
            "Target": target,
            "Realisasi": max(0, realisasi),
        })

    monev = "Monev APBDes"
    kurang = rng.randrange(len(DESA))  # one desa got only one of the two visits
    for i, desa in enumerate(DESA):
        tambah(monev, f"Monitoring dan Evaluasi APBDes Desa {desa} (Semester I dan II)",
               2, 1 if i == kurang else 2)
    tambah(monev, "Evaluasi Rancangan Peraturan Desa tentang APBDes", len(DESA), len(DESA))
    tambah(monev, "Lomba Desa Tingkat Kecamatan", 1, 1)

    pm = "Pemberdayaan Masyarakat"
    tambah(pm, "MTQ Tingkat Kecamatan", 1, 1)
    tambah(pm, "Partisipasi Kafilah Kecamatan pada MTQ Kabupaten", 1, 1)
    tambah(pm, "Safari Ramadhan Kecamatan", len(DESA), len(DESA) - rng.choice((0, 1, 2)))
    tambah(pm, "Fasilitasi Kegiatan Lampu Colok", 1, 1)
    tambah(pm, "Fasilitasi Peringatan Hari Besar Islam", 3, 3)
    tambah(pm, "Penyelenggaraan Kegiatan Keagamaan pada Rumah Ibadah", 4, 4 - rng.choice((0, 0, 1)))
    tambah(pm, "Fasilitasi Bantuan Kegiatan Keagamaan", 6, 6)
    tambah(pm, "Kegiatan Penanggulangan Stunting (Rembuk Stunting dan Pemantauan)", 4, 4)

    pu = "Pemerintahan Umum"
    tambah(pu, f"Peringatan HUT Kemerdekaan RI ke-{tahun - 1945}", 1, 1)
    tambah(pu, "Peringatan Hari Lahir Pancasila", 1, 1)
    tambah(pu, "Peringatan Hari Kesaktian Pancasila", 1, 1)
    tambah(pu, "Peringatan Hari Pahlawan", 1, 1)
    tambah(pu, "Peringatan Hari Jadi Kabupaten Bengkalis", 1, 1)
    tambah(pu, "Pelatihan Membatik", 1, 1)
    tambah(pu, "Pelatihan Menjahit", 1, 1)
    tambah(pu, "Pelatihan Memasak", 1, rng.choice((0, 1)))
    return rows


def _usulan(rng: random.Random) -> list[dict[str, object]]:
    jumlah = [3] * len(DESA)
    jumlah[rng.randrange(len(DESA))] += 1  # 40 usulan
    rows = []
    for desa, k in zip(DESA, jumlah):
        for teks in rng.sample(_USULAN, k):
            rows.append({
                "No": len(rows) + 1,
                "Desa": desa,
                "Usulan": teks.format(
                    jalan=rng.choice(_JALAN), rt=rng.randint(1, 12), dusun=rng.choice(_DUSUN)
                ),
                "Diverifikasi": "Ya" if rng.random() < 0.9 else "Tidak",
            })
    return rows


# The office's own analysis for a few indicators (Bab III LKjIP); the other
# codes stay blank so the chapter shows its "[Perlu disunting: …]" sentences.
_ANALISIS: dict[str, tuple[str | None, str | None, str | None, float | None, float | None]] = {
    "IK-01": ("Pelayanan PATEN satu pintu dan petugas yang ramah; survei diisi langsung setelah layanan.",
              "Ruang tunggu sempit pada hari pasar; waktu penyelesaian legalisasi tanah masih lama.",
              "Menambah loket pada hari pasar dan memantau waktu layanan harian.",
              85_000_000, 81_250_000),
    "IK-07": ("SOP layanan PATEN telah ditetapkan dengan Keputusan Camat dan dipajang di ruang layanan.",
              "Sebagian persyaratan legalisasi belum diperbarui mengikuti peraturan bupati terbaru.",
              "Reviu SOP bersama Bagian Organisasi Setda pada triwulan I tahun berikutnya.",
              12_500_000, 11_900_000),
    "IKP-01": ("Register layanan dicatat harian dan dipantau Kepala Seksi Pelayanan.",
               "Berkas yang memerlukan tanda tangan Camat tertunda saat Camat dinas luar.",
               "Pendelegasian paraf kepada Sekretaris Camat untuk layanan tertentu.",
               None, None),
    "IK-10": ("Pendampingan penyusunan RPJMDes dan pemanfaatan Dana Desa untuk ekonomi produktif.",
              None, None, 40_000_000, 38_600_000),
}


def _analisis() -> list[dict[str, object]]:
    rows = []
    for ind in katalog.INDIKATOR:
        dukung, hambat, upaya, pagu, real = _ANALISIS.get(ind.kode, (None,) * 5)
        rows.append({"Kode": ind.kode, "Faktor Pendukung": dukung, "Faktor Penghambat": hambat, "Upaya": upaya,
                     "Pagu Anggaran": pagu, "Realisasi Anggaran": real})
    return rows


def _target() -> list[dict[str, object]]:
    rows = []
    for ind in katalog.INDIKATOR:
        row: dict[str, object] = {"Kode": ind.kode, "Indikator": ind.nama, "Satuan": ind.satuan}
        for th, nilai in zip(K.TAHUN_IKU, _TARGET[ind.kode]):
            row[str(th)] = nilai
        rows.append(row)
    return rows


def _riwayat(rng: random.Random, tahun: int, akip: list[dict[str, object]],
             desa: list[dict[str, object]]) -> list[dict[str, object]]:
    per_tahun = {r["Tahun"]: r for r in akip}
    komponen = {"IK-03": "Perencanaan Kinerja", "IK-04": "Pengukuran Kinerja",
                "IK-05": "Pelaporan Kinerja", "IK-06": "Evaluasi Internal"}
    mandiri_kini = sum(
        1 for r in desa if _status_idm(Decimal(str(r["Nilai IDM"]))) == "Mandiri"
    )
    tahun_lalu = list(range(2021, tahun))
    ikm = {th: round(80.4 + 0.9 * (th - 2021) + rng.uniform(-0.4, 0.4), 2) for th in tahun_lalu}
    rows = []
    for ind in katalog.INDIKATOR:
        for th in tahun_lalu:
            if ind.kode in ("IKU-01", "IK-01"):
                nilai: object = ikm[th]
            elif ind.kode == "IK-02":
                nilai = per_tahun[th]["Predikat LHE"]
            elif ind.kode in komponen:
                nilai = per_tahun[th][komponen[ind.kode]]
            elif ind.kode == "IK-10":
                mandiri = max(0, mandiri_kini - (tahun - th))
                nilai = round(mandiri / len(DESA) * 100, 2)
            else:
                lo, hi = _RIWAYAT_PERSEN[ind.kode]
                nilai = round(rng.uniform(lo, hi), 2)
            rows.append({"Kode": ind.kode, "Tahun": th, "Realisasi": nilai})
    return rows
