"""Running background work: drain the queues once (tests, cron) or run a worker plus the sweep scheduler.

One process tree serves every queue in ``settings.TASK_QUEUES``:

* the sweep scheduler, a thread that calls ``sweeps_enqueue_due`` every few seconds;
* the task worker in the main thread (it owns the signal handlers): django-tasks-db's worker with every queue,
  or, with the RQ backend, RQ's forking worker with the ``django_tasks_rq.Job`` class and its scheduler
  (which runs deferred tasks).
"""

import logging
import threading

from django.db import close_old_connections, connection
from django.tasks import task_backends
from django.utils import timezone
from django.utils.crypto import get_random_string

from congdanso.jobs.backends import backend_kind, rq_queue_names
from congdanso.jobs.services import sweeps_enqueue_due

logger = logging.getLogger(__name__)


def _database_worker(*, backend_alias: str, batch: bool, interval: float = 1.0):
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=["*"],
        interval=interval,
        batch=batch,
        backend_name=backend_alias,
        startup_delay=not batch,
        max_tasks=None,
        worker_id=f"congdanso-{get_random_string(16)}",
        excluded_queue_names=[],
    )


def _rq_queues(backend):
    import django_rq.queues
    from django_tasks_rq.backend import Job

    return django_rq.queues.get_queues(*rq_queue_names(backend), job_class=Job)


def drain_queues(*, backend_alias: str = "default") -> None:
    """Run every task waiting in every queue of the backend, in this process, then return.

    django-tasks-db: its worker in ``--batch`` mode. RQ: a ``SimpleWorker`` (no fork) in burst mode.
    """
    backend = task_backends[backend_alias]
    kind = backend_kind(backend)
    if kind == "db":
        _database_worker(backend_alias=backend_alias, batch=True).run()
    elif kind == "rq":
        from django_tasks_rq.backend import Job
        from rq import SimpleWorker

        queues = _rq_queues(backend)
        SimpleWorker(queues, connection=queues[0].connection, job_class=Job).work(
            burst=True, with_scheduler=False
        )
    # Other backends (immediate, dummy) have no queue to drain.


def run_once(*, backend_alias: str = "default", now=None) -> list[str]:
    """Enqueue the due sweeps, then drain the queues. Returns the names of the sweeps enqueued."""
    enqueued = sweeps_enqueue_due(now or timezone.now())
    drain_queues(backend_alias=backend_alias)
    return enqueued


class SweepScheduler(threading.Thread):
    """A daemon thread that enqueues due sweeps every ``tick_seconds`` until ``stop()``."""

    def __init__(self, *, tick_seconds: float = 5.0):
        super().__init__(name="congdanso-sweep-scheduler", daemon=True)
        self.tick_seconds = tick_seconds
        self._stopping = threading.Event()

    def tick(self) -> list[str]:
        close_old_connections()
        try:
            return sweeps_enqueue_due(timezone.now())
        except Exception:
            logger.exception("Sweep scheduler tick failed; retrying at the next tick.")
            return []

    def run(self) -> None:
        try:
            while not self._stopping.is_set():
                self.tick()
                self._stopping.wait(self.tick_seconds)
        finally:
            connection.close()

    def stop(self) -> None:
        self._stopping.set()


def run_forever(*, backend_alias: str = "default", tick_seconds: float = 5.0) -> None:
    """Serve all queues and the sweep scheduler until SIGINT/SIGTERM (warm shutdown)."""
    backend = task_backends[backend_alias]
    kind = backend_kind(backend)
    scheduler = SweepScheduler(tick_seconds=tick_seconds)
    scheduler.start()
    try:
        if kind == "db":
            worker = _database_worker(backend_alias=backend_alias, batch=False)
            worker.configure_signals()
            try:
                worker.run()
            except SystemExit:
                pass
        elif kind == "rq":
            from django_tasks_rq.backend import Job
            from rq import Worker

            queues = _rq_queues(backend)
            Worker(queues, connection=queues[0].connection, job_class=Job).work(with_scheduler=True)
        else:
            raise RuntimeError(f"Backend {backend_alias!r} has no worker to run (kind {kind!r}).")
    finally:
        scheduler.stop()
        scheduler.join(timeout=tick_seconds + 5)
        logger.info("Worker stopped.")
