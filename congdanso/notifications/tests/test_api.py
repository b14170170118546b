"""``/api/v1/notifications``: own in-app notifications only."""

import pytest

from congdanso.accounts.models import Role
from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.notifications.models import Channel, Notification
from congdanso.notifications.tests.factories import InAppNotificationFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/notifications/"


def test_anonymous_gets_401(client):
    notification = InAppNotificationFactory()
    assert client.get(URL).status_code == 401
    response = client.post(f"{URL}{notification.pk}/read")
    assert (response.status_code, response.json()["code"]) == (401, "not_authenticated")
    assert Notification.objects.get(pk=notification.pk).read_at is None


@pytest.mark.parametrize("make_user", [CitizenFactory, lambda: OfficialFactory(roles=[Role.ADMINISTRATOR])])
def test_list_shows_only_own_in_app_notifications(client, make_user, django_assert_num_queries):
    user = make_user()
    own = [InAppNotificationFactory(recipient=user, subject=f"Của tôi {n}") for n in range(3)]
    InAppNotificationFactory(recipient=user, channel=Channel.SMS, address="0912345678")
    InAppNotificationFactory(recipient=CitizenFactory())
    client.force_login(user)

    with django_assert_num_queries(4):  # session, user, count, page
        response = client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [item["id"] for item in body["items"]] == [str(n.pk) for n in reversed(own)]
    assert body["items"][0]["subject"] == "Của tôi 2"
    assert set(body["items"][0]) == {
        "id",
        "template",
        "language",
        "subject",
        "body",
        "status",
        "created_at",
        "read_at",
        "related_type",
        "related_id",
    }


def test_list_is_paginated(client):
    user = CitizenFactory()
    for _ in range(21):
        InAppNotificationFactory(recipient=user)
    client.force_login(user)
    assert len(client.get(URL).json()["items"]) == 20
    assert len(client.get(URL, {"page": 2}).json()["items"]) == 1


def test_mark_own_notification_read(client):
    user = CitizenFactory()
    notification = InAppNotificationFactory(recipient=user)
    client.force_login(user)
    response = client.post(f"{URL}{notification.pk}/read")
    assert response.status_code == 200
    assert response.json()["status"] == "read"
    assert Notification.objects.get(pk=notification.pk).read_at is not None


def test_another_users_notification_is_404_and_unchanged(client):
    notification = InAppNotificationFactory()
    client.force_login(CitizenFactory())
    response = client.post(f"{URL}{notification.pk}/read")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    stored = Notification.objects.get(pk=notification.pk)
    assert (stored.status, stored.read_at) == ("sent", None)


def test_malformed_id_is_422(client):
    client.force_login(CitizenFactory())
    assert client.post(f"{URL}khong-phai-uuid/read").status_code == 422
