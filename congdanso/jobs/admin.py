"""Admin for sweep schedules (django-tasks-db registers its own admin for task results)."""

from django.contrib import admin

from congdanso.jobs.models import StuckTaskRecovery, SweepSchedule
from congdanso.jobs.services import sweep_schedule_update


@admin.register(SweepSchedule)
class SweepScheduleAdmin(admin.ModelAdmin):
    list_display = ["name", "every_seconds", "enabled", "last_enqueued_at", "next_due_at"]
    list_filter = ["enabled"]
    list_editable = ["every_seconds", "enabled"]
    fields = ["name", "every_seconds", "enabled", "last_enqueued_at", "next_due_at"]
    readonly_fields = ["name", "last_enqueued_at", "next_due_at"]

    def has_add_permission(self, request) -> bool:
        return False  # rows come from the in-code registry

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        sweep_schedule_update(
            actor=request.user, schedule_id=obj.pk, every_seconds=obj.every_seconds, enabled=obj.enabled
        )


@admin.register(StuckTaskRecovery)
class StuckTaskRecoveryAdmin(admin.ModelAdmin):
    list_display = ["task_result_id", "task_path", "attempts", "gave_up", "last_reaped_at"]
    list_filter = ["gave_up"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
