"""Catalogue services: categories and routing rules, each change checked, validated and audited."""

import pytest

from congdanso.audit.models import AuditEvent
from congdanso.core.errors import NotFound, PermissionDenied, ValidationFailed
from congdanso.feedback.models import Category, RoutingRule
from congdanso.feedback.services.catalogue import (
    category_create,
    category_deactivate,
    category_update,
    routing_rule_remove,
    routing_rule_set,
)
from congdanso.feedback.tests.catalogue_people import ALLOWED, REFUSED, cao_bang, catalogue_snapshot, person
from congdanso.feedback.tests.factories import CategoryFactory, ReportFactory, RoutingRuleFactory
from congdanso.places.models import AgencyKind
from congdanso.places.tests.factories import AgencyFactory, CommuneFactory, ProvinceFactory

pytestmark = pytest.mark.django_db

QUESTION = {
    "code": "muc_do",
    "datatype": "singlevaluelist",
    "required": True,
    "order": 1,
    "description": "Mức độ nguy hiểm",
    "values": [{"key": "cao", "name": "Cao"}, {"key": "thap", "name": "Thấp"}],
}


@pytest.fixture
def superuser(db):
    return person("superuser")


@pytest.fixture
def province_admin(db):
    return person("province_admin")


def create(actor, **overrides):
    arguments = {
        "actor": actor,
        "code": "cay-xanh",
        "name": "Cây xanh",
        "name_en": "Trees",
        "description": "Cây đổ, cành gãy",
        "group": "Đô thị",
        "keywords": "cây, cành",
        "acknowledge_hours": 4,
        "resolve_working_days": 3,
        "attributes": [QUESTION],
        "position": 15,
    }
    return category_create(**(arguments | overrides))


def only_audit() -> AuditEvent:
    return AuditEvent.objects.get()


# Categories ---------------------------------------------------------------------------------------------


def test_create_saves_category_and_audits_it(province_admin):
    category = create(province_admin)
    stored = Category.objects.get(code="cay-xanh")
    after = {
        "code": "cay-xanh",
        "name": "Cây xanh",
        "name_en": "Trees",
        "description": "Cây đổ, cành gãy",
        "group": "Đô thị",
        "keywords": "cây, cành",
        "acknowledge_hours": 4,
        "resolve_working_days": 3,
        "attributes": [QUESTION],
        "is_active": True,
        "position": 15,
    }
    assert {field: getattr(stored, field) for field in after} == after
    event = only_audit()
    assert (event.action, event.actor, event.object_type, event.object_id) == (
        "feedback.category_created",
        province_admin,
        "feedback.category",
        str(category.pk),
    )
    assert event.changes == {"before": None, "after": after}


def test_create_normalises_attribute_definitions(superuser):
    category = create(
        superuser,
        name="  Cây xanh  ",
        attributes=[
            {
                "code": "so_cay",
                "datatype": "number",
                "required": False,
                "order": 2,
                "description": " Số cây ",
                "datatype_description": "",
                "variable": False,
                "values": [],
            },
            {**QUESTION, "values": [{"key": " cao ", "name": " Cao "}]},
        ],
    )
    category.refresh_from_db()
    assert category.name == "Cây xanh"
    assert category.attributes == [
        {
            "code": "so_cay",
            "datatype": "number",
            "required": False,
            "order": 2,
            "description": "Số cây",
            "variable": False,
        },
        {**QUESTION, "values": [{"key": "cao", "name": "Cao"}]},
    ]


def attribute(**changes):
    return [{key: value for key, value in (QUESTION | changes).items() if value is not ...}]


CREATE_ERRORS = [
    ({"code": "giao thông"}, "code", "invalid_code"),
    ({"code": ""}, "code", "required"),
    ({"code": "giao-thong"}, "code", "duplicate_code"),
    ({"name": "  "}, "name", "required"),
    ({"name": "<b>Cây</b>"}, "name", "html_not_allowed"),
    ({"name": "x" * 121}, "name", "too_long"),
    ({"acknowledge_hours": 0}, "acknowledge_hours", "invalid_number"),
    ({"acknowledge_hours": True}, "acknowledge_hours", "invalid_number"),
    ({"acknowledge_hours": 721}, "acknowledge_hours", "invalid_number"),
    ({"resolve_working_days": 0}, "resolve_working_days", "invalid_number"),
    ({"resolve_working_days": "3"}, "resolve_working_days", "invalid_number"),
    ({"position": -1}, "position", "invalid_number"),
    ({"is_active": "yes"}, "is_active", "invalid_boolean"),
]
ATTRIBUTE_ERRORS = [
    ({"x": 1}, "Câu hỏi bổ sung phải là một danh sách JSON (dùng [] nếu không có câu hỏi)."),
    (["muc_do"], "Câu hỏi số 1 phải là một đối tượng JSON."),
    (attribute(hint="?"), "Câu hỏi số 1 có khoá không hợp lệ: hint."),
    (attribute(code=...), "Câu hỏi số 1: “code” chỉ gồm chữ không dấu, chữ số, dấu gạch ngang và gạch dưới."),
    (
        attribute(code="mức độ"),
        "Câu hỏi số 1: “code” chỉ gồm chữ không dấu, chữ số, dấu gạch ngang và gạch dưới.",
    ),
    (attribute() + attribute(order=2), "Mã câu hỏi “muc_do” bị trùng."),
    (
        attribute(datatype="boolean"),
        "Câu hỏi “muc_do”: “datatype” phải là một trong string, number, datetime, text, "
        "singlevaluelist, multivaluelist.",
    ),
    (attribute(required="yes"), "Câu hỏi “muc_do”: “required” phải là true hoặc false."),
    (attribute(required=...), "Câu hỏi “muc_do”: thiếu “required” (true hoặc false)."),
    (attribute(variable=1), "Câu hỏi “muc_do”: “variable” phải là true hoặc false."),
    (attribute(order=0), "Câu hỏi “muc_do”: “order” phải là số nguyên dương."),
    (attribute(order="1"), "Câu hỏi “muc_do”: “order” phải là số nguyên dương."),
    (attribute() + attribute(code="khac"), "Thứ tự “order” 1 bị trùng giữa các câu hỏi."),
    (attribute(description=" "), "Câu hỏi “muc_do”: vui lòng nhập “description” (chữ)."),
    (attribute(description="<script>x</script>"), "Câu hỏi “muc_do”: Nội dung không được chứa mã HTML."),
    (attribute(values=...), "Câu hỏi “muc_do”: “values” phải là danh sách từ 1 đến 50 lựa chọn {key, name}."),
    (attribute(values=[]), "Câu hỏi “muc_do”: “values” phải là danh sách từ 1 đến 50 lựa chọn {key, name}."),
    (
        attribute(values=[{"key": "cao"}]),
        "Câu hỏi “muc_do”: mỗi lựa chọn phải có đúng “key” và “name” (chữ, không rỗng).",
    ),
    (
        attribute(values=[{"key": 1, "name": "Cao"}]),
        "Câu hỏi “muc_do”: mỗi lựa chọn phải có đúng “key” và “name” (chữ, không rỗng).",
    ),
    (
        attribute(values=[{"key": "a", "name": "A"}, {"key": "a", "name": "B"}]),
        "Câu hỏi “muc_do”: lựa chọn “a” bị trùng.",
    ),
    (attribute(datatype="text"), "Câu hỏi “muc_do”: chỉ câu hỏi kiểu danh sách mới có “values”."),
    ([{**QUESTION, "code": f"q{n}", "order": n} for n in range(1, 22)], "Tối đa 20 câu hỏi bổ sung."),
]


@pytest.mark.parametrize(("overrides", "field", "code"), CREATE_ERRORS)
def test_create_refuses_bad_fields_and_saves_nothing(superuser, overrides, field, code):
    CategoryFactory(code="giao-thong")
    before = catalogue_snapshot()
    with pytest.raises(ValidationFailed) as caught:
        create(superuser, **overrides)
    assert (caught.value.code, caught.value.details["field"]) == (code, field)
    assert catalogue_snapshot() == before


@pytest.mark.parametrize(("attributes", "message"), ATTRIBUTE_ERRORS)
def test_create_refuses_malformed_attribute_definitions(superuser, attributes, message):
    before = catalogue_snapshot()
    with pytest.raises(ValidationFailed) as caught:
        create(superuser, attributes=attributes)
    assert caught.value.code == "invalid_attributes"
    assert caught.value.details == {"field": "attributes", "message": message}
    assert str(caught.value.message) == message
    assert catalogue_snapshot() == before


def test_update_writes_and_audits_only_what_changed(province_admin):
    category = CategoryFactory(acknowledge_hours=8, resolve_working_days=10, name="Đèn")
    updated = category_update(
        actor=province_admin, category=category, resolve_working_days=5, name="Đèn", code=category.code
    )
    category.refresh_from_db()
    assert (category.resolve_working_days, category.acknowledge_hours, updated.pk) == (5, 8, category.pk)
    event = only_audit()
    assert (event.action, event.actor, event.object_id) == (
        "feedback.category_updated",
        province_admin,
        str(category.pk),
    )
    assert event.changes == {"before": {"resolve_working_days": 10}, "after": {"resolve_working_days": 5}}


def test_update_without_a_real_change_records_nothing(superuser):
    category = CategoryFactory(position=30)
    category_update(actor=superuser, category=category, position=30)
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"code": "ma-moi"}, "code", "code_immutable"),
        ({"receipt": "x"}, "receipt", "unknown_field"),
        ({"acknowledge_hours": 0}, "acknowledge_hours", "invalid_number"),
        ({"attributes": attribute(datatype="bool")}, "attributes", "invalid_attributes"),
        ({"name": "Đèn", "resolve_working_days": -2}, "resolve_working_days", "invalid_number"),
    ],
)
def test_update_refuses_bad_changes_and_changes_nothing(superuser, changes, field, code):
    category = CategoryFactory()
    before = catalogue_snapshot()
    with pytest.raises(ValidationFailed) as caught:
        category_update(actor=superuser, category=category, **changes)
    assert (caught.value.code, caught.value.details["field"]) == (code, field)
    assert catalogue_snapshot() == before


def test_deactivate_keeps_the_category_and_its_reports(province_admin):
    report = ReportFactory()
    category = report.category
    category_deactivate(actor=province_admin, category=category)
    category.refresh_from_db()
    assert category.is_active is False
    assert report.__class__.objects.get(pk=report.pk).category == category
    event = only_audit()
    assert (event.action, event.changes) == (
        "feedback.category_deactivated",
        {"before": {"is_active": True}, "after": {"is_active": False}},
    )
    category_deactivate(actor=province_admin, category=category)  # already inactive: nothing more
    assert AuditEvent.objects.count() == 1


# Routing rules ------------------------------------------------------------------------------------------


@pytest.fixture
def place(db):
    commune = CommuneFactory()
    return {
        "category": CategoryFactory(code="chieu-sang-thu"),
        "commune": commune,
        "agency": AgencyFactory(unit=commune, name="UBND xã A"),
        "other_agency": AgencyFactory(kind=AgencyKind.DEPARTMENT, unit=ProvinceFactory(), name="Sở Xây dựng"),
    }


@pytest.mark.parametrize(
    ("with_category", "with_commune"), [(True, True), (True, False), (False, True), (False, False)]
)
def test_set_creates_then_replaces_the_rule_of_a_pair(superuser, place, with_category, with_commune):
    category = place["category"] if with_category else None
    commune = place["commune"] if with_commune else None
    rule = routing_rule_set(actor=superuser, category=category, commune=commune, agency=place["agency"])
    pair = {
        "category": category.code if category else None,
        "commune": commune.code if commune else None,
    }
    created = AuditEvent.objects.get()
    assert (created.action, created.object_id) == ("feedback.routing_rule_set", str(rule.pk))
    assert created.changes == {"before": None, "after": pair | {"agency": place["agency"].code}}

    replaced = routing_rule_set(
        actor=superuser, category=category, commune=commune, agency=place["other_agency"]
    )
    assert replaced.pk == rule.pk
    assert list(RoutingRule.objects.values_list("category", "commune", "agency")) == [
        (category and category.pk, commune and commune.pk, place["other_agency"].pk)
    ]
    last = AuditEvent.objects.latest("pk")
    assert last.changes == {
        "before": pair | {"agency": place["agency"].code},
        "after": pair | {"agency": place["other_agency"].code},
    }

    routing_rule_set(actor=superuser, category=category, commune=commune, agency=place["other_agency"])
    assert AuditEvent.objects.count() == 2  # the same agency again changes nothing


def test_pairs_are_independent(superuser, place):
    for category, commune in [(place["category"], place["commune"]), (place["category"], None), (None, None)]:
        routing_rule_set(actor=superuser, category=category, commune=commune, agency=place["agency"])
    assert RoutingRule.objects.count() == 3


def test_set_refuses_an_inactive_agency(superuser, place):
    place["agency"].is_active = False
    place["agency"].save()
    with pytest.raises(ValidationFailed) as caught:
        routing_rule_set(actor=superuser, category=place["category"], agency=place["agency"])
    assert caught.value.details == {"field": "agency", "message": "Cơ quan “UBND xã A” đã ngừng hoạt động."}
    assert (RoutingRule.objects.count(), AuditEvent.objects.count()) == (0, 0)


def test_set_refuses_an_agency_of_another_province(superuser, place):
    foreign = person("other_province_admin").agency
    with pytest.raises(ValidationFailed) as caught:
        routing_rule_set(actor=superuser, commune=place["commune"], agency=foreign)
    assert caught.value.code == "agency_outside_province"
    assert (
        caught.value.details["message"]
        == f"Cơ quan “{foreign.name}” không thuộc cùng tỉnh với “{place['commune'].name}”."
    )
    assert (RoutingRule.objects.count(), AuditEvent.objects.count()) == (0, 0)


@pytest.mark.parametrize("which", ["province_unit", "other_province_commune"])
def test_set_refuses_a_unit_that_is_not_a_commune_of_the_province(superuser, place, which):
    if which == "province_unit":
        unit = ProvinceFactory()
    else:
        unit = CommuneFactory(parent=cao_bang())
    with pytest.raises(ValidationFailed) as caught:
        routing_rule_set(actor=superuser, commune=unit, agency=place["agency"])
    assert caught.value.details == {
        "field": "commune",
        "message": f"“{unit.name}” không phải xã/phường/đặc khu của tỉnh.",
    }
    assert (RoutingRule.objects.count(), AuditEvent.objects.count()) == (0, 0)


def test_remove_deletes_and_audits(province_admin, place):
    rule = RoutingRuleFactory(category=place["category"], commune=place["commune"], agency=place["agency"])
    routing_rule_remove(actor=province_admin, rule=rule)
    assert RoutingRule.objects.count() == 0
    event = only_audit()
    assert (event.action, event.object_id, event.changes) == (
        "feedback.routing_rule_removed",
        str(rule.pk),
        {
            "before": {
                "category": "chieu-sang-thu",
                "commune": place["commune"].code,
                "agency": place["agency"].code,
            },
            "after": None,
        },
    )
    with pytest.raises(NotFound):
        routing_rule_remove(actor=province_admin, rule=rule)


# Role matrix --------------------------------------------------------------------------------------------


def _call(service: str, actor, place):
    rule = RoutingRule.objects.get()
    return {
        "create": lambda: create(actor),
        "update": lambda: category_update(actor=actor, category=place["category"], resolve_working_days=2),
        "deactivate": lambda: category_deactivate(actor=actor, category=place["category"]),
        "set": lambda: routing_rule_set(actor=actor, commune=place["commune"], agency=place["other_agency"]),
        "remove": lambda: routing_rule_remove(actor=actor, rule=rule),
    }[service]()


SERVICES = ["create", "update", "deactivate", "set", "remove"]


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("who", REFUSED)
def test_refused_people_change_nothing(place, service, who):
    RoutingRuleFactory(category=None, commune=place["commune"], agency=place["agency"])
    actor = person(who)
    before = catalogue_snapshot()
    with pytest.raises(PermissionDenied) as caught:
        _call(service, actor, place)
    assert str(caught.value.message) == (
        "Chỉ quản trị viên cấp tỉnh mới được sửa danh mục lĩnh vực và bảng chuyển phản ánh."
    )
    assert catalogue_snapshot() == before


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("who", ALLOWED)
def test_province_administrators_and_superusers_may_change(place, service, who):
    RoutingRuleFactory(category=None, commune=place["commune"], agency=place["agency"])
    actor = person(who)
    _call(service, actor, place)
    event = AuditEvent.objects.get()
    assert event.actor == actor
    assert event.action.startswith("feedback.")
