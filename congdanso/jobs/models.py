"""Rows that make background work survive restarts: sweep schedules and the reaper's bookkeeping."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SweepSchedule(models.Model):
    """When a registered periodic sweep last ran and is next due. One row per sweep name.

    Rows are created from the in-code registry (``congdanso.jobs.sweeps.register_sweep``); administrators may
    change ``every_seconds`` or switch a sweep off. The scheduler claims a due row with a conditional UPDATE,
    so two schedulers never enqueue the same interval twice.
    """

    name = models.CharField(_("tên"), max_length=100, unique=True)
    every_seconds = models.PositiveIntegerField(_("chu kỳ (giây)"))
    enabled = models.BooleanField(_("đang bật"), default=True)
    last_enqueued_at = models.DateTimeField(_("lần đưa vào hàng đợi gần nhất"), null=True, blank=True)
    next_due_at = models.DateTimeField(_("lần chạy kế tiếp"), db_index=True)

    class Meta:
        verbose_name = _("lịch quét định kỳ")
        verbose_name_plural = _("lịch quét định kỳ")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class StuckTaskRecovery(models.Model):
    """How often the reaper has re-queued one django-tasks-db result left RUNNING by a crashed worker."""

    task_result_id = models.UUIDField(_("mã kết quả tác vụ"), primary_key=True)
    task_path = models.TextField(_("tác vụ"), blank=True)
    attempts = models.PositiveIntegerField(_("số lần khôi phục"), default=0)
    last_reaped_at = models.DateTimeField(_("khôi phục gần nhất"))
    gave_up = models.BooleanField(_("đã đánh dấu thất bại"), default=False)

    class Meta:
        verbose_name = _("khôi phục tác vụ treo")
        verbose_name_plural = _("khôi phục tác vụ treo")
        ordering = ["-last_reaped_at"]

    def __str__(self) -> str:
        return f"{self.task_path} ({self.task_result_id})"
