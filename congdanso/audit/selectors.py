"""Reads of the audit log, always through the policy layer.

Who sees what:
    * superusers see every event;
    * officials holding ``Role.ADMINISTRATOR`` or ``Role.SUPERVISOR`` see the events whose actor is an
      official attached (``User.agency``) to an agency in the scope of those roles
      (``agency_ids_in_scope``: the agency where the role is held and every agency below it). Events
      without an actor (system jobs) and events by citizens are therefore visible to superusers only;
    * everybody else (citizens, officials without those roles, anonymous) sees nothing.
"""

import datetime as dt

from django.db.models import QuerySet

from congdanso.accounts.models import Role
from congdanso.accounts.policies import agency_ids_in_scope
from congdanso.audit.models import AuditEvent

AUDIT_READER_ROLES = (Role.ADMINISTRATOR, Role.SUPERVISOR)


def audit_log_readable(user) -> bool:
    """Whether ``user`` may open the audit log at all (superuser, administrator or supervisor)."""
    scope = agency_ids_in_scope(user, AUDIT_READER_ROLES)
    return scope is None or bool(scope)


def audit_event_list(
    *,
    user,
    object_type: str | None = None,
    object_id: str | None = None,
    action: str | None = None,
    actor=None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> QuerySet[AuditEvent]:
    """Events visible to ``user``, newest first, with the actor joined (no N+1 when listing)."""
    events = AuditEvent.objects.select_related("actor")
    scope = agency_ids_in_scope(user, AUDIT_READER_ROLES)
    if scope is not None:
        if not scope:
            return events.none()
        events = events.filter(actor__agency_id__in=scope)
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    if action:
        events = events.filter(action=action)
    if actor is not None:
        events = events.filter(actor_id=getattr(actor, "pk", actor))
    if since is not None:
        events = events.filter(occurred_at__gte=since)
    if until is not None:
        events = events.filter(occurred_at__lt=until)
    return events.order_by("-occurred_at", "-id")
