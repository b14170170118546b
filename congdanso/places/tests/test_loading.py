"""units_load: counts, types, Lạng Sơn, idempotence, audit, progress, the command."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from congdanso.audit.models import AuditEvent
from congdanso.places.models import AdministrativeUnit, LegacyUnit, LegacyUnitLevel, UnitLevel, UnitType
from congdanso.places.services import units_load

pytestmark = pytest.mark.django_db

LANGSON_WARDS = {
    5977: "Phường Đông Kinh",
    5983: "Phường Lương Văn Tri",
    5986: "Phường Tam Thanh",
    6187: "Phường Kỳ Lừa",
}


def test_first_load_summary(loaded_units):
    assert loaded_units == {
        "provinces": {"total": 34, "created": 34, "updated": 0, "stale": 0},
        "communes": {"total": 3321, "created": 3321, "updated": 0, "stale": 0},
        "legacy_provinces": {"total": 63, "created": 63, "updated": 0, "stale": 0},
        "legacy_districts": {"total": 696, "created": 696, "updated": 0, "stale": 0},
        "legacy_communes": {"total": 10051, "created": 10051, "updated": 0, "stale": 0},
        "legacy_successors": {"total": 14265, "created": 14265, "deleted": 0},
    }


def test_counts_by_level_and_type():
    assert AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE).count() == 34
    assert AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE).count() == 3321
    types = Counter(AdministrativeUnit.objects.values_list("unit_type", flat=True))
    assert types == {
        UnitType.PROVINCE: 25,
        UnitType.CENTRAL_CITY: 9,
        UnitType.WARD: 687,
        UnitType.COMMUNE: 2621,
        UnitType.SPECIAL_ZONE: 13,
    }
    legacy = Counter(LegacyUnit.objects.values_list("level", flat=True))
    assert legacy == {
        LegacyUnitLevel.PROVINCE: 63,
        LegacyUnitLevel.DISTRICT: 696,
        LegacyUnitLevel.COMMUNE: 10051,
    }


def test_langson_has_61_communes_and_4_wards():
    province = AdministrativeUnit.objects.get(level=UnitLevel.PROVINCE, code=20)
    assert (province.name, province.short_name, province.unit_type, province.phone_code) == (
        "Tỉnh Lạng Sơn",
        "Lạng Sơn",
        UnitType.PROVINCE,
        205,
    )
    communes = AdministrativeUnit.objects.filter(parent=province)
    assert communes.count() == 65
    assert communes.filter(unit_type=UnitType.COMMUNE).count() == 61
    wards = dict(communes.filter(unit_type=UnitType.WARD).values_list("code", "name"))
    assert wards == LANGSON_WARDS


def test_names_are_capitalised_and_short_names_drop_the_type_word():
    bac_son = AdministrativeUnit.objects.get(level=UnitLevel.COMMUNE, code=6325)
    assert (bac_son.name, bac_son.short_name, bac_son.codename) == ("Xã Bắc Sơn", "Bắc Sơn", "xa_bac_son")
    hanoi = AdministrativeUnit.objects.get(level=UnitLevel.PROVINCE, code=1)
    assert (hanoi.name, hanoi.short_name, hanoi.unit_type) == (
        "Thành phố Hà Nội",
        "Hà Nội",
        UnitType.CENTRAL_CITY,
    )


def test_second_run_changes_nothing_and_keeps_ids():
    ids_before = set(AdministrativeUnit.objects.values_list("id", flat=True))
    summary = units_load()
    assert {step: counts["created"] for step, counts in summary.items()} == {
        "provinces": 0,
        "communes": 0,
        "legacy_provinces": 0,
        "legacy_districts": 0,
        "legacy_communes": 0,
        "legacy_successors": 0,
    }
    assert [counts.get("updated", 0) for counts in summary.values()] == [0, 0, 0, 0, 0, 0]
    assert summary["legacy_successors"]["deleted"] == 0
    assert set(AdministrativeUnit.objects.values_list("id", flat=True)) == ids_before
    assert AdministrativeUnit.objects.count() == 3355
    assert LegacyUnit.objects.count() == 10810


def test_rerun_repairs_edited_rows_and_links():
    dong_kinh = AdministrativeUnit.objects.get(level=UnitLevel.COMMUNE, code=5977)
    AdministrativeUnit.objects.filter(pk=dong_kinh.pk).update(name="Sai tên")
    vinh_trai = LegacyUnit.objects.get(level=LegacyUnitLevel.COMMUNE, code=5977)
    vinh_trai.successors.clear()

    summary = units_load()

    assert summary["communes"] == {"total": 3321, "created": 0, "updated": 1, "stale": 0}
    assert summary["legacy_successors"] == {"total": 14265, "created": 1, "deleted": 0}
    dong_kinh.refresh_from_db()
    assert dong_kinh.name == "Phường Đông Kinh"
    assert list(vinh_trai.successors.values_list("code", flat=True)) == [5977]


def test_load_writes_one_audit_event_with_the_counts():
    before = AuditEvent.objects.filter(action="units.load").count()
    summary = units_load()
    events = AuditEvent.objects.filter(action="units.load")
    assert events.count() == before + 1
    event = events.first()
    assert (event.object_type, event.object_id, event.actor_id) == ("places.administrativeunit", "all", None)
    assert event.changes == summary


def test_progress_reports_every_step():
    calls = []
    units_load(progress=lambda step, done, total: calls.append((step, done, total)))
    assert [step for step, _done, _total in calls] == [
        "provinces",
        "communes",
        "legacy_provinces",
        "legacy_districts",
        "legacy_communes",
        "legacy_successors",
    ]
    assert {total for _step, _done, total in calls} == {0}


def test_command_quiet_prints_the_summary():
    out = StringIO()
    call_command("load_units", "--quiet", stdout=out)
    text = out.getvalue()
    assert "Tỉnh/thành phố: total=34, created=0, updated=0, stale=0" in text
    assert "Xã/phường/đặc khu: total=3321, created=0, updated=0, stale=0" in text
    assert text.rstrip().endswith("Đã nạp xong danh mục đơn vị hành chính.")


def test_command_draws_progress_bars_on_stderr():
    err = StringIO()
    call_command("load_units", stdout=StringIO(), stderr=err)
    assert "Xã/phường/đặc khu" in err.getvalue()
    assert "Liên kết cũ → mới" in err.getvalue()
