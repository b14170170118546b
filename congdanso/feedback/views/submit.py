"""The report form (works without JavaScript), its "similar reports" step and the receipt page."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from congdanso.core.errors import ApplicationError
from congdanso.feedback import selectors
from congdanso.feedback.forms import ReportForm, apply_service_error
from congdanso.feedback.services.submission import feedback_submit
from congdanso.feedback.views.access import own_report_or_404, require_citizen
from congdanso.places.selectors import commune_list

CHECK_SIMILAR = "check_similar"
SIMILAR_LIMIT = 10


def _choices():
    return {
        "categories": list(selectors.category_list()),
        "communes": list(commune_list(settings.PROVINCE_CODE)),
    }


def _as_initial(data) -> dict:
    """The posted values as the initial values of a fresh form (no errors shown on the "check" step)."""
    initial = {name: data.get(name, "") for name in ReportForm.base_fields if name != "photos"}
    initial["is_public"] = "is_public" in data
    initial["is_anonymous"] = "is_anonymous" in data
    return initial


def _float_or_none(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def similar_reports(*, category_code: str, commune_code, latitude, longitude) -> list:
    """Open public reports like the one being written: near the pin, or else in the chosen commune."""
    if not category_code:
        return []
    if latitude is not None and longitude is not None:
        category = _category_or_none(category_code)
        if category is None:
            return []
        return list(
            selectors.reports_nearby(
                category=category, latitude=latitude, longitude=longitude, limit=SIMILAR_LIMIT
            )
        )
    if not commune_code:
        return []
    try:
        commune = int(commune_code)
    except (TypeError, ValueError):
        return []
    reports = selectors.public_report_list(category=category_code, commune_code=commune, status="open")
    return list(reports[:SIMILAR_LIMIT])


def _category_or_none(code: str):
    try:
        return selectors.category_get(code)
    except ApplicationError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def submit(request):
    """``/phan-anh/gui/``: GET shows the form with a fresh idempotency key; POST files the report."""
    require_citizen(request.user)
    choices = _choices()
    similar = None
    if request.method == "GET":
        form = ReportForm(**choices)
    elif CHECK_SIMILAR in request.POST:
        form = ReportForm(initial=_as_initial(request.POST), **choices)
        similar = similar_reports(
            category_code=request.POST.get("category", ""),
            commune_code=request.POST.get("commune"),
            latitude=_float_or_none(request.POST.get("latitude")),
            longitude=_float_or_none(request.POST.get("longitude")),
        )
    else:
        form = ReportForm(request.POST, request.FILES, **choices)
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = feedback_submit(
                    reporter=request.user,
                    category_code=data["category"],
                    title=data["title"],
                    description=data["description"],
                    latitude=data["latitude"],
                    longitude=data["longitude"],
                    commune_code=data["commune"],
                    address=data["address"],
                    is_public=data["is_public"],
                    is_anonymous=data["is_anonymous"],
                    photos=data["photos"],
                    idempotency_key=data["idempotency_key"],
                    idempotency_scope=f"user:{request.user.pk}",
                )
            except ApplicationError as error:
                apply_service_error(form, error)
            else:
                return redirect("feedback:receipt", code=report.code)
    context = {
        "form": form,
        "similar": similar,
        "map_tile_url": settings.MAP_TILE_URL,
        "max_photos": settings.FEEDBACK_MAX_PHOTOS,
    }
    return render(request, "feedback/submit.html", context)


@login_required
@require_GET
def receipt(request, code: str):
    """The receipt shown right after submitting: the code to quote and where to follow the report."""
    report = own_report_or_404(request.user, code)
    return render(request, "feedback/receipt.html", {"report": report})
