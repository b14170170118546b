from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """The notification outbox and its delivery channels."""

    name = "congdanso.notifications"
    label = "notifications"
    verbose_name = "Thông báo"
