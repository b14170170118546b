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
    kind = models.CharField(
        _("loại tài khoản"), max_length=16, choices=UserKind.choices, default=UserKind.CITIZEN
    )
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=10, unique=True, null=True, blank=True)
    phone_verified_at = models.DateTimeField(_("xác thực số điện thoại lúc"), null=True, blank=True)
    national_id = models.CharField(_("số căn cước"), max_length=12, unique=True, null=True, blank=True)
    agency = models.ForeignKey(
        "places.Agency",
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
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
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "agency"], name="unique_official_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.agency}"


class OtpPurpose(models.TextChoices):
    REGISTER = "register", _("Xác thực số điện thoại khi đăng ký")
    PASSWORD_RESET = "password_reset", _("Đặt lại mật khẩu")


class OneTimeCode(models.Model):
    """A 6-digit code sent by SMS. Only a keyed hash is stored; the code expires and allows few attempts."""

    phone = models.CharField(_("số điện thoại"), max_length=10, db_index=True)
    purpose = models.CharField(_("mục đích"), max_length=32, choices=OtpPurpose.choices)
    code_hash = models.CharField(_("mã băm"), max_length=64)
    created_at = models.DateTimeField(_("tạo lúc"), db_index=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    attempts = models.PositiveSmallIntegerField(_("số lần nhập"), default=0)
    used_at = models.DateTimeField(_("dùng lúc"), null=True, blank=True)
    locked_at = models.DateTimeField(_("khóa lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mã xác thực")
        verbose_name_plural = _("mã xác thực")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["phone", "purpose", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} · {self.phone[:4]}***{self.phone[-3:]}"


class ApiToken(models.Model):
    """A bearer token for a machine client acting as one user. Only the SHA-256 of the token is stored."""

    user = models.ForeignKey(
        User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("tên"), max_length=100)
    token_hash = models.CharField(_("mã băm SHA-256"), max_length=64, unique=True)
    prefix = models.CharField(_("tiền tố"), max_length=16)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
