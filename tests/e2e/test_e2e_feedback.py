"""Browser tests of the feedback pages: the report form with and without JavaScript, and axe checks."""

import re

import pytest

from congdanso.accounts.tests.factories import CitizenFactory
from congdanso.feedback.models import Report
from congdanso.feedback.tests.factories import CategoryFactory, ReportFactory
from congdanso.places.tests.factories import CommuneFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def feedback_setup():
    category = CategoryFactory(code="giao-thong", name="Giao thông")
    commune = CommuneFactory(code=6100, name="Phường Đông Kinh")
    return category, commune


def _fill(page, *, title: str):
    page.get_by_label("Lĩnh vực").select_option("giao-thong")
    page.get_by_label("Tiêu đề").fill(title)
    page.get_by_label("Nội dung phản ánh").fill("Ổ gà sâu giữa đường, xe máy dễ ngã.")
    page.get_by_label("Xã/phường").select_option("6100")


def test_submit_a_report_without_javascript(new_context, live_server, sign_in, feedback_setup):
    context = new_context(java_script_enabled=False)
    sign_in(context, CitizenFactory())
    page = context.new_page()
    page.goto(live_server.url + "/phan-anh/gui/")

    assert page.locator("#report-map").is_hidden()
    _fill(page, title="Ổ gà đường Bà Triệu")
    page.get_by_role("button", name="Gửi phản ánh").click()
    page.wait_for_url("**/phan-anh/gui/da-nhan/**")

    report = Report.objects.get()
    assert report.title == "Ổ gà đường Bà Triệu"
    assert (report.latitude, report.longitude) == (None, None)
    assert page.locator("[data-receipt-code]").inner_text() == report.code


def test_submit_with_javascript_map_pin_and_draft_restored_after_reload(
    page, live_server, sign_in, feedback_setup
):
    sign_in(page.context, CitizenFactory())
    page.goto(live_server.url + "/phan-anh/gui/")
    page.wait_for_selector("#report-map.leaflet-container")
    first_key = page.locator('[name="idempotency_key"]').input_value()

    _fill(page, title="Đèn tín hiệu hỏng")
    page.reload()

    assert page.get_by_label("Tiêu đề").input_value() == "Đèn tín hiệu hỏng"
    assert page.get_by_label("Nội dung phản ánh").input_value() == "Ổ gà sâu giữa đường, xe máy dễ ngã."
    assert page.locator('[name="idempotency_key"]').input_value() == first_key
    assert page.locator("[data-draft-restored]").inner_text() == "Đã khôi phục bản nháp chưa gửi của bạn."

    page.get_by_role("button", name="Đặt ghim ở giữa bản đồ").click()
    assert re.fullmatch(r"21\.\d+", page.locator('[name="latitude"]').input_value())
    page.get_by_role("button", name="Gửi phản ánh").click()
    page.wait_for_url("**/phan-anh/gui/da-nhan/**")

    report = Report.objects.get()
    assert report.title == "Đèn tín hiệu hỏng"
    assert round(report.latitude, 2) == 21.85
    page.goto(live_server.url + "/phan-anh/gui/")
    assert page.get_by_label("Tiêu đề").input_value() == ""


@pytest.mark.parametrize("width", [360, 1280])
def test_feedback_pages_have_no_serious_accessibility_violations(
    axe_page, live_server, run_axe, sign_in, feedback_setup, width
):
    report = ReportFactory(title="Rác thải ven suối", public_answer="Đã thu gom.")
    sign_in(axe_page.context, CitizenFactory())
    axe_page.set_viewport_size({"width": width, "height": 800})

    for path in ("/phan-anh/gui/", "/phan-anh/", f"/phan-anh/{report.code}/"):
        axe_page.goto(live_server.url + path)
        assert (path, run_axe(axe_page)) == (path, [])


def test_public_map_draws_the_public_reports_of_the_viewport(page, live_server):
    ReportFactory(title="Cột điện nghiêng", latitude=21.8537, longitude=106.7615)
    ReportFactory(title="Riêng tư", latitude=21.8540, longitude=106.7620, is_public=False)

    page.goto(live_server.url + "/phan-anh/")

    page.wait_for_selector("#public-map .leaflet-interactive")
    assert page.locator("[data-map-status]").inner_text() == "Bản đồ đang hiển thị 1 phản ánh."


def test_similar_report_near_the_pin_can_be_followed_instead(page, live_server, sign_in, feedback_setup):
    category, _commune = feedback_setup
    nearby = ReportFactory(
        title="Ổ gà đã có người báo", category=category, latitude=21.8537, longitude=106.7615
    )
    follower = CitizenFactory()
    sign_in(page.context, follower)
    page.goto(live_server.url + "/phan-anh/gui/")
    page.wait_for_selector("#report-map.leaflet-container")

    page.get_by_label("Lĩnh vực").select_option("giao-thong")
    page.get_by_role("button", name="Đặt ghim ở giữa bản đồ").click()
    page.get_by_role("link", name="Ổ gà đã có người báo").wait_for()
    page.get_by_role("button", name="Theo dõi phản ánh này").click()
    page.wait_for_url(f"**/phan-anh/{nearby.code}/")

    assert list(nearby.followers.values_list("user_id", flat=True)) == [follower.pk]
    assert Report.objects.count() == 1
