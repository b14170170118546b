"""Resolving pre-July-2025 units to the current ones (selectors and API)."""

import pytest

from congdanso.core.errors import ValidationFailed
from congdanso.places.models import LegacyUnit, LegacyUnitLevel, LegacyUnitType
from congdanso.places.selectors import codename_from_name, legacy_unit_matches, legacy_unit_resolve

pytestmark = pytest.mark.django_db

URL = "/api/v1/units/legacy/resolve"


def codes(units):
    return [unit.code for unit in units]


@pytest.mark.parametrize(
    "name", ["Phường Vĩnh Trại", "Vĩnh Trại", "vinh trai", "  PHƯỜNG  VĨNH   TRẠI ", "phuong_vinh_trai"]
)
def test_old_ward_vinh_trai_resolves_to_dong_kinh(name):
    assert codes(legacy_unit_resolve(name=name)) == [5977]


def test_resolve_by_code_and_level():
    assert codes(legacy_unit_resolve(code=5974, level=LegacyUnitLevel.COMMUNE)) == [5986]  # Tam Thanh


def test_a_split_commune_maps_to_every_new_commune():
    # Xã Bính Xá (old Đình Lập district) was divided between Xã Đình Lập and Xã Kiên Mộc.
    assert codes(legacy_unit_resolve(code=6622, level=LegacyUnitLevel.COMMUNE)) == [6613, 6625]


def test_province_code_narrows_a_common_name():
    # There is another Xã Bính Xá elsewhere; in old Lạng Sơn (20) only the Đình Lập one is left.
    assert len(legacy_unit_matches(name="Bính Xá")) == 2
    assert codes(legacy_unit_resolve(name="Bính Xá", province_code=20)) == [6613, 6625]


def test_old_district_and_province():
    assert codes(legacy_unit_resolve(code=178, level=LegacyUnitLevel.DISTRICT)) == [5977, 5983, 5986, 6187]
    assert codes(legacy_unit_resolve(code=20, level=LegacyUnitLevel.PROVINCE)) == [20]


def test_legacy_rows_keep_type_and_hierarchy():
    vinh_trai = LegacyUnit.objects.select_related("parent__parent").get(
        level=LegacyUnitLevel.COMMUNE, code=5977
    )
    assert (vinh_trai.name, vinh_trai.unit_type) == ("Phường Vĩnh Trại", LegacyUnitType.WARD)
    assert (vinh_trai.parent.code, vinh_trai.parent.name, vinh_trai.parent.unit_type) == (
        178,
        "Thành phố Lạng Sơn",
        LegacyUnitType.CITY,
    )
    assert (vinh_trai.parent.parent.code, vinh_trai.parent.parent.name) == (20, "Tỉnh Lạng Sơn")


def test_ambiguous_name_returns_every_match():
    matches = legacy_unit_matches(name="Phường Hoàng Văn Thụ")
    assert [unit.code for unit in matches] == [322, 5440, 5971, 7210, 11320]


def test_nothing_to_search_is_a_validation_error():
    with pytest.raises(ValidationFailed):
        legacy_unit_resolve()
    with pytest.raises(ValidationFailed):
        legacy_unit_resolve(name="Vĩnh Trại", level="ward")


def test_codename_from_name():
    assert codename_from_name("Xã Đồng Đăng") == "xa_dong_dang"
    assert codename_from_name("Phường 1") == "phuong_1"


def test_api_resolve_by_name(client, django_assert_num_queries):
    with django_assert_num_queries(2):
        response = client.get(URL, {"name": "Vĩnh Trại"})
    assert response.status_code == 200
    assert response.json() == {
        "units": [
            {
                "code": 5977,
                "name": "Phường Đông Kinh",
                "short_name": "Đông Kinh",
                "type": "phuong",
                "level": "commune",
            }
        ],
        "matches": [
            {
                "code": 5977,
                "name": "Phường Vĩnh Trại",
                "level": "commune",
                "type": "phuong",
                "parent_name": "Thành phố Lạng Sơn, Tỉnh Lạng Sơn",
                "successors": [
                    {
                        "code": 5977,
                        "name": "Phường Đông Kinh",
                        "short_name": "Đông Kinh",
                        "type": "phuong",
                        "level": "commune",
                    }
                ],
            }
        ],
    }


def test_api_resolve_by_code_and_level(client):
    response = client.get(URL, {"code": 178, "level": "district"})
    assert response.status_code == 200
    assert [unit["code"] for unit in response.json()["units"]] == [5977, 5983, 5986, 6187]
    assert [match["parent_name"] for match in response.json()["matches"]] == ["Tỉnh Lạng Sơn"]


def test_api_resolve_with_province_code(client):
    response = client.get(URL, {"name": "Phường Hoàng Văn Thụ", "province_code": 20})
    assert response.status_code == 200
    assert [match["code"] for match in response.json()["matches"]] == [5971]
    assert [unit["code"] for unit in response.json()["units"]] == [6187]  # Kỳ Lừa


def test_api_resolve_unknown_is_404(client):
    response = client.get(URL, {"name": "Không Có Nơi Này"})
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "Không tìm thấy đơn vị hành chính cũ phù hợp.",
        "details": None,
    }


def test_api_resolve_without_criteria_is_422(client):
    response = client.get(URL)
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert response.json()["message"] == "Cần nhập tên hoặc mã đơn vị cũ."


def test_api_resolve_bad_level_is_422(client):
    response = client.get(URL, {"name": "Vĩnh Trại", "level": "ward"})
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert response.json()["details"][0]["field"] == "query.level"
