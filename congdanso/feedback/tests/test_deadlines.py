"""Deadlines in office hours and working days (Vietnamese calendar, province overrides)."""

import datetime as dt

import pytest
from django.core.cache import cache

from congdanso.feedback.deadlines import (
    LOCAL,
    add_office_hours,
    add_working_days_deadline,
    end_of_working_day,
    report_deadlines,
)
from congdanso.feedback.tests.factories import CategoryFactory
from congdanso.workdays.models import OverrideKind
from congdanso.workdays.selectors import overrides_cache_key
from congdanso.workdays.tests.factories import CalendarOverrideFactory

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=0, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=LOCAL)


def deadlines(acknowledge_hours, resolve_days, received_at):
    category = CategoryFactory(acknowledge_hours=acknowledge_hours, resolve_working_days=resolve_days)
    return report_deadlines(category=category, received_at=received_at)


def test_friday_afternoon_crosses_the_weekend_and_culture_day_24_11():
    # Fri 16:00–17:00 = 1 h, Mon 07:30–11:30 = 4 h, then 3 h from 13:30. Tue 24/11/2026 is a day off.
    assert deadlines(8, 10, at(2026, 11, 13, 16)) == (at(2026, 11, 16, 16, 30), at(2026, 11, 30, 17))


def test_tet_2026_pauses_both_clocks():
    # Fri 13/2: 10:00–11:30 and 13:30–17:00 = 5 h; Tết 16–20/2 and two weekends; 3 h left on Mon 23/2.
    assert deadlines(8, 3, at(2026, 2, 13, 10)) == (at(2026, 2, 23, 10, 30), at(2026, 2, 25, 17))


def test_30_4_and_1_5_are_days_off():
    # Wed 29/4 15:00–17:00 = 2 h; Thu 30/4, Fri 1/5 and the weekend off; Mon 4/5 4 h + 2 h.
    assert deadlines(8, 2, at(2026, 4, 29, 15)) == (at(2026, 5, 4, 15, 30), at(2026, 5, 5, 17))


def test_a_province_day_off_counts_like_a_holiday():
    assert deadlines(8, 1, at(2026, 3, 9, 14)) == (at(2026, 3, 10, 14, 30), at(2026, 3, 10, 17))
    CalendarOverrideFactory(date=dt.date(2026, 3, 10), kind=OverrideKind.DAY_OFF, reason="Ngày nghỉ do bão")
    cache.delete(overrides_cache_key(20))
    assert deadlines(8, 1, at(2026, 3, 9, 14)) == (at(2026, 3, 11, 14, 30), at(2026, 3, 11, 17))


def test_a_province_override_of_another_province_changes_nothing_here():
    CalendarOverrideFactory(province_code=1, date=dt.date(2026, 3, 10), kind=OverrideKind.DAY_OFF)
    assert deadlines(8, 1, at(2026, 3, 9, 14)) == (at(2026, 3, 10, 14, 30), at(2026, 3, 10, 17))


def test_a_make_up_working_saturday_counts():
    # Saturday 22/8/2026 is a make-up working day (Monday 31/8 is off instead).
    assert add_office_hours(at(2026, 8, 21, 16), 2) == at(2026, 8, 22, 8, 30)


def test_a_report_received_on_sunday_counts_from_monday():
    # Mon 2/3 gives 7.5 office hours; the 8th ends at 08:00 on Tuesday. Day 0 is Monday, day 10 Mon 16/3.
    assert deadlines(8, 10, at(2026, 3, 1, 9)) == (at(2026, 3, 3, 8), at(2026, 3, 16, 17))


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        (at(2026, 3, 2, 7), 4, at(2026, 3, 2, 11, 30)),  # before opening: the clock starts at 07:30
        (at(2026, 3, 2, 11), 0.5, at(2026, 3, 2, 11, 30)),  # ends exactly at the lunch break: 11:30
        (at(2026, 3, 2, 11), 1, at(2026, 3, 2, 14)),  # 30 min before lunch, 30 min after
        (at(2026, 3, 2, 11, 30), 1, at(2026, 3, 2, 14, 30)),  # received at 11:30: from 13:30
        (at(2026, 3, 2, 12), 1, at(2026, 3, 2, 14, 30)),  # received during lunch
        (at(2026, 3, 2, 16, 30), 0.5, at(2026, 3, 2, 17)),  # ends exactly at 17:00
        (at(2026, 3, 2, 17), 0.5, at(2026, 3, 3, 8)),  # received at 17:00: next morning
        (at(2026, 3, 2, 21), 0, at(2026, 3, 3, 7, 30)),  # zero hours at night: next opening
        (at(2026, 3, 2, 9), 0, at(2026, 3, 2, 9)),  # zero hours during office hours: at once
        (at(2026, 3, 2, 7, 30), 7.5, at(2026, 3, 2, 17)),  # one full day
        (at(2026, 3, 2, 7, 30), 15, at(2026, 3, 3, 17)),  # two full days
    ],
)
def test_office_hours_boundaries(start, hours, expected):
    assert add_office_hours(start, hours) == expected


def test_results_are_local_whatever_the_input_zone():
    start_utc = at(2026, 3, 2, 16, 30).astimezone(dt.UTC)  # 09:30 UTC
    result = add_office_hours(start_utc, 1)
    assert result == at(2026, 3, 3, 8)
    assert result.utcoffset() == dt.timedelta(hours=7)


def test_office_hours_come_from_settings(settings):
    settings.FEEDBACK_OFFICE_HOURS = "08:00-12:00,13:00-17:00"
    assert add_office_hours(at(2026, 3, 2, 11), 2) == at(2026, 3, 2, 14)
    assert end_of_working_day(dt.date(2026, 3, 2)) == at(2026, 3, 2, 17)


def test_next_period_deadline_for_escalation():
    assert add_working_days_deadline(at(2026, 2, 13, 17), 3) == at(2026, 2, 25, 17)


@pytest.mark.parametrize("spec", ["11:30-07:30", "07:30-12:00,11:00-17:00"])
def test_broken_office_hours_are_refused(settings, spec):
    settings.FEEDBACK_OFFICE_HOURS = spec
    with pytest.raises(ValueError):
        add_office_hours(at(2026, 3, 2, 9), 1)


def test_naive_datetimes_and_negative_hours_are_refused():
    with pytest.raises(ValueError, match="aware"):
        add_office_hours(dt.datetime(2026, 3, 2, 9), 1)
    with pytest.raises(ValueError, match="aware"):
        report_deadlines(category=CategoryFactory(), received_at=dt.datetime(2026, 3, 2, 9))
    with pytest.raises(ValueError, match="positive"):
        add_office_hours(at(2026, 3, 2, 9), -1)
