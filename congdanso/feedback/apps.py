from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Phản ánh kiến nghị: citizen reports, routing, the officials' workflow, SLA escalation and Open311."""

    name = "congdanso.feedback"
    label = "feedback"
    verbose_name = "Phản ánh kiến nghị"
