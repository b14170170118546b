"""Officials' actions on a report. Each one locks the report, asks ``feedback.policies``, validates its input
and records the change through ``services.timeline`` (timeline row + audit event + notifications after
commit). A refused action raises and changes nothing.

Which action fits which status (``ACTION_STATUSES``; anything else is a Conflict):

    accept        new, awaiting_info               → accepted
    assign        new, accepted, awaiting_info     (no state change)
    request_info  new, accepted                    → awaiting_info
    transfer      new, accepted                    → new (another agency, deadlines from now)
    merge         new, accepted, awaiting_info     → duplicate
    reply         any                              (no state change)
    resolve       new, accepted, awaiting_info     → resolved
    reject        new, accepted, awaiting_info     → rejected
    hide          any, once                        (no state change)

``acknowledged_at`` is set by the first official response to the citizen (accept, request_info, resolve,
reject) and cleared by a transfer.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congdanso.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from congdanso.feedback import policies
from congdanso.feedback.deadlines import report_deadlines
from congdanso.feedback.models import (
    Report,
    ReportEventKind,
    ReportFollower,
    ReportStatus,
)
from congdanso.feedback.services.timeline import report_event_record, report_transition
from congdanso.feedback.services.workflow_input import plain_text
from congdanso.feedback.services.workflow_photos import store_resolution_photos

S = ReportStatus
_OPEN = frozenset(S.open_values())
ACTION_STATUSES: dict[str, frozenset[str]] = {
    policies.ACCEPT: frozenset({S.NEW, S.AWAITING_INFO}),
    policies.ASSIGN: _OPEN,
    policies.REQUEST_INFO: frozenset({S.NEW, S.ACCEPTED}),
    policies.TRANSFER: frozenset({S.NEW, S.ACCEPTED}),
    policies.MERGE: _OPEN,
    policies.REPLY: frozenset(S.values),
    policies.RESOLVE: _OPEN,
    policies.REJECT: _OPEN,
    policies.HIDE: frozenset(S.values),
}


def action_available(action: str, report: Report) -> bool:
    """True when ``action`` fits the report's current state (permission aside)."""
    if action == policies.HIDE and report.is_hidden:
        return False
    return report.status in ACTION_STATUSES[action]


def _lock(report: Report) -> Report:
    locked = Report.objects.select_for_update().filter(pk=report.pk).first()
    if locked is None:
        raise NotFound(_("Không tìm thấy phản ánh."))
    return locked


def _check(actor, report: Report, action: str) -> None:
    if not policies.can_handle(actor, report, action):
        raise PermissionDenied(
            _("Bạn không có quyền thực hiện thao tác này với phản ánh %(code)s.") % {"code": report.code}
        )
    if not action_available(action, report):
        if action == policies.HIDE:
            raise Conflict(_("Phản ánh này đã bị ẩn."), code="already_hidden")
        raise Conflict(
            _("Không thể thực hiện thao tác này khi phản ánh ở trạng thái “%(status)s”.")
            % {"status": S(report.status).label},
            code="invalid_transition",
            details={"status": report.status, "action": action},
        )


def _acknowledged(report: Report, now) -> dict:
    return {} if report.acknowledged_at else {"acknowledged_at": now}


def _begin(actor, report: Report, action: str) -> Report:
    locked = _lock(report)
    _check(actor, locked, action)
    return locked


@transaction.atomic
def feedback_accept(*, actor, report: Report) -> Report:
    """Take the report on (new or awaiting information → accepted)."""
    report = _begin(actor, report, policies.ACCEPT)
    report_transition(
        report=report,
        to_status=S.ACCEPTED,
        kind=ReportEventKind.ACCEPTED,
        actor=actor,
        extra_fields=_acknowledged(report, timezone.now()),
    )
    return report


@transaction.atomic
def feedback_assign(*, actor, report: Report, assignee) -> Report:
    """Give the report to an official who may work on it (no state change; not shown publicly)."""
    report = _begin(actor, report, policies.ASSIGN)
    if assignee is None or not policies.may_be_assigned(actor, assignee, report):
        raise ValidationFailed(
            _("Cán bộ được giao phải đang hoạt động và thuộc đơn vị có thẩm quyền xử lý phản ánh này."),
            details={"field": "assignee"},
            code="invalid_assignee",
        )
    if report.assignee_id == assignee.pk:
        raise Conflict(_("Phản ánh đã được giao cho cán bộ này."), code="already_assigned")
    previous = str(report.assignee_id) if report.assignee_id else ""
    report.assignee = assignee
    report.save(update_fields=["assignee", "updated_at"])
    report_event_record(
        report=report,
        kind=ReportEventKind.ASSIGNED,
        actor=actor,
        data={"assignee": str(assignee.pk), "previous_assignee": previous},
    )
    return report


@transaction.atomic
def feedback_request_info(*, actor, report: Report, message: str) -> Report:
    """Ask the citizen for more information (new/accepted → awaiting information)."""
    report = _begin(actor, report, policies.REQUEST_INFO)
    message = plain_text(message, field="message", label=_("Nội dung đề nghị"))
    report_transition(
        report=report,
        to_status=S.AWAITING_INFO,
        kind=ReportEventKind.INFO_REQUESTED,
        actor=actor,
        message=message,
        extra_fields=_acknowledged(report, timezone.now()),
    )
    return report


@transaction.atomic
def feedback_transfer(*, actor, report: Report, agency, reason: str) -> Report:
    """Send the report to another active agency: it starts again there as new, with fresh deadlines."""
    report = _begin(actor, report, policies.TRANSFER)
    if agency is None or not agency.is_active:
        raise ValidationFailed(
            _("Vui lòng chọn một cơ quan đang hoạt động."), details={"field": "agency"}, code="invalid_agency"
        )
    if agency.pk == report.agency_id:
        raise ValidationFailed(
            _("Phản ánh đang thuộc cơ quan này; hãy chọn cơ quan khác."),
            details={"field": "agency"},
            code="same_agency",
        )
    reason = plain_text(reason, field="reason", label=_("Lý do chuyển"))
    now = timezone.now()
    acknowledge_due_at, resolve_due_at = report_deadlines(category=report.category, received_at=now)
    report_transition(
        report=report,
        to_status=S.NEW,
        kind=ReportEventKind.TRANSFERRED,
        actor=actor,
        message=reason,
        data={"from_agency": report.agency_id, "to_agency": agency.pk, "to_agency_name": agency.name},
        extra_fields={
            "agency": agency,
            "assignee": None,
            "acknowledged_at": None,
            "acknowledge_due_at": acknowledge_due_at,
            "resolve_due_at": resolve_due_at,
            "is_overdue": False,
        },
    )
    return report


@transaction.atomic
def feedback_merge(*, actor, report: Report, into: Report) -> Report:
    """Mark ``report`` a duplicate of the open report ``into``; its reporter and followers follow ``into``."""
    report = _begin(actor, report, policies.MERGE)
    if into is None or into.pk == report.pk:
        raise ValidationFailed(
            _("Không thể gộp phản ánh vào chính nó."), details={"field": "into"}, code="merge_into_self"
        )
    into = _lock(into)
    if not policies.can_handle(actor, into, policies.VIEW):
        raise PermissionDenied(_("Bạn không có quyền với phản ánh %(code)s.") % {"code": into.code})
    if into.status not in _OPEN or into.duplicate_of_id is not None:
        raise ValidationFailed(
            _("Chỉ gộp được vào một phản ánh đang mở."), details={"field": "into"}, code="merge_target_closed"
        )
    if into.category_id != report.category_id:
        raise ValidationFailed(
            _("Chỉ gộp được các phản ánh cùng lĩnh vực."),
            details={"field": "into"},
            code="merge_other_category",
        )
    report_transition(
        report=report,
        to_status=S.DUPLICATE,
        kind=ReportEventKind.MERGED,
        actor=actor,
        message=_("Phản ánh trùng với phản ánh %(code)s và được theo dõi tại đó.") % {"code": into.code},
        data={"into": into.code},
        extra_fields={"duplicate_of": into},
    )
    people = {follower.user_id for follower in ReportFollower.objects.filter(report=report)}
    if report.reporter_id:
        people.add(report.reporter_id)
    people.discard(into.reporter_id)
    existing = set(
        ReportFollower.objects.filter(report=into, user_id__in=people).values_list("user_id", flat=True)
    )
    ReportFollower.objects.bulk_create(
        [ReportFollower(report=into, user_id=user_id) for user_id in sorted(people - existing, key=str)]
    )
    report_event_record(
        report=into, kind=ReportEventKind.MERGED, actor=actor, data={"merged": report.code}, notify=False
    )
    return report


@transaction.atomic
def feedback_reply(*, actor, report: Report, message: str, is_public: bool = True) -> Report:
    """Add an answer to the citizen (public, notified) or an internal note (never public, not notified)."""
    report = _begin(actor, report, policies.REPLY)
    message = plain_text(message, field="message", label=_("Nội dung trả lời"))
    report_event_record(
        report=report,
        kind=ReportEventKind.REPLIED,
        actor=actor,
        message=message,
        data={"internal": not is_public},
        is_public=bool(is_public),
        notify=bool(is_public),
    )
    return report


@transaction.atomic
def feedback_resolve(*, actor, report: Report, answer: str, photos=()) -> Report:
    """Close the case as resolved with the official answer (public) and optional photos of the result."""
    report = _begin(actor, report, policies.RESOLVE)
    answer = plain_text(answer, field="answer", label=_("Nội dung trả lời"))
    stored = store_resolution_photos(actor=actor, report=report, photos=photos)
    now = timezone.now()
    report_transition(
        report=report,
        to_status=S.RESOLVED,
        kind=ReportEventKind.RESOLVED,
        actor=actor,
        message=answer,
        data={"photos": len(stored)},
        extra_fields={"public_answer": answer, "resolved_at": now, **_acknowledged(report, now)},
    )
    return report


@transaction.atomic
def feedback_reject(*, actor, report: Report, reason: str) -> Report:
    """Refuse the report with a reason, which becomes the public answer."""
    report = _begin(actor, report, policies.REJECT)
    reason = plain_text(reason, field="reason", label=_("Lý do từ chối"))
    report_transition(
        report=report,
        to_status=S.REJECTED,
        kind=ReportEventKind.REJECTED,
        actor=actor,
        message=reason,
        extra_fields={"public_answer": reason, **_acknowledged(report, timezone.now())},
    )
    return report


@transaction.atomic
def feedback_hide(*, actor, report: Report, reason: str) -> Report:
    """Hide abusive content from every public view (the case itself goes on; the event is internal)."""
    report = _begin(actor, report, policies.HIDE)
    reason = plain_text(reason, field="reason", label=_("Lý do ẩn"))
    report.is_hidden = True
    report.save(update_fields=["is_hidden", "updated_at"])
    report_event_record(
        report=report, kind=ReportEventKind.HIDDEN, actor=actor, message=reason, is_public=False, notify=False
    )
    return report
