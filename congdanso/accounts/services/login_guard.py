"""Sign-in failure counting and lockout, kept in the Django cache.

Failures are counted per identifier (normalised phone or lower-cased username) and per client IP. At
``LOGIN_MAX_FAILURES`` the identifier is locked for ``LOGIN_LOCKOUT_SECONDS``; at
``LOGIN_MAX_FAILURES_PER_IP`` the IP is. While locked even a correct password is refused.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from congdanso.accounts.validation import looks_like_phone, mask_phone, normalize_phone
from congdanso.audit.services import audit_record
from congdanso.core.errors import RateLimited


def normalize_identifier(identifier: str) -> str:
    value = (identifier or "").strip()
    return normalize_phone(value) if looks_like_phone(value) else value.lower()


def _key(kind: str, value: str) -> str:
    return f"accounts:login:{kind}:" + hashlib.sha256(value.encode()).hexdigest()


def lockout_error() -> RateLimited:
    minutes = max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)
    return RateLimited(
        _(
            "Tài khoản tạm thời bị khóa do đăng nhập sai quá nhiều lần. "
            "Vui lòng thử lại sau %(minutes)s phút hoặc đặt lại mật khẩu."
        )
        % {"minutes": minutes},
        code="login_locked",
    )


def login_check_allowed(*, identifier: str, ip: str = "") -> None:
    """Raise ``RateLimited`` when the identifier or the IP is locked."""
    if cache.get(_key("lock", normalize_identifier(identifier))):
        raise lockout_error()
    if ip and cache.get(_key("iplock", ip)):
        raise lockout_error()


def _increment(key: str, timeout: int) -> int:
    if cache.add(key, 1, timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
        return 1


def login_failure_record(*, identifier: str, ip: str = "") -> bool:
    """Count one failure; returns True when this failure locked the identifier (and audits the lockout)."""
    value = normalize_identifier(identifier)
    window = settings.LOGIN_LOCKOUT_SECONDS
    failures = _increment(_key("fail", value), window)
    locked = False
    if failures >= settings.LOGIN_MAX_FAILURES:
        cache.set(_key("lock", value), 1, settings.LOGIN_LOCKOUT_SECONDS)
        cache.delete(_key("fail", value))
        locked = True
    if ip:
        ip_failures = _increment(_key("ipfail", ip), window)
        if ip_failures >= settings.LOGIN_MAX_FAILURES_PER_IP:
            cache.set(_key("iplock", ip), 1, settings.LOGIN_LOCKOUT_SECONDS)
            cache.delete(_key("ipfail", ip))
    if locked:
        shown = mask_phone(value) if looks_like_phone(value) else value
        with transaction.atomic():
            audit_record(
                action="auth.login_locked",
                object_type="accounts.login",
                object_id=shown[:64],
                changes={"identifier": shown, "ip": ip, "lockout_seconds": settings.LOGIN_LOCKOUT_SECONDS},
            )
    return locked


def login_failures_reset(*, identifier: str) -> None:
    """Forget failures and any lock for the identifier (after a successful sign-in or password reset)."""
    value = normalize_identifier(identifier)
    cache.delete_many([_key("fail", value), _key("lock", value)])
