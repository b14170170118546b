import pytest

from congdanso.accounts.models import Role
from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.places.tests.factories import AgencyFactory


@pytest.fixture
def agency_a(db):
    return AgencyFactory(code="ubnd-xa-a")


@pytest.fixture
def agency_a_child(agency_a):
    return AgencyFactory(code="bo-phan-mot-cua-a", parent=agency_a)


@pytest.fixture
def agency_b(db):
    return AgencyFactory(code="ubnd-xa-b")


@pytest.fixture
def handler_a(agency_a):
    return OfficialFactory(agency=agency_a, roles=[Role.HANDLER])


@pytest.fixture
def handler_a_child(agency_a_child):
    return OfficialFactory(agency=agency_a_child, roles=[Role.HANDLER])


@pytest.fixture
def handler_b(agency_b):
    return OfficialFactory(agency=agency_b, roles=[Role.HANDLER])


@pytest.fixture
def supervisor_a(agency_a):
    return OfficialFactory(agency=agency_a, roles=[Role.SUPERVISOR])


@pytest.fixture
def administrator_a(agency_a):
    return OfficialFactory(agency=agency_a, roles=[Role.ADMINISTRATOR])


@pytest.fixture
def supervisor_b(agency_b):
    return OfficialFactory(agency=agency_b, roles=[Role.SUPERVISOR])


@pytest.fixture
def citizen(db):
    return CitizenFactory()


@pytest.fixture
def superuser(db):
    from congdanso.accounts.models import User

    return User.objects.create_superuser(username="quantri", password="mat-khau-an-toan-1", kind="official")
