"""People, reports and snapshots shared by the workflow, policy and inbox tests."""

import io

from django.contrib.auth.models import AnonymousUser
from PIL import Image

from congdanso.accounts.models import Role
from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.audit.models import AuditEvent
from congdanso.feedback.models import Report, ReportEvent, ReportFollower, ReportPhoto
from congdanso.notifications.models import Notification
from congdanso.places.models import AgencyKind
from congdanso.places.tests.factories import AgencyFactory, ProvinceFactory

ALL_ROLES = (Role.RECEIVER, Role.HANDLER, Role.APPROVER, Role.SUPERVISOR, Role.ADMINISTRATOR)


def provincial_committee():
    return AgencyFactory(
        kind=AgencyKind.PROVINCIAL_COMMITTEE, unit=ProvinceFactory(), name="UBND tỉnh Lạng Sơn"
    )


def person(kind: str, agency=None, roles=ALL_ROLES):
    """anonymous, citizen, official (roles at ``agency``) or superuser."""
    if kind == "anonymous":
        return AnonymousUser()
    if kind == "citizen":
        return CitizenFactory()
    if kind == "superuser":
        return OfficialFactory(is_superuser=True, roles=[Role.COMMUNITY_TECH])
    return OfficialFactory(agency=agency, roles=list(roles))


def snapshot(*reports: Report) -> tuple:
    """Everything a refused action must leave untouched."""
    rows = tuple(
        tuple(sorted(Report.objects.filter(pk=report.pk).values().first().items())) for report in reports
    )
    return (
        rows,
        ReportEvent.objects.count(),
        AuditEvent.objects.count(),
        Notification.objects.count(),
        ReportFollower.objects.count(),
        ReportPhoto.objects.count(),
    )


def jpeg_with_exif(name: str = "ket-qua.jpg") -> io.BytesIO:
    image = Image.new("RGB", (32, 24), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh thử"  # Make
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    buffer.seek(0)
    buffer.name = name
    return buffer
