"""Input and output schemas of the citizen API. Public outputs carry no reporter or contact field."""

import datetime as dt
import uuid

from django.utils.translation import gettext as _
from ninja import Field, Schema


def _dumped_or(obj, key: str, compute, default=None):
    """Resolvers get ORM rows, or dicts a schema already dumped (the public view, checked against a union)."""
    return obj.get(key, default) if isinstance(obj, dict) else compute(obj)


class CategoryOut(Schema):
    code: str
    name: str
    name_en: str
    description: str
    group: str
    acknowledge_hours: int
    resolve_working_days: int
    attributes: list


class ReportRefOut(Schema):
    id: uuid.UUID
    code: str
    status: str


class NearbyOut(Schema):
    code: str
    title: str
    status: str
    status_label: str
    latitude: float | None
    longitude: float | None
    distance_m: int
    created_at: dt.datetime

    @staticmethod
    def resolve_status_label(obj) -> str:
        return _dumped_or(obj, "status_label", lambda report: str(report.get_status_display()))


class PublicReportOut(Schema):
    """What anyone may see of a public report."""

    code: str
    title: str
    description: str
    category_code: str
    category_name: str
    status: str
    status_label: str
    commune_code: int | None
    commune_name: str
    address: str
    latitude: float | None
    longitude: float | None
    agency_name: str
    public_answer: str
    reporter_name: str
    created_at: dt.datetime
    resolved_at: dt.datetime | None

    @staticmethod
    def resolve_category_code(obj) -> str:
        return _dumped_or(obj, "category_code", lambda report: report.category.code)

    @staticmethod
    def resolve_category_name(obj) -> str:
        return _dumped_or(obj, "category_name", lambda report: report.category.name)

    @staticmethod
    def resolve_status_label(obj) -> str:
        return _dumped_or(obj, "status_label", lambda report: str(report.get_status_display()))

    @staticmethod
    def resolve_commune_code(obj) -> int | None:
        return _dumped_or(
            obj, "commune_code", lambda report: report.commune.code if report.commune_id else None
        )

    @staticmethod
    def resolve_commune_name(obj) -> str:
        return _dumped_or(
            obj, "commune_name", lambda report: report.commune.name if report.commune_id else ""
        )

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return _dumped_or(obj, "agency_name", lambda report: report.agency.name if report.agency_id else "")

    @staticmethod
    def resolve_reporter_name(obj) -> str:
        # Never the account's name in lists: only whether it is anonymous.
        return _dumped_or(
            obj,
            "reporter_name",
            lambda report: _("Người dân (ẩn danh)") if report.is_anonymous else _("Người dân"),
        )


class EventOut(Schema):
    kind: str
    kind_label: str
    from_status: str
    to_status: str
    message: str
    created_at: dt.datetime

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return _dumped_or(obj, "kind_label", lambda report: str(report.get_kind_display()))


class ReportFullOut(PublicReportOut):
    """The reporter's (or a handling official's) view."""

    id: uuid.UUID
    is_public: bool
    is_anonymous: bool
    is_hidden: bool
    attributes: dict
    acknowledge_due_at: dt.datetime | None
    resolve_due_at: dt.datetime | None
    acknowledged_at: dt.datetime | None
    closed_at: dt.datetime | None
    is_overdue: bool
    rating: int | None
    rating_comment: str
    reopen_count: int
    events: list[EventOut] = Field(default_factory=list)

    @staticmethod
    def resolve_events(obj) -> list:
        return _dumped_or(
            obj, "events", lambda report: list(report.events.order_by("created_at", "id")), default=[]
        )


class MyReportOut(Schema):
    id: uuid.UUID
    code: str
    title: str
    category_code: str
    status: str
    status_label: str
    commune_name: str
    created_at: dt.datetime
    resolve_due_at: dt.datetime | None

    @staticmethod
    def resolve_category_code(obj) -> str:
        return _dumped_or(obj, "category_code", lambda report: report.category.code)

    @staticmethod
    def resolve_status_label(obj) -> str:
        return _dumped_or(obj, "status_label", lambda report: str(report.get_status_display()))

    @staticmethod
    def resolve_commune_name(obj) -> str:
        return _dumped_or(
            obj, "commune_name", lambda report: report.commune.name if report.commune_id else ""
        )


class MapPointOut(Schema):
    count: int
    latitude: float
    longitude: float
    code: str | None = None
    title: str | None = None
    status: str | None = None


class PublicFilters(Schema):
    category: str | None = None
    status: str | None = None
    commune: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None


class MapQuery(Schema):
    bbox: str
    zoom: int
    category: str | None = None
    # The map shows open reports unless asked otherwise ("all" for every state).
    status: str = "open"


class NearbyQuery(Schema):
    category: str
    lat: float
    long: float
    radius: int | None = Field(None, ge=1, le=5000)


class RatingIn(Schema):
    rating: int
    comment: str = ""


class ReopenIn(Schema):
    reason: str


class DetailOut(Schema):
    detail: str
