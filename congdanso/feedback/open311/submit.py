"""POST Service Request: authenticate the client by api_key, check the spec's arguments, then create
the report through ``feedback_submit`` (the one submission path). Realtime: the receipt code is the
service_request_id."""

from django.utils import formats as django_formats
from django.utils.translation import gettext as _

from congdanso.core.errors import ApplicationError, NotFound, PermissionDenied
from congdanso.feedback.models import ReportSource
from congdanso.feedback.open311 import forms, selectors
from congdanso.feedback.open311.filters import arg
from congdanso.feedback.open311.formats import LOCAL, Open311Error

IDEMPOTENCY_KEY_MAX_LENGTH = 100
# Field names of feedback_submit's errors → the Open311 argument the client sent.
OPEN311_FIELD_NAMES = {
    "latitude": "lat",
    "longitude": "long",
    "address": "address_string",
    "commune_code": "address_id",
    "category_code": "service_code",
    "title": "description",
    "contact.name": "first_name",
    "contact.email": "email",
    "contact.phone": "phone",
}


def _open311_field(field: str) -> str:
    if field.startswith("attributes."):
        return f"attribute[{field.removeprefix('attributes.')}]"
    return OPEN311_FIELD_NAMES.get(field, field)


def _as_open311_error(error: ApplicationError) -> Open311Error:
    status = 404 if isinstance(error, NotFound) else 403 if isinstance(error, PermissionDenied) else 400
    description = str(error.message)
    field = error.details.get("field") if isinstance(error.details, dict) else None
    if field:
        description = f"{_open311_field(str(field))}: {description}"
    return Open311Error(status, description)


def _idempotency_key(request) -> str | None:
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > IDEMPOTENCY_KEY_MAX_LENGTH:
        raise Open311Error(
            400, _("Idempotency-Key dài tối đa %(max)d ký tự.") % {"max": IDEMPOTENCY_KEY_MAX_LENGTH}
        )
    return key or None


def _service_notice(report) -> str:
    if report.resolve_due_at is None:
        return _("Đã tiếp nhận phản ánh %(code)s.") % {"code": report.code}
    due = django_formats.date_format(report.resolve_due_at.astimezone(LOCAL), "d/m/Y H:i")
    return _("Đã tiếp nhận phản ánh %(code)s. Hạn giải quyết: %(due)s.") % {"code": report.code, "due": due}


def request_create(request) -> dict:
    """The ``request`` item of the POST response: service_request_id, service_notice, account_id."""
    from congdanso.feedback.open311.views import check_jurisdiction
    from congdanso.feedback.services.submission import feedback_submit

    params = request.POST
    client = selectors.client_for_key(arg(params, "api_key"))
    if client is None:
        message = _("Thiếu api_key.") if not arg(params, "api_key") else _("api_key không hợp lệ.")
        raise Open311Error(403, message)
    check_jurisdiction(params)
    service_code = arg(params, "service_code")
    if not service_code:
        raise Open311Error(400, _("Thiếu service_code."))
    category = selectors.service_get(service_code)
    if category is None:
        raise Open311Error(404, _("Không có service_code “%(code)s”.") % {"code": service_code[:64]})
    location = forms.location(params)
    description, title = forms.description_and_title(params, category)
    account_id = forms.short_field(params, "account_id")
    contact = forms.contact(params) | {
        "device_id": forms.short_field(params, "device_id"),
        "account_id": account_id,
    }
    idempotency_key = _idempotency_key(request)
    try:
        report = feedback_submit(
            reporter=None,
            category_code=category.code,
            title=title,
            description=description,
            idempotency_key=idempotency_key,
            idempotency_scope=f"open311:{client.pk}" if idempotency_key else None,
            source=ReportSource.OPEN311,
            open311_client=client,
            contact=contact,
            attributes=forms.attributes(params),
            media_url=arg(params, "media_url"),
            **location,
        )
    except ApplicationError as error:
        raise _as_open311_error(error) from error
    selectors.client_mark_used(client)
    return {
        "service_request_id": report.code,
        "service_notice": _service_notice(report),
        "account_id": account_id or None,
    }
