"""Reads over units and agencies that other apps may use."""

from collections.abc import Iterable

from congdanso.places.models import Agency


def agency_descendant_ids(root_ids: Iterable[int]) -> set[int]:
    """The given agencies plus every agency below them (one query per level of depth)."""
    found = set(root_ids)
    frontier = set(found)
    while frontier:
        children = set(Agency.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        found |= children
        frontier = children
    return found
