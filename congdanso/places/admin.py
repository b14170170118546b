"""Admin: units are read-only (``load_units`` owns them); agencies are edited through the services."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _

from congdanso.core.admin import ReadOnlyModelAdmin
from congdanso.core.errors import ApplicationError
from congdanso.core.errors import PermissionDenied as CorePermissionDenied
from congdanso.places.models import AdministrativeUnit, Agency, LegacyUnit
from congdanso.places.selectors import agency_descendant_ids
from congdanso.places.services import AGENCY_EDITABLE_FIELDS, agency_create, agency_update, agency_validate


class ProvinceFilter(admin.SimpleListFilter):
    title = _("tỉnh/thành phố")
    parameter_name = "province"

    def lookups(self, request, model_admin):
        return [
            (unit.code, unit.short_name)
            for unit in AdministrativeUnit.objects.filter(level="province").order_by("short_name")
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            code = int(self.value())
        except ValueError:
            return queryset.none()
        return queryset.filter(parent__level="province", parent__code=code) | queryset.filter(
            level="province", code=code
        )


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(ReadOnlyModelAdmin):
    list_display = ["code", "name", "level", "unit_type", "parent"]
    list_filter = ["level", "unit_type", ProvinceFilter]
    search_fields = ["name", "short_name", "codename", "=code"]
    list_select_related = ["parent"]
    ordering = ["level", "code"]
    list_per_page = 100


@admin.register(LegacyUnit)
class LegacyUnitAdmin(ReadOnlyModelAdmin):
    list_display = ["code", "name", "level", "unit_type", "parent"]
    list_filter = ["level", "unit_type"]
    search_fields = ["name", "codename", "=code"]
    list_select_related = ["parent"]
    filter_horizontal = ["successors"]
    list_per_page = 100


class AgencyAdminForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["code", *AGENCY_EDITABLE_FIELDS]

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent is not None and self.instance.pk is not None:
            if parent.pk in agency_descendant_ids([self.instance.pk]):
                raise DjangoValidationError(
                    _("Cơ quan cấp trên không thể là chính cơ quan này hoặc cơ quan cấp dưới của nó.")
                )
        return parent

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        candidate = Agency(code=cleaned.get("code") or self.instance.code or "x")
        for field in AGENCY_EDITABLE_FIELDS:
            setattr(candidate, field, cleaned.get(field))
        try:
            agency_validate(candidate)
        except ApplicationError as error:
            for detail in error.details or []:
                field = detail.get("field")
                self.add_error(field if field in self.fields else None, str(detail.get("message")))
            if not error.details:
                raise DjangoValidationError(str(error.message)) from error
        return cleaned


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    form = AgencyAdminForm
    list_display = ["code", "name", "kind", "unit", "parent", "is_active"]
    list_filter = ["kind", "is_active", "unit__level"]
    search_fields = ["code", "name", "unit__name"]
    list_select_related = ["unit", "parent"]
    autocomplete_fields = ["unit", "parent"]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False  # agencies are deactivated (is_active), never deleted: dossiers point at them

    def save_model(self, request, obj, form, change):
        try:
            if change:
                agency_update(
                    actor=request.user,
                    agency=obj,
                    **{field: form.cleaned_data[field] for field in form.changed_data if field != "code"},
                )
            else:
                created = agency_create(
                    actor=request.user,
                    code=obj.code,
                    **{field: form.cleaned_data[field] for field in AGENCY_EDITABLE_FIELDS},
                )
                obj.pk = created.pk
                obj._state.adding = False
                obj._state.db = created._state.db
        except CorePermissionDenied as error:
            raise DjangoPermissionDenied(str(error.message)) from error
