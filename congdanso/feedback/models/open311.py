"""Machine clients of the Open311 GeoReport v2 server."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from congdanso.core.models import TimeStampedModel


class Open311Client(TimeStampedModel):
    """An Open311 client allowed to POST reports; its api_key is stored only as a sha256 hash."""

    name = models.CharField(_("tên ứng dụng"), max_length=120, unique=True)
    key_hash = models.CharField(_("mã băm khoá"), max_length=64, unique=True)
    key_prefix = models.CharField(_("tiền tố khoá"), max_length=12)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)

    class Meta:
        verbose_name = _("ứng dụng Open311")
        verbose_name_plural = _("ứng dụng Open311")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
