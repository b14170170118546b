"""The SLA sweeps: escalate overdue reports up the agency chain, and close resolved reports nobody reopened.

Escalation rules (``feedback_escalate_overdue``)
    * Levels. ``Report.escalation_level`` counts how many steps up the agency chain the report's lateness
      has been raised. The chain of a report is its agency, that agency's parent, its parent, ...
      Escalation level ``L`` goes from ``chain[L-1]`` to ``chain[L]``; past the top ``to_agency`` is
      ``None`` (the top agency's supervisors are told and the chain ends there). A report of the
      provincial triage queue (no agency) has one level, from ``None`` to ``None``, for the supervisors
      of the provincial triage agencies.
    * Acknowledge (kind ``acknowledge``): once. A report still ``new`` after ``acknowledge_due_at`` that
      has not been escalated yet goes up one level.
    * Resolve (kind ``resolve``): once per further period. An open report past ``resolve_due_at`` goes up one
      level; if still open ``category.resolve_working_days`` working days later (end of that day) it goes up
      the next level, and so on until the escalation whose ``to_agency`` is ``None``. The ``n``-th resolve
      escalation is due at ``resolve_due_at`` + (n-1) periods.
    * Never twice for one level: each escalation is an ``Escalation`` row unique on (report, kind, level),
      inserted with ``INSERT ... ON CONFLICT DO NOTHING RETURNING``; only the rows this run inserted get their
      report updated, the timeline event, the audit event and the notifications. Two concurrent sweeps
      therefore cannot both escalate a report, and rerunning the sweep changes nothing.
    * Notifications. The supervisors (role ``supervisor``) of the agency escalated to, of the agency escalated
      from and of the report's agency get one in-app notification per batch: about the report when there is
      one, else a digest listing the reports (a sweep after an outage must not send thousands of messages).
    * Speed. Candidates come from a keyset-paginated range scan of the partial indexes ``report_new_ack_due``
      (status new) and ``report_open_resolve_due`` (open statuses): nothing due means two index lookups; work
      is linear in the number of open reports past due. Each batch is one transaction.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from congdanso.accounts.models import OfficialRole, Role
from congdanso.feedback.deadlines import LOCAL, end_of_working_day
from congdanso.feedback.models import (
    Escalation,
    EscalationKind,
    Report,
    ReportEventKind,
    ReportStatus,
)
from congdanso.feedback.services.timeline import report_event_record, report_transition
from congdanso.workdays.selectors import calendar_for

BATCH_SIZE = 500
DIGEST_LINES = 50
_REPORT_FIELDS = ("id", "code", "title", "agency_id", "category_id", "escalation_level", "status")


@dataclass(frozen=True)
class _Plan:
    """One escalation this run wants to insert."""

    report: Report
    kind: str
    level: int
    from_agency_id: int | None
    to_agency_id: int | None


class _Agencies:
    """Every agency's parent and name, and the provincial triage agencies (loaded once per sweep)."""

    def __init__(self):
        from congdanso.feedback.policies import TRIAGE_AGENCY_KINDS
        from congdanso.places.models import Agency, UnitLevel

        rows = Agency.objects.values_list("id", "parent_id", "name", "kind", "unit__level", "unit__code")
        self.parent: dict[int, int | None] = {}
        self.name: dict[int, str] = {}
        self.triage: list[int] = []
        for agency_id, parent_id, name, kind, unit_level, unit_code in rows:
            self.parent[agency_id] = parent_id
            self.name[agency_id] = name
            if (
                kind in TRIAGE_AGENCY_KINDS
                and unit_level == UnitLevel.PROVINCE
                and unit_code == settings.PROVINCE_CODE
            ):
                self.triage.append(agency_id)
        self._chains: dict[int | None, list[int]] = {None: []}

    def chain(self, agency_id: int | None) -> list[int]:
        if agency_id not in self._chains:
            chain, current = [], agency_id
            while current is not None and current not in chain:
                chain.append(current)
                current = self.parent.get(current)
            self._chains[agency_id] = chain
        return self._chains[agency_id]

    def levels(self, agency_id: int | None) -> int:
        """How many escalation levels a report of this agency has (the last one ends at ``None``)."""
        return max(len(self.chain(agency_id)), 1)

    def max_levels(self) -> int:
        return max([self.levels(agency_id) for agency_id in self.parent] or [1])

    def plan(self, report: Report, kind: str) -> _Plan | None:
        level = report.escalation_level + 1
        if level > self.levels(report.agency_id):
            return None
        chain = self.chain(report.agency_id)
        return _Plan(
            report=report,
            kind=kind,
            level=level,
            from_agency_id=chain[level - 1] if level - 1 < len(chain) else None,
            to_agency_id=chain[level] if level < len(chain) else None,
        )


def _candidates(queryset, due_field: str, *, after, batch_size: int) -> list[Report]:
    """One batch of ``queryset`` ordered by (due, id), strictly after the ``after`` key."""
    if after is not None:
        due, pk = after
        queryset = queryset.filter(Q(**{f"{due_field}__gt": due}) | Q(**{due_field: due, "pk__gt": pk}))
    return list(queryset.order_by(due_field, "pk")[:batch_size])


def _insert_escalations(plans: list[_Plan], *, now) -> set[uuid.UUID]:
    """Insert the planned rows, skipping any (report, kind, level) that exists; the report ids inserted."""
    if not plans:
        return set()
    meta = Escalation._meta
    report_field = meta.get_field("report")
    created_field = meta.get_field("created_at")
    columns = ["report_id", "kind", "level", "from_agency_id", "to_agency_id", "created_at"]
    params: list = []
    for plan in plans:
        params += [
            report_field.get_db_prep_value(plan.report.pk, connection),
            plan.kind,
            plan.level,
            plan.from_agency_id,
            plan.to_agency_id,
            created_field.get_db_prep_value(now, connection),
        ]
    quote = connection.ops.quote_name
    values = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(plans))
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(c) for c in columns)}) VALUES {values} "
        f"ON CONFLICT ({quote('report_id')}, {quote('kind')}, {quote('level')}) DO NOTHING "
        f"RETURNING {quote('report_id')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {
            value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)) for (value,) in cursor.fetchall()
        }


def _supervisors(agency_ids: set[int]) -> dict[int, list]:
    grants = (
        OfficialRole.objects.filter(role=Role.SUPERVISOR, agency_id__in=agency_ids, user__is_active=True)
        .select_related("user")
        .order_by("user__username")
    )
    found: dict[int, list] = defaultdict(list)
    for grant in grants:
        found[grant.agency_id].append(grant.user)
    return found


def _apply(plans: list[_Plan], agencies: _Agencies, *, now) -> int:
    """Insert, then record and notify only what this run inserted. Runs inside the batch transaction."""
    inserted = _insert_escalations(plans, now=now)
    plans = [plan for plan in plans if plan.report.pk in inserted]
    if not plans:
        return 0
    by_level: dict[int, list] = defaultdict(list)
    for plan in plans:
        by_level[plan.level].append(plan.report.pk)
    for level, ids in by_level.items():
        Report.objects.filter(pk__in=ids).update(escalation_level=level, is_overdue=True, updated_at=now)

    watched = {a for p in plans for a in (p.report.agency_id, p.to_agency_id, p.from_agency_id) if a}
    supervisors = _supervisors(watched | set(agencies.triage))
    digests: dict = {}  # user pk -> (user, [(report, message)]): one notification per supervisor per batch
    for plan in plans:
        report = plan.report
        report.escalation_level, report.is_overdue = plan.level, True
        message = _escalation_message(plan, agencies)
        report_event_record(
            report=report,
            kind=ReportEventKind.ESCALATED,
            message=message,
            data={
                "escalation": plan.kind,
                "level": plan.level,
                "from_agency": plan.from_agency_id,
                "to_agency": plan.to_agency_id,
            },
            is_public=False,
            notify=False,
        )
        targets = [plan.to_agency_id, plan.from_agency_id, report.agency_id]
        if report.agency_id is None:
            targets += agencies.triage
        told = set()
        for agency_id in targets:
            for user in supervisors.get(agency_id, []) if agency_id else []:
                if user.pk not in told:
                    told.add(user.pk)
                    digests.setdefault(user.pk, (user, []))[1].append((report, message))
    for user, items in digests.values():
        _notify_supervisor(user, items)
    return len(plans)


def _escalation_message(plan: _Plan, agencies: _Agencies) -> str:
    what = str(EscalationKind(plan.kind).label)
    to_name = agencies.name.get(plan.to_agency_id) if plan.to_agency_id else ""
    if to_name:
        return _("%(what)s: chuyển lên %(agency)s (cấp %(level)d).") % {
            "what": what,
            "agency": to_name,
            "level": plan.level,
        }
    return _("%(what)s: đã ở cấp cao nhất (cấp %(level)d).") % {"what": what, "level": plan.level}


def _notify_supervisor(user, items: list) -> None:
    """One in-app notification per supervisor and batch: the report itself, or a digest of up to 50 lines."""
    from congdanso.notifications.services import notification_queue

    if len(items) == 1:
        report, message = items[0]
        title, body, related = _("Phản ánh %(code)s quá hạn") % {"code": report.code}, message, report
    else:
        title = _("%(count)d phản ánh quá hạn được chuyển cấp") % {"count": len(items)}
        lines = [f"{report.code}: {message}" for report, message in items[:DIGEST_LINES]]
        if len(items) > DIGEST_LINES:
            lines.append(_("… và %(count)d phản ánh khác.") % {"count": len(items) - DIGEST_LINES})
        body, related = "\n".join(lines), None
    notification_queue(
        channel="in_app",
        template="generic",
        context={"title": title, "message": body},
        recipient=user,
        related=related,
    )


def _sweep_kind(kind: str, agencies: _Agencies, *, now, batch_size: int) -> int:
    if kind == EscalationKind.ACKNOWLEDGE:
        due_field = "acknowledge_due_at"
        queryset = Report.objects.filter(
            status=ReportStatus.NEW, acknowledge_due_at__lte=now, escalation_level=0
        )
    else:
        due_field = "resolve_due_at"
        resolve_done = (
            Escalation.objects.filter(report=OuterRef("pk"), kind=EscalationKind.RESOLVE)
            .order_by()
            .values("report")
            .annotate(n=Count("pk"))
            .values("n")
        )
        queryset = Report.objects.filter(
            status__in=list(ReportStatus.open_values()),
            resolve_due_at__lte=now,
            escalation_level__lt=agencies.max_levels(),
        ).annotate(
            resolve_done=Coalesce(Subquery(resolve_done), 0),
            period=Coalesce("category__resolve_working_days", 1),
        )
    queryset = queryset.only(*_REPORT_FIELDS, due_field)
    calendar = None  # loaded once, when first needed: the next-period dates are pure date maths
    total, after = 0, None
    while True:
        batch = _candidates(queryset, due_field, after=after, batch_size=batch_size)
        if not batch:
            return total
        after = (getattr(batch[-1], due_field), batch[-1].pk)
        plans = []
        for report in batch:
            if kind == EscalationKind.RESOLVE and report.resolve_done:
                calendar = calendar or calendar_for()
                period = report.resolve_done * max(report.period, 1)
                last_day = calendar.add_working_days(report.resolve_due_at.astimezone(LOCAL).date(), period)
                next_due = end_of_working_day(last_day)
                if next_due > now:
                    continue
            plan = agencies.plan(report, kind)
            if plan is not None:
                plans.append(plan)
        if plans:
            with transaction.atomic():
                total += _apply(plans, agencies, now=now)
        if len(batch) < batch_size:
            return total


def feedback_escalate_overdue(*, now, batch_size: int = BATCH_SIZE) -> dict[str, int]:
    """Escalate every overdue report that is due for its next level (see the module docstring).

    Returns how many escalations this run recorded, by kind. Safe to run twice or concurrently.
    """
    agencies = _Agencies()
    acknowledged = _sweep_kind(EscalationKind.ACKNOWLEDGE, agencies, now=now, batch_size=batch_size)
    resolved = _sweep_kind(EscalationKind.RESOLVE, agencies, now=now, batch_size=batch_size)
    return {EscalationKind.ACKNOWLEDGE.value: acknowledged, EscalationKind.RESOLVE.value: resolved}


def feedback_close_resolved(*, now, batch_size: int = BATCH_SIZE) -> int:
    """Close (→ ``closed``, event ``closed``) every report resolved more than ``FEEDBACK_REOPEN_DAYS`` ago.

    After that window the citizen can no longer reopen it, rated or not. Returns how many were closed.
    """
    cutoff = now - timezone.timedelta(days=settings.FEEDBACK_REOPEN_DAYS)
    due = Report.objects.filter(status=ReportStatus.RESOLVED, resolved_at__lte=cutoff)
    closed = 0
    while True:
        ids = list(due.order_by("resolved_at", "pk").values_list("pk", flat=True)[:batch_size])
        if not ids:
            return closed
        batch_closed = 0
        with transaction.atomic():
            # Re-check under the lock (a citizen may have reopened one); skip rows another sweep holds.
            for report in due.filter(pk__in=ids).select_for_update(skip_locked=True).order_by("pk"):
                report_transition(
                    report=report,
                    to_status=ReportStatus.CLOSED,
                    kind=ReportEventKind.CLOSED,
                    message=_("Phản ánh được đóng tự động sau %(days)d ngày kể từ khi giải quyết.")
                    % {"days": settings.FEEDBACK_REOPEN_DAYS},
                    is_public=True,
                )
                batch_closed += 1
        closed += batch_closed
        if len(ids) < batch_size or not batch_closed:
            return closed
