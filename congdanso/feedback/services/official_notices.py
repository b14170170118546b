"""In-app notices to officials when a citizen acts: a new report, information added, a reopened report.

Recipients: the assignee when there is one; otherwise the receivers and handlers of the report's agency
(or of the provincial triage queue when it has no agency). Run after commit.
"""

from django.conf import settings

from congdanso.feedback.models import Report, ReportEventKind, ReportStatus


def officials_notify(report_id, kind: str) -> int:
    """Queue the notices; returns how many were queued."""
    from congdanso.accounts.models import OfficialRole, Role, User
    from congdanso.feedback.policies import TRIAGE_AGENCY_KINDS
    from congdanso.notifications.services import notification_queue
    from congdanso.places.models import Agency, UnitLevel

    report = Report.objects.filter(pk=report_id).first()
    if report is None:
        return 0
    if report.assignee_id is not None:
        recipients = list(User.objects.filter(pk=report.assignee_id, is_active=True))
    else:
        if report.agency_id is not None:
            agency_ids = [report.agency_id]
        else:
            agency_ids = list(
                Agency.objects.filter(
                    kind__in=TRIAGE_AGENCY_KINDS,
                    unit__level=UnitLevel.PROVINCE,
                    unit__code=settings.PROVINCE_CODE,
                ).values_list("pk", flat=True)
            )
        grants = OfficialRole.objects.filter(
            agency_id__in=agency_ids, role__in=[Role.RECEIVER, Role.HANDLER], user__is_active=True
        ).select_related("user")
        recipients = list({grant.user_id: grant.user for grant in grants.order_by("user_id")}.values())
    context = {
        "code": report.code,
        "title": report.title,
        "event": str(ReportEventKind(kind).label),
        "status": str(ReportStatus(report.status).label),
        "message": "",
    }
    for person in recipients:
        notification_queue(
            channel="in_app", template="feedback_update", context=context, recipient=person, related=report
        )
    return len(recipients)
