"""official_update: scope, superuser-only flags, audit; and the admin change form goes through it."""

import pytest
from django.test import Client

from congdanso.accounts.models import Role, User
from congdanso.accounts.services import official_update
from congdanso.accounts.tests.factories import OfficialFactory
from congdanso.audit.models import AuditEvent
from congdanso.core.errors import PermissionDenied
from congdanso.places.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune():
    return AgencyFactory()


def test_right_unit_administrator_updates_and_it_is_audited(commune):
    administrator = OfficialFactory(agency=commune, roles=[Role.ADMINISTRATOR])
    handler = OfficialFactory(agency=commune, full_name="Tên cũ")

    official_update(
        actor=administrator, user=handler, changes={"full_name": "Tên mới", "phone": "0912 345 678"}
    )

    handler.refresh_from_db()
    assert (handler.full_name, handler.phone) == ("Tên mới", "0912345678")
    event = AuditEvent.objects.get(action="official.updated", object_id=str(handler.pk))
    assert event.changes == {
        "full_name": {"before": "Tên cũ", "after": "Tên mới"},
        "phone": {"before": None, "after": "0912***678"},
    }


def test_wrong_unit_administrator_changes_nothing(commune):
    outsider = OfficialFactory(roles=[Role.ADMINISTRATOR])
    handler = OfficialFactory(agency=commune, full_name="Tên cũ")

    with pytest.raises(PermissionDenied):
        official_update(actor=outsider, user=handler, changes={"full_name": "Tên mới"})

    handler.refresh_from_db()
    assert handler.full_name == "Tên cũ"
    assert not AuditEvent.objects.filter(action="official.updated").exists()


def test_only_superusers_change_staff_or_superuser_flags(commune):
    administrator = OfficialFactory(agency=commune, roles=[Role.ADMINISTRATOR])
    handler = OfficialFactory(agency=commune)

    with pytest.raises(PermissionDenied):
        official_update(actor=administrator, user=handler, changes={"is_superuser": True})
    handler.refresh_from_db()
    assert handler.is_superuser is False

    root = User.objects.create_superuser(username="root", password="mat-khau-an-toan-1")
    official_update(actor=root, user=handler, changes={"is_staff": True})
    handler.refresh_from_db()
    assert handler.is_staff is True


def test_moving_an_official_to_an_agency_outside_scope_is_refused(commune):
    administrator = OfficialFactory(agency=commune, roles=[Role.ADMINISTRATOR])
    handler = OfficialFactory(agency=commune)

    with pytest.raises(PermissionDenied):
        official_update(actor=administrator, user=handler, changes={"agency": AgencyFactory()})
    handler.refresh_from_db()
    assert handler.agency == commune


def test_admin_change_form_saves_through_the_service(commune):
    administrator = OfficialFactory(agency=commune, roles=[Role.ADMINISTRATOR], is_staff=True)
    handler = OfficialFactory(agency=commune, full_name="Tên cũ")
    client = Client()
    client.force_login(administrator)
    url = f"/quan-tri/accounts/user/{handler.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200

    response = client.post(
        url,
        {
            "full_name": "Tên mới",
            "phone": "",
            "email": "",
            "agency": commune.pk,
            "is_active": "on",
            "roles-TOTAL_FORMS": "1",
            "roles-INITIAL_FORMS": "1",
            "roles-MIN_NUM_FORMS": "0",
            "roles-MAX_NUM_FORMS": "1000",
            "roles-0-id": handler.roles.get().pk,
            "roles-0-user": handler.pk,
            "roles-0-role": Role.HANDLER,
            "roles-0-agency": commune.pk,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    handler.refresh_from_db()
    assert handler.full_name == "Tên mới"
    assert AuditEvent.objects.filter(action="official.updated", object_id=str(handler.pk)).count() == 1
