"""Laporan Hasil Survei Kepuasan Masyarakat (PermenPANRB 14/2017 practice), BAB I–V.

Every number is the engine's (`sumber.Bahan`); what the workbook cannot know
(how the questionnaire was handed out, local regulations) is a sentence marked
"[Perlu disunting: …]" for the office to complete before signing -- as few as
the data allows.  No sheet, table, setting or code name reaches the page: the
document is read by people who never open the workbook.
"""

from __future__ import annotations

from docx import Document

from ..hasil import STATUS_GALAT, STATUS_OK, HasilIKM
from . import dokumen as D
from . import grafik
from . import teks as T
from .sumber import Bahan

DASAR_HUKUM = (
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
    "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009 "
    "tentang Pelayanan Publik;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017 tentang "
    "Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik;",
)


def _judul_periode(b: Bahan) -> str:
    h = b.hasil
    return h.periode.judul if h.periode is not None else f"TAHUN {h.tahun or '…'}"


def _uraian_periode(b: Bahan) -> str:
    h = b.hasil
    return h.periode.uraian if h.periode is not None else f"tahun {h.tahun or '…'}"


def buat(b: Bahan, gaya=None) -> Document:
    h = b.hasil
    kec = h.kecamatan or "…"
    doc = D.baru(f"Laporan Hasil SKM Kecamatan {kec} {h.tahun or ''}".strip(), gaya)
    _sampul(doc, b)
    _bab1(doc, b)
    _bab2(doc, b)
    _bab3(doc, b)
    _bab4(doc, b)
    _bab5(doc, b)
    return doc


def _sampul(doc: Document, b: Bahan) -> None:
    h = b.hasil
    # The cover carries no page number (its footer is the empty first-page footer).
    doc.sections[0].different_first_page_header_footer = True
    for _ in range(6):
        doc.add_paragraph()
    doc.add_paragraph("LAPORAN HASIL\nSURVEI KEPUASAN MASYARAKAT", style="Title")
    for teks in (f"KECAMATAN {(h.kecamatan or '…').upper()}", f"KABUPATEN {(h.kabupaten or '…').upper()}",
                 _judul_periode(b)):
        p = D.para(doc, teks, tebal=True, rata=False)
        p.alignment = 1  # centre
    for _ in range(8):
        doc.add_paragraph()
    p = D.para(doc, "Disusun berdasarkan Peraturan Menteri PANRB Nomor 14 Tahun 2017", miring=True, rata=False)
    p.alignment = 1


def _bab1(doc: Document, b: Bahan) -> None:
    h = b.hasil
    kec = h.kecamatan or "…"
    D.bab(doc, "I", "Pendahuluan")
    D.sub(doc, "1.1 Latar Belakang")
    D.para(doc, f"Kecamatan {kec} sebagai unit penyelenggara pelayanan publik wajib mengukur kepuasan "
                "masyarakat atas layanan yang diberikannya secara berkala, sekurang-kurangnya sekali setahun. "
                "Hasil survei menjadi bahan evaluasi dan perbaikan kualitas pelayanan serta diumumkan kepada "
                "masyarakat.")
    D.sub(doc, "1.2 Dasar Hukum")
    for i, dh in enumerate(DASAR_HUKUM, start=1):
        D.para(doc, f"{i}. {dh}", rata=False)
    D.sub(doc, "1.3 Maksud dan Tujuan")
    D.para(doc, "Maksud survei ini adalah mengetahui tingkat kepuasan masyarakat terhadap pelayanan di kantor "
                f"Camat {kec}. Tujuannya:")
    for t in ("mengukur Indeks Kepuasan Masyarakat (IKM) secara berkala;",
              "mengetahui kelemahan dan kekuatan setiap unsur pelayanan;",
              "menyusun rencana tindak lanjut atas unsur yang bernilai terendah;",
              "menyediakan bahan pengukuran Indikator Kinerja Utama dan Indikator Kinerja kecamatan."):
        D.butir(doc, t)
    D.sub(doc, "1.4 Ruang Lingkup")
    D.para(doc, "Survei mengukur sembilan unsur pelayanan menurut PermenPANRB 14/2017:")
    D.tabel(doc, ["Kode", "Unsur Pelayanan"], [[u.kode, u.label] for u in _unsur(h.ikm)], lebar_cm=[2.0, 12.0])


def _unsur(ikm: HasilIKM):
    if ikm.unsur:
        return ikm.unsur
    from ..layout import _unsur_kosong

    return _unsur_kosong()


def _bab2(doc: Document, b: Bahan) -> None:
    h, ikm = b.hasil, b.hasil.ikm
    D.bab(doc, "II", "Pengumpulan Data")
    D.sub(doc, "2.1 Metode Pengumpulan Data")
    D.para(doc, "Data dikumpulkan dengan kuesioner sembilan pertanyaan, satu untuk setiap unsur pelayanan, dengan "
                "empat pilihan jawaban bernilai 1 (tidak baik) sampai 4 (sangat baik). Responden adalah penerima "
                "layanan yang mengisi kuesioner setelah menerima layanan. Pertanyaan yang tidak dijawab tidak "
                "dihitung pada unsur itu.")
    D.para(doc, T.sunting("sebutkan cara pengisian: tatap muka di loket, kotak survei, tablet, atau formulir "
                          "daring (Google Formulir), dan siapa petugas pengumpulnya."))
    D.sub(doc, "2.2 Periode dan Lokasi")
    rentang = (f"; jawaban yang dihitung bertanggal {T.tanggal(b.survei_awal)} sampai {T.tanggal(b.survei_akhir)}"
               if b.survei_awal else "")
    D.para(doc, f"Survei dilaksanakan pada {_uraian_periode(b)} di kantor Camat {h.kecamatan or '…'}{rentang}.")
    D.sub(doc, "2.3 Populasi, Sampel Minimum, dan Responden")
    D.para(doc, "Sampel minimum ditentukan dengan tabel Krejcie dan Morgan yang dirujuk PermenPANRB 14/2017: "
                "n = 3,841 × N × 0,25 / (0,0025 × (N − 1) + 3,841 × 0,25), dibulatkan ke bilangan bulat terdekat.")
    if ikm.populasi:
        cukup = ikm.sampel_minimum is not None and ikm.responden >= ikm.sampel_minimum
        baris = [["Populasi penerima layanan (N)", T.bulat(ikm.populasi)],
                 ["Sampel minimum (Krejcie–Morgan)", T.bulat(ikm.sampel_minimum)],
                 ["Responden yang diperoleh", T.bulat(ikm.responden)],
                 ["Keterangan", "memenuhi sampel minimum" if cukup else "kurang dari sampel minimum"]]
        D.tabel(doc, ["Uraian", "Jumlah"], baris, lebar_cm=[9.0, 5.0], kanan={1},
                judul="Tabel 2.1 Populasi, sampel minimum, dan responden")
    else:
        D.para(doc, f"Responden yang diperoleh: {T.bulat(ikm.responden)} orang. Jumlah penerima layanan pada periode "
                    "ini tidak tercatat; untuk populasi yang tidak diketahui (besar) tabel Krejcie–Morgan memberikan "
                    "sampel minimum 384 responden.")
    kurang = T.responden_kurang(ikm)
    if kurang:
        D.para(doc, kurang + " Survei berikutnya perlu menjangkau lebih banyak responden.", tebal=True)
    D.sub(doc, "2.4 Metode Pengolahan Data")
    D.para(doc, f"Nilai rata-rata per unsur (NRR) = jumlah nilai jawaban unsur itu / jumlah jawaban unsur itu. "
                f"NRR tertimbang = NRR × bobot {ikm.bobot}. IKM = Σ NRR tertimbang × 25. "
                "Mutu ditentukan dari IKM yang dibulatkan dua desimal menurut tabel berikut.")
    D.tabel(doc, ["Mutu", "Nilai IKM", "Nilai NRR", "Kinerja Unit Pelayanan"],
            [[m.mutu, f"{T.angka(float(m.batas_bawah))} – {T.angka(float(m.batas_atas))}",
              f"{T.angka(max(1.0, float(m.batas_bawah) / 25), 4)} – {T.angka(float(m.batas_atas) / 25, 4)}", m.kinerja]
             for m in b.referensi.mutu_ikm],
            lebar_cm=[2.0, 4.0, 4.0, 5.0], judul="Tabel 2.2 Nilai persepsi, interval, dan mutu pelayanan")


def _status_ikm(b: Bahan) -> str | None:
    """None when the IKM stands; otherwise the sentence that replaces its numbers."""
    ind = b.hasil.indikator_survei()[0]  # the document is refused without one (laporan.berkas)
    if ind.status == STATUS_OK and b.hasil.ikm.nilai is not None:
        return None
    if ind.status == STATUS_GALAT:
        return ("IKM belum dapat dihitung karena sebagian data survei masih salah; angka IKM dan nilai per unsur "
                "tidak ditampilkan sampai data itu diperbaiki.")
    return f"IKM belum dapat dihitung: {ind.keterangan}"


def _bab3(doc: Document, b: Bahan) -> None:
    h, ikm = b.hasil, b.hasil.ikm
    D.bab(doc, "III", "Hasil Pengolahan Data")
    D.sub(doc, "3.1 Profil Responden")
    no = 1
    for judul in ("Jenis Kelamin", "Usia", "Pendidikan", "Pekerjaan"):
        isi = ikm.profil.get(judul, [])
        total = sum(n for _, n in isi)
        rows = [[label, T.bulat(n), T.angka(n / total * 100)] for label, n in isi]
        if rows:
            rows.append(["Jumlah", T.bulat(total), T.angka(100.0)])
        D.tabel(doc, [judul, "Jumlah", "Persen (%)"], rows or [["Belum ada data", "–", "–"]],
                lebar_cm=[8.0, 3.0, 3.0], kanan={1, 2}, tebal_baris={len(rows) - 1} if rows else set(),
                judul=f"Tabel 3.{no} Responden menurut {judul.lower()}")
        no += 1
    D.sub(doc, "3.2 Nilai per Unsur Pelayanan")
    status = _status_ikm(b)
    rows = [[u.kode, u.label, T.bulat(u.jumlah_jawaban), T.angka(u.nrr, 4), T.angka(u.nrr_tertimbang, 4),
             T.angka(u.ikm_unsur), u.mutu or "–"] for u in _unsur(ikm)]
    if ikm.nilai is not None:
        rows.append(["", "Jumlah NRR tertimbang", "", "", T.angka(ikm.nilai / 25, 4), "", ""])
        rows.append(["", "IKM (Σ NRR tertimbang × 25)", "", "", "", T.angka(ikm.nilai), ikm.mutu or ""])
    D.tabel(doc, ["Kode", "Unsur", "Jumlah Jawaban", "NRR", "NRR Tertimbang", "IKM Unsur", "Mutu"], rows,
            lebar_cm=[1.3, 5.0, 1.9, 1.6, 2.6, 1.7, 1.3], kanan={2, 3, 4, 5},
            tebal_baris={len(rows) - 2, len(rows) - 1} if ikm.nilai is not None else set(),
            judul=f"Tabel 3.{no} NRR, NRR tertimbang, dan IKM per unsur (bobot {ikm.bobot})")
    no += 1
    if status is None:
        D.gambar(doc, grafik.nrr_unsur(ikm.unsur, b.referensi.mutu_ikm), "Gambar 3.1 NRR per unsur dan batas mutu")
    D.sub(doc, "3.3 Indeks Kepuasan Masyarakat")
    if status is None:
        D.para(doc, f"Indeks Kepuasan Masyarakat Kecamatan {h.kecamatan or '…'} {_uraian_periode(b)} adalah "
                    f"{T.angka(ikm.nilai)} dengan mutu pelayanan {ikm.mutu} dan kinerja unit pelayanan "
                    f"\u201c{ikm.kinerja}\u201d, dari {T.bulat(ikm.responden)} responden. Bobot per unsur yang dipakai: "
                    f"{ikm.bobot} ({_uraian_bobot(ikm.bobot)}).", tebal=False)
        kurang = T.responden_kurang(ikm)
        if kurang:
            D.para(doc, kurang, tebal=True)
    else:
        D.para(doc, status, tebal=True)
    D.sub(doc, "3.4 IKM per Jenis Layanan")
    rows = [[pl.jenis_layanan, T.bulat(pl.responden), T.angka(pl.nilai) if pl.nilai is not None else "belum dapat dihitung",
             pl.mutu or "–", pl.kinerja or "–"] for pl in ikm.per_layanan]
    D.tabel(doc, ["Jenis Layanan", "Responden", "IKM", "Mutu", "Kinerja"], rows or [["Belum ada data", "", "", "", ""]],
            lebar_cm=[6.6, 2.2, 2.2, 1.5, 3.0], kanan={1, 2}, judul=f"Tabel 3.{no} IKM per jenis layanan")
    if any(pl.nilai is None for pl in ikm.per_layanan) and status is None:
        D.para(doc, "Jenis layanan yang belum memiliki jawaban untuk setiap unsur belum dapat dihitung IKM-nya.",
               miring=True)


def _uraian_bobot(bobot: str) -> str:
    return {"1/9": "tepat sembilan unsur berbobot sama", "0,111": "pembulatan 1/9 seperti contoh peraturan",
            "0,11": "pembulatan dua desimal; IKM sedikit lebih rendah daripada bobot 1/9"}.get(bobot, "bobot yang ditetapkan kantor")


def _bab4(doc: Document, b: Bahan) -> None:
    h, ikm = b.hasil, b.hasil.ikm
    D.bab(doc, "IV", "Analisis Hasil Survei")
    status = _status_ikm(b)
    ada = [u for u in ikm.unsur if u.nrr is not None]
    D.sub(doc, "4.1 Unsur Terkuat dan Terlemah")
    if status is None and ada:
        kuat = max(ada, key=lambda u: (u.nrr, u.kode))
        lemah = min(ada, key=lambda u: (u.nrr, u.kode))
        D.para(doc, f"Unsur dengan nilai tertinggi adalah {kuat.kode} {kuat.label} (NRR {T.angka(kuat.nrr, 4)}, "
                    f"IKM unsur {T.angka(kuat.ikm_unsur)}, mutu {kuat.mutu}). Unsur dengan nilai terendah adalah "
                    f"{lemah.kode} {lemah.label} (NRR {T.angka(lemah.nrr, 4)}, IKM unsur {T.angka(lemah.ikm_unsur)}, "
                    f"mutu {lemah.mutu}).")
    else:
        D.para(doc, status or "Belum ada nilai per unsur.", tebal=True)
    D.sub(doc, "4.2 Tiga Unsur Terendah dan Rencana Tindak Lanjut")
    if ikm.terendah:
        D.tabel(doc, ["No", "Unsur", "NRR", "IKM Unsur", "Mutu"],
                [[str(i), f"{u.kode} {u.label}", T.angka(u.nrr, 4), T.angka(u.ikm_unsur), u.mutu or "–"]
                 for i, u in enumerate(ikm.terendah, start=1)],
                lebar_cm=[1.0, 8.5, 2.0, 2.0, 1.5], kanan={2, 3}, judul="Tabel 4.1 Tiga unsur dengan nilai terendah")
        rows = []
        for u in ikm.terendah:
            rencana = ikm.rtl.get(u.kode) or []
            if not rencana:
                rows.append([f"{u.kode} {u.label}", "belum ditetapkan", "–", "–"])
            for prog, waktu, pj in rencana:
                rows.append([f"{u.kode} {u.label}", prog or "–", waktu or "belum ditetapkan", pj or "belum ditetapkan"])
        D.tabel(doc, ["Unsur", "Program/Kegiatan", "Waktu", "Penanggung Jawab"], rows,
                lebar_cm=[4.0, 6.0, 2.5, 3.0], judul="Tabel 4.2 Rencana tindak lanjut")
    else:
        D.para(doc, "Belum ada unsur bernilai untuk diurutkan.", miring=True)
    D.sub(doc, "4.3 Perkembangan IKM dari Tahun ke Tahun")
    _tren(doc, b)
    D.sub(doc, "4.4 Saran dan Masukan Responden")
    if ikm.saran:
        D.para(doc, f"Sebanyak {T.bulat(len(ikm.saran))} responden menuliskan saran. Saran yang diterima:")
        batas = 15
        for s in ikm.saran[:batas]:
            D.butir(doc, s)
        if len(ikm.saran) > batas:
            D.para(doc, f"… dan {T.bulat(len(ikm.saran) - batas)} saran lain yang tercatat pada rekap hasil survei.",
                   miring=True)
    else:
        D.para(doc, "Tidak ada saran tertulis dari responden.")


def _seri_ikm(b: Bahan) -> tuple[str, dict[int, tuple]]:
    """The series of the survey's IKU indicator (every tblTarget year), or of
    another `Survei IKM` indicator when only that one has history."""
    kode = [i.kode for i in sorted(b.hasil.indikator_survei(), key=lambda i: i.kelompok != "IKU")]
    for k in kode:
        seri = b.hasil.riwayat.get(k) or {}
        if any(v[1] is not None for th, v in seri.items() if th != b.hasil.tahun):
            return k, seri
    return (kode[0], b.hasil.riwayat.get(kode[0]) or {}) if kode else ("", {})


def _tren(doc: Document, b: Bahan) -> None:
    h = b.hasil
    kode, seri = _seri_ikm(b)
    ind = h.indikator_by_kode()[kode]
    rows = []
    tahun = T.tahun_renstra(h)
    rentang = f"{tahun[0]}–{tahun[-1]}"
    for th in tahun:
        tgt, real, cap, kat = seri.get(th, (None, None, None, None))
        if th == h.tahun:
            real_t = T.realisasi(ind)
            cap_t = T.capaian(ind)
        else:
            real_t = T.angka(real) if real is not None else "–"
            cap_t = T.angka(cap) if cap is not None else "–"
        rows.append([T.label_tahun(h, th), T.angka(tgt) if tgt is not None else "–", real_t, cap_t, kat or "–"])
    D.tabel(doc, ["Tahun", "Target", "Realisasi IKM", "Capaian (%)", "Kategori"], rows,
            lebar_cm=[2.0, 2.8, 3.2, 3.0, 3.5], kanan={1, 2, 3},
            tebal_baris={tahun.index(h.tahun)} if h.tahun in tahun else set(),
            judul=f"Tabel 4.3 Target dan realisasi IKM {rentang}")
    lalu = seri.get((h.tahun or 0) - 1, (None,) * 4)[1]
    if h.tahun is not None and T.sebagian_tahun(h):
        # Half a year against a whole one is no comparison (issue 21).
        D.para(doc, f"IKM {_uraian_periode(b)} belum dibandingkan dengan IKM setahun penuh {h.tahun - 1}; "
                    "perbandingan antartahun dibuat pada laporan tahunan.", miring=True)
    elif ind.status == STATUS_OK and isinstance(ind.realisasi, float) and isinstance(lalu, (int, float)):
        selisih = ind.realisasi - float(lalu)
        arah = "naik" if selisih > 0 else "turun" if selisih < 0 else "tetap"
        D.para(doc, f"Dibanding tahun {h.tahun - 1} ({T.angka(lalu)}), IKM {h.tahun} ({T.angka(ind.realisasi)}) "
                    f"{arah}" + (f" {T.angka(abs(selisih))} poin." if selisih else "."))
    elif h.tahun is not None:
        D.para(doc, f"Realisasi IKM tahun {h.tahun - 1} belum tercatat, sehingga perbandingan dengan tahun sebelumnya "
                    "belum dapat dibuat.", miring=True)
    D.gambar(doc, grafik.tren(seri, f"IKM {rentang}: target dan realisasi", h.tahun, tahun),
             f"Gambar 4.1 Tren IKM {rentang}", lebar_cm=14.5)


def _bab5(doc: Document, b: Bahan) -> None:
    h, ikm = b.hasil, b.hasil.ikm
    D.bab(doc, "V", "Penutup")
    D.sub(doc, "5.1 Kesimpulan")
    status = _status_ikm(b)
    if status is None:
        D.para(doc, f"Pelayanan publik di Kecamatan {h.kecamatan or '…'} pada {_uraian_periode(b)} memperoleh IKM "
                    f"{T.angka(ikm.nilai)} (mutu {ikm.mutu}, \u201c{ikm.kinerja}\u201d) dari "
                    f"{T.bulat(ikm.responden)} responden.")
        if ikm.terendah:
            D.para(doc, "Unsur yang perlu diprioritaskan perbaikannya: " + "; ".join(
                f"{u.kode} {u.label} ({T.angka(u.ikm_unsur)})" for u in ikm.terendah) + ".")
    else:
        D.para(doc, status, tebal=True)
    D.sub(doc, "5.2 Saran dan Tindak Lanjut")
    D.para(doc, "Rencana tindak lanjut pada Tabel 4.2 dilaksanakan dan dipantau, dan hasil survei ini "
                "dipublikasikan kepada masyarakat melalui papan informasi kantor camat dan media daring.")
    D.ttd(doc, h)
