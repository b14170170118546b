"""The one permission policy layer. Every list and action asks here.

Scope rule: a role held at an agency covers that agency and every agency below it (its ``children``,
recursively). Superusers and holders of ``administrator`` at the provincial People's Committee cover all.
Citizens see only their own private records (``restrict_to_owner``).
"""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from congdanso.accounts.models import OfficialRole, Role, User, UserKind


def is_official(user) -> bool:
    return (
        bool(getattr(user, "is_authenticated", False)) and user.kind == UserKind.OFFICIAL and user.is_active
    )


def is_citizen(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.kind == UserKind.CITIZEN and user.is_active


def _descendant_agency_ids(root_ids: Iterable[int]) -> set[int]:
    from congdanso.places.selectors import agency_descendant_ids

    return agency_descendant_ids(root_ids)


def agency_ids_in_scope(user, roles: Iterable[str] | None = None) -> set[int] | None:
    """Agency ids the user may act on with any of ``roles``; ``None`` means every agency (superuser)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    if user.kind != UserKind.OFFICIAL:
        return set()
    cache_key = ("_scope_cache", tuple(sorted(roles)) if roles else None)
    cache = user.__dict__.setdefault("_policy_scope_cache", {})
    if cache_key not in cache:
        grants = OfficialRole.objects.filter(user=user)
        if roles:
            grants = grants.filter(role__in=list(roles))
        cache[cache_key] = _descendant_agency_ids(grants.values_list("agency_id", flat=True))
    return cache[cache_key]


def has_role(user, role: str | Iterable[str], *, agency=None) -> bool:
    """True when the user holds ``role`` (one or several) covering ``agency`` (any agency if None)."""
    roles = [role] if isinstance(role, str) else list(role)
    scope = agency_ids_in_scope(user, roles)
    if scope is None:
        return True
    if agency is None:
        return bool(scope)
    agency_id = agency if isinstance(agency, int) else agency.pk
    return agency_id in scope


def restrict_to_agency_scope(
    queryset: QuerySet, user, *, agency_field: str = "agency", roles: Iterable[str] | None = None
) -> QuerySet:
    """Filter a queryset of agency-owned rows to those in the user's scope (none for non-officials)."""
    scope = agency_ids_in_scope(user, roles)
    if scope is None:
        return queryset
    return queryset.filter(**{f"{agency_field}__in": scope}) if scope else queryset.none()


def restrict_to_owner(queryset: QuerySet, user, *, owner_field: str = "owner") -> QuerySet:
    """Private records: a person sees only their own."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    return queryset.filter(Q(**{owner_field: user}))


def can_administer(user, *, agency=None) -> bool:
    return has_role(user, Role.ADMINISTRATOR, agency=agency)


def administers_province(user, province_code: int) -> bool:
    """Superusers, and administrators whose scope covers a province-level agency of that province.

    For province-wide settings (working calendar, feedback taxonomy and routing): a commune-level
    administrator does not qualify.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    scope = agency_ids_in_scope(user, [Role.ADMINISTRATOR])
    if scope is None:
        return True
    if not scope:
        return False
    from congdanso.places.models import UnitLevel
    from congdanso.places.selectors import agency_list

    return agency_list(
        ids=scope, unit_level=UnitLevel.PROVINCE, unit_code=province_code, active_only=False
    ).exists()


__all__ = [
    "Role",
    "User",
    "administers_province",
    "agency_ids_in_scope",
    "can_administer",
    "has_role",
    "is_citizen",
    "is_official",
    "restrict_to_agency_scope",
    "restrict_to_owner",
]
