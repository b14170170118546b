"""The Lạng Sơn agency structure (reference data for the default province). Idempotent, keyed by code."""

from django.db import transaction
from django.utils.translation import gettext as _

from congdanso.core.errors import ApplicationError
from congdanso.places.models import AdministrativeUnit, Agency, AgencyKind, UnitLevel, UnitType
from congdanso.places.services import agency_create, agency_update

LANGSON_PROVINCE_CODE = 20
PROVINCIAL_COMMITTEE_CODE = "ubnd-tinh-lang-son"
PROVINCIAL_POLICE_CODE = "cong-an-tinh-lang-son"

# (code, name, kind, parent code) for bodies at province level, in creation order.
PROVINCIAL_AGENCIES = [
    (PROVINCIAL_COMMITTEE_CODE, "UBND tỉnh Lạng Sơn", AgencyKind.PROVINCIAL_COMMITTEE, None),
    (
        "ttpvhcc-lang-son",
        "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn",
        AgencyKind.SERVICE_CENTRE,
        PROVINCIAL_COMMITTEE_CODE,
    ),
    ("so-tu-phap-lang-son", "Sở Tư pháp tỉnh Lạng Sơn", AgencyKind.DEPARTMENT, PROVINCIAL_COMMITTEE_CODE),
    ("so-xay-dung-lang-son", "Sở Xây dựng tỉnh Lạng Sơn", AgencyKind.DEPARTMENT, PROVINCIAL_COMMITTEE_CODE),
    (
        "so-nong-nghiep-moi-truong-lang-son",
        "Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn",
        AgencyKind.DEPARTMENT,
        PROVINCIAL_COMMITTEE_CODE,
    ),
    (
        "so-cong-thuong-lang-son",
        "Sở Công Thương tỉnh Lạng Sơn",
        AgencyKind.DEPARTMENT,
        PROVINCIAL_COMMITTEE_CODE,
    ),
    (
        "so-khoa-hoc-cong-nghe-lang-son",
        "Sở Khoa học và Công nghệ tỉnh Lạng Sơn",
        AgencyKind.DEPARTMENT,
        PROVINCIAL_COMMITTEE_CODE,
    ),
    ("so-y-te-lang-son", "Sở Y tế tỉnh Lạng Sơn", AgencyKind.DEPARTMENT, PROVINCIAL_COMMITTEE_CODE),
    (
        "so-giao-duc-dao-tao-lang-son",
        "Sở Giáo dục và Đào tạo tỉnh Lạng Sơn",
        AgencyKind.DEPARTMENT,
        PROVINCIAL_COMMITTEE_CODE,
    ),
    ("so-tai-chinh-lang-son", "Sở Tài chính tỉnh Lạng Sơn", AgencyKind.DEPARTMENT, PROVINCIAL_COMMITTEE_CODE),
    (PROVINCIAL_POLICE_CODE, "Công an tỉnh Lạng Sơn", AgencyKind.POLICE, PROVINCIAL_COMMITTEE_CODE),
    (
        "bql-kkt-cua-khau-dong-dang-lang-son",
        "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng – Lạng Sơn",
        AgencyKind.BORDER_AGENCY,
        PROVINCIAL_COMMITTEE_CODE,
    ),
]

# Communes that get a commune police office (Công an xã/phường) in the seed.
COMMUNE_POLICE_UNIT_CODES = [
    6184,
    5977,
    5983,
    5986,
    6187,
]  # Đồng Đăng, Đông Kinh, Lương Văn Tri, Tam Thanh, Kỳ Lừa

_TYPE_WORD = {UnitType.COMMUNE: "xã", UnitType.WARD: "phường", UnitType.SPECIAL_ZONE: "đặc khu"}


def commune_committee_code(unit: AdministrativeUnit) -> str:
    return f"ubnd-{unit.codename.replace('_', '-')}"


def commune_police_code(unit: AdministrativeUnit) -> str:
    return f"cong-an-{unit.codename.replace('_', '-')}"


def _commune_label(unit: AdministrativeUnit) -> str:
    return f"{_TYPE_WORD.get(unit.unit_type, 'xã')} {unit.short_name}"


def _ensure(existing: dict[str, Agency], counts: dict, *, code, name, kind, unit, parent) -> Agency:
    agency = existing.get(code)
    if agency is None:
        agency = agency_create(actor=None, code=code, name=name, kind=kind, unit=unit, parent=parent)
        counts["created"] += 1
    else:
        wanted = {"name": name, "kind": kind, "unit": unit, "parent": parent}
        changes = {field: value for field, value in wanted.items() if getattr(agency, field) != value}
        if changes:
            agency = agency_update(actor=None, agency=agency, **changes)
            counts["updated"] += 1
    existing[code] = agency
    return agency


@transaction.atomic
def seed_langson_agencies() -> dict:
    """Create or align the Lạng Sơn agencies. Needs the units loaded (``manage.py load_units``)."""
    province = AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE, code=LANGSON_PROVINCE_CODE).first()
    communes = list(
        AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, parent=province).order_by("code")
        if province
        else []
    )
    if province is None or not communes:
        raise ApplicationError(
            _("Chưa nạp danh mục đơn vị hành chính của tỉnh Lạng Sơn. Hãy chạy lệnh load_units trước."),
            code="units_not_loaded",
        )
    existing = {agency.code: agency for agency in Agency.objects.select_related("unit", "parent")}
    counts = {"created": 0, "updated": 0}
    for code, name, kind, parent_code in PROVINCIAL_AGENCIES:
        parent = existing[parent_code] if parent_code else None
        _ensure(existing, counts, code=code, name=name, kind=kind, unit=province, parent=parent)

    committee = existing[PROVINCIAL_COMMITTEE_CODE]
    police = existing[PROVINCIAL_POLICE_CODE]
    communes_by_code = {unit.code: unit for unit in communes}
    for unit in communes:
        _ensure(
            existing,
            counts,
            code=commune_committee_code(unit),
            name=f"UBND {_commune_label(unit)}",
            kind=AgencyKind.COMMUNE_COMMITTEE,
            unit=unit,
            parent=committee,
        )
    for unit_code in COMMUNE_POLICE_UNIT_CODES:
        unit = communes_by_code.get(unit_code)
        if unit is not None:
            _ensure(
                existing,
                counts,
                code=commune_police_code(unit),
                name=f"Công an {_commune_label(unit)}",
                kind=AgencyKind.POLICE,
                unit=unit,
                parent=police,
            )
    counts["total"] = (
        len(PROVINCIAL_AGENCIES)
        + len(communes)
        + sum(1 for unit_code in COMMUNE_POLICE_UNIT_CODES if unit_code in communes_by_code)
    )
    return counts
