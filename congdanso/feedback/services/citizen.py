"""What a citizen does with a report after filing it: follow someone else's, add requested information,
rate the outcome, reopen it when it was not really fixed. Every refusal raises and changes nothing."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congdanso.audit.services import audit_record
from congdanso.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from congdanso.feedback.deadlines import report_deadlines
from congdanso.feedback.models import (
    Report,
    ReportEventKind,
    ReportFollower,
    ReportPhotoKind,
    ReportStatus,
)
from congdanso.feedback.services import submission_input as checks
from congdanso.feedback.services.citizen_photos import photos_check, photos_store, stored_files_discard
from congdanso.feedback.services.official_notices import officials_notify
from congdanso.feedback.services.timeline import report_transition

MESSAGE_MAX_LENGTH = 4000
COMMENT_MAX_LENGTH = 2000


def _lock(report: Report) -> Report:
    locked = Report.objects.select_for_update().filter(pk=report.pk).first()
    if locked is None:
        raise NotFound(_("Không tìm thấy phản ánh."))
    return locked


def _require_reporter(actor, report: Report) -> None:
    if not getattr(actor, "is_authenticated", False) or report.reporter_id != actor.pk:
        raise PermissionDenied(_("Chỉ người gửi phản ánh mới thực hiện được thao tác này."))


def _after_commit_notify(report: Report, kind: str) -> None:
    report_id = report.pk
    transaction.on_commit(lambda: officials_notify(report_id, kind))


@transaction.atomic
def feedback_follow(*, user, report: Report) -> ReportFollower:
    """Follow someone else's public report (idempotent: following twice is one follower row)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise PermissionDenied(_("Bạn cần đăng nhập để theo dõi phản ánh."))
    report = _lock(report)
    if not report.is_public or report.is_hidden:
        raise NotFound(_("Không tìm thấy phản ánh."))
    if report.reporter_id == user.pk:
        raise Conflict(_("Bạn là người gửi phản ánh này nên đã nhận thông báo."), code="own_report")
    follower, created = ReportFollower.objects.get_or_create(report=report, user=user)
    if created:
        audit_record(actor=user, action="feedback.followed", target=report, changes={})
    return follower


@transaction.atomic
def feedback_add_info(*, actor, report: Report, message: str, photos=()) -> Report:
    """The reporter answers a request for information: AWAITING_INFO → ACCEPTED (message kept private)."""
    report = _lock(report)
    _require_reporter(actor, report)
    if report.status != ReportStatus.AWAITING_INFO:
        raise Conflict(_("Phản ánh không ở trạng thái chờ bổ sung thông tin."), code="not_awaiting_info")
    message = checks.plain_text(
        message, field="message", label=_("Nội dung bổ sung"), max_length=MESSAGE_MAX_LENGTH
    )
    photos = photos_check(photos)
    stored_names: list = []
    try:
        with transaction.atomic():
            items = photos_store(
                owner=actor,
                report=report,
                photos=photos,
                kind=ReportPhotoKind.CITIZEN,
                stored_names=stored_names,
            )
            report_transition(
                report=report,
                to_status=ReportStatus.ACCEPTED,
                kind=ReportEventKind.INFO_ADDED,
                actor=actor,
                message=message,
                data={"photos": [item.pk for item in items]},
                is_public=False,
            )
    except BaseException:
        stored_files_discard(stored_names)
        raise
    _after_commit_notify(report, ReportEventKind.INFO_ADDED)
    return report


@transaction.atomic
def feedback_rate(*, actor, report: Report, rating: int, comment: str = "") -> Report:
    """The reporter rates a resolved or rejected report (1–5, optional comment); the report is CLOSED."""
    report = _lock(report)
    _require_reporter(actor, report)
    if report.status not in (ReportStatus.RESOLVED, ReportStatus.REJECTED):
        raise Conflict(_("Chỉ đánh giá được phản ánh đã giải quyết hoặc bị từ chối."), code="not_ratable")
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationFailed(
            _("Điểm đánh giá phải từ 1 đến 5."),
            code="invalid_rating",
            details={"field": "rating", "message": _("Điểm đánh giá phải từ 1 đến 5.")},
        )
    comment = checks.plain_text(
        comment, field="comment", label=_("Nhận xét"), max_length=COMMENT_MAX_LENGTH, required=False
    )
    report_transition(
        report=report,
        to_status=ReportStatus.CLOSED,
        kind=ReportEventKind.RATED,
        actor=actor,
        data={"rating": rating},
        is_public=True,
        extra_fields={"rating": rating, "rating_comment": comment, "rated_at": timezone.now()},
    )
    return report


@transaction.atomic
def feedback_reopen(*, actor, report: Report, reason: str) -> Report:
    """The reporter reopens a resolved report within FEEDBACK_REOPEN_DAYS: → ACCEPTED, fresh deadlines."""
    report = _lock(report)
    _require_reporter(actor, report)
    if report.status != ReportStatus.RESOLVED:
        raise Conflict(_("Chỉ mở lại được phản ánh đã giải quyết."), code="not_reopenable")
    now = timezone.now()
    days = settings.FEEDBACK_REOPEN_DAYS
    if report.resolved_at is None or now > report.resolved_at + timedelta(days=days):
        raise Conflict(
            _("Đã quá %(days)s ngày kể từ khi giải quyết, không thể mở lại.") % {"days": days},
            code="reopen_expired",
        )
    reason = checks.plain_text(reason, field="reason", label=_("Lý do"), max_length=MESSAGE_MAX_LENGTH)
    acknowledge_due_at, resolve_due_at = report_deadlines(category=report.category, received_at=now)
    report_transition(
        report=report,
        to_status=ReportStatus.ACCEPTED,
        kind=ReportEventKind.REOPENED,
        actor=actor,
        message=reason,
        data={"reopen_count": report.reopen_count + 1},
        is_public=False,
        extra_fields={
            "reopen_count": report.reopen_count + 1,
            "acknowledge_due_at": acknowledge_due_at,
            "resolve_due_at": resolve_due_at,
            "resolved_at": None,
            "is_overdue": False,
        },
    )
    _after_commit_notify(report, ReportEventKind.REOPENED)
    return report
