"""POST Service Request (GeoReport v2): api_key (403), jurisdiction_id (404), service_code (400/404), one
location, attributes (multivaluelist too), optional fields; realtime answer with the receipt code."""

import json
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from congdanso.audit.models import AuditEvent
from congdanso.feedback.models import Category, Report, ReportSource, ReportStatus, SubmissionKey
from congdanso.feedback.open311.services import open311_client_create, open311_client_revoke
from congdanso.feedback.tests.factories import CategoryFactory, RoutingRuleFactory
from congdanso.places.tests.factories import AgencyFactory, CommuneFactory

pytestmark = pytest.mark.django_db
URL = "/open311/v2/requests"
ATTRIBUTES = [
    {
        "code": "muc_do",
        "datatype": "singlevaluelist",
        "required": True,
        "description": "Mức độ",
        "values": [{"key": "nhe", "name": "Nhẹ"}, {"key": "nang", "name": "Nặng"}],
    },
    {
        "code": "thoi_diem",
        "datatype": "multivaluelist",
        "required": False,
        "description": "Thời điểm",
        "values": [{"key": "sang", "name": "Sáng"}, {"key": "toi", "name": "Tối"}],
    },
]


@pytest.fixture
def world():
    commune = CommuneFactory(
        code=5989, name="Phường Tam Thanh", short_name="Tam Thanh", codename="phuong_tam_thanh"
    )
    CommuneFactory(code=6001, name="Xã Thanh Sơn", short_name="Thanh Sơn", codename="xa_thanh_son")
    agency = AgencyFactory(name="UBND phường Tam Thanh", unit=commune)
    category = CategoryFactory(code="den-thu", name="Đèn thử", attributes=ATTRIBUTES)
    RoutingRuleFactory(category=category, commune=commune, agency=agency)
    client, key = open311_client_create(actor=None, name="Ứng dụng thử")
    return {"commune": commune, "agency": agency, "category": category, "client": client, "key": key}


def valid(world, **overrides) -> dict:
    data = {
        "api_key": world["key"],
        "service_code": "den-thu",
        "lat": "21.8537",
        "long": "106.7615",
        "attribute[muc_do]": "nang",
        "description": "Đèn đường không sáng.\nTừ tuần trước.",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post(data, fmt="json", **headers):
    # Machine clients send no CSRF token: the endpoint must not ask for one.
    return Client(enforce_csrf_checks=True).post(f"{URL}.{fmt}", data, **headers)


def assert_refused(response, http_status: int, description: str):
    assert response.status_code == http_status
    assert json.loads(response.content) == [{"code": http_status, "description": description}]
    assert Report.objects.count() == 0


def test_created_at_once_with_the_receipt_code(world):
    response = post(
        valid(
            world,
            **{"attribute[thoi_diem][]": ["sang", "toi"]},
            email="a@example.org",
            first_name="Văn",
            last_name="An",
            phone="0912 345 678",
            device_id="dev-1",
            account_id="acc-9",
            media_url="https://example.org/a.jpg",
            address_string="Đường Trần Đăng Ninh, Phường Tam Thanh",
        )
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    report = Report.objects.get()
    (body,) = json.loads(response.content)
    assert body["service_request_id"] == report.code
    assert body["account_id"] == "acc-9"
    assert body["service_notice"].startswith(f"Đã tiếp nhận phản ánh {report.code}. Hạn giải quyết: ")
    assert report.source == ReportSource.OPEN311
    assert report.open311_client == world["client"]
    assert report.reporter is None
    assert (report.category, report.commune, report.agency) == (
        world["category"],
        world["commune"],
        world["agency"],
    )
    assert report.status == ReportStatus.NEW
    assert report.title == "Đèn đường không sáng."
    assert report.description == "Đèn đường không sáng.\nTừ tuần trước."
    assert report.attributes == {"muc_do": "nang", "thoi_diem": ["sang", "toi"]}
    assert (report.contact_name, report.contact_email, report.contact_phone) == (
        "Văn An",
        "a@example.org",
        "0912345678",
    )
    assert report.media_url == "https://example.org/a.jpg"
    # The new request is readable at once, without the contact data.
    detail = Client().get(f"{URL}/{report.code}.json")
    assert json.loads(detail.content)[0]["service_request_id"] == report.code
    assert "a@example.org" not in detail.content.decode()


def test_a_pin_alone_goes_to_the_provincial_triage_queue_without_boundaries(world):
    assert post(valid(world)).status_code == 200
    report = Report.objects.get()
    assert (report.latitude, report.longitude, report.commune, report.agency) == (
        21.8537,
        106.7615,
        None,
        None,
    )


def test_xml_answer(world):
    response = post(valid(world), fmt="xml")
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "service_requests"
    assert root.findtext("request/service_request_id") == Report.objects.get().code
    assert root.find("request/account_id").text is None


def test_address_id_is_the_commune_code(world):
    response = post(valid(world, lat=None, long=None, address_id="5989", address_string="Số 5 Lê Lợi"))
    assert response.status_code == 200
    report = Report.objects.get()
    assert (report.latitude, report.commune, report.address) == (None, world["commune"], "Số 5 Lê Lợi")


def test_address_string_names_the_commune(world):
    response = post(
        valid(world, lat=None, long=None, address_string="12 Bà Triệu, phuong Tam Thanh, Lạng Sơn")
    )
    assert response.status_code == 200
    assert Report.objects.get().commune == world["commune"]


def test_address_string_without_a_commune_is_refused(world):
    assert_refused(
        post(valid(world, lat=None, long=None, address_string="12 Bà Triệu")),
        400,
        "address_string phải nêu tên xã/phường thuộc tỉnh (hoặc gửi lat và long, "
        "hoặc address_id là mã xã/phường).",
    )


def test_idempotency_key_returns_the_same_request(world):
    first = post(valid(world), HTTP_IDEMPOTENCY_KEY="k-1")
    again = post(valid(world), HTTP_IDEMPOTENCY_KEY="k-1")
    assert (
        json.loads(first.content)[0]["service_request_id"]
        == json.loads(again.content)[0]["service_request_id"]
    )
    assert Report.objects.count() == 1
    assert SubmissionKey.objects.get().scope == f"open311:{world['client'].pk}"
    post(valid(world), HTTP_IDEMPOTENCY_KEY="k-2")
    assert Report.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "description"),
    [
        ({"api_key": None}, "Thiếu api_key."),
        ({"api_key": ""}, "Thiếu api_key."),
        ({"api_key": "cds311_sai"}, "api_key không hợp lệ."),
    ],
)
def test_missing_or_wrong_api_key_is_403(world, overrides, description):
    assert_refused(post(valid(world, **overrides)), 403, description)
    response = post(valid(world, **overrides), fmt="xml")
    assert response.status_code == 403
    assert ET.fromstring(response.content).findtext("error/code") == "403"


def test_revoked_key_is_403(world):
    open311_client_revoke(actor=None, client=world["client"])
    assert_refused(post(valid(world)), 403, "api_key không hợp lệ.")


@pytest.mark.parametrize(
    ("overrides", "http_status", "description"),
    [
        ({"jurisdiction_id": "hanoi.gov.vn"}, 404, "Không phục vụ jurisdiction_id “hanoi.gov.vn”."),
        ({"service_code": None}, 400, "Thiếu service_code."),
        ({"service_code": "khong-co"}, 404, "Không có service_code “khong-co”."),
        (
            {"lat": None, "long": None},
            400,
            "Cần một vị trí: lat và long, hoặc address_string, hoặc address_id.",
        ),
        ({"long": None}, 400, "Cần gửi cả lat và long."),
        ({"lat": "bắc"}, 400, "lat phải là một số (toạ độ WGS84)."),
        ({"lat": "10.76", "long": "106.66"}, 400, "lat: Vị trí đã chọn nằm ngoài địa bàn tỉnh."),
        ({"address_id": "abc"}, 400, "address_id phải là mã đơn vị hành chính cấp xã (số)."),
        ({"attribute[muc_do]": None}, 400, "attribute[muc_do]: Vui lòng trả lời: Mức độ."),
        ({"attribute[muc_do]": "cuc-nang"}, 400, "attribute[muc_do]: Giá trị “muc_do” không hợp lệ."),
        ({"description": "x" * 4001}, 400, "description dài tối đa 4000 ký tự."),
        (
            {"description": "Xem <script>alert(1)</script>"},
            400,
            "description: Nội dung không được chứa mã HTML.",
        ),
        ({"email": "khong-phai-email"}, 400, "email: Địa chỉ thư điện tử không hợp lệ."),
        ({"account_id": "a" * 101}, 400, "account_id dài tối đa 100 ký tự."),
    ],
)
def test_bad_input_is_refused_with_the_spec_status(world, overrides, http_status, description):
    assert_refused(post(valid(world, **overrides)), http_status, description)


def test_bad_media_url_is_refused(world):
    response = post(valid(world, media_url="javascript:alert(1)"))
    assert response.status_code == 400
    (error,) = json.loads(response.content)
    assert error["description"].startswith("media_url: ")
    assert Report.objects.count() == 0


def test_inactive_service_is_404(world):
    Category.objects.filter(code="den-thu").update(is_active=False)
    assert_refused(post(valid(world)), 404, "Không có service_code “den-thu”.")


def test_refusals_write_no_audit_event(world):
    before = AuditEvent.objects.count()
    post(valid(world, api_key="cds311_sai"))
    post(valid(world, **{"attribute[muc_do]": None}))
    assert AuditEvent.objects.count() == before
