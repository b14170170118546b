"""The accounts API: registration flow, /me and tokens with the role matrix."""

import pytest
from django.test import Client

from congdanso.accounts.models import ApiToken, Role, User
from congdanso.accounts.services import api_token_issue
from congdanso.accounts.tests.conftest import last_code
from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.audit.models import AuditEvent
from congdanso.places.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/accounts"


def _bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_register_verify_and_resend(client, sms_outbox, time_machine):
    time_machine.move_to("2026-03-02 08:00:00+07:00", tick=False)
    body = {"phone": "+84 987 654 321", "password": "Lang-Son-2026!", "full_name": "Vi Thị Hoa"}
    response = client.post(f"{BASE}/register", body, content_type="application/json")
    assert response.status_code == 201
    assert response.json() == {
        "phone": "0987654321",
        "otp_expires_in": 300,
        "detail": "Đã gửi mã xác thực tới số điện thoại của bạn.",
    }
    response = client.post(f"{BASE}/otp/resend", {"phone": "0987654321"}, content_type="application/json")
    assert response.status_code == 429
    assert response.json()["code"] == "otp_resend_too_soon"
    time_machine.shift(61)
    response = client.post(f"{BASE}/otp/resend", {"phone": "0987654321"}, content_type="application/json")
    assert response.status_code == 202
    response = client.post(
        f"{BASE}/verify-phone",
        {"phone": "0987654321", "code": last_code(sms_outbox)},
        content_type="application/json",
    )
    assert response.status_code == 200
    data = response.json()
    assert (data["kind"], data["phone"], data["phone_verified"], data["roles"]) == (
        "citizen",
        "0987654321",
        True,
        [],
    )
    assert User.objects.get(phone="0987654321").is_active is True


def test_register_errors_have_the_error_shape_and_create_nothing(client, sms_outbox):
    response = client.post(
        f"{BASE}/register",
        {"phone": "0201234567", "password": "Lang-Son-2026!"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json() == {
        "code": "phone_invalid_prefix",
        "message": "Đầu số 020 không phải đầu số di động Việt Nam hợp lệ.",
        "details": None,
    }
    CitizenFactory(phone="0987654321")
    response = client.post(
        f"{BASE}/register",
        {"phone": "0987654321", "password": "Lang-Son-2026!"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "phone_taken"
    assert User.objects.count() == 1 and sms_outbox == []


def test_resend_for_unknown_phone_answers_the_same_and_sends_nothing(client, sms_outbox):
    response = client.post(f"{BASE}/otp/resend", {"phone": "0987654321"}, content_type="application/json")
    assert response.status_code == 202
    assert sms_outbox == []


def test_me_role_matrix(client):
    assert client.get(f"{BASE}/me").status_code == 401
    assert client.get(f"{BASE}/me").json()["code"] == "not_authenticated"

    citizen = CitizenFactory(national_id="020195123445")
    client.force_login(citizen)
    data = client.get(f"{BASE}/me").json()
    assert (data["id"], data["kind"], data["national_id_masked"], data["roles"]) == (
        str(citizen.pk),
        "citizen",
        "0201******45",
        [],
    )

    agency = AgencyFactory(code="ubnd-xa-a", name="UBND xã A")
    official = OfficialFactory(agency=agency, roles=[Role.RECEIVER, Role.HANDLER])
    client.force_login(official)
    data = client.get(f"{BASE}/me").json()
    assert data["kind"] == "official" and data["agency_code"] == "ubnd-xa-a"
    assert [(role["role"], role["agency_code"]) for role in data["roles"]] == [
        ("handler", "ubnd-xa-a"),
        ("receiver", "ubnd-xa-a"),
    ]


def test_me_with_bearer_token_and_revoked_or_bogus_tokens():
    official = OfficialFactory()
    token, clear = api_token_issue(user=official, name="Máy chủ tích hợp")
    client = Client()
    response = client.get(f"{BASE}/me", **_bearer(clear))
    assert response.status_code == 200 and response.json()["username"] == official.username
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert client.get(f"{BASE}/me", **_bearer("cds_khong-ton-tai")).status_code == 401
    token.revoked_at = token.last_used_at
    token.save(update_fields=["revoked_at"])
    assert client.get(f"{BASE}/me", **_bearer(clear)).status_code == 401


def test_token_post_works_without_csrf_but_session_post_needs_it():
    citizen = CitizenFactory()
    _token, clear = api_token_issue(user=citizen, name="CLI")
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        f"{BASE}/tokens", {"name": "Thứ hai"}, content_type="application/json", **_bearer(clear)
    )
    assert response.status_code == 201
    strict.force_login(citizen)
    response = strict.post(f"{BASE}/tokens", {"name": "Thứ ba"}, content_type="application/json")
    assert response.status_code == 403
    assert ApiToken.objects.filter(user=citizen).count() == 2


@pytest.mark.parametrize("make_user", [CitizenFactory, OfficialFactory], ids=["citizen", "official"])
def test_issue_list_and_revoke_own_tokens(client, make_user):
    user = make_user()
    client.force_login(user)
    response = client.post(f"{BASE}/tokens", {"name": "Tích hợp"}, content_type="application/json")
    assert response.status_code == 201
    data = response.json()
    assert data["token"].startswith("cds_") and data["prefix"] == data["token"][:12]
    stored = ApiToken.objects.get(pk=data["id"])
    assert stored.token_hash != data["token"] and len(stored.token_hash) == 64
    listed = client.get(f"{BASE}/tokens").json()
    assert [(row["id"], row["name"]) for row in listed] == [(stored.pk, "Tích hợp")]
    assert "token" not in listed[0]
    assert client.delete(f"{BASE}/tokens/{stored.pk}").status_code == 204
    stored.refresh_from_db()
    assert stored.revoked_at is not None
    assert client.delete(f"{BASE}/tokens/{stored.pk}").json()["code"] == "token_already_revoked"
    assert list(AuditEvent.objects.filter(object_id=str(stored.pk)).values_list("action", flat=True)) == [
        "api_token.revoked",
        "api_token.issued",
    ]


def test_tokens_anonymous_and_other_users_tokens(client):
    owner = CitizenFactory()
    token, _clear = api_token_issue(user=owner, name="Của chủ")
    assert client.post(f"{BASE}/tokens", {"name": "x"}, content_type="application/json").status_code == 401
    assert client.delete(f"{BASE}/tokens/{token.pk}").status_code == 401
    events_before = AuditEvent.objects.count()
    for intruder in (CitizenFactory(), OfficialFactory(roles=[Role.ADMINISTRATOR])):
        client.force_login(intruder)
        assert client.get(f"{BASE}/tokens").json() == []
        response = client.delete(f"{BASE}/tokens/{token.pk}")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    token.refresh_from_db()
    assert token.revoked_at is None
    assert AuditEvent.objects.count() == events_before


def test_token_list_query_count(client, django_assert_num_queries):
    user = CitizenFactory()
    for index in range(3):
        api_token_issue(user=user, name=f"Mã {index}")
    client.force_login(user)
    with django_assert_num_queries(3):  # session, user, tokens
        response = client.get(f"{BASE}/tokens")
    assert len(response.json()) == 3
