from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from congdanso.accounts.models import OneTimeCode, OtpPurpose
from congdanso.accounts.services import otp_issue, otp_verify
from congdanso.accounts.tests.conftest import last_code
from congdanso.audit.models import AuditEvent
from congdanso.core.errors import RateLimited, ValidationFailed

pytestmark = pytest.mark.django_db

PHONE = "0912345678"
START = timezone.datetime(2026, 3, 2, 8, 0, tzinfo=timezone.get_fixed_timezone(7 * 60))


def test_issue_stores_only_a_hash_and_sends_a_vietnamese_sms(sms_outbox):
    with time_machine.travel(START, tick=False):
        otp = otp_issue(phone="+84 912 345 678", purpose=OtpPurpose.REGISTER)
    code = last_code(sms_outbox)
    assert sms_outbox == [
        {"phone": PHONE, "text": f"Mã xác thực Công dân số của bạn là {code}. Mã có hiệu lực trong 5 phút."}
    ]
    otp.refresh_from_db()
    assert otp.phone == PHONE
    assert code not in otp.code_hash and len(otp.code_hash) == 64
    assert otp.expires_at == START + timedelta(seconds=300)
    event = AuditEvent.objects.get(action="otp.issued")
    assert event.changes == {"purpose": "register", "phone": "0912***678"}
    assert code not in str(event.changes)


def test_right_code_verifies_once_then_reuse_is_refused(sms_outbox):
    otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTER)
    code = last_code(sms_outbox)
    otp = otp_verify(phone=PHONE, purpose=OtpPurpose.REGISTER, code=code)
    assert otp.used_at is not None
    with pytest.raises(ValidationFailed) as caught:
        otp_verify(phone=PHONE, purpose=OtpPurpose.REGISTER, code=code)
    assert caught.value.code == "otp_used"
    assert str(caught.value.message) == "Mã xác thực này đã được sử dụng. Vui lòng yêu cầu mã mới."


def test_code_for_another_purpose_does_not_verify(sms_outbox):
    otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTER)
    with pytest.raises(ValidationFailed) as caught:
        otp_verify(phone=PHONE, purpose=OtpPurpose.PASSWORD_RESET, code=last_code(sms_outbox))
    assert caught.value.code == "otp_missing"


def test_expired_code_is_refused(sms_outbox):
    with time_machine.travel(START, tick=False) as traveller:
        otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTER)
        traveller.shift(timedelta(seconds=299))
        code = last_code(sms_outbox)
        with time_machine.travel(START + timedelta(seconds=300), tick=False):
            with pytest.raises(ValidationFailed) as caught:
                otp_verify(phone=PHONE, purpose=OtpPurpose.REGISTER, code=code)
        assert caught.value.code == "otp_expired"
        assert str(caught.value.message) == "Mã xác thực đã hết hạn. Vui lòng yêu cầu mã mới."
        assert otp_verify(phone=PHONE, purpose=OtpPurpose.REGISTER, code=code).used_at is not None


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_wrong_codes_count_attempts_then_lock_even_the_right_code(sms_outbox):
    otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTER)
    code = last_code(sms_outbox)
    for remaining in (4, 3, 2, 1):
        with pytest.raises(ValidationFailed) as caught:
            otp_verify(phone=PHONE, purpose=OtpPurpose.REGISTER, code=_wrong(code))
        assert caught.value.code == "otp_wrong"
        assert str(caught.value.message) == f"Mã xác thực không đúng. Bạn còn {remaining} lần thử."
    with pytest.raises(RateLimited) as caught:
        otp_verify(phone=PHONE, purpose=OtpPurpose.REGISTER, code=_wrong(code))
    assert caught.value.code == "otp_locked"
    with pytest.raises(RateLimited) as caught:
        otp_verify(phone=PHONE, purpose=OtpPurpose.REGISTER, code=code)
    assert caught.value.code == "otp_locked"
    otp = OneTimeCode.objects.get()
    assert otp.attempts == 5
    assert otp.used_at is None
    assert AuditEvent.objects.filter(action="otp.locked").count() == 1


def test_badly_formed_code_does_not_count_an_attempt(sms_outbox):
    otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTER)
    with pytest.raises(ValidationFailed) as caught:
        otp_verify(phone=PHONE, purpose=OtpPurpose.REGISTER, code="12ab")
    assert caught.value.code == "otp_format"
    assert OneTimeCode.objects.get().attempts == 0


def test_resend_is_throttled_per_minute_and_per_hour(sms_outbox):
    with time_machine.travel(START, tick=False) as traveller:
        otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTER)
        traveller.shift(timedelta(seconds=59))
        with pytest.raises(RateLimited) as caught:
            otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTER)
        assert caught.value.code == "otp_resend_too_soon"
        assert str(caught.value.message) == "Vui lòng đợi 1 giây trước khi yêu cầu gửi lại mã."
        for _ in range(4):
            traveller.shift(timedelta(seconds=61))
            otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTER)
        traveller.shift(timedelta(seconds=61))
        with pytest.raises(RateLimited) as caught:
            otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTER)
        assert caught.value.code == "otp_hourly_limit"
        assert len(sms_outbox) == 5
        traveller.shift(timedelta(hours=1))
        otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTER)
    assert len(sms_outbox) == 6


def test_new_code_replaces_the_previous_one(sms_outbox, monkeypatch):
    codes = iter([111111, 222222])
    monkeypatch.setattr("congdanso.accounts.services.otp.secrets.randbelow", lambda _limit: next(codes))
    with time_machine.travel(START, tick=False) as traveller:
        otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTER)
        traveller.shift(timedelta(seconds=61))
        otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTER)
        assert [last_code([message]) for message in sms_outbox] == ["111111", "222222"]
        with pytest.raises(ValidationFailed) as caught:
            otp_verify(phone=PHONE, purpose=OtpPurpose.REGISTER, code="111111")
        assert caught.value.code == "otp_wrong"
        assert otp_verify(phone=PHONE, purpose=OtpPurpose.REGISTER, code="222222").used_at is not None


@override_settings(OTP_MAX_ATTEMPTS=2)
def test_max_attempts_follows_the_setting(sms_outbox):
    otp_issue(phone=PHONE, purpose=OtpPurpose.PASSWORD_RESET)
    code = last_code(sms_outbox)
    with pytest.raises(ValidationFailed):
        otp_verify(phone=PHONE, purpose=OtpPurpose.PASSWORD_RESET, code=_wrong(code))
    with pytest.raises(RateLimited):
        otp_verify(phone=PHONE, purpose=OtpPurpose.PASSWORD_RESET, code=_wrong(code))
