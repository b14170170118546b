"""The registry of periodic sweeps.

Apps declare sweeps at import time, in a ``sweeps.py`` module of their own (imported by the autodiscovery in
``JobsConfig.ready``)::

    from congdanso.jobs.sweeps import register_sweep
    from congdanso.myapp.tasks import escalate_overdue

    register_sweep("myapp.escalate_overdue", every_seconds=300, task=escalate_overdue)

A sweep task takes no arguments, looks at rows (``due_at <= now`` and the like) and is safe to run twice, so a
missed or duplicated run loses nothing. ``congdanso.jobs.services.sweeps_enqueue_due`` enqueues the due ones.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Sweep:
    """One registered sweep: its stable name, default interval and the task to enqueue."""

    name: str
    every_seconds: int
    task: Any  # a django.tasks Task (django-tasks-rq builds its own, API-compatible Task class)


_registry: dict[str, Sweep] = {}


def register_sweep(name: str, *, every_seconds: int, task) -> Sweep:
    """Declare (or re-declare) a periodic sweep. The interval is the default; admins may change it per row."""
    if not name or len(name) > 100:
        raise ValueError("A sweep name must have 1 to 100 characters.")
    if every_seconds < 1:
        raise ValueError("every_seconds must be at least 1.")
    if not (callable(getattr(task, "enqueue", None)) and hasattr(task, "module_path")):
        raise TypeError(f"Sweep {name!r} needs a django.tasks Task (decorate the function with @task).")
    sweep = Sweep(name=name, every_seconds=int(every_seconds), task=task)
    _registry[name] = sweep
    return sweep


def unregister_sweep(name: str) -> None:
    """Forget a sweep (tests use it to keep the registry as they found it)."""
    _registry.pop(name, None)


def registered_sweeps() -> dict[str, Sweep]:
    """A copy of the registry, by name."""
    return dict(_registry)


def autodiscover_sweeps() -> None:
    """Import ``<app>.sweeps`` of every installed app, so their ``register_sweep`` calls run."""
    autodiscover_modules("sweeps")
