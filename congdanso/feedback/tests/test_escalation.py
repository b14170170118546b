"""The overdue sweep: one escalation per (report, kind, level), up the agency chain, never twice."""

import datetime as dt

import pytest
import time_machine

from congdanso.accounts.models import Role
from congdanso.accounts.tests.factories import OfficialFactory
from congdanso.audit.models import AuditEvent
from congdanso.feedback.deadlines import LOCAL
from congdanso.feedback.models import Escalation, Report, ReportEvent, ReportStatus
from congdanso.feedback.services.escalation import feedback_escalate_overdue
from congdanso.feedback.tests.factories import CategoryFactory, ReportFactory
from congdanso.notifications.models import Notification
from congdanso.places.models import AgencyKind
from congdanso.places.tests.factories import AgencyFactory, ProvinceFactory

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=0, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=LOCAL)


NOW = at(2026, 3, 3, 9)
NOTHING = {"acknowledge": 0, "resolve": 0}


@pytest.fixture
def chain():
    province = AgencyFactory(
        code="ubnd-tinh",
        kind=AgencyKind.PROVINCIAL_COMMITTEE,
        unit=ProvinceFactory(),
        name="UBND tỉnh Lạng Sơn",
    )
    commune = AgencyFactory(code="ubnd-xa", parent=province, name="UBND xã Hoàng Đồng")
    people = {
        "province_supervisor": OfficialFactory(username="gs-tinh", agency=province, roles=[Role.SUPERVISOR]),
        "commune_supervisor": OfficialFactory(username="gs-xa", agency=commune, roles=[Role.SUPERVISOR]),
        "commune_handler": OfficialFactory(username="xl-xa", agency=commune, roles=[Role.HANDLER]),
    }
    return province, commune, people


def report_for(agency, **fields):
    fields.setdefault("category", CategoryFactory(code="sla-thu-nghiem", resolve_working_days=2))
    fields.setdefault("acknowledge_due_at", at(2026, 3, 2, 15, 30))
    fields.setdefault("resolve_due_at", at(2026, 3, 10, 17))
    return ReportFactory(agency=agency, **fields)


def sweep(now=NOW, **kwargs):
    with time_machine.travel(now, tick=False):
        return feedback_escalate_overdue(now=now, **kwargs)


def escalations():
    return list(
        Escalation.objects.order_by("report__code", "level").values_list(
            "report__code", "kind", "level", "from_agency__code", "to_agency__code", "created_at"
        )
    )


def recipients():
    return sorted(Notification.objects.values_list("recipient__username", flat=True))


def test_nothing_due_is_a_few_queries_and_changes_nothing(chain, django_assert_num_queries):
    province, commune, _ = chain
    report_for(commune, acknowledge_due_at=at(2026, 3, 3, 10))  # both deadlines still ahead
    report_for(commune, status=ReportStatus.CLOSED, resolve_due_at=at(2026, 1, 5, 17))  # closed: ignored
    with django_assert_num_queries(3):  # agencies, acknowledge candidates, resolve candidates
        assert sweep() == NOTHING
    assert Escalation.objects.count() == ReportEvent.objects.count() == Notification.objects.count() == 0


def test_late_acknowledgement_escalates_once_to_the_parent_agency(chain):
    province, commune, people = chain
    report = report_for(commune, code="PAKN.20260302.0001")
    assert sweep() == {"acknowledge": 1, "resolve": 0}

    assert escalations() == [("PAKN.20260302.0001", "acknowledge", 1, "ubnd-xa", "ubnd-tinh", NOW)]
    report.refresh_from_db()
    assert (report.is_overdue, report.escalation_level, report.status) == (True, 1, ReportStatus.NEW)
    event = ReportEvent.objects.get(report=report)
    assert (event.kind, event.is_public, event.actor_id, event.created_at) == ("escalated", False, None, NOW)
    assert event.message == "Quá hạn tiếp nhận: chuyển lên UBND tỉnh Lạng Sơn (cấp 1)."
    assert event.data == {
        "escalation": "acknowledge",
        "level": 1,
        "from_agency": commune.pk,
        "to_agency": province.pk,
    }
    audit = AuditEvent.objects.get(action="feedback.escalated")
    assert (audit.object_id, audit.actor_id) == (str(report.pk), None)
    assert recipients() == ["gs-tinh", "gs-xa"]
    notification = Notification.objects.get(recipient=people["province_supervisor"])
    assert (notification.channel, notification.related_id) == ("in_app", str(report.pk))
    assert notification.subject == "Phản ánh PAKN.20260302.0001 quá hạn"

    assert sweep() == NOTHING  # rerun: nothing more
    assert sweep(at(2026, 3, 9, 9)) == NOTHING  # acknowledgement lateness escalates once only
    assert (Escalation.objects.count(), ReportEvent.objects.count(), Notification.objects.count()) == (
        1,
        1,
        2,
    )


def test_an_accepted_report_is_not_late_for_acknowledgement(chain):
    _, commune, _ = chain
    report_for(commune, status=ReportStatus.ACCEPTED)
    assert sweep() == NOTHING


def test_late_resolution_climbs_one_level_per_further_period_up_to_the_top(chain):
    province, commune, _ = chain
    report_for(commune, code="PAKN.1", status=ReportStatus.ACCEPTED, resolve_due_at=at(2026, 3, 2, 17))
    assert sweep(at(2026, 3, 2, 16, 59)) == NOTHING
    assert sweep(at(2026, 3, 2, 17)) == {"acknowledge": 0, "resolve": 1}
    # The next level is due 2 working days (the category's period) after the deadline: Wed 4/3 at 17:00.
    assert sweep(at(2026, 3, 4, 16, 59)) == NOTHING
    Notification.objects.all().delete()
    assert sweep(at(2026, 3, 4, 17)) == {"acknowledge": 0, "resolve": 1}
    assert recipients() == ["gs-tinh", "gs-xa"]  # the top agency's and the report agency's supervisors
    assert sweep(at(2026, 6, 1, 9)) == NOTHING  # the chain ends at the top

    assert escalations() == [
        ("PAKN.1", "resolve", 1, "ubnd-xa", "ubnd-tinh", at(2026, 3, 2, 17)),
        ("PAKN.1", "resolve", 2, "ubnd-tinh", None, at(2026, 3, 4, 17)),
    ]
    report = Report.objects.get(code="PAKN.1")
    assert (report.escalation_level, report.is_overdue) == (2, True)
    assert list(ReportEvent.objects.order_by("created_at").values_list("message", flat=True)) == [
        "Quá hạn giải quyết: chuyển lên UBND tỉnh Lạng Sơn (cấp 1).",
        "Quá hạn giải quyết: đã ở cấp cao nhất (cấp 2).",
    ]


def test_a_report_late_on_both_deadlines_climbs_two_levels_in_one_run(chain):
    _, commune, _ = chain
    report_for(commune, code="PAKN.2", resolve_due_at=at(2026, 3, 2, 17))
    assert sweep() == {"acknowledge": 1, "resolve": 1}
    assert escalations() == [
        ("PAKN.2", "acknowledge", 1, "ubnd-xa", "ubnd-tinh", NOW),
        ("PAKN.2", "resolve", 2, "ubnd-tinh", None, NOW),
    ]
    assert sweep() == NOTHING


def test_triage_reports_go_to_the_provincial_triage_supervisors(chain):
    report_for(None, code="PAKN.3")
    assert sweep() == {"acknowledge": 1, "resolve": 0}
    assert escalations() == [("PAKN.3", "acknowledge", 1, None, None, NOW)]
    assert recipients() == ["gs-tinh"]


def test_a_level_another_sweep_already_recorded_is_left_alone(chain):
    """The unique (report, kind, level) row is the guard: a concurrent sweep that inserted first wins."""
    province, commune, _ = chain
    report = report_for(commune)
    Escalation.objects.create(
        report=report, kind="acknowledge", level=1, from_agency=commune, to_agency=province, created_at=NOW
    )
    assert sweep() == NOTHING
    report.refresh_from_db()
    assert (report.escalation_level, report.is_overdue) == (0, False)
    assert (Escalation.objects.count(), ReportEvent.objects.count(), Notification.objects.count()) == (
        1,
        0,
        0,
    )


def test_batches_cover_every_due_report_once(chain):
    _, commune, _ = chain
    for number in range(5):
        report_for(commune, code=f"PAKN.B{number}", acknowledge_due_at=at(2026, 3, 2, 8, number))
    assert sweep(batch_size=2) == {"acknowledge": 5, "resolve": 0}
    assert sorted(code for code, *_ in escalations()) == [f"PAKN.B{n}" for n in range(5)]
    assert sweep(batch_size=2) == NOTHING
