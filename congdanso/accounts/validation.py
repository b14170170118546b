"""Vietnamese mobile numbers and citizen identity (căn cước) numbers: normalise, validate, mask.

Each failure raises ``ValidationFailed`` with a Vietnamese message and a stable ``code`` so forms and the
API can show it next to the right field.
"""

import re

from django.utils.translation import gettext_lazy as _

from congdanso.core.errors import ValidationFailed

# Three-digit mobile prefixes (after the leading 0) by carrier.
CARRIER_PREFIXES: dict[str, tuple[str, ...]] = {
    "Viettel": ("032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098"),
    "Vinaphone": ("081", "082", "083", "084", "085", "088", "091", "094"),
    "MobiFone": ("070", "076", "077", "078", "079", "089", "090", "093"),
    "Vietnamobile": ("052", "056", "058", "092"),
    "Gmobile": ("059", "099"),
    "Itelecom": ("087",),
    "Reddi": ("055",),
}
_PREFIX_TO_CARRIER = {
    prefix: carrier for carrier, prefixes in CARRIER_PREFIXES.items() for prefix in prefixes
}

# Birth-registration province codes of the 63 provinces (Circular 59/2021/TT-BCA), 001 Hà Nội … 096 Cà Mau.
NATIONAL_ID_PROVINCE_CODES = frozenset(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 "
    "038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 "
    "080 082 083 084 086 087 089 091 092 093 094 095 096".split()
)

_SEPARATORS = re.compile(r"[\s.\-()]")


def normalize_phone(value: str) -> str:
    """Return ``0`` + 9 digits for a valid Vietnamese mobile number, or raise ``ValidationFailed``."""
    raw = _SEPARATORS.sub("", str(value or ""))
    if not raw:
        raise ValidationFailed(_("Vui lòng nhập số điện thoại."), code="phone_required")
    if raw.startswith("+84"):
        national = "0" + raw[3:]
    elif raw.startswith("84") and len(raw) == 11:
        national = "0" + raw[2:]
    else:
        national = raw
    if not national.isdigit():
        raise ValidationFailed(_("Số điện thoại chỉ được chứa chữ số."), code="phone_invalid_characters")
    if not national.startswith("0") or len(national) != 10:
        raise ValidationFailed(
            _("Số điện thoại di động phải có 10 chữ số, bắt đầu bằng 0 (hoặc +84)."),
            code="phone_invalid_length",
        )
    if national[:3] not in _PREFIX_TO_CARRIER:
        raise ValidationFailed(
            _("Đầu số %(prefix)s không phải đầu số di động Việt Nam hợp lệ.") % {"prefix": national[:3]},
            code="phone_invalid_prefix",
        )
    return national


def phone_carrier(phone: str) -> str:
    """The carrier name of a normalised number (``""`` when unknown)."""
    return _PREFIX_TO_CARRIER.get(phone[:3], "")


def looks_like_phone(value: str) -> bool:
    try:
        normalize_phone(value)
    except ValidationFailed:
        return False
    return True


def normalize_national_id(value: str) -> str:
    """Return the 12-digit căn cước number, or raise ``ValidationFailed``."""
    raw = re.sub(r"\s", "", str(value or ""))
    if not raw:
        raise ValidationFailed(_("Vui lòng nhập số căn cước."), code="national_id_required")
    if not raw.isdigit():
        raise ValidationFailed(_("Số căn cước chỉ được chứa chữ số."), code="national_id_invalid_characters")
    if len(raw) != 12:
        raise ValidationFailed(_("Số căn cước phải có đúng 12 chữ số."), code="national_id_invalid_length")
    if raw[:3] not in NATIONAL_ID_PROVINCE_CODES:
        raise ValidationFailed(
            _("Mã tỉnh nơi đăng ký khai sinh %(code)s (3 chữ số đầu) không hợp lệ.") % {"code": raw[:3]},
            code="national_id_invalid_province",
        )
    return raw


def mask_national_id(value: str | None) -> str:
    """``020012345645`` → ``0200******45``: the province and gender/century digits and the last two stay."""
    if not value:
        return ""
    if len(value) <= 6:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 6) + value[-2:]


def mask_phone(value: str | None) -> str:
    """``0912345678`` → ``0912***678``."""
    if not value:
        return ""
    if len(value) < 7:
        return "*" * len(value)
    return value[:4] + "***" + value[-3:]
