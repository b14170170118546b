"""Reads of the notification outbox."""

from datetime import datetime

from django.db.models import QuerySet

from congdanso.accounts.policies import restrict_to_owner
from congdanso.notifications.models import Channel, Notification, NotificationStatus


def notification_list_for_user(*, user) -> QuerySet:
    """The user's own in-app notifications, newest first (nothing for anonymous users)."""
    return restrict_to_owner(
        Notification.objects.filter(channel=Channel.IN_APP), user, owner_field="recipient"
    ).order_by("-created_at", "-id")


def notification_unread_count(*, user) -> int:
    return notification_list_for_user(user=user).filter(read_at__isnull=True).count()


def notification_ids_due(*, now: datetime, limit: int = 500) -> list:
    """Ids of rows to (re)try: pending with ``next_attempt_at`` passed, or sending with an expired lease."""
    return list(
        Notification.objects.filter(
            status__in=[NotificationStatus.PENDING, NotificationStatus.SENDING], next_attempt_at__lte=now
        )
        .order_by("next_attempt_at")
        .values_list("id", flat=True)[:limit]
    )
