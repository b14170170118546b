import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.notifications.models import NotificationStatus
from congdanso.notifications.tests.factories import InAppNotificationFactory
from congdanso.workdays.tests.factories import CalendarOverrideFactory

pytestmark = pytest.mark.django_db

NOTIFICATIONS = "/thong-bao/"
HOLIDAYS = "/lich-lam-viec/"
ROW = re.compile(r'<tr><td><time datetime="([0-9-]+)">[^<]+</time></td><td>([^<]+)')


def test_urls():
    assert reverse("portal:notifications") == NOTIFICATIONS
    assert reverse("portal:holidays") == HOLIDAYS


def test_notifications_require_sign_in(client):
    response = client.get(NOTIFICATIONS)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={NOTIFICATIONS}"


def test_citizen_sees_only_own_in_app_notifications_newest_first(client):
    citizen = CitizenFactory()
    with time_machine.travel(dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC), tick=False):
        InAppNotificationFactory(recipient=citizen, subject="Hồ sơ đã tiếp nhận")
    with time_machine.travel(dt.datetime(2026, 3, 3, 8, 0, tzinfo=dt.UTC), tick=False):
        InAppNotificationFactory(recipient=citizen, subject="Hồ sơ đã có kết quả")
    InAppNotificationFactory(recipient=CitizenFactory(), subject="Của người khác")
    client.force_login(citizen)

    html = client.get(NOTIFICATIONS).content.decode()

    assert re.findall(r'<h2 class="notice-title">([^<]+)</h2>', html) == [
        "Hồ sơ đã có kết quả",
        "Hồ sơ đã tiếp nhận",
    ]
    assert '<time datetime="2026-03-03T15:00:00+07:00">15:00 03/03/2026</time>' in html
    assert html.count("Chưa đọc") == 2


def test_empty_notifications_page(client):
    client.force_login(OfficialFactory())

    assert "Bạn chưa có thông báo nào." in client.get(NOTIFICATIONS).content.decode()


def test_notifications_query_count(client, django_assert_num_queries):
    citizen = CitizenFactory()
    InAppNotificationFactory.create_batch(3, recipient=citizen)
    client.force_login(citizen)

    with django_assert_num_queries(3):  # session, user, notifications
        response = client.get(NOTIFICATIONS)

    assert response.status_code == 200


def test_mark_own_notification_read(client):
    citizen = CitizenFactory()
    notification = InAppNotificationFactory(recipient=citizen)
    client.force_login(citizen)

    response = client.post(reverse("portal:notification_read", args=[notification.pk]))

    assert response.status_code == 302
    assert response["Location"] == NOTIFICATIONS
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert notification.status == NotificationStatus.READ
    assert "Chưa đọc" not in client.get(NOTIFICATIONS).content.decode()


def test_cannot_mark_someone_elses_notification_read(client):
    notification = InAppNotificationFactory(recipient=CitizenFactory())
    client.force_login(CitizenFactory())

    response = client.post(reverse("portal:notification_read", args=[notification.pk]))

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None
    assert notification.status == NotificationStatus.SENT


def test_anonymous_cannot_mark_read(client):
    notification = InAppNotificationFactory(recipient=CitizenFactory())

    response = client.post(reverse("portal:notification_read", args=[notification.pk]))

    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_read_needs_post(client):
    citizen = CitizenFactory()
    notification = InAppNotificationFactory(recipient=citizen)
    client.force_login(citizen)

    response = client.get(reverse("portal:notification_read", args=[notification.pk]))

    assert response.status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


@time_machine.travel(dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC), tick=False)
def test_holidays_of_this_year_with_province_days_off(client):
    CalendarOverrideFactory(date=dt.date(2026, 10, 10), reason="Ngày giải phóng Lạng Sơn (thử)")

    html = client.get(HOLIDAYS).content.decode()

    rows = ROW.findall(html)
    assert rows[0] == ("2026-01-01", "Tết Dương lịch")
    assert ("2026-02-17", "Tết Nguyên Đán") in rows
    assert ("2026-09-02", "Quốc khánh") in rows
    assert ("2026-10-10", "Ngày giải phóng Lạng Sơn (thử) ") in rows
    assert [day for day, _name in rows] == sorted(day for day, _name in rows)
    assert all(day.startswith("2026-") for day, _name in rows)
    assert "<h1>Ngày nghỉ lễ, tết năm 2026</h1>" in html


def test_holidays_of_another_year(client):
    html = client.get(HOLIDAYS, {"nam": "2027"}).content.decode()

    assert ROW.findall(html)[0] == ("2027-01-01", "Tết Dương lịch")
    assert 'href="?nam=2026"' in html
    assert 'href="?nam=2028"' in html


@pytest.mark.parametrize("year", ["abc", "1999", "2101", "-1"])
def test_holidays_refuses_a_bad_year(client, year):
    assert client.get(HOLIDAYS, {"nam": year}).status_code == 404


def test_holidays_query_count(client, django_assert_num_queries):
    with django_assert_num_queries(1):  # province overrides (then cached)
        client.get(HOLIDAYS)
    with django_assert_num_queries(0):
        response = client.get(HOLIDAYS)
    assert response.status_code == 200
