from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The citizen home (one-stop app) and the officials' workspace shell."""

    name = "congdanso.portal"
    label = "portal"
    verbose_name = "Cổng công dân"
