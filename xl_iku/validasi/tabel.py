"""Row-level reading of the input tables: clean cells, required cells, the
reporting-year filter, and each table's own cross-checks.  Produces the typed
models of `models.py`; every problem becomes a temuan at its exact cell.
"""

from __future__ import annotations

from datetime import date

from dataclasses import dataclass, field
from decimal import Decimal

from .. import katalog
from .. import kontrak as K
from ..kontrak import Jenis
from .. import models as M
from ..dasar.ooxml import angka_teks
from ..dasar.raw import KODE_GALAT_EXCEL, RawRow, RawTable, RowValues, address, kolom_nilai
from ..referensi import KOMPONEN_AKIP, Referensi
from ..rules import idm as R_idm
from ..rules.angka import ke_decimal
from ..hasil import GALAT
from ..periode import Periode
from .sel import SALAH, Pemeriksa, bersihkan, kosong


def kode_utama(tabel: str) -> str | None:
    """The code a finding in `tabel` is filed under (IK-01 rather than IKU-01)."""
    kode = [k for k in katalog.pembaca(tabel) if k != "IKU-01"]
    return kode[0] if kode else None


@dataclass(slots=True)
class Bersih:
    """One non-blank row with cleaned values (SALAH for rejected cells)."""

    raw: RawRow
    nilai: "RowValues"  # header → cleaned value, over a list (no dict per row)
    salah: bool = False


@dataclass
class TabelBersih:
    nama: str
    lembar: str
    baris: list[Bersih] = field(default_factory=list)
    di_luar_tahun: int = 0


def _baris_kosong(row: RawRow) -> bool:
    # A pre-numbered empty row ("No" only) is still an empty row.
    return all(kosong(v) for h, v in row.values.items() if h != "No")


def _baris_berisi(raw: RawTable, headers: list[str]) -> tuple[list[RawRow], list[list]]:
    """The non-blank rows, and the raw values of `headers` down them (one list
    per header), column by column where the reader allows it."""
    semua = kolom_nilai(raw.rows)
    if semua is None or not all(h in semua for h in headers):
        rows = [r for r in raw.rows if not _baris_kosong(r)]
        return rows, [[r.values.get(h) for r in rows] for h in headers]
    # Blank rows: candidates narrowed column by column (most rows drop out at the first).
    calon = range(len(raw.rows))
    for h, col in semua.items():
        if h != "No" and calon:
            calon = [j for j in calon if (v := col[j]) is None or (isinstance(v, str) and not v.strip())]
    if not calon:
        return raw.rows, [semua[h] for h in headers]
    kosong_j = set(calon)
    isi = [j for j in range(len(raw.rows)) if j not in kosong_j]
    return [raw.rows[j] for j in isi], [[semua[h][j] for j in isi] for h in headers]


def _cepat(vals: list, kol) -> list | None:
    """Clean a whole column at C speed when every value is already clean
    (the common case: tens of thousands of cells); None sends it cell by cell."""
    ada = set(vals)
    ada.discard(None)
    if any(type(v) is bool for v in ada):
        return None
    j = kol.jenis
    if j is Jenis.LIKERT:
        if ada <= {1, 2, 3, 4}:
            return [None if v is None else int(v) for v in vals]
    elif j is Jenis.BULAT or j is Jenis.ANGKA:
        if all(type(v) in (int, float) and v == v and v not in (float("inf"), float("-inf")) for v in ada):
            if j is Jenis.ANGKA:
                return vals
            if all(float(v).is_integer() and v >= 0 for v in ada):
                return [None if v is None else int(v) for v in vals]
    elif j is Jenis.TEKS:
        if all(type(v) is str for v in ada) and not (ada & KODE_GALAT_EXCEL):
            return [None if v is None else (v.strip() or None) for v in vals]
    elif j is Jenis.TANGGAL:
        if all(type(v) is date for v in ada):
            return vals
    elif j is Jenis.PILIHAN:
        if ada <= set(kol.pilihan):
            return vals
    return None


def _kw_baris(spec, row: RawRow) -> dict:
    """A row that names its indicator: its galat blocks that code alone."""
    v = row.values.get(spec.kolom_kode)
    kode = str(v).strip().upper() if not kosong(v) else None
    # Rekap Manual rows may only name a rekap code; target rows any indicator.
    if kode not in (katalog.KODE_REKAP if spec.nama == "tblRekapManual" else katalog.INDIKATOR_BY_KODE):
        return {"tabel": None, "kode": None, "blokir": ()}
    return {"tabel": None, "kode": kode, "blokir": (kode,)}


def bersihkan_tabel(raw: RawTable, p: Pemeriksa, periode: Periode | None) -> TabelBersih:
    spec = K.TABEL[raw.name]
    out = TabelBersih(raw.name, raw.sheet)
    kode = kode_utama(raw.name)
    kw_tabel = {"tabel": raw.name, "kode": kode}
    kolom_tgl = spec.kolom_tanggal
    kolom_ada = [k for k in spec.kolom if k.header in raw.columns]
    idx = {k.header: i for i, k in enumerate(kolom_ada)}
    rows, kolom_mentah = _baris_berisi(raw, [k.header for k in kolom_ada])

    # Column by column: clean, and remember each cell's problem by row index.
    kolom_bersih: list[list] = []
    masalah: list[tuple[int, object, dict[int, tuple[str, str]]]] = []
    for i, kol in enumerate(kolom_ada):
        vals = kolom_mentah[i]
        cepat = _cepat(vals, kol)
        if cepat is None:
            cepat, soal = [], {}
            for n, v in enumerate(vals):
                c, pesan, tingkat = bersihkan(v, kol)
                if pesan:
                    soal[n] = (pesan, tingkat)
                cepat.append(c)
            if soal:
                masalah.append((i, kol, soal))
        kolom_bersih.append(cepat)
    i_tgl = idx.get(kolom_tgl) if kolom_tgl else None
    soal_tgl = next((s for i, _, s in masalah if i == i_tgl), {})
    soal_lain = [(i, kol, soal) for i, kol, soal in masalah if i != i_tgl]
    # Blank required cells are rare: indexed by row, so that a clean row is one
    # tuple from zip (C speed) and a membership test.
    wajib_kosong: dict[int, list[int]] = {}
    for i, k in enumerate(kolom_ada):
        if k.wajib:
            for n in [n for n, v in enumerate(kolom_bersih[i]) if v is None]:
                wajib_kosong.setdefault(n, []).append(i)
    baris_nilai = list(zip(*kolom_bersih)) if kolom_bersih else [()] * len(rows)

    for n, row in enumerate(rows):
        kw = _kw_baris(spec, row) if spec.kolom_kode else kw_tabel
        if i_tgl is not None:
            # The date decides whether the row counts at all; check it first.
            tgl = kolom_bersih[i_tgl][n]
            if n in soal_tgl:
                pesan, tingkat = soal_tgl[n]
                (p.galat if tingkat == GALAT else p.peringatan)(raw.sheet, row.cell(kolom_tgl), pesan, **kw)
            if tgl is None:
                p.galat(raw.sheet, row.cell(kolom_tgl), f"Kolom '{kolom_tgl}' wajib diisi.", **kw)
                continue
            if tgl is SALAH:
                continue
            if periode is not None and not periode.memuat(tgl):
                out.di_luar_tahun += 1
                continue
        nilai = baris_nilai[n]
        for i, kol, soal in soal_lain:
            if n in soal:
                pesan, tingkat = soal[n]
                (p.galat if tingkat == GALAT else p.peringatan)(raw.sheet, row.cell(kol.header), pesan, **kw)
        if n in wajib_kosong:
            nilai = list(nilai)
            for i in wajib_kosong[n]:
                header = kolom_ada[i].header
                p.galat(raw.sheet, row.cell(header), f"Kolom '{header}' wajib diisi.", **kw)
                nilai[i] = SALAH
        # `in` compares by identity first; cleaned values never equal SALAH otherwise.
        out.baris.append(Bersih(row, RowValues(nilai, idx), SALAH in nilai))
    if out.di_luar_tahun:
        kol = raw.columns.get(kolom_tgl or "", 1)
        p.peringatan(
            raw.sheet,
            address(raw.header_row, kol),
            f"{out.di_luar_tahun} baris di lembar {raw.sheet} bertanggal di luar {periode.uraian} dan tidak dihitung.",
            tabel=None,
            kode=kode,
        )
    return out


def _base_of(t: TabelBersih, b: Bersih) -> dict:
    return {"lembar": t.lembar, "baris": b.raw.row, "kolom": b.raw.cols}


# --- per-table builders -------------------------------------------------------


def skm(t: TabelBersih, p: Pemeriksa, jenis_dikenal: set[str]) -> list[M.BarisSKM]:
    out = []
    kw = {"tabel": t.nama, "kode": "IK-01"}
    for b in t.baris:
        if b.salah:
            continue
        jawaban = tuple(b.nilai.get(u) for u in K.UNSUR)
        if all(j is None for j in jawaban):
            p.peringatan(t.lembar, b.raw.cell("U1") if "U1" in b.raw.cols else b.raw.cell("Tanggal"),
                         "Semua jawaban U1–U9 kosong; responden ini tidak dihitung.", kode="IK-01")
            continue
        usia = b.nilai.get("Usia")
        if usia is not None and not 10 <= usia <= 120:
            p.galat(t.lembar, b.raw.cell("Usia"), "Usia responden harus antara 10 dan 120 tahun.", **kw)
            continue
        jl = b.nilai.get("Jenis Layanan")
        if jl and jenis_dikenal and jl.casefold() not in jenis_dikenal:
            # A value outside its list (tblJenisLayanan) is a galat, as for tblLayanan.
            p.galat(t.lembar, b.raw.cell("Jenis Layanan"),
                    f"Jenis Layanan '{jl}' tidak ada di tabel Jenis Layanan (lembar Referensi).", **kw)
            continue
        out.append(M.BarisSKM(
            **_base_of(t, b), tanggal=b.nilai["Tanggal"], jenis_layanan=jl,
            jenis_kelamin=b.nilai.get("Jenis Kelamin"), usia=b.nilai.get("Usia"),
            pendidikan=b.nilai.get("Pendidikan"), pekerjaan=b.nilai.get("Pekerjaan"),
            jawaban=jawaban, saran=b.nilai.get("Saran"),
        ))
    return out


def akip(t: TabelBersih, p: Pemeriksa, tahun: int, ref: Referensi) -> M.BarisAKIP | None:
    kw = {"tabel": t.nama, "kode": "IK-02"}
    cocok = [b for b in t.baris if b.nilai.get("Tahun") == tahun]
    if len(cocok) > 1:
        # Every row of the year is flagged: which one is right is the user's call.
        for b in cocok:
            p.galat(t.lembar, b.raw.cell("Tahun"), f"Tahun {tahun} tercatat lebih dari sekali di tabel AKIP.", **kw)
        return None
    if not cocok or cocok[0].salah:
        return None
    b = cocok[0]
    komponen = {}
    salah = False
    for kode, (header, _) in KOMPONEN_AKIP.items():
        v = b.nilai[header]
        batas = ref.bobot_akip[kode]
        if not (Decimal(0) <= ke_decimal(v) <= batas):
            p.galat(t.lembar, b.raw.cell(header),
                    f"Nilai {header} harus antara 0 dan bobotnya {angka_teks(batas, None)}.", **kw)
            salah = True
        komponen[kode] = v
    if salah:
        return None
    return M.BarisAKIP(**_base_of(t, b), tahun=tahun, komponen=komponen, predikat_lhe=b.nilai.get("Predikat LHE"))


def sop(t: TabelBersih, p: Pemeriksa) -> list[M.BarisSOP]:
    out = []
    kw = {"tabel": t.nama, "kode": "IK-07"}
    for b in t.baris:
        if b.salah:
            continue
        jml, ses = b.nilai["Jumlah Persyaratan"], b.nilai["Persyaratan Sesuai"]
        if ses > jml:
            p.galat(t.lembar, b.raw.cell("Persyaratan Sesuai"),
                    "Persyaratan Sesuai tidak boleh lebih besar dari Jumlah Persyaratan.", **kw)
            continue
        if jml == 0:
            p.galat(t.lembar, b.raw.cell("Jumlah Persyaratan"), "Jumlah Persyaratan tidak boleh 0.", **kw)
            continue
        out.append(M.BarisSOP(**_base_of(t, b), nama_layanan=b.nilai["Nama Layanan"], jumlah=jml, sesuai=ses))
    return out


def kamtibmas(t: TabelBersih) -> list[M.BarisKamtibmas]:
    return [
        M.BarisKamtibmas(**_base_of(t, b), tanggal=b.nilai["Tanggal"], jenis=b.nilai["Jenis"], status=b.nilai["Status"])
        for b in t.baris
        if not b.salah
    ]


def sarpras(t: TabelBersih, p: Pemeriksa) -> list[M.BarisSarpras]:
    out = []
    kw = {"tabel": t.nama, "kode": "IK-09"}
    for b in t.baris:
        if b.salah:
            continue
        keb, ters, baik, pel = (b.nilai[h] for h in ("Kebutuhan", "Tersedia", "Kondisi Baik", "Dipelihara"))
        salah = False
        if baik > ters:
            p.galat(t.lembar, b.raw.cell("Kondisi Baik"), "Kondisi Baik tidak boleh lebih besar dari Tersedia.", **kw)
            salah = True
        if pel > ters:
            p.galat(t.lembar, b.raw.cell("Dipelihara"), "Dipelihara tidak boleh lebih besar dari Tersedia.", **kw)
            salah = True
        if ters > keb:
            p.peringatan(t.lembar, b.raw.cell("Tersedia"),
                         "Tersedia melebihi Kebutuhan; periksa kembali angka kebutuhan.", kode="IKP-06")
        if not salah:
            out.append(M.BarisSarpras(**_base_of(t, b), kebutuhan=keb, tersedia=ters, kondisi_baik=baik, dipelihara=pel))
    return out


def desa(t: TabelBersih, p: Pemeriksa, ref: Referensi) -> list[M.BarisDesa]:
    out = []
    kw = {"tabel": t.nama, "kode": "IK-10"}
    for b in t.baris:
        if b.salah:
            continue
        nilai, status = b.nilai.get("Nilai IDM"), b.nilai.get("Status IDM")
        if nilai is not None and not 0 <= nilai <= 1:
            p.galat(t.lembar, b.raw.cell("Nilai IDM"), "Nilai IDM harus antara 0 dan 1 (contoh 0,8156).", **kw)
            continue
        if nilai is None and status is None:
            p.galat(t.lembar, b.raw.cell("Nilai IDM"), "Isi Nilai IDM atau Status IDM desa ini.", **kw)
            continue
        if nilai is not None:
            turunan = R_idm.status_idm(nilai, ref.status_idm)
            if status is not None and status != turunan:
                p.galat(t.lembar, b.raw.cell("Status IDM"),
                        f"Status IDM '{status}' bertentangan dengan Nilai IDM "
                        f"{angka_teks(ke_decimal(nilai), None)} (menurut Permendesa PDTT 2/2016: {turunan}).", **kw)
                continue
            status = turunan
        out.append(M.BarisDesa(**_base_of(t, b), nama=b.nilai["Nama Desa"], nilai_idm=nilai, status=status))
    return out


def register(t: TabelBersih, p: Pemeriksa, kode: str, jenis: dict[str, int] | None = None) -> list[M.BarisRegister]:
    """tblLayanan (kode IKP-01, unique No Register, known Jenis Layanan) and tblPengaduan."""
    out = []
    kw = {"tabel": t.nama, "kode": kode}
    for b in t.baris:
        if b.salah:
            continue
        masuk, selesai = b.nilai[K.TABEL[t.nama].kolom_tanggal], b.nilai.get("Tanggal Selesai")
        if selesai is not None and selesai < masuk:
            p.galat(t.lembar, b.raw.cell("Tanggal Selesai"), "Tanggal Selesai lebih awal dari Tanggal Masuk.", **kw)
            continue
        jl = b.nilai.get("Jenis Layanan")
        if jenis is not None and jl is not None and jl.casefold() not in jenis:
            p.galat(t.lembar, b.raw.cell("Jenis Layanan"),
                    f"Jenis Layanan '{jl}' tidak ada di tabel Jenis Layanan (lembar Referensi), "
                    "sehingga standar waktunya tidak diketahui.", **kw)
            continue
        out.append(M.BarisRegister(**_base_of(t, b), masuk=masuk, selesai=selesai, jenis_layanan=jl))
    return out


def duplikat(raw: RawTable, header: str, p: Pemeriksa, kode: str | None) -> None:
    """Flag every repeat of a value that must be unique (e.g. No Register)."""
    if header not in raw.columns:
        return
    seen: dict[str, str] = {}
    dilapor: set[str] = set()
    for row in raw.rows:
        v = row.values.get(header)
        if kosong(v):
            continue
        key = " ".join(str(v).split()).casefold()
        if key in seen:
            # Both places are flagged; the first only once however many repeats follow.
            if key not in dilapor:
                dilapor.add(key)
                p.galat(raw.sheet, seen[key], f"{header} '{str(v).strip()}' dipakai lagi di baris lain; "
                        "nomor register harus unik.", tabel=raw.name, kode=kode)
            p.galat(raw.sheet, row.cell(header),
                    f"{header} '{str(v).strip()}' sudah dipakai di sel {seen[key]}; nomor register harus unik.",
                    tabel=raw.name, kode=kode)
        else:
            seen[key] = row.cell(header)


def ya_tidak(t: TabelBersih, header: str) -> list[M.BarisYaTidak]:
    return [M.BarisYaTidak(**_base_of(t, b), ya=b.nilai[header] == "Ya") for b in t.baris if not b.salah]


def kegiatan(t: TabelBersih, p: Pemeriksa) -> list[M.BarisKegiatan]:
    out = []
    kode_kelompok = dict(zip(K.KELOMPOK_KEGIATAN, ("IKP-08", "IKP-10", "IKP-11")))
    for b in t.baris:
        if b.salah:
            continue
        tgt, real = b.nilai["Target"], b.nilai["Realisasi"]
        kode = kode_kelompok[b.nilai["Kelompok"]]
        if tgt < 0 or real < 0:
            p.galat(t.lembar, b.raw.cell("Target" if tgt < 0 else "Realisasi"),
                    "Target dan Realisasi kegiatan tidak boleh negatif.", tabel=t.nama, kode=kode)
            continue
        if real > tgt:
            p.peringatan(t.lembar, b.raw.cell("Realisasi"), "Realisasi melebihi Target kegiatan.", kode=kode)
        out.append(M.BarisKegiatan(**_base_of(t, b), kelompok=b.nilai["Kelompok"], target=tgt, realisasi=real))
    return out


def rekap(t: TabelBersih, p: Pemeriksa) -> dict[str, M.BarisRekap]:
    out: dict[str, M.BarisRekap] = {}
    for b in t.baris:
        kode_raw = b.nilai.get("Kode")
        kode = (kode_raw or "").strip().upper() if kode_raw not in (None, SALAH) else None
        if kode not in katalog.KODE_REKAP:
            if kode is not None:
                p.galat(t.lembar, b.raw.cell("Kode"),
                        f"Kode '{kode_raw}' bukan indikator persentase yang boleh diisi lewat Rekap Manual.",
                        tabel=None, kode=None)
            continue
        kw = {"tabel": None, "kode": kode, "blokir": (kode,)}
        if b.salah:
            continue  # its cell galat already blocks this code (kontrak kolom_kode)
        pem, pen = b.nilai["Pembilang"], b.nilai["Penyebut"]
        if pem < 0 or pen < 0:
            p.galat(t.lembar, b.raw.cell("Pembilang" if pem < 0 else "Penyebut"),
                    "Pembilang dan Penyebut tidak boleh negatif.", **kw)
            continue
        if pem > pen:
            p.galat(t.lembar, b.raw.cell("Pembilang"), "Pembilang tidak boleh lebih besar dari Penyebut.", **kw)
            continue
        if kode in out:
            pertama = out[kode]
            if pertama is not None:
                p.galat(t.lembar, pertama.alamat("Kode"), f"Kode {kode} muncul lebih dari sekali di Rekap Manual.", **kw)
            p.galat(t.lembar, b.raw.cell("Kode"), f"Kode {kode} muncul lebih dari sekali di Rekap Manual.", **kw)
            out[kode] = None  # type: ignore[assignment]
            continue
        out[kode] = M.BarisRekap(**_base_of(t, b), kode=kode, pembilang=pem, penyebut=pen)
    return {k: v for k, v in out.items() if v is not None}
