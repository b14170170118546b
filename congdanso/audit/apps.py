from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The append-only audit log."""

    name = "congdanso.audit"
    label = "audit"
    verbose_name = "Nhật ký kiểm toán"
