"""Module-level tasks used by the jobs tests (workers import tasks by path)."""

from django.tasks import task

calls: list[str] = []


@task()
def add(a: int, b: int) -> int:
    return a + b


@task(queue_name="sweeps")
def sample_sweep() -> int:
    calls.append("sample_sweep")
    return len(calls)
