"""Periodic sweeps of the feedback app (imported by the jobs app's autodiscovery)."""

from congdanso.feedback.tasks import close_resolved_reports, escalate_overdue_reports
from congdanso.jobs.sweeps import register_sweep

register_sweep("feedback.escalate_overdue", every_seconds=300, task=escalate_overdue_reports)
register_sweep("feedback.close_resolved", every_seconds=86400, task=close_resolved_reports)
