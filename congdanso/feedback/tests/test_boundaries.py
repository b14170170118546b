"""Commune boundaries: import (service and command), point-in-polygon, nearest commune, submit with a pin."""

import io
import json

import pytest
from django.core.management import call_command

from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.audit.models import AuditEvent
from congdanso.core.errors import PermissionDenied, ValidationFailed
from congdanso.feedback.services.submission import feedback_submit
from congdanso.feedback.tests import submission_support as support
from congdanso.places.boundary_import import PACKAGED_BOUNDARIES, boundaries_import
from congdanso.places.boundary_lookup import commune_boundaries_cache_clear
from congdanso.places.models import CommuneBoundary
from congdanso.places.selectors import commune_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index():
    commune_boundaries_cache_clear()
    yield
    commune_boundaries_cache_clear()


@pytest.fixture
def imported():
    communes, committees = support.langson_communes()
    result = boundaries_import(actor=None, geojson_path_or_file=PACKAGED_BOUNDARIES)
    return communes, committees, result


def test_import_matches_known_communes_and_skips_the_rest(imported):
    communes, _committees, result = imported
    assert result["imported"] == 4
    assert len(result["skipped"]) == 61
    assert 5977 not in result["skipped"]
    boundary = CommuneBoundary.objects.get(unit=communes[5977])
    assert (boundary.min_longitude, boundary.min_latitude, boundary.max_longitude, boundary.max_latitude) == (
        106.726502,
        21.756546,
        106.808329,
        21.863183,
    )
    assert json.loads(boundary.geometry)["type"] == "MultiPolygon"
    assert AuditEvent.objects.filter(action="places.boundaries_imported").count() == 1


@pytest.mark.parametrize(
    ("point", "code"),
    [
        (support.DONG_KINH, 5977),
        (support.KY_LUA, 6187),
        ((21.8537, 106.7615), 5977),
        ((21.819975, 106.095314 - 0.005), 6337),  # about 500 m west of the province: nearest commune
    ],
)
def test_commune_at(imported, point, code):
    assert commune_at(*point).code == code


@pytest.mark.parametrize("point", [support.HA_NOI, (21.819975, 106.095314 - 0.05)])
def test_points_outside_the_province_have_no_commune(imported, point):
    assert commune_at(*point) is None


def test_commune_at_without_boundaries_is_none():
    support.langson_communes()
    assert commune_at(*support.DONG_KINH) is None


def test_reimport_replaces_and_refreshes_the_index(imported):
    communes, _committees, _result = imported
    assert commune_at(*support.DONG_KINH).code == 5977
    # Move Đông Kinh's outline onto Kỳ Lừa's area: the index must follow the new data.
    feature = {
        "type": "Feature",
        "properties": {"code": "06187"},
        "geometry": {
            "type": "Polygon",
            "coordinates": [
                [[106.77, 21.80], [106.78, 21.80], [106.78, 21.82], [106.77, 21.82], [106.77, 21.80]]
            ],
        },
    }
    data = io.BytesIO(json.dumps({"type": "FeatureCollection", "features": [feature]}).encode())
    assert boundaries_import(actor=None, geojson_path_or_file=data) == {"imported": 1, "skipped": []}
    assert CommuneBoundary.objects.count() == 4
    assert commune_at(*support.DONG_KINH).code == 5977  # overlap: the lowest code wins
    CommuneBoundary.objects.filter(unit=communes[5977]).delete()
    assert commune_at(*support.DONG_KINH).code == 6187


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"khong phai json", "boundaries_invalid"),
        (b'{"type": "Feature"}', "boundaries_invalid"),
        (
            b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}}]}',
            "boundaries_missing_code",
        ),
        (
            b'{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "05977",'
            b' "geometry": {"type": "Point", "coordinates": [106.7, 21.8]}}]}',
            "boundaries_invalid_geometry",
        ),
        (
            b'{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "99999999",'
            b' "geometry": {"type": "Polygon", "coordinates": [[[1,1],[2,1],[2,2],[1,1]]]}}]}',
            "boundaries_no_match",
        ),
    ],
)
def test_bad_files_are_refused_and_change_nothing(content, code):
    support.langson_communes()
    with pytest.raises(ValidationFailed) as caught:
        boundaries_import(actor=None, geojson_path_or_file=io.BytesIO(content))
    assert caught.value.code == code
    assert CommuneBoundary.objects.count() == 0
    assert AuditEvent.objects.filter(action="places.boundaries_imported").count() == 0


def test_only_province_wide_administrators_may_import():
    _communes, committees = support.langson_communes()
    official = OfficialFactory(agency=committees[5977], roles=["administrator"])
    with pytest.raises(PermissionDenied):
        boundaries_import(actor=official, geojson_path_or_file=PACKAGED_BOUNDARIES)
    assert CommuneBoundary.objects.count() == 0
    superuser = OfficialFactory(is_superuser=True)
    assert boundaries_import(actor=superuser, geojson_path_or_file=PACKAGED_BOUNDARIES)["imported"] == 4


def test_command_imports_the_packaged_file():
    support.langson_communes()
    out = io.StringIO()
    call_command("import_boundaries", stdout=out)
    assert out.getvalue().splitlines()[0] == "Đã nạp ranh giới của 4 xã/phường."
    assert CommuneBoundary.objects.count() == 4


def _submit(**location):
    return feedback_submit(
        reporter=CitizenFactory(),
        category_code="chieu-sang",
        title="Đèn đường hỏng",
        description="Đèn không sáng.",
        **location,
    )


def test_pin_decides_the_commune_over_the_chosen_one(imported):
    _communes, committees, _result = imported
    report = _submit(latitude=support.DONG_KINH[0], longitude=support.DONG_KINH[1], commune_code=6187)
    assert (report.commune.code, report.agency) == (5977, committees[5977])


def test_pin_in_ha_noi_is_refused(imported):
    before = support.counts()
    with pytest.raises(ValidationFailed) as caught:
        _submit(latitude=support.HA_NOI[0], longitude=support.HA_NOI[1])
    assert caught.value.code == "out_of_province"
    assert support.counts() == before
