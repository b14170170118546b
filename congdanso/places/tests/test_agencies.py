"""Agency services (audited, permission-checked), selectors, escalation chain and the Lạng Sơn seed."""

import pytest

from congdanso.accounts.models import Role
from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.audit.models import AuditEvent
from congdanso.core.errors import ApplicationError, Conflict, PermissionDenied, ValidationFailed
from congdanso.places.models import AdministrativeUnit, Agency, AgencyKind, UnitLevel
from congdanso.places.seeds import seed_langson_agencies
from congdanso.places.selectors import agency_escalation_chain, agency_get, agency_list
from congdanso.places.services import agency_create, agency_update

pytestmark = pytest.mark.django_db


def unit(level, code):
    return AdministrativeUnit.objects.get(level=level, code=code)


@pytest.fixture
def province():
    return unit(UnitLevel.PROVINCE, 20)


@pytest.fixture
def top(province):
    return agency_create(
        actor=None, code="ubnd-tinh", name="UBND tỉnh", kind=AgencyKind.PROVINCIAL_COMMITTEE, unit=province
    )


@pytest.fixture
def commune_office(top):
    return agency_create(
        actor=None,
        code="ubnd-dong-dang",
        name="UBND xã Đồng Đăng",
        kind=AgencyKind.COMMUNE_COMMITTEE,
        unit=unit(UnitLevel.COMMUNE, 6184),
        parent=top,
    )


def test_create_is_audited(top):
    event = AuditEvent.objects.get(action="agency.create", object_id=str(top.pk))
    assert event.object_type == "places.agency"
    assert event.changes == {
        "code": "ubnd-tinh",
        "name": "UBND tỉnh",
        "kind": "provincial_committee",
        "unit": top.unit_id,
        "parent": None,
        "email": "",
        "phone": "",
        "is_active": True,
    }


def test_duplicate_code_is_a_conflict_and_changes_nothing(top, province):
    before = (Agency.objects.count(), AuditEvent.objects.count())
    with pytest.raises(Conflict) as caught:
        agency_create(actor=None, code="ubnd-tinh", name="Khác", kind=AgencyKind.OTHER, unit=province)
    assert str(caught.value.message) == "Mã cơ quan ubnd-tinh đã được dùng."
    assert (Agency.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize(
    ("kind", "level", "code", "message"),
    [
        (AgencyKind.COMMUNE_COMMITTEE, UnitLevel.PROVINCE, 20, "UBND xã/phường phải gắn với đơn vị cấp xã."),
        (AgencyKind.PROVINCIAL_COMMITTEE, UnitLevel.COMMUNE, 5977, "UBND tỉnh phải gắn với đơn vị cấp tỉnh."),
        ("bogus", UnitLevel.PROVINCE, 20, "Loại cơ quan không hợp lệ."),
    ],
)
def test_invalid_agency_is_rejected(kind, level, code, message):
    with pytest.raises(ValidationFailed) as caught:
        agency_create(actor=None, code="x-1", name="X", kind=kind, unit=unit(level, code))
    assert str(caught.value.message) == message
    assert not Agency.objects.filter(code="x-1").exists()


def test_bad_email_is_a_validation_error(province):
    with pytest.raises(ValidationFailed) as caught:
        agency_create(
            actor=None, code="x-2", name="X", kind=AgencyKind.OTHER, unit=province, email="khong-hop-le"
        )
    assert [detail["field"] for detail in caught.value.details] == ["email"]


def test_update_records_before_and_after(commune_office):
    agency_update(actor=None, agency=commune_office, name="UBND xã Đồng Đăng (mới)", phone="0205 3851 234")
    commune_office.refresh_from_db()
    assert (commune_office.name, commune_office.phone) == ("UBND xã Đồng Đăng (mới)", "0205 3851 234")
    event = AuditEvent.objects.get(action="agency.update")
    assert event.changes == {
        "name": ["UBND xã Đồng Đăng", "UBND xã Đồng Đăng (mới)"],
        "phone": ["", "0205 3851 234"],
    }


def test_update_without_change_writes_nothing(commune_office):
    agency_update(actor=None, agency=commune_office, name="UBND xã Đồng Đăng")
    assert not AuditEvent.objects.filter(action="agency.update").exists()


def test_update_rejects_code_and_cycles(top, commune_office):
    with pytest.raises(ValidationFailed):
        agency_update(actor=None, agency=commune_office, code="moi")
    with pytest.raises(ValidationFailed):
        agency_update(actor=None, agency=top, parent=commune_office)
    top.refresh_from_db()
    assert top.parent_id is None
    assert not AuditEvent.objects.filter(action="agency.update").exists()


def test_role_matrix_for_update(top, commune_office):
    other = agency_create(
        actor=None,
        code="ubnd-ha-noi",
        name="UBND Ba Đình",
        kind=AgencyKind.COMMUNE_COMMITTEE,
        unit=unit(UnitLevel.COMMUNE, 4),
    )
    denied = [
        CitizenFactory(),
        OfficialFactory(agency=other, roles=[Role.ADMINISTRATOR]),  # wrong unit
        OfficialFactory(agency=commune_office, roles=[Role.HANDLER]),  # right unit, wrong role
    ]
    for actor in denied:
        with pytest.raises(PermissionDenied):
            agency_update(actor=actor, agency=commune_office, name="Bị từ chối")
    commune_office.refresh_from_db()
    assert commune_office.name == "UBND xã Đồng Đăng"
    assert not AuditEvent.objects.filter(action="agency.update").exists()

    admin = OfficialFactory(agency=top, roles=[Role.ADMINISTRATOR])
    agency_update(actor=admin, agency=commune_office, email="dongdang@langson.gov.vn")
    event = AuditEvent.objects.get(action="agency.update")
    assert (event.actor_id, event.changes) == (admin.pk, {"email": ["", "dongdang@langson.gov.vn"]})


def test_only_a_superuser_creates_a_top_agency(province, top):
    official = OfficialFactory(agency=top, roles=[Role.ADMINISTRATOR])
    with pytest.raises(PermissionDenied):
        agency_create(actor=official, code="top-2", name="X", kind=AgencyKind.OTHER, unit=province)
    official.is_superuser = True
    official.save(update_fields=["is_superuser"])
    agency = agency_create(actor=official, code="top-2", name="X", kind=AgencyKind.OTHER, unit=province)
    assert AuditEvent.objects.get(action="agency.create", object_id=str(agency.pk)).actor_id == official.pk


def test_escalation_chain(top, commune_office):
    police = agency_create(
        actor=None,
        code="ca-dong-dang",
        name="Công an xã Đồng Đăng",
        kind=AgencyKind.POLICE,
        unit=commune_office.unit,
        parent=commune_office,
    )
    assert [agency.code for agency in agency_escalation_chain(police)] == [
        "ca-dong-dang",
        "ubnd-dong-dang",
        "ubnd-tinh",
    ]
    assert [agency.code for agency in agency_escalation_chain(top)] == ["ubnd-tinh"]


def test_agency_selectors(top, commune_office):
    assert [agency.code for agency in agency_list(province_code=20)] == ["ubnd-tinh", "ubnd-dong-dang"]
    assert [agency.code for agency in agency_list(kind=AgencyKind.COMMUNE_COMMITTEE)] == ["ubnd-dong-dang"]
    assert [agency.code for agency in agency_list(parent=top)] == ["ubnd-dong-dang"]
    agency_update(actor=None, agency=commune_office, is_active=False)
    assert [agency.code for agency in agency_list(province_code=20)] == ["ubnd-tinh"]
    assert agency_get("ubnd-tinh") == top


def test_seed_langson_agencies_is_idempotent():
    first = seed_langson_agencies()
    assert first == {"created": 82, "updated": 0, "total": 82}
    events = AuditEvent.objects.filter(action="agency.create").count()
    assert events == 82
    assert seed_langson_agencies() == {"created": 0, "updated": 0, "total": 82}
    assert AuditEvent.objects.filter(action__startswith="agency.").count() == 82

    top = Agency.objects.get(code="ubnd-tinh-lang-son")
    assert (top.name, top.parent_id, top.unit.code) == ("UBND tỉnh Lạng Sơn", None, 20)
    communes = Agency.objects.filter(kind=AgencyKind.COMMUNE_COMMITTEE)
    assert communes.count() == 65
    assert set(communes.values_list("parent__code", flat=True)) == {"ubnd-tinh-lang-son"}
    assert Agency.objects.get(code="ubnd-phuong-dong-kinh").name == "UBND phường Đông Kinh"
    police = Agency.objects.get(code="cong-an-xa-dong-dang")
    assert police.name == "Công an xã Đồng Đăng"
    assert [agency.code for agency in agency_escalation_chain(police)] == [
        "cong-an-xa-dong-dang",
        "cong-an-tinh-lang-son",
        "ubnd-tinh-lang-son",
    ]
    assert Agency.objects.get(code="bql-kkt-cua-khau-dong-dang-lang-son").kind == AgencyKind.BORDER_AGENCY


def test_seed_realigns_a_renamed_agency():
    seed_langson_agencies()
    Agency.objects.filter(code="so-y-te-lang-son").update(name="Sai")
    assert seed_langson_agencies() == {"created": 0, "updated": 1, "total": 82}
    assert Agency.objects.get(code="so-y-te-lang-son").name == "Sở Y tế tỉnh Lạng Sơn"


def test_seed_needs_units():
    AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, parent__code=20).delete()
    with pytest.raises(ApplicationError) as caught:
        seed_langson_agencies()
    assert caught.value.code == "units_not_loaded"
    assert not Agency.objects.exists()
