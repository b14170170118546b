"""Workflow services: every status × action outcome, the transition table, and what each action records."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from congdanso.accounts.models import Role
from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.audit.models import AuditEvent
from congdanso.core.errors import Conflict, ValidationFailed
from congdanso.feedback.deadlines import report_deadlines
from congdanso.feedback.models import ReportEvent, ReportEventKind, ReportFollower, ReportStatus
from congdanso.feedback.services import workflow
from congdanso.feedback.services.timeline import TRANSITIONS, report_transition, transition_allowed
from congdanso.feedback.tests.factories import CategoryFactory, ReportFactory
from congdanso.feedback.tests.workflow_people import person, snapshot
from congdanso.notifications.models import Notification
from congdanso.places.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db
S = ReportStatus
NOW = dt.datetime(2026, 11, 24, 2, 0, tzinfo=dt.UTC)  # Tuesday 09:00 in Hà Nội time

# The transition table of services/timeline.py, written out: (from, to) pairs that are allowed.
ALLOWED_TRANSITIONS = {
    (S.NEW, S.NEW),
    (S.NEW, S.ACCEPTED),
    (S.NEW, S.AWAITING_INFO),
    (S.NEW, S.RESOLVED),
    (S.NEW, S.REJECTED),
    (S.NEW, S.DUPLICATE),
    (S.ACCEPTED, S.NEW),
    (S.ACCEPTED, S.AWAITING_INFO),
    (S.ACCEPTED, S.RESOLVED),
    (S.ACCEPTED, S.REJECTED),
    (S.ACCEPTED, S.DUPLICATE),
    (S.AWAITING_INFO, S.ACCEPTED),
    (S.AWAITING_INFO, S.RESOLVED),
    (S.AWAITING_INFO, S.REJECTED),
    (S.AWAITING_INFO, S.DUPLICATE),
    (S.RESOLVED, S.ACCEPTED),
    (S.RESOLVED, S.CLOSED),
    (S.REJECTED, S.CLOSED),
}

# action → {from status: status afterwards}; statuses missing here must be refused with a Conflict.
OUTCOMES = {
    "accept": {S.NEW: S.ACCEPTED, S.AWAITING_INFO: S.ACCEPTED},
    "assign": {S.NEW: S.NEW, S.ACCEPTED: S.ACCEPTED, S.AWAITING_INFO: S.AWAITING_INFO},
    "request_info": {S.NEW: S.AWAITING_INFO, S.ACCEPTED: S.AWAITING_INFO},
    "transfer": {S.NEW: S.NEW, S.ACCEPTED: S.NEW},
    "merge": {S.NEW: S.DUPLICATE, S.ACCEPTED: S.DUPLICATE, S.AWAITING_INFO: S.DUPLICATE},
    "reply": {status: status for status in S.values},
    "resolve": {S.NEW: S.RESOLVED, S.ACCEPTED: S.RESOLVED, S.AWAITING_INFO: S.RESOLVED},
    "reject": {S.NEW: S.REJECTED, S.ACCEPTED: S.REJECTED, S.AWAITING_INFO: S.REJECTED},
    "hide": {status: status for status in S.values},
}


class World:
    """One agency with a report, a second agency, a handler to assign and a duplicate target."""

    def __init__(self, status=S.NEW):
        self.agency = AgencyFactory()
        self.other_agency = AgencyFactory()
        self.reporter = CitizenFactory()
        self.report = ReportFactory(agency=self.agency, reporter=self.reporter, status=status)
        self.handler = OfficialFactory(agency=self.agency, roles=[Role.HANDLER])
        self.into = ReportFactory(agency=self.agency, category=self.report.category)

    def kwargs(self, action: str) -> dict:
        return {
            "accept": {},
            "assign": {"assignee": self.handler},
            "request_info": {"message": "Đề nghị gửi thêm ảnh chụp rõ vị trí."},
            "transfer": {"agency": self.other_agency, "reason": "Thuộc thẩm quyền đơn vị khác."},
            "merge": {"into": self.into},
            "reply": {"message": "Đơn vị đã ghi nhận, sẽ kiểm tra trong tuần."},
            "resolve": {"answer": "Đã thay bóng đèn mới ngày 24/11."},
            "reject": {"reason": "Nội dung không thuộc phạm vi phản ánh."},
            "hide": {"reason": "Nội dung xúc phạm cá nhân."},
        }[action]


def run(action: str, actor, report, **kwargs):
    return getattr(workflow, f"feedback_{action}")(actor=actor, report=report, **kwargs)


@pytest.mark.parametrize("from_status", S.values)
@pytest.mark.parametrize("to_status", S.values)
def test_transition_table_is_exactly_the_documented_one(from_status, to_status):
    expected = (from_status, to_status) in ALLOWED_TRANSITIONS
    assert transition_allowed(from_status, to_status) is expected
    assert (to_status in TRANSITIONS[from_status]) is expected


@pytest.mark.parametrize("from_status", S.values)
@pytest.mark.parametrize("to_status", S.values)
def test_report_transition_applies_or_refuses_each_pair(
    from_status, to_status, django_capture_on_commit_callbacks
):
    report = ReportFactory(status=from_status)
    from django.db import transaction

    if (from_status, to_status) in ALLOWED_TRANSITIONS:
        with transaction.atomic():
            report_transition(report=report, to_status=to_status, kind=ReportEventKind.ACCEPTED)
        report.refresh_from_db()
        assert report.status == to_status
        assert list(ReportEvent.objects.values_list("from_status", "to_status")) == [(from_status, to_status)]
    else:
        with pytest.raises(Conflict) as caught, transaction.atomic():
            report_transition(report=report, to_status=to_status, kind=ReportEventKind.ACCEPTED)
        assert caught.value.code == "invalid_transition"
        report.refresh_from_db()
        assert report.status == from_status
        assert ReportEvent.objects.count() == 0


@pytest.mark.parametrize("status", S.values)
@pytest.mark.parametrize("action", list(OUTCOMES))
def test_each_action_in_each_status(action, status):
    world = World(status=status)
    superuser = person("superuser")
    expected = OUTCOMES[action].get(status)
    if expected is None:
        before = snapshot(world.report, world.into)
        with pytest.raises(Conflict):
            run(action, superuser, world.report, **world.kwargs(action))
        assert snapshot(world.report, world.into) == before
        return
    events_before = ReportEvent.objects.filter(report=world.report).count()
    run(action, superuser, world.report, **world.kwargs(action))
    world.report.refresh_from_db()
    assert world.report.status == expected
    assert ReportEvent.objects.filter(report=world.report).count() == events_before + 1
    event = ReportEvent.objects.filter(report=world.report).latest("created_at", "id")
    assert event.actor_id == superuser.pk
    assert (
        AuditEvent.objects.filter(object_id=str(world.report.pk), action=f"feedback.{event.kind}").count()
        == 1
    )


def test_hide_twice_is_refused():
    world = World()
    superuser = person("superuser")
    workflow.feedback_hide(actor=superuser, report=world.report, reason="Nội dung xúc phạm.")
    before = snapshot(world.report)
    with pytest.raises(Conflict) as caught:
        workflow.feedback_hide(actor=superuser, report=world.report, reason="Lần nữa.")
    assert caught.value.code == "already_hidden"
    assert snapshot(world.report) == before


@time_machine.travel(NOW, tick=False)
def test_accept_sets_acknowledged_at_and_notifies_the_reporter_after_commit(
    django_capture_on_commit_callbacks,
):
    world = World()
    follower = CitizenFactory()
    ReportFollower.objects.create(report=world.report, user=follower)
    official = person("official", world.agency, [Role.RECEIVER])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.feedback_accept(actor=official, report=world.report)
        assert Notification.objects.count() == 0  # nothing before commit
    world.report.refresh_from_db()
    assert world.report.status == S.ACCEPTED
    assert world.report.acknowledged_at == NOW
    event = ReportEvent.objects.get(report=world.report)
    assert (event.kind, event.is_public, event.from_status, event.to_status) == (
        "accepted",
        True,
        "new",
        "accepted",
    )
    notes = Notification.objects.order_by("recipient__username")
    assert sorted(note.recipient_id for note in notes) == sorted([world.reporter.pk, follower.pk], key=str)
    assert {note.template for note in notes} == {"feedback_update"}
    assert notes[0].body == (
        f"Phản ánh {world.report.code} “{world.report.title}” — Tiếp nhận xử lý. Trạng thái: Đang xử lý."
    )


def test_accept_after_request_info_keeps_first_acknowledged_at():
    world = World()
    official = person("official", world.agency, [Role.HANDLER])
    with time_machine.travel(NOW, tick=False):
        workflow.feedback_request_info(actor=official, report=world.report, message="Gửi thêm ảnh.")
    with time_machine.travel(NOW + dt.timedelta(hours=3), tick=False):
        workflow.feedback_accept(actor=official, report=world.report)
    world.report.refresh_from_db()
    assert (world.report.status, world.report.acknowledged_at) == (S.ACCEPTED, NOW)
    event = ReportEvent.objects.filter(report=world.report).first()
    assert (event.kind, event.message, event.is_public) == ("info_requested", "Gửi thêm ảnh.", True)


def test_assign_records_a_private_event_and_notifies_nobody(django_capture_on_commit_callbacks):
    world = World()
    official = person("official", world.agency, [Role.RECEIVER])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.feedback_assign(actor=official, report=world.report, assignee=world.handler)
    world.report.refresh_from_db()
    assert (world.report.assignee_id, world.report.status) == (world.handler.pk, S.NEW)
    event = ReportEvent.objects.get(report=world.report)
    assert (event.kind, event.is_public, event.data["assignee"]) == ("assigned", False, str(world.handler.pk))
    assert Notification.objects.count() == 0


@pytest.mark.parametrize("who", ["citizen", "other_unit", "inactive", "same_again"])
def test_assign_refuses_people_who_cannot_work_on_the_report(who):
    world = World()
    official = person("official", world.agency, [Role.RECEIVER])
    if who == "citizen":
        assignee = CitizenFactory()
    elif who == "other_unit":
        assignee = OfficialFactory(agency=world.other_agency, roles=[Role.HANDLER])
    elif who == "inactive":
        assignee = OfficialFactory(agency=world.agency, roles=[Role.HANDLER], is_active=False)
    else:
        workflow.feedback_assign(actor=official, report=world.report, assignee=world.handler)
        assignee = world.handler
    before = snapshot(world.report)
    with pytest.raises((ValidationFailed, Conflict)):
        workflow.feedback_assign(actor=official, report=world.report, assignee=assignee)
    assert snapshot(world.report) == before


@time_machine.travel(NOW, tick=False)
def test_transfer_moves_the_report_and_restarts_its_clock(django_capture_on_commit_callbacks):
    world = World(status=S.ACCEPTED)
    world.report.acknowledged_at = NOW - dt.timedelta(days=2)
    world.report.assignee = world.handler
    world.report.is_overdue = True
    world.report.save()
    official = person("official", world.agency, [Role.SUPERVISOR])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.feedback_transfer(
            actor=official, report=world.report, agency=world.other_agency, reason="Thuộc thẩm quyền Sở."
        )
    world.report.refresh_from_db()
    acknowledge_due, resolve_due = report_deadlines(category=world.report.category, received_at=NOW)
    assert (world.report.agency_id, world.report.status, world.report.assignee_id) == (
        world.other_agency.pk,
        S.NEW,
        None,
    )
    assert world.report.acknowledged_at is None
    assert (world.report.acknowledge_due_at, world.report.resolve_due_at) == (acknowledge_due, resolve_due)
    assert world.report.is_overdue is False
    event = ReportEvent.objects.get(report=world.report)
    assert (event.kind, event.message, event.data["from_agency"], event.data["to_agency"]) == (
        "transferred",
        "Thuộc thẩm quyền Sở.",
        world.agency.pk,
        world.other_agency.pk,
    )
    assert Notification.objects.filter(recipient=world.reporter).count() == 1


@pytest.mark.parametrize("target", ["same", "inactive", "none"])
def test_transfer_refuses_bad_targets(target):
    world = World()
    agency = {"same": world.agency, "inactive": AgencyFactory(is_active=False), "none": None}[target]
    before = snapshot(world.report)
    with pytest.raises(ValidationFailed) as caught:
        workflow.feedback_transfer(
            actor=person("superuser"), report=world.report, agency=agency, reason="Lý do."
        )
    assert caught.value.details == {"field": "agency"}
    assert snapshot(world.report) == before


def test_merge_marks_duplicate_and_moves_reporter_and_followers(django_capture_on_commit_callbacks):
    world = World()
    follower = CitizenFactory()
    ReportFollower.objects.create(report=world.report, user=follower)
    official = person("official", world.agency, [Role.HANDLER])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.feedback_merge(actor=official, report=world.report, into=world.into)
    world.report.refresh_from_db()
    assert (world.report.status, world.report.duplicate_of_id) == (S.DUPLICATE, world.into.pk)
    assert world.report.closed_at is not None
    assert set(ReportFollower.objects.filter(report=world.into).values_list("user_id", flat=True)) == {
        world.reporter.pk,
        follower.pk,
    }
    merged = ReportEvent.objects.get(report=world.report)
    assert (merged.kind, merged.is_public, merged.data) == ("merged", True, {"into": world.into.code})
    on_target = ReportEvent.objects.get(report=world.into)
    assert (on_target.kind, on_target.is_public, on_target.data) == (
        "merged",
        False,
        {"merged": world.report.code},
    )
    assert Notification.objects.filter(recipient=world.reporter).count() == 1


@pytest.mark.parametrize("problem", ["self", "closed", "other_category", "duplicate", "out_of_scope"])
def test_merge_refuses_bad_targets(problem):
    world = World()
    official = person("official", world.agency, [Role.HANDLER])
    into = world.into
    if problem == "self":
        into = world.report
    elif problem == "closed":
        into.status = S.RESOLVED
    elif problem == "other_category":
        into.category = CategoryFactory()
    elif problem == "duplicate":
        into.status = S.DUPLICATE
        into.duplicate_of = ReportFactory(agency=world.agency)
    elif problem == "out_of_scope":
        into.agency = world.other_agency
    into.save()
    before = snapshot(world.report, into)
    with (
        pytest.raises((ValidationFailed, Conflict))
        if problem != "out_of_scope"
        else pytest.raises(Exception) as caught
    ):
        workflow.feedback_merge(actor=official, report=world.report, into=into)
    if problem == "out_of_scope":
        assert caught.value.code == "permission_denied"
    assert snapshot(world.report, into) == before


def test_internal_reply_is_not_public_and_not_notified(django_capture_on_commit_callbacks):
    world = World()
    official = person("official", world.agency, [Role.HANDLER])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.feedback_reply(
            actor=official, report=world.report, message="Ghi chú nội bộ.", is_public=False
        )
        workflow.feedback_reply(actor=official, report=world.report, message="Trả lời công khai.")
    events = list(ReportEvent.objects.filter(report=world.report).values_list("message", "is_public"))
    assert events == [("Ghi chú nội bộ.", False), ("Trả lời công khai.", True)]
    notes = list(Notification.objects.values_list("recipient_id", "body"))
    assert len(notes) == 1
    assert notes[0][0] == world.reporter.pk
    assert "Ghi chú nội bộ." not in notes[0][1]
    assert notes[0][1].endswith("\nTrả lời công khai.")


@time_machine.travel(NOW, tick=False)
def test_resolve_sets_answer_and_stores_stripped_photos():
    from congdanso.feedback.tests.workflow_people import jpeg_with_exif

    world = World(status=S.ACCEPTED)
    official = person("official", world.agency, [Role.APPROVER])
    workflow.feedback_resolve(
        actor=official,
        report=world.report,
        answer="Đã sửa xong.",
        photos=[jpeg_with_exif(), jpeg_with_exif()],
    )
    world.report.refresh_from_db()
    assert (world.report.status, world.report.public_answer, world.report.resolved_at) == (
        S.RESOLVED,
        "Đã sửa xong.",
        NOW,
    )
    photos = list(world.report.photos.select_related("stored_file").order_by("position"))
    assert [(photo.kind, photo.position) for photo in photos] == [("resolution", 0), ("resolution", 1)]
    assert all(photo.stored_file.metadata_stripped for photo in photos)
    assert all(photo.stored_file.content_type == "image/jpeg" for photo in photos)


def test_resolve_refuses_a_non_image_and_too_many_photos():
    import io

    from congdanso.feedback.tests.workflow_people import jpeg_with_exif

    world = World()
    superuser = person("superuser")
    text = io.BytesIO(b"%PDF-1.4 not really")
    text.name = "a.pdf"
    before = snapshot(world.report)
    with pytest.raises(Exception) as caught:
        workflow.feedback_resolve(actor=superuser, report=world.report, answer="Xong.", photos=[text])
    assert caught.value.status_code == 415
    assert snapshot(world.report) == before
    with pytest.raises(ValidationFailed) as caught:
        workflow.feedback_resolve(
            actor=superuser, report=world.report, answer="Xong.", photos=[jpeg_with_exif() for _ in range(6)]
        )
    assert caught.value.details == {"field": "photos"}
    assert snapshot(world.report) == before


def test_reject_makes_the_reason_public_and_closes():
    world = World()
    workflow.feedback_reject(actor=person("superuser"), report=world.report, reason="Không thuộc phạm vi.")
    world.report.refresh_from_db()
    assert (world.report.status, world.report.public_answer) == (S.REJECTED, "Không thuộc phạm vi.")
    assert world.report.closed_at is not None


def test_hide_is_internal():
    world = World()
    workflow.feedback_hide(actor=person("superuser"), report=world.report, reason="Lời lẽ xúc phạm.")
    world.report.refresh_from_db()
    assert (world.report.is_hidden, world.report.status) == (True, S.NEW)
    event = ReportEvent.objects.get(report=world.report)
    assert (event.kind, event.is_public, event.message) == ("hidden", False, "Lời lẽ xúc phạm.")


@pytest.mark.parametrize(
    ("action", "field", "value", "code"),
    [
        ("request_info", "message", "", "required"),
        ("request_info", "message", "   ", "required"),
        ("reply", "message", "<script>alert(1)</script>", "html_not_allowed"),
        ("reply", "message", "Xem <a href='x'>đây</a>", "html_not_allowed"),
        ("resolve", "answer", "", "required"),
        ("resolve", "answer", "<b>Đã xong</b>", "html_not_allowed"),
        ("resolve", "answer", "x" * 4001, "too_long"),
        ("reject", "reason", "", "required"),
        ("transfer", "reason", "", "required"),
        ("hide", "reason", "", "required"),
        ("hide", "reason", "ký tự \x00 lạ", "invalid_text"),
    ],
)
def test_bad_text_is_refused_and_changes_nothing(action, field, value, code):
    world = World()
    kwargs = world.kwargs(action) | {field: value}
    before = snapshot(world.report, world.into)
    with pytest.raises(ValidationFailed) as caught:
        run(action, person("superuser"), world.report, **kwargs)
    assert (caught.value.code, caught.value.details) == (code, {"field": field})
    assert snapshot(world.report, world.into) == before


def test_plain_text_with_a_lone_less_than_sign_is_accepted():
    world = World()
    workflow.feedback_reply(actor=person("superuser"), report=world.report, message="Nhiệt độ < 5 độ, a > b.")
    assert ReportEvent.objects.get(report=world.report).message == "Nhiệt độ < 5 độ, a > b."


def test_timestamps_use_aware_now():
    assert timezone.is_aware(timezone.now())
