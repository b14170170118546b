"""Public unit lists: /api/v1/units and /api/v1/units/{code}/children."""

import pytest

from congdanso.accounts.models import Role
from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.audit.models import AuditEvent
from congdanso.places.models import AdministrativeUnit
from congdanso.places.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["anonymous", "citizen", "other_unit_official", "unit_official"])
def any_client(request, client):
    """The lists are public: every kind of caller gets the same answer."""
    if request.param == "citizen":
        client.force_login(CitizenFactory())
    elif request.param == "other_unit_official":
        hanoi_ward = AdministrativeUnit.objects.get(level="commune", code=4)
        client.force_login(OfficialFactory(agency=AgencyFactory(unit=hanoi_ward), roles=[Role.HANDLER]))
    elif request.param == "unit_official":
        dong_kinh = AdministrativeUnit.objects.get(level="commune", code=5977)
        client.force_login(OfficialFactory(agency=AgencyFactory(unit=dong_kinh), roles=[Role.ADMINISTRATOR]))
    return client


def test_provinces_list(any_client):
    events = AuditEvent.objects.count()
    units = AdministrativeUnit.objects.count()
    response = any_client.get("/api/v1/units")
    assert response.status_code == 200
    body = response.json()
    assert len(body) == 34
    assert body[0] == {
        "code": 1,
        "name": "Thành phố Hà Nội",
        "short_name": "Hà Nội",
        "type": "thanh-pho-trung-uong",
        "level": "province",
    }
    assert {
        "code": 20,
        "name": "Tỉnh Lạng Sơn",
        "short_name": "Lạng Sơn",
        "type": "tinh",
        "level": "province",
    } in body
    assert [item["code"] for item in body] == sorted(item["code"] for item in body)
    assert (AuditEvent.objects.count(), AdministrativeUnit.objects.count()) == (events, units)


def test_provinces_list_query_count(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/api/v1/units")
    assert response.status_code == 200


def test_langson_children(any_client):
    response = any_client.get("/api/v1/units/20/children")
    assert response.status_code == 200
    body = response.json()
    assert len(body) == 65
    assert sum(1 for item in body if item["type"] == "xa") == 61
    assert [item for item in body if item["type"] == "phuong"] == [
        {
            "code": 5977,
            "name": "Phường Đông Kinh",
            "short_name": "Đông Kinh",
            "type": "phuong",
            "level": "commune",
        },
        {
            "code": 5983,
            "name": "Phường Lương Văn Tri",
            "short_name": "Lương Văn Tri",
            "type": "phuong",
            "level": "commune",
        },
        {
            "code": 5986,
            "name": "Phường Tam Thanh",
            "short_name": "Tam Thanh",
            "type": "phuong",
            "level": "commune",
        },
        {"code": 6187, "name": "Phường Kỳ Lừa", "short_name": "Kỳ Lừa", "type": "phuong", "level": "commune"},
    ]


def test_children_query_count(client, django_assert_num_queries):
    with django_assert_num_queries(2):
        response = client.get("/api/v1/units/20/children")
    assert len(response.json()) == 65
    with django_assert_num_queries(2):
        response = client.get("/api/v1/units/79/children")  # Hồ Chí Minh: the largest list
    assert len(response.json()) == 168


def test_special_zones_are_typed():
    response_codes = {
        unit.code for unit in AdministrativeUnit.objects.filter(unit_type="dac-khu", parent__code=22)
    }
    assert len(response_codes) == 2  # Quảng Ninh: Vân Đồn and Cô Tô


def test_unknown_province_is_404_in_the_error_shape(client):
    response = client.get("/api/v1/units/999/children")
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "Không tìm thấy đơn vị hành chính mã 999.",
        "details": None,
    }


def test_a_commune_code_is_not_a_province(client):
    response = client.get("/api/v1/units/5977/children")
    assert response.status_code == 404
    assert response.json()["message"] == "Không tìm thấy đơn vị hành chính mã 5977."


def test_non_integer_code_is_422(client):
    response = client.get("/api/v1/units/abc/children")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["message"] == "Dữ liệu gửi lên không hợp lệ."
    assert body["details"][0]["field"] == "path.code"


def test_english_404_keeps_code_and_status(client):
    response = client.get("/api/v1/units/999/children", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert response.json()["message"] == "Administrative unit with code 999 not found."
    assert response["Content-Language"] == "en"


def test_openapi_operation_ids(client):
    schema = client.get("/api/v1/openapi.json").json()
    operations = {
        path: operation["get"]["operationId"]
        for path, operation in schema["paths"].items()
        if path.startswith("/api/v1/units")
    }
    assert operations == {
        "/api/v1/units": "units_list",
        "/api/v1/units/legacy/resolve": "units_legacy_resolve",
        "/api/v1/units/{code}/children": "units_children",
    }
