"""Pages of the officials' inbox (server-rendered; HTMX only refreshes the list when filters change)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from congdanso.accounts.forms import apply_service_error
from congdanso.accounts.policies import agency_ids_in_scope
from congdanso.core.errors import ApplicationError, PermissionDenied
from congdanso.feedback import policies
from congdanso.feedback.inbox.forms import ACTION_FORMS, InboxFilterForm
from congdanso.feedback.models import ReportEvent
from congdanso.feedback.services.workflow import action_available

PAGE_SIZE = 25
SUCCESS_MESSAGES = {
    policies.ACCEPT: gettext_lazy("Đã tiếp nhận phản ánh %(code)s."),
    policies.ASSIGN: gettext_lazy("Đã giao phản ánh %(code)s cho cán bộ xử lý."),
    policies.REQUEST_INFO: gettext_lazy(
        "Đã gửi đề nghị bổ sung thông tin của phản ánh %(code)s tới người phản ánh."
    ),
    policies.TRANSFER: gettext_lazy("Đã chuyển phản ánh %(code)s sang cơ quan khác."),
    policies.MERGE: gettext_lazy("Đã gộp phản ánh %(code)s vào phản ánh trùng."),
    policies.REPLY: gettext_lazy("Đã lưu trả lời cho phản ánh %(code)s."),
    policies.RESOLVE: gettext_lazy("Đã cập nhật kết quả giải quyết phản ánh %(code)s."),
    policies.REJECT: gettext_lazy("Đã từ chối phản ánh %(code)s."),
    policies.HIDE: gettext_lazy("Đã ẩn nội dung phản ánh %(code)s khỏi trang công khai."),
}


def _require_inbox_user(user) -> None:
    scope = agency_ids_in_scope(user, policies.ACTION_ROLES[policies.VIEW])
    if scope is not None and not scope:
        raise DjangoPermissionDenied


def _list_page(request, reports, *, template_title: str, triage: bool):
    form = InboxFilterForm(request.GET or None)
    reports = form.apply(reports, user=request.user)
    reports = reports.select_related("category", "commune", "agency", "assignee").order_by(
        F("resolve_due_at").asc(nulls_last=True), "created_at", "code"
    )
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query_string": query.urlencode(),
        "page_title": template_title,
        "is_triage": triage,
        "show_triage_link": not triage and policies.owns_triage(request.user),
    }
    template = "feedback/inbox/list.html"
    if getattr(request, "htmx", False) and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


@require_GET
@login_required
def inbox_list(request):
    """Reports of the official's agencies (and the triage queue for those who own it), due first."""
    _require_inbox_user(request.user)
    reports = policies.inbox_queryset(request.user)
    return _list_page(request, reports, template_title=_("Phản ánh cần xử lý"), triage=False)


@require_GET
@login_required
def triage_list(request):
    """The provincial triage queue: reports no routing rule could place."""
    if not policies.owns_triage(request.user):
        raise DjangoPermissionDenied
    reports = policies.triage_queryset(request.user)
    return _list_page(request, reports, template_title=_("Phản ánh chờ phân loại"), triage=True)


def _report_for(request, code: str):
    _require_inbox_user(request.user)
    return get_object_or_404(
        policies.inbox_queryset(request.user).select_related(
            "category", "commune", "agency", "assignee", "reporter", "duplicate_of"
        ),
        code=code,
    )


def _detail(request, report, *, bound_form=None, status: int = 200):
    forms = []
    for action in policies.allowed_actions(request.user, report):
        if not action_available(action, report):
            continue
        if bound_form is not None and bound_form.action == action:
            forms.append(bound_form)
        else:
            forms.append(ACTION_FORMS[action](actor=request.user, report=report))
    events = ReportEvent.objects.filter(report=report).select_related("actor").order_by("created_at", "id")
    photos = report.photos.select_related("stored_file").order_by("kind", "position")
    context = {"report": report, "action_forms": forms, "events": events, "photos": photos}
    return render(request, "feedback/inbox/detail.html", context, status=status)


@require_GET
@login_required
def report_detail(request, code: str):
    """One report: facts, photos, timeline (internal notes included) and the forms of allowed actions."""
    return _detail(request, _report_for(request, code))


@require_POST
@login_required
def report_action(request, code: str, action: str):
    """Run one workflow action from its form; success → back to the report with a message."""
    report = _report_for(request, code)
    form_class = ACTION_FORMS.get(action)
    if form_class is None:
        raise Http404
    if not policies.can_handle(request.user, report, action):
        raise DjangoPermissionDenied
    form = form_class(request.POST, request.FILES, actor=request.user, report=report)
    if form.is_valid():
        try:
            form.run()
        except PermissionDenied as error:
            raise DjangoPermissionDenied(str(error.message)) from error
        except ApplicationError as error:
            default_field = "photos" if action == policies.RESOLVE else None
            apply_service_error(form, error, default_field=default_field)
        else:
            messages.success(request, str(SUCCESS_MESSAGES[action]) % {"code": report.code})
            if policies.inbox_queryset(request.user).filter(pk=report.pk).exists():
                return redirect("feedback_inbox:detail", code=report.code)
            return redirect("feedback_inbox:list")
    report.refresh_from_db()
    return _detail(request, report, bound_form=form, status=422)


@require_GET
@login_required
def report_photo(request, code: str, photo_id: int):
    """A photo of a report the official may open (EXIF already stripped when stored)."""
    report = _report_for(request, code)
    photo = get_object_or_404(report.photos.select_related("stored_file"), pk=photo_id)
    stored_file = photo.stored_file
    response = FileResponse(stored_file.file.open("rb"), content_type=stored_file.content_type)
    response["Content-Disposition"] = content_disposition_header(False, stored_file.download_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-cache"
    return response


__all__ = ["inbox_list", "report_action", "report_detail", "report_photo", "triage_list"]
