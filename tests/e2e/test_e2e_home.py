import pytest

from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE_VIEWPORT = {"width": 360, "height": 740}


def test_home_on_a_small_phone(page, live_server):
    page.set_viewport_size(PHONE_VIEWPORT)

    page.goto(live_server.url + "/")

    tiles = page.locator("ul.tiles > li")
    assert tiles.count() >= 1
    for index in range(tiles.count()):
        assert tiles.nth(index).is_visible()
    login_tile = page.locator("li.tile-login a")
    assert login_tile.is_visible()
    box = login_tile.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") == 360


def test_first_tab_reaches_the_skip_link(page, live_server):
    page.set_viewport_size(PHONE_VIEWPORT)
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")

    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    skip_link = page.locator("a.skip-link")
    assert skip_link.is_visible()
    assert skip_link.bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_language_switch_without_javascript(new_context, live_server):
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"

    page.get_by_role("button", name="English").click()

    assert page.url == live_server.url + "/"
    assert page.locator("html").get_attribute("lang") == "en"
    cookies = {cookie["name"]: cookie["value"] for cookie in context.cookies()}
    assert cookies["django_language"] == "en"


def test_citizen_home_greets_by_name(page, live_server, sign_in):
    citizen = CitizenFactory(full_name="Lương Văn Tùng")
    sign_in(page.context, citizen)

    page.goto(live_server.url + "/")

    assert page.locator("h1").inner_text() == "Xin chào, Lương Văn Tùng!"
    assert page.get_by_role("button", name="Đăng xuất").is_visible()


def test_official_reaches_the_workspace_from_the_header(page, live_server, sign_in):
    official = OfficialFactory(agency__name="UBND xã Hữu Lũng")
    sign_in(page.context, official)
    page.goto(live_server.url + "/")

    page.get_by_role("link", name="Không gian cán bộ").click()

    assert page.url == live_server.url + "/can-bo/"
    assert page.locator("h1").inner_text() == "Không gian cán bộ"
    assert page.get_by_text("UBND xã Hữu Lũng", exact=True).is_visible()
