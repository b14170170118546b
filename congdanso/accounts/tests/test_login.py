"""Sign-in page: field names, lockout per identifier and per IP, audit of lockouts."""

import pytest
from django.test import override_settings
from django.urls import reverse

from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

LOCKED = (
    "Tài khoản tạm thời bị khóa do đăng nhập sai quá nhiều lần. "
    "Vui lòng thử lại sau 15 phút hoặc đặt lại mật khẩu."
)


def _login(client, username, password, ip="10.0.0.1"):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_login_page_fields(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<label for="id_username">Số điện thoại hoặc tên đăng nhập:</label>' in html
    assert 'name="password"' in html and ">Đăng nhập</button>" in html


def test_citizen_logs_in_with_phone_in_any_format_and_official_with_username(client):
    CitizenFactory(phone="0912000111", username="0912000111")
    OfficialFactory(username="canbo.mai")
    assert _login(client, "+84 912 000 111", "mat-khau-an-toan-1").status_code == 302
    client.logout()
    assert _login(client, "canbo.mai", "mat-khau-an-toan-1").status_code == 302
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_wrong_password_message(client):
    CitizenFactory(phone="0912000111", username="0912000111")
    response = _login(client, "0912000111", "sai")
    html = response.content.decode()
    assert "Số điện thoại/tên đăng nhập hoặc mật khẩu không đúng." in html
    assert 'role="alert"' in html


def test_lockout_after_max_failures_refuses_even_the_right_password(client, time_machine):
    time_machine.move_to("2026-03-02 08:00:00+07:00", tick=False)
    CitizenFactory(phone="0912000111", username="0912000111")
    for _ in range(4):
        assert LOCKED not in _login(client, "0912000111", "sai").content.decode()
    assert LOCKED in _login(client, "0912 000 111", "sai").content.decode()
    response = _login(client, "0912000111", "mat-khau-an-toan-1", ip="10.9.9.9")
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action="auth.login_locked")
    assert event.changes == {"identifier": "0912***111", "ip": "10.0.0.1", "lockout_seconds": 900}


def test_success_resets_the_failure_count(client):
    CitizenFactory(phone="0912000111", username="0912000111")
    for _ in range(4):
        _login(client, "0912000111", "sai")
    assert _login(client, "0912000111", "mat-khau-an-toan-1").status_code == 302
    client.logout()
    for _ in range(4):
        _login(client, "0912000111", "sai")
    assert _login(client, "0912000111", "mat-khau-an-toan-1").status_code == 302


@override_settings(LOGIN_MAX_FAILURES_PER_IP=3)
def test_one_ip_trying_many_identifiers_is_locked(client):
    OfficialFactory(username="canbo.mai")
    for name in ("a1", "a2", "a3"):
        _login(client, name, "sai", ip="10.0.0.7")
    response = _login(client, "canbo.mai", "mat-khau-an-toan-1", ip="10.0.0.7")
    assert LOCKED in response.content.decode()
    assert _login(client, "canbo.mai", "mat-khau-an-toan-1", ip="10.0.0.8").status_code == 302


def test_password_reset_lifts_the_lockout(client, sms_outbox):
    from congdanso.accounts.services import citizen_password_reset_confirm, citizen_password_reset_request
    from congdanso.accounts.tests.conftest import last_code

    CitizenFactory(phone="0912000111", username="0912000111")
    for _ in range(5):
        _login(client, "0912000111", "sai")
    citizen_password_reset_request(phone="0912000111")
    citizen_password_reset_confirm(
        phone="0912000111", code=last_code(sms_outbox), new_password="Moi-Hon-2026!"
    )
    assert _login(client, "0912000111", "Moi-Hon-2026!").status_code == 302
