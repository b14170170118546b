"""The append-only audit log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Audit events are append-only.")

    def delete(self):
        raise TypeError("Audit events are append-only.")


class AuditEvent(models.Model):
    """One state change: who did what to which object, with before/after or parameters, and the request id."""

    occurred_at = models.DateTimeField(_("thời điểm"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("hành động"), max_length=64, db_index=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=64, db_index=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=64, db_index=True)
    object_repr = models.CharField(_("đối tượng"), max_length=200, blank=True)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    request_id = models.CharField(_("mã yêu cầu"), max_length=64, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện kiểm toán")
        verbose_name_plural = _("nhật ký kiểm toán")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Audit events are append-only.")
