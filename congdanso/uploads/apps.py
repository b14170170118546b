from django.apps import AppConfig


class UploadsConfig(AppConfig):
    """Stored files: size limits, content sniffing, metadata stripping."""

    name = "congdanso.uploads"
    label = "uploads"
    verbose_name = "Tệp tải lên"
