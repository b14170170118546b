"""The database keeps one routing rule per (category, commune) pair, "any" sides included."""

import pytest
from django.db import IntegrityError, transaction

from congdanso.feedback.models import RoutingRule
from congdanso.feedback.tests.factories import CategoryFactory
from congdanso.places.tests.factories import AgencyFactory, CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "with_category,with_commune", [(True, True), (True, False), (False, True), (False, False)]
)
def test_second_rule_for_the_same_pair_is_refused(with_category, with_commune):
    category = CategoryFactory() if with_category else None
    commune = CommuneFactory() if with_commune else None
    RoutingRule.objects.create(category=category, commune=commune, agency=AgencyFactory())

    with pytest.raises(IntegrityError), transaction.atomic():
        RoutingRule.objects.create(category=category, commune=commune, agency=AgencyFactory())

    assert RoutingRule.objects.filter(category=category, commune=commune).count() == 1


def test_rules_for_different_pairs_coexist():
    category, commune = CategoryFactory(), CommuneFactory()
    for pair in ((category, commune), (category, None), (None, commune), (None, None)):
        RoutingRule.objects.create(category=pair[0], commune=pair[1], agency=AgencyFactory())
    assert RoutingRule.objects.count() == 4
