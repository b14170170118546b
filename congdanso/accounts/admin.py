"""Admin for administrators: officials are created through ``official_create``; tokens are read-only."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from congdanso.accounts import policies
from congdanso.accounts.models import ApiToken, OfficialRole, Role, User, UserKind
from congdanso.accounts.services import (
    official_create,
    official_role_grant,
    official_role_revoke,
    official_update,
)
from congdanso.accounts.services.officials import OFFICIAL_EDITABLE_FIELDS, SUPERUSER_ONLY_FIELDS
from congdanso.accounts.validation import mask_national_id
from congdanso.core.errors import ApplicationError
from congdanso.places.selectors import agency_list


def _is_admin(user) -> bool:
    return bool(user.is_active and (user.is_superuser or policies.can_administer(user)))


def _administered_agencies(user):
    scope = policies.agency_ids_in_scope(user, [Role.ADMINISTRATOR])
    return agency_list(ids=scope, active_only=False)


class OfficialRoleInline(admin.TabularInline):
    model = OfficialRole
    extra = 0
    fields = ("role", "agency", "granted_at")
    readonly_fields = ("granted_at",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agency":
            kwargs["queryset"] = _administered_agencies(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_view_permission(self, request, obj=None):
        return _is_admin(request.user)

    def has_add_permission(self, request, obj=None):
        return _is_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return _is_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return _is_admin(request.user)


class OfficialCreationForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(label=_("Vai trò"), choices=Role.choices)
    password = forms.CharField(
        label=_("Mật khẩu"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Để trống: cán bộ đặt mật khẩu qua thư điện tử."),
    )

    class Meta:
        model = User
        fields = ("username", "full_name", "agency", "phone", "email")

    def clean_agency(self):
        agency = self.cleaned_data.get("agency")
        if agency is None:
            raise forms.ValidationError(_("Vui lòng chọn cơ quan."))
        return agency


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = OfficialCreationForm
    add_fieldsets = (
        (None, {"fields": ("username", "full_name", "agency", "roles", "password", "phone", "email")}),
    )
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Thông tin"),
            {"fields": ("kind", "full_name", "phone", "phone_verified_at", "masked_national_id", "email")},
        ),
        (_("Cơ quan"), {"fields": ("agency",)}),
        (_("Trạng thái"), {"fields": ("is_active", "is_staff", "is_superuser", "last_login", "date_joined")}),
    )
    readonly_fields = ("kind", "phone_verified_at", "masked_national_id", "last_login", "date_joined")
    list_display = ("username", "full_name", "kind", "agency", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("username", "full_name", "phone")
    ordering = ("username",)
    inlines = [OfficialRoleInline]

    @admin.display(description=_("Số căn cước"))
    def masked_national_id(self, obj):
        return mask_national_id(obj.national_id)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agency":
            kwargs["queryset"] = _administered_agencies(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_formset(self, request, form, formset, change):
        """Role rows change only through the grant and revoke services (checked and audited)."""
        if formset.model is not OfficialRole:
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for grant in formset.deleted_objects:
            official_role_revoke(actor=request.user, user=grant.user, role=grant.role, agency=grant.agency)
        for grant in instances:
            if grant.pk is not None:
                previous = OfficialRole.objects.get(pk=grant.pk)
                official_role_revoke(
                    actor=request.user, user=previous.user, role=previous.role, agency=previous.agency
                )
            official_role_grant(actor=request.user, user=form.instance, role=grant.role, agency=grant.agency)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None and obj.kind == UserKind.OFFICIAL else []

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields.append("username")
        if not request.user.is_superuser:
            fields += ["is_superuser", "is_staff"]
        return fields

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return policies.restrict_to_agency_scope(
            queryset.filter(kind=UserKind.OFFICIAL), request.user, roles=[Role.ADMINISTRATOR]
        )

    def has_module_permission(self, request):
        return _is_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return _is_admin(request.user)

    def has_add_permission(self, request):
        return _is_admin(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.agency_id and not request.user.is_superuser:
            return policies.can_administer(request.user, agency=obj.agency)
        return _is_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        if change:
            editable = OFFICIAL_EDITABLE_FIELDS | SUPERUSER_ONLY_FIELDS
            changes = {field: form.cleaned_data[field] for field in form.changed_data if field in editable}
            original = User.objects.get(pk=obj.pk)
            official_update(actor=request.user, user=original, changes=changes)
            return None
        data = form.cleaned_data
        try:
            created = official_create(
                actor=request.user,
                username=data["username"],
                full_name=data["full_name"],
                agency=data["agency"],
                roles=data["roles"],
                password=data.get("password") or None,
                phone=data.get("phone") or None,
                email=data.get("email") or None,
            )
        except ApplicationError as error:
            messages.error(request, str(error.message))
            raise
        obj.pk = created.pk
        obj._state.adding = False
        obj._state.db = created._state.db

    def save_related(self, request, form, formsets, change):
        if change:
            super().save_related(request, form, formsets, change)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "name", "token_hash", "prefix", "created_at", "last_used_at", "revoked_at")
    search_fields = ("name", "prefix", "user__username")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser
