"""Public working-day endpoints: the holiday list and deadline arithmetic (mounted at /api/v1/workdays)."""

import datetime as dt
import re

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from congdanso.core.api_errors import ErrorOut
from congdanso.core.errors import ValidationFailed
from congdanso.workdays.selectors import calendar_for, holidays_between

router = Router(tags=["Ngày làm việc"])

MIN_YEAR = 2000
MAX_YEAR = 2100
MAX_DAYS = 1000
_DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class DayOffOut(Schema):
    date: dt.date
    name: str
    source: str  # "national" (holidays package) or "province" (override)


class DueDateOut(Schema):
    due_date: dt.date


class BetweenOut(Schema):
    working_days: int


def _parse_date(value: str, field: str) -> dt.date:
    message = _("Ngày không hợp lệ: dùng định dạng YYYY-MM-DD trong khoảng năm %(min)s–%(max)s.") % {
        "min": MIN_YEAR,
        "max": MAX_YEAR,
    }
    if not _DATE_PATTERN.match(value or ""):
        raise ValidationFailed(message, details=[{"field": field, "value": value}])
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed(message, details=[{"field": field, "value": value}]) from None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise ValidationFailed(message, details=[{"field": field, "value": value}])
    return parsed


class HolidaysQuery(Schema):
    year: int


class AddQuery(Schema):
    start: str
    days: int


class BetweenQuery(Schema):
    start: str
    end: str


@router.get(
    "/holidays",
    response={200: list[DayOffOut], 422: ErrorOut},
    operation_id="workdays_holidays_list",
    summary="Danh sách ngày nghỉ trong năm",
)
def holidays_list(request, params: Query[HolidaysQuery]):
    if not MIN_YEAR <= params.year <= MAX_YEAR:
        raise ValidationFailed(
            _("Năm phải nằm trong khoảng %(min)s–%(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR},
            details=[{"field": "year", "value": params.year}],
        )
    return holidays_between(dt.date(params.year, 1, 1), dt.date(params.year, 12, 31))


@router.get(
    "/add",
    response={200: DueDateOut, 422: ErrorOut},
    operation_id="workdays_add",
    summary="Cộng số ngày làm việc (ngày 1 là ngày làm việc đầu tiên sau ngày bắt đầu)",
)
def add_days(request, params: Query[AddQuery]):
    start = _parse_date(params.start, "start")
    if not 0 <= params.days <= MAX_DAYS:
        raise ValidationFailed(
            _("Số ngày làm việc phải từ 0 đến %(max)s.") % {"max": MAX_DAYS},
            details=[{"field": "days", "value": params.days}],
        )
    return {"due_date": calendar_for().add_working_days(start, params.days)}


@router.get(
    "/between",
    response={200: BetweenOut, 422: ErrorOut},
    operation_id="workdays_between",
    summary="Số ngày làm việc trong khoảng (start, end]",
)
def between(request, params: Query[BetweenQuery]):
    start = _parse_date(params.start, "start")
    end = _parse_date(params.end, "end")
    return {"working_days": calendar_for().working_days_between(start, end)}
