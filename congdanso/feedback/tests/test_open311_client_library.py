"""The server driven by an independent Open311 client library from PyPI (``georeport==0.3.1``, read-only
methods) over real HTTP on 127.0.0.1, in JSON and in XML (parsed by the library with xmltodict)."""

import datetime as dt

import pytest
from georeport import GeoReport

from congdanso.feedback.models import Report, ReportStatus
from congdanso.feedback.tests.factories import CategoryFactory, ReportFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def served(live_server):
    category = CategoryFactory(
        code="den-thu",
        name="Đèn thử",
        group="Hạ tầng",
        position=0,
        attributes=[{"code": "muc_do", "datatype": "string", "required": False, "description": "Mức độ"}],
    )
    CategoryFactory(code="rac-thu", name="Rác thử", position=1)
    for code, status in (("PAKN.1", ReportStatus.NEW), ("PAKN.2", ReportStatus.RESOLVED)):
        report = ReportFactory(code=code, category=category, status=status)
        Report.objects.filter(pk=report.pk).update(created_at=report.created_at - dt.timedelta(days=1))
    return f"{live_server.url}/open311/v2"


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_georeport_client_reads_everything(served, output_format):
    api = GeoReport(served, jurisdiction="langson.gov.vn", output_format=output_format)
    services = api.get_service_list()
    assert [
        (s["service_code"], s["service_name"]) for s in services if s["service_code"].endswith("-thu")
    ] == [
        ("den-thu", "Đèn thử"),
        ("rac-thu", "Rác thử"),
    ]
    definition = api.get_service_definition("den-thu")
    assert definition["service_code"] == "den-thu"
    attributes = definition["attributes"]
    if output_format == "xml":  # xmltodict: <attributes><attribute>…</attribute></attributes>
        attributes = [attributes["attribute"]]
    assert [(a["code"], a["datatype"]) for a in attributes] == [("muc_do", "string")]
    requests = api.get_service_requests(status="open", service_code="den-thu")
    if output_format == "xml":  # a single <request> comes back as a dict
        requests = [requests]
    assert [(r["service_request_id"], r["status"]) for r in requests] == [("PAKN.1", "open")]
    both = api.get_service_requests(service_request_id="PAKN.2,PAKN.1")
    assert sorted(r["service_request_id"] for r in both) == ["PAKN.1", "PAKN.2"]
    one = api.get_service_request("PAKN.2")
    assert (one["service_request_id"], one["status"], one["service_code"]) == ("PAKN.2", "closed", "den-thu")
