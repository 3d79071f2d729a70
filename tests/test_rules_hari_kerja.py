from datetime import date, datetime, timedelta

import holidays
import pytest
from hypothesis import given, strategies as st

from xl_iku.rules.hari_kerja import Kalender

LIBUR_2024 = sorted(
    holidays.country_holidays("ID", years=2024, categories=("public", "government"), language="id")
)
KAL = Kalender(LIBUR_2024)
KOSONG = Kalender([])


def test_idul_fitri_2024():
    # Fri 5 Apr: work (1).  Mon 8, Tue 9 cuti bersama; Wed 10, Thu 11 Idul
    # Fitri; Fri 12, Mon 15 cuti bersama.  Tue 16 … Fri 19: work (4).
    # Weekdays 11, weekday holidays 6 → 5.
    assert KAL.hari_kerja(date(2024, 4, 5), date(2024, 4, 19)) == 5
    # Without holidays: 5 Apr (1) + 8–12 (5) + 15–19 (5) = 11
    assert KOSONG.hari_kerja(date(2024, 4, 5), date(2024, 4, 19)) == 11


@pytest.mark.parametrize(
    "mulai, selesai, harap",
    [
        (date(2024, 4, 16), date(2024, 4, 16), 1),  # same working day
        (date(2024, 4, 13), date(2024, 4, 14), 0),  # Sat–Sun
        (date(2024, 4, 10), date(2024, 4, 10), 0),  # Idul Fitri itself
        (date(2024, 4, 19), date(2024, 4, 22), 2),  # Fri → Mon
        # 17 Aug 2024 (Kemerdekaan) is a Saturday: nothing extra to subtract.
        (date(2024, 8, 16), date(2024, 8, 19), 2),
        # Thu 9 May (Kenaikan) + Fri 10 May (cuti): Wed 8 → Mon 13 = Wed, Mon
        (date(2024, 5, 8), date(2024, 5, 13), 2),
        # Dec 2024 (1st is a Sunday): weekdays 2–6, 9–13, 16–20, 23–27, 30–31
        # = 22; minus Wed 25 Natal and Thu 26 cuti bersama = 20.
        (date(2024, 12, 1), date(2024, 12, 31), 20),
    ],
)
def test_hari_kerja_2024(mulai, selesai, harap):
    assert KAL.hari_kerja(mulai, selesai) == harap


def test_selesai_sebelum_mulai():
    with pytest.raises(ValueError):
        KAL.hari_kerja(date(2024, 4, 19), date(2024, 4, 18))


def test_libur_ganda_dan_datetime():
    # a holiday listed twice counts once; datetime inputs use their date
    k = Kalender([date(2024, 4, 10), date(2024, 4, 10), None])
    assert k.hari_kerja(datetime(2024, 4, 8, 9, 30), datetime(2024, 4, 12, 16, 0)) == 4


def _naif(libur, mulai, selesai):
    n, d = 0, mulai
    while d <= selesai:
        if d.weekday() < 5 and d not in libur:
            n += 1
        d += timedelta(days=1)
    return n


@given(
    st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 12, 31)),
    st.integers(min_value=0, max_value=120),
    st.sets(st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 6, 30)), max_size=30),
)
def test_sama_dengan_hitung_satu_per_satu(mulai, panjang, libur):
    selesai = mulai + timedelta(days=panjang)
    assert Kalender(libur).hari_kerja(mulai, selesai) == _naif(libur, mulai, selesai)
