"""Stored files in the admin: a read-only list (uploads and deletions go through the services)."""

from django.contrib import admin

from congdanso.core.admin import ReadOnlyModelAdmin
from congdanso.uploads.models import StoredFile


@admin.register(StoredFile)
class StoredFileAdmin(ReadOnlyModelAdmin):
    list_display = ["original_name", "content_type", "size", "metadata_stripped", "owner", "created_at"]
    list_filter = ["content_type", "metadata_stripped"]
    search_fields = ["sha256"]
    list_select_related = ["owner"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in StoredFile._meta.fields]
