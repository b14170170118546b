import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from congdanso.uploads.forms import SafeUploadField, clean_upload
from congdanso.uploads.inspection import FileInspection
from congdanso.uploads.tests.samples import MINIMAL_PDF, image_bytes, png_bomb


class PhotoForm(forms.Form):
    photo = SafeUploadField(label="Ảnh", allowed_types=["image/jpeg", "image/png", "image/webp"])


class AnyFileForm(forms.Form):
    attachment = SafeUploadField(label="Tệp đính kèm", required=False, max_bytes=1024)


def test_safe_upload_field_accepts_a_real_image_and_rewinds_it():
    png = image_bytes("PNG", size=(5, 3))
    form = PhotoForm(files={"photo": SimpleUploadedFile("anh.jpg", png, "image/jpeg")})

    assert form.is_valid(), form.errors
    photo = form.cleaned_data["photo"]
    assert photo.inspection == FileInspection("image/png", 5, 3)
    assert photo.read() == png


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html></html>", "Định dạng tệp không được hỗ trợ. Chỉ chấp nhận: JPEG, PNG, WebP."),
        (MINIMAL_PDF, "Định dạng tệp không được hỗ trợ. Chỉ chấp nhận: JPEG, PNG, WebP."),
        (png_bomb(), "Ảnh quá lớn: tối đa 40 triệu điểm ảnh."),
        (b"", "Tệp tải lên trống."),
    ],
    ids=["html", "pdf-not-allowed", "bomb", "empty"],
)
def test_safe_upload_field_refuses_with_the_service_message(data, message):
    form = PhotoForm(files={"photo": SimpleUploadedFile("anh.jpg", data, "image/jpeg")})

    assert form.is_valid() is False
    assert form.errors == {"photo": [message]}


def test_safe_upload_field_size_limit_and_optional():
    too_big = AnyFileForm(files={"attachment": SimpleUploadedFile("a.pdf", MINIMAL_PDF + b" " * 1024)})
    absent = AnyFileForm(files={})

    assert too_big.is_valid() is False
    assert too_big.errors == {"attachment": ["Tệp quá lớn: tối đa 1 KB."]}
    assert too_big.errors.as_data()["attachment"][0].code == "file_too_large"
    assert absent.is_valid() is True
    assert absent.cleaned_data == {"attachment": None}


def test_safe_upload_field_widget_hints_the_allowed_types():
    html = str(PhotoForm()["photo"])

    assert 'accept="image/jpeg,image/png,image/webp"' in html
    assert 'type="file"' in html


def test_clean_upload_helper_returns_the_inspection():
    uploaded = SimpleUploadedFile("don", MINIMAL_PDF)

    assert clean_upload(uploaded) == FileInspection("application/pdf")
    assert uploaded.read() == MINIMAL_PDF


def test_clean_upload_helper_raises_form_errors():
    with pytest.raises(forms.ValidationError) as raised:
        clean_upload(SimpleUploadedFile("a.pdf", b"%PDF-1.4 no end"))

    assert raised.value.messages == [
        "Định dạng tệp không được hỗ trợ. Chỉ chấp nhận ảnh (JPEG, PNG, WebP) và PDF."
    ]
    assert raised.value.code == "unsupported_file_type"
