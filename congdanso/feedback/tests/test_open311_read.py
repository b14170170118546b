"""Open311 GeoReport v2 read endpoints, tested from the specification text (GeoReport v2 + Service Discovery):
discovery, services, service definitions, GET requests (filters, defaults, errors), a request, tokens."""

import datetime as dt
import json
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings

from congdanso.feedback.models import Category, Report, ReportStatus
from congdanso.feedback.tests.factories import CategoryFactory, ReportFactory
from congdanso.places.tests.factories import AgencyFactory, CommuneFactory

pytestmark = pytest.mark.django_db
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=LOCAL)
BASE = "/open311/v2"
XML_TYPE = "text/xml; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
ATTRIBUTES = [
    {
        "code": "muc_do",
        "datatype": "singlevaluelist",
        "required": True,
        "description": "Mức độ",
        "order": 2,
        "values": [{"key": "nhe", "name": "Nhẹ"}, {"key": "nang", "name": "Nặng"}],
    },
    {"code": "ghi_chu", "datatype": "text", "required": False, "description": "Ghi chú", "order": 1},
]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        Category.objects.all().delete()  # the seeded taxonomy: these tests use their own categories
        yield


@pytest.fixture
def lighting():
    return CategoryFactory(
        code="chieu-sang",
        name="Điện chiếu sáng",
        name_en="Street lighting",
        description="Đèn đường hỏng, tắt, sáng ban ngày.",
        group="Hạ tầng",
        keywords="đèn, chiếu sáng",
        position=1,
        attributes=ATTRIBUTES,
    )


@pytest.fixture
def waste():
    return CategoryFactory(code="rac-thai", name="Môi trường, rác thải", group="Môi trường", position=2)


def report_at(moment: dt.datetime, **fields) -> Report:
    report = ReportFactory(**fields)
    Report.objects.filter(pk=report.pk).update(created_at=moment, updated_at=moment)
    report.refresh_from_db()
    return report


def get_json(client, path: str, **params):
    response = client.get(f"{BASE}/{path}.json", params)
    assert response["Content-Type"] == JSON_TYPE
    return response.status_code, json.loads(response.content)


def get_xml(client, path: str, **params):
    response = client.get(f"{BASE}/{path}.xml", params)
    assert response["Content-Type"] == XML_TYPE
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return response.status_code, ET.fromstring(response.content)


def codes_json(client, **params) -> list[str]:
    status, body = get_json(client, "requests", **params)
    assert status == 200, body
    return [item["service_request_id"] for item in body]


def assert_error(client, path: str, http_status: int, description: str, **params):
    """The spec's error format in both formats, with the spec's HTTP status."""
    code, body = get_json(client, path, **params)
    assert (code, body) == (http_status, [{"code": http_status, "description": description}])
    code, root = get_xml(client, path, **params)
    assert code == http_status
    assert root.tag == "errors"
    assert [(e.findtext("code"), e.findtext("description")) for e in root] == [
        (str(http_status), description)
    ]


# --- discovery ------------------------------------------------------------------------------------------


def test_discovery_json_and_xml(client, lighting):
    status, body = get_json(client, "discovery")
    assert status == 200
    assert set(body) == {"changeset", "contact", "key_service", "endpoints"}
    assert body["changeset"] == "2026-11-22T10:00:00+07:00"
    assert body["endpoints"] == [
        {
            "specification": "http://wiki.open311.org/GeoReport_v2",
            "url": "http://testserver/open311/v2",
            "changeset": "2026-11-22T10:00:00+07:00",
            "type": "production",
            "formats": ["text/xml", "application/json"],
        }
    ]
    status, root = get_xml(client, "discovery")
    assert status == 200 and root.tag == "discovery"
    assert [child.tag for child in root] == ["changeset", "contact", "key_service", "endpoints"]
    endpoint = root.find("endpoints/endpoint")
    assert endpoint.findtext("url") == "http://testserver/open311/v2"
    assert [f.text for f in endpoint.findall("formats/format")] == ["text/xml", "application/json"]
    assert root.findtext("contact") == body["contact"]


# --- services -----------------------------------------------------------------------------------------


def test_services_lists_active_categories_with_string_codes(client, lighting, waste):
    CategoryFactory(code="cu", name="Ngừng dùng", is_active=False)
    status, body = get_json(client, "services")
    assert status == 200
    assert body == [
        {
            "service_code": "chieu-sang",
            "service_name": "Điện chiếu sáng",
            "description": "Đèn đường hỏng, tắt, sáng ban ngày.",
            "metadata": True,
            "type": "realtime",
            "keywords": "đèn, chiếu sáng",
            "group": "Hạ tầng",
        },
        {
            "service_code": "rac-thai",
            "service_name": "Môi trường, rác thải",
            "description": "",
            "metadata": False,
            "type": "realtime",
            "keywords": "",
            "group": "Môi trường",
        },
    ]
    status, root = get_xml(client, "services")
    assert root.tag == "services"
    services = root.findall("service")
    assert [s.findtext("service_code") for s in services] == ["chieu-sang", "rac-thai"]
    assert [s.findtext("metadata") for s in services] == ["true", "false"]
    assert services[0].findtext("service_name") == "Điện chiếu sáng"


def test_services_jurisdiction_id(client, lighting):
    assert get_json(client, "services", jurisdiction_id="langson.gov.vn")[0] == 200
    assert get_json(client, "services", jurisdiction_id="")[0] == 200  # empty ≡ absent
    assert_error(
        client,
        "services",
        404,
        "Không phục vụ jurisdiction_id “hanoi.gov.vn”.",
        jurisdiction_id="hanoi.gov.vn",
    )


def test_service_definition(client, lighting):
    status, body = get_json(client, "services/chieu-sang")
    assert status == 200
    assert body == {
        "service_code": "chieu-sang",
        "attributes": [
            {
                "variable": True,
                "code": "ghi_chu",
                "datatype": "text",
                "required": False,
                "datatype_description": "",
                "order": 1,
                "description": "Ghi chú",
                "values": [],
            },
            {
                "variable": True,
                "code": "muc_do",
                "datatype": "singlevaluelist",
                "required": True,
                "datatype_description": "",
                "order": 2,
                "description": "Mức độ",
                "values": [{"key": "nhe", "name": "Nhẹ"}, {"key": "nang", "name": "Nặng"}],
            },
        ],
    }
    status, root = get_xml(client, "services/chieu-sang")
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "chieu-sang"
    attribute = root.findall("attributes/attribute")[1]
    assert attribute.findtext("required") == "true"
    assert [(v.findtext("key"), v.findtext("name")) for v in attribute.findall("values/value")] == [
        ("nhe", "Nhẹ"),
        ("nang", "Nặng"),
    ]


def test_service_definition_unknown_or_inactive_code_is_404(client, lighting):
    CategoryFactory(code="cu", is_active=False)
    assert_error(client, "services/khong-co", 404, "Không có service_code “khong-co”.")
    assert_error(client, "services/cu", 404, "Không có service_code “cu”.")


# --- GET requests -------------------------------------------------------------------------------------


def test_request_fields_and_privacy(client, lighting):
    agency = AgencyFactory(name="UBND phường Tam Thanh")
    commune = CommuneFactory(code=5989)
    report = report_at(
        NOW - dt.timedelta(days=2),
        code="PAKN.20261120.0007",
        category=lighting,
        agency=agency,
        commune=commune,
        status=ReportStatus.RESOLVED,
        public_answer="Đã thay bóng đèn.",
        description="Đèn không sáng.",
        address="Đường Trần Đăng Ninh",
        media_url="https://example.org/anh.jpg",
        contact_name="Lê Văn Bí Mật",
        contact_email="bimat@example.org",
        contact_phone="0912345678",
        resolve_due_at=dt.datetime(2026, 12, 4, 17, 0, tzinfo=LOCAL),
    )
    Report.objects.filter(pk=report.pk).update(resolved_at=NOW - dt.timedelta(days=1))
    status, body = get_json(client, "requests")
    assert body == [
        {
            "service_request_id": "PAKN.20261120.0007",
            "status": "closed",
            "status_notes": "Đã thay bóng đèn.",
            "service_name": "Điện chiếu sáng",
            "service_code": "chieu-sang",
            "description": "Đèn không sáng.",
            "agency_responsible": "UBND phường Tam Thanh",
            "service_notice": "",
            "requested_datetime": "2026-11-20T10:00:00+07:00",
            "updated_datetime": "2026-11-21T10:00:00+07:00",
            "expected_datetime": "2026-12-04T17:00:00+07:00",
            "address": "Đường Trần Đăng Ninh",
            "address_id": "5989",
            "zipcode": "",
            "lat": 21.8537,
            "long": 106.7615,
            "media_url": "https://example.org/anh.jpg",
        }
    ]
    for fmt in ("json", "xml"):
        content = client.get(f"{BASE}/requests.{fmt}").content.decode()
        for secret in ("Lê Văn Bí Mật", "bimat@example.org", "0912345678"):
            assert secret not in content
    status, root = get_xml(client, "requests")
    assert root.tag == "service_requests"
    (request,) = root.findall("request")
    assert request.findtext("status") == "closed"
    assert request.findtext("lat") == "21.8537"
    assert request.find("zipcode").text is None


def test_private_and_hidden_reports_are_never_listed(client, lighting):
    report_at(NOW - dt.timedelta(days=1), code="PAKN.1", category=lighting)
    report_at(NOW - dt.timedelta(days=1), code="PAKN.2", category=lighting, is_public=False)
    report_at(NOW - dt.timedelta(days=1), code="PAKN.3", category=lighting, is_hidden=True)
    assert codes_json(client) == ["PAKN.1"]
    assert codes_json(client, service_request_id="PAKN.1,PAKN.2,PAKN.3") == ["PAKN.1"]
    assert_error(client, "requests/PAKN.2", 404, "Không có service_request_id “PAKN.2”.")
    assert_error(client, "requests/PAKN.3", 404, "Không có service_request_id “PAKN.3”.")


def test_default_window_is_the_last_90_days_newest_first(client, lighting):
    report_at(NOW - dt.timedelta(days=91), code="PAKN.old")
    report_at(NOW - dt.timedelta(days=89), code="PAKN.89")
    report_at(NOW - dt.timedelta(hours=1), code="PAKN.new")
    assert codes_json(client) == ["PAKN.new", "PAKN.89"]
    assert codes_json(client, start_date="", end_date="", status="", service_code="") == [
        "PAKN.new",
        "PAKN.89",
    ]


def test_default_volume_is_at_most_1000(client, lighting):
    first = ReportFactory(category=lighting)
    rows = [
        Report(
            code=f"PAKN.B.{n:04d}",
            category=lighting,
            title="t",
            description="d",
            commune=first.commune,
            agency=first.agency,
        )
        for n in range(1000)
    ]
    Report.objects.bulk_create(rows)
    Report.objects.update(created_at=NOW - dt.timedelta(days=1))
    Report.objects.filter(pk=first.pk).update(created_at=NOW - dt.timedelta(days=2))
    codes = codes_json(client)
    assert len(codes) == 1000
    assert first.code not in codes


def test_status_filter(client, lighting):
    report_at(NOW - dt.timedelta(days=3), code="PAKN.new", status=ReportStatus.NEW)
    report_at(NOW - dt.timedelta(days=2), code="PAKN.info", status=ReportStatus.AWAITING_INFO)
    report_at(NOW - dt.timedelta(days=1), code="PAKN.rejected", status=ReportStatus.REJECTED)
    assert codes_json(client, status="open") == ["PAKN.info", "PAKN.new"]
    assert codes_json(client, status="closed") == ["PAKN.rejected"]
    assert codes_json(client, status="open,closed") == ["PAKN.rejected", "PAKN.info", "PAKN.new"]
    assert_error(
        client,
        "requests",
        400,
        "status chỉ nhận open, closed (có thể cách nhau dấu phẩy); không hiểu: done.",
        status="done",
    )


def test_service_code_filter_and_unknown_code(client, lighting, waste):
    report_at(NOW - dt.timedelta(days=2), code="PAKN.den", category=lighting)
    report_at(NOW - dt.timedelta(days=1), code="PAKN.rac", category=waste)
    assert codes_json(client, service_code="chieu-sang") == ["PAKN.den"]
    assert codes_json(client, service_code="chieu-sang,rac-thai") == ["PAKN.rac", "PAKN.den"]
    assert_error(
        client, "requests", 404, "Không có service_code “khong-co”.", service_code="rac-thai,khong-co"
    )


def test_date_filters(client, lighting):
    report_at(dt.datetime(2026, 10, 1, 8, 0, tzinfo=LOCAL), code="PAKN.oct1")
    report_at(dt.datetime(2026, 10, 15, 8, 0, tzinfo=LOCAL), code="PAKN.oct15")
    report_at(dt.datetime(2026, 11, 20, 8, 0, tzinfo=LOCAL), code="PAKN.nov20")
    assert codes_json(client, start_date="2026-10-01T00:00:00Z", end_date="2026-10-31T00:00:00Z") == [
        "PAKN.oct15",
        "PAKN.oct1",
    ]
    # 2026-10-01 08:00 +07:00 is 01:00Z: both bounds are inclusive.
    assert codes_json(client, start_date="2026-10-01T01:00:00Z", end_date="2026-10-15T01:00:00Z") == [
        "PAKN.oct15",
        "PAKN.oct1",
    ]
    assert codes_json(client, start_date="2026-10-01T01:00:01Z", end_date="2026-10-15T00:59:59Z") == []
    # Dates alone are whole local days; an offset may arrive unencoded ("+" read as a space).
    assert codes_json(client, start_date="2026-10-15", end_date="2026-10-15") == ["PAKN.oct15"]
    assert codes_json(client, start_date="2026-10-15T08:00:00 07:00") == ["PAKN.nov20", "PAKN.oct15"]
    # Only one bound: the window is 90 days from (or up to) it.
    assert codes_json(client, end_date="2026-10-20T00:00:00+07:00") == ["PAKN.oct15", "PAKN.oct1"]


def test_bad_dates_and_spans(client, lighting):
    assert_error(
        client,
        "requests",
        400,
        "start_date không phải ngày giờ W3C hợp lệ (ví dụ 2026-01-01T00:00:00Z): “hôm qua”.",
        start_date="hôm qua",
    )
    assert_error(
        client,
        "requests",
        400,
        "end_date không phải ngày giờ W3C hợp lệ (ví dụ 2026-01-01T00:00:00Z): “2026-02-30”.",
        end_date="2026-02-30",
    )
    assert_error(
        client,
        "requests",
        400,
        "Khoảng từ start_date đến end_date không được quá 90 ngày.",
        start_date="2026-01-01T00:00:00Z",
        end_date="2026-04-02T00:00:00Z",
    )
    assert_error(
        client,
        "requests",
        400,
        "end_date phải sau start_date.",
        start_date="2026-05-01T00:00:00Z",
        end_date="2026-04-01T00:00:00Z",
    )


def test_service_request_id_overrides_every_other_argument(client, lighting, waste):
    report_at(NOW - dt.timedelta(days=200), code="PAKN.A", category=lighting, status=ReportStatus.CLOSED)
    report_at(NOW - dt.timedelta(days=1), code="PAKN.B", category=waste)
    codes = codes_json(
        client,
        service_request_id="PAKN.A, PAKN.B,PAKN.missing",
        status="open",
        service_code="rac-thai",
        start_date="not a date",
    )
    assert codes == ["PAKN.B", "PAKN.A"]


def test_filtered_list_costs_two_queries(client, lighting, waste, django_assert_num_queries):
    for n in range(5):
        report_at(NOW - dt.timedelta(days=n + 1), code=f"PAKN.{n}", category=lighting, agency=AgencyFactory())
    params = {"status": "open", "service_code": "chieu-sang,rac-thai", "start_date": "2026-11-01"}
    with django_assert_num_queries(2):  # the service codes, then the list (joined, one query)
        response = client.get(f"{BASE}/requests.json", params)
    assert len(json.loads(response.content)) == 5
    with django_assert_num_queries(1):
        client.get(f"{BASE}/requests.xml", {"status": "closed"})


def test_one_request(client, lighting):
    report_at(NOW - dt.timedelta(days=400), code="PAKN.20251018.0001", category=lighting)
    status, body = get_json(client, "requests/PAKN.20251018.0001")
    assert status == 200
    assert [item["service_request_id"] for item in body] == ["PAKN.20251018.0001"]
    status, root = get_xml(client, "requests/PAKN.20251018.0001")
    assert root.tag == "service_requests"
    assert [r.findtext("service_request_id") for r in root.findall("request")] == ["PAKN.20251018.0001"]
    assert_error(client, "requests/PAKN.0", 404, "Không có service_request_id “PAKN.0”.")


def test_tokens_are_never_issued_so_every_token_is_unknown(client):
    assert_error(
        client, "tokens/abc123", 404, "Không có token “abc123” (dịch vụ trả service_request_id ngay)."
    )


def test_unknown_resource_and_format(client):
    response = client.get(f"{BASE}/reports.json")
    assert response.status_code == 404
    assert json.loads(response.content) == [{"code": 404, "description": "Không có tài nguyên Open311 này."}]
    response = client.get(f"{BASE}/services.html")
    assert response.status_code == 404
    assert ET.fromstring(response.content).findtext("error/code") == "404"


def test_unsupported_method(client):
    response = client.delete(f"{BASE}/services.json")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert json.loads(response.content)[0]["code"] == 405


def test_xml_escapes_text_and_drops_invalid_characters(client, lighting):
    report_at(NOW - dt.timedelta(days=1), code="PAKN.x", category=lighting, description="a < b & c > d \x0b")
    status, root = get_xml(client, "requests")
    assert root.find("request").findtext("description") == "a < b & c > d "


@override_settings(LANGUAGE_CODE="vi")
def test_english_names_follow_the_language_cookie(client, lighting):
    client.cookies["django_language"] = "en"
    assert get_json(client, "services")[1][0]["service_name"] == "Street lighting"
