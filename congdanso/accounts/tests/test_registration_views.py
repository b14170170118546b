"""Registration, phone confirmation and password reset through the HTML pages (no JavaScript)."""

import pytest
from django.urls import reverse

from congdanso.accounts.models import User, UserKind
from congdanso.accounts.tests.conftest import last_code
from congdanso.accounts.tests.factories import CitizenFactory
from congdanso.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

GOOD = {
    "phone": "0912 345 678",
    "password1": "Lang-Son-2026!",
    "password2": "Lang-Son-2026!",
    "full_name": "Hoàng Thị Mai",
    "national_id": "020195123445",
}


def test_register_page_has_the_agreed_fields_and_labels(client):
    response = client.get(reverse("accounts:register"))
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("phone", "password1", "password2", "full_name", "national_id"):
        assert f'name="{name}"' in html
        assert f'for="id_{name}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert ">Đăng ký</button>" in html
    assert "style=" not in html and "<script>" not in html


def test_register_verify_login_end_to_end(client, sms_outbox):
    response = client.post(reverse("accounts:register"), GOOD)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verify_phone") + "?phone=0912345678"
    user = User.objects.get(phone="0912345678")
    assert (user.kind, user.is_active, user.phone_verified_at, user.full_name, user.national_id) == (
        UserKind.CITIZEN,
        False,
        None,
        "Hoàng Thị Mai",
        "020195123445",
    )
    assert len(sms_outbox) == 1

    page = client.get(response["Location"])
    html = page.content.decode()
    assert 'name="code"' in html and 'type="hidden" name="phone" value="0912345678"' in html
    assert ">Xác nhận</button>" in html

    response = client.post(
        reverse("accounts:verify_phone"), {"phone": "0912345678", "code": last_code(sms_outbox)}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    user.refresh_from_db()
    assert user.is_active is True and user.phone_verified_at is not None

    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "0201******45" in profile
    assert "020195123445" not in profile

    client.logout()
    response = client.post(
        reverse("accounts:login"), {"username": "0912 345 678", "password": "Lang-Son-2026!"}
    )
    assert response.status_code == 302
    actions = list(AuditEvent.objects.order_by("occurred_at", "id").values_list("action", flat=True))
    assert actions == ["user.registered", "otp.issued", "otp.verified", "user.phone_verified"]
    for event in AuditEvent.objects.all():
        assert "Lang-Son-2026!" not in str(event.changes)
        assert last_code(sms_outbox) not in str(event.changes)


def test_register_errors_are_announced_and_tied_to_fields(client, sms_outbox):
    bad = {**GOOD, "phone": "0201234567", "password2": "khac-hoan-toan", "national_id": "003195123445"}
    response = client.post(reverse("accounts:register"), bad)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_phone_error" role="alert"' in html
    assert "Đầu số 020 không phải đầu số di động Việt Nam hợp lệ." in html
    assert 'aria-describedby="id_phone_helptext id_phone_error"' in html
    assert "Hai mật khẩu không khớp." in html
    assert "Mã tỉnh nơi đăng ký khai sinh 003 (3 chữ số đầu) không hợp lệ." in html
    assert User.objects.count() == 0 and sms_outbox == [] and AuditEvent.objects.count() == 0


def test_weak_password_is_refused_and_nothing_is_created(client, sms_outbox):
    response = client.post(
        reverse("accounts:register"), {**GOOD, "password1": "12345678", "password2": "12345678"}
    )
    assert response.status_code == 200
    assert 'id="id_password1_error" role="alert"' in response.content.decode()
    assert User.objects.count() == 0 and sms_outbox == []


def test_duplicate_phone_and_national_id_are_refused(client, sms_outbox):
    CitizenFactory(phone="0912345678", username="0912345678")
    response = client.post(reverse("accounts:register"), GOOD)
    assert "Số điện thoại này đã được dùng cho một tài khoản khác." in response.content.decode()
    CitizenFactory(national_id="020195123445")
    response = client.post(reverse("accounts:register"), {**GOOD, "phone": "0987654321"})
    assert "Số căn cước này đã được dùng cho một tài khoản khác." in response.content.decode()
    assert User.objects.count() == 2 and sms_outbox == [] and AuditEvent.objects.count() == 0


def test_wrong_code_shows_error_and_keeps_account_inactive(client, sms_outbox):
    client.post(reverse("accounts:register"), GOOD)
    code = last_code(sms_outbox)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    response = client.post(reverse("accounts:verify_phone"), {"phone": "0912345678", "code": wrong})
    html = response.content.decode()
    assert 'id="id_code_error" role="alert"' in html
    assert "Mã xác thực không đúng. Bạn còn 4 lần thử." in html
    assert User.objects.get(phone="0912345678").is_active is False


def test_unverified_citizen_cannot_log_in_and_is_told_why(client, sms_outbox):
    client.post(reverse("accounts:register"), GOOD)
    response = client.post(
        reverse("accounts:login"), {"username": "0912345678", "password": "Lang-Son-2026!"}
    )
    assert response.status_code == 200
    assert "Số điện thoại chưa được xác thực." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_resend_button_sends_a_new_code_after_a_minute(client, sms_outbox, time_machine):
    time_machine.move_to("2026-03-02 08:00:00+07:00", tick=False)
    client.post(reverse("accounts:register"), GOOD)
    response = client.post(
        reverse("accounts:verify_phone"), {"phone": "0912345678", "resend": "1"}, follow=True
    )
    assert "Vui lòng đợi 60 giây trước khi yêu cầu gửi lại mã." in response.content.decode()
    time_machine.shift(61)
    response = client.post(
        reverse("accounts:verify_phone"), {"phone": "0912345678", "resend": "1"}, follow=True
    )
    assert "Đã gửi lại mã xác thực." in response.content.decode()
    assert len(sms_outbox) == 2


def test_password_reset_by_phone_code(client, sms_outbox):
    citizen = CitizenFactory(phone="0987654321", username="0987654321")
    response = client.post(reverse("accounts:password_reset"), {"phone": "0987 654 321"})
    assert response["Location"] == reverse("accounts:password_reset_confirm") + "?phone=0987654321"
    assert sms_outbox[-1]["phone"] == "0987654321"
    response = client.post(
        reverse("accounts:password_reset_confirm"),
        {
            "phone": "0987654321",
            "code": last_code(sms_outbox),
            "password1": "Moi-Hon-2026!",
            "password2": "Moi-Hon-2026!",
        },
    )
    assert response["Location"] == reverse("accounts:login")
    citizen.refresh_from_db()
    assert citizen.check_password("Moi-Hon-2026!") is True
    event = AuditEvent.objects.get(action="user.password_reset")
    assert event.changes == {"via": "sms_otp"}


def test_password_reset_for_unknown_phone_sends_nothing_but_looks_the_same(client, sms_outbox):
    response = client.post(reverse("accounts:password_reset"), {"phone": "0987654321"})
    assert response["Location"] == reverse("accounts:password_reset_confirm") + "?phone=0987654321"
    assert sms_outbox == []


def test_password_reset_with_wrong_code_changes_nothing(client, sms_outbox):
    citizen = CitizenFactory(phone="0987654321", username="0987654321")
    client.post(reverse("accounts:password_reset"), {"phone": "0987654321"})
    wrong = f"{(int(last_code(sms_outbox)) + 1) % 1_000_000:06d}"
    response = client.post(
        reverse("accounts:password_reset_confirm"),
        {"phone": "0987654321", "code": wrong, "password1": "Moi-Hon-2026!", "password2": "Moi-Hon-2026!"},
    )
    assert "Mã xác thực không đúng. Bạn còn 4 lần thử." in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.check_password("mat-khau-an-toan-1") is True


def test_registering_an_unverified_phone_again_points_to_the_code_page(client, sms_outbox):
    client.post(reverse("accounts:register"), GOOD)
    response = client.post(reverse("accounts:register"), {**GOOD, "national_id": ""})
    html = response.content.decode()
    assert "Số điện thoại này đã đăng ký nhưng chưa xác thực. Vui lòng nhập mã hoặc gửi lại mã." in html
    assert 'href="/tai-khoan/xac-thuc/?phone=0912345678"' in html
    assert User.objects.count() == 1 and len(sms_outbox) == 1
