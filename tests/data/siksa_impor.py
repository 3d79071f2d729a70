"""Torture run (not a test; `python tests/data/siksa_impor.py`): impor-skm over form exports, each followed by hitung in-process.
Reports per case: exit, imported, IKM, expected IKM (by hand from the answer matrix), verdict."""
import csv, io, random, shutil, sys, tempfile
from datetime import datetime
from fractions import Fraction
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from xl_iku.impor.skm import impor_skm
from xl_iku.io import file_reader
from xl_iku.engine import hitung
from xl_iku.pesan import PesanError
exec(open(Path(__file__).with_name("buat_gform.py"), encoding="utf-8").read().split("def tulis")[0])
T = Path(tempfile.mkdtemp(prefix="siksa_impor_"))
KOSONG = T / "kosong.xlsx"
from xl_iku.template.contoh import data_contoh
from xl_iku.template.build import buat
_peng, _tabel = data_contoh()
KOSONG.write_bytes(buat(None, _peng, dict(_tabel, tblSKM=[])))
D = Path(__file__).resolve().parent

def ikm_tangan(idx):
    """IKM by hand (Fractions) over responses idx (partial blanks allowed via dict overrides)."""
    if not idx: return None
    tot = Fraction(0)
    for k in range(9):
        vals = [v for v in (U[i][k] if not isinstance(i, tuple) else i[1][k] for i in idx) if v is not None]
        tot += Fraction(sum(vals), len(vals))
    return float(tot / 9 * 25)

def csv_teks(header, rows):
    b = io.StringIO(); w = csv.writer(b, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writerow(header); w.writerows(rows); return b.getvalue()

def baris(i, fmt=ts_id, u=None, prof=None):
    e, n, jk, us, pd, pk, jl, sr = prof or PROF[i]
    return [fmt(TS[i]), e, n, jk, us, pd, pk, jl, *label_row(u or U[i]), sr]

def jalankan(nama, langkah, harapan_idx, benar_idx=None):
    buku = T / f"{nama}.xlsx"; shutil.copy(KOSONG, buku)
    hasil = []
    for form, kw in langkah:
        try:
            lap = impor_skm(form, buku, **kw)
            hasil.append((lap.kode_keluar, len(lap.baru), len(lap.duplikat), len(lap.ditolak), len(lap.galat),
                           len(lap.peringatan), [m.pesan[:70] for m in (lap.ditolak + lap.galat + lap.peringatan)][:2]))
        except PesanError as e:
            hasil.append((2, 0, 0, 0, 0, 0, [str(e)[:90]]))
    h = hitung(file_reader.baca(buku))
    ikm = h.ikm.nilai
    ik01 = next(i for i in h.indikator if i.kode == "IK-01")
    harap = ikm_tangan(harapan_idx)
    ok = (ikm is None and harap is None) or (ikm is not None and harap is not None and abs(ikm - harap) < 1e-9)
    # Silent: the IKM is not the IKM of the file's own valid responses (benar) and nothing was said.
    benar = ikm_tangan(benar_idx if benar_idx is not None else harapan_idx)
    berubah = (benar is None) != (ikm is None) or (benar is not None and ikm is not None and abs(ikm - benar) > 1e-9)
    bersuara = any(r[0] != 0 or r[5] for r in hasil)
    diam = berubah and not bersuara
    print(f"{nama:<34} " + " | ".join(f"exit {r[0]} baru {r[1]} dup {r[2]} tolak {r[3]} galat {r[4]} per {r[5]}" for r in hasil)
          + f" || resp {h.ikm.responden} IKM {ikm if ikm is None else round(ikm, 4)} harap {harap if harap is None else round(harap, 4)} IK-01 {ik01.status}"
          + f" -> {'OK' if ok and not diam else 'GAGAL'}{' (senyap!)' if diam else ''}")
    for r in hasil:
        for m in r[6]: print(f"{'':36}· {m}")
    return ok and not diam

IKM10 = ikm_tangan(list(range(10)))
HID = ["Stempel waktu","Alamat email","Nama (boleh dikosongkan)","Jenis Kelamin","Usia","Pendidikan Terakhir","Pekerjaan Utama","Jenis layanan yang Anda terima",*Q,"Saran dan masukan untuk perbaikan pelayanan"]
HEN = ["Timestamp","Email Address",*HID[2:]]
def f(nama, teks):
    p = T / nama; p.write_text(teks, encoding="utf-8"); return p
semua = list(range(10)); hasil = []
rows_id = [baris(i) for i in semua]
# 1 reordered question columns (several seeds)
for seed in range(3):
    perm = list(range(len(HID))); rnd = random.Random(seed); rnd.shuffle(perm)
    hasil.append(jalankan(f"urutan_acak_{seed}", [(f(f"acak{seed}.csv", csv_teks([HID[j] for j in perm], [[r[j] for j in perm] for r in rows_id])), {})], semua))
# 2 Q8/Q9 in unsur order (pengaduan asked 8th, sarana 9th), renumbered
Q2 = Q[:7] + ["8. Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?", "9. Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?"]
H2 = HID[:8] + Q2 + HID[-1:]
rows2 = [r[:15] + [r[16], r[15]] + r[17:] for r in rows_id]
hasil.append(jalankan("q8_q9_urutan_unsur", [(f("q89.csv", csv_teks(H2, rows2)), {})], semua))
# 3 short unsur names as headers, no numbers
NAMA = ["Persyaratan","Sistem, Mekanisme, dan Prosedur","Waktu Penyelesaian","Biaya/Tarif","Produk Spesifikasi Jenis Pelayanan","Kompetensi Pelaksana","Perilaku Pelaksana","Sarana dan Prasarana","Penanganan Pengaduan, Saran dan Masukan"]
hasil.append(jalankan("judul_nama_unsur", [(f("nama.csv", csv_teks(HID[:8] + NAMA + ["Saran"], rows_id)), {})], semua))
# 4 an unknown label in each unsur column of response 6 (line 7)
for k in range(9):
    rows = [list(r) for r in rows_id]; rows[5][8 + k] = "Lumayan"
    hasil.append(jalankan(f"lumayan_P{k+1}", [(f(f"lum{k}.csv", csv_teks(HID, rows)), {})], [i for i in semua if i != 5]))
# 5 every answer of question 8 unknown
rows = [list(r) for r in rows_id]
for r in rows: r[15] = "Lumayan"
hasil.append(jalankan("lumayan_semua_P8", [(f("lumall.csv", csv_teks(HID, rows)), {})], []))
# 6 blank submissions
bl = [[ts_id(datetime(2024,3,13,7,0,k)), "", "", "", "", "", "", "", *[""]*9, ""] for k in range(3)]
hasil.append(jalankan("kiriman_kosong_3", [(f("kosong.csv", csv_teks(HID, rows_id + bl)), {})], semua))
# 7 a partly answered response (U4 blank for response 5)
rows = [list(r) for r in rows_id]; rows[4][11] = ""
u5 = list(U[4]); u5[3] = None
hasil.append(jalankan("sebagian_kosong", [(f("sebagian.csv", csv_teks(HID, rows)), {})], [i if i != 4 else (4, u5) for i in semua]))
# 8 re-exports in other date styles
hasil.append(jalankan("ekspor_ulang_id_en_iso_awal", [(D/"gform_id.csv", {}), (D/"gform_en.csv", {}), (D/"gform_iso.csv", {}), (D/"gform_en_awal.csv", {"format_tanggal": "%m/%d/%Y"})], semua))
hasil.append(jalankan("ekspor_ulang_iso_lalu_id", [(D/"gform_iso.csv", {}), (D/"gform_id.csv", {})], semua))
# 9 ambiguous first export, refused
hasil.append(jalankan("awal_ragu_tanpa_format", [(D/"gform_en_awal.csv", {})], []))
# 10 ambiguous first export with the order stated, then the cumulative one
hasil.append(jalankan("awal_format_lalu_kumulatif", [(D/"gform_en_awal.csv", {"format_tanggal": "%m/%d/%Y"}), (D/"gform_en.csv", {})], semua))
# 11 ambiguous first export with the WRONG order, then the cumulative one
hasil.append(jalankan("awal_format_salah_lalu_kumulatif", [(D/"gform_en_awal.csv", {"format_tanggal": "%d/%m/%Y"}), (D/"gform_en.csv", {})], semua))
# 12 mixed evidence in one column
rows = [list(r) for r in rows_id]; rows[0][0] = "3/14/2024 10:00:00"; rows[1][0] = "14/3/2024 10.00.00"
hasil.append(jalankan("tanggal_bercampur", [(f("campur.csv", csv_teks(HID, rows)), {})], []))
# 13 Jenis Layanan typo
rows = [list(r) for r in rows_id]; rows[3][7] = "Surat Keterangan Ahli Warsi"; rows[6][7] = "legalisasi  surat keterangan TANAH"
hasil.append(jalankan("jenis_layanan_salah_ketik", [(f("jl.csv", csv_teks(HID, rows)), {})], semua))
# 14 bad Usia / unknown Jenis Kelamin
rows = [list(r) for r in rows_id]; rows[1][4] = "5"; rows[2][4] = "tiga puluh"; rows[8][4] = "150"; rows[9][3] = "Lainnya"
hasil.append(jalankan("usia_dan_kelamin_buruk", [(f("usia.csv", csv_teks(HID, rows)), {})], semua))
# 15 a missing unsur column
hasil.append(jalankan("tanpa_kolom_sarana", [(f("tanpa.csv", csv_teks(HID[:15] + HID[16:], [r[:15] + r[16:] for r in rows_id])), {})], []))
# 16 two columns for one unsur
hasil.append(jalankan("kolom_sarana_tambahan", [(f("dua.csv", csv_teks(HID + ["Fasilitas ruang tunggu"], [r + ["Baik"] for r in rows_id])), {})], semua))
hasil.append(jalankan("dua_kolom_sarana_setara", [(f("dua2.csv", csv_teks(HID + ["Sarana dan Prasarana"], [r + ["Baik"] for r in rows_id])), {})], semua))
# 17 extra columns (phone, NIK) ignored
hasil.append(jalankan("kolom_tambahan", [(f("tambah.csv", csv_teks(HID + ["Nomor HP", "NIK"], [r + ["0812", "1471"] for r in rows_id])), {})], semua))
# 18 answers as numbers and prefixed labels
rows = [list(r) for r in rows_id]
for r, i in zip(rows, semua):
    r[8] = str(U[i][0]); r[9] = f"{U[i][1]} - {L[1][U[i][1]-1]}"
hasil.append(jalankan("angka_dan_label_berawalan", [(f("angka.csv", csv_teks(HID, rows)), {})], semua))
# 19 out-of-period responses (2023)
rows = [list(r) for r in rows_id]; rows[0][0] = "30/12/2023 10.00.00"
hasil.append(jalankan("di_luar_periode", [(f("luar.csv", csv_teks(HID, rows)), {})], list(range(1, 10))))
# 20 the Forms CSV download style with GMT+7, English questions header for timestamp
rows = [list(r) for r in rows_id]
for r, i in zip(rows, semua):
    t = TS[i]; r[0] = t.strftime("%Y/%m/%d ") + f"{(t.hour % 12) or 12}:{t.minute:02d}:{t.second:02d} {'AM' if t.hour < 12 else 'PM'} GMT+7"
hasil.append(jalankan("csv_formulir_gmt7", [(f("gmt.csv", csv_teks(HEN, rows)), {})], semua))
# 21 import template with legend, twice
hasil.append(jalankan("templat_keterangan_dua_kali", [(D/"templat_impor_skm.xlsx", {}), (D/"templat_impor_skm.xlsx", {})], list(range(5))))
# 22 a "Saran" header that mentions sarana
hasil.append(jalankan("saran_tentang_sarana", [(f("sarsar.csv", csv_teks(HID[:-1] + ["Saran untuk sarana dan prasarana"], rows_id)), {})], semua))
# 23 questions in English only (not recognised)
hasil.append(jalankan("pertanyaan_bahasa_inggris", [(f("eng.csv", csv_teks(HEN[:8] + [f"Q{k+1}. How satisfied are you?" for k in range(9)] + ["Comments"], rows_id)), {})], []))
# 24 bare question numbers as headers
hasil.append(jalankan("judul_nomor_saja", [(f("nomor.csv", csv_teks(HID[:8] + [str(k+1) for k in range(9)] + ["Saran"], rows_id)), {})], []))
# 25 same responses twice in one export (a double submission one second apart is two rows; exact copy also two)
hasil.append(jalankan("kiriman_ganda_dalam_satu_ekspor", [(f("ganda.csv", csv_teks(HID, rows_id + [rows_id[0]])), {}), (f("ganda.csv", csv_teks(HID, rows_id + [rows_id[0]])), {})], semua))
# 26 two exports pasted together (old + cumulative, different date styles)
hasil.append(jalankan("dua_ekspor_digabung", [(f("gabung.csv", csv_teks(HID, rows_id + [baris(i, ts_id) for i in range(8)])), {})], semua))
print(f"\n{len(hasil)} kasus, {sum(hasil)} lolos, {len(hasil) - sum(hasil)} gagal")
shutil.rmtree(T, ignore_errors=True)
