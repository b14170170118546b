"""Periodic sweeps of the notification outbox (imported by the jobs app's autodiscovery)."""

from congdanso.jobs.sweeps import register_sweep
from congdanso.notifications.tasks import notifications_retry_due

register_sweep("notifications.retry_due", every_seconds=60, task=notifications_retry_due)
