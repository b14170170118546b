"""Which kind of task backend is configured: django-tasks-db, RQ or something else (immediate, dummy)."""

from typing import Literal

from django.tasks import task_backends

BackendKind = Literal["db", "rq", "other"]


def backend_kind(backend) -> BackendKind:
    """``db`` for django-tasks-db, ``rq`` for django-tasks-rq, ``other`` for anything else."""
    from django_tasks_db.backend import DatabaseBackend

    if isinstance(backend, DatabaseBackend):
        return "db"
    try:
        from django_tasks_rq.backend import RQBackend
    except ImportError:  # pragma: no cover - django-tasks-rq is a dependency
        return "other"
    if isinstance(backend, RQBackend):
        return "rq"
    return "other"


def configured_backends() -> list:
    """Every backend in ``settings.TASKS``."""
    return [task_backends[alias] for alias in task_backends.settings]


def rq_queue_names(backend) -> list[str]:
    """The RQ queues a backend feeds, in a stable order."""
    return sorted(backend.queues)
