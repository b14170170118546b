"""The officials' inbox pages through the Django test client."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from congdanso.accounts.models import Role
from congdanso.feedback.models import ReportStatus
from congdanso.feedback.services import workflow
from congdanso.feedback.tests.factories import CategoryFactory, ReportFactory
from congdanso.feedback.tests.workflow_people import (
    ALL_ROLES,
    jpeg_with_exif,
    person,
    provincial_committee,
    snapshot,
)
from congdanso.places.tests.factories import AgencyFactory, CommuneFactory

pytestmark = pytest.mark.django_db
LIST_URL = reverse("feedback_inbox:list")


@pytest.fixture
def agency():
    return AgencyFactory()


def _codes(response) -> list[str]:
    return [report.code for report in response.context["page"].object_list]


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert "next=/can-bo/phan-anh/" in response["Location"]


def test_citizen_is_refused(client):
    client.force_login(person("citizen"))
    assert client.get(LIST_URL).status_code == 403


def test_list_shows_only_open_reports_of_the_scope_due_first(client, agency):
    now = timezone.now()
    later = ReportFactory(agency=agency, resolve_due_at=now + dt.timedelta(days=9))
    sooner = ReportFactory(agency=agency, resolve_due_at=now + dt.timedelta(days=2))
    ReportFactory(agency=agency, status=ReportStatus.RESOLVED)
    ReportFactory()  # another unit
    client.force_login(person("official", agency, [Role.HANDLER]))
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert _codes(response) == [sooner.code, later.code]
    assert "Phản ánh cần xử lý" in response.content.decode()


def test_filters(client, agency):
    official = person("official", agency, [Role.HANDLER])
    category = CategoryFactory()
    commune = CommuneFactory()
    by_category = ReportFactory(agency=agency, category=category)
    by_commune = ReportFactory(agency=agency, commune=commune)
    overdue = ReportFactory(agency=agency, is_overdue=True)
    mine = ReportFactory(agency=agency, assignee=official)
    resolved = ReportFactory(agency=agency, status=ReportStatus.RESOLVED, title="Ổ gà đường Bà Triệu")
    client.force_login(official)
    assert _codes(client.get(LIST_URL, {"category": category.code})) == [by_category.code]
    assert _codes(client.get(LIST_URL, {"commune": commune.code})) == [by_commune.code]
    assert _codes(client.get(LIST_URL, {"overdue": "on"})) == [overdue.code]
    assert _codes(client.get(LIST_URL, {"mine": "on"})) == [mine.code]
    assert _codes(client.get(LIST_URL, {"status": "resolved"})) == [resolved.code]
    assert _codes(client.get(LIST_URL, {"status": "all", "q": "bà triệu"})) == [resolved.code]
    assert _codes(client.get(LIST_URL, {"status": "all", "q": mine.code})) == [mine.code]


def _list_queries(client, django_assert_num_queries, count: int, agency):
    for _ in range(count):
        ReportFactory(agency=agency)
    with django_assert_num_queries(9):
        response = client.get(LIST_URL)
    assert len(_codes(response)) == min(count, 25)


@pytest.mark.parametrize("count", [3, 40])
def test_list_query_count_is_pinned(client, django_assert_num_queries, agency, count):
    client.force_login(person("official", agency, [Role.HANDLER]))
    _list_queries(client, django_assert_num_queries, count, agency)


def test_list_pages_by_25(client, agency):
    for _ in range(30):
        ReportFactory(agency=agency)
    client.force_login(person("official", agency, [Role.HANDLER]))
    response = client.get(LIST_URL, {"page": 2})
    assert len(_codes(response)) == 5


def test_htmx_request_gets_only_the_results(client, agency):
    report = ReportFactory(agency=agency)
    client.force_login(person("official", agency, [Role.HANDLER]))
    body = client.get(LIST_URL, headers={"HX-Request": "true"}).content.decode()
    assert body.lstrip().startswith('<section id="inbox-results"')
    assert report.code in body
    assert "<html" not in body


def test_triage_page_is_for_the_province(client, agency):
    triage = ReportFactory(agency=None)
    committee = provincial_committee()
    client.force_login(person("official", agency, ALL_ROLES))
    assert client.get(reverse("feedback_inbox:triage")).status_code == 403
    client.force_login(person("official", committee, [Role.RECEIVER]))
    response = client.get(reverse("feedback_inbox:triage"))
    assert _codes(response) == [triage.code]
    assert "Phản ánh chờ phân loại" in response.content.decode()


def test_detail_shows_only_the_allowed_actions(client, agency):
    report = ReportFactory(agency=agency)
    url = reverse("feedback_inbox:detail", args=[report.code])
    client.force_login(person("official", agency, [Role.RECEIVER]))
    response = client.get(url)
    actions = [form.action for form in response.context["action_forms"]]
    assert actions == ["accept", "assign", "request_info", "reply", "resolve", "reject", "transfer", "merge"]
    client.force_login(person("official", agency, [Role.SUPERVISOR]))
    response = client.get(url)
    assert [form.action for form in response.context["action_forms"]] == ["transfer", "merge", "hide"]
    body = response.content.decode()
    assert 'id="action-hide"' in body
    assert 'id="action-accept"' not in body
    assert "style=" not in body


def test_detail_out_of_scope_is_not_found(client, agency):
    report = ReportFactory()
    client.force_login(person("official", agency, ALL_ROLES))
    assert client.get(reverse("feedback_inbox:detail", args=[report.code])).status_code == 404


def test_accept_through_the_form(client, agency):
    report = ReportFactory(agency=agency)
    client.force_login(person("official", agency, [Role.RECEIVER]))
    response = client.post(reverse("feedback_inbox:action", args=[report.code, "accept"]), follow=True)
    assert response.redirect_chain == [(reverse("feedback_inbox:detail", args=[report.code]), 302)]
    assert f"Đã tiếp nhận phản ánh {report.code}." in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED


def test_resolve_without_answer_shows_the_error_and_changes_nothing(client, agency):
    report = ReportFactory(agency=agency)
    client.force_login(person("official", agency, [Role.HANDLER]))
    before = snapshot(report)
    response = client.post(
        reverse("feedback_inbox:action", args=[report.code, "resolve"]), {"resolve-answer": ""}
    )
    assert response.status_code == 422
    assert "Trường này là bắt buộc." in response.content.decode()
    assert snapshot(report) == before


def test_html_in_a_reply_is_refused_in_the_form(client, agency):
    report = ReportFactory(agency=agency)
    client.force_login(person("official", agency, [Role.HANDLER]))
    before = snapshot(report)
    response = client.post(
        reverse("feedback_inbox:action", args=[report.code, "reply"]), {"reply-message": "<script>x</script>"}
    )
    assert response.status_code == 422
    assert "Nội dung trả lời chỉ được là văn bản thường, không chứa mã HTML." in response.content.decode()
    assert snapshot(report) == before


def test_resolve_with_a_photo_through_the_form(client, agency):
    report = ReportFactory(agency=agency)
    client.force_login(person("official", agency, [Role.HANDLER]))
    response = client.post(
        reverse("feedback_inbox:action", args=[report.code, "resolve"]),
        {"resolve-answer": "Đã sửa.", "resolve-photos": [jpeg_with_exif()]},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.photos.count()) == (ReportStatus.RESOLVED, 1)
    photo = report.photos.get()
    photo_response = client.get(reverse("feedback_inbox:photo", args=[report.code, photo.pk]))
    assert (photo_response.status_code, photo_response["Content-Type"]) == (200, "image/jpeg")
    client.force_login(person("official", AgencyFactory(), ALL_ROLES))
    assert client.get(reverse("feedback_inbox:photo", args=[report.code, photo.pk])).status_code == 404


def test_action_without_the_role_is_forbidden_and_changes_nothing(client, agency):
    report = ReportFactory(agency=agency)
    client.force_login(person("official", agency, [Role.RECEIVER]))
    before = snapshot(report)
    response = client.post(reverse("feedback_inbox:action", args=[report.code, "hide"]), {"hide-reason": "x"})
    assert response.status_code == 403
    assert snapshot(report) == before


def test_transfer_out_of_scope_returns_to_the_list(client, agency):
    report = ReportFactory(agency=agency)
    target = AgencyFactory()
    client.force_login(person("official", agency, [Role.RECEIVER]))
    response = client.post(
        reverse("feedback_inbox:action", args=[report.code, "transfer"]),
        {"transfer-agency": target.pk, "transfer-reason": "Thuộc thẩm quyền xã bên."},
    )
    assert (response.status_code, response["Location"]) == (302, LIST_URL)
    report.refresh_from_db()
    assert report.agency_id == target.pk


def test_merge_form_looks_up_the_code_in_scope(client, agency):
    report = ReportFactory(agency=agency)
    outside = ReportFactory(category=report.category)
    client.force_login(person("official", agency, [Role.HANDLER]))
    response = client.post(
        reverse("feedback_inbox:action", args=[report.code, "merge"]), {"merge-into": outside.code}
    )
    assert response.status_code == 422
    assert f"Không tìm thấy phản ánh mã {outside.code} trong phạm vi của bạn." in response.content.decode()


def test_conflict_is_shown_on_the_form(client, agency):
    report = ReportFactory(agency=agency)
    official = person("official", agency, [Role.HANDLER])
    workflow.feedback_assign(actor=official, report=report, assignee=official)
    client.force_login(official)
    response = client.post(
        reverse("feedback_inbox:action", args=[report.code, "assign"]), {"assign-assignee": str(official.pk)}
    )
    assert response.status_code == 422
    assert "Phản ánh đã được giao cho cán bộ này." in response.content.decode()


def test_workspace_lists_the_inbox(client, agency):
    client.force_login(person("official", agency, [Role.HANDLER]))
    assert LIST_URL in client.get(reverse("workspace:home")).content.decode()
