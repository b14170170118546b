"""Province overrides of the national working-day calendar."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OverrideKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ")
    WORKING_DAY = "working_day", _("Ngày làm việc")


class CalendarOverride(models.Model):
    """One day a province treats differently from the national calendar.

    ``day_off``: a provincial holiday, a storm day, an early-announced swap. ``working_day``: a make-up
    Saturday, or a national holiday the province does not observe (e.g. 24/11 before it is confirmed).
    Write only through ``congdanso.workdays.services`` so that the cached calendars are invalidated.
    """

    province_code = models.PositiveIntegerField(_("mã tỉnh"), db_index=True)
    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=16, choices=OverrideKind.choices)
    reason = models.CharField(_("lý do"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("ngày điều chỉnh lịch làm việc")
        verbose_name_plural = _("ngày điều chỉnh lịch làm việc")
        ordering = ["province_code", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["province_code", "date"], name="unique_calendar_override_province_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} · {self.get_kind_display()} · {self.reason}"
