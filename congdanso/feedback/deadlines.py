"""Deadlines of a report, in the platform's working calendar.

- Acknowledge within ``category.acknowledge_hours`` *office hours*: the clock runs only during the office periods of
  ``settings.FEEDBACK_OFFICE_HOURS`` (default 07:30–11:30 and 13:30–17:00) on working days.
- Resolve within ``category.resolve_working_days`` working days: day 1 is the first working day after the day of
  receipt (a report received on a day off counts from the next working day); the deadline is the end of the last
  office period of the last day.
Times are Asia/Ho_Chi_Minh; the results are aware datetimes.
"""

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings

from congdanso.workdays.calendar import add_working_days, count_start_for_receipt, is_working_day

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


@lru_cache(maxsize=4)
def _office_periods(spec: str) -> tuple[tuple[dt.time, dt.time], ...]:
    periods = []
    for part in spec.split(","):
        start, end = (dt.time.fromisoformat(value.strip()) for value in part.split("-"))
        if end <= start:
            raise ValueError(f"Invalid office period {part!r}")
        periods.append((start, end))
    return tuple(sorted(periods))


def office_periods() -> tuple[tuple[dt.time, dt.time], ...]:
    return _office_periods(settings.FEEDBACK_OFFICE_HOURS)


def add_office_hours(start: dt.datetime, hours: float, *, province_code: int | None = None) -> dt.datetime:
    """The moment ``hours`` office hours after ``start`` (aware)."""
    remaining = dt.timedelta(hours=hours)
    moment = start.astimezone(LOCAL)
    day = moment.date()
    while True:
        if is_working_day(day, province_code=province_code):
            for period_start, period_end in office_periods():
                begin = dt.datetime.combine(day, period_start, LOCAL)
                end = dt.datetime.combine(day, period_end, LOCAL)
                if moment >= end:
                    continue
                begin = max(begin, moment)
                available = end - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
        day += dt.timedelta(days=1)
        moment = dt.datetime.combine(day, dt.time.min, LOCAL)


def report_deadlines(
    *, category, received_at: dt.datetime, province_code: int | None = None
) -> tuple[dt.datetime, dt.datetime]:
    """(acknowledge_due_at, resolve_due_at) for a report of ``category`` received at ``received_at``."""
    acknowledge_due = add_office_hours(received_at, category.acknowledge_hours, province_code=province_code)
    count_start = count_start_for_receipt(received_at, paper=False, province_code=province_code)
    last_day = add_working_days(count_start, category.resolve_working_days, province_code=province_code)
    resolve_due = dt.datetime.combine(last_day, office_periods()[-1][1], LOCAL)
    return acknowledge_due, resolve_due
