"""Deadlines of a report, in the platform's working calendar.

- Acknowledge within ``category.acknowledge_hours`` *office hours*: the clock runs only during the office
  periods of ``settings.FEEDBACK_OFFICE_HOURS`` (default 07:30–11:30 and 13:30–17:00) on working days. A
  deadline that falls exactly at the end of a period is that end (11:30, not 13:30); zero hours outside
  office hours is the start of the next office period.
- Resolve within ``category.resolve_working_days`` working days: the date of receipt is "day 0" (a report
  received on a day off counts as received on the next working day, ``count_start_for_receipt``, no
  afternoon cut-off for online reports); day 1 is the first working day after it; the deadline is the end
  of the last office period of the last day (17:00).
Times are Asia/Ho_Chi_Minh; arguments must be aware datetimes and the results are aware datetimes.
"""

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings

from congdanso.workdays.selectors import calendar_for

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
# A deadline further than this many days ahead means a broken calendar (no working day at all): refuse it.
_MAX_DAYS_AHEAD = 3660


@lru_cache(maxsize=4)
def _office_periods(spec: str) -> tuple[tuple[dt.time, dt.time], ...]:
    periods = []
    for part in spec.split(","):
        start, end = (dt.time.fromisoformat(value.strip()) for value in part.split("-"))
        if end <= start:
            raise ValueError(f"Invalid office period {part!r}")
        periods.append((start, end))
    periods.sort()
    for (_, previous_end), (next_start, _) in zip(periods, periods[1:], strict=False):
        if next_start < previous_end:
            raise ValueError(f"Overlapping office periods in {spec!r}")
    return tuple(periods)


def office_periods() -> tuple[tuple[dt.time, dt.time], ...]:
    """The office periods of a working day, sorted, from ``settings.FEEDBACK_OFFICE_HOURS``."""
    return _office_periods(settings.FEEDBACK_OFFICE_HOURS)


def _require_aware(moment: dt.datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")


def add_office_hours(start: dt.datetime, hours: float, *, province_code: int | None = None) -> dt.datetime:
    """The moment ``hours`` office hours after ``start`` (aware, Asia/Ho_Chi_Minh)."""
    _require_aware(start, "start")
    if hours < 0:
        raise ValueError("hours must be zero or positive")
    calendar = calendar_for(province_code)
    periods = office_periods()
    remaining = dt.timedelta(hours=hours)
    moment = start.astimezone(LOCAL)
    day = moment.date()
    for _ in range(_MAX_DAYS_AHEAD):
        if calendar.is_working_day(day):
            for period_start, period_end in periods:
                end = dt.datetime.combine(day, period_end, LOCAL)
                if moment >= end:
                    continue
                begin = max(dt.datetime.combine(day, period_start, LOCAL), moment)
                available = end - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
        day += dt.timedelta(days=1)
        moment = dt.datetime.combine(day, dt.time.min, LOCAL)
    raise ValueError("No working day found within ten years: check the calendar overrides.")


def end_of_working_day(day: dt.date) -> dt.datetime:
    """The end of the last office period of ``day`` (17:00 by default), aware."""
    return dt.datetime.combine(day, office_periods()[-1][1], LOCAL)


def add_working_days_deadline(
    deadline: dt.datetime, working_days: int, *, province_code: int | None = None
) -> dt.datetime:
    """``working_days`` working days after the (local) date of ``deadline``, at the end of that day.

    Used by the escalation sweep for the next period of an overdue report.
    """
    _require_aware(deadline, "deadline")
    day = calendar_for(province_code).add_working_days(deadline.astimezone(LOCAL).date(), working_days)
    return end_of_working_day(day)


def report_deadlines(
    *, category, received_at: dt.datetime, province_code: int | None = None
) -> tuple[dt.datetime, dt.datetime]:
    """(acknowledge_due_at, resolve_due_at) for a report of ``category`` received at ``received_at``."""
    _require_aware(received_at, "received_at")
    calendar = calendar_for(province_code)
    acknowledge_due = add_office_hours(received_at, category.acknowledge_hours, province_code=province_code)
    count_start = calendar.count_start_for_receipt(received_at, paper=False)
    last_day = calendar.add_working_days(count_start, category.resolve_working_days)
    return acknowledge_due, end_of_working_day(last_day)
