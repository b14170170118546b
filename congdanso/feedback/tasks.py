"""Tasks of the feedback app: they take nothing (sweeps) or ids and call services; rerunning is harmless."""

from django.tasks import task
from django.utils import timezone

from congdanso.feedback.services.escalation import feedback_close_resolved, feedback_escalate_overdue


@task(queue_name="sweeps")
def escalate_overdue_reports() -> dict[str, int]:
    """Sweep: escalate overdue reports one level up the agency chain (see ``feedback_escalate_overdue``)."""
    return feedback_escalate_overdue(now=timezone.now())


@task(queue_name="sweeps")
def close_resolved_reports() -> int:
    """Daily sweep: close resolved reports past their reopen window (see ``feedback_close_resolved``)."""
    return feedback_close_resolved(now=timezone.now())
