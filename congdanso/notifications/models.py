"""The notification outbox: one row per message to one person on one channel."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")
    IN_APP = "in_app", _("Trong ứng dụng")


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi thất bại")
    READ = "read", _("Đã đọc")


class Notification(models.Model):
    """A message to a person (``recipient``) and/or an address (phone or email), rendered at queue time.

    The row is written first and is the source of truth; a task delivers it. Delivery claims the row
    (``pending`` → ``sending`` with a lease in ``next_attempt_at``), so running the task twice sends once.
    Failures go back to ``pending`` with a backed-off ``next_attempt_at`` until ``NOTIFICATION_MAX_ATTEMPTS``,
    then ``failed``. In-app notifications become ``sent`` at once and ``read`` when the recipient opens them.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    address = models.CharField(_("địa chỉ nhận"), max_length=254, blank=True)
    channel = models.CharField(_("kênh"), max_length=16, choices=Channel.choices)
    template = models.CharField(_("mẫu"), max_length=64)
    language = models.CharField(_("ngôn ngữ"), max_length=8, default="vi")
    subject = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    body = models.TextField(_("nội dung"))
    context = models.JSONField(_("dữ liệu mẫu"), default=dict, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=NotificationStatus.choices, default=NotificationStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    next_attempt_at = models.DateTimeField(_("lần gửi kế tiếp"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    read_at = models.DateTimeField(_("đọc lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, db_index=True)
    related_type = models.CharField(_("loại đối tượng liên quan"), max_length=64, blank=True)
    related_id = models.CharField(_("mã đối tượng liên quan"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "channel", "-created_at"], name="notif_recipient_idx"),
            models.Index(fields=["status", "next_attempt_at"], name="notif_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.template} · {self.get_status_display()}"
