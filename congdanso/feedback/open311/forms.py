"""Arguments of POST Service Request (application/x-www-form-urlencoded), turned into ``feedback_submit``
keyword arguments. Shape checks live here (HTTP 400); content checks are the submission service's."""

import re

from django.conf import settings
from django.utils.translation import gettext as _

from congdanso.feedback.models import Category
from congdanso.feedback.open311.filters import arg
from congdanso.feedback.open311.formats import Open311Error
from congdanso.places.selectors import codename_from_name, commune_list

DESCRIPTION_MAX_LENGTH = 4000
TITLE_MAX_LENGTH = 100
SHORT_FIELD_MAX_LENGTH = 100
_ATTRIBUTE_KEY = re.compile(r"^attribute\[([^\[\]]+)\](\[\])?$")


def _float(params, name: str) -> float:
    try:
        return float(arg(params, name))
    except ValueError:
        raise Open311Error(400, _("%(name)s phải là một số (toạ độ WGS84).") % {"name": name}) from None


def location(params) -> dict:
    """Exactly the spec's rule: lat + long, or address_string, or address_id (here: a commune code)."""
    lat, long, address = arg(params, "lat"), arg(params, "long"), arg(params, "address_string")
    address_id = arg(params, "address_id")
    if bool(lat) != bool(long):
        raise Open311Error(400, _("Cần gửi cả lat và long."))
    if not (lat or address or address_id):
        raise Open311Error(400, _("Cần một vị trí: lat và long, hoặc address_string, hoặc address_id."))
    result = {"address": address}
    if lat:
        result["latitude"], result["longitude"] = _float(params, "lat"), _float(params, "long")
    if address_id:
        if not address_id.isdigit():
            raise Open311Error(400, _("address_id phải là mã đơn vị hành chính cấp xã (số)."))
        result["commune_code"] = int(address_id)
    elif not lat:
        result["commune_code"] = commune_code_in_address(address)
    elif address:  # a pin without commune boundaries: the commune named in the address helps routing
        result["commune_code"] = commune_code_in_address(address, required=False)
    return result


def commune_code_in_address(address: str, *, required: bool = True) -> int | None:
    """The commune of the province named in a free address (``…, Phường Tam Thanh, Lạng Sơn``): the longest
    full or short name found as whole words, accents ignored. Without one the report cannot be routed
    (400)."""
    haystack = f"_{codename_from_name(address)}_"
    best: tuple[int, int] | None = None
    communes = commune_list(settings.PROVINCE_CODE).values_list("code", "name", "short_name")
    for code, name, short_name in communes:
        for candidate in (name, short_name):
            needle = codename_from_name(candidate or "")
            if needle and f"_{needle}_" in haystack and (best is None or len(needle) > best[0]):
                best = (len(needle), code)
    if best is None and not required:
        return None
    if best is None:
        raise Open311Error(
            400,
            _(
                "address_string phải nêu tên xã/phường thuộc tỉnh (hoặc gửi lat và long, "
                "hoặc address_id là mã xã/phường)."
            ),
        )
    return best[1]


def attributes(params) -> dict:
    """``attribute[CODE]=v`` and, for multivaluelist, ``attribute[CODE][]=v1&attribute[CODE][]=v2``."""
    values: dict = {}
    for key in params:
        match = _ATTRIBUTE_KEY.match(key)
        if not match:
            continue
        code, is_list = match.group(1), bool(match.group(2))
        items = [item.strip() for item in params.getlist(key) if item.strip()]
        if is_list:
            values[code] = items
        elif items:
            values[code] = items[0] if len(items) == 1 else items
    return values


def description_and_title(params, category: Category) -> tuple[str, str]:
    description = arg(params, "description")
    if len(description) > DESCRIPTION_MAX_LENGTH:
        raise Open311Error(400, _("description dài tối đa %(max)d ký tự.") % {"max": DESCRIPTION_MAX_LENGTH})
    if not description:
        description = _("Phản ánh qua Open311: %(service)s.") % {"service": category.name}
    first_line = description.splitlines()[0].strip() if description.strip() else category.name
    title = first_line if len(first_line) <= TITLE_MAX_LENGTH else first_line[: TITLE_MAX_LENGTH - 1] + "…"
    return description, title or category.name


def contact(params) -> dict:
    name = " ".join(part for part in (arg(params, "first_name"), arg(params, "last_name")) if part)
    return {"name": name, "email": arg(params, "email"), "phone": arg(params, "phone")}


def short_field(params, name: str) -> str:
    value = arg(params, name)
    if len(value) > SHORT_FIELD_MAX_LENGTH:
        raise Open311Error(
            400, _("%(name)s dài tối đa %(max)d ký tự.") % {"name": name, "max": SHORT_FIELD_MAX_LENGTH}
        )
    return value
