"""Reads of the working-day calendar that other apps may use.

``calendar_for`` caches each province's override rows in the Django cache (shared by every process) and
the built ``WorkingCalendar`` in process memory, keyed by those rows, so a change made through the
services is seen by every process at once. The services drop the cache entry when overrides change.
"""

import datetime as dt
import functools

from django.conf import settings
from django.core.cache import cache

from congdanso.accounts.policies import administers_province
from congdanso.workdays.calendar import DayOff, Override, WorkingCalendar
from congdanso.workdays.models import CalendarOverride

OVERRIDES_CACHE_SECONDS = 24 * 3600


def overrides_cache_key(province_code: int) -> str:
    return f"workdays:overrides:v1:{province_code}"


@functools.lru_cache(maxsize=64)
def _build_calendar(province_code: int, rows: tuple[tuple[dt.date, str, str], ...]) -> WorkingCalendar:
    return WorkingCalendar(
        province_code, [Override(date=day, kind=kind, reason=reason) for day, kind, reason in rows]
    )


def calendar_for(province_code: int | None = None) -> WorkingCalendar:
    """The working calendar of a province (``None``: ``settings.PROVINCE_CODE``). At most one query."""
    if province_code is None:
        province_code = settings.PROVINCE_CODE
    key = overrides_cache_key(province_code)
    rows = cache.get(key)
    if rows is None:
        rows = tuple(
            CalendarOverride.objects.filter(province_code=province_code)
            .order_by("date")
            .values_list("date", "kind", "reason")
        )
        cache.set(key, rows, OVERRIDES_CACHE_SECONDS)
    return _build_calendar(province_code, tuple(rows))


def holidays_between(a: dt.date, b: dt.date, province_code: int | None = None) -> list[DayOff]:
    """Named days off in ``[a, b]`` (national names from the package and province days off)."""
    return calendar_for(province_code).days_off_between(a, b)


def calendar_override_list(*, province_code: int | None = None):
    if province_code is None:
        province_code = settings.PROVINCE_CODE
    return CalendarOverride.objects.filter(province_code=province_code).select_related("created_by")


def can_manage_calendar(user, *, province_code: int) -> bool:
    """Superusers, and administrators whose scope covers a province-level agency of that province.

    A commune-level administrator cannot change the calendar of the whole province.
    """
    return administers_province(user, province_code)
