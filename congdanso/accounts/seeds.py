"""Demo people: citizens with verified phones and officials for each role at Lạng Sơn agencies.

Every demo account's password is ``congdanso-demo``. Idempotent: existing usernames and phones are kept.
Agencies are looked up by code (provincial bodies) and by commune unit code (commune People's Committees),
so run the places seed (``seed_langson_agencies``) first; missing agencies are skipped and counted.
"""

from django.db import transaction

from congdanso.accounts.models import Role, User
from congdanso.accounts.services import (
    SYSTEM,
    citizen_create_verified,
    official_create,
    platform_administrator_create,
)
from congdanso.places.models import Agency, AgencyKind, UnitLevel
from congdanso.places.selectors import agency_list

DEMO_PASSWORD = "congdanso-demo"
DEMO_ADMINISTRATOR = "quantri"

DEMO_CITIZENS = [
    ("0912000001", "Hoàng Văn An", "020090000101"),
    ("0982000002", "Lương Thị Bình", "020195000202"),
    ("0352000003", "Vi Văn Cường", None),
]

ROLE_WORDS = {
    Role.RECEIVER: "tiepnhan",
    Role.HANDLER: "xuly",
    Role.APPROVER: "lanhdao",
    Role.SUPERVISOR: "giamsat",
    Role.ADMINISTRATOR: "quantri",
    Role.COMMUNITY_TECH: "tocongnghe",
}
ROLE_NAMES = {
    Role.RECEIVER: "Nông Thị Tiếp",
    Role.HANDLER: "Hà Văn Xử",
    Role.APPROVER: "Lộc Văn Duyệt",
    Role.SUPERVISOR: "Chu Thị Sát",
    Role.ADMINISTRATOR: "Triệu Văn Trị",
    Role.COMMUNITY_TECH: "Đinh Thị Số",
}

# (agency code, short name for usernames, roles)
PROVINCIAL_OFFICIALS = [
    ("ubnd-tinh-lang-son", "tinh", [Role.ADMINISTRATOR, Role.SUPERVISOR]),
    ("ttpvhcc-lang-son", "ttpvhcc", [Role.RECEIVER, Role.HANDLER, Role.APPROVER]),
]
# (commune unit code, short name for usernames, roles) at that commune's People's Committee
COMMUNE_OFFICIALS = [
    (6184, "dongdang", [Role.RECEIVER, Role.HANDLER, Role.APPROVER, Role.ADMINISTRATOR, Role.COMMUNITY_TECH]),
    (5977, "dongkinh", [Role.RECEIVER, Role.HANDLER, Role.APPROVER, Role.COMMUNITY_TECH]),
]


def _agencies() -> list[tuple[Agency | None, str, list[str]]]:
    found = []
    for code, short, roles in PROVINCIAL_OFFICIALS:
        found.append((agency_list(active_only=False).filter(code=code).first(), short, roles))
    for unit_code, short, roles in COMMUNE_OFFICIALS:
        agency = agency_list(
            kind=AgencyKind.COMMUNE_COMMITTEE, unit_level=UnitLevel.COMMUNE, unit_code=unit_code
        ).first()
        found.append((agency, short, roles))
    return found


@transaction.atomic
def seed_demo_people() -> dict:
    """Create the demo citizens and officials; returns counts, the usernames created and the password."""
    counts = {"citizens_created": 0, "officials_created": 0, "agencies_missing": 0, "password": DEMO_PASSWORD}
    usernames: list[str] = []
    if not User.objects.filter(username=DEMO_ADMINISTRATOR).exists():
        platform_administrator_create(
            actor=SYSTEM, username=DEMO_ADMINISTRATOR, password=DEMO_PASSWORD, full_name="Quản trị hệ thống"
        )
        usernames.append(DEMO_ADMINISTRATOR)
    for phone, full_name, national_id in DEMO_CITIZENS:
        if User.objects.filter(phone=phone).exists() or (
            national_id and User.objects.filter(national_id=national_id).exists()
        ):
            continue
        citizen_create_verified(
            phone=phone, password=DEMO_PASSWORD, full_name=full_name, national_id=national_id
        )
        counts["citizens_created"] += 1
        usernames.append(phone)
    for agency, short, roles in _agencies():
        if agency is None:
            counts["agencies_missing"] += 1
            continue
        for role in roles:
            username = f"{ROLE_WORDS[role]}.{short}"
            if User.objects.filter(username=username).exists():
                continue
            official_create(
                actor=SYSTEM,
                username=username,
                full_name=ROLE_NAMES[role],
                agency=agency,
                roles=[role],
                password=DEMO_PASSWORD,
            )
            counts["officials_created"] += 1
            usernames.append(username)
    counts["usernames"] = usernames
    return counts
