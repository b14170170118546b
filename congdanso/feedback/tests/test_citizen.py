"""Citizens' actions after filing: follow, add information, rate, reopen."""

import datetime as dt

import pytest
import time_machine

from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from congdanso.feedback.deadlines import LOCAL, report_deadlines
from congdanso.feedback.models import ReportEvent, ReportEventKind, ReportFollower, ReportPhoto, ReportStatus
from congdanso.feedback.services.citizen import (
    feedback_add_info,
    feedback_follow,
    feedback_rate,
    feedback_reopen,
)
from congdanso.feedback.tests import submission_support as support
from congdanso.feedback.tests.factories import ReportFactory
from congdanso.feedback.tests.workflow_people import snapshot

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=LOCAL)
S = ReportStatus


@pytest.fixture
def owner():
    return CitizenFactory()


def report_in(status, owner, **extra):
    return ReportFactory(status=status, reporter=owner, **extra)


def test_follow_is_idempotent(owner):
    report = report_in(S.NEW, owner)
    other = CitizenFactory()
    first = feedback_follow(user=other, report=report)
    second = feedback_follow(user=other, report=report)
    assert first.pk == second.pk
    assert ReportFollower.objects.filter(report=report).count() == 1


@pytest.mark.parametrize(
    ("who", "report_extra", "error"),
    [
        ("owner", {}, Conflict),
        ("anonymous", {}, PermissionDenied),
        ("other", {"is_public": False}, NotFound),
        ("other", {"is_hidden": True}, NotFound),
    ],
)
def test_follow_refusals(owner, who, report_extra, error):
    from django.contrib.auth.models import AnonymousUser

    report = report_in(S.NEW, owner, **report_extra)
    user = {"owner": owner, "anonymous": AnonymousUser(), "other": CitizenFactory()}[who]
    before = snapshot(report)
    with pytest.raises(error):
        feedback_follow(user=user, report=report)
    assert snapshot(report) == before


def test_add_info_moves_back_to_accepted(owner):
    report = report_in(S.AWAITING_INFO, owner)
    feedback_add_info(
        actor=owner, report=report, message="Ổ gà ở phía bên phải.", photos=[support.jpeg_with_gps()]
    )
    report.refresh_from_db()
    assert report.status == S.ACCEPTED
    event = ReportEvent.objects.get(report=report)
    assert (event.kind, event.from_status, event.to_status, event.message, event.is_public) == (
        ReportEventKind.INFO_ADDED,
        S.AWAITING_INFO,
        S.ACCEPTED,
        "Ổ gà ở phía bên phải.",
        False,
    )
    assert ReportPhoto.objects.filter(report=report).count() == 1


@pytest.mark.parametrize(
    ("status", "actor", "message", "error"),
    [
        (S.ACCEPTED, "owner", "Thêm thông tin", Conflict),
        (S.AWAITING_INFO, "other", "Thêm thông tin", PermissionDenied),
        (S.AWAITING_INFO, "official", "Thêm thông tin", PermissionDenied),
        (S.AWAITING_INFO, "owner", "<script>x</script>", ValidationFailed),
        (S.AWAITING_INFO, "owner", "", ValidationFailed),
    ],
)
def test_add_info_refusals(owner, status, actor, message, error):
    report = report_in(status, owner)
    actor = {"owner": owner, "other": CitizenFactory(), "official": OfficialFactory(agency=report.agency)}[
        actor
    ]
    before = snapshot(report)
    with pytest.raises(error):
        feedback_add_info(actor=actor, report=report, message=message)
    assert snapshot(report) == before


@pytest.mark.parametrize("status", [S.RESOLVED, S.REJECTED])
def test_rate_closes_the_report(owner, status):
    report = report_in(status, owner)
    with time_machine.travel(NOW, tick=False):
        feedback_rate(actor=owner, report=report, rating=4, comment="Xử lý nhanh.")
    report.refresh_from_db()
    assert (report.status, report.rating, report.rating_comment, report.rated_at, report.closed_at) == (
        S.CLOSED,
        4,
        "Xử lý nhanh.",
        NOW,
        NOW,
    )
    assert ReportEvent.objects.get(report=report).kind == ReportEventKind.RATED


@pytest.mark.parametrize(
    ("status", "actor", "rating", "error"),
    [
        (S.ACCEPTED, "owner", 5, Conflict),
        (S.CLOSED, "owner", 5, Conflict),
        (S.RESOLVED, "other", 5, PermissionDenied),
        (S.RESOLVED, "owner", 0, ValidationFailed),
        (S.RESOLVED, "owner", 6, ValidationFailed),
        (S.RESOLVED, "owner", True, ValidationFailed),
    ],
)
def test_rate_refusals(owner, status, actor, rating, error):
    report = report_in(status, owner)
    actor = owner if actor == "owner" else CitizenFactory()
    before = snapshot(report)
    with pytest.raises(error):
        feedback_rate(actor=actor, report=report, rating=rating)
    assert snapshot(report) == before


def test_reopen_within_the_window(owner, settings):
    settings.FEEDBACK_REOPEN_DAYS = 7
    report = report_in(S.RESOLVED, owner, resolved_at=NOW - dt.timedelta(days=7), is_overdue=True)
    with time_machine.travel(NOW, tick=False):
        feedback_reopen(actor=owner, report=report, reason="Ổ gà vẫn còn.")
    report.refresh_from_db()
    ack, resolve = report_deadlines(category=report.category, received_at=NOW)
    assert (report.status, report.reopen_count, report.resolved_at, report.is_overdue) == (
        S.ACCEPTED,
        1,
        None,
        False,
    )
    assert (report.acknowledge_due_at, report.resolve_due_at) == (ack, resolve)
    assert ReportEvent.objects.get(report=report).kind == ReportEventKind.REOPENED


@pytest.mark.parametrize(
    ("status", "resolved_days_ago", "actor", "error"),
    [
        (S.RESOLVED, 7.01, "owner", Conflict),
        (S.CLOSED, 1, "owner", Conflict),
        (S.RESOLVED, 1, "other", PermissionDenied),
    ],
)
def test_reopen_refusals(owner, settings, status, resolved_days_ago, actor, error):
    settings.FEEDBACK_REOPEN_DAYS = 7
    report = report_in(status, owner, resolved_at=NOW - dt.timedelta(days=resolved_days_ago))
    actor = owner if actor == "owner" else CitizenFactory()
    before = snapshot(report)
    with time_machine.travel(NOW, tick=False), pytest.raises(error):
        feedback_reopen(actor=actor, report=report, reason="Chưa sửa.")
    assert snapshot(report) == before
