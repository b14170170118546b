"""The audit log is append-only at every level Django offers."""

import pytest

from congdanso.audit.models import AuditEvent
from congdanso.audit.tests.factories import AuditEventFactory

pytestmark = pytest.mark.django_db


def test_saved_event_cannot_be_saved_again():
    event = AuditEventFactory(action="dossier.received")
    event.action = "dossier.tampered"
    with pytest.raises(TypeError, match="append-only"):
        event.save()
    assert AuditEvent.objects.get().action == "dossier.received"


def test_event_cannot_be_deleted():
    event = AuditEventFactory()
    with pytest.raises(TypeError, match="append-only"):
        event.delete()
    assert AuditEvent.objects.count() == 1


def test_queryset_update_and_delete_are_refused():
    AuditEventFactory(action="dossier.received")
    with pytest.raises(TypeError, match="append-only"):
        AuditEvent.objects.all().update(action="dossier.tampered")
    with pytest.raises(TypeError, match="append-only"):
        AuditEvent.objects.filter(action="dossier.received").delete()
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["dossier.received"]
