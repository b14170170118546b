"""Time the feedback overdue sweep over a large PostgreSQL table of reports.

Run: ``.venv/bin/python bench/bench_feedback_sweep.py [--reports 1000000] [--due 1000,10000] [--reuse]``
against ``DATABASE_URL`` (default postgres://postgres@127.0.0.1:5432/cds_bench_sweep, created if missing).

Data: 65 communes with one commune committee each under the provincial committee (one supervisor per agency),
``--reports`` reports spread over three years (COPY): all but 20,000 closed; 20,000 open ones received in the
last days with deadlines ahead. Then: the sweep with nothing due; for each size in ``--due``, that many open
reports made overdue (resolve deadline passed), the sweep timed, and the sweep rerun (nothing more due).
"""

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cds_bench_sweep"
os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
os.environ["DJANGO_SETTINGS_MODULE"] = "congdanso.settings.development"
os.environ["DEBUG"] = "false"

OPEN_REPORTS = 20_000
COMMUNES = 65


def ensure_database(url: str) -> None:
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        raise SystemExit("This benchmark needs PostgreSQL (DATABASE_URL=postgres://...).")
    admin = dict(host=config["HOST"], port=config["PORT"] or 5432, user=config["USER"], dbname="postgres")
    if config["PASSWORD"]:
        admin["password"] = config["PASSWORD"]
    with psycopg.connect(**admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{config["NAME"]}"')
            print(f"created database {config['NAME']}")


def seconds(started: float) -> str:
    return f"{time.perf_counter() - started:.3f} s"


def seed_places():
    from congdanso.accounts.models import OfficialRole, Role, User, UserKind
    from congdanso.places.models import AdministrativeUnit, Agency, AgencyKind, UnitLevel, UnitType

    province, _ = AdministrativeUnit.objects.get_or_create(
        level=UnitLevel.PROVINCE,
        code=20,
        defaults={
            "name": "Tỉnh Lạng Sơn",
            "short_name": "Lạng Sơn",
            "codename": "lang_son",
            "unit_type": UnitType.PROVINCE,
        },
    )
    top, _ = Agency.objects.get_or_create(
        code="bench-ubnd-tinh",
        defaults={"name": "UBND tỉnh Lạng Sơn", "kind": AgencyKind.PROVINCIAL_COMMITTEE, "unit": province},
    )
    communes, agencies = [], []
    for number in range(1, COMMUNES + 1):
        unit, _ = AdministrativeUnit.objects.get_or_create(
            level=UnitLevel.COMMUNE,
            code=980000 + number,
            defaults={
                "name": f"Xã Đo Đạc {number}",
                "short_name": f"Đo Đạc {number}",
                "codename": f"xa_do_dac_{number}",
                "unit_type": UnitType.COMMUNE,
                "parent": province,
            },
        )
        agency, _ = Agency.objects.get_or_create(
            code=f"bench-ubnd-xa-{number}",
            defaults={
                "name": f"UBND xã Đo Đạc {number}",
                "kind": AgencyKind.COMMUNE_COMMITTEE,
                "unit": unit,
                "parent": top,
            },
        )
        communes.append(unit.pk)
        agencies.append(agency.pk)
    for agency_id in [top.pk, *agencies]:
        user, created = User.objects.get_or_create(
            username=f"bench-gs-{agency_id}", defaults={"kind": UserKind.OFFICIAL, "agency_id": agency_id}
        )
        if created:
            OfficialRole.objects.create(user=user, role=Role.SUPERVISOR, agency_id=agency_id)
    return communes, agencies


def copy_reports(total: int, communes: list[int], agencies: list[int], now: dt.datetime) -> None:
    from django.db import connection

    from congdanso.feedback.models import Category, Report

    categories = list(Category.objects.values_list("pk", flat=True)) or [
        Category.objects.create(code="bench", name="Đo đạc").pk
    ]
    fields = [field for field in Report._meta.concrete_fields]
    columns = [field.column for field in fields]
    rng = random.Random(20)
    three_years = 3 * 365 * 86400
    started = time.perf_counter()
    with connection.cursor() as cursor:
        raw = cursor.connection
        with raw.cursor().copy(f"COPY feedback_report ({', '.join(columns)}) FROM STDIN") as copy:
            for number in range(total):
                place = rng.randrange(COMMUNES)
                is_open = number < OPEN_REPORTS
                if is_open:
                    created = now - dt.timedelta(seconds=rng.randrange(5 * 86400))
                else:
                    created = now - dt.timedelta(days=40, seconds=rng.randrange(three_years))
                resolve_due = created + dt.timedelta(days=14)
                values = {
                    "id": uuid.uuid4(),
                    "code": f"PAKN.B{number:08d}",
                    "category": rng.choice(categories),
                    "title": "Phản ánh đo đạc",
                    "description": "Nội dung đo đạc.",
                    "latitude": 21.85 + rng.random() / 10,
                    "longitude": 106.76 + rng.random() / 10,
                    "commune": communes[place],
                    "agency": agencies[place],
                    "status": ("new" if number % 2 else "accepted") if is_open else "closed",
                    "acknowledge_due_at": created + dt.timedelta(days=1)
                    if not is_open
                    else now + dt.timedelta(days=1),
                    "resolve_due_at": resolve_due if not is_open else now + dt.timedelta(days=10),
                    "acknowledged_at": None if is_open else created + dt.timedelta(hours=4),
                    "resolved_at": None if is_open else created + dt.timedelta(days=rng.randrange(1, 20)),
                    "closed_at": None if is_open else created + dt.timedelta(days=30),
                    "rating": None if is_open else rng.choice([None, 3, 4, 5]),
                    "created_at": created,
                    "updated_at": created,
                }
                row = []
                for field in fields:
                    value = values.get(field.name, values.get(field.attname, field.get_default()))
                    if field.get_internal_type() == "JSONField":
                        value = json.dumps(value)
                    row.append(value)
                copy.write_row(row)
                if number and number % 200_000 == 0:
                    print(f"  {number} rows copied ({seconds(started)})", flush=True)
        cursor.execute("ANALYZE feedback_report")
    print(f"copied {total} reports in {seconds(started)}")


def explain(now: dt.datetime) -> None:
    from django.db import connection

    from congdanso.feedback.models import Report, ReportStatus

    queries = {
        "acknowledge": Report.objects.filter(
            status=ReportStatus.NEW, acknowledge_due_at__lte=now, escalation_level=0
        )
        .order_by("acknowledge_due_at", "pk")
        .only("id")[:500],
        "resolve": Report.objects.filter(
            status__in=list(ReportStatus.open_values()), resolve_due_at__lte=now, escalation_level__lt=2
        )
        .order_by("resolve_due_at", "pk")
        .only("id")[:500],
    }
    with connection.cursor() as cursor:
        for name, queryset in queries.items():
            sql, params = queryset.query.sql_with_params()
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            print(f"EXPLAIN {name}:")
            for (line,) in cursor.fetchall():
                print("   ", line)


def timed_sweep(label: str, now: dt.datetime) -> dict:
    from congdanso.feedback.services.escalation import feedback_escalate_overdue

    started = time.perf_counter()
    result = feedback_escalate_overdue(now=now)
    print(f"sweep {label}: {seconds(started)} -> {result}", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--due", default="1000,10000")
    parser.add_argument("--reuse", action="store_true", help="keep the reports already in the database")
    arguments = parser.parse_args()
    ensure_database(os.environ["DATABASE_URL"])

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from congdanso.feedback.models import Escalation, Report, ReportStatus

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    now = timezone.now()
    communes, agencies = seed_places()
    if not arguments.reuse or Report.objects.count() != arguments.reports:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE feedback_report, feedback_escalation, feedback_reportevent, audit_auditevent, "
                "notifications_notification CASCADE"
            )
        print(f"truncated in {seconds(started)}")
        copy_reports(arguments.reports, communes, agencies, now)
    else:
        Report.objects.filter(status__in=list(ReportStatus.open_values())).update(
            resolve_due_at=now + dt.timedelta(days=10),
            acknowledge_due_at=now + dt.timedelta(days=1),
            escalation_level=0,
            is_overdue=False,
        )
        Escalation.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE feedback_report")

    open_count = Report.objects.filter(status__in=list(ReportStatus.open_values())).count()
    print(f"reports: {Report.objects.count()}, open: {open_count}")
    explain(now)
    for run in range(3):
        timed_sweep(f"nothing due (run {run + 1})", now)

    waiting = 0
    for size in [int(value) for value in arguments.due.split(",") if value]:
        pool = list(
            Report.objects.filter(status__in=list(ReportStatus.open_values()), escalation_level=0)
            .order_by("code")
            .values_list("pk", flat=True)[:size]
        )
        waiting += len(pool)
        Report.objects.filter(pk__in=pool).update(resolve_due_at=now - dt.timedelta(hours=1))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE feedback_report")
        result = timed_sweep(f"{size} due", now)
        assert result["resolve"] == len(pool), result
        timed_sweep(f"rerun after {size} due (nothing more due, {waiting} waiting for the next period)", now)
    explain(now)


if __name__ == "__main__":
    main()
