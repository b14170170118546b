"""``feedback_generate``: N bench reports over the 65 Lạng Sơn communes (run here on the test database)."""

import datetime as dt
import gzip
import io
import json
import re
from collections import defaultdict

import pytest
import time_machine
from django.core.management import CommandError, call_command

from congdanso.feedback.deadlines import LOCAL, report_deadlines
from congdanso.feedback.models import ReceiptSequence, Report, ReportEvent, ReportStatus
from congdanso.places.boundary_import import PACKAGED_BOUNDARIES
from congdanso.places.boundary_lookup import commune_boundaries_cache_clear, commune_id_at
from congdanso.places.models import AgencyKind, UnitType
from congdanso.places.tests.factories import AgencyFactory, CommuneFactory, ProvinceFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 9, 30, tzinfo=LOCAL)
CODE = re.compile(r"^PAKN\.(\d{8})\.(\d{4,})$")


@pytest.fixture(autouse=True)
def _fresh_index():
    commune_boundaries_cache_clear()
    yield
    commune_boundaries_cache_clear()


@pytest.fixture
def langson():
    """All 65 communes of the packaged boundary file, each with its People's Committee."""
    with gzip.open(PACKAGED_BOUNDARIES, "rt", encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    province = ProvinceFactory()
    committees = {}
    for feature in features:
        properties = feature["properties"]
        unit = CommuneFactory(
            code=int(properties["code"]),
            name=properties["fullName"],
            unit_type=UnitType.WARD if properties["divisionType"] == "phuong" else UnitType.COMMUNE,
            parent=province,
        )
        committees[unit.pk] = AgencyFactory(
            code=f"ubnd-{unit.code}", kind=AgencyKind.COMMUNE_COMMITTEE, unit=unit
        ).pk
    return committees


def generate(count: int, seed: int = 7) -> str:
    out = io.StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("feedback_generate", reports=count, seed=seed, batch=64, quiet=True, stdout=out)
    return out.getvalue()


def snapshot():
    return list(
        Report.objects.order_by("code").values_list(
            "id", "code", "latitude", "longitude", "status", "category_id", "commune_id", "created_at"
        )
    )


def test_generates_exactly_n_consistent_reports(langson):
    output = generate(200)

    reports = list(Report.objects.select_related("category"))
    assert len(reports) == 200
    assert "Đã sinh 200 phản ánh" in output
    assert "65 xã/phường, 11 lĩnh vực, 3 năm" in output
    codes = [report.code for report in reports]
    assert len(set(codes)) == 200
    per_day = defaultdict(list)
    for report in reports:
        day, number = CODE.match(report.code).groups()
        assert day == f"{report.created_at.astimezone(LOCAL):%Y%m%d}"
        per_day[day].append(int(number))
        assert commune_id_at(report.latitude, report.longitude) == report.commune_id
        assert report.agency_id == langson[report.commune_id]
        assert report.status in ReportStatus.values
        assert report_deadlines(category=report.category, received_at=report.created_at) == (
            report.acknowledge_due_at,
            report.resolve_due_at,
        )
        assert NOW - dt.timedelta(days=3 * 365) <= report.created_at <= NOW
        assert report.updated_at >= report.created_at
        if report.status in ReportStatus.closed_values():
            assert report.acknowledged_at is not None
        if report.status in (ReportStatus.RESOLVED, ReportStatus.CLOSED):
            assert report.resolved_at is not None and report.public_answer
    for numbers in per_day.values():
        assert sorted(numbers) == list(range(1, len(numbers) + 1))
    sequences = dict(ReceiptSequence.objects.values_list("day", "last_number"))
    assert {f"{day:%Y%m%d}": number for day, number in sequences.items()} == {
        day: len(numbers) for day, numbers in per_day.items()
    }
    statuses = [report.status for report in reports]
    closed = sum(status in ReportStatus.closed_values() for status in statuses)
    assert closed > 150
    assert ReportEvent.objects.filter(kind="submitted").count() == 200
    assert ReportEvent.objects.count() > 400


def test_same_seed_same_reports_and_codes_continue_the_day_counters(langson):
    generate(60, seed=3)
    first = snapshot()
    Report.objects.all().delete()
    ReceiptSequence.objects.all().delete()
    generate(60, seed=3)
    assert snapshot() == first

    generate(40, seed=4)  # appended: numbering goes on after the existing counters, no code collides
    assert Report.objects.count() == 100
    assert Report.objects.values("code").distinct().count() == 100


def test_refuses_without_units():
    with pytest.raises(CommandError, match="Chưa nạp danh mục đơn vị hành chính"):
        generate(10)
    assert Report.objects.count() == 0
