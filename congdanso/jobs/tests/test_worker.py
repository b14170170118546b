"""A real task through a real worker, on django-tasks-db and on RQ alike."""

import pytest
from django.core.management import CommandError, call_command
from django.tasks import TaskResultStatus

from congdanso.jobs.sweeps import register_sweep, registered_sweeps, unregister_sweep
from congdanso.jobs.tests import sample_tasks
from congdanso.jobs.tests.fixtures import queued_task_paths
from congdanso.jobs.worker import SweepScheduler, drain_queues

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sample_sweep():
    sample_tasks.calls.clear()
    register_sweep("tests.sample", every_seconds=300, task=sample_tasks.sample_sweep)
    yield
    unregister_sweep("tests.sample")
    sample_tasks.calls.clear()


def test_worker_runs_an_enqueued_task(task_backend):
    result = sample_tasks.add.enqueue(2, 40)
    assert queued_task_paths(task_backend) == ["congdanso.jobs.tests.sample_tasks.add"]

    drain_queues()

    finished = sample_tasks.add.get_result(result.id)
    assert finished.status == TaskResultStatus.SUCCESSFUL
    assert finished.return_value == 42
    assert queued_task_paths(task_backend) == []


def test_run_worker_once_enqueues_due_sweeps_and_drains(task_backend, sample_sweep, capsys):
    call_command("run_worker", "--once")

    assert sample_tasks.calls == ["sample_sweep"]
    assert queued_task_paths(task_backend) == []
    assert (
        capsys.readouterr().out
        == f"Sweeps enqueued: {', '.join(sorted(registered_sweeps()))}; queues drained.\n"
    )

    call_command("run_worker", "--batch")  # nothing due yet: nothing runs twice
    assert sample_tasks.calls == ["sample_sweep"]
    assert capsys.readouterr().out == "Sweeps enqueued: -; queues drained.\n"


def test_run_worker_rejects_an_unknown_backend():
    with pytest.raises(CommandError):
        call_command("run_worker", "--once", "--backend", "nope")


def test_scheduler_thread_ticks_then_stops(db_task_backend, sample_sweep):
    scheduler = SweepScheduler(tick_seconds=3600)
    assert scheduler.tick() == sorted(registered_sweeps())
    assert scheduler.tick() == []

    scheduler.start()
    scheduler.stop()
    scheduler.join(timeout=10)
    assert scheduler.is_alive() is False
