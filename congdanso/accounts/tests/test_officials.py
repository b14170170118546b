"""Officials: who may create them, role grants and revokes, the createofficial command, the admin."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command

from congdanso.accounts import policies
from congdanso.accounts.models import OfficialRole, Role, User, UserKind
from congdanso.accounts.services import SYSTEM, official_create, official_role_grant, official_role_revoke
from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.audit.models import AuditEvent
from congdanso.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from congdanso.places.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies():
    province = AgencyFactory(code="ubnd-tinh")
    commune = AgencyFactory(code="ubnd-xa-a", parent=province)
    other = AgencyFactory(code="ubnd-xa-b", parent=province)
    return province, commune, other


def _create(actor, agency, username="xuly.a"):
    return official_create(
        actor=actor,
        username=username,
        full_name="Lý Văn Xử",
        agency=agency,
        roles=[Role.HANDLER, Role.RECEIVER],
        password="Lang-Son-2026!",
        phone="0987 111 222",
        email="xu@example.vn",
    )


@pytest.mark.parametrize(
    "make_actor",
    [
        lambda agencies: AnonymousUser(),
        lambda agencies: CitizenFactory(),
        lambda agencies: OfficialFactory(agency=agencies[1], roles=[Role.HANDLER, Role.APPROVER]),
        lambda agencies: OfficialFactory(agency=agencies[2], roles=[Role.ADMINISTRATOR]),
    ],
    ids=["anonymous", "citizen", "official-without-administrator", "administrator-of-another-commune"],
)
def test_official_create_is_denied_and_changes_nothing(agencies, make_actor):
    actor = make_actor(agencies)
    users_before = User.objects.count()
    with pytest.raises(PermissionDenied) as caught:
        _create(actor, agencies[1])
    assert str(caught.value.message) == "Bạn không có quyền quản trị cán bộ của cơ quan này."
    assert User.objects.count() == users_before
    assert not AuditEvent.objects.filter(action="official.created").exists()


@pytest.mark.parametrize(
    "make_actor",
    [
        lambda agencies: OfficialFactory(agency=agencies[1], roles=[Role.ADMINISTRATOR]),
        lambda agencies: OfficialFactory(agency=agencies[0], roles=[Role.ADMINISTRATOR]),
        lambda agencies: User.objects.create_superuser(username="root", password="Lang-Son-2026!"),
        lambda agencies: SYSTEM,
    ],
    ids=["administrator-of-the-commune", "administrator-of-the-province", "superuser", "system"],
)
def test_official_create_allowed(agencies, make_actor):
    actor = make_actor(agencies)
    official = _create(actor, agencies[1])
    assert (official.kind, official.agency, official.phone, official.email, official.is_active) == (
        UserKind.OFFICIAL,
        agencies[1],
        "0987111222",
        "xu@example.vn",
        True,
    )
    assert official.check_password("Lang-Son-2026!")
    assert sorted(official.roles.values_list("role", flat=True)) == ["handler", "receiver"]
    assert policies.has_role(official, Role.HANDLER, agency=agencies[1]) is True
    event = AuditEvent.objects.get(action="official.created")
    assert event.actor_id == (actor.pk if actor is not SYSTEM else None)
    assert event.changes == {
        "username": "xuly.a",
        "agency": "ubnd-xa-a",
        "roles": ["handler", "receiver"],
        "phone": "0987***222",
        "email": "xu@example.vn",
    }


def test_official_create_input_errors(agencies):
    OfficialFactory(username="xuly.a")
    with pytest.raises(Conflict) as caught:
        _create(SYSTEM, agencies[1], username="XULY.A")
    assert caught.value.code == "username_taken"
    with pytest.raises(ValidationFailed) as caught:
        _create(SYSTEM, agencies[1], username="0987111222")
    assert caught.value.code == "username_invalid"
    with pytest.raises(ValidationFailed) as caught:
        official_create(actor=SYSTEM, username="b", full_name="B", agency=agencies[1], roles=["thu-kho"])
    assert str(caught.value.message) == "Vai trò “thu-kho” không tồn tại."
    assert User.objects.count() == 1


def test_without_password_the_password_is_unusable(agencies):
    official = official_create(
        actor=SYSTEM, username="tct.a", full_name="Đinh Số", agency=agencies[1], roles=[Role.COMMUNITY_TECH]
    )
    assert official.has_usable_password() is False
    assert official.is_staff is False


def test_grant_and_revoke_roles(agencies):
    admin = OfficialFactory(agency=agencies[1], roles=[Role.ADMINISTRATOR])
    official = OfficialFactory(agency=agencies[1], roles=[Role.HANDLER])
    grant = official_role_grant(actor=admin, user=official, role=Role.APPROVER, agency=agencies[1])
    assert grant.role == Role.APPROVER
    assert policies.has_role(official, Role.APPROVER, agency=agencies[1]) is True
    with pytest.raises(Conflict):
        official_role_grant(actor=admin, user=official, role=Role.APPROVER, agency=agencies[1])
    with pytest.raises(PermissionDenied):
        official_role_grant(actor=admin, user=official, role=Role.APPROVER, agency=agencies[2])
    official_role_revoke(actor=admin, user=official, role=Role.APPROVER, agency=agencies[1])
    assert policies.has_role(official, Role.APPROVER, agency=agencies[1]) is False
    with pytest.raises(NotFound):
        official_role_revoke(actor=admin, user=official, role=Role.APPROVER, agency=agencies[1])
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "official.role_granted",
        "official.role_revoked",
    ]


def test_grant_to_citizen_is_refused(agencies):
    citizen = CitizenFactory()
    with pytest.raises(ValidationFailed):
        official_role_grant(actor=SYSTEM, user=citizen, role=Role.HANDLER, agency=agencies[1])
    assert OfficialRole.objects.filter(user=citizen).count() == 0


def test_administrator_role_gives_and_takes_admin_site_access(agencies):
    official = OfficialFactory(agency=agencies[1], roles=[Role.HANDLER])
    official_role_grant(actor=SYSTEM, user=official, role=Role.ADMINISTRATOR, agency=agencies[1])
    official.refresh_from_db()
    assert official.is_staff is True
    official_role_revoke(actor=SYSTEM, user=official, role=Role.ADMINISTRATOR, agency=agencies[1])
    official.refresh_from_db()
    assert official.is_staff is False


def test_createofficial_command_with_random_password(agencies, capsys):
    call_command(
        "createofficial",
        "--username=tct.xa-a",
        "--full-name=Đinh Thị Số",
        "--agency=ubnd-xa-a",
        "--role=community_tech",
        "--role=receiver",
        "--no-input",
    )
    output = capsys.readouterr().out
    official = User.objects.get(username="tct.xa-a")
    password = output.split("Mật khẩu: ")[1].strip()
    assert official.check_password(password) is True
    assert sorted(official.roles.values_list("role", flat=True)) == ["community_tech", "receiver"]
    assert "Đã tạo cán bộ tct.xa-a" in output


def test_createofficial_command_errors(agencies):
    with pytest.raises(CommandError, match="Không tìm thấy cơ quan có mã “khong-co”."):
        call_command(
            "createofficial", "--username=a.b", "--full-name=A", "--agency=khong-co", "--role=handler"
        )  # noqa: E501
    OfficialFactory(username="a.b")
    with pytest.raises(CommandError, match="Tên đăng nhập này đã tồn tại."):
        call_command(
            "createofficial",
            "--username=a.b",
            "--full-name=A",
            "--agency=ubnd-xa-a",
            "--role=handler",
            "--no-input",  # noqa: E501
        )


def test_admin_add_official_goes_through_the_service(agencies, client):
    admin = OfficialFactory(agency=agencies[1], roles=[Role.ADMINISTRATOR], is_staff=True)
    client.force_login(admin)
    response = client.post(
        "/quan-tri/accounts/user/add/",
        {
            "username": "tiepnhan.a",
            "full_name": "Nông Thị Tiếp",
            "agency": agencies[1].pk,
            "roles": ["receiver"],
            "password": "Lang-Son-2026!",
            "phone": "",
            "email": "",
        },
    )
    assert response.status_code == 302
    created = User.objects.get(username="tiepnhan.a")
    assert created.kind == UserKind.OFFICIAL
    assert list(created.roles.values_list("role", "agency__code")) == [("receiver", "ubnd-xa-a")]
    assert AuditEvent.objects.get(action="official.created").actor_id == admin.pk


def test_admin_user_list_is_limited_to_the_administrators_scope(agencies, client):
    admin = OfficialFactory(agency=agencies[1], roles=[Role.ADMINISTRATOR], is_staff=True)
    inside = OfficialFactory(agency=agencies[1], username="trong.pham.vi")
    outside = OfficialFactory(agency=agencies[2], username="ngoai.pham.vi")
    client.force_login(admin)
    html = client.get("/quan-tri/accounts/user/").content.decode()
    assert inside.username in html and outside.username not in html
    assert client.get(f"/quan-tri/accounts/user/{outside.pk}/change/").status_code == 302
    citizen = CitizenFactory()
    client.force_login(citizen)
    assert client.get("/quan-tri/accounts/user/").status_code == 302


def test_admin_inline_grants_roles_through_the_service(agencies, client):
    admin = OfficialFactory(agency=agencies[1], roles=[Role.ADMINISTRATOR], is_staff=True)
    official = OfficialFactory(agency=agencies[1], roles=[Role.HANDLER])
    client.force_login(admin)
    url = f"/quan-tri/accounts/user/{official.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    handler_row = official.roles.get()
    data = {
        "username": official.username,
        "full_name": official.full_name,
        "phone": "",
        "email": "",
        "agency": agencies[1].pk,
        "is_active": "on",
        "roles-TOTAL_FORMS": "2",
        "roles-INITIAL_FORMS": "1",
        "roles-MIN_NUM_FORMS": "0",
        "roles-MAX_NUM_FORMS": "1000",
        "roles-0-id": handler_row.pk,
        "roles-0-user": official.pk,
        "roles-0-role": "handler",
        "roles-0-agency": agencies[1].pk,
        "roles-1-id": "",
        "roles-1-user": official.pk,
        "roles-1-role": "approver",
        "roles-1-agency": agencies[1].pk,
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert sorted(official.roles.values_list("role", flat=True)) == ["approver", "handler"]
    event = AuditEvent.objects.get(action="official.role_granted")
    assert (event.actor_id, event.changes) == (admin.pk, {"role": "approver", "agency": "ubnd-xa-a"})
