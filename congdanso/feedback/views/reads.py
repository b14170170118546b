"""Reads the pages need besides the shared selectors: the timelines shown to each audience and the photos."""

from django.db.models import Q

from congdanso.feedback.models import ReportEvent, ReportEventKind, ReportPhoto

# Entries addressed to the reporter even when they are not public.
CITIZEN_EVENT_KINDS = (
    ReportEventKind.SUBMITTED,
    ReportEventKind.INFO_REQUESTED,
    ReportEventKind.INFO_ADDED,
    ReportEventKind.REPLIED,
    ReportEventKind.RESOLVED,
    ReportEventKind.REJECTED,
    ReportEventKind.RATED,
    ReportEventKind.REOPENED,
    ReportEventKind.CLOSED,
    ReportEventKind.MERGED,
)


def public_timeline(report) -> list[ReportEvent]:
    """The public entries of a report's timeline, oldest first (no actor: officials stay unnamed)."""
    return list(ReportEvent.objects.filter(report=report, is_public=True).order_by("created_at", "id"))


def citizen_timeline(report) -> list[ReportEvent]:
    """What the reporter sees: public entries, plus those addressed to them or written by them."""
    visible = Q(is_public=True) | Q(kind__in=CITIZEN_EVENT_KINDS)
    if report.reporter_id:
        visible |= Q(actor_id=report.reporter_id)
    return list(ReportEvent.objects.filter(visible, report=report).order_by("created_at", "id"))


def report_photos(report) -> dict[str, list[ReportPhoto]]:
    """The report's photos split into the citizen's and the agency's (resolution) ones."""
    photos = {"citizen": [], "resolution": []}
    for photo in (
        ReportPhoto.objects.select_related("stored_file")
        .filter(report=report)
        .order_by("kind", "position", "id")
    ):
        photos.setdefault(photo.kind, []).append(photo)
    return photos
