"""Public working-day API: holidays, add, between, and 422 in the error shape."""

import pytest

from congdanso.workdays.tests.factories import CalendarOverrideFactory

pytestmark = pytest.mark.django_db
BASE = "/api/v1/workdays"


def test_holidays_of_2026(client):
    response = client.get(f"{BASE}/holidays", {"year": 2026})
    assert response.status_code == 200
    body = response.json()
    assert [row["date"] for row in body] == [
        "2026-01-01",
        "2026-02-16",
        "2026-02-17",
        "2026-02-18",
        "2026-02-19",
        "2026-02-20",
        "2026-04-26",
        "2026-04-27",
        "2026-04-30",
        "2026-05-01",
        "2026-08-31",
        "2026-09-01",
        "2026-09-02",
        "2026-11-24",
    ]
    assert body[0] == {"date": "2026-01-01", "name": "Tết Dương lịch", "source": "national"}
    assert body[-1] == {"date": "2026-11-24", "name": "Ngày Văn hóa Việt Nam", "source": "national"}


def test_holidays_include_province_days_off(client):
    CalendarOverrideFactory(date="2026-10-10", reason="Ngày giải phóng Lạng Sơn")
    body = client.get(f"{BASE}/holidays", {"year": 2026}).json()
    assert {"date": "2026-10-10", "name": "Ngày giải phóng Lạng Sơn", "source": "province"} in body
    assert len(body) == 15


def test_add_reference_example(client):
    response = client.get(f"{BASE}/add", {"start": "2026-04-22", "days": 15})
    assert response.status_code == 200
    assert response.json() == {"due_date": "2026-05-18"}


def test_between(client):
    response = client.get(f"{BASE}/between", {"start": "2026-04-22", "end": "2026-05-18"})
    assert response.json() == {"working_days": 15}
    response = client.get(f"{BASE}/between", {"start": "2026-05-18", "end": "2026-04-22"})
    assert response.json() == {"working_days": -15}


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("add", {"start": "22/04/2026", "days": 15}, "start"),
        ("add", {"start": "2026-02-30", "days": 15}, "start"),
        ("add", {"start": "1800-01-01", "days": 15}, "start"),
        ("add", {"start": "2026-04-22", "days": -1}, "days"),
        ("between", {"start": "2026-04-22", "end": "ngày mai"}, "end"),
    ],
)
def test_bad_input_is_422_in_error_shape(client, path, params, field):
    response = client.get(f"{BASE}/{path}", params)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["details"][0]["field"] == field
    assert body["message"] in {
        "Ngày không hợp lệ: dùng định dạng YYYY-MM-DD trong khoảng năm 2000–2100.",
        "Số ngày làm việc phải từ 0 đến 1000.",
    }


def test_missing_parameter_is_422_in_error_shape(client):
    response = client.get(f"{BASE}/add", {"start": "2026-04-22"})
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert response.json()["message"] == "Dữ liệu gửi lên không hợp lệ."


def test_bad_year_is_422(client):
    response = client.get(f"{BASE}/holidays", {"year": 3000})
    assert response.status_code == 422
    assert response.json() == {
        "code": "validation_error",
        "message": "Năm phải nằm trong khoảng 2000–2100.",
        "details": [{"field": "year", "value": 3000}],
    }
