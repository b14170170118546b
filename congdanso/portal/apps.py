from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The citizen home (one-stop app) and the officials' workspace shell."""

    name = "congdanso.portal"
    label = "portal"
    verbose_name = "Cổng công dân"

    def ready(self):
        from congdanso.portal.tiles import register_builtin_tiles

        register_builtin_tiles()
