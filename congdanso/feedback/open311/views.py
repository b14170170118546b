"""Open311 GeoReport v2 endpoints (read the spec: /work/shared/reference/feedback-open311.md, section b).

Every resource answers in ``.xml`` and ``.json``; errors use the spec's ``errors/error`` format with its HTTP
codes (404 unknown resource/service_code/jurisdiction_id/token, 403 missing or wrong api_key, 400 the rest).
"""

from functools import wraps

from django.conf import settings
from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from congdanso.feedback.models import Category
from congdanso.feedback.open311 import filters, representations, response_cache, selectors
from congdanso.feedback.open311.formats import (
    JSON_CONTENT_TYPE,
    XML_CONTENT_TYPE,
    Open311Error,
    error_response,
    render,
    w3c_datetime,
)
from congdanso.feedback.open311.submit import request_create

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
MIME_TYPES = ["text/xml", "application/json"]


def open311_endpoint(methods=("GET",)):
    """Answers errors (and unsupported methods) in the requested format."""
    allowed = {*methods, "HEAD"} if "GET" in methods else set(methods)

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, fmt: str, **kwargs):
            if request.method not in allowed:
                message = _("Phương thức %(method)s không được hỗ trợ.") % {"method": request.method}
                response = error_response(fmt, Open311Error(405, message))
                response["Allow"] = ", ".join(sorted(allowed))
                return response
            try:
                return view(request, *args, fmt=fmt, **kwargs)
            except Open311Error as error:
                return error_response(fmt, error)

        return wrapper

    return decorate


def check_jurisdiction(params) -> None:
    """One jurisdiction is served: ``jurisdiction_id`` may be omitted; a different one is not found (404)."""
    value = filters.arg(params, "jurisdiction_id")
    if value and value != settings.OPEN311_JURISDICTION_ID:
        raise Open311Error(404, _("Không phục vụ jurisdiction_id “%(value)s”.") % {"value": value[:80]})


@open311_endpoint()
def discovery(request, *, fmt: str):
    changed = Category.objects.aggregate(last=Max("updated_at"))["last"]
    changeset = w3c_datetime(changed) or "1970-01-01T00:00:00+00:00"
    discovery_url = request.build_absolute_uri(reverse("open311:discovery", kwargs={"fmt": fmt}))
    endpoint_url = discovery_url.rsplit("/", 1)[0]
    data = {
        "changeset": changeset,
        "contact": _("Hỗ trợ Open311 của Cổng Công dân số: %(email)s")
        % {"email": settings.DEFAULT_FROM_EMAIL},
        "key_service": _(
            "Khoá API (api_key) do quản trị viên cấp cho từng ứng dụng; "
            "chỉ cần khi gửi phản ánh (POST requests)."
        ),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": endpoint_url,
                "changeset": changeset,
                "type": "test" if settings.DEBUG else "production",
                "formats": MIME_TYPES,
            }
        ],
    }
    return render(fmt, "discovery", data)


@open311_endpoint()
def services(request, *, fmt: str):
    check_jurisdiction(request.GET)
    return render(fmt, "services", [representations.service_item(c) for c in selectors.services_active()])


@open311_endpoint()
def service_definition(request, service_code: str, *, fmt: str):
    check_jurisdiction(request.GET)
    category = selectors.service_get(service_code)
    if category is None:
        raise Open311Error(404, _("Không có service_code “%(code)s”.") % {"code": service_code[:64]})
    return render(fmt, "service_definition", representations.service_definition(category))


def _request_list(params) -> list[dict]:
    check_jurisdiction(params)
    query = filters.request_query(params)
    if query.ids:
        return selectors.requests_by_codes(query.ids)
    category_ids = None
    if query.service_codes:
        known = selectors.category_ids_for_codes(query.service_codes)
        unknown = [code for code in query.service_codes if code not in known]
        if unknown:
            raise Open311Error(
                404, _("Không có service_code “%(code)s”.") % {"code": ", ".join(unknown)[:80]}
            )
        category_ids = list(known.values())
    return selectors.requests_search(
        category_ids=category_ids,
        open_statuses=query.open_statuses,
        closed_statuses=query.closed_statuses,
        start=query.start,
        end=query.end,
        limit=filters.MAX_ITEMS,
    )


@csrf_exempt
@open311_endpoint(methods=("GET", "POST"))
def requests(request, *, fmt: str):
    if request.method == "POST":
        return render(fmt, "service_requests", [request_create(request)])

    def build() -> bytes:
        rows = _request_list(request.GET)
        return render(fmt, "service_requests", [representations.request_item(row) for row in rows]).content

    body = response_cache.cached_body(fmt, request.GET, build)
    return HttpResponse(body, content_type=JSON_CONTENT_TYPE if fmt == "json" else XML_CONTENT_TYPE)


@open311_endpoint()
def request_detail(request, service_request_id: str, *, fmt: str):
    check_jurisdiction(request.GET)
    row = selectors.request_get(service_request_id)
    if row is None:
        raise Open311Error(404, _("Không có service_request_id “%(id)s”.") % {"id": service_request_id[:40]})
    return render(fmt, "service_requests", [representations.request_item(row)])


@open311_endpoint()
def token(request, token: str, *, fmt: str):
    """Every service is ``realtime``: no token is ever issued, so every token is unknown (404)."""
    check_jurisdiction(request.GET)
    message = _("Không có token “%(token)s” (dịch vụ trả service_request_id ngay).") % {"token": token[:40]}
    raise Open311Error(404, message)


def not_found(request, path: str):
    """Anything else under /open311/v2/: 404 in the spec's format (JSON when the path asks for it)."""
    fmt = "json" if path.endswith(".json") else "xml"
    return error_response(fmt, Open311Error(404, _("Không có tài nguyên Open311 này.")))
