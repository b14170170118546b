"""Loading the administrative units from the ``vietnam_provinces`` package (``services.units_load``).

Rows are keyed by (level, code), never by name. Each step reads what is stored once, then creates the
missing rows and updates the changed ones in batches, so a second run changes nothing.
"""

from collections.abc import Callable, Iterable
from dataclasses import asdict

from django.db import models, transaction

from congdanso.audit.services import audit_record
from congdanso.places import sources
from congdanso.places.models import AdministrativeUnit, LegacyUnit, LegacyUnitLevel, UnitLevel

BATCH_SIZE = 500

Progress = Callable[[str, int, int], None]

UNIT_FIELDS = ["name", "short_name", "codename", "unit_type", "parent_id", "phone_code"]
LEGACY_FIELDS = ["name", "codename", "unit_type", "parent_id"]


def _batches(items: list, size: int = BATCH_SIZE) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _sync_level(
    *,
    model: type[models.Model],
    level: str,
    rows: list,
    parent_ids: dict[int, int],
    fields: list[str],
    step: str,
    progress: Progress,
) -> tuple[dict[int, int], dict[str, int]]:
    """Create or update the rows of one level. Returns ({code: id}, {"created", "updated", "stale"})."""
    stored = {unit.code: unit for unit in model.objects.filter(level=level)}
    to_create, to_update = [], []
    for row in rows:
        values = asdict(row)
        parent_code = values.pop("parent_code")
        values.pop("level")
        values.pop("code")
        values["parent_id"] = parent_ids[parent_code] if parent_code is not None else None
        values = {field: values[field] for field in fields}
        unit = stored.get(row.code)
        if unit is None:
            to_create.append(model(level=level, code=row.code, **values))
        elif any(getattr(unit, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(unit, field, value)
            to_update.append(unit)
    total = len(to_create) + len(to_update)
    done = 0
    progress(step, done, total)
    for batch in _batches(to_create):
        model.objects.bulk_create(batch)
        done += len(batch)
        progress(step, done, total)
    for batch in _batches(to_update):
        model.objects.bulk_update(batch, fields)
        done += len(batch)
        progress(step, done, total)
    codes = {row.code for row in rows}
    counts = {
        "created": len(to_create),
        "updated": len(to_update),
        "stale": sum(1 for code in stored if code not in codes),
    }
    ids = dict(model.objects.filter(level=level).values_list("code", "id"))
    return ids, counts


def _sync_successors(*, wanted: set[tuple[int, int]], progress: Progress) -> dict[str, int]:
    """Make the legacy -> current links exactly ``wanted`` (pairs of legacy id, unit id)."""
    through = LegacyUnit.successors.through
    stored = set(through.objects.values_list("legacyunit_id", "administrativeunit_id"))
    missing = sorted(wanted - stored)
    extra = stored - wanted
    total = len(missing) + len(extra)
    done = 0
    progress("legacy_successors", done, total)
    for batch in _batches(missing, 2000):
        through.objects.bulk_create(
            [through(legacyunit_id=legacy_id, administrativeunit_id=unit_id) for legacy_id, unit_id in batch]
        )
        done += len(batch)
        progress("legacy_successors", done, total)
    if extra:
        by_legacy: dict[int, list[int]] = {}
        for legacy_id, unit_id in extra:
            by_legacy.setdefault(legacy_id, []).append(unit_id)
        for legacy_id, unit_ids in by_legacy.items():
            through.objects.filter(legacyunit_id=legacy_id, administrativeunit_id__in=unit_ids).delete()
        done += len(extra)
        progress("legacy_successors", done, total)
    return {"total": len(wanted), "created": len(missing), "deleted": len(extra)}


def _links(
    legacy_ids: dict[int, int], unit_ids: dict[int, int], successors: dict[int, set[int]]
) -> set[tuple[int, int]]:
    return {
        (legacy_ids[legacy_code], unit_ids[new_code])
        for legacy_code, new_codes in successors.items()
        if legacy_code in legacy_ids
        for new_code in new_codes
        if new_code in unit_ids
    }


# (step, model, level, rows source, step whose ids are the parents, fields), loaded in this order.
LOAD_STEPS = (
    ("provinces", AdministrativeUnit, UnitLevel.PROVINCE, sources.current_provinces, None, UNIT_FIELDS),
    ("communes", AdministrativeUnit, UnitLevel.COMMUNE, sources.current_communes, "provinces", UNIT_FIELDS),
    ("legacy_provinces", LegacyUnit, LegacyUnitLevel.PROVINCE, sources.legacy_provinces, None, LEGACY_FIELDS),
    (
        "legacy_districts",
        LegacyUnit,
        LegacyUnitLevel.DISTRICT,
        sources.legacy_districts,
        "legacy_provinces",
        LEGACY_FIELDS,
    ),
    (
        "legacy_communes",
        LegacyUnit,
        LegacyUnitLevel.COMMUNE,
        sources.legacy_communes,
        "legacy_districts",
        LEGACY_FIELDS,
    ),
)


@transaction.atomic
def units_load(*, actor=None, progress: Progress | None = None) -> dict:
    """Load all current and legacy units with the old-to-new links; idempotent. Returns the counts."""
    report: Progress = progress or (lambda step, done, total: None)
    ids: dict[str, dict] = {}
    summary: dict[str, dict] = {}
    for step, model, level, read_rows, parent_step, fields in LOAD_STEPS:
        rows = read_rows()
        ids[step], counts = _sync_level(
            model=model,
            level=level,
            rows=rows,
            parent_ids=ids[parent_step] if parent_step else {},
            fields=fields,
            step=step,
            progress=report,
        )
        summary[step] = {"total": len(rows), **counts}

    by_commune, by_district = sources.legacy_commune_successors()
    wanted = (
        _links(ids["legacy_provinces"], ids["provinces"], sources.legacy_province_successors())
        | _links(ids["legacy_districts"], ids["communes"], by_district)
        | _links(ids["legacy_communes"], ids["communes"], by_commune)
    )
    summary["legacy_successors"] = _sync_successors(wanted=wanted, progress=report)
    audit_record(
        actor=actor,
        action="units.load",
        object_type=AdministrativeUnit._meta.label_lower,
        object_id="all",
        changes=summary,
    )
    return summary
