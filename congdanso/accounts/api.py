"""API endpoints of this app (mounted in congdanso/api.py at ``/api/v1/accounts``)."""

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Router, Status

from congdanso.accounts import selectors, services
from congdanso.accounts.api_auth import session_or_token
from congdanso.accounts.schemas import (
    DetailOut,
    MeOut,
    OtpResendIn,
    RegisterIn,
    RegisterOut,
    RoleOut,
    TokenIn,
    TokenIssuedOut,
    TokenOut,
    VerifyPhoneIn,
)
from congdanso.accounts.validation import mask_national_id
from congdanso.core.api_errors import ErrorOut

router = Router(tags=["Tài khoản"])

_ERRORS = {400: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut}
_AUTH_ERRORS = {401: ErrorOut, 403: ErrorOut}


@router.post(
    "/register",
    response={201: RegisterOut, **_ERRORS},
    operation_id="accounts_register",
    summary="Đăng ký tài khoản công dân (gửi mã xác thực qua SMS)",
)
def register(request, payload: RegisterIn):
    """Đăng ký công dân bằng số điện thoại; một mã xác thực được gửi qua SMS."""
    user = services.citizen_register(
        phone=payload.phone,
        password=payload.password,
        full_name=payload.full_name,
        national_id=payload.national_id,
    )
    return Status(
        201,
        {
            "phone": user.phone,
            "otp_expires_in": settings.OTP_TTL_SECONDS,
            "detail": _("Đã gửi mã xác thực tới số điện thoại của bạn."),
        },
    )


@router.post(
    "/verify-phone",
    response={200: MeOut, 404: ErrorOut, **_ERRORS},
    operation_id="accounts_verify_phone",
    summary="Xác thực số điện thoại bằng mã OTP",
)
def verify_phone(request, payload: VerifyPhoneIn):
    """Xác thực số điện thoại bằng mã 6 chữ số; tài khoản được kích hoạt."""
    user = services.citizen_verify_phone(phone=payload.phone, code=payload.code)
    return _me(user)


@router.post(
    "/otp/resend",
    response={202: DetailOut, **_ERRORS},
    operation_id="accounts_otp_resend",
    summary="Gửi lại mã xác thực",
)
def otp_resend(request, payload: OtpResendIn):
    """Gửi lại mã xác thực (giới hạn tần suất). Số chưa đăng ký không nhận tin và không báo lỗi."""
    services.citizen_otp_resend(phone=payload.phone, purpose=payload.purpose)
    return Status(202, {"detail": _("Nếu số điện thoại hợp lệ, mã xác thực mới đã được gửi.")})


def _me(user) -> dict:
    return {
        "id": str(user.pk),
        "kind": user.kind,
        "username": user.username,
        "full_name": user.full_name,
        "phone": user.phone,
        "phone_verified": user.phone_verified_at is not None,
        "national_id_masked": mask_national_id(user.national_id),
        "agency_code": user.agency.code if user.agency_id else None,
        "roles": [
            RoleOut(
                role=grant.role,
                role_label=str(grant.get_role_display()),
                agency_code=grant.agency.code,
                agency_name=grant.agency.name,
            )
            for grant in selectors.user_roles(user)
        ],
    }


@router.get(
    "/me",
    response={200: MeOut, **_AUTH_ERRORS},
    auth=session_or_token,
    operation_id="accounts_me",
    summary="Thông tin tài khoản của tôi",
)
def me(request):
    """Người dùng đang đăng nhập, kèm vai trò (nếu là cán bộ)."""
    return _me(request.user)


@router.get(
    "/tokens",
    response={200: list[TokenOut], **_AUTH_ERRORS},
    auth=session_or_token,
    operation_id="accounts_tokens_list",
    summary="Các mã truy cập API của tôi",
)
def tokens_list(request):
    """Các mã truy cập API của chính bạn."""
    return list(selectors.api_tokens_of(request.user))


@router.post(
    "/tokens",
    response={201: TokenIssuedOut, **_AUTH_ERRORS, **_ERRORS},
    auth=session_or_token,
    operation_id="accounts_tokens_issue",
    summary="Tạo mã truy cập API (chỉ hiện một lần)",
)
def tokens_issue(request, payload: TokenIn):
    """Tạo mã truy cập API; mã đầy đủ chỉ hiện một lần trong phản hồi này."""
    token, clear = services.api_token_issue(user=request.user, name=payload.name)
    return Status(201, {**TokenOut.model_validate(token).model_dump(), "token": clear})


@router.delete(
    "/tokens/{token_id}",
    response={204: None, 404: ErrorOut, 409: ErrorOut, **_AUTH_ERRORS},
    auth=session_or_token,
    operation_id="accounts_tokens_revoke",
    summary="Thu hồi mã truy cập API",
)
def tokens_revoke(request, token_id: int):
    """Thu hồi một mã truy cập của chính bạn."""
    services.api_token_revoke(actor=request.user, token_id=token_id)
    return Status(204, None)
