"""Public lists of administrative units for address pickers (mounted at ``/api/v1/units``)."""

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from congdanso.core.api_errors import ErrorOut
from congdanso.core.errors import NotFound, ValidationFailed
from congdanso.places import selectors
from congdanso.places.models import LegacyUnitLevel, UnitLevel

router = Router(tags=["Đơn vị hành chính"])


class UnitOut(Schema):
    """One current unit (province or commune)."""

    code: int
    name: str
    short_name: str
    type: str
    level: str

    @staticmethod
    def resolve_type(unit) -> str:
        return unit.unit_type


class LegacyMatchOut(Schema):
    """A legacy unit that matched, where it was, and the current units that took it over."""

    code: int
    name: str
    level: str
    type: str
    parent_name: str | None
    successors: list[UnitOut]

    @staticmethod
    def resolve_type(unit) -> str:
        return unit.unit_type

    @staticmethod
    def resolve_parent_name(unit) -> str | None:
        if unit.parent is None:
            return None
        if unit.parent.parent is None:
            return unit.parent.name
        return f"{unit.parent.name}, {unit.parent.parent.name}"

    @staticmethod
    def resolve_successors(unit) -> list:
        return list(unit.successors.all())


class LegacyResolveOut(Schema):
    """The current units (each once) and the legacy units that matched."""

    units: list[UnitOut]
    matches: list[LegacyMatchOut]


class LegacyResolveQuery(Schema):
    name: str | None = None
    code: int | None = None
    level: LegacyUnitLevel | None = None
    province_code: int | None = None


@router.get(
    "",
    response=list[UnitOut],
    auth=None,
    operation_id="units_list",
    summary="Danh sách tỉnh, thành phố",
)
def units_list(request):
    """34 tỉnh, thành phố (từ 01/07/2025), theo mã."""
    return list(selectors.province_list())


@router.get(
    "/legacy/resolve",
    response={200: LegacyResolveOut, 404: ErrorOut, 422: ErrorOut},
    auth=None,
    operation_id="units_legacy_resolve",
    summary="Tra đơn vị mới từ đơn vị hành chính cũ",
)
def units_legacy_resolve(request, filters: Query[LegacyResolveQuery]):
    """Cho tên (có hoặc không dấu, có thể kèm loại: "Phường Vĩnh Trại") hoặc mã của đơn vị trước 01/07/2025,
    trả các đơn vị hiện nay đã tiếp nhận địa bàn đó. ``province_code`` (mã tỉnh cũ) thu hẹp tên trùng."""
    if filters.code is None and not (filters.name or "").strip():
        raise ValidationFailed(
            _("Cần nhập tên hoặc mã đơn vị cũ."),
            details=[{"field": "name", "message": _("Cần nhập tên hoặc mã.")}],
        )
    matches = list(
        selectors.legacy_unit_matches(
            name=filters.name, code=filters.code, level=filters.level, province_code=filters.province_code
        )
    )
    if not matches:
        raise NotFound(_("Không tìm thấy đơn vị hành chính cũ phù hợp."))
    units: dict[int, object] = {}
    for match in matches:
        for successor in match.successors.all():
            units.setdefault(successor.pk, successor)
    ordered = sorted(units.values(), key=lambda unit: (unit.level != UnitLevel.PROVINCE, unit.code))
    return {"units": ordered, "matches": matches}


@router.get(
    "/{code}/children",
    response={200: list[UnitOut], 404: ErrorOut, 422: ErrorOut},
    auth=None,
    operation_id="units_children",
    summary="Danh sách xã, phường, đặc khu của một tỉnh",
)
def units_children(request, code: int):
    """Toàn bộ đơn vị cấp xã của tỉnh (không phân trang: 65–168 mục), theo mã."""
    province = selectors.unit_get(UnitLevel.PROVINCE, code)
    return list(selectors.commune_list(province.code))
