"""How tests/data/gform_*.csv were made: one Google Forms survey of ten responses downloaded in
the three timestamp styles (the expectations in tests/test_impor.py are written by hand, not read from here)."""
import csv, io
from datetime import datetime
from pathlib import Path
D = Path(__file__).resolve().parent
Q = [
 "1. Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
 "2. Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
 "3. Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
 "4. Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
 "5. Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
 "6. Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
 "7. Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
 "8. Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
 "9. Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
]
# labels per questionnaire question (Q8 = sarana, Q9 = pengaduan), index = score-1
L = [
 ["Tidak Sesuai","Kurang Sesuai","Sesuai","Sangat Sesuai"],
 ["Tidak Mudah","Kurang Mudah","Mudah","Sangat Mudah"],
 ["Tidak Cepat","Kurang Cepat","Cepat","Sangat Cepat"],
 ["Sangat Mahal","Cukup Mahal","Murah","Gratis"],
 ["Tidak Sesuai","Kurang Sesuai","Sesuai","Sangat Sesuai"],
 ["Tidak Kompeten","Kurang Kompeten","Kompeten","Sangat Kompeten"],
 ["Tidak Sopan dan Ramah","Kurang Sopan dan Ramah","Sopan dan Ramah","Sangat Sopan dan Ramah"],
 ["Buruk","Cukup","Baik","Sangat Baik"],
 ["Tidak Ada","Ada tetapi tidak berfungsi","Berfungsi kurang maksimal","Dikelola dengan baik"],
]
# U1..U9 per respondent
U = [
 [4,3,3,4,3,4,4,3,3],[3,3,2,4,3,3,4,2,3],[4,4,4,4,4,4,4,4,4],[2,2,1,3,2,3,3,1,2],[3,3,3,4,3,3,3,3,3],
 [4,3,3,4,3,3,3,3,3],[3,2,2,2,3,3,3,3,2],[4,4,3,4,4,4,4,3,4],[4,3,3,4,3,3,3,3,3],[3,3,3,4,3,4,4,3,3],
]
TS = [datetime(2024,3,4,8,15,2),datetime(2024,3,4,9,2,47),datetime(2024,3,5,13,30,10),datetime(2024,3,6,10,11,12),
      datetime(2024,3,7,11,45,0),datetime(2024,3,8,14,5,33),datetime(2024,3,11,8,59,59),datetime(2024,3,12,9,20,15),
      datetime(2024,3,14,15,40,41),datetime(2024,3,15,10,0,0)]
PROF = [
 ("budi.santoso@example.com","Budi Santoso","Laki-laki","35","SMA","Wiraswasta","Surat Keterangan Tidak Mampu","Pelayanan cepat, terima kasih."),
 ("","","Perempuan","28 tahun","S1","Pegawai Swasta","Surat Pengantar Nikah",""),
 ("siti.aminah@example.com","Siti Aminah","Perempuan","41","SMP","Ibu Rumah Tangga","Rekomendasi Izin Usaha Mikro","Ruang tunggu perlu kipas angin.\nToilet kurang bersih."),
 ("","Ahmad","Laki-laki","52","SD","Petani","Surat Keterangan Ahli Waris","antrean terlalu lama"),
 ("","","Laki-laki","19","SMA","Pelajar/Mahasiswa","Rekomendasi Beasiswa",""),
 ("","","Perempuan","33","D1-D3","PNS","Dispensasi Nikah","Baik"),
 ("rudi@example.com","Rudi","Laki-laki","45","S1","Wiraswasta","Legalisasi Surat Keterangan Tanah","tambah loket pelayanan"),
 ("","","Perempuan","60","SD","Lainnya","Surat Keterangan Domisili Usaha",""),
 ("","","Laki-laki","38","SMA","Pegawai Swasta","Rekomendasi Pindah Penduduk",""),
 ("","","Perempuan","27","S1","PNS","Surat Keterangan Tidak Mampu","Sudah baik."),
]
def label_row(u):
    # questionnaire order: Q1..Q7 = U1..U7, Q8 = U9, Q9 = U8
    q = [u[0],u[1],u[2],u[3],u[4],u[5],u[6],u[8],u[7]]
    return [L[i][q[i]-1] for i in range(9)]
def ts_id(t): return t.strftime("%d/%m/%Y %H.%M.%S")
def ts_us(t): return f"{t.month}/{t.day}/{t.year} {t.hour}:{t.minute:02d}:{t.second:02d}"
def ts_iso(t): return t.strftime("%Y-%m-%d %H:%M:%S")
HID = ["Stempel waktu","Alamat email","Nama (boleh dikosongkan)","Jenis Kelamin","Usia","Pendidikan Terakhir","Pekerjaan Utama","Jenis layanan yang Anda terima",*Q,"Saran dan masukan untuk perbaikan pelayanan"]
HEN = ["Timestamp","Email Address",*HID[2:]]
def tulis(nama, header, fmt, idx=range(10), extra=()):
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writerow(header)
    for i in idx:
        e, n, jk, us, pd, pk, jl, sr = PROF[i]
        w.writerow([fmt(TS[i]), e, n, jk, us, pd, pk, jl, *label_row(U[i]), sr])
    for r in extra:
        w.writerow(r)
    (D/nama).write_text(buf.getvalue(), encoding="utf-8")
# blank submission: a timestamp, nothing answered (Google Forms allows it when no question is required)
kosong_id = [[ts_id(datetime(2024,3,13,7,0,1)), "", "", "", "", "", "", "", *[""]*9, ""]]
tulis("gform_id.csv", HID, ts_id, extra=kosong_id)
tulis("gform_en.csv", HEN, ts_us)
tulis("gform_iso.csv", HEN, ts_iso)
tulis("gform_en_awal.csv", HEN, ts_us, idx=range(8))   # first export: every day <= 12
print("ok")
