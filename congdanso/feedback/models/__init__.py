"""Models of the feedback app, split by concept."""

from congdanso.feedback.models.category import Category, RoutingRule
from congdanso.feedback.models.open311 import Open311Client
from congdanso.feedback.models.report import (
    Escalation,
    EscalationKind,
    Report,
    ReportEvent,
    ReportEventKind,
    ReportFollower,
    ReportPhoto,
    ReportPhotoKind,
    ReportSource,
    ReportStatus,
    SubmissionKey,
)
from congdanso.feedback.models.sequence import ReceiptSequence

__all__ = [
    "Category",
    "Escalation",
    "EscalationKind",
    "Open311Client",
    "ReceiptSequence",
    "Report",
    "ReportEvent",
    "ReportEventKind",
    "ReportFollower",
    "ReportPhoto",
    "ReportPhotoKind",
    "ReportSource",
    "ReportStatus",
    "RoutingRule",
    "SubmissionKey",
]
