"""Admin building blocks shared by the apps (core registers no models)."""

from django.contrib import admin


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """For rows that only services write (audit events, stored files, loaded units): view, never edit here."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
