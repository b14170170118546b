"""``/healthz`` answers while the process lives; ``/readyz`` checks the database and the task backend."""

from django.db import connection
from django.http import JsonResponse
from django.tasks import task_backends
from django.views.decorators.cache import never_cache


@never_cache
def liveness(request):
    return JsonResponse({"status": "ok"})


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()[0] == 1
    except Exception:
        return False


def _task_backend_ok() -> bool:
    from congdanso.jobs.selectors import task_backend_reachable

    try:
        return task_backend_reachable(task_backends["default"])
    except Exception:
        return False


@never_cache
def readiness(request):
    checks = {"database": _database_ok(), "tasks": _task_backend_ok()}
    ready = all(checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )
