"""GET /api/v1/audit/events: role matrix, filters, pagination and a pinned query count.

Citizens (and officials without the administrator or supervisor role) get 403, not an empty page.
"""

import pytest

from congdanso.accounts.services.tokens import api_token_issue
from congdanso.audit.tests.factories import AuditEventFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/audit/events"


@pytest.fixture
def events(handler_a, handler_b):
    return {
        "a": AuditEventFactory(actor=handler_a, action="dossier.received", request_id="req-a"),
        "b": AuditEventFactory(actor=handler_b, action="dossier.received", request_id="req-b"),
    }


def test_anonymous_is_401(client, events):
    response = client.get(URL)
    assert response.status_code == 401
    assert response.json() == {"code": "not_authenticated", "message": "Bạn cần đăng nhập.", "details": None}


@pytest.mark.parametrize("who", ["citizen", "handler_a"])
def test_non_readers_are_403(request, client, events, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(URL)
    assert response.status_code == 403
    assert response.json() == {
        "code": "permission_denied",
        "message": "Bạn không có quyền xem nhật ký kiểm toán.",
        "details": None,
    }


def test_right_scope_supervisor_sees_their_agency_events(client, events, supervisor_a, handler_a):
    client.force_login(supervisor_a)
    response = client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["items"] == [
        {
            "id": events["a"].pk,
            "occurred_at": events["a"].occurred_at.isoformat().replace("+00:00", "Z"),
            "actor_id": str(handler_a.pk),
            "actor_name": handler_a.full_name,
            "action": "dossier.received",
            "object_type": "dossiers.dossier",
            "object_id": events["a"].object_id,
            "object_repr": events["a"].object_repr,
            "changes": {},
            "request_id": "req-a",
        }
    ]


def test_wrong_scope_supervisor_sees_none_of_other_agency_events(client, events, supervisor_b):
    client.force_login(supervisor_b)
    body = client.get(URL).json()
    assert [item["request_id"] for item in body["items"]] == ["req-b"]


def test_bearer_token_works(client, events, supervisor_a):
    _token, clear = api_token_issue(user=supervisor_a, name="Báo cáo")
    response = client.get(URL, {"action": "dossier.received"}, headers={"Authorization": f"Bearer {clear}"})
    assert response.status_code == 200
    assert [item["request_id"] for item in response.json()["items"]] == ["req-a"]


def test_filters_and_pagination(client, superuser, handler_a):
    for number in range(3):
        AuditEventFactory(actor=handler_a, action="dossier.received", request_id=f"req-{number}")
    AuditEventFactory(action="deadline.swept", object_id="sweep-1", request_id="req-sweep")
    client.force_login(superuser)

    page_one = client.get(URL, {"action": "dossier.received", "page_size": 2}).json()
    page_two = client.get(URL, {"action": "dossier.received", "page_size": 2, "page": 2}).json()
    assert page_one["count"] == 3
    assert [item["request_id"] for item in page_one["items"] + page_two["items"]] == [
        "req-2",
        "req-1",
        "req-0",
    ]
    assert client.get(URL, {"object_id": "sweep-1"}).json()["items"][0]["request_id"] == "req-sweep"
    assert client.get(URL, {"actor": str(handler_a.pk)}).json()["count"] == 3


def test_bad_filter_is_422(client, superuser):
    client.force_login(superuser)
    response = client.get(URL, {"since": "hôm qua"})
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"


@pytest.mark.parametrize("count", [3, 30])
def test_query_count_is_pinned(client, django_assert_num_queries, supervisor_a, handler_a, count):
    for _ in range(count):
        AuditEventFactory(actor=handler_a)
    client.force_login(supervisor_a)
    # session, user, role grants, agencies in scope, count, page with the actors joined
    with django_assert_num_queries(6):
        response = client.get(URL)
    assert response.json()["count"] == count
