"""Where a report goes: its commune (from the pin, else the chosen commune) and the responsible agency.

Agency: the most specific ``RoutingRule`` wins (category + commune, then commune, then category, then the
default rule with both empty). With no rule, the commune's People's Committee (an active agency of kind
``commune_committee`` of that unit) handles it; with none of these the report goes to the provincial triage
queue (agency ``None``).
"""

from django.db.models import Q

from congdanso.feedback.models import Category, RoutingRule
from congdanso.places.models import AdministrativeUnit, Agency, AgencyKind


def _specificity(rule: RoutingRule) -> int:
    return (2 if rule.commune_id is not None else 0) + (1 if rule.category_id is not None else 0)


def routing_agency_for(*, category: Category, commune: AdministrativeUnit | None) -> Agency | None:
    """The agency responsible for ``category`` in ``commune`` (None: provincial triage queue)."""
    commune_q = Q(commune__isnull=True) | (Q(commune=commune) if commune is not None else Q(pk__in=[]))
    rules = list(
        RoutingRule.objects.filter(Q(category__isnull=True) | Q(category=category))
        .filter(commune_q)
        .filter(agency__is_active=True)
        .select_related("agency")
    )
    if rules:
        return max(rules, key=_specificity).agency
    if commune is None:
        return None
    return (
        Agency.objects.filter(unit=commune, kind=AgencyKind.COMMUNE_COMMITTEE, is_active=True)
        .order_by("pk")
        .first()
    )
