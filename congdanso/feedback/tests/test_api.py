"""The citizen API: role matrix, status codes, error shape, idempotent submit, pinned query counts."""

import pytest
from django.test import Client

from congdanso.accounts.services import api_token_issue
from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.feedback.models import Report, ReportFollower, ReportStatus
from congdanso.feedback.tests import submission_support as support
from congdanso.feedback.tests.factories import ReportFactory
from congdanso.feedback.tests.workflow_people import snapshot
from congdanso.places.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db
BASE = "/api/v1/feedback"


def bearer(user) -> dict:
    _token, clear = api_token_issue(user=user, name="thử")
    return {"HTTP_AUTHORIZATION": f"Bearer {clear}"}


@pytest.fixture
def places():
    return support.langson_communes()


def form(**overrides):
    data = {
        "category": "chieu-sang",
        "title": "Đèn đường hỏng",
        "description": "Đèn trước cổng chợ không sáng.",
        "commune_code": "5977",
        "address": "Cổng chợ Đông Kinh",
    }
    data.update(overrides)
    return data


def test_categories_are_public(client):
    response = client.get(f"{BASE}/categories")
    assert response.status_code == 200
    body = response.json()
    assert len(body) == 11
    assert body[0]["code"] == "giao-thong"
    assert body[0]["attributes"][0]["values"][0] == {"key": "o-ga", "name": "Ổ gà, hư hỏng mặt đường"}


def test_submit_then_retry_with_the_same_key(client, places):
    citizen = CitizenFactory()
    headers = {**bearer(citizen), "HTTP_IDEMPOTENCY_KEY": "abc-123"}
    photos = [support.jpeg_with_gps("1.jpg"), support.jpeg_with_gps("2.jpg")]
    first = client.post(f"{BASE}/reports", {**form(), "photos": photos}, **headers)
    assert first.status_code == 201, first.content
    report = Report.objects.get()
    assert first.json() == {"id": str(report.pk), "code": report.code, "status": "new"}
    assert report.photos.count() == 2
    again = client.post(f"{BASE}/reports", form(title="Khác"), **headers)
    assert again.status_code == 200
    assert again.json()["code"] == report.code
    assert Report.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 401), ("official", 403), ("citizen", 201)],
)
def test_submit_role_matrix(client, places, who, status):
    headers = {}
    if who != "anonymous":
        user = CitizenFactory() if who == "citizen" else OfficialFactory()
        headers = bearer(user)
    response = client.post(f"{BASE}/reports", form(), **headers)
    assert response.status_code == status
    assert Report.objects.count() == (1 if status == 201 else 0)


BAD = [
    (form(category="khong-co"), 422, "unknown_category"),
    (form(commune_code=""), 422, "location_required"),
    (form(latitude="21.0285", longitude="105.8542"), 422, "out_of_province"),
    (form(latitude="21.85"), 422, "location_incomplete"),
    (form(description="<script>alert(1)</script>"), 422, "html_not_allowed"),
    (form(title=""), 422, "required"),
    (form(latitude="bắc"), 422, "validation_error"),
]


@pytest.mark.parametrize(("data", "status", "code"), BAD)
def test_submit_bad_input(client, places, data, status, code):
    citizen = CitizenFactory()
    before = support.counts()
    response = client.post(f"{BASE}/reports", data, **bearer(citizen))
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code
    assert set(body) == {"code", "message", "details"}
    after = support.counts()
    assert {key: value for key, value in after.items() if key != "audit"} == {
        key: value for key, value in before.items() if key != "audit"
    }
    assert after["reports"] == 0


def test_submit_bad_photos(client, places):
    citizen = CitizenFactory()
    headers = bearer(citizen)
    too_many = client.post(
        f"{BASE}/reports",
        {**form(), "photos": [support.jpeg_with_gps(f"{n}.jpg") for n in range(6)]},
        **headers,
    )
    assert (too_many.status_code, too_many.json()["code"]) == (422, "too_many_photos")
    not_image = client.post(f"{BASE}/reports", {**form(), "photos": [support.text_file()]}, **headers)
    assert (not_image.status_code, not_image.json()["code"]) == (415, "unsupported_file_type")
    assert Report.objects.count() == 0


def test_html_error_message(client, places):
    response = client.post(f"{BASE}/reports", form(title="<b>x</b>"), **bearer(CitizenFactory()))
    assert response.json()["message"] == "Nội dung không được chứa mã HTML."
    assert response.json()["details"] == {"field": "title", "message": "Nội dung không được chứa mã HTML."}


def test_report_detail_views_by_audience(client):
    owner = CitizenFactory()
    report = ReportFactory(reporter=owner, contact_phone="0912000111")
    private = ReportFactory(reporter=owner, is_public=False)
    right = OfficialFactory(agency=private.agency)
    wrong = OfficialFactory(agency=AgencyFactory())

    def get(code, user=None):
        return client.get(f"{BASE}/reports/{code}", **(bearer(user) if user else {}))

    public_view = get(report.code).json()
    assert "id" not in public_view and "events" not in public_view
    assert "0912000111" not in str(public_view) and owner.full_name not in str(public_view)
    assert get(report.code, owner).json()["id"] == str(report.pk)
    assert get(private.code).status_code == 404
    assert get(private.code, CitizenFactory()).status_code == 404
    assert get(private.code, wrong).status_code == 404
    assert get(private.code, right).json()["code"] == private.code
    assert get(private.code, owner).json()["is_public"] is False


def test_mine_lists_only_own_reports_with_pinned_queries(client, django_assert_num_queries):
    owner = CitizenFactory()
    for _ in range(3):
        ReportFactory(reporter=owner)
    ReportFactory()
    headers = bearer(owner)
    with django_assert_num_queries(4):  # token + user, count, page
        response = client.get(f"{BASE}/reports/mine", **headers)
    body = response.json()
    assert body["count"] == 3
    assert client.get(f"{BASE}/reports/mine").status_code == 401


def test_public_list_pinned_queries_and_privacy(client, django_assert_num_queries):
    for _ in range(5):
        ReportFactory()
    ReportFactory(is_public=False)
    ReportFactory(is_hidden=True)
    with django_assert_num_queries(2):  # count, page (category, commune, agency joined)
        response = client.get(f"{BASE}/public/reports?status=open")
    body = response.json()
    assert body["count"] == 5
    assert set(body["items"][0]) >= {"code", "title", "status", "reporter_name"}
    assert not {"reporter", "contact_name", "contact_email", "contact_phone", "id"} & set(body["items"][0])
    assert client.get(f"{BASE}/public/reports?status=sai").json()["code"] == "invalid_status"


def test_public_map(client, django_assert_num_queries):
    ReportFactory(latitude=21.8537, longitude=106.7615, title="Một mình")
    with django_assert_num_queries(2):
        response = client.get(f"{BASE}/public/map?bbox=21.7,106.6,21.95,106.9&zoom=15")
    assert response.status_code == 200
    assert [(p["count"], p["title"]) for p in response.json()] == [(1, "Một mình")]
    bad = client.get(f"{BASE}/public/map?bbox=1,2,3&zoom=15")
    assert (bad.status_code, bad.json()["code"]) == (422, "invalid_bbox")


def test_public_map_shows_open_reports_unless_asked_for_all(client):
    ReportFactory(latitude=21.8537, longitude=106.7615, title="Đang mở")
    ReportFactory(latitude=21.8637, longitude=106.7715, title="Đã xong", status=ReportStatus.RESOLVED)
    bbox = "bbox=21.7,106.6,21.95,106.9&zoom=15"

    default = client.get(f"{BASE}/public/map?{bbox}").json()
    everything = client.get(f"{BASE}/public/map?{bbox}&status=all").json()
    resolved = client.get(f"{BASE}/public/map?{bbox}&status=resolved").json()

    assert [p["title"] for p in default] == ["Đang mở"]
    assert sorted(p["title"] for p in everything) == ["Đang mở", "Đã xong"]
    assert [p["title"] for p in resolved] == ["Đã xong"]


def test_nearby(client):
    report = ReportFactory(category=support.category("giao-thong"))
    response = client.get(f"{BASE}/nearby?category=giao-thong&lat=21.8537&long=106.7615")
    assert [(item["code"], item["distance_m"]) for item in response.json()] == [(report.code, 0)]
    unknown = client.get(f"{BASE}/nearby?category=khong-co&lat=21.8&long=106.7")
    assert (unknown.status_code, unknown.json()["code"]) == (422, "unknown_category")


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 401), ("owner", 409), ("other", 200), ("official", 200)]
)
def test_follow_role_matrix(client, who, status):
    owner = CitizenFactory()
    report = ReportFactory(reporter=owner)
    users = {"owner": owner, "other": CitizenFactory(), "official": OfficialFactory()}
    headers = bearer(users[who]) if who in users else {}
    response = client.post(f"{BASE}/reports/{report.code}/follow", **headers)
    assert response.status_code == status
    assert ReportFollower.objects.count() == (1 if status == 200 else 0)


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 401), ("other", 404), ("wrong_official", 404), ("right_official", 403), ("owner", 200)],
)
def test_rate_role_matrix(client, who, status):
    owner = CitizenFactory()
    report = ReportFactory(reporter=owner, status=ReportStatus.RESOLVED)
    users = {
        "owner": owner,
        "other": CitizenFactory(),
        "wrong_official": OfficialFactory(agency=AgencyFactory()),
        "right_official": OfficialFactory(agency=report.agency),
    }
    headers = bearer(users[who]) if who in users else {}
    before = snapshot(report)
    response = client.post(
        f"{BASE}/reports/{report.code}/rating",
        {"rating": 5, "comment": "Tốt"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == status
    report.refresh_from_db()
    if status == 200:
        assert (report.status, report.rating) == (ReportStatus.CLOSED, 5)
        assert response.json()["rating"] == 5
    else:
        assert snapshot(report) == before


def test_info_and_reopen_endpoints(client):
    owner = CitizenFactory()
    headers = bearer(owner)
    waiting = ReportFactory(reporter=owner, status=ReportStatus.AWAITING_INFO)
    response = client.post(
        f"{BASE}/reports/{waiting.code}/info",
        {"message": "Ảnh chụp gần", "photos": [support.jpeg_with_gps()]},
        **headers,
    )
    assert response.status_code == 200
    assert response.json()["status"] == "accepted"
    assert [event["kind"] for event in response.json()["events"]] == ["info_added"]
    from django.utils import timezone

    resolved = ReportFactory(reporter=owner, status=ReportStatus.RESOLVED, resolved_at=timezone.now())
    reopened = client.post(
        f"{BASE}/reports/{resolved.code}/reopen",
        {"reason": "Chưa sửa"},
        content_type="application/json",
        **headers,
    )
    assert (reopened.status_code, reopened.json()["reopen_count"]) == (200, 1)
    again = client.post(
        f"{BASE}/reports/{resolved.code}/reopen",
        {"reason": "Chưa sửa"},
        content_type="application/json",
        **headers,
    )
    assert (again.status_code, again.json()["code"]) == (409, "not_reopenable")


def test_session_submit_requires_csrf(places):
    citizen = CitizenFactory()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(citizen)
    response = strict.post(f"{BASE}/reports", form())
    assert response.status_code == 403
    assert Report.objects.count() == 0
