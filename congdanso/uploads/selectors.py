"""Reads of stored files: owners see their own, superusers see all."""

import uuid

from django.db.models import QuerySet

from congdanso.accounts.policies import restrict_to_owner
from congdanso.core.errors import NotFound
from congdanso.uploads.models import StoredFile


def _visible_files(user) -> QuerySet[StoredFile]:
    queryset = StoredFile.objects.all()
    if getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser:
        return queryset
    return restrict_to_owner(queryset, user)


def file_list_for(user) -> QuerySet[StoredFile]:
    """The files ``user`` may see, newest first."""
    return _visible_files(user).order_by("-created_at", "-id")


def file_get_for(user, file_id) -> StoredFile:
    """One file ``user`` may see; anything else (someone else's, unknown, malformed id) is NotFound."""
    try:
        file_uuid = file_id if isinstance(file_id, uuid.UUID) else uuid.UUID(str(file_id))
    except ValueError as error:
        raise NotFound() from error
    stored_file = _visible_files(user).filter(pk=file_uuid).first()
    if stored_file is None:
        raise NotFound()
    return stored_file


def file_may_manage(user, stored_file: StoredFile) -> bool:
    """True when ``user`` may delete ``stored_file`` (its owner, or a superuser)."""
    return _visible_files(user).filter(pk=stored_file.pk).exists()
