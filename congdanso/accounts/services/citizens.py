"""Citizens: register with a mobile number, confirm it by SMS code, reset a forgotten password."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congdanso.accounts.models import OtpPurpose, User, UserKind
from congdanso.accounts.services.login_guard import login_failures_reset
from congdanso.accounts.services.otp import otp_issue, otp_verify
from congdanso.accounts.validation import mask_national_id, mask_phone, normalize_national_id, normalize_phone
from congdanso.audit.services import audit_record
from congdanso.core.errors import Conflict, NotFound, ValidationFailed


def _check_password(password: str, *, user: User, field: str = "password1") -> None:
    try:
        validate_password(password, user=user)
    except DjangoValidationError as error:
        raise ValidationFailed(
            " ".join(error.messages),
            code="password_invalid",
            details={"field": field, "messages": error.messages},
        ) from error


def _clean_identity(*, phone: str, national_id: str | None) -> tuple[str, str | None]:
    phone = normalize_phone(phone)
    national_id = normalize_national_id(national_id) if (national_id or "").strip() else None
    existing = User.objects.filter(phone=phone).first() or User.objects.filter(username=phone).first()
    if existing is not None:
        if existing.kind == UserKind.CITIZEN and existing.phone_verified_at is None:
            raise Conflict(
                _("Số điện thoại này đã đăng ký nhưng chưa xác thực. Vui lòng nhập mã hoặc gửi lại mã."),
                code="phone_unverified",
                details={"field": "phone"},
            )
        raise Conflict(
            _("Số điện thoại này đã được dùng cho một tài khoản khác."),
            code="phone_taken",
            details={"field": "phone"},
        )
    if national_id and User.objects.filter(national_id=national_id).exists():
        raise Conflict(
            _("Số căn cước này đã được dùng cho một tài khoản khác."),
            code="national_id_taken",
            details={"field": "national_id"},
        )
    return phone, national_id


@transaction.atomic
def citizen_register(
    *, phone: str, password: str, full_name: str = "", national_id: str | None = None
) -> User:
    """Create an inactive citizen and send a code to confirm the phone; the account opens once confirmed."""
    phone, national_id = _clean_identity(phone=phone, national_id=national_id)
    full_name = (full_name or "").strip()[:150]
    user = User(
        kind=UserKind.CITIZEN, username=phone, phone=phone, full_name=full_name, national_id=national_id
    )
    user.is_active = False
    _check_password(password, user=user)
    user.set_password(password)
    user.save()
    audit_record(
        actor=None,
        action="user.registered",
        target=user,
        changes={
            "kind": UserKind.CITIZEN,
            "phone": mask_phone(phone),
            "national_id": mask_national_id(national_id),
            "full_name": full_name,
        },
    )
    otp_issue(phone=phone, purpose=OtpPurpose.REGISTER)
    return user


def _pending_citizen(phone: str) -> User:
    user = User.objects.filter(phone=phone, kind=UserKind.CITIZEN).first()
    if user is None:
        raise NotFound(_("Không tìm thấy tài khoản đăng ký với số điện thoại này."), code="account_not_found")
    if user.phone_verified_at is not None:
        raise Conflict(
            _("Số điện thoại này đã được xác thực. Bạn có thể đăng nhập."), code="phone_already_verified"
        )
    return user


def citizen_verify_phone(*, phone: str, code: str) -> User:
    """Check the registration code; on success the phone is verified and the account becomes active."""
    phone = normalize_phone(phone)
    _pending_citizen(phone)
    otp_verify(phone=phone, purpose=OtpPurpose.REGISTER, code=code)  # own transaction: attempts must stick
    with transaction.atomic():
        user = User.objects.select_for_update().get(phone=phone, kind=UserKind.CITIZEN)
        user.phone_verified_at = timezone.now()
        user.is_active = True
        user.save(update_fields=["phone_verified_at", "is_active"])
        audit_record(
            actor=user, action="user.phone_verified", target=user, changes={"is_active": [False, True]}
        )
    return user


def citizen_otp_resend(*, phone: str, purpose: str = OtpPurpose.REGISTER) -> None:
    """Send a new code. For an unknown number nothing is sent and no error is shown (no account probing)."""
    phone = normalize_phone(phone)
    if purpose == OtpPurpose.REGISTER:
        if not User.objects.filter(
            phone=phone, kind=UserKind.CITIZEN, phone_verified_at__isnull=True
        ).exists():
            return
    elif purpose == OtpPurpose.PASSWORD_RESET:
        if not User.objects.filter(
            phone=phone, kind=UserKind.CITIZEN, phone_verified_at__isnull=False
        ).exists():
            return
    else:
        raise ValidationFailed(_("Mục đích mã xác thực không hợp lệ."), code="otp_invalid_purpose")
    otp_issue(phone=phone, purpose=purpose)


def citizen_password_reset_request(*, phone: str) -> None:
    """Send a password-reset code to a verified citizen's phone (silently nothing for unknown numbers)."""
    citizen_otp_resend(phone=phone, purpose=OtpPurpose.PASSWORD_RESET)


def citizen_password_reset_confirm(*, phone: str, code: str, new_password: str) -> User:
    """Set a new password after checking the reset code; also lifts a login lockout on that number."""
    phone = normalize_phone(phone)
    user = User.objects.filter(phone=phone, kind=UserKind.CITIZEN, phone_verified_at__isnull=False).first()
    if user is None:
        raise ValidationFailed(_("Mã xác thực không đúng hoặc đã hết hạn."), code="otp_missing")
    _check_password(new_password, user=user)
    otp_verify(phone=phone, purpose=OtpPurpose.PASSWORD_RESET, code=code)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        user.set_password(new_password)
        user.save(update_fields=["password"])
        audit_record(actor=user, action="user.password_reset", target=user, changes={"via": "sms_otp"})
    login_failures_reset(identifier=phone)
    return user


@transaction.atomic
def citizen_create_verified(
    *, phone: str, password: str, full_name: str = "", national_id: str | None = None
) -> User:
    """Create an active citizen whose phone is already verified (demo data and operator tooling)."""
    phone, national_id = _clean_identity(phone=phone, national_id=national_id)
    user = User(
        kind=UserKind.CITIZEN,
        username=phone,
        phone=phone,
        full_name=(full_name or "").strip()[:150],
        national_id=national_id,
        phone_verified_at=timezone.now(),
        is_active=True,
    )
    user.set_password(password)
    user.save()
    audit_record(
        action="user.created",
        target=user,
        changes={
            "kind": UserKind.CITIZEN,
            "phone": mask_phone(phone),
            "national_id": mask_national_id(national_id),
        },
    )
    return user
