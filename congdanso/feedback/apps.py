from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Phản ánh kiến nghị: citizen reports, routing, the officials' workflow, SLA escalation and Open311."""

    name = "congdanso.feedback"
    label = "feedback"
    verbose_name = "Phản ánh kiến nghị"

    def ready(self):
        from congdanso.feedback.inbox.registry import register_inbox_link

        register_inbox_link()
        _register_citizen_tile()


def _register_citizen_tile() -> None:
    from django.utils.translation import gettext_lazy as _

    from congdanso.portal.services_registry import EVERYONE, ServiceTile, register

    register(
        ServiceTile(
            key="feedback",
            title=_("Phản ánh kiến nghị"),
            description=_("Gửi phản ánh về hạ tầng, môi trường, trật tự đô thị và theo dõi kết quả xử lý."),
            url_name="feedback:home",
            icon="feedback",
            audience=EVERYONE,
            order=10,
        )
    )
