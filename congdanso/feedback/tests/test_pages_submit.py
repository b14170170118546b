"""The report form (/phan-anh/gui/): without JavaScript, success and error paths, idempotency, roles."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.feedback.models import Report, ReportPhoto, ReportStatus
from congdanso.feedback.tests.factories import CategoryFactory, ReportFactory
from congdanso.places.tests.factories import CommuneFactory, ProvinceFactory
from congdanso.uploads.tests.samples import image_bytes

pytestmark = pytest.mark.django_db
SUBMIT_URL = "/phan-anh/gui/"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def citizen(client):
    user = CitizenFactory(full_name="Lý Văn Bình")
    client.force_login(user)
    return user


@pytest.fixture
def category():
    return CategoryFactory(code="moi-truong", name="Môi trường, rác thải")


@pytest.fixture
def commune():
    return CommuneFactory(code=6100, name="Phường Đông Kinh")


def _form_data(category, unit, **overrides) -> dict:
    data = {
        "category": category.code,
        "title": "Rác tồn đọng ở ngõ 12",
        "description": "Rác không được thu gom ba ngày nay, bốc mùi.",
        "commune": str(unit.code),
        "address": "Ngõ 12 Trần Đăng Ninh",
        "is_public": "on",
        "idempotency_key": "a" * 32,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _png(name="anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes("PNG", size=(8, 6)), content_type="image/png")


def test_url_name_matches_the_contract():
    assert reverse("feedback:submit") == SUBMIT_URL


def test_anonymous_visitor_is_sent_to_login_with_next(client):
    response = client.get(SUBMIT_URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={SUBMIT_URL}"


def test_official_cannot_use_the_citizen_form(client, category, commune):
    client.force_login(OfficialFactory())

    assert client.get(SUBMIT_URL).status_code == 403
    assert client.post(SUBMIT_URL, _form_data(category, commune)).status_code == 403
    assert Report.objects.count() == 0


def test_form_offers_the_province_communes_and_a_fresh_idempotency_key(client, citizen, category, commune):
    CommuneFactory(code=7000, name="Xã Ngoài Tỉnh", parent=ProvinceFactory(code=1, name="Hà Nội"))

    first = client.get(SUBMIT_URL).content.decode()
    second = client.get(SUBMIT_URL).content.decode()

    assert '<option value="6100">Phường Đông Kinh</option>' in first
    assert "Xã Ngoài Tỉnh" not in first
    assert '<option value="moi-truong">Môi trường, rác thải</option>' in first
    keys = [
        re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', page).group(1) for page in (first, second)
    ]
    assert keys[0] != keys[1]


def test_submit_without_javascript_creates_the_report_and_shows_the_receipt(
    client, citizen, category, commune
):
    response = client.post(SUBMIT_URL, {**_form_data(category, commune), "photos": [_png(), _png("b.png")]})

    report = Report.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("feedback:receipt", args=[report.code])
    assert (report.reporter, report.category, report.commune, report.title) == (
        citizen,
        category,
        commune,
        "Rác tồn đọng ở ngõ 12",
    )
    assert (report.is_public, report.is_anonymous, report.status) == (True, False, ReportStatus.NEW)
    assert ReportPhoto.objects.filter(report=report).count() == 2
    receipt = client.get(response.url).content.decode()
    assert re.fullmatch(r"PAKN\.\d{8}\.\d{4}", report.code)
    assert f'<p class="receipt-code" data-receipt-code>{report.code}</p>' in receipt


def test_a_repeated_submit_with_the_same_key_returns_the_same_report(client, citizen, category, commune):
    first = client.post(SUBMIT_URL, _form_data(category, commune))
    second = client.post(SUBMIT_URL, _form_data(category, commune))

    assert Report.objects.count() == 1
    assert first.url == second.url


def test_private_and_anonymous_choices_are_kept(client, citizen, category, commune):
    client.post(SUBMIT_URL, _form_data(category, commune, is_public=None, is_anonymous="on"))

    report = Report.objects.get()
    assert (report.is_public, report.is_anonymous) == (False, True)


def test_missing_fields_get_vietnamese_errors_next_to_them_and_the_text_stays(
    client, citizen, category, commune
):
    response = client.post(SUBMIT_URL, _form_data(category, commune, title="", commune=""))

    body = response.content.decode()
    assert response.status_code == 200
    assert Report.objects.count() == 0
    assert response.context["form"].errors == {
        "title": ["Trường này là bắt buộc."],
        "commune": ["Hãy chọn vị trí trên bản đồ hoặc chọn xã/phường."],
    }
    assert 'id="id_title_error" role="alert"' in body
    assert "Rác không được thu gom ba ngày nay, bốc mùi.</textarea>" in body
    assert 'value="' + "a" * 32 + '"' in body


def test_more_than_five_photos_are_refused(client, citizen, category, commune):
    photos = [_png(f"{number}.png") for number in range(6)]

    response = client.post(SUBMIT_URL, {**_form_data(category, commune), "photos": photos})

    assert response.context["form"].errors == {"photos": ["Chỉ được gửi tối đa 5 ảnh."]}
    assert Report.objects.count() == 0


def test_a_file_that_is_not_an_image_is_refused(client, citizen, category, commune):
    fake = SimpleUploadedFile("anh.png", b"%PDF-1.4 not an image", content_type="image/png")

    response = client.post(SUBMIT_URL, {**_form_data(category, commune), "photos": [fake]})

    assert list(response.context["form"].errors) == ["photos"]
    assert Report.objects.count() == 0


def test_html_in_the_text_is_refused_by_the_service_and_shown_on_the_form(client, citizen, category, commune):
    response = client.post(SUBMIT_URL, _form_data(category, commune, title="<script>alert(1)</script>"))

    assert response.status_code == 200
    assert Report.objects.count() == 0
    assert response.context["form"].errors == {"title": ["Nội dung không được chứa mã HTML."]}
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in body


def test_check_similar_step_lists_open_reports_in_the_commune_without_saving(
    client, citizen, category, commune
):
    ReportFactory(title="Rác ở ngõ 12 chưa thu", category=category, commune=commune)
    ReportFactory(title="Đã xong", category=category, commune=commune, status=ReportStatus.RESOLVED)
    ReportFactory(title="Riêng tư", category=category, commune=commune, is_public=False)

    response = client.post(SUBMIT_URL, {**_form_data(category, commune), "check_similar": "1"})

    body = response.content.decode()
    assert Report.objects.count() == 3
    assert [report.title for report in response.context["similar"]] == ["Rác ở ngõ 12 chưa thu"]
    assert "Theo dõi phản ánh này" in body
    assert 'value="Rác tồn đọng ở ngõ 12"' in body
    assert response.context["form"].errors == {}


def test_receipt_of_another_citizens_report_is_404(client, citizen):
    report = ReportFactory(reporter=CitizenFactory())

    assert client.get(reverse("feedback:receipt", args=[report.code])).status_code == 404
