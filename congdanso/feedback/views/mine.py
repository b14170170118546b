"""“Phản ánh của tôi”: the citizen's list, the detail with its timeline, and the citizen's actions."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from congdanso.core.errors import ApplicationError
from congdanso.feedback import selectors
from congdanso.feedback.forms import AddInfoForm, RateForm, ReopenForm, apply_service_error
from congdanso.feedback.models import ReportStatus
from congdanso.feedback.services.citizen import feedback_add_info, feedback_rate, feedback_reopen
from congdanso.feedback.views.access import own_report_or_404
from congdanso.feedback.views.reads import citizen_timeline, report_photos

PAGE_SIZE = 20


@login_required
@require_GET
def mine(request):
    """``/phan-anh/cua-toi/``: the signed-in person's reports, newest first, 20 a page."""
    reports = selectors.reports_of(request.user)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "feedback/mine_list.html", {"page": page})


def _can_add_info(report) -> bool:
    return report.status == ReportStatus.AWAITING_INFO


def _can_rate(report) -> bool:
    return report.status in (ReportStatus.RESOLVED, ReportStatus.REJECTED) and report.rating is None


def _can_reopen(report) -> bool:
    if report.status != ReportStatus.RESOLVED or report.resolved_at is None:
        return False
    return timezone.now() <= report.resolved_at + timedelta(days=settings.FEEDBACK_REOPEN_DAYS)


def _render_detail(request, report, **bound_forms):
    context = {
        "report": report,
        "timeline": citizen_timeline(report),
        "photos": report_photos(report),
        "add_info_form": bound_forms.get("add_info_form")
        or (AddInfoForm() if _can_add_info(report) else None),
        "rate_form": bound_forms.get("rate_form") or (RateForm() if _can_rate(report) else None),
        "reopen_form": bound_forms.get("reopen_form") or (ReopenForm() if _can_reopen(report) else None),
        "reopen_days": settings.FEEDBACK_REOPEN_DAYS,
    }
    return render(request, "feedback/mine_detail.html", context)


@login_required
@require_GET
def mine_detail(request, code: str):
    """``/phan-anh/cua-toi/<code>/``: the timeline, the official answer and what the citizen can do now."""
    return _render_detail(request, own_report_or_404(request.user, code))


def _act(request, code, *, form_class, form_name, action, success_message):
    report = own_report_or_404(request.user, code)
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        try:
            action(report, form.cleaned_data)
        except ApplicationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, success_message)
            return redirect("feedback:mine_detail", code=report.code)
    return _render_detail(request, report, **{form_name: form})


@login_required
@require_POST
def add_info(request, code: str):
    return _act(
        request,
        code,
        form_class=AddInfoForm,
        form_name="add_info_form",
        action=lambda report, data: feedback_add_info(
            actor=request.user, report=report, message=data["message"], photos=data["photos"]
        ),
        success_message=_("Đã gửi thông tin bổ sung."),
    )


@login_required
@require_POST
def rate(request, code: str):
    return _act(
        request,
        code,
        form_class=RateForm,
        form_name="rate_form",
        action=lambda report, data: feedback_rate(
            actor=request.user, report=report, rating=data["rating"], comment=data["comment"]
        ),
        success_message=_("Cảm ơn bạn đã đánh giá kết quả xử lý."),
    )


@login_required
@require_POST
def reopen(request, code: str):
    return _act(
        request,
        code,
        form_class=ReopenForm,
        form_name="reopen_form",
        action=lambda report, data: feedback_reopen(actor=request.user, report=report, reason=data["reason"]),
        success_message=_("Đã mở lại phản ánh. Cơ quan xử lý sẽ xem xét lại."),
    )
