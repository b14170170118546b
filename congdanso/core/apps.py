from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Cross-cutting pieces with no domain models: API errors, request ids, health checks, text folding."""

    name = "congdanso.core"
    label = "core"
    verbose_name = "Lõi nền tảng"
