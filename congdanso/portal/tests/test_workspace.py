import pytest
from django.urls import reverse

from congdanso.accounts.models import Role, User
from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.places.tests.factories import AgencyFactory
from congdanso.portal.services_registry import ServiceTile

pytestmark = pytest.mark.django_db

WORKSPACE = "/can-bo/"


def test_workspace_url():
    assert reverse("workspace:home") == WORKSPACE


def test_anonymous_is_sent_to_login(client):
    response = client.get(WORKSPACE)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next=/can-bo/"


def test_citizen_gets_vietnamese_403(client):
    client.force_login(CitizenFactory())

    response = client.get(WORKSPACE)

    assert response.status_code == 403
    html = response.content.decode()
    assert "Bạn không có quyền xem trang này" in html
    assert '<html lang="vi">' in html


def test_official_sees_agency_and_roles(client):
    agency = AgencyFactory(name="UBND xã Chi Lăng")
    official = OfficialFactory(agency=agency, full_name="Trần Văn Bình", roles=[Role.HANDLER, Role.RECEIVER])
    client.force_login(official)

    response = client.get(WORKSPACE)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="official-heading">Trần Văn Bình</h2>' in html
    assert "<dd>UBND xã Chi Lăng</dd>" in html
    assert "<li>Cán bộ xử lý · UBND xã Chi Lăng</li>" in html
    assert "<li>Cán bộ tiếp nhận · UBND xã Chi Lăng</li>" in html


def test_superuser_without_agency_gets_the_workspace(client):
    admin = User.objects.create_superuser(username="quantri", password="mat-khau-an-toan-1", kind="citizen")
    client.force_login(admin)

    response = client.get(WORKSPACE)

    assert response.status_code == 200
    assert "Quản trị toàn hệ thống" in response.content.decode()


def test_inactive_official_is_refused(client):
    official = OfficialFactory()
    official.is_active = False
    official.save(update_fields=["is_active"])
    client.force_login(official)

    response = client.get(WORKSPACE)

    # Django's auth drops inactive users from the session: they are treated as anonymous.
    assert response.status_code == 302


def test_workspace_links_follow_audience_and_roles(client, isolated_registry):
    isolated_registry.register(
        ServiceTile(
            key="inbox", title="Hộp việc", description="a", url_name="portal:home", audience="official"
        )
    )
    isolated_registry.register(
        ServiceTile(
            key="approvals",
            title="Phê duyệt",
            description="b",
            url_name="portal:home",
            audience="official",
            roles=(Role.APPROVER,),
        )
    )
    isolated_registry.register(
        ServiceTile(
            key="unbuilt", title="Chưa có", description="c", url_name="reports:home", audience="official"
        )
    )
    isolated_registry.register(
        ServiceTile(key="citizen_tile", title="Công dân", description="d", url_name="portal:home")
    )
    handler = OfficialFactory(roles=[Role.HANDLER])
    approver = OfficialFactory(roles=[Role.APPROVER])

    client.force_login(handler)
    handler_html = client.get(WORKSPACE).content.decode()
    client.force_login(approver)
    approver_html = client.get(WORKSPACE).content.decode()

    assert 'class="tile tile-inbox"' in handler_html
    assert 'class="tile tile-approvals"' not in handler_html
    assert 'class="tile tile-inbox"' in approver_html
    assert 'class="tile tile-approvals"' in approver_html
    for html in (handler_html, approver_html):
        assert "tile-unbuilt" not in html
        assert "tile-citizen_tile" not in html


def test_workspace_without_links_says_so(client, isolated_registry):
    client.force_login(OfficialFactory())

    html = client.get(WORKSPACE).content.decode()

    assert "Chưa có chức năng nào cho cán bộ." in html


def test_workspace_query_count(client, isolated_registry, django_assert_num_queries):
    client.force_login(OfficialFactory())
    # session, user, agency, role grants
    with django_assert_num_queries(4):
        response = client.get(WORKSPACE)
    assert response.status_code == 200
