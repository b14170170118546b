"""Writes for units and agencies. Every change is audited in its own transaction."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from congdanso.accounts.models import Role
from congdanso.accounts.policies import agency_ids_in_scope, can_administer
from congdanso.audit.services import audit_record
from congdanso.core.errors import Conflict, PermissionDenied, ValidationFailed
from congdanso.places.boundary_import import boundaries_import, boundaries_import_packaged
from congdanso.places.models import AdministrativeUnit, Agency, AgencyKind, UnitLevel
from congdanso.places.selectors import agency_descendant_ids
from congdanso.places.unit_loading import units_load

__all__ = [
    "agency_create",
    "agency_update",
    "agency_validate",
    "boundaries_import",
    "boundaries_import_packaged",
    "units_load",
]

AGENCY_EDITABLE_FIELDS = ("name", "kind", "unit", "parent", "email", "phone", "is_active")
_UNIT_LEVEL_FOR_KIND = {
    AgencyKind.PROVINCIAL_COMMITTEE: UnitLevel.PROVINCE,
    AgencyKind.COMMUNE_COMMITTEE: UnitLevel.COMMUNE,
}


def _audit_value(agency: Agency, field: str):
    if field in ("unit", "parent"):
        return getattr(agency, f"{field}_id")
    return getattr(agency, field)


def _ensure_may_administer(actor, *, parent: Agency | None) -> None:
    """``actor=None`` is the system (seeds, commands). People need the administrator role above ``parent``;
    a top-level agency can only be changed by someone whose scope is everything (a superuser)."""
    if actor is None:
        return
    if parent is None:
        allowed = agency_ids_in_scope(actor, [Role.ADMINISTRATOR]) is None
    else:
        allowed = can_administer(actor, agency=parent)
    if not allowed:
        raise PermissionDenied()


def agency_validate(agency: Agency) -> None:
    """Check an (unsaved) agency's invariants; raises ValidationFailed. Writes nothing."""
    if agency.kind not in AgencyKind.values:
        raise ValidationFailed(
            _("Loại cơ quan không hợp lệ."),
            details=[{"field": "kind", "message": _("Loại cơ quan không hợp lệ.")}],
        )
    if not isinstance(agency.unit, AdministrativeUnit) or agency.unit.pk is None:
        raise ValidationFailed(
            _("Cơ quan phải gắn với một đơn vị hành chính."),
            details=[{"field": "unit", "message": _("Cơ quan phải gắn với một đơn vị hành chính.")}],
        )
    expected_level = _UNIT_LEVEL_FOR_KIND.get(agency.kind)
    if expected_level is not None and agency.unit.level != expected_level:
        message = (
            _("UBND tỉnh phải gắn với đơn vị cấp tỉnh.")
            if expected_level == UnitLevel.PROVINCE
            else _("UBND xã/phường phải gắn với đơn vị cấp xã.")
        )
        raise ValidationFailed(message, details=[{"field": "unit", "message": message}])
    try:
        agency.full_clean(validate_unique=False)
    except DjangoValidationError as error:
        raise ValidationFailed(
            details=[
                {"field": field, "message": str(message)}
                for field, messages in error.message_dict.items()
                for message in messages
            ]
        ) from error


@transaction.atomic
def agency_create(
    *,
    actor,
    code: str,
    name: str,
    kind: str,
    unit: AdministrativeUnit,
    parent: Agency | None = None,
    email: str = "",
    phone: str = "",
    is_active: bool = True,
) -> Agency:
    """Create an agency (cơ quan). ``code`` is its stable key and cannot be reused."""
    _ensure_may_administer(actor, parent=parent)
    agency = Agency(
        code=(code or "").strip(),
        name=(name or "").strip(),
        kind=kind,
        unit=unit,
        parent=parent,
        email=(email or "").strip(),
        phone=(phone or "").strip(),
        is_active=is_active,
    )
    agency_validate(agency)
    if Agency.objects.filter(code=agency.code).exists():
        raise Conflict(
            _("Mã cơ quan %(code)s đã được dùng.") % {"code": agency.code},
            details=[{"field": "code", "message": _("Mã cơ quan đã được dùng.")}],
        )
    agency.save()
    audit_record(
        actor=actor,
        action="agency.create",
        target=agency,
        changes={
            "code": agency.code,
            **{field: _audit_value(agency, field) for field in AGENCY_EDITABLE_FIELDS},
        },
    )
    return agency


@transaction.atomic
def agency_update(*, actor, agency: Agency, **changes) -> Agency:
    """Change an agency's editable fields (``code`` is fixed). Only real changes are saved and audited."""
    unknown = sorted(set(changes) - set(AGENCY_EDITABLE_FIELDS))
    if unknown:
        raise ValidationFailed(
            _("Không thể sửa các trường: %(fields)s.") % {"fields": ", ".join(unknown)},
            details=[{"field": field, "message": _("Không thể sửa trường này.")} for field in unknown],
        )
    current = Agency.objects.select_for_update().get(pk=agency.pk)
    _ensure_may_administer(actor, parent=current)
    if "parent" in changes and changes["parent"] is not None:
        new_parent = changes["parent"]
        if new_parent.pk in agency_descendant_ids([current.pk]):
            raise ValidationFailed(
                _("Cơ quan cấp trên không thể là chính cơ quan này hoặc cơ quan cấp dưới của nó."),
                details=[{"field": "parent", "message": _("Cơ quan cấp trên không hợp lệ.")}],
            )
    if "parent" in changes and changes["parent"] != current.parent:
        _ensure_may_administer(actor, parent=changes["parent"])

    before = {field: _audit_value(current, field) for field in AGENCY_EDITABLE_FIELDS}
    for field, value in changes.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(current, field, value)
    after = {field: _audit_value(current, field) for field in AGENCY_EDITABLE_FIELDS}
    changed = [field for field in AGENCY_EDITABLE_FIELDS if before[field] != after[field]]
    if not changed:
        return current
    agency_validate(current)
    current.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor,
        action="agency.update",
        target=current,
        changes={field: [before[field], after[field]] for field in changed},
    )
    return current
