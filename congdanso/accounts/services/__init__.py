"""Every write of the accounts app. Other apps import from here."""

from congdanso.accounts.services.citizens import (
    citizen_create_verified,
    citizen_otp_resend,
    citizen_password_reset_confirm,
    citizen_password_reset_request,
    citizen_register,
    citizen_verify_phone,
)
from congdanso.accounts.services.login_guard import (
    login_check_allowed,
    login_failure_record,
    login_failures_reset,
)
from congdanso.accounts.services.officials import (
    SYSTEM,
    official_create,
    official_role_grant,
    official_role_revoke,
    official_update,
    platform_administrator_create,
)
from congdanso.accounts.services.otp import otp_issue, otp_verify
from congdanso.accounts.services.tokens import api_token_authenticate, api_token_issue, api_token_revoke

__all__ = [
    "SYSTEM",
    "api_token_authenticate",
    "api_token_issue",
    "api_token_revoke",
    "citizen_create_verified",
    "citizen_otp_resend",
    "citizen_password_reset_confirm",
    "citizen_password_reset_request",
    "citizen_register",
    "citizen_verify_phone",
    "login_check_allowed",
    "login_failure_record",
    "login_failures_reset",
    "official_create",
    "official_role_grant",
    "official_role_revoke",
    "official_update",
    "otp_issue",
    "platform_administrator_create",
    "otp_verify",
]
