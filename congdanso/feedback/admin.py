"""Admin: the category taxonomy and the routing table are edited through the catalogue services (policy
check, validation and audit); reports are a read-only list (officials work on reports in their inbox, through
the workflow services)."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdanso.accounts.policies import can_administer
from congdanso.core.admin import ReadOnlyModelAdmin
from congdanso.core.errors import ApplicationError
from congdanso.feedback.models import Category, Report, RoutingRule
from congdanso.feedback.services.catalogue import (
    EDITABLE_CATEGORY_FIELDS,
    NOT_ALLOWED,
    can_manage_catalogue,
    category_create,
    category_deactivate,
    category_update,
    routing_rule_remove,
    routing_rule_set,
)
from congdanso.feedback.services.catalogue_input import (
    CATEGORY_FIELDS,
    category_input_clean,
    routing_rule_input_clean,
)


def _show_on_form(form, error: ApplicationError) -> None:
    """A service error next to the field it names (``attributes.x`` → ``attributes``), else above the form."""
    details = error.details
    items = details if isinstance(details, list) else [details] if isinstance(details, dict) else []
    for detail in items:
        field = str(detail.get("field") or "").split(".")[0]
        form.add_error(field if field in form.fields else None, str(detail.get("message") or error.message))
    if not items:
        form.add_error(None, str(error.message))


def _pair_has_rule(category_id, commune_id) -> bool:
    pair = {"category__isnull": True} if category_id is None else {"category_id": category_id}
    pair |= {"commune__isnull": True} if commune_id is None else {"commune_id": commune_id}
    return RoutingRule.objects.filter(**pair).exists()


class UserBoundForm(forms.ModelForm):
    """A model form that knows who submits it (the admin binds ``user``)."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def check_allowed(self) -> bool:
        if not can_manage_catalogue(self.user):
            self.add_error(None, str(NOT_ALLOWED))
            return False
        return True


class CategoryAdminForm(UserBoundForm):
    class Meta:
        model = Category
        fields = list(CATEGORY_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "attributes" in self.fields:
            self.fields["attributes"].error_messages["invalid"] = _("Câu hỏi bổ sung không phải JSON hợp lệ.")
            self.fields["attributes"].help_text = _(
                'Danh sách câu hỏi Open311, ví dụ: [{"code": "muc_do", "datatype": "singlevaluelist", '
                '"required": false, "order": 1, "description": "Mức độ", '
                '"values": [{"key": "cao", "name": "Cao"}]}]. Kiểu dữ liệu: string, number, datetime, '
                "text, singlevaluelist, multivaluelist. Để [] nếu không có câu hỏi."
            )

    def clean(self):
        cleaned = super().clean()
        if "attributes" in self.fields and cleaned.get("attributes", []) is None:
            cleaned["attributes"] = []
        if not self.check_allowed() or self.errors:
            return cleaned
        try:
            cleaned.update(category_input_clean({f: cleaned[f] for f in CATEGORY_FIELDS if f in cleaned}))
        except ApplicationError as error:
            _show_on_form(self, error)
        return cleaned


class RoutingRuleAdminForm(UserBoundForm):
    class Meta:
        model = RoutingRule
        fields = ["category", "commune", "agency"]

    def clean(self):
        # No model uniqueness check: saving a pair that already has a rule replaces its agency.
        cleaned = self.cleaned_data
        if not self.check_allowed() or self.errors:
            return cleaned
        try:
            routing_rule_input_clean(
                category=cleaned.get("category", self.instance.category if self.instance.pk else None),
                commune=cleaned.get("commune", self.instance.commune if self.instance.pk else None),
                agency=cleaned.get("agency"),
            )
        except ApplicationError as error:
            _show_on_form(self, error)
        return cleaned


class CatalogueAdmin(admin.ModelAdmin):
    """Administrators may look; province administrators and superusers may change (through the services).
    A service error that slips past the form (a concurrent change) becomes a message, not a server error."""

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        user = request.user
        return bool(user.is_active and (user.is_superuser or can_administer(user)))

    def has_add_permission(self, request):
        return can_manage_catalogue(request.user)

    def has_change_permission(self, request, obj=None):
        return can_manage_catalogue(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class BoundForm(form_class):
            def __init__(self, *args, **inner_kwargs):
                super().__init__(*args, user=request.user, **inner_kwargs)

        return BoundForm

    def _refuse(self, request, error: ApplicationError):
        self.message_user(request, str(error.message), messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ApplicationError as error:
            return self._refuse(request, error)

    def changelist_view(self, request, extra_context=None):
        try:
            return super().changelist_view(request, extra_context)
        except ApplicationError as error:
            return self._refuse(request, error)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ApplicationError as error:
            return self._refuse(request, error)

    @staticmethod
    def _adopt(obj, saved) -> None:
        """The admin goes on with ``obj`` (log entry, redirect): make it the row the service saved."""
        for field in saved._meta.concrete_fields:
            setattr(obj, field.attname, getattr(saved, field.attname))
        obj._state.adding = False
        obj._state.db = saved._state.db


@admin.register(Category)
class CategoryAdmin(CatalogueAdmin):
    form = CategoryAdminForm
    list_display = (
        "code",
        "name",
        "name_en",
        "acknowledge_hours",
        "resolve_working_days",
        "is_active",
        "position",
    )
    list_editable = ("is_active", "position")
    search_fields = ("code", "name", "name_en", "keywords")
    list_filter = ("is_active", "group")
    actions = ("deactivate_selected", "activate_selected")

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj is not None else ()  # Open311 clients key on the code

    def has_delete_permission(self, request, obj=None):
        return False  # reports point at categories: they are deactivated instead

    def save_model(self, request, obj, form, change):
        if change:
            changes = {f: form.cleaned_data[f] for f in form.changed_data if f in EDITABLE_CATEGORY_FIELDS}
            saved = category_update(actor=request.user, category=obj, **changes)
        else:
            saved = category_create(actor=request.user, **{f: form.cleaned_data[f] for f in CATEGORY_FIELDS})
        self._adopt(obj, saved)

    def _set_active(self, request, queryset, active: bool) -> None:
        for category in queryset:
            try:
                if active:
                    category_update(actor=request.user, category=category, is_active=True)
                else:
                    category_deactivate(actor=request.user, category=category)
            except ApplicationError as error:
                self.message_user(request, f"{category.code}: {error.message}", messages.ERROR)
                return
        self.message_user(request, _("Đã cập nhật %(count)s lĩnh vực.") % {"count": len(queryset)})

    @admin.action(description=gettext_lazy("Ngừng dùng các lĩnh vực đã chọn"), permissions=["change"])
    def deactivate_selected(self, request, queryset):
        self._set_active(request, queryset, active=False)

    @admin.action(description=gettext_lazy("Dùng lại các lĩnh vực đã chọn"), permissions=["change"])
    def activate_selected(self, request, queryset):
        self._set_active(request, queryset, active=True)


@admin.register(RoutingRule)
class RoutingRuleAdmin(CatalogueAdmin):
    form = RoutingRuleAdminForm
    list_display = ("category", "commune", "agency")
    list_filter = ("category",)
    search_fields = ("commune__name", "agency__name")
    autocomplete_fields = ("agency",)
    raw_id_fields = ("commune",)
    list_select_related = ("category", "commune", "agency")

    def get_readonly_fields(self, request, obj=None):
        return ("category", "commune") if obj is not None else ()  # a rule is addressed by its pair

    def has_delete_permission(self, request, obj=None):
        return can_manage_catalogue(request.user)

    def save_model(self, request, obj, form, change):
        replaces = not change and _pair_has_rule(obj.category_id, obj.commune_id)
        saved = routing_rule_set(
            actor=request.user, category=obj.category, commune=obj.commune, agency=obj.agency
        )
        self._adopt(obj, saved)
        if replaces:
            self.message_user(
                request,
                _("Lĩnh vực và xã/phường này đã có quy tắc; cơ quan xử lý đã được thay bằng cơ quan mới."),
                messages.WARNING,
            )

    def delete_model(self, request, obj):
        routing_rule_remove(actor=request.user, rule=obj)

    def delete_queryset(self, request, queryset):
        for rule in queryset:
            routing_rule_remove(actor=request.user, rule=rule)


@admin.register(Report)
class ReportAdmin(ReadOnlyModelAdmin):
    list_display = (
        "code",
        "title",
        "category",
        "status",
        "commune",
        "agency",
        "is_public",
        "is_hidden",
        "created_at",
    )
    list_filter = ("status", "category", "is_public", "is_hidden", "source")
    search_fields = ("code", "title")
    list_select_related = ("category", "commune", "agency")
    exclude = ("contact_name", "contact_email", "contact_phone")


from congdanso.feedback.open311 import admin as open311_admin  # noqa: E402, F401 (registers Open311ClientAdmin)
