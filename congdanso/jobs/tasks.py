"""Tasks of the jobs app. Tasks take ids (or nothing), re-read rows and call services."""

from django.tasks import task
from django.utils import timezone

from congdanso.jobs.services import jobs_reap_stuck


@task(queue_name="sweeps")
def reap_stuck_tasks() -> dict[str, int]:
    """Sweep: recover tasks left RUNNING by crashed workers (see ``jobs_reap_stuck``)."""
    return jobs_reap_stuck(timezone.now())
