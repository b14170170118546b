"""``audit_record``: only inside a transaction; records actor, target and the current request id."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from congdanso.audit.models import AuditEvent
from congdanso.audit.services import audit_record
from congdanso.core.request_context import current_request_id
from congdanso.places.tests.factories import AgencyFactory


@pytest.mark.django_db(transaction=True)
def test_refuses_to_run_outside_a_transaction():
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit_record(action="agency.renamed", object_type="places.agency", object_id="1")
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_runs_inside_an_atomic_block():
    with transaction.atomic():
        audit_record(action="agency.renamed", object_type="places.agency", object_id="1")
    assert AuditEvent.objects.count() == 1


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 4, 22, 9, 30, tzinfo=dt.UTC), tick=False)
def test_records_target_actor_changes_and_request_id(handler_a):
    agency = AgencyFactory(name="UBND xã Đồng Đăng")
    token = current_request_id.set("req-abc-123")
    try:
        event = audit_record(actor=handler_a, action="agency.renamed", target=agency, changes={"name": "mới"})
    finally:
        current_request_id.reset(token)

    event = AuditEvent.objects.get(pk=event.pk)
    assert (
        event.occurred_at,
        event.actor_id,
        event.action,
        event.object_type,
        event.object_id,
        event.object_repr,
        event.changes,
        event.request_id,
    ) == (
        dt.datetime(2026, 4, 22, 9, 30, tzinfo=dt.UTC),
        handler_a.pk,
        "agency.renamed",
        "places.agency",
        str(agency.pk),
        "UBND xã Đồng Đăng",
        {"name": "mới"},
        "req-abc-123",
    )


@pytest.mark.django_db
def test_anonymous_actor_and_no_request_are_stored_empty():
    event = audit_record(
        actor=AnonymousUser(), action="system.sweep", object_type="jobs.sweep", object_id="x"
    )
    assert (event.actor_id, event.request_id) == (None, "")
