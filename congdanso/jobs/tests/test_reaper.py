"""The reaper: tasks left RUNNING by a crashed worker are re-queued, then failed after N recoveries."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from congdanso.audit.models import AuditEvent
from congdanso.jobs.models import StuckTaskRecovery
from congdanso.jobs.services import WORKER_LOST_EXCEPTION, jobs_reap_stuck
from congdanso.jobs.tests import sample_tasks
from congdanso.jobs.worker import drain_queues

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def _crashed_mid_task(result_id, *, started_at):
    """What a ``kill -9`` of the worker leaves behind."""
    DBTaskResult.objects.filter(pk=result_id).update(
        status="RUNNING", started_at=started_at, worker_ids=["dead"]
    )


@pytest.mark.django_db(transaction=True)  # the worker manages its own connection
def test_reaper_requeues_a_stuck_task_and_a_worker_completes_it(db_task_backend, settings):
    settings.TASK_STUCK_AFTER_SECONDS = 900
    result = sample_tasks.add.enqueue(20, 22)
    _crashed_mid_task(result.id, started_at=T0 - timedelta(seconds=901))

    with time_machine.travel(T0, tick=False):
        assert jobs_reap_stuck(T0) == {"requeued": 1, "failed": 0, "rq_queues_cleaned": 0}

    row = DBTaskResult.objects.get(pk=result.id)
    assert (row.status, row.started_at) == ("READY", None)
    recovery = StuckTaskRecovery.objects.get(pk=result.id)
    assert (recovery.attempts, recovery.gave_up, recovery.last_reaped_at) == (1, False, T0)
    event = AuditEvent.objects.get(action="jobs.task_requeued_after_worker_loss")
    assert event.object_id == str(result.id)
    assert event.changes == {"task_path": "congdanso.jobs.tests.sample_tasks.add", "recoveries": 1}

    drain_queues()

    finished = sample_tasks.add.get_result(result.id)
    assert (finished.status, finished.return_value) == (TaskResultStatus.SUCCESSFUL, 42)


@pytest.mark.django_db
def test_reaper_leaves_recent_running_tasks_alone(db_task_backend, settings):
    settings.TASK_STUCK_AFTER_SECONDS = 900
    result = sample_tasks.add.enqueue(1, 1)
    _crashed_mid_task(result.id, started_at=T0 - timedelta(seconds=900))

    assert jobs_reap_stuck(T0) == {"requeued": 0, "failed": 0, "rq_queues_cleaned": 0}
    assert DBTaskResult.objects.get(pk=result.id).status == "RUNNING"
    assert StuckTaskRecovery.objects.count() == 0


@pytest.mark.django_db
def test_reaper_fails_a_task_after_the_maximum_recoveries(db_task_backend, settings):
    settings.TASK_STUCK_AFTER_SECONDS = 60
    settings.TASK_REAP_MAX_ATTEMPTS = 2
    result = sample_tasks.add.enqueue(1, 1)

    outcomes = []
    for round_number in range(3):
        now = T0 + timedelta(hours=round_number)
        _crashed_mid_task(result.id, started_at=now - timedelta(seconds=61))
        outcomes.append(jobs_reap_stuck(now))

    assert outcomes == [
        {"requeued": 1, "failed": 0, "rq_queues_cleaned": 0},
        {"requeued": 1, "failed": 0, "rq_queues_cleaned": 0},
        {"requeued": 0, "failed": 1, "rq_queues_cleaned": 0},
    ]
    row = DBTaskResult.objects.get(pk=result.id)
    assert (row.status, row.exception_class_path, row.finished_at) == (
        "FAILED",
        WORKER_LOST_EXCEPTION,
        T0 + timedelta(hours=2),
    )
    recovery = StuckTaskRecovery.objects.get(pk=result.id)
    assert (recovery.attempts, recovery.gave_up) == (2, True)
    assert sample_tasks.add.get_result(result.id).status == TaskResultStatus.FAILED
    assert AuditEvent.objects.filter(action="jobs.task_failed_after_worker_loss").count() == 1


@pytest.mark.django_db(transaction=True)  # the worker manages its own connection
def test_reaper_on_rq_cleans_the_registries_of_every_queue(task_backend):
    result = sample_tasks.add.enqueue(2, 3)
    counts = jobs_reap_stuck(T0)
    if task_backend == "rq":
        assert counts == {"requeued": 0, "failed": 0, "rq_queues_cleaned": 3}
    else:
        assert counts == {"requeued": 0, "failed": 0, "rq_queues_cleaned": 0}
    drain_queues()
    assert sample_tasks.add.get_result(result.id).return_value == 5


@pytest.mark.django_db
def test_rq_job_of_a_dead_worker_reads_failed_after_the_reaper(settings):
    import django_rq.queues
    from django_tasks_rq.backend import Job
    from rq.job import JobStatus
    from rq.registry import StartedJobRegistry

    from congdanso.jobs.tests.fixtures import RQ_QUEUES, RQ_TASKS, flush_test_redis

    flush_test_redis()
    settings.RQ_QUEUES = RQ_QUEUES
    settings.TASKS = RQ_TASKS
    try:
        result = sample_tasks.add.enqueue(2, 3)
        queue = django_rq.queues.get_queue("default", job_class=Job)
        job = queue.fetch_job(result.id)
        queue.remove(job)  # a worker took it …
        job.set_status(JobStatus.STARTED)
        registry = StartedJobRegistry(queue=queue)
        queue.connection.zadd(
            registry.key, {f"{job.id}:dead-execution": 1}
        )  # … and its heartbeat expired long ago

        assert sample_tasks.add.get_result(result.id).status == TaskResultStatus.RUNNING

        assert jobs_reap_stuck(T0)["rq_queues_cleaned"] == 3

        assert sample_tasks.add.get_result(result.id).status == TaskResultStatus.FAILED
        assert registry.get_job_ids() == []
    finally:
        flush_test_redis()
