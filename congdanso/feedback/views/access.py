"""Who may open which page: small guards shared by the page modules (permissions come from policies)."""

from django.core.exceptions import PermissionDenied as PageForbidden
from django.http import Http404
from django.utils.translation import gettext as _

from congdanso.accounts import policies
from congdanso.core.errors import NotFound
from congdanso.feedback import selectors


def require_citizen(user) -> None:
    """Reporting, following and rating are for signed-in citizens; officials work in their inbox."""
    if not policies.is_citizen(user):
        raise PageForbidden


def own_report_or_404(user, code: str):
    """The signed-in citizen's own report; someone else's (or an unknown code) is a 404."""
    try:
        report = selectors.report_get_for(user, code)
    except NotFound as error:
        raise Http404 from error
    if report.reporter_id != user.pk:
        raise Http404
    return report


def public_report_or_404(code: str):
    """A public, visible report; a private, hidden or unknown one is a 404."""
    try:
        return selectors.report_get_public(code)
    except NotFound as error:
        raise Http404 from error


def reporter_public_name(report) -> str:
    """What the public sees as the reporter: never a phone number or any other personal detail."""
    if report.is_anonymous or report.reporter is None:
        return _("Người dân (ẩn danh)") if report.is_anonymous else _("Người dân")
    return report.reporter.full_name or _("Người dân")
