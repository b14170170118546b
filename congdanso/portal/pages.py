"""Small citizen pages of the portal: in-app notifications and this year's days off."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from congdanso.core.errors import NotFound
from congdanso.notifications.selectors import notification_list_for_user
from congdanso.notifications.services import notification_mark_read
from congdanso.workdays.selectors import holidays_between

NOTIFICATIONS_SHOWN = 50
FIRST_YEAR, LAST_YEAR = 2020, 2100


@require_GET
@login_required
def notifications(request):
    """The signed-in person's in-app notifications, newest first (the latest 50)."""
    items = list(notification_list_for_user(user=request.user)[:NOTIFICATIONS_SHOWN])
    return render(request, "portal/notifications.html", {"notifications": items})


@require_POST
@login_required
def notification_read(request, notification_id):
    """Mark one of my notifications read, then go back to the list (works without JavaScript)."""
    try:
        notification_mark_read(user=request.user, notification_id=notification_id)
    except NotFound as error:
        raise Http404(str(error)) from error
    return redirect("portal:notifications")


@require_GET
def holidays(request):
    """Days off (public holidays, compensatory and province days off) of this year, or of ``?nam=YYYY``."""
    year = timezone.localdate().year
    requested = request.GET.get("nam", "")
    if requested:
        if not requested.isdigit() or not FIRST_YEAR <= int(requested) <= LAST_YEAR:
            raise Http404
        year = int(requested)
    days_off = holidays_between(dt.date(year, 1, 1), dt.date(year, 12, 31))
    context = {"year": year, "days_off": days_off, "previous_year": year - 1, "next_year": year + 1}
    return render(request, "portal/holidays.html", context)
