import pytest

from congdanso.accounts import policies
from congdanso.accounts.models import Role
from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.places.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_role_at_parent_agency_covers_child_agency_but_not_sibling():
    province_office = AgencyFactory(code="ubnd-tinh")
    commune_a = AgencyFactory(parent=province_office)
    commune_b = AgencyFactory()
    supervisor = OfficialFactory(agency=province_office, roles=[Role.SUPERVISOR])
    handler = OfficialFactory(agency=commune_a, roles=[Role.HANDLER])

    assert policies.agency_ids_in_scope(supervisor) == {province_office.pk, commune_a.pk}
    assert policies.has_role(handler, Role.HANDLER, agency=commune_a) is True
    assert policies.has_role(handler, Role.HANDLER, agency=commune_b) is False
    assert policies.has_role(handler, Role.APPROVER, agency=commune_a) is False


def test_citizen_and_anonymous_have_no_agency_scope():
    from django.contrib.auth.models import AnonymousUser

    assert policies.agency_ids_in_scope(CitizenFactory()) == set()
    assert policies.agency_ids_in_scope(AnonymousUser()) == set()
