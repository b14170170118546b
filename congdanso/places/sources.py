"""Reads the ``vietnam_provinces`` package into plain rows keyed by code (no database access here).

The package ships the 2025 two-tier units (34 provinces, 3,321 communes) and the legacy three-tier
units (63 provinces, districts, communes) with the official old-to-new conversion table.
"""

import re
from dataclasses import dataclass

from vietnam_provinces import Province, Ward, legacy

from congdanso.places.models import LegacyUnitLevel, LegacyUnitType, UnitLevel, UnitType

UNIT_TYPE_BY_DIVISION = {
    "tỉnh": UnitType.PROVINCE,
    "thành phố trung ương": UnitType.CENTRAL_CITY,
    "xã": UnitType.COMMUNE,
    "phường": UnitType.WARD,
    "đặc khu": UnitType.SPECIAL_ZONE,
}

LEGACY_UNIT_TYPE_BY_DIVISION = {
    "tỉnh": LegacyUnitType.PROVINCE,
    "thành phố trung ương": LegacyUnitType.CENTRAL_CITY,
    "huyện": LegacyUnitType.RURAL_DISTRICT,
    "quận": LegacyUnitType.URBAN_DISTRICT,
    "thành phố": LegacyUnitType.CITY,
    "thị xã": LegacyUnitType.TOWN,
    "xã": LegacyUnitType.COMMUNE,
    "thị trấn": LegacyUnitType.TOWNSHIP,
    "phường": LegacyUnitType.WARD,
}

# Longest first so that "Thành phố" is not cut as "Thành".
_TYPE_PREFIX = re.compile(r"^(thành phố|thị trấn|thị xã|đặc khu|tỉnh|xã|phường|huyện|quận)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class UnitRow:
    """One current unit as it should be stored."""

    level: str
    code: int
    name: str
    short_name: str
    codename: str
    unit_type: str
    parent_code: int | None
    phone_code: int | None


@dataclass(frozen=True, slots=True)
class LegacyRow:
    """One legacy unit as it should be stored."""

    level: str
    code: int
    name: str
    codename: str
    unit_type: str
    parent_code: int | None


def display_name(name: str) -> str:
    """The package has a few names with a lower-case type word (``xã Bắc Sơn``); capitalise it."""
    return name[:1].upper() + name[1:]


def short_name(name: str) -> str:
    """The name without its type word: ``Phường Đông Kinh`` -> ``Đông Kinh``."""
    return _TYPE_PREFIX.sub("", name, count=1)


def current_provinces() -> list[UnitRow]:
    return [
        UnitRow(
            level=UnitLevel.PROVINCE,
            code=province.code.value,
            name=display_name(province.name),
            short_name=short_name(province.name),
            codename=province.codename,
            unit_type=UNIT_TYPE_BY_DIVISION[province.division_type.value],
            parent_code=None,
            phone_code=province.phone_code or None,
        )
        for province in Province.iter_all()
    ]


def current_communes() -> list[UnitRow]:
    return [
        UnitRow(
            level=UnitLevel.COMMUNE,
            code=ward.code.value,
            name=display_name(ward.name),
            short_name=short_name(ward.name),
            codename=ward.codename,
            unit_type=UNIT_TYPE_BY_DIVISION[ward.division_type.value],
            parent_code=ward.province_code.value,
            phone_code=None,
        )
        for ward in Ward.iter_all()
    ]


def _legacy_row(level: str, unit, parent_code: int | None) -> LegacyRow:
    return LegacyRow(
        level=level,
        code=unit.code.value,
        name=display_name(unit.name),
        codename=unit.codename,
        unit_type=LEGACY_UNIT_TYPE_BY_DIVISION.get(unit.division_type.value, ""),
        parent_code=parent_code,
    )


def legacy_provinces() -> list[LegacyRow]:
    return [_legacy_row(LegacyUnitLevel.PROVINCE, unit, None) for unit in legacy.Province.iter_all()]


def legacy_districts() -> list[LegacyRow]:
    return [
        _legacy_row(LegacyUnitLevel.DISTRICT, unit, unit.province_code.value)
        for unit in legacy.District.iter_all()
    ]


def legacy_communes() -> list[LegacyRow]:
    return [
        _legacy_row(LegacyUnitLevel.COMMUNE, unit, unit.district_code.value)
        for unit in legacy.Ward.iter_all()
    ]


def legacy_province_successors() -> dict[int, set[int]]:
    """Legacy province code -> codes of the current provinces formed from it."""
    successors: dict[int, set[int]] = {}
    for province in Province.iter_all():
        for source in province.get_legacy_sources():
            successors.setdefault(source.code.value, set()).add(province.code.value)
    return successors


def legacy_commune_successors() -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """(legacy commune code -> current commune codes, legacy district code -> current commune codes).

    A legacy commune split between several new communes maps to all of them; a district maps to every
    new commune that took over at least part of one of its communes.
    """
    district_of = {unit.code.value: unit.district_code.value for unit in legacy.Ward.iter_all()}
    by_commune: dict[int, set[int]] = {}
    by_district: dict[int, set[int]] = {}
    for ward in Ward.iter_all():
        for source in ward.get_legacy_sources():
            by_commune.setdefault(source.code.value, set()).add(ward.code.value)
            district_code = district_of.get(source.code.value)
            if district_code is not None:
                by_district.setdefault(district_code, set()).add(ward.code.value)
    return by_commune, by_district
