"""The role matrix of every workflow action, the inbox scope and the provincial triage queue."""

import pytest

from congdanso.accounts.models import Role
from congdanso.core.errors import PermissionDenied
from congdanso.feedback import policies
from congdanso.feedback.models import ReportStatus
from congdanso.feedback.tests.factories import ReportFactory
from congdanso.feedback.tests.test_workflow import World, run
from congdanso.feedback.tests.workflow_people import ALL_ROLES, person, provincial_committee, snapshot
from congdanso.places.models import AgencyKind
from congdanso.places.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

# Written out independently of policies.ACTION_ROLES: the roles that may perform each action.
EXPECTED_ROLES = {
    "accept": {Role.RECEIVER, Role.HANDLER},
    "assign": {Role.RECEIVER, Role.HANDLER},
    "request_info": {Role.RECEIVER, Role.HANDLER},
    "reply": {Role.RECEIVER, Role.HANDLER},
    "resolve": {Role.RECEIVER, Role.HANDLER, Role.APPROVER},
    "reject": {Role.RECEIVER, Role.HANDLER, Role.APPROVER},
    "transfer": {Role.RECEIVER, Role.HANDLER, Role.SUPERVISOR},
    "merge": {Role.RECEIVER, Role.HANDLER, Role.SUPERVISOR},
    "hide": {Role.SUPERVISOR, Role.ADMINISTRATOR},
}
CASES = ["anonymous", "citizen", "wrong_unit", "right_unit_wrong_role", "right_unit_right_role", "superuser"]


def _actor(case: str, action: str, world: World):
    if case == "wrong_unit":
        return person("official", world.other_agency, ALL_ROLES)
    if case == "right_unit_wrong_role":
        return person("official", world.agency, sorted(set(ALL_ROLES) - EXPECTED_ROLES[action]))
    if case == "right_unit_right_role":
        return person("official", world.agency, sorted(EXPECTED_ROLES[action]))
    return person(case)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("action", list(EXPECTED_ROLES))
def test_role_matrix(action, case):
    world = World()
    actor = _actor(case, action, world)
    if case in ("right_unit_right_role", "superuser"):
        assert policies.can_handle(actor, world.report, action) is True
        run(action, actor, world.report, **world.kwargs(action))
        assert world.report.events.filter(actor_id=actor.pk).count() == 1
        return
    assert policies.can_handle(actor, world.report, action) is False
    before = snapshot(world.report, world.into)
    with pytest.raises(PermissionDenied):
        run(action, actor, world.report, **world.kwargs(action))
    assert snapshot(world.report, world.into) == before


@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_sees_its_units_reports_and_those_below(role):
    parent = AgencyFactory()
    child = AgencyFactory(parent=parent)
    mine, below, elsewhere = (ReportFactory(agency=agency) for agency in (parent, child, AgencyFactory()))
    ReportFactory(agency=None)  # triage: not for a commune official
    official = person("official", parent, [role])
    assert set(policies.inbox_queryset(official)) == {mine, below}
    assert policies.can_handle(official, below) is True
    assert policies.can_handle(official, elsewhere) is False
    assert policies.owns_triage(official) is False
    assert list(policies.triage_queryset(official)) == []


@pytest.mark.parametrize("case", ["anonymous", "citizen"])
def test_people_who_are_not_officials_see_nothing(case):
    ReportFactory()
    ReportFactory(agency=None)
    assert list(policies.inbox_queryset(person(case))) == []


def test_community_tech_role_gives_no_inbox():
    agency = AgencyFactory()
    ReportFactory(agency=agency)
    assert list(policies.inbox_queryset(person("official", agency, [Role.COMMUNITY_TECH]))) == []


def test_inactive_official_sees_nothing():
    agency = AgencyFactory()
    ReportFactory(agency=agency)
    official = person("official", agency, ALL_ROLES)
    official.is_active = False
    official.save()
    assert list(policies.inbox_queryset(official)) == []


@pytest.mark.parametrize("kind", [AgencyKind.PROVINCIAL_COMMITTEE, AgencyKind.SERVICE_CENTRE])
def test_provincial_agencies_own_the_triage_queue(kind):
    province_agency = provincial_committee()
    province_agency.kind = kind
    province_agency.save()
    triage = ReportFactory(agency=None)
    own = ReportFactory(agency=province_agency)
    receiver = person("official", province_agency, [Role.RECEIVER])
    assert policies.owns_triage(receiver) is True
    assert set(policies.inbox_queryset(receiver)) == {triage, own}
    assert list(policies.triage_queryset(receiver)) == [triage]
    assert policies.can_handle(receiver, triage, "accept") is True
    assert policies.can_handle(receiver, triage, "hide") is False


def test_a_provincial_department_does_not_own_triage():
    department = provincial_committee()
    department.kind = AgencyKind.DEPARTMENT
    department.save()
    ReportFactory(agency=None)
    assert policies.owns_triage(person("official", department, ALL_ROLES)) is False


def test_superuser_sees_everything_including_triage():
    reports = {ReportFactory(), ReportFactory(agency=None), ReportFactory(status=ReportStatus.CLOSED)}
    superuser = person("superuser")
    assert set(policies.inbox_queryset(superuser)) == reports
    assert policies.owns_triage(superuser) is True


def test_assignee_candidates_are_workers_covering_the_report():
    world = World()
    receiver = person("official", world.agency, [Role.RECEIVER])
    approver_only = person("official", world.agency, [Role.APPROVER])
    person("official", world.other_agency, [Role.HANDLER])
    assert set(policies.assignee_candidates(receiver, world.report)) == {world.handler, receiver}
    assert approver_only not in policies.assignee_candidates(receiver, world.report)


def test_allowed_actions_lists_the_matrix_row():
    world = World()
    supervisor = person("official", world.agency, [Role.SUPERVISOR])
    assert policies.allowed_actions(supervisor, world.report) == ["transfer", "merge", "hide"]
