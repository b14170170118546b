"""Admin for the outbox: read-only rows with a "retry now" action."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from congdanso.core.admin import ReadOnlyModelAdmin
from congdanso.core.errors import ApplicationError
from congdanso.notifications.models import Notification
from congdanso.notifications.services import notification_retry_now


@admin.register(Notification)
class NotificationAdmin(ReadOnlyModelAdmin):
    list_display = ["created_at", "channel", "template", "recipient", "status", "attempts", "next_attempt_at"]
    list_filter = ["status", "channel", "template"]
    search_fields = ["id", "related_id"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"
    actions = ["retry_now"]

    @admin.action(description=_("Gửi lại ngay"), permissions=["view"])
    def retry_now(self, request, queryset) -> None:
        retried = 0
        for notification_id in queryset.values_list("pk", flat=True):
            try:
                notification_retry_now(actor=request.user, notification_id=notification_id)
            except ApplicationError as error:
                self.message_user(request, f"{notification_id}: {error.message}", messages.WARNING)
            else:
                retried += 1
        self.message_user(
            request,
            ngettext("Đã đưa %d thông báo vào hàng đợi.", "Đã đưa %d thông báo vào hàng đợi.", retried)
            % retried,
        )
