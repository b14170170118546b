"""Admin: the category taxonomy and the routing table are editable; reports are a read-only list
(officials work on reports in their inbox, through the workflow services)."""

from django.contrib import admin

from congdanso.core.admin import ReadOnlyModelAdmin
from congdanso.feedback.models import Category, Report, RoutingRule


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "name_en",
        "acknowledge_hours",
        "resolve_working_days",
        "is_active",
        "position",
    )
    list_editable = ("is_active", "position")
    search_fields = ("code", "name", "name_en", "keywords")
    list_filter = ("is_active", "group")


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ("category", "commune", "agency")
    list_filter = ("category",)
    search_fields = ("commune__name", "agency__name")
    autocomplete_fields = ("agency",)
    raw_id_fields = ("commune",)
    list_select_related = ("category", "commune", "agency")


@admin.register(Report)
class ReportAdmin(ReadOnlyModelAdmin):
    list_display = (
        "code",
        "title",
        "category",
        "status",
        "commune",
        "agency",
        "is_public",
        "is_hidden",
        "created_at",
    )
    list_filter = ("status", "category", "is_public", "is_hidden", "source")
    search_fields = ("code", "title")
    list_select_related = ("category", "commune", "agency")
    exclude = ("contact_name", "contact_email", "contact_phone")


from congdanso.feedback.open311 import admin as open311_admin  # noqa: E402, F401 (registers Open311ClientAdmin)
