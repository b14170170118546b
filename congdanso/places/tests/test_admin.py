"""Admin: units are read-only; agency saves go through the audited services."""

import pytest
from django.urls import reverse

from congdanso.audit.models import AuditEvent
from congdanso.places.models import AdministrativeUnit, Agency, AgencyKind, UnitLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(username="quantri", password="mat-khau-an-toan-1")
    client.force_login(user)
    client.user = user
    return client


def test_units_are_listed_and_read_only(superuser_client):
    response = superuser_client.get(
        reverse("admin:places_administrativeunit_changelist"), {"province": "20", "unit_type": "phuong"}
    )
    assert response.status_code == 200
    assert [unit.code for unit in response.context["cl"].result_list] == [5977, 5983, 5986, 6187]
    assert superuser_client.get(reverse("admin:places_administrativeunit_add")).status_code == 403
    assert (
        superuser_client.get(reverse("admin:places_legacyunit_changelist"), {"q": "Vĩnh Trại"}).status_code
        == 200
    )


def test_agency_add_and_change_go_through_services(superuser_client):
    province = AdministrativeUnit.objects.get(level=UnitLevel.PROVINCE, code=20)
    response = superuser_client.post(
        reverse("admin:places_agency_add"),
        {
            "code": "ubnd-tinh-thu",
            "name": "UBND tỉnh (thử)",
            "kind": AgencyKind.PROVINCIAL_COMMITTEE,
            "unit": province.pk,
            "parent": "",
            "email": "",
            "phone": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    agency = Agency.objects.get(code="ubnd-tinh-thu")
    created = AuditEvent.objects.get(action="agency.create", object_id=str(agency.pk))
    assert created.actor_id == superuser_client.user.pk

    response = superuser_client.post(
        reverse("admin:places_agency_change", args=[agency.pk]),
        {
            "name": "UBND tỉnh Lạng Sơn",
            "kind": AgencyKind.PROVINCIAL_COMMITTEE,
            "unit": province.pk,
            "parent": "",
            "email": "ubnd@langson.gov.vn",
            "phone": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    updated = AuditEvent.objects.get(action="agency.update", object_id=str(agency.pk))
    assert updated.changes == {
        "name": ["UBND tỉnh (thử)", "UBND tỉnh Lạng Sơn"],
        "email": ["", "ubnd@langson.gov.vn"],
    }


def test_agency_admin_shows_service_validation_as_form_error(superuser_client):
    commune = AdministrativeUnit.objects.get(level=UnitLevel.COMMUNE, code=5977)
    response = superuser_client.post(
        reverse("admin:places_agency_add"),
        {
            "code": "sai",
            "name": "Sai",
            "kind": AgencyKind.PROVINCIAL_COMMITTEE,
            "unit": commune.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"unit": ["UBND tỉnh phải gắn với đơn vị cấp tỉnh."]}
    assert not Agency.objects.filter(code="sai").exists()
