"""feedback_submit: validation, routing, deadlines, receipt codes, photos, idempotency, timeline, notices."""

import datetime as dt

import pytest
import time_machine
from PIL import Image

from congdanso.accounts.tests.factories import CitizenFactory
from congdanso.audit.models import AuditEvent
from congdanso.core.errors import ValidationFailed
from congdanso.feedback.deadlines import LOCAL, report_deadlines
from congdanso.feedback.models import (
    ReceiptSequence,
    Report,
    ReportEvent,
    ReportEventKind,
    ReportPhoto,
    ReportSource,
    ReportStatus,
    SubmissionKey,
)
from congdanso.feedback.services.submission import feedback_submit
from congdanso.feedback.tests import submission_support as support
from congdanso.notifications.models import Notification
from congdanso.places.tests.factories import CommuneFactory, ProvinceFactory

pytestmark = pytest.mark.django_db
FROZEN = dt.datetime(2026, 11, 23, 9, 0, tzinfo=LOCAL)  # a Monday


@pytest.fixture
def places():
    return support.langson_communes()


@pytest.fixture
def citizen():
    return CitizenFactory()


def submit(citizen, **overrides):
    values = {
        "reporter": citizen,
        "category_code": "giao-thong",
        "title": "Ổ gà trên đường Trần Đăng Ninh",
        "description": "Ổ gà sâu khoảng 20 cm trước số nhà 15, xe máy dễ ngã.",
        "commune_code": 5977,
        "address": "15 Trần Đăng Ninh",
    }
    values.update(overrides)
    return feedback_submit(**values)


@time_machine.travel(FROZEN, tick=False)
def test_submit_stores_routes_and_records(places, citizen, django_capture_on_commit_callbacks):
    communes, committees = places
    receiver = support.receiver_of(committees[5977])
    with django_capture_on_commit_callbacks(execute=True):
        report = submit(citizen, latitude=21.8537, longitude=106.7615, attributes={"loai_su_co": "o-ga"})

    report.refresh_from_db()
    assert report.code == "PAKN.20261123.0001"
    assert report.status == ReportStatus.NEW
    assert report.commune == communes[5977]
    assert report.agency == committees[5977]
    assert report.reporter == citizen
    assert report.source == ReportSource.WEB
    assert report.attributes == {"loai_su_co": "o-ga"}
    assert (report.latitude, report.longitude) == (21.8537, 106.7615)
    expected = report_deadlines(category=support.category(), received_at=FROZEN)
    assert (report.acknowledge_due_at, report.resolve_due_at) == expected
    event = ReportEvent.objects.get(report=report)
    assert (event.kind, event.to_status, event.actor_id, event.is_public) == (
        ReportEventKind.SUBMITTED,
        ReportStatus.NEW,
        citizen.pk,
        True,
    )
    assert AuditEvent.objects.filter(action="feedback.submitted", object_id=str(report.pk)).count() == 1
    notices = Notification.objects.filter(related_id=str(report.pk))
    assert [notice.recipient_id for notice in notices] == [receiver.pk]
    assert notices[0].subject == "Phản ánh PAKN.20261123.0001: Gửi phản ánh"


def test_receipt_codes_are_sequential_per_local_day(places, citizen):
    with time_machine.travel(dt.datetime(2026, 11, 23, 23, 58, tzinfo=LOCAL), tick=False):
        first = submit(citizen)
        second = submit(citizen)
    with time_machine.travel(dt.datetime(2026, 11, 24, 0, 1, tzinfo=LOCAL), tick=False):
        third = submit(citizen)
    assert [first.code, second.code, third.code] == [
        "PAKN.20261123.0001",
        "PAKN.20261123.0002",
        "PAKN.20261124.0001",
    ]
    assert dict(ReceiptSequence.objects.values_list("day", "last_number")) == {
        dt.date(2026, 11, 23): 2,
        dt.date(2026, 11, 24): 1,
    }


@time_machine.travel(FROZEN, tick=False)
def test_receipt_number_grows_past_four_digits(places, citizen):
    ReceiptSequence.objects.create(day=dt.date(2026, 11, 23), last_number=9999)
    assert submit(citizen).code == "PAKN.20261123.10000"


def test_same_idempotency_key_returns_the_same_report(places, citizen):
    first = submit(citizen, idempotency_key="k-1", idempotency_scope=f"user:{citizen.pk}")
    before = support.counts()
    again = submit(
        citizen, idempotency_key="k-1", idempotency_scope=f"user:{citizen.pk}", title="Tiêu đề khác hẳn"
    )
    assert again.pk == first.pk
    assert again.title == "Ổ gà trên đường Trần Đăng Ninh"
    assert support.counts() == before
    other_scope = submit(citizen, idempotency_key="k-1", idempotency_scope="user:someone-else")
    assert other_scope.pk != first.pk
    assert SubmissionKey.objects.count() == 2


def test_without_matching_rule_or_committee_goes_to_triage(citizen):
    province = ProvinceFactory()
    CommuneFactory(code=6001, name="Xã Đoàn Kết", parent=province)
    report = submit(citizen, commune_code=6001)
    assert report.agency is None
    assert report.commune.code == 6001


def test_photos_are_stored_without_exif(places, citizen):
    report = submit(
        citizen, photos=[support.jpeg_with_gps("a.jpg"), support.jpeg_with_gps("b.jpg", (60, 40))]
    )
    photos = list(
        ReportPhoto.objects.filter(report=report).select_related("stored_file").order_by("position")
    )
    assert [photo.position for photo in photos] == [0, 1]
    for photo, size in zip(photos, [(40, 30), (60, 40)], strict=True):
        assert photo.stored_file.metadata_stripped is True
        assert photo.stored_file.owner_id == citizen.pk
        with photo.stored_file.file.open("rb") as handle, Image.open(handle) as image:
            assert image.size == size
            assert dict(image.getexif()) == {}


BAD_INPUTS = [
    ({"title": ""}, "required", "title"),
    ({"title": "x" * 201}, "too_long", "title"),
    ({"description": "   "}, "required", "description"),
    ({"description": "Xem <script>alert(1)</script>"}, "html_not_allowed", "description"),
    ({"title": "<b>Gấp</b>"}, "html_not_allowed", "title"),
    ({"address": '<img src="x">'}, "html_not_allowed", "address"),
    ({"category_code": "khong-co"}, "unknown_category", "category_code"),
    ({"latitude": 21.85}, "location_incomplete", "longitude"),
    ({"longitude": 106.76}, "location_incomplete", "latitude"),
    ({"latitude": 21.0285, "longitude": 105.8542}, "out_of_province", "latitude"),
    ({"latitude": 95.0, "longitude": 106.7}, "invalid_coordinates", "latitude"),
    ({"commune_code": None}, "location_required", "latitude"),
    ({"commune_code": 1}, "unknown_commune", "commune_code"),
    ({"attributes": {"loai_su_co": "cau-sap"}}, "invalid_attribute", "attributes.loai_su_co"),
    ({"contact": {"email": "khong-phai-email"}}, "invalid_email", "contact.email"),
    ({"media_url": "javascript:alert(1)"}, "invalid_media_url", "media_url"),
]


@pytest.mark.parametrize(("overrides", "code", "field"), BAD_INPUTS)
def test_bad_input_is_refused_and_nothing_is_saved(places, citizen, overrides, code, field):
    before, files_before = support.counts(), support.media_file_count()
    with pytest.raises(ValidationFailed) as caught:
        submit(citizen, photos=[support.jpeg_with_gps()], **overrides)
    assert caught.value.code == code
    assert caught.value.details["field"] == field
    assert support.counts() == before
    assert support.media_file_count() == files_before
    assert ReceiptSequence.objects.count() == 0


def test_html_message_is_exact(places, citizen):
    with pytest.raises(ValidationFailed) as caught:
        submit(citizen, description="<p>Nội dung</p>")
    assert str(caught.value.message) == "Nội dung không được chứa mã HTML."


def test_plain_less_than_sign_is_allowed(places, citizen):
    report = submit(citizen, description="Nhiệt độ < 5 độ, đường đóng băng.")
    assert report.description == "Nhiệt độ < 5 độ, đường đóng băng."


def test_inactive_category_is_refused(places, citizen):
    support.category("khac").__class__.objects.filter(code="khac").update(is_active=False)
    with pytest.raises(ValidationFailed) as caught:
        submit(citizen, category_code="khac")
    assert caught.value.code == "unknown_category"


def test_commune_of_another_province_is_refused(places, citizen):
    ha_noi = ProvinceFactory(code=1, name="Thành phố Hà Nội", short_name="Hà Nội", codename="ha_noi")
    CommuneFactory(code=4, name="Phường Ba Đình", parent=ha_noi)
    with pytest.raises(ValidationFailed) as caught:
        submit(citizen, commune_code=4)
    assert caught.value.code == "unknown_commune"


@pytest.mark.parametrize(
    ("photos", "code"),
    [
        (lambda: [support.jpeg_with_gps(f"{n}.jpg") for n in range(6)], "too_many_photos"),
        (lambda: [support.jpeg_with_gps(), support.text_file()], "unsupported_file_type"),
    ],
)
def test_bad_photos_refuse_the_whole_submit(places, citizen, photos, code):
    before, files_before = support.counts(), support.media_file_count()
    with pytest.raises(Exception) as caught:
        submit(citizen, photos=photos())
    assert caught.value.code == code
    assert support.counts() == before
    assert support.media_file_count() == files_before


def test_oversized_photo_is_refused(places, citizen, settings):
    settings.UPLOAD_MAX_BYTES = 200
    before = support.counts()
    with pytest.raises(Exception) as caught:
        submit(citizen, photos=[support.jpeg_with_gps()])
    assert caught.value.code == "file_too_large"
    assert support.counts() == before


def test_failure_after_photos_were_stored_removes_their_files(places, citizen, monkeypatch):
    from congdanso.feedback.services import submission

    def boom(**kwargs):
        raise RuntimeError("lỗi giả lập")

    monkeypatch.setattr(submission, "report_event_record", boom)
    before, files_before = support.counts(), support.media_file_count()
    with pytest.raises(RuntimeError):
        submit(citizen, photos=[support.jpeg_with_gps()])
    assert support.counts() == before
    assert support.media_file_count() == files_before


def test_open311_submission_without_account_keeps_contact(places):
    report = feedback_submit(
        reporter=None,
        category_code="moi-truong",
        title="Rác tồn đọng",
        description="Rác tồn đọng ba ngày ở chợ.",
        commune_code=6187,
        source=ReportSource.OPEN311,
        contact={"name": "Lê Văn A", "email": "a@example.vn", "phone": "0912 345 678"},
        attributes={"loai_rac": "sinh-hoat"},
        media_url="https://example.vn/anh.jpg",
    )
    report.refresh_from_db()
    assert (report.reporter, report.contact_name, report.contact_email, report.contact_phone) == (
        None,
        "Lê Văn A",
        "a@example.vn",
        "0912345678",
    )
    assert (report.media_url, report.attributes, report.source) == (
        "https://example.vn/anh.jpg",
        {"loai_rac": "sinh-hoat"},
        ReportSource.OPEN311,
    )


def test_received_at_backdates_the_report(places, citizen):
    received = dt.datetime(2025, 3, 4, 10, 0, tzinfo=LOCAL)
    report = submit(citizen, received_at=received)
    report.refresh_from_db()
    assert report.code == "PAKN.20250304.0001"
    assert report.created_at == received
    assert Report.objects.filter(created_at=received).count() == 1
