"""Reads of the Open311 server. Only public, visible reports are ever returned; no personal data is read."""

from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from congdanso.feedback.models import Category, Open311Client, Report, ReportStatus
from congdanso.feedback.open311.keys import key_hash

# The columns one Open311 service request needs (one query, joined; never reporter or contact columns).
REQUEST_COLUMNS = (
    "code",
    "status",
    "public_answer",
    "description",
    "address",
    "latitude",
    "longitude",
    "media_url",
    "created_at",
    "updated_at",
    "resolved_at",
    "closed_at",
    "resolve_due_at",
    "category__code",
    "category__name",
    "category__name_en",
    "agency__name",
    "commune__code",
)
LAST_USED_RESOLUTION = timedelta(minutes=5)


def client_for_key(api_key: str) -> Open311Client | None:
    """The active client owning ``api_key`` (compared by hash), or None."""
    if not api_key:
        return None
    return Open311Client.objects.filter(key_hash=key_hash(api_key), is_active=True).first()


def client_mark_used(client: Open311Client) -> None:
    """Bookkeeping only (not an audited change): record use at most every few minutes."""
    now = timezone.now()
    if client.last_used_at is None or now - client.last_used_at >= LAST_USED_RESOLUTION:
        Open311Client.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now


def services_active() -> list[Category]:
    return list(Category.objects.filter(is_active=True).order_by("position", "name"))


def service_get(code: str) -> Category | None:
    return Category.objects.filter(code=code, is_active=True).first()


def category_ids_for_codes(codes: list[str]) -> dict[str, int]:
    """Existing categories (active or not: old reports keep their category) by code."""
    return dict(Category.objects.filter(code__in=codes).values_list("code", "id"))


def _visible_requests() -> QuerySet:
    return Report.objects.filter(is_public=True, is_hidden=False)


def requests_by_codes(codes: list[str]) -> list[dict]:
    return list(_visible_requests().filter(code__in=codes).order_by("-created_at").values(*REQUEST_COLUMNS))


def requests_search(
    *,
    category_ids: list[int] | None,
    open_statuses: bool,
    closed_statuses: bool,
    start: datetime,
    end: datetime,
    limit: int,
) -> list[dict]:
    """Newest first, ``requested_datetime`` (created_at) within [start, end]; uses the
    (status, category, created_at) index."""
    queryset = _visible_requests().filter(created_at__gte=start, created_at__lte=end)
    if open_statuses != closed_statuses:
        values = ReportStatus.open_values() if open_statuses else ReportStatus.closed_values()
        queryset = queryset.filter(status__in=list(values))
    if category_ids is not None:
        queryset = queryset.filter(category_id__in=category_ids)
    return list(queryset.order_by("-created_at").values(*REQUEST_COLUMNS)[:limit])


def request_get(code: str) -> dict | None:
    return _visible_requests().filter(code=code).values(*REQUEST_COLUMNS).first()
