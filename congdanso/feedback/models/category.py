"""The feedback taxonomy (Open311 services) and the routing table."""

from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from congdanso.core.models import TimeStampedModel


class Category(TimeStampedModel):
    """A kind of problem citizens report (an Open311 service) with its deadlines; administrators edit it."""

    code = models.SlugField(_("mã"), max_length=64, unique=True)  # Open311 service_code
    name = models.CharField(_("tên"), max_length=120)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=120, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    group = models.CharField(_("nhóm"), max_length=120, blank=True)
    keywords = models.CharField(_("từ khoá"), max_length=300, blank=True)
    acknowledge_hours = models.PositiveIntegerField(_("thời hạn tiếp nhận (giờ làm việc)"), default=8)
    resolve_working_days = models.PositiveIntegerField(_("thời hạn giải quyết (ngày làm việc)"), default=10)
    # Open311 service definition attributes:
    # [{"code", "datatype", "required", "description", "order", "values": [{"key", "name"}]}]
    attributes = models.JSONField(_("câu hỏi bổ sung"), default=list, blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        verbose_name = _("lĩnh vực phản ánh")
        verbose_name_plural = _("lĩnh vực phản ánh")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class RoutingRule(TimeStampedModel):
    """Category + commune → responsible agency. Empty category or commune means "any"; most specific wins."""

    category = models.ForeignKey(
        Category,
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    commune = models.ForeignKey(
        "places.AdministrativeUnit",
        verbose_name=_("xã/phường"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    agency = models.ForeignKey(
        "places.Agency", verbose_name=_("cơ quan xử lý"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("quy tắc chuyển phản ánh")
        verbose_name_plural = _("bảng chuyển phản ánh")
        ordering = ["category__position", "commune__code"]
        # One rule per (category, commune) pair, "any" (NULL) included: NULLs are folded to 0 for the index.
        constraints = [
            models.UniqueConstraint(
                Coalesce("category", Value(0)), Coalesce("commune", Value(0)), name="unique_routing_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category or '*'} · {self.commune or '*'} → {self.agency}"
