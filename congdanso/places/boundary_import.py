"""Import commune boundaries from a GeoJSON FeatureCollection (plain or gzipped), matched on commune code."""

import gzip
import io
import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congdanso.accounts.models import Role
from congdanso.accounts.policies import agency_ids_in_scope
from congdanso.audit.services import audit_record
from congdanso.core.errors import PermissionDenied, ValidationFailed
from congdanso.places.boundary_lookup import commune_boundaries_cache_clear
from congdanso.places.models import AdministrativeUnit, CommuneBoundary, UnitLevel

PACKAGED_BOUNDARIES = Path(__file__).resolve().parent / "data" / "lang_son_communes_2025.geojson.gz"
PACKAGED_SOURCE = (
    "thanglequoc/vietnamese-provinces-database@cd58063 json/geojson/20_lang_son (MIT), "
    "xem places/data/SOURCE.md"
)
_GZIP_MAGIC = b"\x1f\x8b"


def _read_bytes(geojson_path_or_file) -> tuple[bytes, str]:
    if isinstance(geojson_path_or_file, str | Path):
        path = Path(geojson_path_or_file)
        try:
            return path.read_bytes(), path.name
        except OSError as error:
            raise ValidationFailed(
                _("Không đọc được tệp ranh giới %(path)s.") % {"path": str(path)},
                code="boundaries_unreadable",
            ) from error
    data = geojson_path_or_file.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    return data, getattr(geojson_path_or_file, "name", "") or ""


def _parse(data: bytes) -> list[dict]:
    invalid = ValidationFailed(_("Tệp ranh giới không phải GeoJSON hợp lệ."), code="boundaries_invalid")
    try:
        if data[:2] == _GZIP_MAGIC:
            data = gzip.GzipFile(fileobj=io.BytesIO(data)).read()
        document = json.loads(data.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, EOFError) as error:
        raise invalid from error
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise invalid
    features = document.get("features")
    if not isinstance(features, list) or not features:
        raise invalid
    return features


def _feature_code(feature) -> int | None:
    if not isinstance(feature, dict):
        return None
    properties = feature.get("properties") or {}
    raw = properties.get("code", feature.get("id")) if isinstance(properties, dict) else feature.get("id")
    try:
        return int(str(raw))
    except (TypeError, ValueError):
        return None


def _geometry(feature, code: int):
    from shapely.geometry import shape

    geometry = feature.get("geometry")
    error = ValidationFailed(
        _("Ranh giới của xã/phường mã %(code)s không hợp lệ.") % {"code": code},
        code="boundaries_invalid_geometry",
        details={"code": code},
    )
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        raise error
    try:
        polygon = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError) as exc:
        raise error from exc
    if polygon.is_empty or not polygon.is_valid:
        raise error
    return geometry, polygon.bounds


def _ensure_may_import(actor) -> None:
    """``actor=None`` is the system (commands, seeds); a person needs province-wide administrator scope."""
    if actor is not None and agency_ids_in_scope(actor, [Role.ADMINISTRATOR]) is not None:
        raise PermissionDenied()


@transaction.atomic
def boundaries_import(*, actor, geojson_path_or_file, source: str = "") -> dict:
    """Store (or replace) the boundary of every commune in the file whose code is a known commune.

    Returns ``{"imported": n, "skipped": [codes not in the unit catalogue]}``. The whole file is checked
    before anything is written; a bad feature refuses the import and changes nothing.
    """
    _ensure_may_import(actor)
    data, name = _read_bytes(geojson_path_or_file)
    features = _parse(data)
    parsed: dict[int, tuple[dict, tuple]] = {}
    for feature in features:
        code = _feature_code(feature)
        if code is None:
            raise ValidationFailed(
                _("Có đối tượng trong tệp ranh giới không có mã xã/phường."), code="boundaries_missing_code"
            )
        parsed[code] = _geometry(feature, code)
    units = {
        unit.code: unit
        for unit in AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, code__in=list(parsed))
    }
    if not units:
        raise ValidationFailed(
            _("Không có mã xã/phường nào trong tệp khớp danh mục đơn vị hành chính."),
            code="boundaries_no_match",
        )
    now = timezone.now()
    source = (source or (PACKAGED_SOURCE if name == PACKAGED_BOUNDARIES.name else name))[:300]
    for code, unit in sorted(units.items()):
        geometry, (min_lon, min_lat, max_lon, max_lat) = parsed[code]
        CommuneBoundary.objects.update_or_create(
            unit=unit,
            defaults={
                "geometry": json.dumps(geometry, ensure_ascii=False, separators=(",", ":")),
                "min_latitude": min_lat,
                "max_latitude": max_lat,
                "min_longitude": min_lon,
                "max_longitude": max_lon,
                "source": source,
                "imported_at": now,
            },
        )
    skipped = sorted(set(parsed) - set(units))
    audit_record(
        actor=actor,
        action="places.boundaries_imported",
        object_type=CommuneBoundary._meta.label_lower,
        changes={"imported": len(units), "skipped": skipped, "source": source},
    )
    transaction.on_commit(commune_boundaries_cache_clear)
    commune_boundaries_cache_clear()
    return {"imported": len(units), "skipped": skipped}


def boundaries_import_packaged(*, actor=None) -> dict:
    """Import the Lạng Sơn boundaries shipped with the product (``places/data``)."""
    return boundaries_import(actor=actor, geojson_path_or_file=PACKAGED_BOUNDARIES, source=PACKAGED_SOURCE)
