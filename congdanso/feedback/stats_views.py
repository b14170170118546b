"""Statistics page and CSV/XLSX exports for officials (mounted under /can-bo/phan-anh/thong-ke/)."""

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as PageForbidden
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from congdanso.accounts.policies import agency_ids_in_scope
from congdanso.feedback.exports import (
    export_csv_lines,
    export_queryset,
    export_rows,
    export_xlsx_file,
)
from congdanso.feedback.models import ReportStatus
from congdanso.feedback.statistics import feedback_statistics

MAX_RANGE_DAYS = 3 * 366 + 1
GROUP_CHOICES = [("agency", _("Cơ quan xử lý")), ("commune", _("Xã/phường")), ("category", _("Lĩnh vực"))]
STATUS_CHOICES = [
    ("", _("Tất cả")),
    ("open", _("Đang mở")),
    ("closed", _("Đã kết thúc")),
    *ReportStatus.choices,
]


def _today() -> dt.date:
    return timezone.localdate()


class RangeForm(forms.Form):
    """A date range (received dates, local), at most about three years."""

    since = forms.DateField(label=_("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data=None):
        defaults = {"since": (_today() - dt.timedelta(days=29)).isoformat(), "until": _today().isoformat()}
        super().__init__({**defaults, **{key: value for key, value in (data or {}).items() if value}})

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until:
            if until < since:
                raise forms.ValidationError(_("“Đến ngày” phải sau hoặc bằng “Từ ngày”."))
            if (until - since).days > MAX_RANGE_DAYS:
                raise forms.ValidationError(_("Khoảng thời gian tối đa là 3 năm."))
        return cleaned


class StatisticsForm(RangeForm):
    group_by = forms.ChoiceField(label=_("Thống kê theo"), choices=GROUP_CHOICES, initial="agency")

    def __init__(self, data=None):
        super().__init__(
            {"group_by": "agency", **{key: value for key, value in (data or {}).items() if value}}
        )


class ExportForm(RangeForm):
    status = forms.ChoiceField(label=_("Trạng thái"), choices=STATUS_CHOICES, required=False)


def _require_official_scope(user) -> None:
    """Officials holding any role (their scope), and superusers. Citizens and others: 403."""
    scope = agency_ids_in_scope(user)
    if scope is not None and not scope:
        raise PageForbidden


@require_GET
@login_required
def statistics_page(request):
    """Received, resolved, on time, overdue, median time to resolve and rating, per unit, for a date range."""
    _require_official_scope(request.user)
    form = StatisticsForm(request.GET)
    context = {"form": form, "rows": None, "overall": None}
    if form.is_valid():
        since, until = form.cleaned_data["since"], form.cleaned_data["until"]
        now = timezone.now()
        context["rows"] = feedback_statistics(
            user=request.user, group_by=form.cleaned_data["group_by"], since=since, until=until, now=now
        )
        context["overall"] = feedback_statistics(
            user=request.user, group_by="overall", since=since, until=until, now=now
        )[0]
        context["group_label"] = dict(GROUP_CHOICES)[form.cleaned_data["group_by"]]
        context["export_query"] = f"since={since.isoformat()}&until={until.isoformat()}"
    return render(request, "feedback/stats/statistics.html", context, status=200 if form.is_valid() else 400)


def _export(request):
    _require_official_scope(request.user)
    form = ExportForm(request.GET)
    if not form.is_valid():
        return None, form
    data = form.cleaned_data
    queryset = export_queryset(
        user=request.user, since=data["since"], until=data["until"], status=data.get("status") or ""
    )
    name = f"phan-anh-{data['since'].isoformat()}-{data['until'].isoformat()}"
    return (queryset, name), form


def _invalid(request, form):
    return render(request, "feedback/stats/export_invalid.html", {"form": form}, status=400)


@require_GET
@login_required
def export_csv(request):
    """CSV (UTF-8 with BOM), streamed."""
    found, form = _export(request)
    if found is None:
        return _invalid(request, form)
    queryset, name = found
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in export_csv_lines(export_rows(queryset))),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.csv")
    return response


@require_GET
@login_required
def export_xlsx(request):
    """XLSX, written to a temporary file in constant memory, then streamed."""
    found, form = _export(request)
    if found is None:
        return _invalid(request, form)
    queryset, name = found
    return FileResponse(
        export_xlsx_file(export_rows(queryset)),
        as_attachment=True,
        filename=f"{name}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
