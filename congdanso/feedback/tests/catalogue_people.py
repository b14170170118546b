"""People and snapshots shared by the catalogue service and admin tests."""

from django.contrib.auth.models import AnonymousUser

from congdanso.accounts.models import Role, User
from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.audit.models import AuditEvent
from congdanso.feedback.models import Category, RoutingRule
from congdanso.places.models import AgencyKind
from congdanso.places.tests.factories import AgencyFactory, ProvinceFactory

REFUSED = ("anonymous", "citizen", "commune_admin", "province_handler", "other_province_admin")
ALLOWED = ("province_admin", "superuser")


def cao_bang():
    return ProvinceFactory(code=4, name="Tỉnh Cao Bằng", short_name="Cao Bằng", codename="tinh_cao_bang")


def person(kind: str, *, staff: bool = False):
    """One of ``REFUSED`` or ``ALLOWED``; ``staff`` lets an official into the admin site."""
    if kind == "anonymous":
        return AnonymousUser()
    if kind == "citizen":
        return CitizenFactory()
    if kind == "superuser":
        return User.objects.create_superuser(
            username="quantri", password="mat-khau-an-toan-1", kind="official"
        )
    province = ProvinceFactory()
    agency = {
        "province_admin": lambda: AgencyFactory(kind=AgencyKind.PROVINCIAL_COMMITTEE, unit=province),
        "province_handler": lambda: AgencyFactory(kind=AgencyKind.PROVINCIAL_COMMITTEE, unit=province),
        "commune_admin": lambda: AgencyFactory(),
        "other_province_admin": lambda: AgencyFactory(kind=AgencyKind.PROVINCIAL_COMMITTEE, unit=cao_bang()),
    }[kind]()
    roles = [Role.HANDLER, Role.SUPERVISOR] if kind == "province_handler" else [Role.ADMINISTRATOR]
    return OfficialFactory(agency=agency, roles=roles, is_staff=staff)


def catalogue_snapshot() -> tuple:
    """Everything a refused catalogue change must leave untouched."""
    return (
        list(Category.objects.order_by("pk").values()),
        list(RoutingRule.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )
