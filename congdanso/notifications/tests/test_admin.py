"""The outbox admin: list with filters, "retry now" action."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from congdanso.audit.models import AuditEvent
from congdanso.notifications.models import Notification
from congdanso.notifications.tests.factories import InAppNotificationFactory

pytestmark = pytest.mark.django_db


def test_changelist_filters_by_status(admin_client):
    failed = InAppNotificationFactory(status="failed", subject="Hỏng")
    InAppNotificationFactory(status="sent")
    response = admin_client.get(
        reverse("admin:notifications_notification_changelist"), {"status__exact": "failed"}
    )
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [failed]


def test_retry_now_action(admin_client, db_task_backend, django_capture_on_commit_callbacks):
    failed = InAppNotificationFactory(status="failed", sent_at=None)
    sent = InAppNotificationFactory(status="sent")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:notifications_notification_changelist"),
            {"action": "retry_now", "_selected_action": [str(failed.pk), str(sent.pk)]},
        )
    assert response.status_code == 302
    assert Notification.objects.get(pk=failed.pk).status == "pending"  # due now, its delivery task enqueued
    assert DBTaskResult.objects.get().args_kwargs == {"args": [str(failed.pk)], "kwargs": {}}
    assert Notification.objects.get(pk=sent.pk).status == "sent"
    assert AuditEvent.objects.filter(action="notification.retry_requested").count() == 1
