"""The audit admin is read-only, scoped like the API, and lists without N+1 queries."""

import pytest

from congdanso.audit.models import AuditEvent
from congdanso.audit.tests.factories import AuditEventFactory

pytestmark = pytest.mark.django_db
LIST_URL = "/quan-tri/audit/auditevent/"


def staff(user):
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def test_no_add_change_or_delete(client, superuser, handler_a):
    event = AuditEventFactory(actor=handler_a, action="dossier.received")
    client.force_login(superuser)
    assert client.get(f"{LIST_URL}add/").status_code == 403
    assert client.post(f"{LIST_URL}{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(f"{LIST_URL}{event.pk}/change/", {"action": "x"}).status_code == 403
    assert client.get(f"{LIST_URL}{event.pk}/change/").status_code == 200  # view only
    assert AuditEvent.objects.get().action == "dossier.received"


def test_supervisor_list_is_scoped(client, supervisor_a, handler_a, handler_b):
    AuditEventFactory(actor=handler_a, request_id="req-in-scope")
    AuditEventFactory(actor=handler_b, request_id="req-out-of-scope")
    client.force_login(staff(supervisor_a))
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert "req-in-scope" in response.text
    assert "req-out-of-scope" not in response.text


def test_handler_has_no_access(client, handler_a):
    client.force_login(staff(handler_a))
    assert client.get(LIST_URL).status_code == 403


def test_search_by_request_id_and_filter_by_action(client, superuser, handler_a):
    AuditEventFactory(actor=handler_a, action="dossier.received", request_id="req-find-me")
    AuditEventFactory(actor=handler_a, action="dossier.returned", request_id="req-other")
    client.force_login(superuser)
    found = client.get(LIST_URL, {"q": "req-find-me"})
    assert "req-find-me" in found.text and "req-other" not in found.text
    filtered = client.get(LIST_URL, {"action": "dossier.returned"})
    assert "req-other" in filtered.text and "req-find-me" not in filtered.text


def test_list_query_count_does_not_grow_with_rows(
    client, superuser, handler_a, handler_b, django_assert_num_queries
):
    client.force_login(superuser)
    AuditEventFactory(actor=handler_a)
    client.get(LIST_URL)  # warm up the per-process caches (content types, etc.)
    with django_assert_num_queries(8) as few:  # the same 8 whatever the number of rows
        client.get(LIST_URL)
    for actor in [handler_a, handler_b] * 10:
        AuditEventFactory(actor=actor)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(LIST_URL)
