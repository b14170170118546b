"""Who sees which audit events (the rule is in ``audit.selectors``' docstring)."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from congdanso.audit.selectors import audit_event_list, audit_log_readable
from congdanso.audit.tests.factories import AuditEventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(handler_a, handler_a_child, handler_b, citizen):
    return {
        "a": AuditEventFactory(actor=handler_a, action="dossier.received"),
        "a_child": AuditEventFactory(actor=handler_a_child, action="dossier.transferred"),
        "b": AuditEventFactory(actor=handler_b, action="dossier.received"),
        "citizen": AuditEventFactory(actor=citizen, action="dossier.submitted"),
        "system": AuditEventFactory(actor=None, action="deadline.swept"),
    }


def ids(queryset):
    return sorted(event.pk for event in queryset)


def test_superuser_sees_everything(events, superuser):
    assert ids(audit_event_list(user=superuser)) == sorted(event.pk for event in events.values())
    assert audit_log_readable(superuser) is True


@pytest.mark.parametrize("who", ["supervisor_a", "administrator_a"])
def test_reader_sees_events_of_officials_in_scope(request, events, who):
    reader = request.getfixturevalue(who)
    assert ids(audit_event_list(user=reader)) == sorted([events["a"].pk, events["a_child"].pk])
    assert audit_log_readable(reader) is True


def test_wrong_scope_supervisor_sees_only_own_agency(events, supervisor_b):
    assert ids(audit_event_list(user=supervisor_b)) == [events["b"].pk]


@pytest.mark.parametrize("who", ["citizen", "handler_a"])
def test_others_see_nothing(request, events, who):
    user = request.getfixturevalue(who)
    assert ids(audit_event_list(user=user)) == []
    assert audit_log_readable(user) is False


def test_anonymous_sees_nothing(events):
    assert ids(audit_event_list(user=AnonymousUser())) == []
    assert audit_log_readable(AnonymousUser()) is False


def test_filters(events, superuser, handler_a):
    first = events["a"]
    assert ids(audit_event_list(user=superuser, action="dossier.received")) == sorted(
        [first.pk, events["b"].pk]
    )
    assert ids(
        audit_event_list(user=superuser, object_type="dossiers.dossier", object_id=first.object_id)
    ) == [first.pk]
    assert ids(audit_event_list(user=superuser, actor=handler_a)) == [first.pk]
    assert ids(audit_event_list(user=superuser, actor=handler_a.pk)) == [first.pk]
    assert ids(audit_event_list(user=superuser, since=events["b"].occurred_at)) == sorted(
        [events["b"].pk, events["citizen"].pk, events["system"].pk]
    )
    assert ids(audit_event_list(user=superuser, until=events["b"].occurred_at)) == sorted(
        [first.pk, events["a_child"].pk]
    )
    assert ids(audit_event_list(user=superuser, since=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))) == []


def test_newest_first(events, superuser):
    assert [event.pk for event in audit_event_list(user=superuser)] == [
        events[key].pk for key in ("system", "citizen", "b", "a_child", "a")
    ]
