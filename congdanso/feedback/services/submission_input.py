"""Checks of what a citizen (or an Open311 client) submits: plain text, location, attributes, contact.

Every check raises ``ValidationFailed`` with ``details={"field": ..., "message": ...}`` and writes nothing.
"""

import math
import re

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from congdanso.core.errors import ValidationFailed

TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 4000
ADDRESS_MAX_LENGTH = 300
ATTRIBUTE_MAX_LENGTH = 500
# Lạng Sơn (province 20): used only when no commune boundaries are imported.
PROVINCE_BBOXES = {20: (21.30, 22.50, 106.05, 107.40)}  # south, north, west, east

# A tag, a comment, a doctype or an HTML entity: ``<b>``, ``</script>``, ``<!-- -->``, ``&lt;``. A lone "<"
# as in "nhiệt độ < 5" is plain text and allowed.
_MARKUP = re.compile(r"<\s*[/!?]?\s*[a-zA-Z][^>]*>|<!--|&#?[a-zA-Z0-9]+;|javascript\s*:", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def refuse(field: str, message, code: str) -> ValidationFailed:
    return ValidationFailed(message, code=code, details={"field": field, "message": str(message)})


def plain_text(value, *, field: str, label: str, max_length: int, required: bool = True) -> str:
    """``value`` stripped; refuses missing (when required), too long, HTML/script or control characters."""
    if value is not None and not isinstance(value, str):
        raise refuse(field, _("%(label)s không hợp lệ.") % {"label": label}, "invalid_text")
    text = (value or "").strip()
    if required and not text:
        raise refuse(field, _("Vui lòng nhập %(label)s.") % {"label": label.lower()}, "required")
    if len(text) > max_length:
        raise refuse(
            field, _("%(label)s dài quá %(max)s ký tự.") % {"label": label, "max": max_length}, "too_long"
        )
    if _MARKUP.search(text):
        raise refuse(field, _("Nội dung không được chứa mã HTML."), "html_not_allowed")
    if _CONTROL.search(text):
        raise refuse(field, _("%(label)s chứa ký tự không hợp lệ.") % {"label": label}, "invalid_text")
    return text


def coordinates(latitude, longitude) -> tuple[float, float] | None:
    """Both or neither; finite numbers in WGS84 range."""
    if latitude is None and longitude is None:
        return None
    if latitude is None or longitude is None:
        field = "longitude" if longitude is None else "latitude"
        raise refuse(field, _("Cần cả vĩ độ và kinh độ của vị trí."), "location_incomplete")
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        raise refuse("latitude", _("Toạ độ không hợp lệ."), "invalid_coordinates") from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise refuse("latitude", _("Toạ độ không hợp lệ."), "invalid_coordinates")
    return lat, lon


def out_of_province() -> ValidationFailed:
    return refuse("latitude", _("Vị trí đã chọn nằm ngoài địa bàn tỉnh."), "out_of_province")


def inside_province_bbox(latitude: float, longitude: float) -> bool:
    south, north, west, east = PROVINCE_BBOXES.get(settings.PROVINCE_CODE, (-90, 90, -180, 180))
    return south <= latitude <= north and west <= longitude <= east


def attributes_clean(definitions: list, values: dict | None) -> dict:
    """Open311 attributes: known codes only, list values among the keys, required ones present."""
    values = values or {}
    if not isinstance(values, dict):
        raise refuse("attributes", _("Thông tin bổ sung không hợp lệ."), "invalid_attributes")
    cleaned = {}
    for definition in definitions or []:
        code = definition.get("code")
        value = values.get(code)
        empty = value in (None, "", [])
        if empty:
            if definition.get("required"):
                raise refuse(
                    f"attributes.{code}",
                    _("Vui lòng trả lời: %(question)s.") % {"question": definition.get("description", code)},
                    "attribute_required",
                )
            continue
        keys = {str(item.get("key")) for item in definition.get("values", [])}
        datatype = definition.get("datatype", "string")
        if datatype == "singlevaluelist":
            if isinstance(value, list | tuple) and len(value) == 1:
                value = value[0]
            if str(value) not in keys:
                raise _bad_attribute(code)
            cleaned[code] = str(value)
        elif datatype == "multivaluelist":
            items = [str(item) for item in (value if isinstance(value, list | tuple) else [value])]
            if not set(items) <= keys:
                raise _bad_attribute(code)
            cleaned[code] = items
        elif datatype == "number":
            try:
                number = float(value)
            except (TypeError, ValueError):
                raise _bad_attribute(code) from None
            if not math.isfinite(number):
                raise _bad_attribute(code)
            cleaned[code] = number
        else:
            label = str(definition.get("description") or code)
            cleaned[code] = plain_text(
                str(value), field=f"attributes.{code}", label=label, max_length=ATTRIBUTE_MAX_LENGTH
            )
    return cleaned


def _bad_attribute(code: str) -> ValidationFailed:
    return refuse(
        f"attributes.{code}", _("Giá trị “%(code)s” không hợp lệ.") % {"code": code}, "invalid_attribute"
    )


def contact_clean(contact: dict | None) -> dict:
    """Contact of someone without an account (Open311): name, email, phone; never shown publicly."""
    contact = contact or {}
    name = plain_text(
        contact.get("name", ""), field="contact.name", label=_("Tên liên hệ"), max_length=150, required=False
    )
    email = (contact.get("email") or "").strip()
    if email:
        try:
            validate_email(email)
        except DjangoValidationError:
            raise refuse("contact.email", _("Địa chỉ thư điện tử không hợp lệ."), "invalid_email") from None
    phone = re.sub(r"[\s.\-()]", "", contact.get("phone") or "")
    if phone and not re.fullmatch(r"\+?\d{6,15}", phone):
        raise refuse("contact.phone", _("Số điện thoại không hợp lệ."), "invalid_phone")
    return {"contact_name": name, "contact_email": email, "contact_phone": phone[:20]}


def media_url_clean(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(value)
    except DjangoValidationError:
        raise refuse("media_url", _("Đường dẫn ảnh không hợp lệ."), "invalid_media_url") from None
    if len(value) > 500:
        raise refuse("media_url", _("Đường dẫn ảnh quá dài."), "invalid_media_url")
    return value
