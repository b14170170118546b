"""Read-only admin for the audit log, filtered through the same policy as the API."""

from django.contrib import admin

from congdanso.audit.models import AuditEvent
from congdanso.audit.selectors import audit_event_list, audit_log_readable
from congdanso.core.admin import ReadOnlyModelAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyModelAdmin):
    list_display = ["occurred_at", "action", "object_type", "object_id", "object_repr", "actor", "request_id"]
    list_filter = ["action", "object_type", ("occurred_at", admin.DateFieldListFilter)]
    list_select_related = ["actor"]
    search_fields = ["=object_id", "=request_id"]
    date_hierarchy = "occurred_at"
    show_full_result_count = False
    fields = [
        "occurred_at",
        "actor",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "changes",
        "request_id",
    ]
    readonly_fields = fields
    actions = None

    def get_queryset(self, request):
        return audit_event_list(user=request.user)

    def has_module_permission(self, request):
        return audit_log_readable(request.user)

    def has_view_permission(self, request, obj=None):
        return audit_log_readable(request.user)
