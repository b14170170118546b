"""Statistics: exact figures per agency, commune, category and overall, within the user's scope."""

import pytest

from congdanso.accounts.models import Role
from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.feedback.statistics import Figures, feedback_statistics
from congdanso.feedback.tests import stats_data
from congdanso.feedback.tests.stats_data import NOW, SINCE, UNTIL

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    return stats_data.build()


@pytest.fixture
def superuser(db):
    return OfficialFactory(is_superuser=True, roles=[Role.COMMUNITY_TECH])


def stats(user, group_by, since=SINCE, until=UNTIL):
    return feedback_statistics(user=user, group_by=group_by, since=since, until=until, now=NOW)


def test_per_agency_with_the_triage_queue_for_a_superuser(data, superuser):
    a, b = data["a"].pk, data["b"].pk
    assert stats(superuser, "agency") == [
        Figures(
            a,
            "UBND xã An",
            received=3,
            resolved=2,
            on_time=1,
            overdue=2,
            median_hours=42.0,
            average_rating=3.5,
        ),
        Figures(
            b,
            "UBND xã Bình",
            received=3,
            resolved=1,
            on_time=1,
            overdue=0,
            median_hours=12.0,
            average_rating=4.0,
        ),
        Figures(
            None, "", received=1, resolved=0, on_time=0, overdue=1, median_hours=None, average_rating=None
        ),
    ]


def test_overall(data, superuser):
    assert stats(superuser, "overall") == [
        Figures(
            None, "", received=7, resolved=3, on_time=2, overdue=3, median_hours=24.0, average_rating=3.67
        )
    ]


def test_per_commune_and_per_category(data, superuser):
    assert [
        (f.label, f.received, f.resolved, f.overdue, f.median_hours) for f in stats(superuser, "commune")
    ] == [
        ("Xã An", 4, 2, 3, 42.0),
        ("Xã Bình", 3, 1, 0, 12.0),
    ]
    assert stats(superuser, "category") == [
        Figures(data["c1"].pk, "Chiếu sáng", 4, 3, 2, 1, 24.0, 3.67),
        Figures(data["c2"].pk, "Rác thải", 3, 0, 0, 2, None, None),
    ]


def test_the_date_range_is_inclusive_local_dates(data, superuser):
    assert stats(superuser, "overall", since=None, until=None)[0].received == 8
    assert (
        stats(superuser, "overall", since=UNTIL.replace(day=14), until=UNTIL.replace(day=14))[0].received == 1
    )


def test_an_official_sees_the_figures_of_their_scope_only(data):
    commune_handler = OfficialFactory(agency=data["a"], roles=[Role.HANDLER])
    assert [(f.label, f.received) for f in stats(commune_handler, "agency")] == [("UBND xã An", 3)]
    province_supervisor = OfficialFactory(agency=data["province"], roles=[Role.SUPERVISOR])
    assert stats(province_supervisor, "overall")[0].received == 6  # A and B, not the triage queue
    stranger = OfficialFactory(roles=[Role.HANDLER])  # an unrelated agency
    assert stats(stranger, "agency") == []
    assert stats(stranger, "overall") == [Figures(None, "", 0, 0, 0, 0, None, None)]
    assert stats(CitizenFactory(), "overall")[0].received == 0


def test_an_unknown_grouping_is_refused(superuser):
    with pytest.raises(ValueError):
        stats(superuser, "reporter")
