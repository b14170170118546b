"""The category and routing admin save through the catalogue services: audited, validated, policy-checked."""

import json

import pytest

from congdanso.audit.models import AuditEvent
from congdanso.feedback.models import Category, RoutingRule
from congdanso.feedback.tests.catalogue_people import catalogue_snapshot, person
from congdanso.feedback.tests.factories import CategoryFactory, RoutingRuleFactory
from congdanso.places.tests.factories import AgencyFactory, CommuneFactory

pytestmark = pytest.mark.django_db
CATEGORIES = "/quan-tri/feedback/category/"
RULES = "/quan-tri/feedback/routingrule/"
QUESTION = {
    "code": "muc_do",
    "datatype": "singlevaluelist",
    "required": False,
    "order": 1,
    "description": "Mức độ",
    "values": [{"key": "cao", "name": "Cao"}],
}


@pytest.fixture
def admin_client(client):
    client.force_login(person("superuser"))
    return client


@pytest.fixture
def category(db):
    return CategoryFactory(
        code="cay-xanh", name="Cây xanh", acknowledge_hours=8, resolve_working_days=10, position=40
    )


def category_form(**changes):
    form = {
        "name": "Cây xanh",
        "name_en": "Category",
        "description": "",
        "group": "",
        "keywords": "",
        "acknowledge_hours": "8",
        "resolve_working_days": "10",
        "attributes": "[]",
        "is_active": "on",
        "position": "40",
    }
    return form | changes


def test_superuser_edits_a_deadline_and_it_is_audited(admin_client, category):
    category.name_en = "Category"
    category.save()
    response = admin_client.post(
        f"{CATEGORIES}{category.pk}/change/", category_form(resolve_working_days="3")
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert (category.resolve_working_days, category.code) == (3, "cay-xanh")
    event = AuditEvent.objects.get()
    assert (event.action, event.object_id, event.changes) == (
        "feedback.category_updated",
        str(category.pk),
        {"before": {"resolve_working_days": 10}, "after": {"resolve_working_days": 3}},
    )


@pytest.mark.parametrize(
    ("attributes", "message"),
    [
        ("[{", "Câu hỏi bổ sung không phải JSON hợp lệ."),
        (json.dumps([QUESTION | {"datatype": "boolean"}]), "“datatype” phải là một trong"),
        (json.dumps([QUESTION | {"order": 0}]), "Câu hỏi “muc_do”: “order” phải là số nguyên dương."),
        (json.dumps({"muc_do": 1}), "Câu hỏi bổ sung phải là một danh sách JSON"),
    ],
)
def test_invalid_attributes_show_a_form_error_and_save_nothing(admin_client, category, attributes, message):
    before = catalogue_snapshot()
    response = admin_client.post(
        f"{CATEGORIES}{category.pk}/change/", category_form(attributes=attributes, resolve_working_days="3")
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["attributes"]
    assert message in errors["attributes"][0]
    assert catalogue_snapshot() == before


def test_zero_deadline_is_a_form_error(admin_client, category):
    before = catalogue_snapshot()
    response = admin_client.post(f"{CATEGORIES}{category.pk}/change/", category_form(acknowledge_hours="0"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "acknowledge_hours": ["Thời hạn tiếp nhận phải là số nguyên từ 1 đến 720 giờ làm việc."]
    }
    assert catalogue_snapshot() == before


def test_superuser_adds_a_category_through_the_service(admin_client):
    response = admin_client.post(
        f"{CATEGORIES}add/",
        category_form(code="cay-xanh-moi", attributes=json.dumps([QUESTION]), position="5"),
    )
    assert response.status_code == 302
    created = Category.objects.get(code="cay-xanh-moi")
    assert (created.attributes, created.position) == ([QUESTION], 5)
    event = AuditEvent.objects.get()
    assert (event.action, event.object_id) == ("feedback.category_created", str(created.pk))


def test_code_cannot_be_changed_in_the_admin(admin_client, category):
    admin_client.post(f"{CATEGORIES}{category.pk}/change/", category_form(code="ma-moi", position="41"))
    category.refresh_from_db()
    assert (category.code, category.position) == ("cay-xanh", 41)


def test_categories_are_deactivated_not_deleted(admin_client, category):
    assert admin_client.get(f"{CATEGORIES}{category.pk}/delete/").status_code == 403
    response = admin_client.post(
        CATEGORIES, {"action": "deactivate_selected", "_selected_action": [category.pk]}, follow=True
    )
    assert response.status_code == 200
    category.refresh_from_db()
    assert category.is_active is False
    assert AuditEvent.objects.get().action == "feedback.category_deactivated"
    assert Category.objects.filter(pk=category.pk).exists()


def test_list_editable_position_goes_through_the_service(admin_client, category):
    others = list(Category.objects.exclude(pk=category.pk).order_by("position", "name"))
    rows = [category, *others]
    rows.sort(key=lambda row: (row.position, row.name))
    form = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(len(rows)), "_save": "Lưu"}
    for index, row in enumerate(rows):
        form[f"form-{index}-id"] = str(row.pk)
        form[f"form-{index}-position"] = "7" if row.pk == category.pk else str(row.position)
        if row.is_active:
            form[f"form-{index}-is_active"] = "on"
    response = admin_client.post(CATEGORIES, form)
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.position == 7
    assert AuditEvent.objects.get().changes == {"before": {"position": 40}, "after": {"position": 7}}


@pytest.mark.parametrize("who", ["commune_admin", "other_province_admin"])
def test_other_administrators_may_look_but_not_change(client, category, who):
    client.force_login(person(who, staff=True))
    before = catalogue_snapshot()
    assert client.get(CATEGORIES).status_code == 200
    assert client.post(f"{CATEGORIES}{category.pk}/change/", category_form(position="1")).status_code == 403
    assert client.post(f"{CATEGORIES}add/", category_form(code="x")).status_code == 403
    assert client.post(f"{RULES}add/", {}).status_code == 403
    assert catalogue_snapshot() == before


def test_province_handler_has_no_access(client):
    client.force_login(person("province_handler", staff=True))
    assert client.get(CATEGORIES).status_code == 403
    assert client.get(RULES).status_code == 403


def test_province_administrator_edits_through_the_admin(client, category):
    client.force_login(person("province_admin", staff=True))
    response = client.post(
        f"{CATEGORIES}{category.pk}/change/", category_form(name_en="Trees", acknowledge_hours="4")
    )
    assert response.status_code == 302
    assert AuditEvent.objects.get().changes == {
        "before": {"name_en": category.name_en, "acknowledge_hours": 8},
        "after": {"name_en": "Trees", "acknowledge_hours": 4},
    }


# Routing rules ------------------------------------------------------------------------------------------


@pytest.fixture
def place(db):
    commune = CommuneFactory()
    return {"commune": commune, "agency": AgencyFactory(unit=commune), "second": AgencyFactory(unit=commune)}


def test_add_rule_goes_through_the_service(admin_client, category, place):
    response = admin_client.post(
        f"{RULES}add/",
        {"category": category.pk, "commune": place["commune"].pk, "agency": place["agency"].pk},
    )
    assert response.status_code == 302
    rule = RoutingRule.objects.get()
    event = AuditEvent.objects.get()
    assert (event.action, event.object_id, event.changes["after"]) == (
        "feedback.routing_rule_set",
        str(rule.pk),
        {"category": "cay-xanh", "commune": place["commune"].code, "agency": place["agency"].code},
    )


def test_adding_an_existing_pair_replaces_its_agency(admin_client, place):
    RoutingRuleFactory(category=None, commune=place["commune"], agency=place["agency"])
    response = admin_client.post(
        f"{RULES}add/",
        {"category": "", "commune": place["commune"].pk, "agency": place["second"].pk},
        follow=True,
    )
    assert response.status_code == 200
    assert list(RoutingRule.objects.values_list("agency", flat=True)) == [place["second"].pk]
    assert "cơ quan xử lý đã được thay bằng cơ quan mới" in response.text


def test_inactive_agency_is_a_form_error(admin_client, place):
    place["agency"].is_active = False
    place["agency"].save()
    response = admin_client.post(
        f"{RULES}add/", {"commune": place["commune"].pk, "agency": place["agency"].pk}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "agency": [f"Cơ quan “{place['agency'].name}” đã ngừng hoạt động."]
    }
    assert (RoutingRule.objects.count(), AuditEvent.objects.count()) == (0, 0)


def test_change_rule_agency_and_delete_rule(admin_client, place):
    rule = RoutingRuleFactory(category=None, commune=place["commune"], agency=place["agency"])
    response = admin_client.post(f"{RULES}{rule.pk}/change/", {"agency": place["second"].pk})
    assert response.status_code == 302
    assert RoutingRule.objects.get().agency == place["second"]
    response = admin_client.post(f"{RULES}{rule.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert RoutingRule.objects.count() == 0
    assert list(AuditEvent.objects.order_by("pk").values_list("action", flat=True)) == [
        "feedback.routing_rule_set",
        "feedback.routing_rule_removed",
    ]
