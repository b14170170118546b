"""Statistics page and CSV/XLSX exports: role matrix, exact content, no personal data, query counts."""

import csv
import io
import re
import zipfile

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from congdanso.accounts.models import Role
from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.feedback.tests import stats_data
from congdanso.feedback.tests.stats_data import NOW

pytestmark = pytest.mark.django_db

STATS = "/can-bo/phan-anh/thong-ke/"
CSV_URL = "/can-bo/phan-anh/thong-ke/xuat.csv"
XLSX_URL = "/can-bo/phan-anh/thong-ke/xuat.xlsx"
RANGE = {"since": "2026-03-01", "until": "2026-03-15"}
HEADER = [
    "Mã phản ánh", "Ngày gửi", "Lĩnh vực", "Xã/phường", "Cơ quan xử lý", "Trạng thái", "Tiếp nhận lúc",
    "Giải quyết lúc", "Đóng lúc", "Hạn tiếp nhận", "Hạn giải quyết", "Quá hạn", "Cấp chuyển lên", "Đánh giá",
]  # fmt: skip
ROWS_A = [
    ["R1", "2026-03-03 08:00", "Chiếu sáng", "Xã An", "UBND xã An", "Đã giải quyết", "2026-03-03 09:00",
     "2026-03-04 08:00", "", "2026-03-03 16:00", "2026-03-13 17:00", "Không", "0", "5"],
    ["R2", "2026-03-05 08:00", "Chiếu sáng", "Xã An", "UBND xã An", "Đã đóng", "", "2026-03-07 20:00",
     "2026-03-15 08:00", "2026-03-05 16:00", "2026-03-06 17:00", "Có", "1", "2"],
    ["R3", "2026-03-10 08:00", "Rác thải", "Xã An", "UBND xã An", "Đang xử lý", "", "", "",
     "2026-03-10 16:00", "2026-03-12 17:00", "Có", "0", ""],
]  # fmt: skip


@pytest.fixture
def data():
    return stats_data.build()


@pytest.fixture
def client_for(client):
    def login(user):
        if user is not None:
            client.force_login(user)
        return client

    return login


def get(client, url, params=None):
    with time_machine.travel(NOW, tick=False):
        return client.get(url, params or {})


def csv_rows(response):
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_urls_resolve():
    assert (reverse("feedback_inbox:statistics"), reverse("feedback_inbox:export_csv")) == (STATS, CSV_URL)
    assert reverse("feedback_inbox:export_xlsx") == XLSX_URL


@pytest.mark.parametrize("url", [STATS, CSV_URL, XLSX_URL])
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = get(client, url, RANGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/") or "next=" in response["Location"]


@pytest.mark.parametrize("url", [STATS, CSV_URL, XLSX_URL])
def test_citizens_are_refused(client_for, url, data):
    assert get(client_for(CitizenFactory()), url, RANGE).status_code == 403


def test_a_wrong_unit_official_sees_nothing_of_other_units(client_for, data):
    client = client_for(OfficialFactory(roles=[Role.HANDLER]))
    page = get(client, STATS, RANGE)
    assert page.status_code == 200
    assert "UBND xã An" not in page.content.decode()
    assert csv_rows(get(client, CSV_URL, RANGE)) == [HEADER]


def test_the_statistics_page_of_a_right_unit_official(client_for, data, django_assert_num_queries):
    client = client_for(OfficialFactory(agency=data["a"], roles=[Role.HANDLER]))
    # session, user, role scope (grants + agency tree), grouped figures, overall; SQLite adds the medians.
    expected = 6 if connection.vendor == "postgresql" else 8
    with django_assert_num_queries(expected):
        response = get(client, STATS, {**RANGE, "group_by": "agency"})
    assert response.status_code == 200
    cells = [
        re.sub(r"\s+", " ", cell).strip()
        for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", response.content.decode(), re.S)
    ]
    assert cells[7:21] == [
        "UBND xã An", "3", "2", "1", "2", "42,0", "3,5",
        "Tổng cộng", "3", "2", "1", "2", "42,0", "3,5",
    ]  # fmt: skip
    assert f'href="{CSV_URL}?since=2026-03-01&amp;until=2026-03-15"' in response.content.decode()


def test_an_invalid_range_is_refused_with_a_clear_message(client_for, data):
    client = client_for(OfficialFactory(agency=data["a"], roles=[Role.HANDLER]))
    response = get(client, STATS, {"since": "2026-03-15", "until": "2026-03-01"})
    assert response.status_code == 400
    assert "“Đến ngày” phải sau hoặc bằng “Từ ngày”." in response.content.decode()
    response = get(client, CSV_URL, {"since": "ngày mai", "until": "2026-03-01"})
    assert response.status_code == 400
    assert "Từ ngày" in response.content.decode()


def test_csv_export_has_a_bom_exact_rows_and_no_personal_data(client_for, data, django_assert_num_queries):
    client = client_for(OfficialFactory(agency=data["a"], roles=[Role.HANDLER]))
    with django_assert_num_queries(5):  # session, user, role scope (2), the export query
        response = get(client, CSV_URL, RANGE)
        rows = csv_rows(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="phan-anh-2026-03-01-2026-03-15.csv"'
    assert rows == [HEADER, *ROWS_A]
    text = "\n".join(",".join(row) for row in rows)
    for secret in ("Nguyễn Thị Riêng Tư", "0987654321", "0911222333", "Bí mật"):
        assert secret not in text


def test_csv_export_status_filter(client_for, data):
    client = client_for(OfficialFactory(agency=data["province"], roles=[Role.SUPERVISOR]))
    assert [row[0] for row in csv_rows(get(client, CSV_URL, {**RANGE, "status": "open"}))[1:]] == ["R3", "R4"]
    assert [row[0] for row in csv_rows(get(client, CSV_URL, {**RANGE, "status": "closed"}))] == [
        "Mã phản ánh", "R1", "R2", "R5", "R7",
    ]  # fmt: skip
    assert [row[0] for row in csv_rows(get(client, CSV_URL, {**RANGE, "status": "rejected"}))[1:]] == ["R5"]


def test_xlsx_export(client_for, data):
    client = client_for(OfficialFactory(agency=data["a"], roles=[Role.HANDLER]))
    response = get(client, XLSX_URL, RANGE)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="phan-anh-2026-03-01-2026-03-15.xlsx"'
    workbook = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.read("xl/worksheets/sheet1.xml").decode()
    strings = re.findall(r"<t[^>]*>([^<]*)</t>", sheet) or re.findall(
        r"<t[^>]*>([^<]*)</t>", workbook.read("xl/sharedStrings.xml").decode()
    )
    for expected in ("Mã phản ánh", "R1", "R2", "R3", "Chiếu sáng", "UBND xã An", "Đã đóng", "Có"):
        assert expected in strings
    assert "Bí mật R1" not in sheet and "0987654321" not in sheet
    assert sheet.count("<row ") == 4  # header + three reports
