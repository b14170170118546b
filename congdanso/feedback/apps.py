from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Phản ánh kiến nghị: citizen reports, routing, the officials' workflow, SLA escalation and Open311.

    The citizen home tile (key ``feedback``) is one of the portal's built-in tiles and shows once
    ``feedback:home`` is mounted; here the app adds its officials' inbox link and notification template.
    """

    name = "congdanso.feedback"
    label = "feedback"
    verbose_name = "Phản ánh kiến nghị"

    def ready(self):
        from congdanso.feedback.inbox.registry import register_inbox_link

        register_inbox_link()
