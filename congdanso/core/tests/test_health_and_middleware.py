import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_liveness_answers_ok():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_checks_database_and_task_backend():
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": True, "tasks": True}}


def test_readiness_reports_unavailable_task_backend(monkeypatch):
    from congdanso.jobs import selectors

    def unreachable(backend):
        raise ConnectionError("down")

    monkeypatch.setattr(selectors, "task_backend_reachable", unreachable)
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": True, "tasks": False}}


def test_request_id_is_echoed_when_sane_and_generated_otherwise():
    client = Client()
    assert client.get("/healthz", HTTP_X_REQUEST_ID="abc-123")["X-Request-ID"] == "abc-123"
    generated = client.get("/healthz", HTTP_X_REQUEST_ID="bad id with spaces")["X-Request-ID"]
    assert len(generated) == 32 and generated != "bad id with spaces"


def test_pages_ignore_browser_language_but_follow_the_cookie():
    client = Client()
    assert client.get("/healthz", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "vi"
    client.cookies["django_language"] = "en"
    assert client.get("/healthz")["Content-Language"] == "en"
