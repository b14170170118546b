from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Background work: task backends, periodic sweeps, the stuck-task reaper."""

    name = "congdanso.jobs"
    label = "jobs"
    verbose_name = "Tác vụ nền"

    def ready(self) -> None:
        from congdanso.jobs.sweeps import autodiscover_sweeps, register_sweep
        from congdanso.jobs.tasks import reap_stuck_tasks

        register_sweep("jobs.reap_stuck_tasks", every_seconds=60, task=reap_stuck_tasks)
        autodiscover_sweeps()
