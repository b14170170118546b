"""Routing: the most specific rule wins, then the commune's People's Committee, then triage."""

import pytest

from congdanso.feedback.services.routing import routing_agency_for
from congdanso.feedback.tests import submission_support as support
from congdanso.feedback.tests.factories import RoutingRuleFactory
from congdanso.places.models import AgencyKind
from congdanso.places.tests.factories import AgencyFactory, ProvinceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    communes, committees = support.langson_communes()
    province = ProvinceFactory()
    agencies = {
        name: AgencyFactory(code=name, kind=AgencyKind.DEPARTMENT, unit=province)
        for name in ("both", "commune", "category", "default")
    }
    return communes, committees, agencies


def test_specificity_order(setup):
    communes, committees, agencies = setup
    traffic, lighting = support.category("giao-thong"), support.category("chieu-sang")
    dong_kinh, ky_lua = communes[5977], communes[6187]
    assert routing_agency_for(category=traffic, commune=dong_kinh) == committees[5977]

    RoutingRuleFactory(category=None, commune=None, agency=agencies["default"])
    assert routing_agency_for(category=traffic, commune=dong_kinh) == agencies["default"]
    assert routing_agency_for(category=traffic, commune=None) == agencies["default"]

    RoutingRuleFactory(category=traffic, commune=None, agency=agencies["category"])
    assert routing_agency_for(category=traffic, commune=dong_kinh) == agencies["category"]
    assert routing_agency_for(category=lighting, commune=dong_kinh) == agencies["default"]

    RoutingRuleFactory(category=None, commune=dong_kinh, agency=agencies["commune"])
    assert routing_agency_for(category=traffic, commune=dong_kinh) == agencies["commune"]
    assert routing_agency_for(category=traffic, commune=ky_lua) == agencies["category"]

    RoutingRuleFactory(category=traffic, commune=dong_kinh, agency=agencies["both"])
    assert routing_agency_for(category=traffic, commune=dong_kinh) == agencies["both"]
    assert routing_agency_for(category=lighting, commune=dong_kinh) == agencies["commune"]


def test_inactive_agency_rule_is_ignored(setup):
    communes, committees, agencies = setup
    traffic = support.category("giao-thong")
    RoutingRuleFactory(category=traffic, commune=communes[5977], agency=agencies["both"])
    agencies["both"].is_active = False
    agencies["both"].save(update_fields=["is_active"])
    assert routing_agency_for(category=traffic, commune=communes[5977]) == committees[5977]


def test_no_rule_and_no_commune_is_triage(setup):
    assert routing_agency_for(category=support.category("y-te"), commune=None) is None


def test_no_rule_and_no_committee_is_triage(setup):
    communes, committees, _agencies = setup
    committees[6184].is_active = False
    committees[6184].save(update_fields=["is_active"])
    assert routing_agency_for(category=support.category("y-te"), commune=communes[6184]) is None
