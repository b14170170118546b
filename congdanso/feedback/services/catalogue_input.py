"""Checks of what an administrator writes into the catalogue: category fields, Open311 attribute definitions
and routing rules. Each check raises ``ValidationFailed`` with ``details={"field": ..., "message": ...}`` (the
field is a category or routing-rule field name, so forms can show the error next to it) and writes nothing.
"""

import re

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdanso.core.errors import ValidationFailed
from congdanso.feedback.services.submission_input import plain_text, refuse
from congdanso.places.selectors import agency_list, commune_list

CATEGORY_FIELDS = (
    "code",
    "name",
    "name_en",
    "description",
    "group",
    "keywords",
    "acknowledge_hours",
    "resolve_working_days",
    "attributes",
    "is_active",
    "position",
)
MAX_ACKNOWLEDGE_HOURS = 720  # 90 working days of 8 hours
MAX_RESOLVE_WORKING_DAYS = 365
MAX_POSITION = 32767
MAX_ATTRIBUTES = 20
MAX_ATTRIBUTE_VALUES = 50
ATTRIBUTE_DATATYPES = ("string", "number", "datetime", "text", "singlevaluelist", "multivaluelist")
LIST_DATATYPES = frozenset({"singlevaluelist", "multivaluelist"})
ATTRIBUTE_KEYS = frozenset(
    {"code", "datatype", "required", "order", "description", "datatype_description", "variable", "values"}
)
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+\Z")


def _whole_number(value, *, field: str, message, minimum: int, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise refuse(field, message, "invalid_number")
    return value


def _code(value) -> str:
    code = value.strip() if isinstance(value, str) else ""
    if not code:
        raise refuse("code", _("Vui lòng nhập mã lĩnh vực."), "required")
    if len(code) > 64 or not _SLUG.match(code):
        raise refuse(
            "code",
            _("Mã lĩnh vực chỉ gồm chữ không dấu, chữ số, dấu gạch ngang và gạch dưới (tối đa 64 ký tự)."),
            "invalid_code",
        )
    return code


def _boolean(value) -> bool:
    if not isinstance(value, bool):
        raise refuse("is_active", _("Trạng thái “đang dùng” phải là đúng hoặc sai."), "invalid_boolean")
    return value


_TEXT_FIELDS = {
    # field: (label, max length, required)
    "name": (gettext_lazy("Tên lĩnh vực"), 120, True),
    "name_en": (gettext_lazy("Tên tiếng Anh"), 120, False),
    "description": (gettext_lazy("Mô tả"), 2000, False),
    "group": (gettext_lazy("Nhóm"), 120, False),
    "keywords": (gettext_lazy("Từ khoá"), 300, False),
}


def category_input_clean(fields: dict) -> dict:
    """Checks and normalises any subset of a category's fields (``CATEGORY_FIELDS``)."""
    cleaned = {}
    for name, value in fields.items():
        if name in _TEXT_FIELDS:
            label, max_length, required = _TEXT_FIELDS[name]
            cleaned[name] = plain_text(
                value, field=name, label=str(label), max_length=max_length, required=required
            )
        elif name == "code":
            cleaned[name] = _code(value)
        elif name == "acknowledge_hours":
            cleaned[name] = _whole_number(
                value,
                field=name,
                message=_("Thời hạn tiếp nhận phải là số nguyên từ 1 đến %(max)s giờ làm việc.")
                % {"max": MAX_ACKNOWLEDGE_HOURS},
                minimum=1,
                maximum=MAX_ACKNOWLEDGE_HOURS,
            )
        elif name == "resolve_working_days":
            cleaned[name] = _whole_number(
                value,
                field=name,
                message=_("Thời hạn giải quyết phải là số nguyên từ 1 đến %(max)s ngày làm việc.")
                % {"max": MAX_RESOLVE_WORKING_DAYS},
                minimum=1,
                maximum=MAX_RESOLVE_WORKING_DAYS,
            )
        elif name == "position":
            cleaned[name] = _whole_number(
                value,
                field=name,
                message=_("Thứ tự phải là số nguyên từ 0 đến %(max)s.") % {"max": MAX_POSITION},
                minimum=0,
                maximum=MAX_POSITION,
            )
        elif name == "is_active":
            cleaned[name] = _boolean(value)
        elif name == "attributes":
            cleaned[name] = attribute_definitions_clean(value)
        else:
            raise refuse(name, _("Không sửa được trường “%(field)s”.") % {"field": name}, "unknown_field")
    return cleaned


def _bad_attributes(message) -> ValidationFailed:
    return refuse("attributes", message, "invalid_attributes")


def attribute_definitions_clean(value) -> list[dict]:
    """Open311 attribute definitions: a list of questions, each with a unique ``code`` and ``order``."""
    if not isinstance(value, list):
        raise _bad_attributes(_("Câu hỏi bổ sung phải là một danh sách JSON (dùng [] nếu không có câu hỏi)."))
    if len(value) > MAX_ATTRIBUTES:
        raise _bad_attributes(_("Tối đa %(max)s câu hỏi bổ sung.") % {"max": MAX_ATTRIBUTES})
    codes: set[str] = set()
    orders: set[int] = set()
    return [_attribute_clean(raw, number, codes, orders) for number, raw in enumerate(value, start=1)]


def _attribute_clean(raw, number: int, codes: set[str], orders: set[int]) -> dict:
    if not isinstance(raw, dict):
        raise _bad_attributes(_("Câu hỏi số %(number)s phải là một đối tượng JSON.") % {"number": number})
    unknown = sorted(str(key) for key in set(raw) - ATTRIBUTE_KEYS)
    if unknown:
        raise _bad_attributes(
            _("Câu hỏi số %(number)s có khoá không hợp lệ: %(keys)s.")
            % {"number": number, "keys": ", ".join(unknown)}
        )
    code = raw.get("code")
    if not isinstance(code, str) or not _SLUG.match(code) or len(code) > 64:
        raise _bad_attributes(
            _("Câu hỏi số %(number)s: “code” chỉ gồm chữ không dấu, chữ số, dấu gạch ngang và gạch dưới.")
            % {"number": number}
        )
    if code in codes:
        raise _bad_attributes(_("Mã câu hỏi “%(code)s” bị trùng.") % {"code": code})
    codes.add(code)
    datatype = raw.get("datatype")
    if datatype not in ATTRIBUTE_DATATYPES:
        raise _bad_attributes(
            _("Câu hỏi “%(code)s”: “datatype” phải là một trong %(types)s.")
            % {"code": code, "types": ", ".join(ATTRIBUTE_DATATYPES)}
        )
    for flag in ("required", "variable"):
        if flag in raw and not isinstance(raw[flag], bool):
            raise _bad_attributes(
                _("Câu hỏi “%(code)s”: “%(key)s” phải là true hoặc false.") % {"code": code, "key": flag}
            )
    if "required" not in raw:
        raise _bad_attributes(_("Câu hỏi “%(code)s”: thiếu “required” (true hoặc false).") % {"code": code})
    order = raw.get("order")
    if isinstance(order, bool) or not isinstance(order, int) or order < 1:
        raise _bad_attributes(_("Câu hỏi “%(code)s”: “order” phải là số nguyên dương.") % {"code": code})
    if order in orders:
        raise _bad_attributes(_("Thứ tự “order” %(order)s bị trùng giữa các câu hỏi.") % {"order": order})
    orders.add(order)
    cleaned = {
        "code": code,
        "datatype": datatype,
        "required": raw["required"],
        "order": order,
        "description": _attribute_text(raw.get("description"), code=code, key="description", required=True),
    }
    if "variable" in raw:
        cleaned["variable"] = raw["variable"]
    datatype_description = _attribute_text(
        raw.get("datatype_description"), code=code, key="datatype_description", required=False
    )
    if datatype_description:
        cleaned["datatype_description"] = datatype_description
    values = raw.get("values")
    if datatype in LIST_DATATYPES:
        cleaned["values"] = _attribute_values(values, code=code)
    elif values not in (None, []):
        raise _bad_attributes(
            _("Câu hỏi “%(code)s”: chỉ câu hỏi kiểu danh sách mới có “values”.") % {"code": code}
        )
    return cleaned


def _attribute_text(value, *, code: str, key: str, required: bool) -> str:
    if (value is not None and not isinstance(value, str)) or (required and not (value or "").strip()):
        raise _bad_attributes(
            _("Câu hỏi “%(code)s”: vui lòng nhập “%(key)s” (chữ).") % {"code": code, "key": key}
        )
    try:
        return plain_text(value, field="attributes", label=key, max_length=300, required=required)
    except ValidationFailed as error:
        raise _bad_attributes(
            _("Câu hỏi “%(code)s”: %(problem)s") % {"code": code, "problem": error.message}
        ) from None


def _attribute_values(values, *, code: str) -> list[dict]:
    if not isinstance(values, list) or not values or len(values) > MAX_ATTRIBUTE_VALUES:
        raise _bad_attributes(
            _("Câu hỏi “%(code)s”: “values” phải là danh sách từ 1 đến %(max)s lựa chọn {key, name}.")
            % {"code": code, "max": MAX_ATTRIBUTE_VALUES}
        )
    keys: set[str] = set()
    cleaned = []
    for item in values:
        if (
            not isinstance(item, dict)
            or set(item) != {"key", "name"}
            or not all(isinstance(item[part], str) and item[part].strip() for part in ("key", "name"))
        ):
            raise _bad_attributes(
                _("Câu hỏi “%(code)s”: mỗi lựa chọn phải có đúng “key” và “name” (chữ, không rỗng).")
                % {"code": code}
            )
        key = item["key"].strip()
        if key in keys:
            raise _bad_attributes(
                _("Câu hỏi “%(code)s”: lựa chọn “%(key)s” bị trùng.") % {"code": code, "key": key}
            )
        keys.add(key)
        name = _attribute_text(item["name"], code=code, key="name", required=True)
        cleaned.append({"key": key, "name": name})
    return cleaned


def routing_rule_input_clean(*, category, commune, agency) -> None:
    """A rule's agency is active and, for a commune of the province, an agency of the same province."""
    if category is not None and category.pk is None:
        raise refuse("category", _("Lĩnh vực chưa được lưu."), "invalid_category")
    if agency is None or agency.pk is None:
        raise refuse("agency", _("Vui lòng chọn cơ quan xử lý."), "required")
    current = agency_list(ids=[agency.pk], active_only=False).first()
    if current is None:
        raise refuse("agency", _("Không tìm thấy cơ quan xử lý."), "invalid_agency")
    if not current.is_active:
        raise refuse(
            "agency", _("Cơ quan “%(agency)s” đã ngừng hoạt động.") % {"agency": current}, "agency_inactive"
        )
    if commune is None:
        return
    province_code = settings.PROVINCE_CODE
    if commune.pk is None or not commune_list(province_code).filter(pk=commune.pk).exists():
        raise refuse(
            "commune",
            _("“%(commune)s” không phải xã/phường/đặc khu của tỉnh.") % {"commune": commune},
            "commune_outside_province",
        )
    if not agency_list(ids=[agency.pk], province_code=province_code, active_only=False).exists():
        raise refuse(
            "agency",
            _("Cơ quan “%(agency)s” không thuộc cùng tỉnh với “%(commune)s”.")
            % {"agency": current, "commune": commune},
            "agency_outside_province",
        )
