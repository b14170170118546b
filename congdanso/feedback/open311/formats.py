"""Open311 GeoReport v2 wire formats: XML (required by the spec) and JSON (the Spark mapping of the XML).

A response body is built once as plain Python data (dicts, lists, strings, numbers, booleans, None) and then
rendered. XML element names for list items come from ``LIST_ITEM_TAGS`` (``attributes`` → ``attribute`` …).
"""

import json
import re
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from django.http import HttpResponse

XML_CONTENT_TYPE = "text/xml; charset=utf-8"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"
FORMATS = ("xml", "json")
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")

LIST_ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}

# Characters XML 1.0 cannot carry at all (control characters other than tab, LF, CR).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


# Asia/Ho_Chi_Minh has been UTC+07:00 without daylight saving since 1975-06-13: converting to a fixed offset
# is the same answer for any later moment and several times cheaper than a zoneinfo lookup (a list of 1,000
# requests formats 3,000 datetimes). Earlier moments go through zoneinfo.
_FIXED_SINCE = datetime(1975, 6, 13, tzinfo=UTC)
_PLUS_SEVEN = timezone(timedelta(hours=7))


def w3c_datetime(moment: datetime | None) -> str | None:
    """A W3C (ISO 8601) datetime with the local offset, e.g. ``2026-11-22T09:15:00+07:00``."""
    if moment is None:
        return None
    if moment >= _FIXED_SINCE:
        return moment.astimezone(_PLUS_SEVEN).isoformat(timespec="seconds")
    return moment.astimezone(LOCAL).replace(microsecond=0).isoformat()


def _xml_text(value) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return _XML_INVALID.sub("", str(value)).translate(_XML_ESCAPES)


def _xml_element(tag: str, value, out: list[str]) -> None:
    if isinstance(value, dict):
        out.append(f"<{tag}>")
        for key, inner in value.items():
            _xml_element(key, inner, out)
        out.append(f"</{tag}>")
    elif isinstance(value, list):
        item_tag = LIST_ITEM_TAGS[tag]
        out.append(f"<{tag}>")
        for item in value:
            _xml_element(item_tag, item, out)
        out.append(f"</{tag}>")
    else:
        text = _xml_text(value)
        out.append(f"<{tag}>{text}</{tag}>" if text else f"<{tag}/>")


def render_xml(root: str, data) -> str:
    """``data`` is a list (items of ``root``) or a dict (the children of ``root``)."""
    out = [XML_DECLARATION]
    _xml_element(root, data, out)
    return "".join(out)


def render(fmt: str, root: str, data, *, status: int = 200) -> HttpResponse:
    """One Open311 response. JSON keeps ``data`` as is (an array for lists, an object for definitions)."""
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return HttpResponse(body.encode(), content_type=JSON_CONTENT_TYPE, status=status)
    return HttpResponse(render_xml(root, data).encode(), content_type=XML_CONTENT_TYPE, status=status)


class Open311Error(Exception):
    """An error answered in the spec's format: ``errors/error`` with ``code`` and ``description``."""

    def __init__(self, status: int, description: str, *, code: int | None = None):
        super().__init__(description)
        self.status = status
        self.description = str(description)
        self.code = code or status


def error_response(fmt: str, error: Open311Error) -> HttpResponse:
    body = [{"code": error.code, "description": error.description}]
    return render(fmt if fmt in FORMATS else "xml", "errors", body, status=error.status)
