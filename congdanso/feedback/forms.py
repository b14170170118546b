"""Plain HTML forms of the citizen pages: they work without JavaScript and only shape the input.

Every rule about what a report may contain lives in the services; a service error is put back next to the
field it concerns with ``apply_service_error``.
"""

import uuid

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from congdanso.core.errors import ApplicationError
from congdanso.feedback.models import ReportStatus
from congdanso.uploads.forms import SafeUploadField

PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"]

# Service detail field names → form field names.
SERVICE_FIELD_NAMES = {
    "category_code": "category",
    "commune_code": "commune",
    "latitude": "location",
    "longitude": "location",
    "photo": "photos",
}


def apply_service_error(form: forms.Form, error: ApplicationError) -> None:
    """Put a service error next to the field(s) it names in ``details``, or on the whole form."""
    details = error.details
    entries = details if isinstance(details, list) else [details] if isinstance(details, dict) else []
    placed = False
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        name = SERVICE_FIELD_NAMES.get(entry.get("field"), entry.get("field"))
        if name == "location":
            name = "commune"
        if name in form.fields and name not in form.errors:
            message = entry.get("message") or error.message
            form.add_error(name, forms.ValidationError(str(message), code=error.code))
            placed = True
    if not placed:
        form.add_error(None, forms.ValidationError(str(error.message), code=error.code))


class MultiplePhotoInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(SafeUploadField):
    """0 to ``FEEDBACK_MAX_PHOTOS`` images, each checked like ``file_store`` does."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", MultiplePhotoInput(attrs={"accept": ",".join(PHOTO_TYPES), "multiple": True})
        )
        kwargs.setdefault("required", False)
        super().__init__(allowed_types=PHOTO_TYPES, **kwargs)

    def clean(self, data, initial=None):
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if len(files) > settings.FEEDBACK_MAX_PHOTOS:
            raise forms.ValidationError(
                _("Chỉ được gửi tối đa %(count)s ảnh.") % {"count": settings.FEEDBACK_MAX_PHOTOS},
                code="too_many_photos",
            )
        return [super(PhotosField, self).clean(item, initial) for item in files]


def _text(label, *, max_length, required=True, rows=None, **attrs):
    widget = forms.Textarea(attrs={"rows": rows, **attrs}) if rows else forms.TextInput(attrs=attrs)
    return forms.CharField(label=label, max_length=max_length, required=required, widget=widget, strip=True)


class ReportForm(forms.Form):
    """The report form (``/phan-anh/gui/``). Categories and communes are given by the view."""

    category = forms.ChoiceField(label=_("Lĩnh vực"), error_messages={"required": _("Hãy chọn lĩnh vực.")})
    title = _text(_("Tiêu đề"), max_length=200, autocomplete="off")
    description = _text(
        _("Nội dung phản ánh"), max_length=4000, rows=6, **{"aria-describedby": "id_description_helptext"}
    )
    photos = PhotosField(
        label=_("Ảnh (không bắt buộc)"),
        help_text=_("Tối đa 5 ảnh JPEG, PNG hoặc WebP. Thông tin vị trí trong ảnh được xoá trước khi lưu."),
    )
    commune = forms.TypedChoiceField(label=_("Xã/phường"), coerce=int, required=False, empty_value=None)
    address = _text(_("Địa chỉ cụ thể (không bắt buộc)"), max_length=300, required=False, autocomplete="off")
    latitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    longitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    is_public = forms.BooleanField(
        label=_("Công khai phản ánh trên trang phản ánh của tỉnh"), required=False, initial=True
    )
    is_anonymous = forms.BooleanField(label=_("Ẩn tên tôi với công chúng"), required=False)
    idempotency_key = forms.CharField(max_length=100, widget=forms.HiddenInput)

    field_order = [
        "category",
        "title",
        "description",
        "photos",
        "commune",
        "address",
        "latitude",
        "longitude",
        "is_public",
        "is_anonymous",
        "idempotency_key",
    ]

    def __init__(self, *args, categories=(), communes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].help_text = _("Mô tả sự việc, thời gian và mức độ ảnh hưởng.")
        self.fields["category"].choices = [("", _("— Chọn lĩnh vực —"))] + [
            (category.code, category.name) for category in categories
        ]
        self.fields["commune"].choices = [("", _("— Chọn xã/phường —"))] + [
            (commune.code, commune.name) for commune in communes
        ]
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None):
            cleaned["latitude"] = cleaned["longitude"] = None
            latitude = None
        if latitude is None and cleaned.get("commune") is None and "commune" not in self.errors:
            self.add_error(
                "commune",
                forms.ValidationError(
                    _("Hãy chọn vị trí trên bản đồ hoặc chọn xã/phường."), code="location_required"
                ),
            )
        return cleaned


class AddInfoForm(forms.Form):
    """Extra information the citizen sends when the agency asked for it."""

    message = _text(_("Thông tin bổ sung"), max_length=4000, rows=4)
    photos = PhotosField(label=_("Ảnh bổ sung (không bắt buộc)"))


class RateForm(forms.Form):
    """The citizen's rating of the outcome (1–5) with an optional comment."""

    rating = forms.TypedChoiceField(
        label=_("Mức độ hài lòng"),
        coerce=int,
        choices=[
            (5, _("5 — Rất hài lòng")),
            (4, _("4 — Hài lòng")),
            (3, _("3 — Bình thường")),
            (2, _("2 — Chưa hài lòng")),
            (1, _("1 — Rất không hài lòng")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Hãy chọn mức độ hài lòng.")},
    )
    comment = _text(_("Nhận xét (không bắt buộc)"), max_length=2000, rows=3, required=False)


class ReopenForm(forms.Form):
    """Reopen a resolved report that was not really fixed."""

    reason = _text(_("Lý do mở lại"), max_length=2000, rows=3)


class PublicFilterForm(forms.Form):
    """Filters of the public list (a GET form; every field optional)."""

    category = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Tất cả")), ("open", _("Chưa xử lý xong")), ("closed", _("Đã kết thúc"))]
        + [(value, label) for value, label in ReportStatus.choices],
    )
    commune = forms.TypedChoiceField(label=_("Xã/phường"), coerce=int, required=False, empty_value=None)
    since = forms.DateField(
        label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, categories=(), communes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Tất cả"))] + [
            (category.code, category.name) for category in categories
        ]
        self.fields["commune"].choices = [("", _("Tất cả"))] + [
            (commune.code, commune.name) for commune in communes
        ]

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return cleaned
