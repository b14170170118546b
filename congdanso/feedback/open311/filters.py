"""Arguments of GET Service Requests, checked as the spec says (empty parameter ≡ absent parameter)."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from congdanso.feedback.open311.formats import LOCAL, Open311Error

MAX_SPAN = timedelta(days=90)
MAX_ITEMS = 1000
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$")


def arg(params, name: str) -> str:
    return (params.get(name) or "").strip()


def comma_list(value: str) -> list[str]:
    return list(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))


def parse_w3c(value: str, name: str, *, end_of_day: bool = False) -> datetime:
    """A W3C datetime (``2026-01-01T00:00:00Z``, ``…+07:00``) or a date. No offset means local time
    (Asia/Ho_Chi_Minh). A date alone is the start of that local day (the end of it for ``end_date``)."""
    # An unencoded "+07:00" in a query string arrives as " 07:00".
    candidate = value.replace(" ", "+")
    try:
        if _DATE.match(candidate):
            day = date.fromisoformat(candidate)
            if end_of_day:
                return datetime.combine(day + timedelta(days=1), time(), LOCAL) - timedelta(microseconds=1)
            return datetime.combine(day, time(), LOCAL)
        if _DATETIME.match(candidate):
            moment = datetime.fromisoformat(candidate)
            return moment if moment.tzinfo else moment.replace(tzinfo=LOCAL)
    except ValueError:
        pass
    raise Open311Error(
        400,
        _("%(name)s không phải ngày giờ W3C hợp lệ (ví dụ 2026-01-01T00:00:00Z): “%(value)s”.")
        % {"name": name, "value": value[:40]},
    )


@dataclass(frozen=True)
class RequestQuery:
    """A checked search: either explicit ids, or filters over a window of at most 90 days."""

    ids: list[str]
    service_codes: list[str]
    open_statuses: bool
    closed_statuses: bool
    start: datetime
    end: datetime


def request_query(params) -> RequestQuery:
    ids = comma_list(arg(params, "service_request_id"))
    if len(ids) > MAX_ITEMS:
        raise Open311Error(
            400, _("Chỉ được hỏi tối đa %(max)d service_request_id mỗi lần.") % {"max": MAX_ITEMS}
        )
    if ids:  # "overrides all other arguments": the others are not even checked
        return RequestQuery(ids, [], True, True, start=timezone.now(), end=timezone.now())
    statuses = comma_list(arg(params, "status").lower())
    unknown = [status for status in statuses if status not in ("open", "closed")]
    if unknown:
        raise Open311Error(
            400,
            _("status chỉ nhận open, closed (có thể cách nhau dấu phẩy); không hiểu: %(value)s.")
            % {"value": ", ".join(unknown)[:80]},
        )
    start_text, end_text = arg(params, "start_date"), arg(params, "end_date")
    start = parse_w3c(start_text, "start_date") if start_text else None
    end = parse_w3c(end_text, "end_date", end_of_day=True) if end_text else None
    if start is None and end is None:
        end = timezone.now()
        start = end - MAX_SPAN
    elif start is None:
        start = end - MAX_SPAN
    elif end is None:
        end = start + MAX_SPAN
    if end < start:
        raise Open311Error(400, _("end_date phải sau start_date."))
    if end - start > MAX_SPAN:
        raise Open311Error(400, _("Khoảng từ start_date đến end_date không được quá 90 ngày."))
    return RequestQuery(
        ids=ids,
        service_codes=comma_list(arg(params, "service_code")),
        open_statuses=not statuses or "open" in statuses,
        closed_statuses=not statuses or "closed" in statuses,
        start=start,
        end=end,
    )
