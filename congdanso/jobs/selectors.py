"""Reads about background work."""


def task_backend_reachable(backend) -> bool:
    """True when the task backend can take work (its database table or Redis answers)."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.exists()
    return True
