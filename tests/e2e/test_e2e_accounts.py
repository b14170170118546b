"""Registration with an SMS code, login and logout, through the accounts pages."""

import re

import pytest

from congdanso.accounts.tests.factories import CitizenFactory
from congdanso.notifications import sms_backends

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-an-toan-1"


def test_register_with_sms_code_and_land_signed_in(page, live_server):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/tai-khoan/dang-ky/")
    form = page.locator("main form")

    form.locator('[name="phone"]').fill("0912345678")
    form.locator('[name="password1"]').fill("Ngay-mai-troi-nang-2026")
    form.locator('[name="password2"]').fill("Ngay-mai-troi-nang-2026")
    form.get_by_role("button", name="Đăng ký").click()

    page.wait_for_url(re.compile(r"/tai-khoan/xac-thuc/"))
    assert len(sms_backends.outbox) == 1
    assert sms_backends.outbox[0]["phone"] == "0912345678"
    code = re.search(r"\b(\d{6})\b", sms_backends.outbox[0]["text"]).group(1)
    page.locator('main form [name="code"]').fill(code)
    page.locator("main form").get_by_role("button", name="Xác nhận").click()

    page.wait_for_load_state()
    assert "/tai-khoan/xac-thuc/" not in page.url
    assert page.locator("header").get_by_role("button", name="Đăng xuất").is_visible()


def test_login_and_logout(page, live_server):
    citizen = CitizenFactory(full_name="Vi Thị Hoa")
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    form = page.locator("main form")

    form.locator('[name="username"]').fill(citizen.phone)
    form.locator('[name="password"]').fill(PASSWORD)
    form.get_by_role("button", name="Đăng nhập").click()

    header = page.locator("header")
    header.get_by_role("button", name="Đăng xuất").wait_for()
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Xin chào, Vi Thị Hoa!"

    header.get_by_role("button", name="Đăng xuất").click()

    header.get_by_role("link", name="Đăng nhập").wait_for()
    page.goto(live_server.url + "/")
    assert header.get_by_role("button", name="Đăng xuất").count() == 0
    assert page.locator("h1").inner_text() == "Công dân số – Lạng Sơn"
