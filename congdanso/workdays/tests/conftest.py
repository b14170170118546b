import pytest

from congdanso.accounts.models import Role
from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.places.models import AgencyKind
from congdanso.places.tests.factories import AgencyFactory, ProvinceFactory


@pytest.fixture
def province_agency(db):
    return AgencyFactory(
        code="ubnd-tinh-lang-son", kind=AgencyKind.PROVINCIAL_COMMITTEE, unit=ProvinceFactory()
    )


@pytest.fixture
def province_admin(province_agency):
    return OfficialFactory(agency=province_agency, roles=[Role.ADMINISTRATOR])


@pytest.fixture
def commune_admin(db):
    return OfficialFactory(agency=AgencyFactory(), roles=[Role.ADMINISTRATOR])


@pytest.fixture
def province_handler(province_agency):
    return OfficialFactory(agency=province_agency, roles=[Role.HANDLER])


@pytest.fixture
def superuser(db):
    from congdanso.accounts.models import User

    return User.objects.create_superuser(username="quantri", password="mat-khau-an-toan-1", kind="official")


@pytest.fixture
def citizen(db):
    return CitizenFactory()
