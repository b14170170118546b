"""The one way a report changes state: check the transition, record the timeline event and the audit event,
and notify the reporter and followers after commit. Every workflow service calls ``report_transition``."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congdanso.audit.services import audit_record
from congdanso.core.errors import Conflict
from congdanso.feedback.models import Report, ReportEvent, ReportEventKind, ReportStatus

S = ReportStatus
# Allowed transitions: from-status → to-statuses. Everything else is refused with a Conflict.
TRANSITIONS: dict[str, set[str]] = {
    S.NEW: {S.ACCEPTED, S.AWAITING_INFO, S.RESOLVED, S.REJECTED, S.DUPLICATE, S.NEW},
    S.ACCEPTED: {S.AWAITING_INFO, S.RESOLVED, S.REJECTED, S.DUPLICATE, S.NEW},
    S.AWAITING_INFO: {S.ACCEPTED, S.RESOLVED, S.REJECTED, S.DUPLICATE},
    S.RESOLVED: {S.ACCEPTED, S.CLOSED},
    S.REJECTED: {S.CLOSED},
    S.DUPLICATE: set(),
    S.CLOSED: set(),
}

NOTIFY_REPORTER_KINDS = {
    ReportEventKind.ACCEPTED,
    ReportEventKind.INFO_REQUESTED,
    ReportEventKind.TRANSFERRED,
    ReportEventKind.MERGED,
    ReportEventKind.REPLIED,
    ReportEventKind.RESOLVED,
    ReportEventKind.REJECTED,
    ReportEventKind.CLOSED,
}


def transition_allowed(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, set())


def report_event_record(
    *,
    report: Report,
    kind: str,
    actor=None,
    message: str = "",
    data: dict | None = None,
    is_public: bool = False,
    from_status: str = "",
    to_status: str = "",
    notify: bool | None = None,
) -> ReportEvent:
    """Append a timeline entry and its audit event (inside the caller's transaction); notify after commit."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("report_event_record must run inside the transaction of the change it records.")
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    event = ReportEvent.objects.create(
        report=report,
        kind=kind,
        actor_id=actor_id,
        from_status=from_status,
        to_status=to_status,
        message=message,
        data=data or {},
        is_public=is_public,
        created_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action=f"feedback.{kind}",
        target=report,
        changes={"from": from_status, "to": to_status, **(data or {})},
    )
    if notify if notify is not None else kind in NOTIFY_REPORTER_KINDS:
        event_id = event.pk
        transaction.on_commit(lambda: _notify_people(event_id))
    return event


def report_transition(
    *,
    report: Report,
    to_status: str,
    kind: str,
    actor=None,
    message: str = "",
    data: dict | None = None,
    is_public: bool = True,
    extra_fields: dict | None = None,
) -> ReportEvent:
    """Move ``report`` (locked by the caller with select_for_update) to ``to_status`` and record it."""
    from_status = report.status
    if not transition_allowed(from_status, to_status):
        raise Conflict(
            _("Không thể chuyển phản ánh từ trạng thái “%(from)s” sang “%(to)s”.")
            % {"from": S(from_status).label, "to": S(to_status).label},
            code="invalid_transition",
            details={"from": from_status, "to": to_status},
        )
    now = timezone.now()
    report.status = to_status
    fields = {"status", "updated_at"}
    if to_status in S.closed_values() and to_status != S.RESOLVED and report.closed_at is None:
        report.closed_at = now
        fields.add("closed_at")
    for name, value in (extra_fields or {}).items():
        setattr(report, name, value)
        fields.add(name)
    report.save(update_fields=sorted(fields))
    return report_event_record(
        report=report,
        kind=kind,
        actor=actor,
        message=message,
        data=data,
        is_public=is_public,
        from_status=from_status,
        to_status=to_status,
    )


def _notify_people(event_id: int) -> None:
    """Queue in-app (and SMS for the reporter) notifications about one timeline event."""
    from congdanso.notifications.services import notification_queue

    event = ReportEvent.objects.select_related("report", "report__reporter").get(pk=event_id)
    report = event.report
    context = {
        "code": report.code,
        "title": report.title,
        "event": str(ReportEventKind(event.kind).label),
        "status": str(ReportStatus(report.status).label),
        "message": event.message,
    }
    recipients = [report.reporter] if report.reporter_id else []
    recipients += [follower.user for follower in report.followers.select_related("user")]
    for person in recipients:
        if person is None or not person.is_active or person.pk == event.actor_id:
            continue
        notification_queue(
            channel="in_app", template="feedback_update", context=context, recipient=person, related=report
        )
