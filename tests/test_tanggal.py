"""Indonesian dates as xl-iku writes them (dasar.tanggal), against babel's CLDR data."""

from datetime import date

from babel.dates import format_date
from hypothesis import given, strategies as st

from xl_iku.dasar.tanggal import BULAN, BULAN_KE, tanggal_id
from xl_iku.layout import tanggal_id as tanggal_lembar


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_tanggal_sama_dengan_cldr_id(d):
    assert tanggal_id(d) == format_date(d, "d MMMM y", locale="id")


def test_setiap_bulan_dan_hari_tanpa_nol_depan():
    assert [tanggal_id(date(2024, m, 1)) for m in (1, 6, 12)] == ["1 Januari 2024", "1 Juni 2024", "1 Desember 2024"]
    assert [format_date(date(2024, m, 9), "MMMM", locale="id") for m in range(1, 13)] == list(BULAN)
    assert BULAN_KE["agustus"] == 8 and len(BULAN_KE) == 12


def test_lembar_menulis_teks_apa_adanya_dan_kosong():
    # A TanggalPenandatanganan typed as text is printed as typed; blank stays blank.
    assert tanggal_lembar("  akhir Desember 2024") == "  akhir Desember 2024"
    assert tanggal_lembar(None) == "" and tanggal_lembar(date(2024, 6, 28)) == "28 Juni 2024"
