"""The Open311 request-list cache: repeated polls are served from memory; any report change shows at once."""

import pytest
from django.test import override_settings

from congdanso.feedback.models import ReportStatus
from congdanso.feedback.open311 import response_cache
from congdanso.feedback.tests.factories import CategoryFactory, ReportFactory

pytestmark = pytest.mark.django_db
URL = "/open311/v2/requests.json"


@pytest.fixture(autouse=True)
def fresh_cache():
    response_cache.cache_clear()
    yield
    response_cache.cache_clear()


@override_settings(OPEN311_CACHE_SECONDS=60)
def test_repeated_poll_is_served_from_the_cache_with_one_stamp_query(client, django_assert_num_queries):
    category = CategoryFactory(code="den-cache")
    ReportFactory(code="PAKN.20261122.0001", category=category)
    first = client.get(URL, {"service_code": "den-cache"})

    with django_assert_num_queries(1):  # latest report and category updates, one round trip
        again = client.get(URL, {"service_code": "den-cache"})

    assert again.content == first.content
    assert again["Content-Type"] == "application/json; charset=utf-8"
    assert [item["service_request_id"] for item in again.json()] == ["PAKN.20261122.0001"]


@override_settings(OPEN311_CACHE_SECONDS=60)
def test_a_changed_report_is_seen_at_once(client):
    category = CategoryFactory(code="den-cache")
    report = ReportFactory(code="PAKN.20261122.0001", category=category)
    assert client.get(URL, {"service_code": "den-cache"}).json()[0]["status"] == "open"

    report.status = ReportStatus.RESOLVED
    report.save()  # saves a later updated_at, as every service does

    assert client.get(URL, {"service_code": "den-cache"}).json()[0]["status"] == "closed"


@override_settings(OPEN311_CACHE_SECONDS=60)
def test_a_hidden_report_disappears_at_once(client):
    category = CategoryFactory(code="den-cache")
    report = ReportFactory(code="PAKN.20261122.0001", category=category)
    assert len(client.get(URL, {"service_code": "den-cache"}).json()) == 1

    report.is_hidden = True
    report.save(update_fields=["is_hidden", "updated_at"])

    assert client.get(URL, {"service_code": "den-cache"}).json() == []


@override_settings(OPEN311_CACHE_SECONDS=60)
def test_errors_are_not_cached(client):
    assert client.get(URL, {"service_code": "khong-co"}).status_code == 404
    CategoryFactory(code="khong-co")
    assert client.get(URL, {"service_code": "khong-co"}).status_code == 200
