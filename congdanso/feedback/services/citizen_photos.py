"""Citizens' photos: checked all together before anything is stored, then stored without EXIF/GPS.

A bad photo refuses the whole submission; files stored before a later failure are deleted again, so a
refused submission leaves neither rows nor files.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from congdanso.feedback.models import Report, ReportPhoto
from congdanso.feedback.services.submission_input import refuse

PHOTO_TYPES = ("image/jpeg", "image/png", "image/webp")


def photos_check(photos) -> list:
    """The photos as a list, each read and sniffed (rewound afterwards); raises on count, size or type."""
    from congdanso.uploads.inspection import inspect_content, read_upload

    photos = [photo for photo in (photos or ()) if photo]
    limit = settings.FEEDBACK_MAX_PHOTOS
    if len(photos) > limit:
        raise refuse("photos", _("Chỉ được gửi tối đa %(max)s ảnh.") % {"max": limit}, "too_many_photos")
    for photo in photos:
        try:
            inspect_content(
                read_upload(photo, max_bytes=settings.UPLOAD_MAX_BYTES), allowed_types=PHOTO_TYPES
            )
        finally:
            if callable(getattr(photo, "seek", None)):
                photo.seek(0)
    return photos


def photos_store(*, owner, report: Report, photos: list, kind: str, stored_names: list) -> list[ReportPhoto]:
    """Store checked photos for ``report``; the storage names go into ``stored_names`` for clean-up."""
    from congdanso.uploads.services import file_store

    start = ReportPhoto.objects.filter(report=report, kind=kind).count()
    items = []
    for index, photo in enumerate(photos):
        stored_file = file_store(
            owner=owner, uploaded_file=photo, strip_metadata=True, allowed_types=PHOTO_TYPES
        )
        stored_names.append((stored_file.file.storage, stored_file.file.name))
        items.append(
            ReportPhoto.objects.create(
                report=report, stored_file=stored_file, kind=kind, position=start + index
            )
        )
    return items


def stored_files_discard(stored_names: list) -> None:
    """Delete the bytes of files whose rows are being rolled back."""
    for storage, name in stored_names:
        try:
            storage.delete(name)
        except OSError:
            pass
    stored_names.clear()
