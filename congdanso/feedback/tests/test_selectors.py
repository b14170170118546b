"""Reads: nearby open reports, the public list, the clustered map, own reports, full view access."""

import datetime as dt

import pytest

from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.core.errors import NotFound, ValidationFailed
from congdanso.feedback import selectors
from congdanso.feedback.deadlines import LOCAL
from congdanso.feedback.models import Report, ReportStatus
from congdanso.feedback.tests import submission_support as support
from congdanso.feedback.tests.factories import ReportFactory
from congdanso.places.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db
BASE = (21.8537, 106.7615)


def at(metres_north: float, **extra):
    return ReportFactory(latitude=BASE[0] + metres_north / 111_320, longitude=BASE[1], **extra)


def test_reports_nearby_open_public_same_category_nearest_first():
    traffic = support.category("giao-thong")
    far = at(240, category=traffic, code="PAKN.20261123.0001")
    near = at(50, category=traffic, code="PAKN.20261123.0002")
    at(260, category=traffic)  # outside the radius
    at(10, category=support.category("chieu-sang"))  # other category
    at(10, category=traffic, status=ReportStatus.RESOLVED)
    at(10, category=traffic, is_public=False)
    at(10, category=traffic, is_hidden=True)
    found = selectors.reports_nearby(category=traffic, latitude=BASE[0], longitude=BASE[1])
    assert [(report.code, report.distance_m) for report in found] == [(near.code, 50), (far.code, 240)]
    assert [
        r.code
        for r in selectors.reports_nearby(
            category="giao-thong", latitude=BASE[0], longitude=BASE[1], radius_m=100
        )
    ] == [near.code]


def test_public_list_filters_and_privacy():
    communes, _committees = support.langson_communes()
    traffic = support.category("giao-thong")
    visible = ReportFactory(category=traffic, commune=communes[5977], code="PAKN.20261120.0001")
    resolved = ReportFactory(
        category=traffic, commune=communes[6187], status=ReportStatus.RESOLVED, code="PAKN.20261121.0001"
    )
    ReportFactory(category=traffic, is_public=False)
    ReportFactory(category=traffic, is_hidden=True)
    Report.objects.filter(pk=visible.pk).update(created_at=dt.datetime(2026, 11, 20, 8, 0, tzinfo=LOCAL))
    Report.objects.filter(pk=resolved.pk).update(created_at=dt.datetime(2026, 11, 21, 23, 30, tzinfo=LOCAL))

    def codes(**filters):
        return [report.code for report in selectors.public_report_list(**filters)]

    assert codes() == [resolved.code, visible.code]
    assert codes(status="open") == [visible.code]
    assert codes(status="closed") == [resolved.code]
    assert codes(status=ReportStatus.RESOLVED) == [resolved.code]
    assert codes(commune_code=5977) == [visible.code]
    assert codes(category="chieu-sang") == []
    assert codes(since=dt.date(2026, 11, 21)) == [resolved.code]
    assert codes(until=dt.date(2026, 11, 20)) == [visible.code]
    with pytest.raises(ValidationFailed):
        codes(status="khong-co")


def test_report_get_public_hides_private_and_hidden():
    public = ReportFactory()
    private = ReportFactory(is_public=False)
    hidden = ReportFactory(is_hidden=True)
    assert selectors.report_get_public(public.code) == public
    for report in (private, hidden):
        with pytest.raises(NotFound):
            selectors.report_get_public(report.code)


def test_report_get_for_owner_and_official_in_scope_only():
    owner = CitizenFactory()
    report = ReportFactory(reporter=owner, is_public=False)
    right = OfficialFactory(agency=report.agency)
    wrong = OfficialFactory(agency=AgencyFactory())
    assert selectors.report_get_for(owner, report.code) == report
    assert selectors.report_get_for(right, report.code) == report
    for user in (wrong, CitizenFactory()):
        with pytest.raises(NotFound):
            selectors.report_get_for(user, report.code)
    assert list(selectors.reports_of(owner)) == [report]
    assert list(selectors.reports_of(CitizenFactory())) == []


def test_map_points_cluster_by_zoom():
    cell = selectors.map_cell_degrees(14)
    south, west = 21.80, 106.70
    row0 = (int(south / cell) + 0.5) * cell  # centre of a grid cell
    col0 = (int(west / cell) + 0.5) * cell
    for index in range(3):
        ReportFactory(latitude=row0 + index * cell / 10, longitude=col0)
    single = ReportFactory(
        latitude=row0 + 3 * cell, longitude=col0, title="Đèn hỏng", code="PAKN.20261123.0099"
    )
    ReportFactory(latitude=row0, longitude=col0, is_public=False)
    ReportFactory(latitude=row0, longitude=col0, is_hidden=True)
    points = selectors.public_map_points(south=21.7, west=106.6, north=21.95, east=106.9, zoom=14)
    assert [point["count"] for point in points] == [3, 1]
    assert points[0]["latitude"] == round(row0 + cell / 10, 6)
    assert "code" not in points[0]
    assert (points[1]["code"], points[1]["title"], points[1]["status"]) == (single.code, "Đèn hỏng", "new")
    low = selectors.public_map_points(south=21.7, west=106.6, north=21.95, east=106.9, zoom=8)
    assert [point["count"] for point in low] == [4]


@pytest.mark.parametrize(
    ("bbox", "zoom", "code"),
    [
        ((21.9, 106.6, 21.8, 106.9), 12, "invalid_bbox"),
        (("a", 106.6, 21.9, 106.9), 12, "invalid_bbox"),
        ((21.7, 106.6, 21.9, 106.9), 21, "invalid_zoom"),
        ((21.7, 106.6, 21.9, 106.9), -1, "invalid_zoom"),
    ],
)
def test_map_bad_input(bbox, zoom, code):
    south, west, north, east = bbox
    with pytest.raises(ValidationFailed) as caught:
        selectors.public_map_points(south=south, west=west, north=north, east=east, zoom=zoom)
    assert caught.value.code == code


def test_categories():
    assert [category.code for category in selectors.category_list()] == [
        "giao-thong",
        "moi-truong",
        "chieu-sang",
        "cap-thoat-nuoc",
        "trat-tu-do-thi",
        "dat-dai",
        "an-ninh-trat-tu",
        "y-te",
        "giao-duc",
        "thu-tuc-hanh-chinh",
        "khac",
    ]
    assert selectors.category_get("giao-thong").attributes[0]["code"] == "loai_su_co"
    with pytest.raises(NotFound):
        selectors.category_get("khong-co")
