"""Tasks of the notification outbox. They take ids and call services; running one twice is harmless."""

from django.tasks import task
from django.utils import timezone

from congdanso.notifications.selectors import notification_ids_due
from congdanso.notifications.services import notification_deliver


@task(queue_name="notifications")
def deliver_notification(notification_id: str) -> str:
    """Deliver one notification (see ``notification_deliver``). Returns its status afterwards."""
    return notification_deliver(notification_id=notification_id)


@task(queue_name="sweeps")
def notifications_retry_due() -> int:
    """Sweep: re-enqueue every row whose ``next_attempt_at`` has passed (a crash or failure loses nothing)."""
    ids = notification_ids_due(now=timezone.now())
    for notification_id in ids:
        deliver_notification.enqueue(str(notification_id))
    return len(ids)
