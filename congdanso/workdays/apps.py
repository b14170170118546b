from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    """The working-day calendar: Vietnamese holidays plus province overrides."""

    name = "congdanso.workdays"
    label = "workdays"
    verbose_name = "Lịch ngày làm việc"
