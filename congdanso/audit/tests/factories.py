"""Factories for audit events (tests only: production code writes through ``audit_record``)."""

import datetime as dt

import factory

from congdanso.audit.models import AuditEvent


class AuditEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEvent

    occurred_at = factory.Sequence(
        lambda n: dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=n)
    )
    action = "dossier.received"
    object_type = "dossiers.dossier"
    object_id = factory.Sequence(lambda n: str(1000 + n))
    object_repr = factory.Sequence(lambda n: f"Hồ sơ {1000 + n}")
    request_id = factory.Sequence(lambda n: f"req-{n}")
