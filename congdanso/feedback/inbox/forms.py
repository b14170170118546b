"""Forms of the officials' inbox: the list filters and one form per workflow action.

Each action form validates only the shape of the input; ``run()`` calls the workflow service, which checks
permission, state and content.
"""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congdanso.feedback import policies
from congdanso.feedback.models import Category, ReportStatus
from congdanso.feedback.services import workflow
from congdanso.places.selectors import agency_list, commune_list

OPEN = "open"
ALL = "all"
TEXT_ATTRS = {"rows": 3, "maxlength": 4000}


class InboxFilterForm(forms.Form):
    """GET filters of the inbox list. By default only open reports are listed."""

    q = forms.CharField(label=_("Mã hoặc tiêu đề"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Trạng thái"), required=False)
    category = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    commune = forms.TypedChoiceField(label=_("Xã/phường"), required=False, coerce=int, empty_value=None)
    overdue = forms.BooleanField(label=_("Chỉ phản ánh quá hạn"), required=False)
    mine = forms.BooleanField(label=_("Giao cho tôi"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(OPEN, _("Đang mở")), (ALL, _("Tất cả")), *ReportStatus.choices]
        categories = Category.objects.order_by("position", "name").values_list("code", "name")
        self.fields["category"].choices = [("", _("Tất cả lĩnh vực")), *categories]
        communes = commune_list(settings.PROVINCE_CODE).values_list("code", "name")
        self.fields["commune"].choices = [("", _("Tất cả xã/phường")), *communes]

    def apply(self, reports, *, user):
        """Filter ``reports`` by the valid filters (invalid ones are ignored)."""
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or OPEN
        if status == OPEN:
            reports = reports.filter(status__in=ReportStatus.open_values())
        elif status != ALL:
            reports = reports.filter(status=status)
        if data.get("category"):
            reports = reports.filter(category__code=data["category"])
        if data.get("commune") is not None:
            reports = reports.filter(commune__code=data["commune"])
        if data.get("overdue"):
            reports = reports.filter(is_overdue=True)
        if data.get("mine"):
            reports = reports.filter(assignee=user)
        query = (data.get("q") or "").strip()
        if query:
            reports = reports.filter(Q(code__icontains=query) | Q(title__icontains=query))
        return reports


class ActionForm(forms.Form):
    """Base of the action forms: ``actor`` and ``report`` come with the form."""

    action = ""
    submit_label = ""

    def __init__(self, *args, actor, report, **kwargs):
        self.actor = actor
        self.report = report
        kwargs.setdefault("prefix", self.action)
        super().__init__(*args, **kwargs)

    def run(self):
        raise NotImplementedError


class AcceptForm(ActionForm):
    action = policies.ACCEPT
    submit_label = _("Tiếp nhận xử lý")

    def run(self):
        return workflow.feedback_accept(actor=self.actor, report=self.report)


class AssignForm(ActionForm):
    action = policies.ASSIGN
    submit_label = _("Giao xử lý")
    assignee = forms.ChoiceField(label=_("Cán bộ xử lý"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {
            str(person.pk): person for person in policies.assignee_candidates(self.actor, self.report)
        }
        self.fields["assignee"].choices = [("", _("— Chọn cán bộ —"))] + [
            (key, str(person)) for key, person in self.candidates.items()
        ]

    def run(self):
        assignee = self.candidates[self.cleaned_data["assignee"]]
        return workflow.feedback_assign(actor=self.actor, report=self.report, assignee=assignee)


class RequestInfoForm(ActionForm):
    action = policies.REQUEST_INFO
    submit_label = _("Gửi đề nghị bổ sung")
    message = forms.CharField(
        label=_("Nội dung đề nghị người phản ánh bổ sung"), widget=forms.Textarea(TEXT_ATTRS)
    )

    def run(self):
        return workflow.feedback_request_info(
            actor=self.actor, report=self.report, message=self.cleaned_data["message"]
        )


class TransferForm(ActionForm):
    action = policies.TRANSFER
    submit_label = _("Chuyển cơ quan")
    agency = forms.TypedChoiceField(label=_("Chuyển đến cơ quan"), coerce=int)
    reason = forms.CharField(label=_("Lý do chuyển"), widget=forms.Textarea(TEXT_ATTRS))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = agency_list(province_code=settings.PROVINCE_CODE).exclude(pk=self.report.agency_id)
        self.agencies = {agency.pk: agency for agency in agencies}
        self.fields["agency"].choices = [("", _("— Chọn cơ quan —"))] + [
            (pk, agency.name) for pk, agency in self.agencies.items()
        ]

    def run(self):
        return workflow.feedback_transfer(
            actor=self.actor,
            report=self.report,
            agency=self.agencies[self.cleaned_data["agency"]],
            reason=self.cleaned_data["reason"],
        )


class MergeForm(ActionForm):
    action = policies.MERGE
    submit_label = _("Gộp vào phản ánh này")
    into = forms.CharField(label=_("Mã phản ánh gốc (đang mở, cùng lĩnh vực)"), max_length=20)

    def clean_into(self):
        code = self.cleaned_data["into"].strip()
        target = policies.inbox_queryset(self.actor).filter(code__iexact=code).first()
        if target is None:
            raise forms.ValidationError(
                _("Không tìm thấy phản ánh mã %(code)s trong phạm vi của bạn."), params={"code": code}
            )
        return target

    def run(self):
        return workflow.feedback_merge(actor=self.actor, report=self.report, into=self.cleaned_data["into"])


class ReplyForm(ActionForm):
    action = policies.REPLY
    submit_label = _("Gửi trả lời")
    message = forms.CharField(label=_("Nội dung trả lời"), widget=forms.Textarea(TEXT_ATTRS))
    internal = forms.BooleanField(
        label=_("Ghi chú nội bộ (người phản ánh và công chúng không thấy)"), required=False
    )

    def run(self):
        return workflow.feedback_reply(
            actor=self.actor,
            report=self.report,
            message=self.cleaned_data["message"],
            is_public=not self.cleaned_data["internal"],
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several image files in one input; the workflow service checks each one's content."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(MultipleImageField, self).clean(item, initial) for item in files]


class ResolveForm(ActionForm):
    action = policies.RESOLVE
    submit_label = _("Xác nhận đã giải quyết")
    answer = forms.CharField(label=_("Kết quả giải quyết (công khai)"), widget=forms.Textarea(TEXT_ATTRS))
    photos = MultipleImageField(label=_("Ảnh kết quả (không bắt buộc)"))

    def run(self):
        return workflow.feedback_resolve(
            actor=self.actor,
            report=self.report,
            answer=self.cleaned_data["answer"],
            photos=self.cleaned_data["photos"],
        )


class RejectForm(ActionForm):
    action = policies.REJECT
    submit_label = _("Từ chối phản ánh")
    reason = forms.CharField(label=_("Lý do từ chối (công khai)"), widget=forms.Textarea(TEXT_ATTRS))

    def run(self):
        return workflow.feedback_reject(
            actor=self.actor, report=self.report, reason=self.cleaned_data["reason"]
        )


class HideForm(ActionForm):
    action = policies.HIDE
    submit_label = _("Ẩn nội dung vi phạm")
    reason = forms.CharField(label=_("Lý do ẩn (nội bộ)"), widget=forms.Textarea(TEXT_ATTRS))

    def run(self):
        return workflow.feedback_hide(
            actor=self.actor, report=self.report, reason=self.cleaned_data["reason"]
        )


ACTION_FORMS: dict[str, type[ActionForm]] = {
    form.action: form
    for form in (
        AcceptForm,
        AssignForm,
        RequestInfoForm,
        ReplyForm,
        ResolveForm,
        RejectForm,
        TransferForm,
        MergeForm,
        HideForm,
    )
}
