"""Which commune a point lies in, over the imported commune boundaries (``CommuneBoundary``).

The polygons are held in memory in a shapely STRtree, built on first use and rebuilt when the stored
boundaries change (an import in this process clears it at once; another process notices through a cheap
signature query: row count, last id, last import time). A pin that falls just outside every commune (border
slivers, GPS error) but within ``NEAREST_COMMUNE_MAX_M`` of one goes to the nearest commune; anything further
is outside the province (``None``).
"""

import json
import math
import threading
from dataclasses import dataclass

from django.db.models import Count, Max

from congdanso.places.models import AdministrativeUnit, CommuneBoundary

NEAREST_COMMUNE_MAX_M = 2000
_EARTH_RADIUS_M = 6_371_000
_METRES_PER_DEGREE = 111_320

_lock = threading.Lock()
_index: "_BoundaryIndex | None" = None


@dataclass(frozen=True)
class _BoundaryIndex:
    signature: tuple
    tree: object  # shapely.STRtree
    geometries: tuple
    unit_ids: tuple[int, ...]
    unit_codes: tuple[int, ...]


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two WGS84 points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * _EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def _signature() -> tuple:
    stats = CommuneBoundary.objects.aggregate(
        count=Count("id"), last_id=Max("id"), last_import=Max("imported_at")
    )
    return (stats["count"], stats["last_id"], stats["last_import"])


def _build(signature: tuple) -> _BoundaryIndex:
    import shapely
    from shapely.geometry import shape

    rows = list(
        CommuneBoundary.objects.values_list("unit_id", "unit__code", "geometry").order_by("unit__code")
    )
    geometries = tuple(shape(json.loads(geometry)) for _, _, geometry in rows)
    for geometry in geometries:
        shapely.prepare(geometry)
    return _BoundaryIndex(
        signature=signature,
        tree=shapely.STRtree(geometries),
        geometries=geometries,
        unit_ids=tuple(row[0] for row in rows),
        unit_codes=tuple(row[1] for row in rows),
    )


def _current_index() -> _BoundaryIndex | None:
    global _index
    signature = _signature()
    if not signature[0]:
        return None
    index = _index
    if index is not None and index.signature == signature:
        return index
    with _lock:
        if _index is None or _index.signature != signature:
            _index = _build(signature)
        return _index


def commune_boundaries_cache_clear() -> None:
    """Forget the in-memory index (called after an import; tests call it between cases)."""
    global _index
    with _lock:
        _index = None


def boundaries_available() -> bool:
    """True when at least one commune boundary is stored."""
    return CommuneBoundary.objects.exists()


def commune_id_at(latitude: float, longitude: float) -> int | None:
    """The id of the commune containing the point (or the nearest one within 2 km); None otherwise."""
    from shapely import Point
    from shapely.ops import nearest_points

    index = _current_index()
    if index is None:
        return None
    point = Point(float(longitude), float(latitude))
    hits = sorted(int(i) for i in index.tree.query(point, predicate="intersects"))
    if hits:
        return index.unit_ids[hits[0]]  # overlapping slivers: the lowest code wins (rows are sorted by code)
    # Degrees of longitude shrink with latitude; search generously, then measure on the sphere.
    max_degrees = NEAREST_COMMUNE_MAX_M / (_METRES_PER_DEGREE * max(math.cos(math.radians(latitude)), 0.1))
    nearest = index.tree.query_nearest(point, max_distance=max_degrees, all_matches=True)
    best_id, best_distance = None, None
    for position in sorted(int(i) for i in nearest):
        on_border = nearest_points(index.geometries[position], point)[0]
        distance = haversine_m(latitude, longitude, on_border.y, on_border.x)
        if distance <= NEAREST_COMMUNE_MAX_M and (best_distance is None or distance < best_distance):
            best_id, best_distance = index.unit_ids[position], distance
    return best_id


def commune_at(latitude: float, longitude: float) -> AdministrativeUnit | None:
    """The commune containing the point (or the nearest within 2 km), or None outside every commune."""
    unit_id = commune_id_at(latitude, longitude)
    if unit_id is None:
        return None
    return AdministrativeUnit.objects.select_related("parent").filter(pk=unit_id).first()
