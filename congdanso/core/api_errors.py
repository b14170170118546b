"""One JSON error shape for every API error: ``{"code": ..., "message": ..., "details": ...}``."""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled, ValidationError

from congdanso.core.errors import ApplicationError

logger = logging.getLogger(__name__)


class ErrorOut(Schema):
    """The error envelope every endpoint returns on failure."""

    code: str
    message: str
    details: dict | list | None = None


def error_response(api: NinjaAPI, request, *, status: int, code: str, message, details=None):
    return api.create_response(
        request, {"code": code, "message": str(message), "details": details}, status=status
    )


def _validation_details(errors: list[dict]) -> list[dict]:
    details = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ())]
        details.append(
            {"field": ".".join(location), "type": error.get("type", ""), "message": error.get("msg", "")}
        )
    return details


def install_error_handlers(api: NinjaAPI) -> None:
    def on_application_error(request, exc: ApplicationError):
        return error_response(
            api, request, status=exc.status_code, code=exc.code, message=exc.message, details=exc.details
        )

    def on_validation_error(request, exc: ValidationError):
        return error_response(
            api,
            request,
            status=422,
            code="validation_error",
            message=_("Dữ liệu gửi lên không hợp lệ."),
            details=_validation_details(exc.errors),
        )

    def on_not_found(request, exc):
        return error_response(api, request, status=404, code="not_found", message=_("Không tìm thấy."))

    def on_permission_denied(request, exc):
        return error_response(
            api,
            request,
            status=403,
            code="permission_denied",
            message=_("Bạn không có quyền thực hiện thao tác này."),
        )

    def on_http_error(request, exc: HttpError):
        if isinstance(exc, Throttled):
            return error_response(
                api,
                request,
                status=429,
                code="rate_limited",
                message=_("Bạn thao tác quá nhiều lần. Vui lòng thử lại sau."),
            )
        if isinstance(exc, AuthenticationError):
            return error_response(
                api, request, status=401, code="not_authenticated", message=_("Bạn cần đăng nhập.")
            )
        if isinstance(exc, AuthorizationError):
            return on_permission_denied(request, exc)
        if exc.status_code == 400:
            return error_response(
                api, request, status=400, code="bad_request", message=_("Yêu cầu không đúng định dạng.")
            )
        return error_response(api, request, status=exc.status_code, code="http_error", message=str(exc))

    def on_unexpected(request, exc: Exception):
        logger.exception("Unhandled API error", exc_info=exc)
        return error_response(
            api,
            request,
            status=500,
            code="server_error",
            message=_("Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau."),
        )

    api.add_exception_handler(ApplicationError, on_application_error)
    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(DjangoPermissionDenied, on_permission_denied)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Exception, on_unexpected)
