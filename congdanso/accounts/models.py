"""People: citizens and officials share one user model; officials' roles are scoped rows."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserKind(models.TextChoices):
    CITIZEN = "citizen", _("Công dân")
    OFFICIAL = "official", _("Cán bộ")


class User(AbstractUser):
    """A person who signs in. Citizens sign in with their mobile number; officials with a username."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("loại tài khoản"), max_length=16, choices=UserKind.choices, default=UserKind.CITIZEN)
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=10, unique=True, null=True, blank=True)
    phone_verified_at = models.DateTimeField(_("xác thực số điện thoại lúc"), null=True, blank=True)
    national_id = models.CharField(_("số căn cước"), max_length=12, unique=True, null=True, blank=True)
    agency = models.ForeignKey(
        "places.Agency", verbose_name=_("cơ quan"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="officials",
    )
    preferred_language = models.CharField(_("ngôn ngữ"), max_length=8, default="vi")

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username


class Role(models.TextChoices):
    RECEIVER = "receiver", _("Cán bộ tiếp nhận")
    HANDLER = "handler", _("Cán bộ xử lý")
    APPROVER = "approver", _("Lãnh đạo phê duyệt")
    SUPERVISOR = "supervisor", _("Giám sát")
    ADMINISTRATOR = "administrator", _("Quản trị đơn vị")
    COMMUNITY_TECH = "community_tech", _("Thành viên Tổ công nghệ số cộng đồng")


class OfficialRole(models.Model):
    """A role an official holds at one agency. It covers that agency and the agencies below it."""

    user = models.ForeignKey(User, verbose_name=_("cán bộ"), on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    agency = models.ForeignKey(
        "places.Agency", verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="official_roles"
    )
    granted_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("vai trò cán bộ")
        verbose_name_plural = _("vai trò cán bộ")
        ordering = ["user", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "role", "agency"], name="unique_official_role")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.agency}"
