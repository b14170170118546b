"""The domain error hierarchy. Services raise these; ``core.api_errors`` renders them in one JSON shape.

Messages are written in Vietnamese (the default language) and translated to English through gettext.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """A failure the caller can act on: a stable ``code``, a human ``message`` and optional ``details``."""

    status_code = 400
    default_code = "invalid"
    default_message = _("Yêu cầu không hợp lệ.")

    def __init__(self, message: Any = None, *, code: str | None = None, details: Any = None):
        self.message = message if message is not None else self.default_message
        self.code = code or self.default_code
        self.details = details
        super().__init__(str(self.message))


class ValidationFailed(ApplicationError):
    status_code = 422
    default_code = "validation_error"
    default_message = _("Dữ liệu gửi lên không hợp lệ.")


class NotFound(ApplicationError):
    status_code = 404
    default_code = "not_found"
    default_message = _("Không tìm thấy.")


class NotAuthenticated(ApplicationError):
    status_code = 401
    default_code = "not_authenticated"
    default_message = _("Bạn cần đăng nhập.")


class PermissionDenied(ApplicationError):
    status_code = 403
    default_code = "permission_denied"
    default_message = _("Bạn không có quyền thực hiện thao tác này.")


class Conflict(ApplicationError):
    status_code = 409
    default_code = "conflict"
    default_message = _("Thao tác xung đột với trạng thái hiện tại.")


class RateLimited(ApplicationError):
    status_code = 429
    default_code = "rate_limited"
    default_message = _("Bạn thao tác quá nhiều lần. Vui lòng thử lại sau.")
