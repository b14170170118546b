"""Reads about background work."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from congdanso.accounts.policies import can_administer
from congdanso.core.errors import PermissionDenied
from congdanso.jobs.backends import backend_kind, rq_queue_names
from congdanso.jobs.models import SweepSchedule


def task_backend_reachable(backend) -> bool:
    """True when the task backend can take work: its database table is readable, or Redis answers PING.

    Raises on a connection error (``/readyz`` turns any exception into "not ready").
    """
    kind = backend_kind(backend)
    if kind == "db":
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.using("default").exists()
        return True
    if kind == "rq":
        import django_rq

        return all(bool(django_rq.get_connection(name).ping()) for name in rq_queue_names(backend))
    return True


def task_result_list(
    *, user, status: str | None = None, queue_name: str | None = None, task_path: str | None = None
) -> QuerySet:
    """django-tasks-db results, newest first, for administrators (superusers or ``administrator`` role).

    With the RQ backend, results live in Redis: use django-rq's dashboard instead.
    """
    from django_tasks_db.models import DBTaskResult

    if not can_administer(user):
        raise PermissionDenied(_("Chỉ quản trị viên được xem tác vụ nền."))
    results = DBTaskResult.objects.order_by("-enqueued_at")
    if status:
        results = results.filter(status=status)
    if queue_name:
        results = results.filter(queue_name=queue_name)
    if task_path:
        results = results.filter(task_path=task_path)
    return results


def sweep_schedule_list() -> QuerySet:
    """Every sweep schedule row, by name."""
    return SweepSchedule.objects.order_by("name")
