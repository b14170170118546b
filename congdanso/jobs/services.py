"""Writes of the jobs app: enqueue due sweeps, recover tasks orphaned by crashed workers."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from congdanso.audit.services import audit_record
from congdanso.core.errors import NotFound, ValidationFailed
from congdanso.jobs.backends import backend_kind, configured_backends, rq_queue_names
from congdanso.jobs.models import StuckTaskRecovery, SweepSchedule
from congdanso.jobs.sweeps import registered_sweeps

logger = logging.getLogger(__name__)

WORKER_LOST_EXCEPTION = "congdanso.jobs.WorkerLost"


def _reap_max_attempts() -> int:
    return int(getattr(settings, "TASK_REAP_MAX_ATTEMPTS", 3))


def sweep_schedules_sync(*, now: datetime) -> None:
    """Create a schedule row, due now, for every registered sweep that has none yet."""
    for sweep in registered_sweeps().values():
        SweepSchedule.objects.get_or_create(
            name=sweep.name, defaults={"every_seconds": sweep.every_seconds, "next_due_at": now}
        )


def _claim_schedule(schedule: SweepSchedule, *, now: datetime) -> bool:
    """Take one due interval of ``schedule``. Only one caller wins, whatever the number of schedulers.

    The claim is one conditional UPDATE: ``WHERE next_due_at <= now AND next_due_at = <value we read>``.
    A concurrent scheduler that read the same row updates zero rows and enqueues nothing.
    """
    claimed = SweepSchedule.objects.filter(
        pk=schedule.pk, enabled=True, next_due_at=schedule.next_due_at, next_due_at__lte=now
    ).update(last_enqueued_at=now, next_due_at=now + timedelta(seconds=schedule.every_seconds))
    return claimed == 1


@transaction.atomic
def sweeps_enqueue_due(now: datetime) -> list[str]:
    """Enqueue every enabled sweep whose ``next_due_at`` has passed, once per interval. Returns their names.

    The tasks are enqueued after the claims commit. Sweep runs are not audited: they change no domain state
    themselves (the services they call do).
    """
    sweeps = registered_sweeps()
    sweep_schedules_sync(now=now)
    enqueued: list[str] = []
    due = SweepSchedule.objects.filter(enabled=True, next_due_at__lte=now, name__in=list(sweeps))
    for schedule in due:
        if not _claim_schedule(schedule, now=now):
            continue
        sweep_task = sweeps[schedule.name].task
        transaction.on_commit(sweep_task.enqueue)
        enqueued.append(schedule.name)
    if enqueued:
        logger.info("Enqueued sweeps: %s", ", ".join(enqueued))
    return enqueued


@transaction.atomic
def sweep_schedule_update(*, actor, schedule_id: int, every_seconds: int, enabled: bool) -> SweepSchedule:
    """Change a sweep's interval or switch it on/off (admin). Next run: ``last run + interval``."""
    if every_seconds < 1:
        raise ValidationFailed(_("Chu kỳ phải ít nhất 1 giây."), details={"every_seconds": every_seconds})
    schedule = SweepSchedule.objects.select_for_update().filter(pk=schedule_id).first()
    if schedule is None:
        raise NotFound(_("Không tìm thấy lịch quét."))
    before = {"every_seconds": schedule.every_seconds, "enabled": schedule.enabled}
    schedule.every_seconds = every_seconds
    schedule.enabled = enabled
    if schedule.last_enqueued_at is not None:
        schedule.next_due_at = schedule.last_enqueued_at + timedelta(seconds=every_seconds)
    schedule.save(update_fields=["every_seconds", "enabled", "next_due_at"])
    audit_record(
        actor=actor,
        action="jobs.sweep_schedule_updated",
        target=schedule,
        changes={"before": before, "after": {"every_seconds": every_seconds, "enabled": enabled}},
    )
    return schedule


def jobs_reap_stuck(now: datetime) -> dict[str, int]:
    """Recover tasks a crashed worker left RUNNING for longer than ``TASK_STUCK_AFTER_SECONDS``.

    django-tasks-db: each stuck row goes back to READY (a worker picks it up again), counted in
    ``StuckTaskRecovery``; after ``TASK_REAP_MAX_ATTEMPTS`` recoveries it is marked FAILED instead.
    RQ: RQ tracks worker heartbeats itself; ``clean_registries`` moves jobs of dead workers from the
    StartedJobRegistry to the FailedJobRegistry (``AbandonedJobError``, which fires the failure callback, so
    the task result reads FAILED). RQ jobs are not re-run: the domain sweeps (e.g.
    ``notifications_retry_due``) pick the work up again from the database, which is the source of truth.

    Returns counts: ``requeued``, ``failed`` (database backend) and ``rq_queues_cleaned``.
    """
    counts = {"requeued": 0, "failed": 0, "rq_queues_cleaned": 0}
    for backend in configured_backends():
        kind = backend_kind(backend)
        if kind == "db":
            for key, value in _reap_database_backend(backend.alias, now=now).items():
                counts[key] += value
        elif kind == "rq":
            counts["rq_queues_cleaned"] += _clean_rq_registries(backend)
    return counts


def _reap_database_backend(backend_alias: str, *, now: datetime) -> dict[str, int]:
    from django_tasks_db.models import DBTaskResult

    threshold = now - timedelta(seconds=settings.TASK_STUCK_AFTER_SECONDS)
    stuck = DBTaskResult.objects.filter(
        backend_name=backend_alias, status="RUNNING", started_at__lt=threshold
    ).only("id", "started_at", "task_path")
    counts = {"requeued": 0, "failed": 0}
    for row in stuck:
        outcome = _reap_one(row, now=now)
        if outcome:
            counts[outcome] += 1
    return counts


@transaction.atomic
def _reap_one(row, *, now: datetime) -> str | None:
    """Re-queue or fail one stuck row. The conditional UPDATE makes a concurrent reaper a no-op."""
    from django_tasks_db.models import DBTaskResult

    recovery, _created = StuckTaskRecovery.objects.select_for_update().get_or_create(
        task_result_id=row.id, defaults={"task_path": row.task_path, "last_reaped_at": now}
    )
    still_stuck = DBTaskResult.objects.filter(pk=row.id, status="RUNNING", started_at=row.started_at)
    if recovery.attempts >= _reap_max_attempts():
        changed = still_stuck.update(
            status="FAILED",
            finished_at=now,
            exception_class_path=WORKER_LOST_EXCEPTION,
            traceback=f"Worker lost: still RUNNING after {recovery.attempts} recoveries (reaper).",
            return_value=None,
        )
        outcome, action = "failed", "jobs.task_failed_after_worker_loss"
    else:
        changed = still_stuck.update(status="READY", started_at=None)
        outcome, action = "requeued", "jobs.task_requeued_after_worker_loss"
    if not changed:
        return None
    StuckTaskRecovery.objects.filter(pk=recovery.pk).update(
        attempts=F("attempts") + (1 if outcome == "requeued" else 0),
        last_reaped_at=now,
        gave_up=outcome == "failed",
    )
    audit_record(
        action=action,
        object_type="django_tasks_db.dbtaskresult",
        object_id=str(row.id),
        changes={"task_path": row.task_path, "recoveries": recovery.attempts + (outcome == "requeued")},
    )
    logger.warning("Stuck task %s (%s): %s", row.id, row.task_path, outcome)
    return outcome


def _clean_rq_registries(backend) -> int:
    import django_rq.queues
    from django_tasks_rq.backend import Job
    from rq.registry import clean_registries

    queues = django_rq.queues.get_queues(*rq_queue_names(backend), job_class=Job)
    for queue in queues:
        clean_registries(queue)
    return len(queues)
