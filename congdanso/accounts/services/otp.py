"""One-time codes sent by SMS: issue (with resend throttling) and verify (expiry, reuse, attempts)."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from congdanso.accounts.models import OneTimeCode, OtpPurpose
from congdanso.accounts.validation import mask_phone, normalize_phone
from congdanso.audit.services import audit_record
from congdanso.core.errors import ApplicationError, RateLimited, ValidationFailed
from congdanso.notifications.sms_backends import SmsDeliveryError, send_sms


def _code_hash(*, phone: str, purpose: str, code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"otp:{purpose}:{phone}:{code}".encode(), hashlib.sha256).hexdigest()


def _check_resend_allowed(*, phone: str, purpose: str, now) -> None:
    recent = OneTimeCode.objects.filter(phone=phone, purpose=purpose, created_at__gt=now - timedelta(hours=1))
    latest = recent.order_by("-created_at").first()
    interval = settings.OTP_RESEND_INTERVAL_SECONDS
    if latest is not None and (now - latest.created_at).total_seconds() < interval:
        wait = interval - int((now - latest.created_at).total_seconds())
        raise RateLimited(
            _("Vui lòng đợi %(seconds)s giây trước khi yêu cầu gửi lại mã.") % {"seconds": wait},
            code="otp_resend_too_soon",
            details={"retry_after": wait},
        )
    if recent.count() >= settings.OTP_MAX_PER_HOUR:
        raise RateLimited(
            _("Bạn đã yêu cầu quá nhiều mã xác thực trong một giờ. Vui lòng thử lại sau."),
            code="otp_hourly_limit",
        )


@transaction.atomic
def otp_issue(*, phone: str, purpose: str) -> OneTimeCode:
    """Create a fresh 6-digit code for ``phone`` and ``purpose`` and send it by SMS (earlier codes lapse)."""
    phone = normalize_phone(phone)
    if purpose not in OtpPurpose.values:
        raise ValidationFailed(_("Mục đích mã xác thực không hợp lệ."), code="otp_invalid_purpose")
    now = timezone.now()
    _check_resend_allowed(phone=phone, purpose=purpose, now=now)
    code = f"{secrets.randbelow(1_000_000):06d}"
    ttl = settings.OTP_TTL_SECONDS
    otp = OneTimeCode.objects.create(
        phone=phone,
        purpose=purpose,
        code_hash=_code_hash(phone=phone, purpose=purpose, code=code),
        created_at=now,
        expires_at=now + timedelta(seconds=ttl),
    )
    audit_record(action="otp.issued", target=otp, changes={"purpose": purpose, "phone": mask_phone(phone)})
    minutes = max(1, ttl // 60)
    text = _("Mã xác thực Công dân số của bạn là %(code)s. Mã có hiệu lực trong %(minutes)s phút.") % {
        "code": code,
        "minutes": minutes,
    }
    try:
        send_sms(phone, text)
    except SmsDeliveryError as error:
        raise ApplicationError(
            _("Không gửi được tin nhắn mã xác thực. Vui lòng thử lại sau ít phút."), code="sms_failed"
        ) from error
    return otp


def otp_verify(*, phone: str, purpose: str, code: str) -> OneTimeCode:
    """Check ``code`` against the latest code for ``phone``/``purpose`` and mark it used.

    A wrong code counts an attempt (kept even though an error is raised); at ``OTP_MAX_ATTEMPTS`` the
    code locks and a new one must be requested. Call it inside the caller's transaction only when the
    caller's failure should not roll the attempt count back: it opens its own atomic block.
    """
    phone = normalize_phone(phone)
    code = (code or "").strip()
    if not (len(code) == 6 and code.isdigit()):
        raise ValidationFailed(_("Mã xác thực gồm 6 chữ số."), code="otp_format")
    error: ApplicationError | None = None
    with transaction.atomic():
        otp = (
            OneTimeCode.objects.select_for_update()
            .filter(phone=phone, purpose=purpose)
            .order_by("-created_at", "-id")
            .first()
        )
        now = timezone.now()
        if otp is None:
            error = ValidationFailed(
                _("Chưa có mã xác thực nào được gửi tới số này. Vui lòng yêu cầu gửi mã."), code="otp_missing"
            )
        elif otp.used_at is not None:
            error = ValidationFailed(
                _("Mã xác thực này đã được sử dụng. Vui lòng yêu cầu mã mới."), code="otp_used"
            )
        elif otp.locked_at is not None:
            error = RateLimited(
                _("Bạn đã nhập sai mã quá số lần cho phép. Vui lòng yêu cầu mã mới."), code="otp_locked"
            )
        elif now >= otp.expires_at:
            error = ValidationFailed(
                _("Mã xác thực đã hết hạn. Vui lòng yêu cầu mã mới."), code="otp_expired"
            )
        elif not hmac.compare_digest(otp.code_hash, _code_hash(phone=phone, purpose=purpose, code=code)):
            OneTimeCode.objects.filter(pk=otp.pk).update(attempts=F("attempts") + 1)
            otp.refresh_from_db(fields=["attempts"])
            remaining = settings.OTP_MAX_ATTEMPTS - otp.attempts
            if remaining <= 0:
                otp.locked_at = now
                otp.save(update_fields=["locked_at"])
                audit_record(action="otp.locked", target=otp, changes={"purpose": purpose})
                error = RateLimited(
                    _("Bạn đã nhập sai mã quá số lần cho phép. Vui lòng yêu cầu mã mới."), code="otp_locked"
                )
            else:
                error = ValidationFailed(
                    _("Mã xác thực không đúng. Bạn còn %(remaining)s lần thử.") % {"remaining": remaining},
                    code="otp_wrong",
                    details={"remaining_attempts": remaining},
                )
        else:
            otp.used_at = now
            otp.save(update_fields=["used_at"])
            audit_record(action="otp.verified", target=otp, changes={"purpose": purpose})
    if error is not None:
        raise error
    return otp
