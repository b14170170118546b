import hashlib
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from congdanso.accounts.services.tokens import api_token_issue
from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.audit.models import AuditEvent
from congdanso.uploads.models import StoredFile
from congdanso.uploads.tests.factories import SAMPLE_PNG, StoredFileFactory
from congdanso.uploads.tests.samples import (
    GPS_IFD,
    GPS_INFO_TAG,
    MINIMAL_PDF,
    jpeg_with_gps,
    open_image,
    png_bomb,
)

pytestmark = pytest.mark.django_db

BASE = "/api/v1/uploads/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def read_content(response) -> bytes:
    return b"".join(response.streaming_content)


def test_upload_strips_image_metadata_by_default():
    citizen = CitizenFactory()
    client = signed_in(citizen)

    with time_machine.travel(datetime(2026, 3, 5, 1, 2, 3, tzinfo=UTC), tick=False):
        response = client.post(
            BASE, {"file": SimpleUploadedFile("hien-truong.jpg", jpeg_with_gps(orientation=6), "image/jpeg")}
        )

    assert response.status_code == 201
    stored = StoredFile.objects.get()
    with stored.file.open("rb") as handle:
        kept = handle.read()
    assert response.json() == {
        "id": str(stored.pk),
        "original_name": "hien-truong.jpg",
        "content_type": "image/jpeg",
        "size": len(kept),
        "sha256": hashlib.sha256(kept).hexdigest(),
        "width": 20,
        "height": 40,
        "metadata_stripped": True,
        "created_at": "2026-03-05T01:02:03Z",
    }
    assert stored.owner == citizen
    assert open_image(kept).getexif().get_ifd(GPS_INFO_TAG) == {}


def test_upload_can_keep_metadata_when_asked():
    original = jpeg_with_gps()

    response = signed_in(CitizenFactory()).post(
        BASE, {"file": SimpleUploadedFile("a.jpg", original, "image/jpeg"), "strip_metadata": "false"}
    )

    assert response.status_code == 201
    assert response.json()["metadata_stripped"] is False
    assert response.json()["sha256"] == hashlib.sha256(original).hexdigest()
    with StoredFile.objects.get().file.open("rb") as handle:
        assert open_image(handle.read()).getexif().get_ifd(GPS_INFO_TAG) == GPS_IFD


def test_upload_with_a_bearer_token_needs_no_csrf():
    citizen = CitizenFactory()
    _, clear = api_token_issue(user=citizen, name="ứng dụng")
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        BASE,
        {"file": SimpleUploadedFile("don.pdf", MINIMAL_PDF, "application/pdf")},
        headers={"authorization": f"Bearer {clear}"},
    )

    assert response.status_code == 201
    assert response.json()["content_type"] == "application/pdf"
    assert StoredFile.objects.get().owner == citizen


@pytest.mark.parametrize(
    ("payload", "status", "code", "message"),
    [
        (
            {"file": SimpleUploadedFile("anh.jpg", b"<html><script>x</script></html>", "image/jpeg")},
            415,
            "unsupported_file_type",
            "Định dạng tệp không được hỗ trợ. Chỉ chấp nhận ảnh (JPEG, PNG, WebP) và PDF.",
        ),
        (
            {"file": SimpleUploadedFile("virus.jpg", b"MZ\x90\x00" + b"\x00" * 100, "image/jpeg")},
            415,
            "unsupported_file_type",
            "Định dạng tệp không được hỗ trợ. Chỉ chấp nhận ảnh (JPEG, PNG, WebP) và PDF.",
        ),
        (
            {"file": SimpleUploadedFile("bom.png", png_bomb(), "image/png")},
            422,
            "image_too_large",
            "Ảnh quá lớn: tối đa 40 triệu điểm ảnh.",
        ),
        (
            {"file": SimpleUploadedFile("rong.pdf", b"", "application/pdf")},
            422,
            "empty_file",
            "Tệp tải lên trống.",
        ),
        ({"strip_metadata": "true"}, 422, "validation_error", "Dữ liệu gửi lên không hợp lệ."),
    ],
    ids=["html-as-jpg", "exe-as-jpg", "bomb", "empty", "missing"],
)
def test_upload_refusals_use_the_error_shape_and_store_nothing(payload, status, code, message, stored_paths):
    response = signed_in(CitizenFactory()).post(BASE, payload)

    assert response.status_code == status
    assert response.json()["code"] == code
    assert response.json()["message"] == message
    assert StoredFile.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    assert stored_paths() == []


def test_upload_oversize_is_413(settings, stored_paths):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("lon.pdf", MINIMAL_PDF + b" " * (1024 * 1024), "application/pdf")

    response = signed_in(CitizenFactory()).post(BASE, {"file": big})

    assert response.status_code == 413
    assert response.json() == {
        "code": "file_too_large",
        "message": "Tệp quá lớn: tối đa 1 MB.",
        "details": {"max_bytes": 1024 * 1024},
    }
    assert StoredFile.objects.count() == 0
    assert stored_paths() == []


def test_session_upload_without_csrf_token_is_refused(stored_paths):
    client = Client(enforce_csrf_checks=True)
    client.force_login(CitizenFactory())

    response = client.post(BASE, {"file": SimpleUploadedFile("don.pdf", MINIMAL_PDF, "application/pdf")})

    assert response.status_code == 403
    assert StoredFile.objects.count() == 0
    assert stored_paths() == []


def test_anonymous_gets_401_everywhere(stored_paths):
    stored = StoredFileFactory()
    client = Client()

    responses = [
        client.post(BASE, {"file": SimpleUploadedFile("don.pdf", MINIMAL_PDF, "application/pdf")}),
        client.get(BASE),
        client.get(f"{BASE}{stored.pk}"),
        client.get(f"{BASE}{stored.pk}/content"),
        client.delete(f"{BASE}{stored.pk}"),
    ]

    assert [response.status_code for response in responses] == [401] * 5
    assert {response.json()["code"] for response in responses} == {"not_authenticated"}
    assert list(StoredFile.objects.all()) == [stored]
    assert stored_paths() == [stored.file.name]
    assert AuditEvent.objects.count() == 0


def test_owner_reads_metadata_and_content():
    stored = StoredFileFactory(original_name="Ảnh nhà.jpg")
    client = signed_in(stored.owner)

    meta = client.get(f"{BASE}{stored.pk}")
    content = client.get(f"{BASE}{stored.pk}/content")

    assert meta.status_code == 200
    assert meta.json()["id"] == str(stored.pk)
    assert meta.json()["content_type"] == "image/png"
    assert (meta.json()["width"], meta.json()["height"]) == (3, 2)
    assert content.status_code == 200
    assert read_content(content) == SAMPLE_PNG
    assert content["Content-Type"] == "image/png"
    assert content["Content-Disposition"] == "inline; filename*=utf-8''%E1%BA%A2nh%20nh%C3%A0.png"
    assert content["X-Content-Type-Options"] == "nosniff"
    assert content["Content-Security-Policy"] == "sandbox"
    assert content["Cache-Control"] == "private, no-cache"


def test_pdf_content_is_an_attachment():
    stored = StoredFileFactory(
        original_name="don.pdf",
        content_type="application/pdf",
        size=len(MINIMAL_PDF),
        sha256=hashlib.sha256(MINIMAL_PDF).hexdigest(),
        file__data=MINIMAL_PDF,
        width=None,
        height=None,
    )

    response = signed_in(stored.owner).get(f"{BASE}{stored.pk}/content")

    assert read_content(response) == MINIMAL_PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="don.pdf"'


def test_list_shows_only_own_files_with_pinned_queries(django_assert_num_queries):
    owner = CitizenFactory()
    mine = [StoredFileFactory(owner=owner) for _ in range(3)]
    StoredFileFactory()
    client = signed_in(owner)

    with django_assert_num_queries(3):  # session, user, files
        response = client.get(BASE)

    assert response.status_code == 200
    assert {row["id"] for row in response.json()} == {str(stored.pk) for stored in mine}


@pytest.mark.parametrize("intruder_kind", ["other-citizen", "official"])
def test_others_get_404_and_change_nothing(intruder_kind, stored_paths):
    stored = StoredFileFactory()
    intruder = CitizenFactory() if intruder_kind == "other-citizen" else OfficialFactory()
    client = signed_in(intruder)

    responses = [
        client.get(f"{BASE}{stored.pk}"),
        client.get(f"{BASE}{stored.pk}/content"),
        client.delete(f"{BASE}{stored.pk}"),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]
    assert {response.json()["code"] for response in responses} == {"not_found"}
    assert client.get(BASE).json() == []
    assert list(StoredFile.objects.all()) == [stored]
    assert stored_paths() == [stored.file.name]
    assert AuditEvent.objects.count() == 0


def test_owner_deletes(django_capture_on_commit_callbacks, stored_paths):
    stored = StoredFileFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(stored.owner).delete(f"{BASE}{stored.pk}")

    assert response.status_code == 204
    assert StoredFile.objects.count() == 0
    assert stored_paths() == []
    assert AuditEvent.objects.get().action == "file.deleted"


def test_superuser_reads_and_deletes_any_file(django_capture_on_commit_callbacks):
    stored = StoredFileFactory()
    client = signed_in(CitizenFactory(is_superuser=True))

    assert client.get(f"{BASE}{stored.pk}").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(f"{BASE}{stored.pk}").status_code == 204
    assert StoredFile.objects.count() == 0


def test_malformed_id_is_422():
    response = signed_in(CitizenFactory()).get(f"{BASE}khong-phai-uuid")

    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
