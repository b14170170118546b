"""Sweep registry and schedule: due sweeps are enqueued exactly once per interval."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from congdanso.audit.models import AuditEvent
from congdanso.core.errors import ValidationFailed
from congdanso.jobs.models import SweepSchedule
from congdanso.jobs.services import _claim_schedule, sweep_schedule_update, sweeps_enqueue_due
from congdanso.jobs.sweeps import register_sweep, registered_sweeps, unregister_sweep
from congdanso.jobs.tests import sample_tasks
from congdanso.jobs.tests.fixtures import queued_task_paths

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
ALL_SWEEPS = [
    "feedback.close_resolved",
    "feedback.escalate_overdue",
    "jobs.reap_stuck_tasks",
    "notifications.retry_due",
    "tests.sample",
]


@pytest.fixture
def sample_sweep():
    register_sweep("tests.sample", every_seconds=300, task=sample_tasks.sample_sweep)
    yield
    unregister_sweep("tests.sample")


def test_apps_register_their_sweeps_at_startup():
    sweeps = registered_sweeps()
    assert sweeps["jobs.reap_stuck_tasks"].every_seconds == 60
    assert sweeps["notifications.retry_due"].every_seconds == 60
    assert sweeps["notifications.retry_due"].task.name == "notifications_retry_due"


@pytest.mark.parametrize(
    ("name", "every_seconds", "error"),
    [("", 10, ValueError), ("x" * 101, 10, ValueError), ("ok", 0, ValueError)],
)
def test_register_sweep_rejects_bad_declarations(name, every_seconds, error):
    with pytest.raises(error):
        register_sweep(name, every_seconds=every_seconds, task=sample_tasks.sample_sweep)
    assert name not in registered_sweeps()


def test_register_sweep_needs_a_task():
    with pytest.raises(TypeError):
        register_sweep("tests.plain", every_seconds=10, task=lambda: None)


@pytest.mark.django_db
def test_a_sweep_is_enqueued_once_per_interval(
    db_task_backend, sample_sweep, django_capture_on_commit_callbacks
):
    with time_machine.travel(T0, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert sweeps_enqueue_due(T0) == sorted(registered_sweeps()) == ALL_SWEEPS
    assert queued_task_paths("db").count("congdanso.jobs.tests.sample_tasks.sample_sweep") == 1
    row = SweepSchedule.objects.get(name="tests.sample")
    assert (row.last_enqueued_at, row.next_due_at, row.every_seconds) == (
        T0,
        T0 + timedelta(seconds=300),
        300,
    )

    later = T0 + timedelta(seconds=299)
    with time_machine.travel(later, tick=False), django_capture_on_commit_callbacks(execute=True):
        enqueued_later = sweeps_enqueue_due(later)
    # Every sweep whose interval has run out comes again; the 300-second sample does not.
    assert enqueued_later == sorted(
        name for name, sweep in registered_sweeps().items() if sweep.every_seconds <= 299
    )
    assert "tests.sample" not in enqueued_later
    assert queued_task_paths("db").count("congdanso.jobs.tests.sample_tasks.sample_sweep") == 1

    due = T0 + timedelta(seconds=300)
    with time_machine.travel(due, tick=False), django_capture_on_commit_callbacks(execute=True):
        enqueued_due = sweeps_enqueue_due(due)
    assert "tests.sample" in enqueued_due
    assert queued_task_paths("db").count("congdanso.jobs.tests.sample_tasks.sample_sweep") == 2


@pytest.mark.django_db
def test_two_schedulers_reading_the_same_row_enqueue_once(db_task_backend, sample_sweep):
    sweeps_enqueue_due(T0)  # creates the rows
    SweepSchedule.objects.filter(name="tests.sample").update(next_due_at=T0)
    now = T0 + timedelta(seconds=5)
    seen_by_a = SweepSchedule.objects.get(name="tests.sample")
    seen_by_b = SweepSchedule.objects.get(name="tests.sample")

    assert _claim_schedule(seen_by_a, now=now) is True
    assert _claim_schedule(seen_by_b, now=now) is False
    assert SweepSchedule.objects.get(name="tests.sample").next_due_at == now + timedelta(seconds=300)


@pytest.mark.django_db
def test_disabled_sweeps_are_not_enqueued(db_task_backend, sample_sweep):
    SweepSchedule.objects.create(name="tests.sample", every_seconds=300, next_due_at=T0, enabled=False)
    assert "tests.sample" not in sweeps_enqueue_due(T0)
    assert SweepSchedule.objects.get(name="tests.sample").last_enqueued_at is None


@pytest.mark.django_db
def test_rows_of_unregistered_sweeps_are_ignored(db_task_backend):
    SweepSchedule.objects.create(name="gone.sweep", every_seconds=60, next_due_at=T0)
    assert "gone.sweep" not in sweeps_enqueue_due(T0 + timedelta(hours=1))
    assert SweepSchedule.objects.get(name="gone.sweep").last_enqueued_at is None


@pytest.mark.django_db
def test_schedule_update_moves_the_next_run_and_is_audited(db_task_backend, sample_sweep):
    sweeps_enqueue_due(T0)
    row = SweepSchedule.objects.get(name="tests.sample")

    updated = sweep_schedule_update(actor=None, schedule_id=row.pk, every_seconds=60, enabled=False)

    assert (updated.every_seconds, updated.enabled, updated.next_due_at) == (
        60,
        False,
        T0 + timedelta(seconds=60),
    )
    event = AuditEvent.objects.get(action="jobs.sweep_schedule_updated")
    assert event.changes == {
        "before": {"every_seconds": 300, "enabled": True},
        "after": {"every_seconds": 60, "enabled": False},
    }


@pytest.mark.django_db
def test_schedule_update_rejects_a_zero_interval(db_task_backend, sample_sweep):
    sweeps_enqueue_due(T0)
    row = SweepSchedule.objects.get(name="tests.sample")
    with pytest.raises(ValidationFailed):
        sweep_schedule_update(actor=None, schedule_id=row.pk, every_seconds=0, enabled=True)
    assert SweepSchedule.objects.get(pk=row.pk).every_seconds == 300
    assert AuditEvent.objects.filter(action="jobs.sweep_schedule_updated").count() == 0
