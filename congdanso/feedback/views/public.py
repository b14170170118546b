"""Public pages: the landing page with the map and the filtered list, one page per public report, photos,
and the "follow this report" action."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from congdanso.accounts import policies
from congdanso.core.errors import ApplicationError, NotFound
from congdanso.feedback import selectors
from congdanso.feedback.forms import PublicFilterForm
from congdanso.feedback.models import ReportFollower, ReportPhoto
from congdanso.feedback.services.citizen import feedback_follow
from congdanso.feedback.views.access import public_report_or_404, reporter_public_name, require_citizen
from congdanso.feedback.views.reads import public_timeline, report_photos
from congdanso.places.selectors import commune_list

PAGE_SIZE = 20


@require_GET
def home(request):
    """``/phan-anh/``: a button to report, the map and the list of public reports with filters."""
    form = PublicFilterForm(
        request.GET or None,
        categories=list(selectors.category_list()),
        communes=list(commune_list(settings.PROVINCE_CODE)),
    )
    filters = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "category": data["category"] or None,
            "status": data["status"] or None,
            "commune_code": data["commune"],
            "since": data["since"],
            "until": data["until"],
        }
    reports = selectors.public_report_list(**filters) if not form.errors else selectors.public_report_list()
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "map_tile_url": settings.MAP_TILE_URL,
    }
    return render(request, "feedback/home.html", context)


@require_GET
def public_detail(request, code: str):
    """``/phan-anh/<code>/``: the public page of one report; private, hidden or unknown → 404."""
    report = public_report_or_404(code)
    user = request.user
    is_follower = user.is_authenticated and ReportFollower.objects.filter(report=report, user=user).exists()
    context = {
        "report": report,
        "reporter_name": reporter_public_name(report),
        "timeline": public_timeline(report),
        "photos": report_photos(report),
        "can_follow": policies.is_citizen(user) and report.reporter_id != user.pk and not is_follower,
        "is_follower": is_follower,
    }
    return render(request, "feedback/public_detail.html", context)


@login_required
@require_POST
def follow(request, code: str):
    """Follow someone else's public report instead of filing a duplicate."""
    require_citizen(request.user)
    report = public_report_or_404(code)
    try:
        feedback_follow(user=request.user, report=report)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Bạn đang theo dõi phản ánh %(code)s và sẽ nhận thông báo khi có tiến triển.")
            % {"code": report.code},
        )
    return redirect("feedback:public_detail", code=report.code)


def _report_for_photo(user, code: str):
    try:
        return selectors.report_get_public(code)
    except NotFound:
        pass
    if not user.is_authenticated:
        raise Http404
    try:
        return selectors.report_get_for(user, code)
    except NotFound as error:
        raise Http404 from error


@require_GET
def photo(request, code: str, photo_id: int):
    """One photo of a report: anyone for a public report, otherwise the reporter or an official in scope."""
    report = _report_for_photo(request.user, code)
    item = ReportPhoto.objects.select_related("stored_file").filter(report=report, pk=photo_id).first()
    if item is None or not item.stored_file.content_type.startswith("image/"):
        raise Http404
    response = FileResponse(item.stored_file.file.open("rb"), content_type=item.stored_file.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, max-age=300"
    return response
