"""Writes of the notification outbox: queue, deliver (with retries), mark read, retry now.

Audit policy: ``notification.queued`` when a row is created, ``notification.failed`` when delivery gives up
and ``notification.retry_requested`` when an administrator retries. Successful sends and in-app reads are not
audited (the row's ``sent_at``/``read_at`` already record them, and reads are frequent and low-stakes).
"""

import logging
import re
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congdanso.accounts.policies import restrict_to_owner
from congdanso.audit.services import audit_record
from congdanso.core.errors import Conflict, NotFound, ValidationFailed
from congdanso.notifications.models import Channel, Notification, NotificationStatus
from congdanso.notifications.sms_backends import send_sms
from congdanso.notifications.templates import notification_language, notification_render

logger = logging.getLogger(__name__)

_PHONE = re.compile(r"^0\d{9}$")


def max_attempts() -> int:
    return int(getattr(settings, "NOTIFICATION_MAX_ATTEMPTS", 5))


def retry_delay(attempts: int) -> timedelta:
    """Back-off after the ``attempts``-th failure: base × 2^(attempts-1), at most six hours."""
    base = int(getattr(settings, "NOTIFICATION_RETRY_BASE_SECONDS", 60))
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


def _send_lease() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "NOTIFICATION_SEND_LEASE_SECONDS", 300)))


def _resolve_address(*, channel: str, recipient, address: str | None) -> str:
    address = (address or "").strip()
    if channel == Channel.IN_APP:
        if recipient is None:
            raise ValidationFailed(_("Thông báo trong ứng dụng cần người nhận."), code="recipient_required")
        return ""
    if channel == Channel.EMAIL:
        address = address or (getattr(recipient, "email", "") or "")
        try:
            validate_email(address)
        except ValidationError as error:
            raise ValidationFailed(_("Địa chỉ thư điện tử không hợp lệ."), code="invalid_email") from error
        return address
    address = re.sub(r"[\s.\-]", "", address or (getattr(recipient, "phone", "") or ""))
    if not _PHONE.match(address):
        raise ValidationFailed(_("Số điện thoại nhận tin không hợp lệ."), code="invalid_phone")
    return address


def _enqueue_delivery(notification_id) -> None:
    from congdanso.notifications.tasks import deliver_notification

    transaction.on_commit(lambda: deliver_notification.enqueue(str(notification_id)))


@transaction.atomic
def notification_queue(
    *,
    channel: str,
    template: str,
    context: dict,
    recipient=None,
    address: str | None = None,
    language: str | None = None,
    related: models.Model | None = None,
) -> Notification:
    """Render and store a notification, then (after commit) enqueue its delivery. Returns the row.

    ``language`` defaults to the recipient's ``preferred_language`` (Vietnamese otherwise). ``address`` is a
    phone (SMS) or email; when empty, the recipient's own is used. ``context`` must be JSON-serialisable.
    """
    if channel not in Channel.values:
        raise ValidationFailed(_("Kênh thông báo không hợp lệ."), code="invalid_channel")
    resolved_address = _resolve_address(channel=channel, recipient=recipient, address=address)
    language = notification_language(language or getattr(recipient, "preferred_language", None))
    subject, body = notification_render(template=template, language=language, context=context)
    notification = Notification(
        recipient=recipient,
        address=resolved_address,
        channel=channel,
        template=template,
        language=language,
        subject=subject[:255],
        body=body,
        context=context,
        next_attempt_at=timezone.now(),
        related_type=related._meta.label_lower if related is not None else "",
        related_id=str(related.pk) if related is not None else "",
    )
    notification.full_clean()
    notification.save(force_insert=True)
    audit_record(
        action="notification.queued",
        target=notification,
        changes={"channel": channel, "template": template, "language": language},
    )
    _enqueue_delivery(notification.pk)
    return notification


def _claim(notification_id, *, now: datetime) -> Notification | None:
    """Take a due row for one delivery attempt (``sending`` with a lease); ``None`` when not ours to send."""
    claimed = Notification.objects.filter(
        pk=notification_id,
        status__in=[NotificationStatus.PENDING, NotificationStatus.SENDING],
        next_attempt_at__lte=now,
    ).update(
        status=NotificationStatus.SENDING, attempts=F("attempts") + 1, next_attempt_at=now + _send_lease()
    )
    if not claimed:
        return None
    return Notification.objects.get(pk=notification_id)


def _send(notification: Notification) -> None:
    if notification.channel == Channel.EMAIL:
        EmailMessage(subject=notification.subject, body=notification.body, to=[notification.address]).send()
    elif notification.channel == Channel.SMS:
        send_sms(notification.address, notification.body)
    # In-app: stored already; "sending" it is marking it sent.


@transaction.atomic
def _record_outcome(notification: Notification, *, error: Exception | None, now: datetime) -> str:
    ours = Notification.objects.filter(
        pk=notification.pk, status=NotificationStatus.SENDING, attempts=notification.attempts
    )
    if error is None:
        ours.update(status=NotificationStatus.SENT, sent_at=now, next_attempt_at=None, last_error="")
        return NotificationStatus.SENT
    message = f"{type(error).__name__}: {error}"[:2000]
    if notification.attempts >= max_attempts():
        if ours.update(status=NotificationStatus.FAILED, next_attempt_at=None, last_error=message):
            audit_record(
                action="notification.failed",
                target=notification,
                changes={"attempts": notification.attempts, "error": type(error).__name__},
            )
        return NotificationStatus.FAILED
    ours.update(
        status=NotificationStatus.PENDING,
        next_attempt_at=now + retry_delay(notification.attempts),
        last_error=message,
    )
    return NotificationStatus.PENDING


def notification_deliver(*, notification_id) -> str:
    """Send one notification if it is due; idempotent. Returns the row's status afterwards.

    Already sent/read/failed rows, rows not yet due (backing off) and rows another worker is sending are
    left alone. The send happens outside any transaction; the claim and the outcome are each atomic.
    """
    now = timezone.now()
    notification = _claim(notification_id, now=now)
    if notification is None:
        current = Notification.objects.filter(pk=notification_id).values_list("status", flat=True).first()
        return current or "missing"
    try:
        _send(notification)
    except Exception as error:  # any failure is retried with back-off, then shown as "failed"
        logger.warning("Notification %s attempt %s failed: %s", notification.pk, notification.attempts, error)
        return _record_outcome(notification, error=error, now=timezone.now())
    return _record_outcome(notification, error=None, now=timezone.now())


def _as_uuid(value) -> uuid.UUID | None:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        return None


@transaction.atomic
def notification_mark_read(*, user, notification_id) -> Notification:
    """Mark one of the user's own in-app notifications read (idempotent). Others' ids are "not found"."""
    pk = _as_uuid(notification_id)
    own = restrict_to_owner(
        Notification.objects.filter(channel=Channel.IN_APP), user, owner_field="recipient"
    )
    notification = own.select_for_update().filter(pk=pk).first() if pk else None
    if notification is None:
        raise NotFound(_("Không tìm thấy thông báo."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.status = NotificationStatus.READ
        notification.save(update_fields=["read_at", "status"])
    return notification


@transaction.atomic
def notification_retry_now(*, actor, notification_id) -> Notification:
    """Administrators: make a pending or failed notification due now and enqueue its delivery."""
    pk = _as_uuid(notification_id)
    notification = Notification.objects.select_for_update().filter(pk=pk).first() if pk else None
    if notification is None:
        raise NotFound(_("Không tìm thấy thông báo."))
    if notification.status not in (NotificationStatus.PENDING, NotificationStatus.FAILED):
        raise Conflict(_("Chỉ gửi lại được thông báo đang chờ hoặc đã thất bại."))
    before = notification.status
    notification.status = NotificationStatus.PENDING
    notification.next_attempt_at = timezone.now()
    notification.save(update_fields=["status", "next_attempt_at"])
    audit_record(
        actor=actor,
        action="notification.retry_requested",
        target=notification,
        changes={"status": [before, NotificationStatus.PENDING], "attempts": notification.attempts},
    )
    _enqueue_delivery(notification.pk)
    return notification
