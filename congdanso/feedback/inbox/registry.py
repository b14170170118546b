"""The inbox's link in the officials' workspace menu, and the feedback notification template key."""

from django.utils.translation import gettext_lazy as _

from congdanso.feedback.policies import ACTION_ROLES, VIEW
from congdanso.portal.services_registry import OFFICIAL, ServiceTile, register


def register_notification_template() -> None:
    """``feedback_update`` (templates/notifications/feedback_update.*.txt), used by services.timeline."""
    from congdanso.notifications.templates import notification_template_register

    notification_template_register("feedback_update", required_context=("code", "title", "event", "status"))


def register_inbox_link() -> None:
    register_notification_template()
    register(
        ServiceTile(
            key="feedback_inbox",
            title=_("Phản ánh kiến nghị"),
            description=_("Tiếp nhận, phân công và trả lời phản ánh của người dân trong phạm vi đơn vị."),
            url_name="feedback_inbox:list",
            icon="feedback",
            audience=OFFICIAL,
            order=10,
            roles=ACTION_ROLES[VIEW],
        )
    )
