"""“Phản ánh của tôi”: the list, the detail with its timeline, and adding information, rating, reopening."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.feedback.models import ReportEvent, ReportEventKind, ReportStatus
from congdanso.feedback.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def citizen(client):
    user = CitizenFactory()
    client.force_login(user)
    return user


def _event(report, kind, message, *, is_public):
    return ReportEvent.objects.create(
        report=report, kind=kind, message=message, is_public=is_public, created_at=timezone.now()
    )


def test_list_requires_login(client):
    response = client.get(reverse("feedback:mine"))

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={reverse('feedback:mine')}"


def test_list_shows_only_my_reports(client, citizen):
    ReportFactory(reporter=citizen, title="Của tôi")
    ReportFactory(reporter=CitizenFactory(), title="Của người khác")

    response = client.get(reverse("feedback:mine"))

    assert [report.title for report in response.context["page"].object_list] == ["Của tôi"]


def test_list_query_count_is_pinned(client, citizen, django_assert_num_queries):
    for _ in range(6):
        ReportFactory(reporter=citizen)
    client.get(reverse("feedback:mine"))

    # session, user, count, page of reports (category + commune joined)
    with django_assert_num_queries(4):
        response = client.get(reverse("feedback:mine"))

    assert len(response.context["page"].object_list) == 6


def test_detail_shows_public_entries_and_those_addressed_to_me_but_not_internal_notes(client, citizen):
    report = ReportFactory(reporter=citizen, status=ReportStatus.AWAITING_INFO, is_public=False)
    _event(report, ReportEventKind.ACCEPTED, "Đã tiếp nhận", is_public=True)
    _event(report, ReportEventKind.INFO_REQUESTED, "Xin gửi ảnh rõ hơn", is_public=False)
    _event(report, ReportEventKind.ASSIGNED, "Ghi chú nội bộ", is_public=False)

    response = client.get(reverse("feedback:mine_detail", args=[report.code]))

    assert response.status_code == 200
    assert [event.message for event in response.context["timeline"]] == ["Đã tiếp nhận", "Xin gửi ảnh rõ hơn"]
    assert "Ghi chú nội bộ" not in response.content.decode()
    assert response.context["add_info_form"] is not None
    assert response.context["rate_form"] is None


@pytest.mark.parametrize("visitor", ["other_citizen", "official"])
def test_someone_elses_report_is_404(client, visitor):
    report = ReportFactory(reporter=CitizenFactory(), is_public=False)
    client.force_login(CitizenFactory() if visitor == "other_citizen" else OfficialFactory())

    assert client.get(reverse("feedback:mine_detail", args=[report.code])).status_code == 404


def test_add_information_when_asked(client, citizen):
    report = ReportFactory(reporter=citizen, status=ReportStatus.AWAITING_INFO)

    response = client.post(reverse("feedback:add_info", args=[report.code]), {"message": "Ảnh chụp sáng nay"})

    assert response.status_code == 302
    assert response.url == reverse("feedback:mine_detail", args=[report.code])
    assert list(
        ReportEvent.objects.filter(report=report, kind=ReportEventKind.INFO_ADDED).values_list(
            "message", flat=True
        )
    ) == ["Ảnh chụp sáng nay"]


def test_add_information_needs_a_message(client, citizen):
    report = ReportFactory(reporter=citizen, status=ReportStatus.AWAITING_INFO)

    response = client.post(reverse("feedback:add_info", args=[report.code]), {"message": ""})

    assert response.status_code == 200
    assert response.context["add_info_form"].errors == {"message": ["Trường này là bắt buộc."]}
    assert ReportEvent.objects.filter(report=report).count() == 0


def test_rate_a_resolved_report(client, citizen):
    report = ReportFactory(reporter=citizen, status=ReportStatus.RESOLVED, resolved_at=timezone.now())

    response = client.post(
        reverse("feedback:rate", args=[report.code]), {"rating": "4", "comment": "Khá nhanh"}
    )

    report.refresh_from_db()
    assert response.status_code == 302
    assert (report.rating, report.rating_comment) == (4, "Khá nhanh")


def test_rating_out_of_range_is_refused_and_nothing_changes(client, citizen):
    report = ReportFactory(reporter=citizen, status=ReportStatus.RESOLVED, resolved_at=timezone.now())

    response = client.post(reverse("feedback:rate", args=[report.code]), {"rating": "6"})

    report.refresh_from_db()
    assert response.status_code == 200
    assert list(response.context["rate_form"].errors) == ["rating"]
    assert report.rating is None


def test_another_citizen_cannot_rate_my_report(client):
    report = ReportFactory(
        reporter=CitizenFactory(), status=ReportStatus.RESOLVED, resolved_at=timezone.now()
    )
    client.force_login(CitizenFactory())

    response = client.post(reverse("feedback:rate", args=[report.code]), {"rating": "1"})

    report.refresh_from_db()
    assert response.status_code == 404
    assert report.rating is None


def test_reopen_within_the_window(client, citizen):
    report = ReportFactory(reporter=citizen, status=ReportStatus.RESOLVED, resolved_at=timezone.now())

    response = client.post(reverse("feedback:reopen", args=[report.code]), {"reason": "Đèn lại tắt"})

    report.refresh_from_db()
    assert response.status_code == 302
    assert report.status != ReportStatus.RESOLVED
    assert report.reopen_count == 1


def test_reopen_after_the_window_is_refused_with_a_message(client, citizen, settings):
    resolved_at = timezone.now() - timedelta(days=settings.FEEDBACK_REOPEN_DAYS + 1)
    report = ReportFactory(reporter=citizen, status=ReportStatus.RESOLVED, resolved_at=resolved_at)

    response = client.post(reverse("feedback:reopen", args=[report.code]), {"reason": "Đèn lại tắt"})

    report.refresh_from_db()
    assert response.status_code == 200
    assert response.context["reopen_form"].errors
    assert (report.status, report.reopen_count) == (ReportStatus.RESOLVED, 0)
