"""Places, people and files shared by the submission, citizen, selector, API and boundary tests."""

import io

from PIL import Image

from congdanso.accounts.models import Role
from congdanso.accounts.tests.factories import OfficialFactory
from congdanso.audit.models import AuditEvent
from congdanso.feedback.models import Category, Report, ReportEvent, ReportPhoto, SubmissionKey
from congdanso.notifications.models import Notification
from congdanso.places.models import AgencyKind, UnitType
from congdanso.places.tests.factories import AgencyFactory, CommuneFactory, ProvinceFactory
from congdanso.uploads.models import StoredFile

DONG_KINH = (21.809838, 106.775133)  # inside Phường Đông Kinh (5977)
KY_LUA = (21.840732, 106.833763)  # inside Phường Kỳ Lừa (6187)
HA_NOI = (21.0285, 105.8542)
WEST_EDGE = (21.819975, 106.095314)  # the westmost vertex of the province (Xã Tân Tri, 6337)


def langson_communes():
    """Four real Lạng Sơn communes (codes as in the packaged boundaries) and their People's Committees."""
    province = ProvinceFactory()
    communes = {
        5977: CommuneFactory(code=5977, name="Phường Đông Kinh", unit_type=UnitType.WARD, parent=province),
        6187: CommuneFactory(code=6187, name="Phường Kỳ Lừa", unit_type=UnitType.WARD, parent=province),
        6337: CommuneFactory(code=6337, name="Xã Tân Tri", parent=province),
        6184: CommuneFactory(code=6184, name="Xã Đồng Đăng", parent=province),
    }
    committees = {
        code: AgencyFactory(
            code=f"ubnd-{code}", kind=AgencyKind.COMMUNE_COMMITTEE, unit=unit, name=f"UBND {unit}"
        )
        for code, unit in communes.items()
    }
    return communes, committees


def receiver_of(agency):
    return OfficialFactory(agency=agency, roles=[Role.RECEIVER])


def jpeg_with_gps(name: str = "anh.jpg", size=(40, 30)) -> io.BytesIO:
    image = Image.new("RGB", size, (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh thử"  # Make
    exif[0x8825] = {1: "N", 2: (21.0, 51.0, 0.0)}  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    buffer.seek(0)
    buffer.name = name
    return buffer


def text_file(name: str = "ghi-chu.txt") -> io.BytesIO:
    buffer = io.BytesIO(b"khong phai anh")
    buffer.name = name
    return buffer


def counts() -> dict:
    """Everything a refused submission must leave untouched."""
    return {
        "reports": Report.objects.count(),
        "events": ReportEvent.objects.count(),
        "photos": ReportPhoto.objects.count(),
        "files": StoredFile.objects.count(),
        "keys": SubmissionKey.objects.count(),
        "audit": AuditEvent.objects.count(),
        "notifications": Notification.objects.count(),
    }


def category(code: str = "giao-thong") -> Category:
    return Category.objects.get(code=code)


def media_file_count() -> int:
    from django.conf import settings

    return sum(1 for path in settings.MEDIA_ROOT.rglob("*") if path.is_file())
