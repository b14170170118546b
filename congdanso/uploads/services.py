"""Writes of stored files: every upload is size-checked, sniffed, decoded and audited."""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from congdanso.audit.services import audit_record
from congdanso.core.errors import NotFound, PermissionDenied
from congdanso.uploads.inspection import inspect_content, read_upload, unsupported_type_error
from congdanso.uploads.metadata import strip_image_metadata
from congdanso.uploads.models import StoredFile
from congdanso.uploads.naming import sanitise_file_name
from congdanso.uploads.selectors import file_may_manage

AUDIT_OBJECT_TYPE = StoredFile._meta.label_lower


def _audit_changes(stored_file: StoredFile) -> dict:
    # No name and no owner details: only what the bytes are.
    return {"content_type": stored_file.content_type, "size": stored_file.size, "sha256": stored_file.sha256}


@transaction.atomic
def file_store(
    *,
    owner,
    uploaded_file,
    strip_metadata: bool = False,
    allowed_types=None,
    max_bytes: int | None = None,
) -> StoredFile:
    """Check ``uploaded_file`` (any file-like object) and keep it.

    Raises FileTooLarge (413), EmptyFile (422), UnsupportedFileType (415) or ImageTooLarge (422); nothing is
    stored then. ``strip_metadata`` re-encodes images without EXIF/XMP (PDFs are kept as they are).
    """
    limit = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    data = read_upload(uploaded_file, max_bytes=limit)
    inspection = inspect_content(data, allowed_types=allowed_types)
    width, height, stripped = inspection.width, inspection.height, False
    if strip_metadata and inspection.is_image:
        try:
            clean = strip_image_metadata(data, inspection.content_type)
        except (OSError, ValueError, SyntaxError) as error:  # decodable but not re-encodable: refuse, no 500
            raise unsupported_type_error(
                settings.UPLOAD_ALLOWED_TYPES if allowed_types is None else allowed_types
            ) from error
        data, width, height, stripped = clean.data, clean.width, clean.height, True

    stored_file = StoredFile(
        owner=owner,
        original_name=sanitise_file_name(getattr(uploaded_file, "name", "")),
        content_type=inspection.content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        metadata_stripped=stripped,
        width=width,
        height=height,
    )
    stored_file.full_clean(exclude=["file"])
    stored_file.file.save("upload", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            stored_file.save(force_insert=True)
            audit_record(
                actor=owner,
                action="file.stored",
                object_type=AUDIT_OBJECT_TYPE,
                object_id=str(stored_file.pk),
                changes=_audit_changes(stored_file),
            )
    except BaseException:
        stored_file.file.storage.delete(stored_file.file.name)
        raise
    return stored_file


@transaction.atomic
def file_delete(*, actor, stored_file: StoredFile) -> None:
    """Delete the row now and the stored bytes once the transaction commits. Owner or superuser only."""
    if not file_may_manage(actor, stored_file):
        raise PermissionDenied()
    locked = StoredFile.objects.select_for_update().filter(pk=stored_file.pk).first()
    if locked is None:
        raise NotFound()
    storage, name = locked.file.storage, locked.file.name
    audit_record(
        actor=actor,
        action="file.deleted",
        object_type=AUDIT_OBJECT_TYPE,
        object_id=str(locked.pk),
        changes=_audit_changes(locked),
    )
    locked.delete()
    transaction.on_commit(lambda: storage.delete(name))
