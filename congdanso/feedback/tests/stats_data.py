"""A small, exact data set shared by the statistics and export tests."""

import datetime as dt

from congdanso.accounts.tests.factories import CitizenFactory
from congdanso.feedback.deadlines import LOCAL
from congdanso.feedback.models import Report, ReportStatus
from congdanso.feedback.tests.factories import CategoryFactory, ReportFactory
from congdanso.places.models import AgencyKind
from congdanso.places.tests.factories import AgencyFactory, CommuneFactory, ProvinceFactory

NOW = dt.datetime(2026, 3, 20, 9, 0, tzinfo=LOCAL)
SINCE, UNTIL = dt.date(2026, 3, 1), dt.date(2026, 3, 15)


def at(month, day, hour=8, minute=0):
    return dt.datetime(2026, month, day, hour, minute, tzinfo=LOCAL)


def build():
    """Agencies A and B (under the provincial committee P), communes An and Bình, categories C1 and C2."""
    province = AgencyFactory(
        code="p", kind=AgencyKind.PROVINCIAL_COMMITTEE, unit=ProvinceFactory(), name="UBND tỉnh Lạng Sơn"
    )
    a = AgencyFactory(code="a", parent=province, name="UBND xã An")
    b = AgencyFactory(code="b", parent=province, name="UBND xã Bình")
    commune_a = CommuneFactory(code=99001, name="Xã An")
    commune_b = CommuneFactory(code=99002, name="Xã Bình")
    c1 = CategoryFactory(code="thong-ke-1", name="Chiếu sáng")
    c2 = CategoryFactory(code="thong-ke-2", name="Rác thải")
    reporter = CitizenFactory(full_name="Nguyễn Thị Riêng Tư", phone="0987654321")

    def make(code, created, agency, commune, category, status, due, **fields):
        report = ReportFactory(
            code=code,
            agency=agency,
            commune=commune,
            category=category,
            status=status,
            resolve_due_at=due,
            acknowledge_due_at=created + dt.timedelta(hours=8),
            reporter=reporter,
            contact_phone="0911222333",
            title=f"Bí mật {code}",
            **fields,
        )
        Report.objects.filter(pk=report.pk).update(created_at=created)
        return report

    S = ReportStatus
    make(
        "R1",
        at(3, 3),
        a,
        commune_a,
        c1,
        S.RESOLVED,
        at(3, 13, 17),
        resolved_at=at(3, 4),
        rating=5,
        acknowledged_at=at(3, 3, 9),
    )
    make(
        "R2",
        at(3, 5),
        a,
        commune_a,
        c1,
        S.CLOSED,
        at(3, 6, 17),
        resolved_at=at(3, 7, 20),
        rating=2,
        closed_at=at(3, 15),
        escalation_level=1,
        is_overdue=True,
    )
    make("R3", at(3, 10), a, commune_a, c2, S.ACCEPTED, at(3, 12, 17))
    make("R4", at(3, 11), b, commune_b, c2, S.NEW, at(3, 25, 17))
    make("R5", at(3, 12, 10), b, commune_b, c1, S.REJECTED, at(3, 26, 17), closed_at=at(3, 12, 11))
    make(
        "R6", at(2, 20), a, commune_a, c1, S.RESOLVED, at(3, 6, 17), resolved_at=at(2, 21)
    )  # before the range
    make("R7", at(3, 14), b, commune_b, c1, S.CLOSED, at(3, 28, 17), resolved_at=at(3, 14, 20), rating=4)
    make("R8", at(3, 2), None, commune_a, c2, S.NEW, at(3, 16, 17))  # provincial triage queue
    return {"province": province, "a": a, "b": b, "c1": c1, "c2": c2, "commune_a": commune_a}
