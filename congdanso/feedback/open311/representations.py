"""Our models as Open311 GeoReport v2 data (ids and codes always as strings; datetimes W3C with offset)."""

from django.utils import translation

from congdanso.feedback.models import Category, ReportStatus
from congdanso.feedback.open311.formats import w3c_datetime

DATATYPES = ("string", "number", "datetime", "text", "singlevaluelist", "multivaluelist")
_CLOSED = frozenset(ReportStatus.closed_values())


def _english() -> bool:
    return (translation.get_language() or "").startswith("en")


def category_name(name: str, name_en: str) -> str:
    return name_en if name_en and _english() else name


def service_item(category: Category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category_name(category.name, category.name_en),
        "description": category.description,
        "metadata": bool(category.attributes),
        "type": "realtime",
        "keywords": category.keywords,
        "group": category.group,
    }


def definition_attributes(category: Category) -> list[dict]:
    """The category's extra questions with the spec's defaults (variable true, order = position)."""
    attributes = []
    for position, raw in enumerate(category.attributes or [], start=1):
        attributes.append(
            {
                "variable": bool(raw.get("variable", True)),
                "code": str(raw["code"]),
                "datatype": raw.get("datatype", "string"),
                "required": bool(raw.get("required", False)),
                "datatype_description": raw.get("datatype_description", ""),
                "order": int(raw.get("order", position)),
                "description": raw.get("description", ""),
                "values": [
                    {"key": str(value["key"]), "name": str(value["name"])} for value in raw.get("values", [])
                ],
            }
        )
    attributes.sort(key=lambda attribute: attribute["order"])
    return attributes


def service_definition(category: Category) -> dict:
    return {"service_code": category.code, "attributes": definition_attributes(category)}


def request_item(row: dict) -> dict:
    """One service request from a row of ``selectors.REQUEST_COLUMNS``."""
    closed = row["status"] in _CLOSED
    updated = (row["closed_at"] or row["resolved_at"] or row["updated_at"]) if closed else row["updated_at"]
    commune_code = row["commune__code"]
    return {
        "service_request_id": row["code"],
        "status": "closed" if closed else "open",
        "status_notes": row["public_answer"],
        "service_name": category_name(row["category__name"], row["category__name_en"]),
        "service_code": row["category__code"],
        "description": row["description"],
        "agency_responsible": row["agency__name"] or "",
        "service_notice": "",
        "requested_datetime": w3c_datetime(row["created_at"]),
        "updated_datetime": w3c_datetime(updated),
        "expected_datetime": w3c_datetime(row["resolve_due_at"]),
        "address": row["address"],
        "address_id": str(commune_code) if commune_code is not None else "",
        "zipcode": "",
        "lat": row["latitude"],
        "long": row["longitude"],
        "media_url": row["media_url"],
    }
