"""The override admin saves through the services (audited, cache invalidated) and keeps others out."""

import datetime as dt

import pytest

from congdanso.audit.models import AuditEvent
from congdanso.workdays import calendar
from congdanso.workdays.models import CalendarOverride
from congdanso.workdays.tests.factories import CalendarOverrideFactory

pytestmark = pytest.mark.django_db
ADD_URL = "/quan-tri/workdays/calendaroverride/add/"
FORM = {"province_code": 20, "date": "2026-07-15", "kind": "day_off", "reason": "Nghỉ do bão"}


def staff(user):
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def test_province_admin_adds_override_through_service(client, province_admin):
    client.force_login(staff(province_admin))
    assert calendar.is_working_day(dt.date(2026, 7, 15)) is True
    response = client.post(ADD_URL, FORM)
    assert response.status_code == 302
    assert CalendarOverride.objects.get().created_by == province_admin
    assert AuditEvent.objects.get().action == "calendar_override.set"
    assert calendar.is_working_day(dt.date(2026, 7, 15)) is False


def test_commune_admin_sees_admin_but_cannot_save_province_override(client, commune_admin):
    client.force_login(staff(commune_admin))
    response = client.post(ADD_URL, FORM)
    assert response.status_code == 200
    assert "Chỉ quản trị viên cấp tỉnh mới được điều chỉnh lịch ngày làm việc." in response.text
    assert CalendarOverride.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_handler_has_no_access(client, province_handler):
    client.force_login(staff(province_handler))
    assert client.get(ADD_URL).status_code == 403
    assert client.post(ADD_URL, FORM).status_code == 403
    assert CalendarOverride.objects.count() == 0


def test_delete_goes_through_service(client, superuser):
    override = CalendarOverrideFactory(date=dt.date(2026, 7, 15))
    client.force_login(superuser)
    response = client.post(f"/quan-tri/workdays/calendaroverride/{override.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert CalendarOverride.objects.count() == 0
    assert AuditEvent.objects.get().action == "calendar_override.remove"
