"""The outbox through a real worker, on django-tasks-db and on RQ alike."""

from datetime import timedelta

import pytest
from django.utils import timezone

from congdanso.jobs.tests.fixtures import queued_task_paths
from congdanso.jobs.worker import drain_queues
from congdanso.notifications import sms_backends
from congdanso.notifications.models import Notification
from congdanso.notifications.services import notification_queue
from congdanso.notifications.tasks import deliver_notification, notifications_retry_due

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_queued_sms_is_delivered_by_the_worker(task_backend):
    notification = notification_queue(
        channel="sms", template="otp", context={"code": "246810", "minutes": 5}, address="0912345678"
    )
    assert queued_task_paths(task_backend) == ["congdanso.notifications.tasks.deliver_notification"]

    drain_queues()

    assert Notification.objects.get(pk=notification.pk).status == "sent"
    assert sms_backends.outbox == [
        {
            "phone": "0912345678",
            "text": "Mã xác thực của bạn là 246810. Mã có hiệu lực trong 5 phút. "
            "Không chia sẻ mã này với bất kỳ ai.",
        }
    ]


def test_running_the_task_twice_changes_nothing_the_second_time(task_backend):
    notification = notification_queue(
        channel="sms", template="generic", context={"title": "T", "message": "M"}, address="0912345678"
    )
    drain_queues()
    first = Notification.objects.get(pk=notification.pk)

    deliver_notification.enqueue(str(notification.pk))
    drain_queues()

    second = Notification.objects.get(pk=notification.pk)
    assert (second.status, second.attempts, second.sent_at) == ("sent", 1, first.sent_at)
    assert len(sms_backends.outbox) == 1


def test_the_retry_sweep_picks_up_rows_whose_task_was_lost(task_backend):
    notification = notification_queue(
        channel="sms", template="generic", context={"title": "T", "message": "M"}, address="0912345678"
    )
    from congdanso.jobs.tests.fixtures import flush_test_redis

    if task_backend == "rq":
        flush_test_redis()  # the queued task is lost (Redis wiped)
    else:
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.all().delete()
    Notification.objects.filter(pk=notification.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )

    notifications_retry_due.enqueue()
    drain_queues()

    assert Notification.objects.get(pk=notification.pk).status == "sent"
    assert sms_backends.outbox == [{"phone": "0912345678", "text": "M"}]
