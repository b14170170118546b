"""A form field that runs the same checks as ``file_store``, for plain HTML forms (no JavaScript)."""

from django import forms
from django.conf import settings

from congdanso.core.errors import ApplicationError
from congdanso.uploads.errors import EmptyFile
from congdanso.uploads.inspection import FileInspection, inspect_content, read_upload


def clean_upload(uploaded_file, *, allowed_types=None, max_bytes: int | None = None) -> FileInspection:
    """Validate an uploaded file; raise ``forms.ValidationError`` with the service's message and code.

    The file is rewound afterwards so the view can hand it to ``file_store``.
    """
    limit = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    try:
        data = read_upload(uploaded_file, max_bytes=limit)
        return inspect_content(data, allowed_types=allowed_types)
    except ApplicationError as error:
        raise forms.ValidationError(str(error.message), code=error.code) from error
    finally:
        uploaded_file.seek(0)


class SafeUploadField(forms.FileField):
    """A file field that accepts only files that really are one of ``allowed_types``, within ``max_bytes``.

    After ``clean()``, the returned file carries ``.inspection`` (the sniffed type and image size).
    """

    def __init__(self, *, allowed_types=None, max_bytes: int | None = None, **kwargs):
        self.allowed_types = list(settings.UPLOAD_ALLOWED_TYPES if allowed_types is None else allowed_types)
        self.max_bytes = max_bytes
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ",".join(self.allowed_types)}))
        super().__init__(**kwargs)
        self.error_messages["empty"] = str(EmptyFile().message)

    def clean(self, data, initial=None):
        uploaded_file = super().clean(data, initial)
        if uploaded_file and uploaded_file is not initial:
            uploaded_file.inspection = clean_upload(
                uploaded_file, allowed_types=self.allowed_types, max_bytes=self.max_bytes
            )
        return uploaded_file
