"""Administrative units (2025 two-tier model and the legacy three-tier units) and agencies."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from congdanso.core.models import TimeStampedModel


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Tỉnh/thành phố")
    COMMUNE = "commune", _("Xã/phường/đặc khu")


class UnitType(models.TextChoices):
    PROVINCE = "tinh", _("Tỉnh")
    CENTRAL_CITY = "thanh-pho-trung-uong", _("Thành phố trực thuộc trung ương")
    COMMUNE = "xa", _("Xã")
    WARD = "phuong", _("Phường")
    SPECIAL_ZONE = "dac-khu", _("Đặc khu")


class AdministrativeUnit(models.Model):
    """A current (from 1 July 2025) province or commune-level unit; communes point to their province."""

    level = models.CharField(_("cấp"), max_length=16, choices=UnitLevel.choices)
    code = models.PositiveIntegerField(_("mã"))
    name = models.CharField(_("tên"), max_length=120)
    short_name = models.CharField(_("tên ngắn"), max_length=100)
    codename = models.SlugField(_("tên mã"), max_length=120)
    unit_type = models.CharField(_("loại"), max_length=32, choices=UnitType.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    phone_code = models.PositiveSmallIntegerField(_("mã vùng điện thoại"), null=True, blank=True)

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["level", "code"]
        constraints = [models.UniqueConstraint(fields=["level", "code"], name="unique_unit_level_code")]

    def __str__(self) -> str:
        return self.name


class LegacyUnitLevel(models.TextChoices):
    PROVINCE = "province", _("Tỉnh (trước 2025)")
    DISTRICT = "district", _("Huyện (trước 2025)")
    COMMUNE = "commune", _("Xã (trước 2025)")


class LegacyUnitType(models.TextChoices):
    PROVINCE = "tinh", _("Tỉnh")
    CENTRAL_CITY = "thanh-pho-trung-uong", _("Thành phố trực thuộc trung ương")
    RURAL_DISTRICT = "huyen", _("Huyện")
    URBAN_DISTRICT = "quan", _("Quận")
    CITY = "thanh-pho", _("Thành phố (cấp huyện)")
    TOWN = "thi-xa", _("Thị xã")
    COMMUNE = "xa", _("Xã")
    TOWNSHIP = "thi-tran", _("Thị trấn")
    WARD = "phuong", _("Phường")


class LegacyUnit(models.Model):
    """A pre-July-2025 unit (63 provinces, districts, communes), kept to resolve old addresses."""

    level = models.CharField(_("cấp"), max_length=16, choices=LegacyUnitLevel.choices)
    code = models.PositiveIntegerField(_("mã"))
    name = models.CharField(_("tên"), max_length=120)
    codename = models.SlugField(_("tên mã"), max_length=120)
    unit_type = models.CharField(_("loại"), max_length=32, choices=LegacyUnitType.choices, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    successors = models.ManyToManyField(
        AdministrativeUnit, verbose_name=_("đơn vị mới"), related_name="legacy_sources", blank=True
    )

    class Meta:
        verbose_name = _("đơn vị hành chính cũ")
        verbose_name_plural = _("đơn vị hành chính cũ")
        ordering = ["level", "code"]
        constraints = [
            models.UniqueConstraint(fields=["level", "code"], name="unique_legacy_unit_level_code")
        ]

    def __str__(self) -> str:
        return self.name


class AgencyKind(models.TextChoices):
    PROVINCIAL_COMMITTEE = "provincial_committee", _("UBND tỉnh")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    SERVICE_CENTRE = "service_centre", _("Trung tâm Phục vụ hành chính công")
    COMMUNE_COMMITTEE = "commune_committee", _("UBND xã/phường")
    POLICE = "police", _("Công an")
    BORDER_AGENCY = "border_agency", _("Cơ quan tại cửa khẩu")
    OTHER = "other", _("Khác")


class Agency(TimeStampedModel):
    """A body that receives and handles work (cơ quan), tied to a unit, with a parent for escalation."""

    code = models.SlugField(_("mã cơ quan"), max_length=64, unique=True)
    name = models.CharField(_("tên cơ quan"), max_length=200)
    kind = models.CharField(_("loại"), max_length=32, choices=AgencyKind.choices)
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["unit__code", "name"]

    def __str__(self) -> str:
        return self.name


class CommuneBoundary(models.Model):
    """The outline of one commune (GeoJSON geometry in WGS84) with its bounding box, for point-in-polygon."""

    unit = models.OneToOneField(
        AdministrativeUnit,
        verbose_name=_("xã/phường"),
        on_delete=models.CASCADE,
        related_name="boundary",
    )
    geometry = models.TextField(_("ranh giới (GeoJSON)"))
    min_latitude = models.FloatField(_("vĩ độ nhỏ nhất"))
    max_latitude = models.FloatField(_("vĩ độ lớn nhất"))
    min_longitude = models.FloatField(_("kinh độ nhỏ nhất"))
    max_longitude = models.FloatField(_("kinh độ lớn nhất"))
    source = models.CharField(_("nguồn dữ liệu"), max_length=300, blank=True)
    imported_at = models.DateTimeField(_("nhập lúc"))

    class Meta:
        verbose_name = _("ranh giới xã/phường")
        verbose_name_plural = _("ranh giới xã/phường")
        ordering = ["unit__code"]

    def __str__(self) -> str:
        return str(self.unit)
