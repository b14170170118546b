import pytest

from congdanso.accounts.models import OfficialRole, Role, User, UserKind
from congdanso.accounts.seeds import DEMO_PASSWORD, seed_demo_people
from congdanso.places.models import AgencyKind
from congdanso.places.tests.factories import AgencyFactory, CommuneFactory

pytestmark = pytest.mark.django_db


def test_seed_demo_people_creates_citizens_and_officials_once():
    province_committee = AgencyFactory(code="ubnd-tinh-lang-son", kind=AgencyKind.PROVINCIAL_COMMITTEE)
    AgencyFactory(code="ttpvhcc-lang-son", kind=AgencyKind.SERVICE_CENTRE, parent=province_committee)
    AgencyFactory(code="ubnd-xa-dong-dang", unit=CommuneFactory(code=6184), parent=province_committee)

    counts = seed_demo_people()
    assert (counts["citizens_created"], counts["officials_created"], counts["agencies_missing"]) == (3, 10, 1)
    assert counts["password"] == DEMO_PASSWORD == "congdanso-demo"
    citizen = User.objects.get(phone="0912000001")
    assert citizen.is_active and citizen.phone_verified_at is not None
    assert citizen.check_password(DEMO_PASSWORD)
    assert User.objects.filter(kind=UserKind.OFFICIAL, is_superuser=False).count() == 10
    administrator = User.objects.get(username="quantri")
    assert (administrator.is_superuser, administrator.is_staff) == (True, True)
    assert administrator.check_password(DEMO_PASSWORD)
    assert OfficialRole.objects.get(user__username="tocongnghe.dongdang").role == Role.COMMUNITY_TECH
    assert OfficialRole.objects.get(user__username="quantri.tinh").agency == province_committee
    assert User.objects.get(username="xuly.ttpvhcc").check_password(DEMO_PASSWORD)

    again = seed_demo_people()
    assert (again["citizens_created"], again["officials_created"]) == (0, 0)
    assert User.objects.count() == 14


def test_platform_administrator_needs_system_or_superuser():
    from congdanso.accounts.services import SYSTEM, platform_administrator_create
    from congdanso.accounts.tests.factories import OfficialFactory
    from congdanso.audit.models import AuditEvent
    from congdanso.core.errors import PermissionDenied

    official = OfficialFactory(roles=[Role.ADMINISTRATOR])
    with pytest.raises(PermissionDenied):
        platform_administrator_create(actor=official, username="chu.tich", password=DEMO_PASSWORD)
    assert not User.objects.filter(username="chu.tich").exists()

    created = platform_administrator_create(actor=SYSTEM, username="chu.tich", password=DEMO_PASSWORD)
    assert AuditEvent.objects.get(object_id=str(created.pk)).action == "platform_administrator.created"
