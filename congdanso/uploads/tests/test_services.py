import hashlib
import io
import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from PIL import Image

from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.audit.models import AuditEvent
from congdanso.core.errors import PermissionDenied
from congdanso.uploads.errors import EmptyFile, FileTooLarge, ImageTooLarge, UnsupportedFileType
from congdanso.uploads.models import StoredFile
from congdanso.uploads.services import file_delete, file_store
from congdanso.uploads.tests.factories import StoredFileFactory
from congdanso.uploads.tests.samples import (
    GPS_IFD,
    GPS_INFO_TAG,
    MINIMAL_PDF,
    CountingStream,
    gps_exif,
    image_bytes,
    jpeg_with_gps,
    open_image,
    png_bomb,
)

pytestmark = pytest.mark.django_db


def upload(data: bytes, name: str = "anh.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored_bytes(stored_file: StoredFile) -> bytes:
    with stored_file.file.open("rb") as handle:
        return handle.read()


def test_file_store_keeps_a_pdf_with_its_facts_and_an_audit_event(stored_paths):
    owner = CitizenFactory()

    with time_machine.travel(datetime(2026, 3, 5, 20, 0, tzinfo=UTC), tick=False):
        stored = file_store(owner=owner, uploaded_file=upload(MINIMAL_PDF, "Đơn đề nghị.pdf", "text/html"))

    stored.refresh_from_db()
    assert stored.owner == owner
    assert stored.original_name == "Đơn đề nghị.pdf"
    assert stored.content_type == "application/pdf"
    assert stored.size == len(MINIMAL_PDF)
    assert stored.sha256 == hashlib.sha256(MINIMAL_PDF).hexdigest()
    assert (stored.width, stored.height, stored.metadata_stripped) == (None, None, False)
    # Local time (Asia/Ho_Chi_Minh) is already 6 March 03:00.
    assert re.fullmatch(r"uploads/2026/03/[0-9a-f]{32}\.pdf", stored.file.name)
    assert stored_paths() == [stored.file.name]
    assert stored_bytes(stored) == MINIMAL_PDF
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.object_type, event.object_id, event.object_repr) == (
        "file.stored",
        owner,
        "uploads.storedfile",
        str(stored.pk),
        "",
    )
    assert event.changes == {
        "content_type": "application/pdf",
        "size": len(MINIMAL_PDF),
        "sha256": hashlib.sha256(MINIMAL_PDF).hexdigest(),
    }


def test_file_store_ignores_the_declared_type_and_extension():
    png = image_bytes("PNG", size=(6, 4))

    stored = file_store(owner=CitizenFactory(), uploaded_file=upload(png, "giay-to.jpg", "image/jpeg"))

    assert (stored.content_type, stored.width, stored.height) == ("image/png", 6, 4)
    assert stored.file.name.endswith(".png")
    assert stored.original_name == "giay-to.jpg"
    assert stored.download_name == "giay-to.png"


def test_file_store_sanitises_the_client_name_and_never_uses_it_for_storage():
    stored = file_store(
        owner=CitizenFactory(),
        uploaded_file=upload(MINIMAL_PDF, "../../etc/passwd\u202egpj.pdf", "application/pdf"),
    )

    assert stored.original_name == "passwdgpj.pdf"
    assert "passwd" not in stored.file.name


def test_file_store_strips_gps_and_applies_orientation_on_request():
    original = jpeg_with_gps(orientation=6, xmp=b"<x:xmpmeta>GPS 21.85,106.76</x:xmpmeta>")
    assert open_image(original).getexif().get_ifd(GPS_INFO_TAG) == GPS_IFD

    stored = file_store(owner=CitizenFactory(), uploaded_file=upload(original), strip_metadata=True)

    kept = stored_bytes(stored)
    picture = open_image(kept)
    assert dict(picture.getexif()) == {}
    assert picture.getexif().get_ifd(GPS_INFO_TAG) == {}
    assert "xmp" not in picture.info
    assert b"xmpmeta" not in kept
    assert picture.size == (20, 40)
    assert (stored.width, stored.height, stored.metadata_stripped) == (20, 40, True)
    assert stored.size == len(kept)
    assert stored.sha256 == hashlib.sha256(kept).hexdigest()
    assert AuditEvent.objects.get().changes["sha256"] == hashlib.sha256(kept).hexdigest()


def test_file_store_keeps_gps_when_not_asked_to_strip():
    original = jpeg_with_gps(orientation=6)

    stored = file_store(owner=CitizenFactory(), uploaded_file=upload(original))

    assert stored_bytes(stored) == original
    assert open_image(stored_bytes(stored)).getexif().get_ifd(GPS_INFO_TAG) == GPS_IFD
    assert (stored.width, stored.height, stored.metadata_stripped) == (40, 20, False)


@pytest.mark.parametrize("image_format", ["PNG", "WEBP"])
def test_file_store_strips_exif_from_png_and_webp(image_format):
    original = image_bytes(image_format, exif=gps_exif())
    assert open_image(original).getexif().get_ifd(GPS_INFO_TAG) == GPS_IFD

    stored = file_store(owner=CitizenFactory(), uploaded_file=upload(original), strip_metadata=True)

    assert open_image(stored_bytes(stored)).getexif().get_ifd(GPS_INFO_TAG) == {}
    assert stored.metadata_stripped is True


def test_file_store_keeps_the_colour_profile_when_stripping():
    profile = b"\x00\x00\x02\x0cfake-icc-profile-bytes"
    original = image_bytes("JPEG", icc_profile=profile, exif=gps_exif())

    stored = file_store(owner=CitizenFactory(), uploaded_file=upload(original), strip_metadata=True)

    assert open_image(stored_bytes(stored)).info["icc_profile"] == profile


def test_file_store_keeps_animation_frames_when_stripping():
    frames = [Image.new("RGB", (10, 8), (index * 60, 0, 0)) for index in range(3)]
    buffer = io.BytesIO()
    frames[0].save(
        buffer, "PNG", save_all=True, append_images=frames[1:], duration=50, loop=0, exif=gps_exif()
    )

    stored = file_store(owner=CitizenFactory(), uploaded_file=upload(buffer.getvalue()), strip_metadata=True)

    picture = open_image(stored_bytes(stored))
    assert (picture.n_frames, picture.size) == (3, (10, 8))
    assert dict(picture.getexif()) == {}


def test_file_store_refuses_an_image_it_cannot_re_encode(monkeypatch, stored_paths):
    def fail(data, content_type):
        raise OSError("encoder error -2")

    monkeypatch.setattr("congdanso.uploads.services.strip_image_metadata", fail)

    with pytest.raises(UnsupportedFileType):
        file_store(owner=CitizenFactory(), uploaded_file=upload(jpeg_with_gps()), strip_metadata=True)

    assert StoredFile.objects.count() == 0
    assert stored_paths() == []


def test_file_store_does_not_claim_to_strip_a_pdf():
    stored = file_store(owner=CitizenFactory(), uploaded_file=upload(MINIMAL_PDF), strip_metadata=True)

    assert stored.metadata_stripped is False
    assert stored_bytes(stored) == MINIMAL_PDF


def test_file_store_allows_system_files_without_owner():
    stored = file_store(owner=None, uploaded_file=upload(MINIMAL_PDF))

    assert stored.owner is None
    assert AuditEvent.objects.get().actor is None


@pytest.mark.parametrize(
    ("uploaded_file", "options", "error", "message"),
    [
        (
            SimpleUploadedFile("a.jpg", b"<html><body>hi</body></html>", "image/jpeg"),
            {},
            UnsupportedFileType,
            "Định dạng tệp không được hỗ trợ. Chỉ chấp nhận ảnh (JPEG, PNG, WebP) và PDF.",
        ),
        (SimpleUploadedFile("a.jpg", b"", "image/jpeg"), {}, EmptyFile, "Tệp tải lên trống."),
        (
            SimpleUploadedFile("a.pdf", MINIMAL_PDF + b" " * 600_000),
            {"max_bytes": 512 * 1024},
            FileTooLarge,
            "Tệp quá lớn: tối đa 512 KB.",
        ),
        (CountingStream(total=11 * 1024 * 1024), {}, FileTooLarge, "Tệp quá lớn: tối đa 10 MB."),
        (
            SimpleUploadedFile("a.pdf", MINIMAL_PDF),
            {"allowed_types": ["image/jpeg"]},
            UnsupportedFileType,
            "Định dạng tệp không được hỗ trợ. Chỉ chấp nhận: JPEG.",
        ),
        (
            SimpleUploadedFile("bom.png", png_bomb()),
            {"strip_metadata": True},
            ImageTooLarge,
            "Ảnh quá lớn: tối đa 40 triệu điểm ảnh.",
        ),
    ],
    ids=["disguised", "empty", "over-max-bytes", "over-setting", "not-allowed", "bomb"],
)
def test_file_store_refusals_store_nothing(uploaded_file, options, error, message, stored_paths):
    with pytest.raises(error) as raised:
        file_store(owner=CitizenFactory(), uploaded_file=uploaded_file, **options)

    assert str(raised.value.message) == message
    assert StoredFile.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    assert stored_paths() == []


def test_file_store_follows_the_size_setting(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    stream = CountingStream(total=3 * 1024 * 1024)

    with pytest.raises(FileTooLarge) as raised:
        file_store(owner=CitizenFactory(), uploaded_file=stream)

    assert str(raised.value.message) == "Tệp quá lớn: tối đa 1 MB."
    assert stream.bytes_read == 1024 * 1024 + 1


@pytest.mark.parametrize("failing", ["row", "audit"])
def test_file_store_removes_the_stored_file_when_the_database_write_fails(failing, monkeypatch, stored_paths):
    def fail(*args, **kwargs):
        raise DatabaseError("disk full")

    if failing == "row":
        monkeypatch.setattr(StoredFile, "save", fail)
    else:
        monkeypatch.setattr("congdanso.uploads.services.audit_record", fail)

    with pytest.raises(DatabaseError):
        file_store(owner=CitizenFactory(), uploaded_file=upload(MINIMAL_PDF))

    assert stored_paths() == []
    assert StoredFile.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_file_store_works_with_a_storage_that_has_no_local_paths(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    original = jpeg_with_gps()

    stored = file_store(owner=CitizenFactory(), uploaded_file=upload(original), strip_metadata=True)
    reloaded = StoredFile.objects.get(pk=stored.pk)

    assert isinstance(default_storage._wrapped, InMemoryStorage)
    assert default_storage.exists(reloaded.file.name)
    assert open_image(stored_bytes(reloaded)).getexif().get_ifd(GPS_INFO_TAG) == {}


def test_file_delete_by_owner_removes_row_then_bytes_on_commit(
    django_capture_on_commit_callbacks, stored_paths
):
    stored = StoredFileFactory()
    name = stored.file.name
    assert stored_paths() == [name]

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        file_delete(actor=stored.owner, stored_file=stored)
    assert StoredFile.objects.count() == 0
    assert stored_paths() == [name]
    for callback in callbacks:
        callback()

    assert stored_paths() == []
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.object_id) == ("file.deleted", stored.owner, str(stored.pk))
    assert event.changes == {"content_type": "image/png", "size": stored.size, "sha256": stored.sha256}


def test_file_delete_by_superuser(django_capture_on_commit_callbacks, stored_paths):
    stored = StoredFileFactory()
    admin = CitizenFactory(is_superuser=True)

    with django_capture_on_commit_callbacks(execute=True):
        file_delete(actor=admin, stored_file=stored)

    assert StoredFile.objects.count() == 0
    assert stored_paths() == []
    assert AuditEvent.objects.get().actor == admin


@pytest.mark.parametrize("actor_kind", ["other-citizen", "official", "anonymous"])
def test_file_delete_refuses_others_and_changes_nothing(actor_kind, stored_paths):
    from django.contrib.auth.models import AnonymousUser

    stored = StoredFileFactory()
    actor = {"other-citizen": CitizenFactory, "official": OfficialFactory, "anonymous": AnonymousUser}[
        actor_kind
    ]()

    with pytest.raises(PermissionDenied):
        file_delete(actor=actor, stored_file=stored)

    assert StoredFile.objects.filter(pk=stored.pk).count() == 1
    assert stored_paths() == [stored.file.name]
    assert AuditEvent.objects.count() == 0
