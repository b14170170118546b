"""Photos of the result that an official attaches when resolving a report (stored without EXIF/GPS)."""

from django.conf import settings
from django.utils.translation import gettext as _

from congdanso.core.errors import ValidationFailed
from congdanso.feedback.models import Report, ReportPhoto, ReportPhotoKind

RESOLUTION_PHOTO_TYPES = ("image/jpeg", "image/png", "image/webp")


def store_resolution_photos(*, actor, report: Report, photos) -> list[ReportPhoto]:
    """Store up to FEEDBACK_MAX_PHOTOS images as resolution photos of ``report`` (caller transaction)."""
    from congdanso.uploads.services import file_store

    photos = list(photos or ())
    limit = settings.FEEDBACK_MAX_PHOTOS
    if len(photos) > limit:
        raise ValidationFailed(
            _("Chỉ được gửi tối đa %(max)s ảnh.") % {"max": limit},
            details={"field": "photos"},
            code="too_many",
        )
    start = ReportPhoto.objects.filter(report=report, kind=ReportPhotoKind.RESOLUTION).count()
    stored = []
    for index, uploaded_file in enumerate(photos):
        stored_file = file_store(
            owner=actor,
            uploaded_file=uploaded_file,
            strip_metadata=True,
            allowed_types=RESOLUTION_PHOTO_TYPES,
        )
        stored.append(
            ReportPhoto.objects.create(
                report=report,
                stored_file=stored_file,
                kind=ReportPhotoKind.RESOLUTION,
                position=start + index,
            )
        )
    return stored
