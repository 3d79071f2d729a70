"""A small year whose every number is computed by hand in test_hitung.py."""

from datetime import date

D = date


def _skm_29():
    # Per-unsur totals 105,101,100,116,102,105,106,105,115 over 29 respondents
    # (the public worked example): total T = 3·29 + (number of 4s), rest 3s.
    totals = [105, 101, 100, 116, 102, 105, 106, 105, 115]
    fours = [t - 87 for t in totals]
    rows = []
    for i in range(29):
        r = {"No": i + 1, "Tanggal": D(2024, 3, 1 + i % 28), "Jenis Layanan": "Surat Pengantar Nikah",
             "Jenis Kelamin": "L" if i % 2 else "P", "Usia": 20 + i, "Pendidikan": "SMA", "Pekerjaan": "Petani/Pekebun"}
        for u in range(9):
            r[f"U{u + 1}"] = 4 if i < fours[u] else 3
        rows.append(r)
    # A leftover from 2023: skipped with one peringatan.
    rows.append({"No": 30, "Tanggal": D(2023, 12, 28), "U1": 1, "U2": 1, "U3": 1, "U4": 1, "U5": 1, "U6": 1,
                 "U7": 1, "U8": 1, "U9": 1})
    return rows


def pengaturan():
    return {
        "NamaKecamatan": "Bathin Solapan", "NamaKabupaten": "Bengkalis", "TahunLaporan": 2024,
        "NamaCamat": "MUHAMMAD RUSYDY MR, S.STP, M.Si", "NIPCamat": "19890520 201010 1 001",
        "PangkatCamat": "Pembina / IVa", "TempatPenandatanganan": "Sebangar",
        "TanggalPenandatanganan": D(2024, 6, 28), "MetodeBobotIKM": "1/9", "PopulasiPenerimaLayanan": 1000,
        "BatasWaktuPengaduan": 14,
    }


def tabel():
    return {
        "tblSKM": _skm_29(),
        "tblAKIP": [
            {"Tahun": 2023, "Perencanaan Kinerja": 20, "Pengukuran Kinerja": 20, "Pelaporan Kinerja": 10,
             "Evaluasi Internal": 12, "Predikat LHE": "B"},
            {"Tahun": 2024, "Perencanaan Kinerja": 25.5, "Pengukuran Kinerja": 20.25, "Pelaporan Kinerja": 10.1,
             "Evaluasi Internal": 14.15, "Predikat LHE": None},
        ],
        "tblSOP": [
            {"No": 1, "Nama Layanan": "Surat Pengantar Nikah", "Jumlah Persyaratan": 5, "Persyaratan Sesuai": 4},
            {"No": 2, "Nama Layanan": "Surat Keterangan Tidak Mampu", "Jumlah Persyaratan": 4, "Persyaratan Sesuai": 4},
            {"No": 3, "Nama Layanan": "Legalisasi Surat Keterangan Tanah", "Jumlah Persyaratan": 8, "Persyaratan Sesuai": 6},
        ],
        "tblKamtibmas": [
            {"No": 1, "Tanggal": D(2024, 2, 1), "Jenis": "Penyakit Masyarakat", "Desa": "Pamesi", "Status": "Tuntas"},
            {"No": 2, "Tanggal": D(2024, 2, 2), "Jenis": "Penyakit Masyarakat", "Desa": "Petani", "Status": "Dalam Proses"},
            {"No": 3, "Tanggal": D(2024, 5, 2), "Jenis": "Pedagang Kaki Lima", "Desa": "Sebangar", "Status": "Tuntas"},
            {"No": 4, "Tanggal": D(2024, 7, 9), "Jenis": "Lainnya", "Desa": "Bumbung", "Status": "Tuntas"},
        ],
        "tblSarpras": [
            {"No": 1, "Nama Sarpras": "Kursi Tunggu", "Kebutuhan": 10, "Tersedia": 8, "Kondisi Baik": 6, "Dipelihara": 7},
            {"No": 2, "Nama Sarpras": "Komputer", "Kebutuhan": 5, "Tersedia": 5, "Kondisi Baik": 5, "Dipelihara": 4},
        ],
        "tblDesa": [
            {"No": 1, "Nama Desa": "Air Kulim", "Nilai IDM": 0.8155, "Status IDM": None},
            {"No": 2, "Nama Desa": "Balai Makam", "Nilai IDM": 0.8156, "Status IDM": None},
            {"No": 3, "Nama Desa": "Sebangar", "Nilai IDM": 0.9, "Status IDM": "Mandiri"},
            {"No": 4, "Nama Desa": "Petani", "Nilai IDM": 0.7, "Status IDM": "Berkembang"},
        ],
        "tblLayanan": [
            {"No Register": "470/1", "Tanggal Masuk": D(2024, 4, 5), "Jenis Layanan": "Legalisasi Surat Keterangan Tanah",
             "Tanggal Selesai": D(2024, 4, 19)},
            {"No Register": "470/2", "Tanggal Masuk": D(2024, 3, 4), "Jenis Layanan": "Surat Pengantar Nikah",
             "Tanggal Selesai": D(2024, 3, 4)},
            {"No Register": "470/3", "Tanggal Masuk": D(2024, 3, 4), "Jenis Layanan": "Surat Pengantar Nikah",
             "Tanggal Selesai": D(2024, 3, 5)},
            {"No Register": "470/4", "Tanggal Masuk": D(2024, 12, 30), "Jenis Layanan": "Surat Pengantar Nikah",
             "Tanggal Selesai": None},
        ],
        "tblPengaduan": [
            {"No": 1, "Tanggal Masuk": D(2024, 1, 2), "Saluran": "WhatsApp", "Uraian": "Antrian lama",
             "Tanggal Selesai": D(2024, 1, 19)},
            {"No": 2, "Tanggal Masuk": D(2024, 1, 2), "Saluran": "Langsung", "Uraian": "Petugas tidak ada",
             "Tanggal Selesai": D(2024, 1, 22)},
        ],
        "tblASN": [
            {"No": 1, "NIP": "19890520 201010 1 001", "Nama": "Muhammad Rusydy", "Jabatan": "Camat", "Kompeten": "Ya"},
            {"No": 2, "NIP": "198503142010011003", "Nama": "Suryani Hasibuan", "Jabatan": "Sekretaris Camat", "Kompeten": "Ya"},
            {"No": 3, "NIP": "19900101 201503 2 002", "Nama": "Dedi Kurniawan", "Jabatan": "Kasi Pemerintahan", "Kompeten": "Tidak"},
        ],
        "tblBencana": [
            {"No": 1, "Tanggal": D(2024, 8, 10), "Jenis": "Kebakaran Hutan dan Lahan", "Desa": "Pamesi",
             "Ditindaklanjuti": "Ya"},
        ],
        "tblKegiatan": [
            {"No": 1, "Kelompok": "Monev APBDes", "Kegiatan": "Monev APBDes 13 desa", "Target": 13, "Realisasi": 13},
            {"No": 2, "Kelompok": "Monev APBDes", "Kegiatan": "Lomba desa", "Target": 6, "Realisasi": 5},
            {"No": 3, "Kelompok": "Pemberdayaan Masyarakat", "Kegiatan": "MTQ Kecamatan", "Target": 5, "Realisasi": 4},
        ],
        "tblUsulan": [],
        "tblRekapManual": [{"Kode": "IKP-11", "Pembilang": 3, "Penyebut": 4, "Sumber Data": "Laporan Seksi Tapem"}],
        "tblTarget": [
            {"Kode": "IKU-01", "2021": 80, "2022": 81, "2023": 82, "2024": 85},
            {"Kode": "IK-01", "2024": 85},
            {"Kode": "IK-02", "2024": "BB"},
            {"Kode": "IK-03", "2024": 25},
            {"Kode": "IK-07", "2024": 90},
            {"Kode": "IK-08", "2024": 100},
            {"Kode": "IK-10", "2024": 60},
            {"Kode": "IKP-04", "2024": 100},
            {"Kode": "IKP-11", "2024": 75},
        ],
        "tblRiwayat": [{"Kode": "IKU-01", "Tahun": 2023, "Realisasi": 84.5}],
    }
