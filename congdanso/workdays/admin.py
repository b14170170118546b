"""Admin for province calendar overrides. Every save and delete goes through the services."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext as _

from congdanso.accounts.policies import can_administer
from congdanso.workdays.models import CalendarOverride
from congdanso.workdays.selectors import can_manage_calendar
from congdanso.workdays.services import calendar_override_remove, calendar_override_set


class CalendarOverrideForm(forms.ModelForm):
    class Meta:
        model = CalendarOverride
        fields = ["province_code", "date", "kind", "reason"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if "province_code" in self.fields and not self.instance.pk:
            self.fields["province_code"].initial = settings.PROVINCE_CODE

    def clean(self):
        cleaned = super().clean()
        province_code = cleaned.get("province_code", self.instance.province_code)
        if province_code is not None and not can_manage_calendar(self.user, province_code=province_code):
            raise forms.ValidationError(
                _("Chỉ quản trị viên cấp tỉnh mới được điều chỉnh lịch ngày làm việc.")
            )
        return cleaned


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    form = CalendarOverrideForm
    list_display = ["date", "province_code", "kind", "reason", "created_by", "created_at"]
    list_filter = ["kind", "province_code"]
    list_select_related = ["created_by"]
    search_fields = ["reason"]
    date_hierarchy = "date"
    ordering = ["-date"]

    def _allowed(self, request) -> bool:
        return request.user.is_superuser or can_administer(request.user)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        if obj is not None:
            return can_manage_calendar(request.user, province_code=obj.province_code)
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return ["province_code", "date"] if obj is not None else []

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class BoundForm(form_class):
            def __init__(self, *args, **inner_kwargs):
                super().__init__(*args, user=request.user, **inner_kwargs)

        return BoundForm

    def save_model(self, request, obj, form, change):
        saved = calendar_override_set(
            actor=request.user,
            province_code=obj.province_code,
            date=obj.date,
            kind=obj.kind,
            reason=obj.reason,
        )
        obj.pk = saved.pk
        obj.created_by = saved.created_by
        obj.created_at = saved.created_at

    def delete_model(self, request, obj):
        calendar_override_remove(actor=request.user, province_code=obj.province_code, date=obj.date)

    def delete_queryset(self, request, queryset):
        for override in queryset:
            calendar_override_remove(
                actor=request.user, province_code=override.province_code, date=override.date
            )
