"""Reads for the portal pages (kept tiny: the home page must stay cheap)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class RoleGrant:
    """One role of an official, ready to show."""

    role_label: str
    agency_name: str


def official_role_grants(user) -> list[RoleGrant]:
    """The official's roles with the agency each is held at (one query)."""
    grants = user.roles.select_related("agency").order_by("agency__name", "role")
    return [RoleGrant(role_label=grant.get_role_display(), agency_name=grant.agency.name) for grant in grants]


def greeting_name(user) -> str:
    """What the greeting calls a signed-in person: full name, else phone, else username."""
    return user.full_name or user.phone or user.username
