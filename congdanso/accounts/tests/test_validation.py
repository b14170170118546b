import pytest

from congdanso.accounts.validation import (
    mask_national_id,
    mask_phone,
    normalize_national_id,
    normalize_phone,
    phone_carrier,
)
from congdanso.core.errors import ValidationFailed


@pytest.mark.parametrize(
    ("raw", "expected", "carrier"),
    [
        ("0912345678", "0912345678", "Vinaphone"),
        ("0912 345 678", "0912345678", "Vinaphone"),
        ("0912.345.678", "0912345678", "Vinaphone"),
        ("0912-345-678", "0912345678", "Vinaphone"),
        ("+84912345678", "0912345678", "Vinaphone"),
        ("+84 912 345 678", "0912345678", "Vinaphone"),
        ("84912345678", "0912345678", "Vinaphone"),
        ("0321234567", "0321234567", "Viettel"),
        ("0861234567", "0861234567", "Viettel"),
        ("0981234567", "0981234567", "Viettel"),
        ("0701234567", "0701234567", "MobiFone"),
        ("0891234567", "0891234567", "MobiFone"),
        ("0931234567", "0931234567", "MobiFone"),
        ("0521234567", "0521234567", "Vietnamobile"),
        ("0921234567", "0921234567", "Vietnamobile"),
        ("0591234567", "0591234567", "Gmobile"),
        ("0991234567", "0991234567", "Gmobile"),
        ("0871234567", "0871234567", "Itelecom"),
        ("0551234567", "0551234567", "Reddi"),
    ],
)
def test_valid_mobile_numbers_are_normalised(raw, expected, carrier):
    assert normalize_phone(raw) == expected
    assert phone_carrier(expected) == carrier


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        ("", "phone_required", "Vui lòng nhập số điện thoại."),
        ("09123456ab", "phone_invalid_characters", "Số điện thoại chỉ được chứa chữ số."),
        (
            "091234567",
            "phone_invalid_length",
            "Số điện thoại di động phải có 10 chữ số, bắt đầu bằng 0 (hoặc +84).",
        ),
        (
            "09123456789",
            "phone_invalid_length",
            "Số điện thoại di động phải có 10 chữ số, bắt đầu bằng 0 (hoặc +84).",
        ),
        (
            "912345678",
            "phone_invalid_length",
            "Số điện thoại di động phải có 10 chữ số, bắt đầu bằng 0 (hoặc +84).",
        ),
        (
            "+8491234567",
            "phone_invalid_length",
            "Số điện thoại di động phải có 10 chữ số, bắt đầu bằng 0 (hoặc +84).",
        ),
        ("0201234567", "phone_invalid_prefix", "Đầu số 020 không phải đầu số di động Việt Nam hợp lệ."),
        ("0311234567", "phone_invalid_prefix", "Đầu số 031 không phải đầu số di động Việt Nam hợp lệ."),
        ("0801234567", "phone_invalid_prefix", "Đầu số 080 không phải đầu số di động Việt Nam hợp lệ."),
        ("0951234567", "phone_invalid_prefix", "Đầu số 095 không phải đầu số di động Việt Nam hợp lệ."),
    ],
)
def test_invalid_mobile_numbers_are_refused_with_a_clear_message(raw, code, message):
    with pytest.raises(ValidationFailed) as caught:
        normalize_phone(raw)
    assert caught.value.code == code
    assert str(caught.value.message) == message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("001090000001", "001090000001"),
        ("020195123445", "020195123445"),
        ("0200 8512 3445", "020085123445"),
        ("096302123456", "096302123456"),
    ],
)
def test_valid_national_ids(raw, expected):
    assert normalize_national_id(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        ("", "national_id_required", "Vui lòng nhập số căn cước."),
        ("02019512344X", "national_id_invalid_characters", "Số căn cước chỉ được chứa chữ số."),
        ("02019512344", "national_id_invalid_length", "Số căn cước phải có đúng 12 chữ số."),
        ("0201951234456", "national_id_invalid_length", "Số căn cước phải có đúng 12 chữ số."),
        (
            "003195123445",
            "national_id_invalid_province",
            "Mã tỉnh nơi đăng ký khai sinh 003 (3 chữ số đầu) không hợp lệ.",
        ),
        (
            "000195123445",
            "national_id_invalid_province",
            "Mã tỉnh nơi đăng ký khai sinh 000 (3 chữ số đầu) không hợp lệ.",
        ),
        (
            "097195123445",
            "national_id_invalid_province",
            "Mã tỉnh nơi đăng ký khai sinh 097 (3 chữ số đầu) không hợp lệ.",
        ),
    ],
)
def test_invalid_national_ids(raw, code, message):
    with pytest.raises(ValidationFailed) as caught:
        normalize_national_id(raw)
    assert caught.value.code == code
    assert str(caught.value.message) == message


def test_masks():
    assert mask_national_id("020012345645") == "0200******45"
    assert mask_national_id(None) == ""
    assert mask_phone("0912345678") == "0912***678"
    assert mask_phone("") == ""
