"""Officials: created by an administrator of their agency (or a superuser); roles granted and revoked."""

from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from congdanso.accounts import policies
from congdanso.accounts.models import OfficialRole, Role, User, UserKind
from congdanso.accounts.validation import mask_phone, normalize_phone
from congdanso.audit.services import audit_record
from congdanso.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class _SystemActor:
    """The actor of management commands and seeds: trusted, and recorded in the audit log as no user."""

    is_authenticated = False
    is_superuser = False
    pk = None

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = _SystemActor()


def _require_administrator(actor, agency) -> None:
    if actor is SYSTEM:
        return
    if getattr(actor, "is_authenticated", False) and actor.is_active and actor.is_superuser:
        return
    if not policies.can_administer(actor, agency=agency):
        raise PermissionDenied(_("Bạn không có quyền quản trị cán bộ của cơ quan này."))


def _clean_roles(roles: Iterable[str]) -> list[str]:
    cleaned = []
    for role in roles:
        if role not in Role.values:
            raise ValidationFailed(
                _("Vai trò “%(role)s” không tồn tại.") % {"role": role},
                code="role_invalid",
                details={"role": role},
            )
        if role not in cleaned:
            cleaned.append(role)
    if not cleaned:
        raise ValidationFailed(_("Cán bộ cần ít nhất một vai trò."), code="role_required")
    return cleaned


def _clean_username(username: str) -> str:
    username = (username or "").strip()
    if not username:
        raise ValidationFailed(_("Vui lòng nhập tên đăng nhập."), code="username_required")
    try:
        UnicodeUsernameValidator()(username)
    except DjangoValidationError as error:
        raise ValidationFailed(
            _("Tên đăng nhập chỉ gồm chữ, số và các ký tự @ . + - _"), code="username_invalid"
        ) from error
    if username.isdigit():
        raise ValidationFailed(
            _("Tên đăng nhập của cán bộ không được chỉ gồm chữ số."), code="username_invalid"
        )
    if User.objects.filter(username__iexact=username).exists():
        raise Conflict(
            _("Tên đăng nhập này đã tồn tại."), code="username_taken", details={"field": "username"}
        )
    return username


@transaction.atomic
def official_create(
    *,
    actor,
    username: str,
    full_name: str,
    agency,
    roles: Iterable[str],
    password: str | None = None,
    phone: str | None = None,
    email: str | None = None,
) -> User:
    """Create an active official at ``agency`` holding ``roles`` there. Without a password it is unusable."""
    if agency is None:
        raise ValidationFailed(_("Vui lòng chọn cơ quan."), code="agency_required")
    _require_administrator(actor, agency)
    roles = _clean_roles(roles)
    username = _clean_username(username)
    full_name = (full_name or "").strip()
    if not full_name:
        raise ValidationFailed(_("Vui lòng nhập họ và tên."), code="full_name_required")
    if (phone or "").strip():
        phone = normalize_phone(phone)
        if User.objects.filter(phone=phone).exists():
            raise Conflict(_("Số điện thoại này đã được dùng cho một tài khoản khác."), code="phone_taken")
    else:
        phone = None
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except DjangoValidationError as error:
            raise ValidationFailed(_("Địa chỉ thư điện tử không hợp lệ."), code="email_invalid") from error
    user = User(
        kind=UserKind.OFFICIAL,
        username=username,
        full_name=full_name[:150],
        agency=agency,
        phone=phone,
        email=email,
        is_staff=Role.ADMINISTRATOR in roles,
    )
    if password:
        try:
            validate_password(password, user=user)
        except DjangoValidationError as error:
            raise ValidationFailed(" ".join(error.messages), code="password_invalid") from error
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    OfficialRole.objects.bulk_create([OfficialRole(user=user, role=role, agency=agency) for role in roles])
    audit_record(
        actor=actor,
        action="official.created",
        target=user,
        changes={
            "username": username,
            "agency": agency.code,
            "roles": roles,
            "phone": mask_phone(phone),
            "email": email,
        },
    )
    return user


def _forget_policy_cache(user: User) -> None:
    user.__dict__.pop("_policy_scope_cache", None)


@transaction.atomic
def official_role_grant(*, actor, user: User, role: str, agency) -> OfficialRole:
    """Give ``user`` (an official) ``role`` at ``agency``."""
    _require_administrator(actor, agency)
    (role,) = _clean_roles([role])
    if user.kind != UserKind.OFFICIAL:
        raise ValidationFailed(_("Chỉ cán bộ mới được cấp vai trò."), code="not_official")
    if OfficialRole.objects.filter(user=user, role=role, agency=agency).exists():
        raise Conflict(_("Cán bộ đã có vai trò này tại cơ quan này."), code="role_already_granted")
    grant = OfficialRole.objects.create(user=user, role=role, agency=agency)
    if role == Role.ADMINISTRATOR and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    _forget_policy_cache(user)
    audit_record(
        actor=actor,
        action="official.role_granted",
        target=user,
        changes={"role": role, "agency": agency.code},
    )
    return grant


@transaction.atomic
def official_role_revoke(*, actor, user: User, role: str, agency) -> None:
    """Take ``role`` at ``agency`` away from ``user``."""
    _require_administrator(actor, agency)
    grant = OfficialRole.objects.filter(user=user, role=role, agency=agency).first()
    if grant is None:
        raise NotFound(_("Cán bộ không có vai trò này tại cơ quan này."), code="role_not_found")
    grant.delete()
    if role == Role.ADMINISTRATOR and not user.is_superuser:
        still_admin = OfficialRole.objects.filter(user=user, role=Role.ADMINISTRATOR).exists()
        if not still_admin and user.is_staff:
            user.is_staff = False
            user.save(update_fields=["is_staff"])
    _forget_policy_cache(user)
    audit_record(
        actor=actor,
        action="official.role_revoked",
        target=user,
        changes={"role": role, "agency": agency.code},
    )


@transaction.atomic
def platform_administrator_create(*, actor, username: str, password: str, full_name: str = "") -> User:
    """Create a platform administrator (superuser, staff); only the system or another superuser may."""
    if actor is not SYSTEM and not (getattr(actor, "is_authenticated", False) and actor.is_superuser):
        raise PermissionDenied(_("Chỉ quản trị viên hệ thống mới được tạo quản trị viên hệ thống."))
    username = _clean_username(username)
    user = User(
        username=username,
        full_name=(full_name or "").strip(),
        kind=UserKind.OFFICIAL,
        is_staff=True,
        is_superuser=True,
    )
    try:
        validate_password(password, user)
    except DjangoValidationError as error:
        raise ValidationFailed(" ".join(error.messages), code="password_invalid") from error
    user.set_password(password)
    user.save()
    audit_record(
        actor=actor, action="platform_administrator.created", target=user, changes={"username": username}
    )
    return user


OFFICIAL_EDITABLE_FIELDS = {"full_name", "phone", "email", "agency", "is_active"}
SUPERUSER_ONLY_FIELDS = {"is_staff", "is_superuser"}


@transaction.atomic
def official_update(*, actor, user: User, changes: dict) -> User:
    """Change an account's details; the actor must administer the account's agency (and the new one).

    ``is_staff``/``is_superuser`` may be changed by superusers only. Audited with before/after values.
    """
    allowed = OFFICIAL_EDITABLE_FIELDS | (
        SUPERUSER_ONLY_FIELDS if getattr(actor, "is_superuser", False) else set()
    )
    refused = set(changes) - allowed
    if refused:
        raise PermissionDenied(
            _("Bạn không được thay đổi các trường: %(fields)s.") % {"fields": ", ".join(sorted(refused))}
        )
    _require_administrator(actor, user.agency)
    if "agency" in changes and changes["agency"] != user.agency:
        _require_administrator(actor, changes["agency"])
    if "phone" in changes:
        changes["phone"] = normalize_phone(changes["phone"]) if (changes["phone"] or "").strip() else None
        if changes["phone"] and User.objects.filter(phone=changes["phone"]).exclude(pk=user.pk).exists():
            raise Conflict(_("Số điện thoại này đã được dùng cho một tài khoản khác."), code="phone_taken")
    if changes.get("email"):
        try:
            validate_email(changes["email"])
        except DjangoValidationError as error:
            raise ValidationFailed(_("Địa chỉ thư điện tử không hợp lệ."), code="email_invalid") from error
    before = {field: getattr(user, field) for field in changes}
    for field, value in changes.items():
        setattr(user, field, value)
    changed = [field for field in changes if before[field] != getattr(user, field)]
    if not changed:
        return user
    user.save(update_fields=changed)

    def shown(field, value):
        if field == "agency":
            return value.code if value is not None else None
        return mask_phone(value) if field == "phone" and value else value

    audit_record(
        actor=actor,
        action="official.updated",
        target=user,
        changes={
            field: {"before": shown(field, before[field]), "after": shown(field, getattr(user, field))}
            for field in changed
        },
    )
    return user
