import io

import pytest

from congdanso.uploads.errors import (
    EmptyFile,
    FileTooLarge,
    ImageTooLarge,
    UnsupportedFileType,
    format_megabytes,
)
from congdanso.uploads.inspection import FileInspection, inspect_content, read_upload, sniff_content_type
from congdanso.uploads.tests.samples import MINIMAL_PDF, CountingStream, image_bytes, png_bomb

DEFAULT_UNSUPPORTED = "Định dạng tệp không được hỗ trợ. Chỉ chấp nhận ảnh (JPEG, PNG, WebP) và PDF."
HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xff\xd8\xff\xe0rest", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\nrest", "image/png"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"%PDF-1.7\n", "application/pdf"),
        (b"RIFF\x10\x00\x00\x00WAVEfmt ", None),
        (HTML, None),
        (EXE, None),
        (b"\x89PNG", None),
    ],
)
def test_sniff_content_type_reads_magic_bytes(data, expected):
    assert sniff_content_type(data) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (image_bytes("JPEG"), FileInspection("image/jpeg", 40, 20)),
        (image_bytes("PNG", size=(7, 5)), FileInspection("image/png", 7, 5)),
        (image_bytes("WEBP", size=(9, 4)), FileInspection("image/webp", 9, 4)),
        (MINIMAL_PDF, FileInspection("application/pdf")),
    ],
)
def test_inspect_content_accepts_real_files(data, expected):
    assert inspect_content(data) == expected


@pytest.mark.parametrize(
    "data",
    [
        HTML,
        EXE,
        b"\x89PNG\r\n\x1a\n" + b"garbage" * 50,
        b"\xff\xd8\xff\xe0" + b"<html>not a jpeg</html>" * 10,
        image_bytes("JPEG", size=(64, 64))[:300],
        b"RIFF\x20\x00\x00\x00WEBP" + b"\x00" * 40,
        b"%PDF-1.4\n<html>no end marker</html>",
        b"GIF89a" + b"\x00" * 40,
    ],
    ids=[
        "html",
        "exe",
        "png-header-garbage",
        "jpeg-header-html",
        "truncated-jpeg",
        "webp-garbage",
        "pdf-no-eof",
        "gif",
    ],
)
def test_inspect_content_refuses_disguised_or_broken_files(data):
    with pytest.raises(UnsupportedFileType) as raised:
        inspect_content(data)

    assert str(raised.value.message) == DEFAULT_UNSUPPORTED
    assert raised.value.status_code == 415
    assert raised.value.code == "unsupported_file_type"
    assert raised.value.details == {
        "allowed_types": ["image/jpeg", "image/png", "image/webp", "application/pdf"]
    }


def test_inspect_content_names_the_narrower_allowed_types():
    with pytest.raises(UnsupportedFileType) as raised:
        inspect_content(MINIMAL_PDF, allowed_types=["image/png", "image/jpeg"])

    assert str(raised.value.message) == "Định dạng tệp không được hỗ trợ. Chỉ chấp nhận: JPEG, PNG."
    assert raised.value.details == {"allowed_types": ["image/jpeg", "image/png"]}


def test_inspect_content_follows_the_allowed_types_setting(settings):
    settings.UPLOAD_ALLOWED_TYPES = ["application/pdf"]

    with pytest.raises(UnsupportedFileType) as raised:
        inspect_content(image_bytes("PNG"))

    assert str(raised.value.message) == "Định dạng tệp không được hỗ trợ. Chỉ chấp nhận: PDF."


def test_inspect_content_refuses_a_decompression_bomb():
    with pytest.raises(ImageTooLarge) as raised:
        inspect_content(png_bomb())

    assert str(raised.value.message) == "Ảnh quá lớn: tối đa 40 triệu điểm ảnh."
    assert raised.value.status_code == 422
    assert raised.value.code == "image_too_large"


def test_inspect_content_checks_pixels_against_its_own_limit_before_decoding():
    with pytest.raises(ImageTooLarge) as raised:
        inspect_content(image_bytes("PNG", size=(1300, 1200)), max_pixels=1_500_000)

    assert str(raised.value.message) == "Ảnh quá lớn: tối đa 1,5 triệu điểm ảnh."
    assert raised.value.details == {"max_pixels": 1_500_000}
    assert inspect_content(image_bytes("PNG", size=(1300, 1200)), max_pixels=1_560_000) == FileInspection(
        "image/png", 1300, 1200
    )


def test_read_upload_stops_after_one_byte_past_the_limit():
    stream = CountingStream(total=50 * 1024 * 1024)

    with pytest.raises(FileTooLarge) as raised:
        read_upload(stream, max_bytes=10 * 1024 * 1024)

    assert stream.bytes_read == 10 * 1024 * 1024 + 1
    assert str(raised.value.message) == "Tệp quá lớn: tối đa 10 MB."
    assert raised.value.status_code == 413
    assert raised.value.code == "file_too_large"
    assert raised.value.details == {"max_bytes": 10 * 1024 * 1024}


def test_read_upload_refuses_a_declared_oversize_file_without_reading():
    class DeclaredUpload:
        size = 1001

        def read(self, size=-1):
            raise AssertionError("the declared size alone must decide")

    with pytest.raises(FileTooLarge):
        read_upload(DeclaredUpload(), max_bytes=1000)


def test_small_limits_are_stated_in_kilobytes():
    assert str(FileTooLarge(1536).message) == "Tệp quá lớn: tối đa 1,5 KB."
    assert str(FileTooLarge(1_572_864).message) == "Tệp quá lớn: tối đa 1,5 MB."


def test_read_upload_accepts_exactly_the_limit_and_rewinds_first():
    uploaded = io.BytesIO(b"a" * 1000)
    uploaded.read(10)

    assert read_upload(uploaded, max_bytes=1000) == b"a" * 1000


def test_read_upload_refuses_an_empty_file():
    with pytest.raises(EmptyFile) as raised:
        read_upload(io.BytesIO(b""), max_bytes=1000)

    assert str(raised.value.message) == "Tệp tải lên trống."
    assert raised.value.status_code == 422
    assert raised.value.code == "empty_file"


@pytest.mark.parametrize(
    ("size", "expected"),
    [(10 * 1024 * 1024, "10"), (1024 * 1024, "1"), (1536 * 1024, "1,5"), (1600 * 1024, "1,6")],
)
def test_format_megabytes(size, expected):
    assert format_megabytes(size) == expected
