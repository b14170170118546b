"""Writes of the working-day calendar: province overrides. Audited; administrators only."""

import datetime as dt

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from congdanso.audit.services import audit_record
from congdanso.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from congdanso.workdays.models import CalendarOverride, OverrideKind
from congdanso.workdays.selectors import can_manage_calendar, overrides_cache_key


def _invalidate(province_code: int) -> None:
    key = overrides_cache_key(province_code)
    cache.delete(key)  # this process, inside the transaction
    transaction.on_commit(lambda: cache.delete(key))  # everyone else, once the change is visible


def _check_allowed(actor, province_code: int) -> None:
    if not can_manage_calendar(actor, province_code=province_code):
        raise PermissionDenied(_("Chỉ quản trị viên cấp tỉnh mới được điều chỉnh lịch ngày làm việc."))


def _snapshot(override: CalendarOverride) -> dict:
    return {"date": override.date.isoformat(), "kind": override.kind, "reason": override.reason}


@transaction.atomic
def calendar_override_set(
    *, actor, province_code: int, date: dt.date, kind: str, reason: str
) -> CalendarOverride:
    """Create or replace the override of ``date`` in a province."""
    _check_allowed(actor, province_code)
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise ValidationFailed(_("Ngày không hợp lệ."), details=[{"field": "date"}])
    if kind not in OverrideKind.values:
        raise ValidationFailed(
            _("Loại điều chỉnh phải là ngày nghỉ hoặc ngày làm việc."), details=[{"field": "kind"}]
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("Vui lòng nhập lý do điều chỉnh."), details=[{"field": "reason"}])

    override = (
        CalendarOverride.objects.select_for_update().filter(province_code=province_code, date=date).first()
    )
    before = _snapshot(override) if override is not None else None
    if override is None:
        override = CalendarOverride(province_code=province_code, date=date, created_by=actor)
    override.kind = kind
    override.reason = reason
    try:
        override.full_clean(validate_unique=False)
    except ValidationError as exc:
        raise ValidationFailed(_("Dữ liệu điều chỉnh lịch không hợp lệ."), details=exc.message_dict) from exc
    try:
        with transaction.atomic():
            override.save()
    except IntegrityError as exc:  # created concurrently by someone else
        raise Conflict(_("Ngày này vừa được người khác điều chỉnh. Vui lòng thử lại.")) from exc
    audit_record(
        actor=actor,
        action="calendar_override.set",
        target=override,
        changes={"province_code": province_code, "before": before, "after": _snapshot(override)},
    )
    _invalidate(province_code)
    return override


@transaction.atomic
def calendar_override_remove(*, actor, province_code: int, date: dt.date) -> None:
    """Delete the override of ``date``: the national calendar applies again."""
    _check_allowed(actor, province_code)
    override = (
        CalendarOverride.objects.select_for_update().filter(province_code=province_code, date=date).first()
    )
    if override is None:
        raise NotFound(_("Không có điều chỉnh lịch cho ngày này."))
    audit_record(
        actor=actor,
        action="calendar_override.remove",
        target=override,
        changes={"province_code": province_code, "before": _snapshot(override), "after": None},
    )
    override.delete()
    _invalidate(province_code)
