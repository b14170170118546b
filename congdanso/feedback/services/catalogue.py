"""Writes of the feedback catalogue: the category taxonomy (Open311 services) and the routing table.

Only superusers and administrators of the province (``administers_province``) may change them, and every
change is audited with what it was before and after. A category's ``code`` is its Open311 ``service_code``
(clients key on it) and never changes; categories are deactivated, never deleted (reports point to them).
A routing rule is addressed by its (category, commune) pair, either side possibly "any" (``None``).
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdanso.accounts.policies import administers_province
from congdanso.audit.services import audit_record
from congdanso.core.errors import Conflict, NotFound, PermissionDenied
from congdanso.feedback.models import Category, RoutingRule
from congdanso.feedback.services.catalogue_input import (
    CATEGORY_FIELDS,
    category_input_clean,
    routing_rule_input_clean,
)
from congdanso.feedback.services.submission_input import refuse

EDITABLE_CATEGORY_FIELDS = tuple(field for field in CATEGORY_FIELDS if field != "code")
NOT_ALLOWED = gettext_lazy(
    "Chỉ quản trị viên cấp tỉnh mới được sửa danh mục lĩnh vực và bảng chuyển phản ánh."
)


def can_manage_catalogue(user) -> bool:
    """Superusers and administrators of a provincial-level agency of ``settings.PROVINCE_CODE``."""
    return administers_province(user, settings.PROVINCE_CODE)


def _check_allowed(actor) -> None:
    if not can_manage_catalogue(actor):
        raise PermissionDenied(str(NOT_ALLOWED))


def _category_snapshot(category: Category, fields=CATEGORY_FIELDS) -> dict:
    return {field: getattr(category, field) for field in fields}


def _locked_category(category: Category) -> Category:
    locked = Category.objects.select_for_update().filter(pk=category.pk).first()
    if locked is None:
        raise NotFound(_("Không tìm thấy lĩnh vực phản ánh."))
    return locked


def _copy_fields(source, target, fields) -> None:
    if target is not source:
        for field in fields:
            setattr(target, field, getattr(source, field))
        target.updated_at = source.updated_at


@transaction.atomic
def category_create(
    *,
    actor,
    code: str,
    name: str,
    name_en: str = "",
    description: str = "",
    group: str = "",
    keywords: str = "",
    acknowledge_hours: int,
    resolve_working_days: int,
    attributes=(),
    is_active: bool = True,
    position: int = 100,
) -> Category:
    """A new category (Open311 service) with its deadlines and extra questions."""
    _check_allowed(actor)
    fields = category_input_clean(
        {
            "code": code,
            "name": name,
            "name_en": name_en,
            "description": description,
            "group": group,
            "keywords": keywords,
            "acknowledge_hours": acknowledge_hours,
            "resolve_working_days": resolve_working_days,
            "attributes": list(attributes) if isinstance(attributes, tuple) else attributes,
            "is_active": is_active,
            "position": position,
        }
    )
    if Category.objects.filter(code=fields["code"]).exists():
        raise refuse("code", _("Mã lĩnh vực “%(code)s” đã có.") % {"code": fields["code"]}, "duplicate_code")
    category = Category(**fields)
    try:
        with transaction.atomic():
            category.save()
    except IntegrityError as exc:  # the same code created concurrently
        raise Conflict(_("Mã lĩnh vực “%(code)s” vừa được tạo.") % {"code": fields["code"]}) from exc
    audit_record(
        actor=actor,
        action="feedback.category_created",
        target=category,
        changes={"before": None, "after": _category_snapshot(category)},
    )
    return category


@transaction.atomic
def category_update(*, actor, category: Category, **changes) -> Category:
    """Change some of a category's fields (not ``code``). Only what really changes is written and audited."""
    _check_allowed(actor)
    locked = _locked_category(category)
    if "code" in changes:
        if changes.pop("code") != locked.code:
            raise refuse(
                "code",
                _("Không đổi được mã lĩnh vực: các hệ thống Open311 dùng mã này để gửi phản ánh."),
                "code_immutable",
            )
    unknown = sorted(set(changes) - set(EDITABLE_CATEGORY_FIELDS))
    if unknown:
        raise refuse(
            unknown[0], _("Không sửa được trường “%(field)s”.") % {"field": unknown[0]}, "unknown_field"
        )
    cleaned = category_input_clean(changes)
    changed = [field for field, value in cleaned.items() if getattr(locked, field) != value]
    if changed:
        before = _category_snapshot(locked, changed)
        for field in changed:
            setattr(locked, field, cleaned[field])
        locked.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor,
            action="feedback.category_updated",
            target=locked,
            changes={"before": before, "after": _category_snapshot(locked, changed)},
        )
    _copy_fields(locked, category, EDITABLE_CATEGORY_FIELDS)
    return locked


@transaction.atomic
def category_deactivate(*, actor, category: Category) -> Category:
    """Stop offering a category to citizens and Open311 clients; its reports and history stay."""
    _check_allowed(actor)
    locked = _locked_category(category)
    if locked.is_active:
        locked.is_active = False
        locked.save(update_fields=["is_active", "updated_at"])
        audit_record(
            actor=actor,
            action="feedback.category_deactivated",
            target=locked,
            changes={"before": {"is_active": True}, "after": {"is_active": False}},
        )
    _copy_fields(locked, category, ["is_active"])
    return locked


def _rule_snapshot(rule: RoutingRule) -> dict:
    return {
        "category": rule.category.code if rule.category_id else None,
        "commune": rule.commune.code if rule.commune_id else None,
        "agency": rule.agency.code,
    }


def _pair_filter(category, commune) -> dict:
    pair = {"category__isnull": True} if category is None else {"category": category}
    return pair | ({"commune__isnull": True} if commune is None else {"commune": commune})


@transaction.atomic
def routing_rule_set(*, actor, category: Category | None = None, commune=None, agency) -> RoutingRule:
    """Send reports of ``category`` in ``commune`` (``None``: any) to ``agency``; replaces the pair's rule."""
    _check_allowed(actor)
    routing_rule_input_clean(category=category, commune=commune, agency=agency)
    rule = (
        RoutingRule.objects.select_for_update(of=("self",))
        .select_related("category", "commune", "agency")
        .filter(**_pair_filter(category, commune))
        .order_by("pk")
        .first()
    )
    if rule is not None and rule.agency_id == agency.pk:
        return rule
    before = _rule_snapshot(rule) if rule is not None else None
    if rule is None:
        rule = RoutingRule(category=category, commune=commune)
    rule.agency = agency
    try:
        with transaction.atomic():
            rule.save()
    except IntegrityError as exc:  # the same pair created concurrently
        raise Conflict(_("Quy tắc này vừa được người khác thay đổi. Vui lòng thử lại.")) from exc
    audit_record(
        actor=actor,
        action="feedback.routing_rule_set",
        target=rule,
        changes={"before": before, "after": _rule_snapshot(rule)},
    )
    return rule


@transaction.atomic
def routing_rule_remove(*, actor, rule: RoutingRule) -> None:
    """Delete a rule: reports of that pair follow the next most specific rule (or the commune committee)."""
    _check_allowed(actor)
    locked = (
        RoutingRule.objects.select_for_update(of=("self",))
        .select_related("category", "commune", "agency")
        .filter(pk=rule.pk)
        .first()
    )
    if locked is None:
        raise NotFound(_("Không tìm thấy quy tắc chuyển phản ánh."))
    audit_record(
        actor=actor,
        action="feedback.routing_rule_removed",
        target=locked,
        changes={"before": _rule_snapshot(locked), "after": None},
    )
    locked.delete()
