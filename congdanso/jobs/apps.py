from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Background work: task backends, periodic sweeps, the stuck-task reaper."""

    name = "congdanso.jobs"
    label = "jobs"
    verbose_name = "Tác vụ nền"
