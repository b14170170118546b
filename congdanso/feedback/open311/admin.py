"""Admin for Open311 clients: administrators create one (its key is shown once) and deactivate it."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdanso.accounts.policies import can_administer
from congdanso.core.errors import ApplicationError
from congdanso.feedback.models import Open311Client
from congdanso.feedback.open311.services import open311_client_create, open311_client_revoke


def _is_admin(user) -> bool:
    return bool(user.is_active and (user.is_superuser or can_administer(user)))


class Open311ClientAddForm(forms.ModelForm):
    class Meta:
        model = Open311Client
        fields = ("name",)


@admin.register(Open311Client)
class Open311ClientAdmin(admin.ModelAdmin):
    list_display = ("name", "key_prefix", "is_active", "created_at", "last_used_at")
    list_filter = ("is_active",)
    search_fields = ("name", "key_prefix")
    readonly_fields = ("name", "key_prefix", "is_active", "created_at", "updated_at", "last_used_at")
    fields = readonly_fields
    actions = ("deactivate",)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = Open311ClientAddForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return ("name",) if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def has_module_permission(self, request):
        return _is_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return _is_admin(request.user)

    def has_add_permission(self, request):
        return _is_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return _is_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: reports keep pointing at their client

    def save_model(self, request, obj, form, change):
        if change:
            return
        try:
            created, clear_key = open311_client_create(actor=request.user, name=form.cleaned_data["name"])
        except ApplicationError as error:
            messages.error(request, str(error.message))
            raise
        obj.pk = created.pk
        obj._state.adding = False
        obj._state.db = created._state.db
        messages.warning(
            request,
            _("Khoá API của “%(name)s” (chỉ hiện một lần, hãy lưu lại ngay): %(key)s")
            % {"name": created.name, "key": clear_key},
        )

    @admin.action(description=gettext_lazy("Ngừng hoạt động (thu hồi khoá)"))
    def deactivate(self, request, queryset):
        for client in queryset:
            open311_client_revoke(actor=request.user, client=client)
        messages.success(request, _("Đã thu hồi khoá của %(count)d ứng dụng.") % {"count": queryset.count()})
