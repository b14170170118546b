"""Who may act on a report. Every inbox page and workflow service asks here.

Scope: an official acts on reports whose ``agency`` is in ``agency_ids_in_scope(user, roles)`` (the agency
where the role is held and every agency below it). Reports without an agency form the provincial triage
queue; it belongs to officials holding the role at the provincial People's Committee or at the
public-administration service centre of the province (``settings.PROVINCE_CODE``), and to superusers.
Citizens, anonymous visitors and inactive accounts may do nothing here.

Role matrix (R receiver, H handler, A approver, S supervisor, Ad administrator, ✓ allowed):

    action         R  H  A  S  Ad   superuser
    view           ✓  ✓  ✓  ✓  ✓    ✓
    accept         ✓  ✓             ✓
    assign         ✓  ✓             ✓
    request_info   ✓  ✓             ✓
    reply          ✓  ✓             ✓
    resolve        ✓  ✓  ✓          ✓
    reject         ✓  ✓  ✓          ✓
    transfer       ✓  ✓     ✓       ✓
    merge          ✓  ✓     ✓       ✓
    hide                    ✓  ✓    ✓

Whether an action fits the report's current status is the workflow's business
(``services.workflow.action_available``); this module answers only "may this person do it here".
"""

from django.conf import settings
from django.db.models import Q, QuerySet

from congdanso.accounts.models import Role, User, UserKind
from congdanso.accounts.policies import agency_ids_in_scope, is_official

ACCEPT = "accept"
ASSIGN = "assign"
REQUEST_INFO = "request_info"
TRANSFER = "transfer"
MERGE = "merge"
REPLY = "reply"
RESOLVE = "resolve"
REJECT = "reject"
HIDE = "hide"
VIEW = "view"

_WORKERS = (Role.RECEIVER, Role.HANDLER)
ACTION_ROLES: dict[str, tuple[str, ...]] = {
    ACCEPT: _WORKERS,
    ASSIGN: _WORKERS,
    REQUEST_INFO: _WORKERS,
    REPLY: _WORKERS,
    RESOLVE: (*_WORKERS, Role.APPROVER),
    REJECT: (*_WORKERS, Role.APPROVER),
    TRANSFER: (*_WORKERS, Role.SUPERVISOR),
    MERGE: (*_WORKERS, Role.SUPERVISOR),
    HIDE: (Role.SUPERVISOR, Role.ADMINISTRATOR),
}
ACTION_ROLES[VIEW] = tuple(sorted({role for roles in ACTION_ROLES.values() for role in roles}))
ACTIONS = (ACCEPT, ASSIGN, REQUEST_INFO, REPLY, RESOLVE, REJECT, TRANSFER, MERGE, HIDE)

TRIAGE_AGENCY_KINDS = ("provincial_committee", "service_centre")


def _roles_for(action: str) -> tuple[str, ...]:
    try:
        return ACTION_ROLES[action]
    except KeyError:
        raise ValueError(f"Unknown feedback action {action!r}") from None


def owns_triage(user, action: str = VIEW) -> bool:
    """True when ``user`` may do ``action`` on reports of the provincial triage queue (agency None)."""
    scope = agency_ids_in_scope(user, _roles_for(action))
    if scope is None:
        return True
    if not scope:
        return False
    cache = user.__dict__.setdefault("_feedback_triage_cache", {})
    if action not in cache:
        from congdanso.places.models import Agency, UnitLevel

        cache[action] = Agency.objects.filter(
            pk__in=scope,
            kind__in=TRIAGE_AGENCY_KINDS,
            unit__level=UnitLevel.PROVINCE,
            unit__code=settings.PROVINCE_CODE,
        ).exists()
    return cache[action]


def can_handle(user, report, action: str = VIEW) -> bool:
    """May ``user`` do ``action`` (default: open it in the inbox) on ``report``?"""
    if report.agency_id is None:
        return owns_triage(user, action)
    scope = agency_ids_in_scope(user, _roles_for(action))
    return scope is None or report.agency_id in scope


def allowed_actions(user, report) -> list[str]:
    """The actions (of ``ACTIONS``, in that order) ``user`` holds a role for on ``report``."""
    return [action for action in ACTIONS if can_handle(user, report, action)]


def inbox_queryset(user, queryset: QuerySet | None = None, action: str = VIEW) -> QuerySet:
    """Restrict ``queryset`` (default: every report) to those ``user`` may do ``action`` on."""
    from congdanso.feedback.models import Report

    reports = Report.objects.all() if queryset is None else queryset
    scope = agency_ids_in_scope(user, _roles_for(action))
    if scope is None:
        return reports
    triage = owns_triage(user, action)
    if scope and triage:
        return reports.filter(Q(agency__in=scope) | Q(agency__isnull=True))
    if scope:
        return reports.filter(agency__in=scope)
    if triage:
        return reports.filter(agency__isnull=True)
    return reports.none()


def triage_queryset(user, queryset: QuerySet | None = None) -> QuerySet:
    """The provincial triage queue, or nothing for someone who does not own it."""
    from congdanso.feedback.models import Report

    reports = Report.objects.all() if queryset is None else queryset
    return reports.filter(agency__isnull=True) if owns_triage(user) else reports.none()


def _ancestor_agency_ids(agency_id: int) -> set[int]:
    from congdanso.places.models import Agency

    found = {agency_id}
    current = agency_id
    while True:
        parent_id = Agency.objects.filter(pk=current).values_list("parent_id", flat=True).first()
        if parent_id is None or parent_id in found:
            return found
        found.add(parent_id)
        current = parent_id


def assignee_candidates(actor, report) -> QuerySet:
    """Active officials ``actor`` may assign ``report`` to: their agency is in the actor's assign scope and
    they hold a working role (receiver or handler) covering the report (or the triage queue)."""
    from congdanso.places.models import Agency, UnitLevel

    scope = agency_ids_in_scope(actor, _roles_for(ASSIGN))
    officials = User.objects.filter(kind=UserKind.OFFICIAL, is_active=True)
    if scope is not None:
        officials = officials.filter(agency_id__in=scope)
    if report.agency_id is None:
        triage_roots = Agency.objects.filter(
            kind__in=TRIAGE_AGENCY_KINDS, unit__level=UnitLevel.PROVINCE, unit__code=settings.PROVINCE_CODE
        ).values_list("pk", flat=True)
        covering = set(triage_roots)
    else:
        covering = _ancestor_agency_ids(report.agency_id)
    officials = officials.filter(roles__role__in=_WORKERS, roles__agency_id__in=covering)
    return officials.distinct().order_by("full_name", "username")


def may_be_assigned(actor, assignee, report) -> bool:
    """True when ``assignee`` is one of ``assignee_candidates(actor, report)``."""
    if not is_official(assignee):
        return False
    return assignee_candidates(actor, report).filter(pk=assignee.pk).exists()


__all__ = [
    "ACTIONS",
    "ACTION_ROLES",
    "allowed_actions",
    "assignee_candidates",
    "can_handle",
    "inbox_queryset",
    "may_be_assigned",
    "owns_triage",
    "triage_queryset",
]
