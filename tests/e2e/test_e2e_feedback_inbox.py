"""Browser tests of the officials' feedback inbox and statistics pages: sign in, accept, axe checks."""

import pytest

from congdanso.accounts.models import Role
from congdanso.accounts.tests.factories import OfficialFactory
from congdanso.feedback.models import Report, ReportStatus
from congdanso.feedback.tests.factories import CategoryFactory, ReportFactory
from congdanso.places.tests.factories import AgencyFactory, CommuneFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-an-toan-1"


@pytest.fixture
def inbox_setup():
    """An official of UBND xã Đồng Đăng, a report of that agency and one of another agency."""
    category = CategoryFactory(code="giao-thong", name="Giao thông")
    commune = CommuneFactory(code=6100, name="Phường Đông Kinh")
    agency = AgencyFactory(name="UBND xã Đồng Đăng", unit=commune)
    other_agency = AgencyFactory(name="UBND xã Cao Lộc")
    official = OfficialFactory(agency=agency, roles=[Role.RECEIVER, Role.HANDLER])
    ours = ReportFactory(
        title="Ổ gà đường Bà Triệu",
        category=category,
        commune=commune,
        agency=agency,
        public_answer="Đã vá mặt đường.",
    )
    theirs = ReportFactory(title="Cột điện nghiêng ở Cao Lộc", category=category, agency=other_agency)
    return official, ours, theirs


def test_official_signs_in_and_accepts_a_report_of_their_agency(page, live_server, inbox_setup):
    official, ours, theirs = inbox_setup

    page.goto(live_server.url + "/can-bo/phan-anh/")
    page.wait_for_url("**/tai-khoan/dang-nhap/**")
    form = page.locator("main form")
    form.locator('[name="username"]').fill(official.username)
    form.locator('[name="password"]').fill(PASSWORD)
    form.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + "/can-bo/phan-anh/")

    assert page.locator("h1").inner_text() == "Phản ánh cần xử lý"
    assert page.locator(".inbox-item-title").all_inner_texts() == ["Ổ gà đường Bà Triệu"]
    assert page.get_by_role("link", name="Cột điện nghiêng ở Cao Lộc").count() == 0

    page.get_by_role("link", name="Ổ gà đường Bà Triệu").click()
    page.wait_for_url(f"**/can-bo/phan-anh/{ours.code}/")
    assert page.locator("main .inbox-status").inner_text() == "Mới tiếp nhận"
    page.locator("#action-accept").get_by_role("button", name="Tiếp nhận xử lý").click()

    page.get_by_text(f"Đã tiếp nhận phản ánh {ours.code}.").wait_for()
    assert page.url == f"{live_server.url}/can-bo/phan-anh/{ours.code}/"
    assert page.locator("main .inbox-status").inner_text() == "Đang xử lý"
    assert page.locator("#action-accept").count() == 0
    assert Report.objects.get(pk=ours.pk).status == ReportStatus.ACCEPTED
    assert Report.objects.get(pk=theirs.pk).status == ReportStatus.NEW


@pytest.mark.parametrize("width", [360, 1280])
def test_inbox_and_statistics_pages_have_no_serious_accessibility_violations(
    axe_page, live_server, run_axe, sign_in, inbox_setup, width
):
    official, ours, _theirs = inbox_setup
    sign_in(axe_page.context, official)
    axe_page.set_viewport_size({"width": width, "height": 800})

    for path, heading in (
        ("/can-bo/phan-anh/", "Phản ánh cần xử lý"),
        (f"/can-bo/phan-anh/{ours.code}/", "Ổ gà đường Bà Triệu"),
        ("/can-bo/phan-anh/thong-ke/", "Thống kê phản ánh"),
    ):
        axe_page.goto(live_server.url + path)
        assert axe_page.locator("main h1").inner_text() == heading
        assert (path, run_axe(axe_page)) == (path, [])
