"""Queue, render, deliver (with retries), mark read, retry now."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django_tasks_db.models import DBTaskResult

from congdanso.accounts.tests.factories import CitizenFactory
from congdanso.audit.models import AuditEvent
from congdanso.core.errors import Conflict, NotFound, ValidationFailed
from congdanso.notifications import services, sms_backends
from congdanso.notifications.models import Notification, NotificationStatus
from congdanso.notifications.services import (
    notification_deliver,
    notification_mark_read,
    notification_queue,
    notification_retry_now,
)
from congdanso.notifications.sms_backends import SmsDeliveryError
from congdanso.notifications.tests.factories import InAppNotificationFactory

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def test_queue_renders_in_the_recipients_language_and_enqueues_after_commit(
    db_task_backend, django_capture_on_commit_callbacks
):
    citizen = CitizenFactory(full_name="Hoàng Thị Mai", email="mai@example.vn", preferred_language="en")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = notification_queue(
            channel="email", template="welcome", context={"full_name": citizen.full_name}, recipient=citizen
        )
        assert DBTaskResult.objects.count() == 0  # nothing enqueued before commit
    for callback in callbacks:
        callback()

    notification.refresh_from_db()
    assert (notification.language, notification.address, notification.status) == (
        "en",
        "mai@example.vn",
        NotificationStatus.PENDING,
    )
    assert notification.subject == "Welcome to Công dân số, Hoàng Thị Mai"
    assert notification.body.startswith("Hello Hoàng Thị Mai,\n\nYour Công dân số account has been created.")
    task_row = DBTaskResult.objects.get()
    assert (task_row.task_path, task_row.queue_name, task_row.args_kwargs) == (
        "congdanso.notifications.tasks.deliver_notification",
        "notifications",
        {"args": [str(notification.pk)], "kwargs": {}},
    )
    event = AuditEvent.objects.get(action="notification.queued")
    assert (event.object_id, event.changes) == (
        str(notification.pk),
        {"channel": "email", "template": "welcome", "language": "en"},
    )


def test_queue_defaults_to_vietnamese_and_does_not_escape_text():
    notification = notification_queue(
        channel="sms",
        template="generic",
        context={"title": "Lịch họp", "message": "Họp tổ <1> & <2>"},
        address="0912 345 678",
    )
    assert (notification.language, notification.address) == ("vi", "0912345678")
    assert (notification.subject, notification.body) == ("Lịch họp", "Họp tổ <1> & <2>")


def test_explicit_language_wins_and_unknown_languages_fall_back_to_vietnamese():
    citizen = CitizenFactory(preferred_language="en")
    vi = notification_queue(
        channel="in_app",
        template="otp",
        context={"code": "123456", "minutes": 5},
        recipient=citizen,
        language="vi",
    )
    fr = notification_queue(
        channel="in_app",
        template="otp",
        context={"code": "123456", "minutes": 5},
        recipient=citizen,
        language="fr",
    )
    assert vi.subject == fr.subject == "Mã xác thực Công dân số"
    assert (
        fr.body
        == "Mã xác thực của bạn là 123456. Mã có hiệu lực trong 5 phút. Không chia sẻ mã này với bất kỳ ai."
    )


def test_queue_records_the_related_object():
    citizen = CitizenFactory()
    notification = notification_queue(
        channel="in_app",
        template="generic",
        context={"title": "A", "message": "B"},
        recipient=citizen,
        related=citizen,
    )
    assert (notification.related_type, notification.related_id) == ("accounts.user", str(citizen.pk))


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"channel": "fax", "template": "generic", "address": "0912345678"}, "invalid_channel"),
        ({"channel": "sms", "template": "nope", "address": "0912345678"}, "validation_error"),
        ({"channel": "sms", "template": "generic", "address": "12345"}, "invalid_phone"),
        ({"channel": "email", "template": "generic", "address": "khong-phai-email"}, "invalid_email"),
        ({"channel": "in_app", "template": "generic"}, "recipient_required"),
        (
            {"channel": "sms", "template": "welcome", "address": "0912345678"},
            "validation_error",
        ),  # no full_name
    ],
)
def test_bad_input_changes_nothing(kwargs, code, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ValidationFailed) as raised:
        notification_queue(context={"title": "A", "message": "B"}, **kwargs)
    assert raised.value.code == code
    assert callbacks == []
    assert Notification.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def _queued(channel="sms", **kwargs):
    with time_machine.travel(T0, tick=False):
        return notification_queue(
            channel=channel, template="generic", context={"title": "Tiêu đề", "message": "Nội dung"}, **kwargs
        )


def test_deliver_email_and_deliver_again_sends_once():
    notification = _queued("email", address="an@example.vn")
    with time_machine.travel(T0 + timedelta(seconds=1), tick=False):
        assert notification_deliver(notification_id=notification.pk) == "sent"
        assert notification_deliver(notification_id=notification.pk) == "sent"
    assert [(m.subject, m.body, m.to) for m in mail.outbox] == [("Tiêu đề", "Nội dung", ["an@example.vn"])]
    notification.refresh_from_db()
    assert (
        notification.status,
        notification.attempts,
        notification.sent_at,
        notification.next_attempt_at,
    ) == (
        "sent",
        1,
        T0 + timedelta(seconds=1),
        None,
    )


def test_deliver_sms_and_in_app():
    sms = _queued("sms", address="0912345678")
    in_app = _queued("in_app", recipient=CitizenFactory())
    with time_machine.travel(T0, tick=False):
        assert notification_deliver(notification_id=sms.pk) == "sent"
        assert notification_deliver(notification_id=in_app.pk) == "sent"
    assert sms_backends.outbox == [{"phone": "0912345678", "text": "Nội dung"}]
    assert mail.outbox == []


def test_deliver_unknown_id_is_a_no_op():
    assert notification_deliver(notification_id="3f1b6b8e-0000-4000-8000-000000000000") == "missing"


def test_failures_back_off_then_fail_visibly(monkeypatch, settings):
    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    settings.NOTIFICATION_RETRY_BASE_SECONDS = 60

    def broken_gateway(phone, text):
        raise SmsDeliveryError("gateway 503")

    monkeypatch.setattr(services, "send_sms", broken_gateway)
    notification = _queued("sms", address="0912345678")

    with time_machine.travel(T0, tick=False):
        assert notification_deliver(notification_id=notification.pk) == "pending"
    notification.refresh_from_db()
    assert (notification.attempts, notification.next_attempt_at, notification.last_error) == (
        1,
        T0 + timedelta(seconds=60),
        "SmsDeliveryError: gateway 503",
    )
    with time_machine.travel(T0 + timedelta(seconds=59), tick=False):  # not due yet: no attempt
        assert notification_deliver(notification_id=notification.pk) == "pending"
    assert Notification.objects.get(pk=notification.pk).attempts == 1

    with time_machine.travel(T0 + timedelta(seconds=60), tick=False):
        assert notification_deliver(notification_id=notification.pk) == "pending"
    assert Notification.objects.get(pk=notification.pk).next_attempt_at == T0 + timedelta(seconds=180)
    with time_machine.travel(T0 + timedelta(seconds=180), tick=False):
        assert notification_deliver(notification_id=notification.pk) == "failed"

    notification.refresh_from_db()
    assert (notification.status, notification.attempts, notification.next_attempt_at) == ("failed", 3, None)
    event = AuditEvent.objects.get(action="notification.failed")
    assert event.changes == {"attempts": 3, "error": "SmsDeliveryError"}
    assert sms_backends.outbox == []


def test_a_send_interrupted_by_a_crash_is_retried_after_the_lease(settings):
    settings.NOTIFICATION_SEND_LEASE_SECONDS = 300
    notification = _queued("sms", address="0912345678")
    with time_machine.travel(T0, tick=False):
        assert services._claim(notification.pk, now=T0) is not None  # the worker dies right after claiming
        assert notification_deliver(notification_id=notification.pk) == "sending"  # someone holds the lease
    with time_machine.travel(T0 + timedelta(seconds=300), tick=False):
        assert notification_deliver(notification_id=notification.pk) == "sent"
    assert Notification.objects.get(pk=notification.pk).attempts == 2
    assert len(sms_backends.outbox) == 1


def test_mark_read_own_only_and_idempotent():
    owner, other = CitizenFactory(), CitizenFactory()
    notification = InAppNotificationFactory(recipient=owner)

    with pytest.raises(NotFound):
        notification_mark_read(user=other, notification_id=notification.pk)
    with pytest.raises(NotFound):
        notification_mark_read(user=owner, notification_id="not-a-uuid")
    assert Notification.objects.get(pk=notification.pk).read_at is None

    with time_machine.travel(T0, tick=False):
        notification_mark_read(user=owner, notification_id=notification.pk)
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        again = notification_mark_read(user=owner, notification_id=str(notification.pk))
    assert (again.status, again.read_at) == ("read", T0)


def test_retry_now_makes_a_failed_row_due_and_enqueues_it(
    db_task_backend, django_capture_on_commit_callbacks
):
    notification = _queued("sms", address="0912345678")
    Notification.objects.filter(pk=notification.pk).update(status="failed", attempts=5, next_attempt_at=None)
    DBTaskResult.objects.all().delete()

    with (
        time_machine.travel(T0 + timedelta(days=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notification_retry_now(actor=None, notification_id=notification.pk)

    notification.refresh_from_db()
    assert (notification.status, notification.next_attempt_at) == ("pending", T0 + timedelta(days=1))
    assert DBTaskResult.objects.get().args_kwargs == {"args": [str(notification.pk)], "kwargs": {}}
    assert AuditEvent.objects.get(action="notification.retry_requested").changes == {
        "status": ["failed", "pending"],
        "attempts": 5,
    }


def test_retry_now_refuses_sent_rows_and_unknown_ids():
    notification = InAppNotificationFactory()
    with pytest.raises(Conflict):
        notification_retry_now(actor=None, notification_id=notification.pk)
    with pytest.raises(NotFound):
        notification_retry_now(actor=None, notification_id="x")
    assert Notification.objects.get(pk=notification.pk).status == "sent"
    assert AuditEvent.objects.filter(action="notification.retry_requested").count() == 0
