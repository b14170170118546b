"""Per-day counters for receipt codes such as PAKN.20261122.0042."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReceiptSequence(models.Model):
    """The last receipt number handed out on one day (local date)."""

    day = models.DateField(_("ngày"), unique=True)
    last_number = models.PositiveIntegerField(_("số cuối"), default=0)

    class Meta:
        verbose_name = _("bộ đếm mã phản ánh")
        verbose_name_plural = _("bộ đếm mã phản ánh")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day}: {self.last_number}"
