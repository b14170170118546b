"""Vietnamese working days: the date maths behind every deadline.

What is a working day
    Monday to Friday, minus the public holidays and compensatory days of the ``holidays`` package
    (``holidays.VN``, Vietnamese names), plus the make-up working Saturdays the package lists
    (``weekend_workdays``, e.g. Saturday 22/8/2026), and then the province overrides stored in
    ``CalendarOverride``: an override row wins over everything else for its date (a ``day_off`` row makes
    any day non-working, a ``working_day`` row makes any day working, e.g. 24/11/2026 if the province does
    not observe "Ngày Văn hóa Việt Nam" yet).

Conventions
    * ``add_working_days(start, n)``: day 1 is the first working day strictly AFTER ``start``; ``n = 0``
      returns ``start`` unchanged. 15 working days after Wednesday 22/4/2026 is Monday 18/5/2026.
    * ``working_days_between(a, b)``: the number of working days in the half-open interval ``(a, b]``;
      ``0`` when ``a == b``; when ``b < a`` it is ``-working_days_between(b, a)``. So
      ``add_working_days(a, working_days_between(a, b)) == b`` whenever ``b`` is a working day after ``a``.
    * ``next_working_day(d)``: the first working day strictly after ``d``.
    * ``count_start_for_receipt(received_at, paper=...)``: the working day on which a dossier counts as
      received ("day 0"). It is the local (Asia/Ho_Chi_Minh) date of receipt, except that it moves to the
      next working day when that date is not a working day, or when a PAPER dossier arrives after 15:00
      (strictly later than 15:00:00; ND 61/2018 Art 18 and the "sau 15 giờ" clause of many procedures).
      Online dossiers have no cut-off. Day 1 of the deadline is the working day after day 0.
    * ``due_date_for(received_at, n, paper=...)`` = ``add_working_days(count_start_for_receipt(...), n)``.

The core maths lives in ``WorkingCalendar``, an immutable object with no database access. It is built by
``congdanso.workdays.selectors.calendar_for(province_code)`` from the package and the override rows and
cached per province; the cache is invalidated by the override services. The module-level helpers below
take ``province_code`` (``None`` means ``settings.PROVINCE_CODE``, read at call time) and use that cache.
"""

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays

LOCAL_TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
PAPER_CUTOFF = dt.time(15, 0)
DAY_OFF = "day_off"
WORKING_DAY = "working_day"
SOURCE_NATIONAL = "national"
SOURCE_PROVINCE = "province"


@dataclass(frozen=True)
class NationalYear:
    """The package's view of one year: named days off and make-up working Saturdays."""

    days_off: Mapping[dt.date, str]
    weekend_workdays: frozenset[dt.date]


@functools.lru_cache(maxsize=128)
def national_year(year: int) -> NationalYear:
    """The ``holidays.VN`` calendar of one year, in Vietnamese (computed once per process)."""
    package = holidays.VN(years=year, language="vi")
    return NationalYear(
        days_off=MappingProxyType({day: name for day, name in package.items() if day.year == year}),
        weekend_workdays=frozenset(day for day in package.weekend_workdays if day.year == year),
    )


@dataclass(frozen=True)
class Override:
    """A province override as the calendar sees it (no model instance, no database)."""

    date: dt.date
    kind: str
    reason: str


@dataclass(frozen=True)
class DayOff:
    """A named non-working day listed for people: a holiday, a compensatory day or a province day off."""

    date: dt.date
    name: str
    source: str


class WorkingCalendar:
    """The working days of one province. Immutable; every method is pure date arithmetic."""

    def __init__(self, province_code: int, overrides: Iterable[Override] = ()):
        self.province_code = province_code
        self._overrides: Mapping[dt.date, Override] = MappingProxyType({row.date: row for row in overrides})

    def __repr__(self) -> str:
        return f"<WorkingCalendar province={self.province_code} overrides={len(self._overrides)}>"

    def is_working_day(self, day: dt.date) -> bool:
        override = self._overrides.get(day)
        if override is not None:
            return override.kind == WORKING_DAY
        year = national_year(day.year)
        if day in year.days_off:
            return False
        if day.weekday() >= 5:
            return day in year.weekend_workdays
        return True

    def day_off_name(self, day: dt.date) -> str | None:
        """The Vietnamese name of the day off at ``day`` (``None`` for a working day or a plain weekend)."""
        override = self._overrides.get(day)
        if override is not None:
            return override.reason if override.kind == DAY_OFF else None
        return national_year(day.year).days_off.get(day)

    def next_working_day(self, day: dt.date) -> dt.date:
        day += dt.timedelta(days=1)
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, start_date: dt.date, n: int) -> dt.date:
        if n < 0:
            raise ValueError("n must be zero or positive")
        day = start_date
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        day = a + dt.timedelta(days=1)
        while day <= b:
            count += self.is_working_day(day)
            day += dt.timedelta(days=1)
        return count

    def count_start_for_receipt(
        self, received_at: dt.datetime, *, paper: bool, cutoff: dt.time = PAPER_CUTOFF
    ) -> dt.date:
        if received_at.tzinfo is None or received_at.utcoffset() is None:
            raise ValueError("received_at must be an aware datetime")
        local = received_at.astimezone(LOCAL_TIMEZONE)
        day = local.date()
        if not self.is_working_day(day):
            return self.next_working_day(day)
        if paper and local.time() > cutoff:
            return self.next_working_day(day)
        return day

    def due_date_for(self, received_at: dt.datetime, working_days: int, *, paper: bool) -> dt.date:
        return self.add_working_days(self.count_start_for_receipt(received_at, paper=paper), working_days)

    def days_off_between(self, a: dt.date, b: dt.date) -> list[DayOff]:
        """Named days off in ``[a, b]``: package holidays (also those on a weekend) and province days off.

        A package holiday overridden by a ``working_day`` row is left out; a ``day_off`` row is listed
        with its reason as the name, whether or not the package already had that date.
        """
        found: dict[dt.date, DayOff] = {}
        for year in range(a.year, b.year + 1):
            for day, name in national_year(year).days_off.items():
                if a <= day <= b:
                    found[day] = DayOff(date=day, name=name, source=SOURCE_NATIONAL)
        for day, override in self._overrides.items():
            if not a <= day <= b:
                continue
            if override.kind == DAY_OFF:
                found[day] = DayOff(date=day, name=override.reason, source=SOURCE_PROVINCE)
            else:
                found.pop(day, None)
        return [found[day] for day in sorted(found)]


def _calendar(province_code: int | None) -> WorkingCalendar:
    from congdanso.workdays.selectors import calendar_for

    return calendar_for(province_code)


def is_working_day(d: dt.date, *, province_code: int | None = None) -> bool:
    return _calendar(province_code).is_working_day(d)


def next_working_day(d: dt.date, *, province_code: int | None = None) -> dt.date:
    return _calendar(province_code).next_working_day(d)


def add_working_days(start_date: dt.date, n: int, *, province_code: int | None = None) -> dt.date:
    return _calendar(province_code).add_working_days(start_date, n)


def working_days_between(a: dt.date, b: dt.date, *, province_code: int | None = None) -> int:
    return _calendar(province_code).working_days_between(a, b)


def count_start_for_receipt(
    received_at: dt.datetime, *, paper: bool, province_code: int | None = None
) -> dt.date:
    return _calendar(province_code).count_start_for_receipt(received_at, paper=paper)


def due_date_for(
    received_at: dt.datetime, working_days: int, *, paper: bool, province_code: int | None = None
) -> dt.date:
    return _calendar(province_code).due_date_for(received_at, working_days, paper=paper)
