from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Citizens, officials, roles scoped to agency and unit, one-time codes, API tokens."""

    name = "congdanso.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"
