"""The one error shape, in Vietnamese by default and English on request."""

import pytest
from django.test import Client, override_settings
from django.urls import path
from ninja import NinjaAPI, Schema
from ninja.throttling import AnonRateThrottle

from congdanso.core.api_errors import install_error_handlers
from congdanso.core.errors import Conflict, NotFound

probe_api = NinjaAPI(urls_namespace="probe", docs_url=None, openapi_url=None)
install_error_handlers(probe_api)


class EchoIn(Schema):
    count: int


@probe_api.post("/echo")
def echo(request, payload: EchoIn):
    return {"count": payload.count}


@probe_api.get("/missing")
def missing(request):
    raise NotFound()


@probe_api.get("/conflict")
def conflict(request):
    raise Conflict("Hồ sơ đã được tiếp nhận.", code="already_received", details={"id": 7})


@probe_api.get("/boom")
def boom(request):
    raise RuntimeError("unexpected")


@probe_api.get("/limited", throttle=AnonRateThrottle("1/m"))
def limited(request):
    return {"ok": True}


urlpatterns = [path("api/probe/", probe_api.urls)]
pytestmark = [pytest.mark.urls(__name__)]


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def test_application_error_keeps_code_message_and_details(client):
    response = client.get("/api/probe/conflict")
    assert response.status_code == 409
    assert response.json() == {
        "code": "already_received",
        "message": "Hồ sơ đã được tiếp nhận.",
        "details": {"id": 7},
    }


def test_not_found_is_vietnamese_by_default(client):
    response = client.get("/api/probe/missing")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Không tìm thấy.", "details": None}


def test_not_found_in_english_when_asked(client):
    response = client.get("/api/probe/missing", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.json() == {"code": "not_found", "message": "Not found.", "details": None}
    assert response["Content-Language"] == "en"


def test_malformed_body_gets_validation_shape(client):
    response = client.post("/api/probe/echo", data={"count": "nhiều"}, content_type="application/json")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["message"] == "Dữ liệu gửi lên không hợp lệ."
    assert [detail["field"] for detail in body["details"]] == ["body.payload.count"]


def test_unparseable_json_gets_bad_request_shape(client):
    response = client.post("/api/probe/echo", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "code": "bad_request",
        "message": "Yêu cầu không đúng định dạng.",
        "details": None,
    }


def test_unexpected_error_hides_internals(client):
    response = client.get("/api/probe/boom")
    assert response.status_code == 500
    assert response.json() == {
        "code": "server_error",
        "message": "Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau.",
        "details": None,
    }


@override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}}
)
def test_throttled_request_gets_rate_limited_shape(client):
    assert client.get("/api/probe/limited").status_code == 200
    response = client.get("/api/probe/limited")
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert response.json()["message"] == "Bạn thao tác quá nhiều lần. Vui lòng thử lại sau."
