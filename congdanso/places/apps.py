from django.apps import AppConfig


class PlacesConfig(AppConfig):
    """Administrative units (2025 two-tier and legacy) and agencies."""

    name = "congdanso.places"
    label = "places"
    verbose_name = "Đơn vị hành chính và cơ quan"
