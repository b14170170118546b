"""Input and output schemas of the citizen API. Public outputs carry no reporter or contact field."""

import datetime as dt
import uuid

from django.utils.translation import gettext as _
from ninja import Field, Schema


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
        if isinstance(obj, dict):
            return obj.get("status_label")
        return str(obj.get_status_display())


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
        if isinstance(obj, dict):
            return obj.get("category_code")
        return obj.category.code

    @staticmethod
    def resolve_category_name(obj) -> str:
        if isinstance(obj, dict):
            return obj.get("category_name")
        return obj.category.name

    @staticmethod
    def resolve_status_label(obj) -> str:
        if isinstance(obj, dict):
            return obj.get("status_label")
        return str(obj.get_status_display())

    @staticmethod
    def resolve_commune_code(obj) -> int | None:
        if isinstance(obj, dict):
            return obj.get("commune_code")
        return obj.commune.code if obj.commune_id else None

    @staticmethod
    def resolve_commune_name(obj) -> str:
        if isinstance(obj, dict):
            return obj.get("commune_name")
        return obj.commune.name if obj.commune_id else ""

    @staticmethod
    def resolve_agency_name(obj) -> str:
        if isinstance(obj, dict):
            return obj.get("agency_name")
        return obj.agency.name if obj.agency_id else ""

    @staticmethod
    def resolve_reporter_name(obj) -> str:
        if isinstance(obj, dict):
            return obj.get("reporter_name")
        # Never the account's name in lists: only whether it is anonymous.
        return _("Người dân (ẩn danh)") if obj.is_anonymous else _("Người dân")


class EventOut(Schema):
    kind: str
    kind_label: str
    from_status: str
    to_status: str
    message: str
    created_at: dt.datetime

    @staticmethod
    def resolve_kind_label(obj) -> str:
        if isinstance(obj, dict):
            return obj.get("kind_label")
        return str(obj.get_kind_display())


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
        if isinstance(obj, dict):
            return obj.get("events", [])
        return list(obj.events.order_by("created_at", "id"))


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
        if isinstance(obj, dict):
            return obj.get("category_code")
        return obj.category.code

    @staticmethod
    def resolve_status_label(obj) -> str:
        if isinstance(obj, dict):
            return obj.get("status_label")
        return str(obj.get_status_display())

    @staticmethod
    def resolve_commune_name(obj) -> str:
        if isinstance(obj, dict):
            return obj.get("commune_name")
        return obj.commune.name if obj.commune_id else ""


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
