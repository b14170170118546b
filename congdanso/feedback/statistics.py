"""Statistics of reports for officials: per agency, commune, category or overall, for a date range.

Definitions (reports *received* — ``created_at`` — within the local dates ``[since, until]``):
    received      every report
    resolved      status resolved, or closed after a resolution (``resolved_at`` set)
    on_time       resolved with ``resolved_at <= resolve_due_at``
    overdue       still open past ``resolve_due_at`` (at ``now``), plus resolved late
    median_hours  median of ``resolved_at - created_at`` over the resolved ones, in hours
    average_rating  mean of the citizens' ratings (1–5) given
Everything is aggregate SQL grouped by the key: one query on PostgreSQL (``percentile_cont``), two on
SQLite (the median comes from a window-function query: the middle one or two rows of each group).
Scope: ``restrict_to_agency_scope`` (an official sees their agencies and those below; superusers all).
"""

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Aggregate,
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from congdanso.accounts.policies import restrict_to_agency_scope
from congdanso.feedback.deadlines import LOCAL
from congdanso.feedback.models import Report, ReportStatus

GROUPS = {
    "agency": ("agency_id", "agency__name"),
    "commune": ("commune_id", "commune__name"),
    "category": ("category_id", "category__name"),
    "overall": (None, None),
}


@dataclass(frozen=True)
class Figures:
    """The figures of one group (``key`` None and ``label`` empty for "no agency"/"no commune"/overall)."""

    key: int | None
    label: str
    received: int
    resolved: int
    on_time: int
    overdue: int
    median_hours: float | None
    average_rating: float | None


class Median(Aggregate):
    """PostgreSQL ``percentile_cont(0.5) WITHIN GROUP (ORDER BY expr)``."""

    function = "percentile_cont"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)%(filter)s"
    output_field = DurationField()


RESOLVED = Q(status__in=[ReportStatus.RESOLVED, ReportStatus.CLOSED], resolved_at__isnull=False)
DURATION = ExpressionWrapper(F("resolved_at") - F("created_at"), output_field=DurationField())


def reports_in_scope(user) -> QuerySet:
    """Every report the user may see in statistics and exports."""
    return restrict_to_agency_scope(Report.objects.all(), user)


def received_between(queryset: QuerySet, since: dt.date | None, until: dt.date | None) -> QuerySet:
    """Reports received on the local dates ``[since, until]`` (either end may be open)."""
    if since is not None:
        queryset = queryset.filter(created_at__gte=dt.datetime.combine(since, dt.time.min, LOCAL))
    if until is not None:
        queryset = queryset.filter(
            created_at__lt=dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, LOCAL)
        )
    return queryset


def _aggregates(now: dt.datetime, with_median: bool) -> dict:
    late = Q(resolved_at__gt=F("resolve_due_at"))
    aggregates = {
        "received": Count("pk"),
        "resolved": Count("pk", filter=RESOLVED),
        "on_time": Count("pk", filter=RESOLVED & Q(resolved_at__lte=F("resolve_due_at"))),
        "overdue": Count(
            "pk",
            filter=(Q(status__in=list(ReportStatus.open_values()), resolve_due_at__lt=now))
            | (RESOLVED & late),
        ),
        "average_rating": Avg("rating"),
    }
    if with_median:
        aggregates["median"] = Median(DURATION, filter=RESOLVED)
    return aggregates


def _portable_medians(queryset: QuerySet, key_field: str | None) -> dict:
    """{key: median timedelta} from the middle row(s) of each group, ranked by a window function."""
    partition = [F(key_field)] if key_field else []
    ranked = (
        queryset.filter(RESOLVED)
        .annotate(
            duration=DURATION,
            position=Window(
                RowNumber(), partition_by=partition, order_by=[DURATION.copy().asc(), F("pk").asc()]
            ),
            size=Window(Count("pk"), partition_by=partition),
        )
        .filter(position__gte=(F("size") + 1) / 2, position__lte=(F("size") + 2) / 2)
        .values_list(key_field or "size", "duration")
    )
    middles: dict = {}
    for key, duration in ranked:
        middles.setdefault(key if key_field else None, []).append(duration)
    return {key: sum(values, dt.timedelta()) / len(values) for key, values in middles.items()}


def _hours(duration: dt.timedelta | None) -> float | None:
    return None if duration is None else round(duration.total_seconds() / 3600, 2)


def _rating(value) -> float | None:
    return None if value is None else round(float(value), 2)


def feedback_statistics(
    *,
    user,
    group_by: str = "agency",
    since: dt.date | None = None,
    until: dt.date | None = None,
    now: dt.datetime | None = None,
) -> list[Figures]:
    """Figures per ``group_by`` ("agency", "commune", "category" or "overall") for reports in scope."""
    if group_by not in GROUPS:
        raise ValueError(f"Unknown statistics grouping {group_by!r}")
    now = now or timezone.now()
    key_field, label_field = GROUPS[group_by]
    queryset = received_between(reports_in_scope(user), since, until).order_by()
    on_postgres = connection.vendor == "postgresql"
    aggregates = _aggregates(now, with_median=on_postgres)
    if key_field is None:
        rows = [{"key": None, "label": "", **queryset.aggregate(**aggregates)}]
    else:
        rows = list(
            queryset.values(key=F(key_field), label=F(label_field))
            .annotate(**aggregates)
            .order_by(F("label").asc(nulls_last=True), "key")
        )
    if not on_postgres:
        medians = _portable_medians(queryset, key_field) if any(row["resolved"] for row in rows) else {}
        for row in rows:
            row["median"] = medians.get(row["key"])
    return [
        Figures(
            key=row["key"],
            label=row["label"] or "",
            received=row["received"],
            resolved=row["resolved"],
            on_time=row["on_time"],
            overdue=row["overdue"],
            median_hours=_hours(row["median"]),
            average_rating=_rating(row["average_rating"]),
        )
        for row in rows
    ]
