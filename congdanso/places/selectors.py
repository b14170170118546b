"""Reads over units and agencies that other apps may use."""

import re
import unicodedata
from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from congdanso.core.errors import NotFound, ValidationFailed
from congdanso.places.boundary_lookup import boundaries_available, commune_at  # noqa: F401 (re-exported)
from congdanso.places.models import AdministrativeUnit, Agency, LegacyUnit, LegacyUnitLevel, UnitLevel

# Type words that may start a legacy name, as they appear in codenames (``phuong_vinh_trai``).
_LEGACY_CODENAME_PREFIXES = ("tinh", "thanh_pho", "huyen", "quan", "thi_xa", "xa", "thi_tran", "phuong")
_TYPED_QUERY = re.compile(r"^(tinh|thanh_pho|huyen|quan|thi_xa|thi_tran|xa|phuong)_(.+)$")


def agency_descendant_ids(root_ids: Iterable[int]) -> set[int]:
    """The given agencies plus every agency below them (one query per level of depth)."""
    found = set(root_ids)
    frontier = set(found)
    while frontier:
        children = set(Agency.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        found |= children
        frontier = children
    return found


# What the package holds (vietnam_provinces 2026.9.0): 34 provinces, 3,321 communes.
LOADED_PROVINCES = 34
LOADED_COMMUNES = 3321


def units_loaded() -> bool:
    """True once ``load_units`` has stored the full catalogue (factories' few test units do not count)."""
    return (
        AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE).count() >= LOADED_PROVINCES
        and AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE).count() >= LOADED_COMMUNES
    )


def province_list() -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE).order_by("code")


def commune_list(province_code: int) -> QuerySet[AdministrativeUnit]:
    """Communes, wards and special zones of one province, by code (empty if the province is unknown)."""
    return AdministrativeUnit.objects.filter(
        level=UnitLevel.COMMUNE, parent__level=UnitLevel.PROVINCE, parent__code=province_code
    ).order_by("code")


def unit_get(level: str, code: int) -> AdministrativeUnit:
    try:
        return AdministrativeUnit.objects.get(level=level, code=code)
    except AdministrativeUnit.DoesNotExist:
        raise NotFound(_("Không tìm thấy đơn vị hành chính mã %(code)s.") % {"code": code}) from None


def codename_from_name(name: str) -> str:
    """``Phường Vĩnh Trại`` -> ``phuong_vinh_trai``, the package's codename spelling."""
    text = unicodedata.normalize("NFD", name.strip().lower().replace("đ", "d"))
    text = "".join(char for char in text if unicodedata.category(char) != "Mn")
    text = re.sub(r"[^a-z0-9]+", "_", text)
    return text.strip("_")


def legacy_unit_matches(
    *,
    name: str | None = None,
    code: int | None = None,
    level: str | None = None,
    province_code: int | None = None,
) -> QuerySet[LegacyUnit]:
    """Legacy units with this code, or this name (with or without type word, accents optional).

    ``province_code`` (a legacy province code) narrows a common name to one old province."""
    if level is not None and level not in LegacyUnitLevel.values:
        raise ValidationFailed(_("Cấp đơn vị không hợp lệ."), details=[{"field": "level", "message": level}])
    units = LegacyUnit.objects.all()
    if code is not None:
        units = units.filter(code=code)
    elif name and codename_from_name(name):
        wanted = codename_from_name(name)
        typed = _TYPED_QUERY.match(wanted)
        if typed:
            candidates = {wanted}
        else:
            candidates = {f"{prefix}_{wanted}" for prefix in _LEGACY_CODENAME_PREFIXES} | {wanted}
        units = units.filter(codename__in=candidates)
    else:
        raise ValidationFailed(
            _("Cần nhập tên hoặc mã đơn vị cũ."),
            details=[{"field": "name", "message": _("Cần nhập tên hoặc mã.")}],
        )
    if level is not None:
        units = units.filter(level=level)
    if province_code is not None:
        units = units.filter(
            Q(level=LegacyUnitLevel.PROVINCE, code=province_code)
            | Q(level=LegacyUnitLevel.DISTRICT, parent__code=province_code)
            | Q(level=LegacyUnitLevel.COMMUNE, parent__parent__code=province_code)
        )
    return (
        units.select_related("parent__parent")
        .prefetch_related(
            Prefetch(
                "successors", queryset=AdministrativeUnit.objects.select_related("parent").order_by("code")
            )
        )
        .order_by("level", "code")
    )


def legacy_unit_resolve(
    *,
    name: str | None = None,
    code: int | None = None,
    level: str | None = None,
    province_code: int | None = None,
) -> list[AdministrativeUnit]:
    """The current units that took over the matching legacy unit(s), each once, by code."""
    units: dict[int, AdministrativeUnit] = {}
    matches = legacy_unit_matches(name=name, code=code, level=level, province_code=province_code)
    for legacy_unit in matches:
        for successor in legacy_unit.successors.all():
            units.setdefault(successor.pk, successor)
    return sorted(units.values(), key=lambda unit: (unit.level != UnitLevel.PROVINCE, unit.code))


def agency_list(
    *,
    ids: Iterable[int] | None = None,
    unit: AdministrativeUnit | None = None,
    unit_level: str | None = None,
    unit_code: int | None = None,
    province_code: int | None = None,
    kind: str | None = None,
    parent: Agency | None = None,
    active_only: bool = True,
) -> QuerySet[Agency]:
    """Agencies, optionally by ids, of one unit (instance or level + code), of one province (its own and its
    communes'), of one kind."""
    agencies = Agency.objects.select_related("unit", "parent")
    if ids is not None:
        agencies = agencies.filter(pk__in=list(ids))
    if unit_level is not None:
        agencies = agencies.filter(unit__level=unit_level)
    if unit_code is not None:
        agencies = agencies.filter(unit__code=unit_code)
    if unit is not None:
        agencies = agencies.filter(unit=unit)
    if province_code is not None:
        agencies = agencies.filter(
            unit__level=UnitLevel.PROVINCE, unit__code=province_code
        ) | agencies.filter(unit__level=UnitLevel.COMMUNE, unit__parent__code=province_code)
    if kind is not None:
        agencies = agencies.filter(kind=kind)
    if parent is not None:
        agencies = agencies.filter(parent=parent)
    if active_only:
        agencies = agencies.filter(is_active=True)
    return agencies.order_by("-unit__level", "unit__code", "name")


def agency_get(code: str) -> Agency:
    try:
        return Agency.objects.select_related("unit", "parent").get(code=code)
    except Agency.DoesNotExist:
        raise NotFound(_("Không tìm thấy cơ quan mã %(code)s.") % {"code": code}) from None


def agency_escalation_chain(agency: Agency) -> list[Agency]:
    """The agency, then its parent, and so on up to the top (stops on a loop)."""
    chain = [agency]
    seen = {agency.pk}
    current = agency
    while current.parent_id is not None and current.parent_id not in seen:
        current = Agency.objects.select_related("unit").get(pk=current.parent_id)
        chain.append(current)
        seen.add(current.pk)
    return chain
