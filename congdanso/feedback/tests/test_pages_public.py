"""Public pages: the landing list with filters, one page per public report, photos and "follow"."""

import pytest
from django.urls import reverse

from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.feedback.models import ReportEvent, ReportEventKind, ReportFollower, ReportPhoto, ReportStatus
from congdanso.feedback.tests.factories import CategoryFactory, ReportFactory
from congdanso.places.tests.factories import CommuneFactory
from congdanso.uploads.tests.factories import SAMPLE_PNG, StoredFileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _titles(response) -> list[str]:
    return [report.title for report in response.context["page"].object_list]


def test_home_lists_only_public_visible_reports_newest_first(client):
    older = ReportFactory(title="Ổ gà đường Bà Triệu")
    newer = ReportFactory(title="Rác thải chợ Đông Kinh")
    ReportFactory(title="Phản ánh riêng tư", is_public=False)
    ReportFactory(title="Nội dung vi phạm", is_hidden=True)
    assert newer.created_at >= older.created_at

    response = client.get(reverse("feedback:home"))

    assert response.status_code == 200
    assert _titles(response) == ["Rác thải chợ Đông Kinh", "Ổ gà đường Bà Triệu"]
    assert reverse("feedback:submit") in response.content.decode()


def test_home_filters_by_category_and_commune(client):
    lighting = CategoryFactory(code="dien-chieu-sang", name="Điện chiếu sáng")
    commune = CommuneFactory(name="Phường Lương Văn Tri")
    ReportFactory(title="Đèn hỏng", category=lighting, commune=commune)
    ReportFactory(title="Đèn hỏng xã khác", category=lighting)
    ReportFactory(title="Rác", commune=commune)

    response = client.get(reverse("feedback:home"), {"category": "dien-chieu-sang", "commune": commune.code})

    assert _titles(response) == ["Đèn hỏng"]


def test_home_filters_by_status(client):
    ReportFactory(title="Đã xong", status=ReportStatus.RESOLVED)
    ReportFactory(title="Mới", status=ReportStatus.NEW)

    response = client.get(reverse("feedback:home"), {"status": ReportStatus.RESOLVED})

    assert _titles(response) == ["Đã xong"]


def test_home_rejects_a_reversed_date_range_with_a_vietnamese_error(client):
    ReportFactory(title="Còn hiển thị")

    response = client.get(reverse("feedback:home"), {"since": "2026-11-20", "until": "2026-11-01"})

    assert response.status_code == 200
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    assert _titles(response) == ["Còn hiển thị"]


def test_home_query_count_does_not_grow_with_reports(client, django_assert_num_queries):
    for _ in range(3):
        ReportFactory()
    client.get(reverse("feedback:home"))  # warm caches (content types, sessions)
    for _ in range(5):
        ReportFactory()

    # categories, communes, count, page of reports (category + commune joined)
    with django_assert_num_queries(4):
        response = client.get(reverse("feedback:home"))

    assert len(response.context["page"].object_list) == 8


def test_public_detail_shows_answer_and_public_timeline_only(client):
    report = ReportFactory(
        title="Cống tắc", status=ReportStatus.RESOLVED, public_answer="Đã nạo vét cống ngày 20/11."
    )
    ReportEvent.objects.create(
        report=report,
        kind=ReportEventKind.RESOLVED,
        message="Đã nạo vét xong",
        is_public=True,
        created_at=report.created_at,
    )
    ReportEvent.objects.create(
        report=report,
        kind=ReportEventKind.ASSIGNED,
        message="Giao cho anh Hùng",
        is_public=False,
        created_at=report.created_at,
    )

    response = client.get(reverse("feedback:public_detail", args=[report.code]))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Đã nạo vét cống ngày 20/11." in body
    assert [event.message for event in response.context["timeline"]] == ["Đã nạo vét xong"]
    assert "Giao cho anh Hùng" not in body


def test_public_detail_hides_the_name_of_an_anonymous_reporter_and_never_shows_phones(client):
    reporter = CitizenFactory(full_name="Hoàng Thị Lan", phone="0912000111")
    anonymous = ReportFactory(reporter=reporter, is_anonymous=True)
    named = ReportFactory(reporter=reporter, is_anonymous=False)

    anonymous_body = client.get(reverse("feedback:public_detail", args=[anonymous.code])).content.decode()
    named_body = client.get(reverse("feedback:public_detail", args=[named.code])).content.decode()

    assert "Người dân (ẩn danh)" in anonymous_body
    assert "Hoàng Thị Lan" not in anonymous_body
    assert "Hoàng Thị Lan" in named_body
    assert "0912000111" not in anonymous_body + named_body


@pytest.mark.parametrize("hidden_field", ["is_hidden", "private"])
def test_public_detail_of_private_or_hidden_report_is_404_even_for_another_citizen(client, hidden_field):
    owner = CitizenFactory()
    report = ReportFactory(
        reporter=owner, **({"is_hidden": True} if hidden_field == "is_hidden" else {"is_public": False})
    )
    client.force_login(CitizenFactory())

    response = client.get(reverse("feedback:public_detail", args=[report.code]))

    assert response.status_code == 404


def test_unknown_code_is_404(client):
    assert client.get(reverse("feedback:public_detail", args=["PAKN.20260101.9999"])).status_code == 404


def test_citizen_follows_a_public_report(client):
    report = ReportFactory(reporter=CitizenFactory())
    follower = CitizenFactory()
    client.force_login(follower)

    response = client.post(reverse("feedback:follow", args=[report.code]))

    assert response.status_code == 302
    assert response.url == reverse("feedback:public_detail", args=[report.code])
    assert list(ReportFollower.objects.values_list("report_id", "user_id")) == [(report.pk, follower.pk)]
    page = client.get(response.url)
    assert "Bạn đang theo dõi phản ánh này." in page.content.decode()


def test_anonymous_visitor_is_sent_to_login_to_follow_and_nothing_changes(client):
    report = ReportFactory()
    url = reverse("feedback:follow", args=[report.code])

    response = client.post(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url}"
    assert ReportFollower.objects.count() == 0


def test_official_cannot_follow(client):
    report = ReportFactory()
    client.force_login(OfficialFactory())

    response = client.post(reverse("feedback:follow", args=[report.code]))

    assert response.status_code == 403
    assert ReportFollower.objects.count() == 0


def test_following_a_private_report_is_404(client):
    report = ReportFactory(is_public=False, reporter=CitizenFactory())
    client.force_login(CitizenFactory())

    response = client.post(reverse("feedback:follow", args=[report.code]))

    assert response.status_code == 404
    assert ReportFollower.objects.count() == 0


def _photo(report) -> ReportPhoto:
    return ReportPhoto.objects.create(report=report, stored_file=StoredFileFactory(owner=report.reporter))


def test_photo_of_public_report_is_served_to_anyone(client):
    report = ReportFactory(reporter=CitizenFactory())
    photo = _photo(report)

    response = client.get(reverse("feedback:photo", args=[report.code, photo.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == SAMPLE_PNG


def test_photo_of_private_report_only_for_its_reporter(client):
    owner = CitizenFactory()
    report = ReportFactory(reporter=owner, is_public=False)
    photo = _photo(report)
    url = reverse("feedback:photo", args=[report.code, photo.pk])

    assert client.get(url).status_code == 404
    client.force_login(CitizenFactory())
    assert client.get(url).status_code == 404
    client.force_login(owner)
    assert client.get(url).status_code == 200


def test_javascript_strings_come_translated_from_the_catalog(client):
    vietnamese = client.get("/jsi18n/")
    client.cookies["django_language"] = "en"
    english = client.get("/jsi18n/")

    assert vietnamese.status_code == english.status_code == 200
    assert "Follow this report" not in vietnamese.content.decode()
    assert '"Theo d\\u00f5i ph\\u1ea3n \\u00e1nh n\\u00e0y": "Follow this report"' in english.content.decode()
