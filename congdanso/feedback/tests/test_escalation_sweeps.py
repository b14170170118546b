"""The daily close sweep, and the sweep registrations and tasks."""

import datetime as dt

import pytest
import time_machine

from congdanso.feedback.deadlines import LOCAL
from congdanso.feedback.models import Escalation, Report, ReportEvent, ReportStatus
from congdanso.feedback.services.escalation import feedback_close_resolved
from congdanso.feedback.tasks import close_resolved_reports, escalate_overdue_reports
from congdanso.feedback.tests.factories import ReportFactory
from congdanso.jobs.sweeps import registered_sweeps

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 20, 2, 0, tzinfo=LOCAL)


def resolved(code, days_ago, **fields):
    return ReportFactory(
        code=code,
        status=ReportStatus.RESOLVED,
        resolved_at=NOW - dt.timedelta(days=days_ago),
        **fields,
    )


def test_resolved_reports_close_when_the_reopen_window_has_passed(settings):
    settings.FEEDBACK_REOPEN_DAYS = 7
    resolved("PAKN.OLD", 7)  # exactly seven days: closes
    resolved("PAKN.RATED", 9, rating=4)  # rated or not, the window is over
    resolved("PAKN.RECENT", 6)  # still reopenable
    ReportFactory(code="PAKN.OPEN", status=ReportStatus.ACCEPTED)
    with time_machine.travel(NOW, tick=False):
        assert feedback_close_resolved(now=NOW, batch_size=1) == 2
        assert feedback_close_resolved(now=NOW) == 0  # rerun: nothing more

    assert dict(Report.objects.values_list("code", "status")) == {
        "PAKN.OLD": "closed",
        "PAKN.RATED": "closed",
        "PAKN.RECENT": "resolved",
        "PAKN.OPEN": "accepted",
    }
    assert set(Report.objects.filter(status="closed").values_list("closed_at", flat=True)) == {NOW}
    events = list(
        ReportEvent.objects.order_by("report__code").values_list("report__code", "kind", "is_public")
    )
    assert events == [("PAKN.OLD", "closed", True), ("PAKN.RATED", "closed", True)]
    assert (
        ReportEvent.objects.first().message == "Phản ánh được đóng tự động sau 7 ngày kể từ khi giải quyết."
    )


def test_the_sweeps_are_registered_with_their_intervals():
    sweeps = registered_sweeps()
    assert sweeps["feedback.escalate_overdue"].every_seconds == 300
    assert sweeps["feedback.escalate_overdue"].task is escalate_overdue_reports
    assert sweeps["feedback.close_resolved"].every_seconds == 86400
    assert sweeps["feedback.close_resolved"].task is close_resolved_reports


def test_the_tasks_take_no_arguments_and_use_the_current_time():
    ReportFactory(code="PAKN.LATE", acknowledge_due_at=NOW - dt.timedelta(minutes=1), agency=None)
    resolved("PAKN.DONE", 8)
    with time_machine.travel(NOW, tick=False):
        assert escalate_overdue_reports.call() == {"acknowledge": 1, "resolve": 0}
        assert close_resolved_reports.call() == 1
    assert list(Escalation.objects.values_list("report__code", "level", "created_at")) == [
        ("PAKN.LATE", 1, NOW)
    ]
