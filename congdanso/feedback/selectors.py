"""Reads of the feedback app. Public reads never include private or hidden reports, and callers render only
public fields from them (never the reporter or the contact fields)."""

import datetime as dt
import math

from django.conf import settings
from django.db.models import Avg, Count, F, FloatField, Min, Q, QuerySet, Value
from django.db.models.functions import Floor
from django.utils.translation import gettext as _

from congdanso.accounts.policies import restrict_to_owner
from congdanso.core.errors import NotFound, ValidationFailed
from congdanso.feedback.deadlines import LOCAL
from congdanso.feedback.models import Category, Report, ReportStatus
from congdanso.places.boundary_lookup import haversine_m

STATUS_GROUPS = {"open": ReportStatus.open_values(), "closed": ReportStatus.closed_values()}
MAP_MAX_ZOOM = 20
MAP_MAX_SPAN_DEGREES = 4.0  # wider viewports are clamped around their centre
MAP_CELLS_PER_TILE = 6  # a 256 px tile is split into 6 × 6 cells (about 43 px each)
MAP_MAX_CLUSTERS = 1500
_METRES_PER_DEGREE = 111_320


def category_list(active_only: bool = True) -> QuerySet[Category]:
    categories = Category.objects.all()
    if active_only:
        categories = categories.filter(is_active=True)
    return categories.order_by("position", "name")


def category_get(code: str) -> Category:
    """An active category by code, or NotFound."""
    category = Category.objects.filter(code=str(code or ""), is_active=True).first()
    if category is None:
        raise NotFound(_("Lĩnh vực phản ánh không tồn tại."), code="unknown_category")
    return category


def public_reports() -> QuerySet[Report]:
    """Every report the public may see: public and not hidden."""
    return Report.objects.filter(is_public=True, is_hidden=False)


def _category_filter(category) -> Q:
    if isinstance(category, Category):
        return Q(category=category)
    return Q(category__code=str(category))


def _status_filter(status: str) -> Q:
    if status in STATUS_GROUPS:
        return Q(status__in=STATUS_GROUPS[status])
    if status not in ReportStatus.values:
        raise ValidationFailed(
            _("Trạng thái không hợp lệ."),
            code="invalid_status",
            details={"field": "status", "message": status},
        )
    return Q(status=status)


def _day_start(day) -> dt.datetime:
    if isinstance(day, dt.datetime):
        return day
    return dt.datetime.combine(day, dt.time.min, LOCAL)


def _filtered(reports: QuerySet, *, category=None, status=None, commune_code=None, since=None, until=None):
    if category:
        reports = reports.filter(_category_filter(category))
    if status:
        reports = reports.filter(_status_filter(status))
    if commune_code is not None:
        reports = reports.filter(commune__code=commune_code)
    if since is not None:
        reports = reports.filter(created_at__gte=_day_start(since))
    if until is not None:
        if isinstance(until, dt.datetime):
            reports = reports.filter(created_at__lte=until)
        else:
            reports = reports.filter(created_at__lt=_day_start(until + dt.timedelta(days=1)))
    return reports


def public_report_list(*, category=None, status=None, commune_code=None, since=None, until=None):
    """Public reports, newest first, filtered by category (code or object), status (a state, or the group
    "open"/"closed"), commune code and local dates of receipt (inclusive)."""
    reports = _filtered(
        public_reports(),
        category=category,
        status=status,
        commune_code=commune_code,
        since=since,
        until=until,
    )
    return reports.select_related("category", "commune", "agency").order_by("-created_at", "-code")


def report_get_public(code: str) -> Report:
    """A public, visible report by code; private, hidden and unknown ones are all NotFound."""
    report = (
        public_reports().select_related("category", "commune", "agency", "reporter").filter(code=code).first()
    )
    if report is None:
        raise NotFound(_("Không tìm thấy phản ánh."))
    return report


def reports_nearby(*, category, latitude: float, longitude: float, radius_m=None, limit: int = 20) -> list:
    """Open public reports of ``category`` within ``radius_m`` (default FEEDBACK_DUPLICATE_RADIUS_M) of the
    point, nearest first; each carries ``distance_m``. A bounding box filters in SQL, haversine in Python."""
    radius = float(settings.FEEDBACK_DUPLICATE_RADIUS_M if radius_m is None else radius_m)
    delta_lat = radius / _METRES_PER_DEGREE
    delta_lon = radius / (_METRES_PER_DEGREE * max(math.cos(math.radians(latitude)), 0.01))
    candidates = (
        public_reports()
        .filter(
            _category_filter(category),
            status__in=ReportStatus.open_values(),
            latitude__gte=latitude - delta_lat,
            latitude__lte=latitude + delta_lat,
            longitude__gte=longitude - delta_lon,
            longitude__lte=longitude + delta_lon,
        )
        .select_related("category", "commune")
        .only(
            "id",
            "code",
            "title",
            "status",
            "latitude",
            "longitude",
            "created_at",
            "address",
            "category__code",
            "category__name",
            "commune__code",
            "commune__name",
        )[:500]
    )
    found = []
    for report in candidates:
        distance = haversine_m(latitude, longitude, report.latitude, report.longitude)
        if distance <= radius:
            report.distance_m = round(distance)
            found.append(report)
    found.sort(key=lambda report: (report.distance_m, report.code))
    return found[:limit]


def reports_of(user) -> QuerySet[Report]:
    """The signed-in person's own reports, newest first."""
    reports = restrict_to_owner(Report.objects.all(), user, owner_field="reporter")
    return reports.select_related("category", "commune", "agency").order_by("-created_at", "-code")


def report_get_for(user, code: str) -> Report:
    """The full report for its reporter or an official who may handle it; anyone else gets NotFound."""
    from congdanso.feedback.policies import can_handle

    report = (
        Report.objects.select_related("category", "commune", "agency", "reporter", "assignee")
        .filter(code=code)
        .first()
    )
    if report is not None and getattr(user, "is_authenticated", False):
        if report.reporter_id == user.pk or can_handle(user, report):
            return report
    raise NotFound(_("Không tìm thấy phản ánh."))


def _map_bbox(south, west, north, east) -> tuple[float, float, float, float]:
    try:
        south, west, north, east = (float(value) for value in (south, west, north, east))
    except (TypeError, ValueError):
        south = math.nan
    if not all(math.isfinite(value) for value in (south, west, north, east)) or not (
        -90 <= south < north <= 90 and -180 <= west < east <= 180
    ):
        raise ValidationFailed(
            _("Khung bản đồ không hợp lệ (nam, tây, bắc, đông)."),
            code="invalid_bbox",
            details={"field": "bbox", "message": _("Khung bản đồ không hợp lệ (nam, tây, bắc, đông).")},
        )
    centre_lat, centre_lon = (south + north) / 2, (west + east) / 2
    half = MAP_MAX_SPAN_DEGREES / 2
    return (
        max(south, centre_lat - half),
        max(west, centre_lon - half),
        min(north, centre_lat + half),
        min(east, centre_lon + half),
    )


def map_cell_degrees(zoom: int) -> float:
    return 360.0 / (2**zoom) / MAP_CELLS_PER_TILE


def public_map_points(*, south, west, north, east, zoom, **filters) -> list[dict]:
    """Clusters of public reports in a viewport: a grid by zoom, aggregated in SQL (GROUP BY the rounded
    latitude/longitude). Each: ``count``, ``latitude``/``longitude`` (the mean), and for a single report its
    ``code``, ``title`` and ``status``. Filters as ``public_report_list``; south-west cells first."""
    if isinstance(zoom, bool) or not isinstance(zoom, int) or not 0 <= zoom <= MAP_MAX_ZOOM:
        raise ValidationFailed(
            _("Mức phóng to phải từ 0 đến %(max)s.") % {"max": MAP_MAX_ZOOM},
            code="invalid_zoom",
            details={"field": "zoom", "message": str(zoom)},
        )
    south, west, north, east = _map_bbox(south, west, north, east)
    cell = map_cell_degrees(zoom)
    reports = _filtered(public_reports(), **filters).filter(
        latitude__gte=south, latitude__lte=north, longitude__gte=west, longitude__lte=east
    )
    cells = list(
        reports.annotate(row=Floor(_scaled("latitude", cell)), col=Floor(_scaled("longitude", cell)))
        .values("row", "col")
        .annotate(
            count=Count("code"), latitude=Avg("latitude"), longitude=Avg("longitude"), first_code=Min("code")
        )
        .order_by("row", "col")[:MAP_MAX_CLUSTERS]
    )
    single_codes = [item["first_code"] for item in cells if item["count"] == 1]
    details = {}
    if single_codes:
        details = {
            item["code"]: item
            for item in Report.objects.filter(code__in=single_codes).values("code", "title", "status")
        }
    points = []
    for item in cells:
        point = {
            "count": item["count"],
            "latitude": round(item["latitude"], 6),
            "longitude": round(item["longitude"], 6),
        }
        single = details.get(item["first_code"]) if item["count"] == 1 else None
        if single is not None:
            point.update(code=single["code"], title=single["title"], status=single["status"])
        points.append(point)
    return points


def _scaled(field: str, cell: float):
    return F(field) / Value(cell, output_field=FloatField())
