"""Shared pytest fixtures: run a test once on django-tasks-db and once on RQ (Redis db 9, flushed).

Import them into a ``conftest.py``: ``from congdanso.jobs.tests.fixtures import task_backend  # noqa: F401``.
"""

import pytest
import redis

QUEUES = ["default", "notifications", "sweeps"]
TEST_REDIS_URL = "redis://127.0.0.1:6379/9"

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": QUEUES}}
RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": QUEUES}}
RQ_QUEUES = {name: {"URL": TEST_REDIS_URL, "DEFAULT_TIMEOUT": 60} for name in QUEUES}


def flush_test_redis() -> None:
    connection = redis.Redis.from_url(TEST_REDIS_URL)
    try:
        connection.flushdb()
    finally:
        connection.close()


@pytest.fixture(params=["db", "rq"])
def task_backend(request, settings):
    """The default task backend for this test: ``"db"`` (django-tasks-db) or ``"rq"`` (Redis db 9)."""
    if request.param == "rq":
        flush_test_redis()
        settings.RQ_QUEUES = RQ_QUEUES
        settings.TASKS = RQ_TASKS
    else:
        settings.TASKS = DB_TASKS
    yield request.param
    if request.param == "rq":
        flush_test_redis()


@pytest.fixture
def db_task_backend(settings):
    """django-tasks-db as the default backend, whatever the environment says."""
    settings.TASKS = DB_TASKS
    return "db"


def queued_task_paths(kind: str) -> list[str]:
    """Paths of the tasks waiting to run, sorted (either backend)."""
    if kind == "db":
        from django_tasks_db.models import DBTaskResult

        return sorted(DBTaskResult.objects.filter(status="READY").values_list("task_path", flat=True))
    import django_rq.queues
    from django_tasks_rq.backend import Job

    paths = []
    for queue in django_rq.queues.get_queues(*QUEUES, job_class=Job):
        paths.extend(job.func_name for job in queue.get_jobs())
    return sorted(paths)
