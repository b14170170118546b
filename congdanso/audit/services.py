"""The one write into the audit log. Call it inside the transaction of the state change it records."""

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from congdanso.audit.models import AuditEvent
from congdanso.core.request_context import current_request_id


def audit_record(
    *,
    actor=None,
    action: str,
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. ``target`` (a model instance) fills object type, id and label."""
    if target is not None:
        object_type = object_type or target._meta.label_lower
        object_id = object_id or str(target.pk)
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of the change it records.")
    actor_id = (
        getattr(actor, "pk", None)
        if actor is not None and getattr(actor, "is_authenticated", False)
        else None
    )
    return AuditEvent.objects.create(
        occurred_at=timezone.now(),
        actor_id=actor_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=str(target)[:200] if target is not None else "",
        changes=changes or {},
        request_id=current_request_id.get(),
    )
