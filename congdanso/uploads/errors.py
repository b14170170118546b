"""Upload failures, each with its own HTTP status and stable error code."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from congdanso.core.errors import ApplicationError, ValidationFailed

BYTES_PER_KILOBYTE = 1024
BYTES_PER_MEGABYTE = 1024 * 1024


def _format_decimal(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return number_format(round(value, 1), decimal_pos=1, use_l10n=True)


def format_megabytes(size_in_bytes: int) -> str:
    """``10485760`` → ``"10"``; ``1572864`` → ``"1,5"`` (Vietnamese decimal comma)."""
    return _format_decimal(size_in_bytes / BYTES_PER_MEGABYTE)


class FileTooLarge(ApplicationError):
    status_code = 413
    default_code = "file_too_large"

    def __init__(self, max_bytes: int):
        if max_bytes >= BYTES_PER_MEGABYTE:
            message = _("Tệp quá lớn: tối đa %(limit)s MB.") % {"limit": format_megabytes(max_bytes)}
        else:
            message = _("Tệp quá lớn: tối đa %(limit)s KB.") % {
                "limit": _format_decimal(max_bytes / BYTES_PER_KILOBYTE)
            }
        super().__init__(message, details={"max_bytes": max_bytes})


class EmptyFile(ValidationFailed):
    default_code = "empty_file"

    def __init__(self):
        super().__init__(_("Tệp tải lên trống."))


class UnsupportedFileType(ApplicationError):
    status_code = 415
    default_code = "unsupported_file_type"


class ImageTooLarge(ApplicationError):
    """The picture has more pixels than we are willing to decode (decompression-bomb guard)."""

    status_code = 422
    default_code = "image_too_large"

    def __init__(self, max_pixels: int):
        super().__init__(
            _("Ảnh quá lớn: tối đa %(limit)s triệu điểm ảnh.")
            % {"limit": _format_decimal(max_pixels / 1_000_000)},
            details={"max_pixels": max_pixels},
        )
