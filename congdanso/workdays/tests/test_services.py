"""Province overrides: role matrix, audit trail, validation, and the cached calendar following changes."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from congdanso.audit.models import AuditEvent
from congdanso.core.errors import NotFound, PermissionDenied, ValidationFailed
from congdanso.workdays import calendar
from congdanso.workdays.models import CalendarOverride, OverrideKind
from congdanso.workdays.selectors import calendar_for, holidays_between
from congdanso.workdays.services import calendar_override_remove, calendar_override_set
from congdanso.workdays.tests.factories import CalendarOverrideFactory

pytestmark = pytest.mark.django_db
STORM_DAY = dt.date(2026, 7, 15)


def set_storm_day(actor, **overrides):
    arguments = {
        "actor": actor,
        "province_code": 20,
        "date": STORM_DAY,
        "kind": OverrideKind.DAY_OFF,
        "reason": "Nghỉ do bão số 3",
    }
    return calendar_override_set(**(arguments | overrides))


@pytest.mark.parametrize("who", ["anonymous", "citizen", "commune_admin", "province_handler"])
def test_set_is_refused_and_changes_nothing(request, who):
    actor = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        set_storm_day(actor)
    assert CalendarOverride.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_administrator_of_another_province_is_refused(province_admin):
    with pytest.raises(PermissionDenied):
        set_storm_day(province_admin, province_code=79)
    assert CalendarOverride.objects.count() == 0


@pytest.mark.parametrize("who", ["province_admin", "superuser"])
def test_set_creates_override_and_audits(request, who):
    actor = request.getfixturevalue(who)
    override = set_storm_day(actor)

    row = CalendarOverride.objects.get()
    assert (row.province_code, row.date, row.kind, row.reason, row.created_by) == (
        20,
        STORM_DAY,
        "day_off",
        "Nghỉ do bão số 3",
        actor,
    )
    event = AuditEvent.objects.get()
    assert (event.action, event.object_type, event.object_id, event.actor_id) == (
        "calendar_override.set",
        "workdays.calendaroverride",
        str(override.pk),
        actor.pk,
    )
    assert event.changes == {
        "province_code": 20,
        "before": None,
        "after": {"date": "2026-07-15", "kind": "day_off", "reason": "Nghỉ do bão số 3"},
    }


def test_set_again_replaces_and_records_before(province_admin):
    first = set_storm_day(province_admin)
    second = set_storm_day(province_admin, kind=OverrideKind.WORKING_DAY, reason="Hủy nghỉ")
    assert second.pk == first.pk
    assert list(CalendarOverride.objects.values_list("kind", "reason")) == [("working_day", "Hủy nghỉ")]
    assert AuditEvent.objects.order_by("id").last().changes["before"] == {
        "date": "2026-07-15",
        "kind": "day_off",
        "reason": "Nghỉ do bão số 3",
    }


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"kind": "holiday"}, "kind"), ({"reason": "   "}, "reason"), ({"date": "2026-07-15"}, "date")],
)
def test_invalid_input_is_refused_and_changes_nothing(province_admin, overrides, field):
    with pytest.raises(ValidationFailed) as caught:
        set_storm_day(province_admin, **overrides)
    assert caught.value.details == [{"field": field}]
    assert CalendarOverride.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_remove_deletes_and_audits(province_admin):
    override = CalendarOverrideFactory(date=STORM_DAY, reason="Nghỉ do bão số 3")
    calendar_override_remove(actor=province_admin, province_code=20, date=STORM_DAY)
    assert CalendarOverride.objects.count() == 0
    event = AuditEvent.objects.get()
    assert (event.action, event.object_id, event.changes["after"]) == (
        "calendar_override.remove",
        str(override.pk),
        None,
    )


@pytest.mark.parametrize("who", ["anonymous", "citizen", "commune_admin", "province_handler"])
def test_remove_is_refused_and_changes_nothing(request, who):
    CalendarOverrideFactory(date=STORM_DAY)
    actor = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        calendar_override_remove(actor=actor, province_code=20, date=STORM_DAY)
    assert CalendarOverride.objects.count() == 1
    assert AuditEvent.objects.count() == 0


def test_remove_missing_override_is_not_found(province_admin):
    with pytest.raises(NotFound):
        calendar_override_remove(actor=province_admin, province_code=20, date=STORM_DAY)


def test_calendar_is_cached_and_follows_overrides(province_admin, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert calendar_for(20).is_working_day(STORM_DAY) is True
    with django_assert_num_queries(0):
        assert calendar.is_working_day(STORM_DAY) is True  # default province 20, from the cache

    set_storm_day(province_admin)
    assert calendar.is_working_day(STORM_DAY) is False
    assert calendar.add_working_days(dt.date(2026, 7, 14), 1) == dt.date(2026, 7, 16)
    assert calendar.working_days_between(dt.date(2026, 7, 14), dt.date(2026, 7, 17)) == 2

    calendar_override_remove(actor=province_admin, province_code=20, date=STORM_DAY)
    assert calendar.is_working_day(STORM_DAY) is True
    assert calendar.add_working_days(dt.date(2026, 7, 14), 1) == STORM_DAY


def test_override_of_one_province_does_not_touch_another(superuser):
    set_storm_day(superuser, province_code=79)
    assert calendar.is_working_day(STORM_DAY, province_code=79) is False
    assert calendar.is_working_day(STORM_DAY) is True


def test_culture_day_can_be_overridden_as_working_day(province_admin):
    culture_day = dt.date(2026, 11, 24)
    assert calendar.next_working_day(dt.date(2026, 11, 23)) == dt.date(2026, 11, 25)
    set_storm_day(province_admin, date=culture_day, kind=OverrideKind.WORKING_DAY, reason="Chưa áp dụng")
    assert calendar.next_working_day(dt.date(2026, 11, 23)) == culture_day
    assert holidays_between(dt.date(2026, 11, 1), dt.date(2026, 11, 30)) == []


def test_module_helpers_for_receipt_use_the_province_calendar(province_admin):
    received = dt.datetime(2026, 7, 14, 15, 30, tzinfo=calendar.LOCAL_TIMEZONE)
    assert calendar.count_start_for_receipt(received, paper=True) == STORM_DAY
    assert calendar.due_date_for(received, 1, paper=True) == dt.date(2026, 7, 16)
    set_storm_day(province_admin)
    assert calendar.count_start_for_receipt(received, paper=True) == dt.date(2026, 7, 16)
    assert calendar.due_date_for(received, 1, paper=True) == dt.date(2026, 7, 17)


def test_holidays_between_lists_package_and_province_days(province_admin):
    set_storm_day(province_admin, date=dt.date(2026, 4, 29), reason="Ngày giải phóng tỉnh")
    assert [
        (d.date, d.name, d.source) for d in holidays_between(dt.date(2026, 4, 25), dt.date(2026, 5, 3))
    ] == [
        (dt.date(2026, 4, 26), "Ngày Giỗ Tổ Hùng Vương", "national"),
        (dt.date(2026, 4, 27), "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)", "national"),
        (dt.date(2026, 4, 29), "Ngày giải phóng tỉnh", "province"),
        (dt.date(2026, 4, 30), "Ngày Chiến thắng", "national"),
        (dt.date(2026, 5, 1), "Ngày Quốc tế Lao động", "national"),
    ]
