"""``manage.py feedback_generate --reports N``: fill the database with N realistic reports (bench/demo data).

Lạng Sơn only (province ``settings.PROVINCE_CODE``, its communes must be loaded; the packaged boundaries are
imported when none are stored). Reports spread over the last ``--years`` years (more on working days and
office hours, slowly growing), pins inside the commune outlines, the agency the routing rules give, deadlines
from the working calendar (the same rule as ``report_deadlines``), receipt codes ``PAKN.YYYYMMDD.NNNN``
numbered per local day after the existing counters (which are moved on), and each report's life simulated
against now: most are closed or resolved, some still open, a few overdue. Each report gets its timeline
events. PostgreSQL: COPY; other databases: bulk_create. Deterministic for a given ``--seed`` and clock.

Bench data only: it bypasses ``feedback_submit`` (no audit events, no notifications, no photos).
"""

import datetime as dt
import json
import random
import time
import uuid

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from congdanso.feedback.deadlines import LOCAL, end_of_working_day, office_periods
from congdanso.feedback.models import (
    Category,
    ReceiptSequence,
    Report,
    ReportEvent,
    ReportEventKind,
    ReportSource,
    ReportStatus,
)
from congdanso.feedback.services.receipts import PREFIX
from congdanso.feedback.services.routing import routing_agency_for
from congdanso.places.boundary_import import boundaries_import_packaged
from congdanso.places.models import AdministrativeUnit, CommuneBoundary, UnitLevel, UnitType
from congdanso.workdays.selectors import calendar_for

S = ReportStatus
E = ReportEventKind
PINS_PER_COMMUNE = 4096
EVENT_COLUMNS = ["report", "kind", "from_status", "to_status", "message", "data", "is_public", "created_at"]
PROBLEMS = [
    ("Cần kiểm tra, xử lý", "Đề nghị cơ quan chức năng kiểm tra và xử lý sớm."),
    ("Kéo dài nhiều ngày", "Tình trạng này đã kéo dài nhiều ngày, ảnh hưởng đến sinh hoạt của người dân."),
    ("Gây nguy hiểm", "Có nguy cơ mất an toàn, nhất là vào buổi tối và khi trời mưa."),
    ("Nhiều hộ dân bức xúc", "Nhiều hộ dân trong thôn đã phản ánh nhưng chưa thấy chuyển biến."),
]
ANSWERS = [
    "Đơn vị đã kiểm tra và khắc phục xong. Cảm ơn người dân đã phản ánh.",
    "Đã giao tổ công tác xử lý dứt điểm; sẽ tiếp tục theo dõi.",
]
REJECTION = "Nội dung không thuộc thẩm quyền giải quyết; đề nghị liên hệ cơ quan có thẩm quyền."
SOURCES = (
    [ReportSource.WEB] * 14 + [ReportSource.API] * 3 + [ReportSource.OPEN311] * 2 + [ReportSource.OFFICIAL]
)


def acknowledge_due(calendar, start: dt.datetime, hours: float) -> dt.datetime:
    """``deadlines.add_office_hours`` with an already built calendar (one lookup for a million reports)."""
    remaining = dt.timedelta(hours=hours)
    moment = start.astimezone(LOCAL)
    day = moment.date()
    periods = office_periods()
    while True:
        if calendar.is_working_day(day):
            for period_start, period_end in periods:
                end = dt.datetime.combine(day, period_end, LOCAL)
                if moment >= end:
                    continue
                begin = max(dt.datetime.combine(day, period_start, LOCAL), moment)
                if remaining <= end - begin:
                    return begin + remaining
                remaining -= end - begin
        day += dt.timedelta(days=1)
        moment = dt.datetime.combine(day, dt.time.min, LOCAL)


def commune_pins(communes, rng: random.Random) -> dict[int, list[tuple[float, float]]]:
    """Random points inside each commune's outline (rejection sampling in its bounding box)."""
    import numpy
    import shapely
    from shapely.geometry import shape

    generator = numpy.random.default_rng(rng.getrandbits(32))
    pins = {}
    for boundary in CommuneBoundary.objects.filter(unit__in=communes).order_by("unit__code"):
        geometry = shape(json.loads(boundary.geometry))
        kept_lat, kept_lon = [], []
        while sum(len(part) for part in kept_lat) < PINS_PER_COMMUNE:
            lon = generator.uniform(boundary.min_longitude, boundary.max_longitude, PINS_PER_COMMUNE)
            lat = generator.uniform(boundary.min_latitude, boundary.max_latitude, PINS_PER_COMMUNE)
            inside = shapely.contains_xy(geometry, lon, lat)
            kept_lat.append(lat[inside])
            kept_lon.append(lon[inside])
        lat, lon = numpy.concatenate(kept_lat), numpy.concatenate(kept_lon)
        pins[boundary.unit_id] = [
            (round(float(a), 6), round(float(b), 6))
            for a, b in zip(lat[:PINS_PER_COMMUNE], lon[:PINS_PER_COMMUNE], strict=True)
        ]
    return pins


def day_counts(total: int, first: dt.date, last: dt.date, calendar, rng: random.Random) -> dict:
    """``total`` split over the days: working days ~3x days off, growing 60% over the period."""
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    span = max(1, len(days) - 1)
    weights = [
        (1.0 if calendar.is_working_day(day) else 0.35) * (1 + 0.6 * n / span) for n, day in enumerate(days)
    ]
    scale = total / sum(weights)
    counts = {day: int(weight * scale) for day, weight in zip(days, weights, strict=True)}
    for day in rng.choices(days, weights=weights, k=total - sum(counts.values())):
        counts[day] += 1
    return counts


def seconds_of_day(rng: random.Random, limit: int) -> int:
    """A time of day, mostly 7:00–21:00, below ``limit`` seconds."""
    while True:
        value = int(rng.gauss(13.5 * 3600, 3.5 * 3600)) if rng.random() < 0.9 else rng.randrange(86400)
        if 0 <= value < limit:
            return value


class Generator:
    """Builds the rows; ``rows()`` yields (report fields, events) in receipt order."""

    def __init__(self, *, total: int, years: int, rng: random.Random, now: dt.datetime):
        self.total, self.rng, self.now = total, rng, now
        province = settings.PROVINCE_CODE
        self.communes = list(
            AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, parent__code=province).order_by("code")
        )
        if not self.communes:
            raise CommandError("Chưa nạp danh mục đơn vị hành chính: chạy `congdanso load-units` trước.")
        if not CommuneBoundary.objects.filter(unit__in=self.communes).exists():
            boundaries_import_packaged()
        self.pins = commune_pins(self.communes, rng)
        self.communes = [unit for unit in self.communes if unit.pk in self.pins]
        if not self.communes:
            raise CommandError("Không có ranh giới xã/phường nào của tỉnh để đặt vị trí phản ánh.")
        self.commune_weights = [3.0 if unit.unit_type == UnitType.WARD else 1.0 for unit in self.communes]
        self.categories = list(Category.objects.filter(is_active=True).order_by("position", "code"))
        if not self.categories:
            raise CommandError("Chưa có lĩnh vực phản ánh (chạy migrate).")
        self.category_weights = [max(1, 12 - n) for n in range(len(self.categories))]
        self.agency = {
            (category.pk, unit.pk): getattr(routing_agency_for(category=category, commune=unit), "pk", None)
            for category in self.categories
            for unit in self.communes
        }
        from congdanso.accounts.models import User, UserKind

        self.citizens = list(
            User.objects.filter(kind=UserKind.CITIZEN, is_active=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        self.calendar = calendar_for(province)
        local_now = now.astimezone(LOCAL)
        self.today = local_now.date()
        self.today_seconds = local_now.hour * 3600 + local_now.minute * 60 + local_now.second
        first = self.today - dt.timedelta(days=365 * years - 1)
        self.counts = day_counts(total, first, self.today, self.calendar, rng)
        self.sequence_start = dict(
            ReceiptSequence.objects.filter(day__gte=first).values_list("day", "last_number")
        )
        self._resolve_due = {}

    def resolve_due(self, category, received_at: dt.datetime) -> dt.datetime:
        key = (category.resolve_working_days, received_at.astimezone(LOCAL).date())
        if key not in self._resolve_due:
            start = self.calendar.count_start_for_receipt(received_at, paper=False)
            self._resolve_due[key] = end_of_working_day(
                self.calendar.add_working_days(start, category.resolve_working_days)
            )
        return self._resolve_due[key]

    def rows(self):
        for day, count in self.counts.items():
            limit = self.today_seconds if day == self.today else 86400
            midnight = dt.datetime.combine(day, dt.time.min, LOCAL)
            times = sorted(seconds_of_day(self.rng, max(1, limit)) for _ in range(count))
            start = self.sequence_start.get(day, 0)
            for number, second in enumerate(times, start + 1):
                code = f"{PREFIX}.{day:%Y%m%d}.{number:04d}"
                yield self.report(code, (midnight + dt.timedelta(seconds=second)).astimezone(dt.UTC))

    def report(self, code: str, received: dt.datetime):
        rng, now = self.rng, self.now
        category = rng.choices(self.categories, weights=self.category_weights)[0]
        unit = rng.choices(self.communes, weights=self.commune_weights)[0]
        latitude, longitude = rng.choice(self.pins[unit.pk])
        ack_due = acknowledge_due(self.calendar, received, category.acknowledge_hours)
        resolve_due = self.resolve_due(category, received)
        # The report's life: acknowledged (10% late), then settled (10% late, 2% never), judged against now.
        acknowledged = received + (ack_due - received) * (
            rng.uniform(0.05, 1.0) if rng.random() < 0.9 else rng.uniform(1.0, 3.0)
        )
        roll = rng.random()
        settled = None
        if roll < 0.98:
            window = max(resolve_due - acknowledged, dt.timedelta(hours=1))
            settled = acknowledged + window * (
                rng.uniform(0.1, 1.0) if roll < 0.88 else rng.uniform(1.0, 2.0)
            )
        outcome = rng.random()
        fields = {
            "id": uuid.UUID(int=rng.getrandbits(128), version=4),
            "code": code,
            "category_id": category.pk,
            "commune_id": unit.pk,
            "agency_id": self.agency[(category.pk, unit.pk)],
            "latitude": latitude,
            "longitude": longitude,
            "address": f"Thôn {rng.randint(1, 15)}, {unit.name}",
            "acknowledge_due_at": ack_due,
            "resolve_due_at": resolve_due,
            "created_at": received,
            "source": rng.choice(SOURCES),
            "is_public": rng.random() < 0.92,
            "is_anonymous": rng.random() < 0.1,
            "is_hidden": rng.random() < 0.002,
        }
        title, description = rng.choice(PROBLEMS)
        fields["title"] = f"{category.name}: {title.lower()}"
        fields["description"] = f"{description} Địa điểm: {fields['address']}."
        if self.citizens and fields["source"] in (ReportSource.WEB, ReportSource.API):
            fields["reporter_id"] = self.citizens[rng.randrange(len(self.citizens))]
        events = [(E.SUBMITTED, "", S.NEW, received)]
        last = received
        if acknowledged > now:
            status = S.NEW
        elif settled is None or settled > now:
            status = S.AWAITING_INFO if outcome < 0.12 else S.ACCEPTED
            fields["acknowledged_at"] = last = acknowledged
            events.append((E.ACCEPTED, S.NEW, S.ACCEPTED, acknowledged))
            if status == S.AWAITING_INFO:
                events.append((E.INFO_REQUESTED, S.ACCEPTED, S.AWAITING_INFO, acknowledged))
        elif outcome < 0.04:
            status = S.DUPLICATE
            fields["acknowledged_at"] = fields["closed_at"] = last = acknowledged
            events.append((E.MERGED, S.NEW, S.DUPLICATE, acknowledged))
        elif outcome < 0.10:
            status = S.REJECTED
            fields["acknowledged_at"], fields["closed_at"], last = acknowledged, settled, settled
            fields["public_answer"] = REJECTION
            events += [
                (E.ACCEPTED, S.NEW, S.ACCEPTED, acknowledged),
                (E.REJECTED, S.ACCEPTED, S.REJECTED, settled),
            ]
        else:
            fields["acknowledged_at"], fields["resolved_at"], last = acknowledged, settled, settled
            fields["public_answer"] = rng.choice(ANSWERS)
            events += [
                (E.ACCEPTED, S.NEW, S.ACCEPTED, acknowledged),
                (E.RESOLVED, S.ACCEPTED, S.RESOLVED, settled),
            ]
            closing = settled + dt.timedelta(days=settings.FEEDBACK_REOPEN_DAYS)
            status = S.CLOSED if closing <= now else S.RESOLVED
            if rng.random() < 0.4:
                rated = settled + (min(closing, now) - settled) * rng.random()
                fields["rating"] = rng.choices([1, 2, 3, 4, 5], weights=[1, 1, 3, 8, 10])[0]
                fields["rated_at"] = last = rated
                events.append((E.RATED, "", "", rated))
            if status == S.CLOSED:
                fields["closed_at"] = last = closing
                events.append((E.CLOSED, S.RESOLVED, S.CLOSED, closing))
        fields["status"] = status
        is_open = status in S.open_values()
        late_ack = fields.get("acknowledged_at", now) > ack_due
        late_resolve = (settled or now) > resolve_due if status != S.DUPLICATE else False
        fields["is_overdue"] = (
            (late_resolve or late_ack)
            if not is_open
            else (resolve_due < now or (status == S.NEW and ack_due < now))
        )
        fields["updated_at"] = last
        return fields, events


class Command(BaseCommand):
    help = "Sinh N phản ánh giả lập (dữ liệu đo hiệu năng) ở các xã/phường của tỉnh trong --years năm qua."

    def add_arguments(self, parser):
        parser.add_argument("--reports", type=int, required=True)
        parser.add_argument("--years", type=int, default=3)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--batch", type=int, default=20000)
        parser.add_argument("--quiet", action="store_true", help="Không hiện thanh tiến độ.")

    def handle(self, *args, reports: int, years: int, seed: int, batch: int, quiet: bool, **options):
        if reports < 1 or years < 1 or batch < 1:
            raise CommandError("--reports, --years và --batch phải là số dương.")
        started = time.perf_counter()
        now = timezone.now()
        generator = Generator(total=reports, years=years, rng=random.Random(seed), now=now)
        bar = tqdm(total=reports, unit="phản ánh", disable=quiet, file=self.stderr._out)
        with transaction.atomic():
            stats, event_count = _write(generator.rows(), batch, bar)
            ReceiptSequence.objects.bulk_create(
                [
                    ReceiptSequence(day=day, last_number=generator.sequence_start.get(day, 0) + count)
                    for day, count in generator.counts.items()
                    if count
                ],
                update_conflicts=True,
                unique_fields=["day"],
                update_fields=["last_number"],
            )
        bar.close()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE feedback_report")
                cursor.execute("ANALYZE feedback_reportevent")
        mix = ", ".join(f"{status} {stats.get(status, 0)}" for status in S.values)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sinh {reports} phản ánh ({event_count} diễn biến) ở {len(generator.communes)} "
                f"xã/phường, {len(generator.categories)} lĩnh vực, {years} năm, "
                f"trong {time.perf_counter() - started:.1f} s."
            )
        )
        self.stdout.write(f"Trạng thái: {mix}; quá hạn: {stats['overdue']}.")


def _count(stats: dict, fields: dict) -> None:
    stats[fields["status"]] = stats.get(fields["status"], 0) + 1
    stats["overdue"] += fields["is_overdue"] and fields["status"] in S.open_values()


def _batches(rows, batch: int, stats: dict):
    """Lists of (report row, event rows) of at most ``batch`` reports, counting statuses on the way."""
    chunk = []
    for fields, timeline in rows:
        stats[fields["status"]] = stats.get(fields["status"], 0) + 1
        stats["overdue"] += fields["is_overdue"] and fields["status"] in S.open_values()
        chunk.append((fields, timeline))
        if len(chunk) >= batch:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


REPORT_FIELDS = Report._meta.concrete_fields
EVENT_FIELDS = [ReportEvent._meta.get_field(name) for name in EVENT_COLUMNS]


def _report_values(fields: dict, defaults: dict) -> list:
    return [fields.get(field.attname, defaults[field.attname]) for field in REPORT_FIELDS]


def _event_values(report_id, timeline) -> list[list]:
    return [
        [report_id, kind, before, after, "", {}, True, moment] for kind, before, after, moment in timeline
    ]


def _write(rows, batch: int, bar) -> tuple[dict, int]:
    """COPY on PostgreSQL, executemany elsewhere (bulk_create would overwrite the auto timestamps)."""
    stats, event_count = {"overdue": 0}, 0
    defaults = {field.attname: field.get_default() for field in REPORT_FIELDS}
    postgres = connection.vendor == "postgresql"
    report_table = (Report._meta.db_table, [field.column for field in REPORT_FIELDS])
    event_table = (ReportEvent._meta.db_table, [field.column for field in EVENT_FIELDS])
    with connection.cursor() as cursor:
        for chunk in _batches(rows, batch, stats):
            reports = [_report_values(fields, defaults) for fields, _ in chunk]
            events = [row for fields, timeline in chunk for row in _event_values(fields["id"], timeline)]
            if postgres:
                _copy(cursor, report_table, reports, REPORT_FIELDS)
                _copy(cursor, event_table, events, EVENT_FIELDS)
            else:
                _insert(cursor, report_table, reports, REPORT_FIELDS)
                _insert(cursor, event_table, events, EVENT_FIELDS)
            event_count += len(events)
            bar.update(len(chunk))
    return stats, event_count


def _copy(cursor, table, rows, fields) -> None:
    json_positions = [n for n, field in enumerate(fields) if field.get_internal_type() == "JSONField"]
    name, columns = table
    with cursor.connection.cursor().copy(f"COPY {name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            for position in json_positions:
                row[position] = json.dumps(row[position])
            copy.write_row(row)


def _insert(cursor, table, rows, fields) -> None:
    name, columns = table
    placeholders = ", ".join(["%s"] * len(columns))
    prepared = [
        [field.get_db_prep_save(value, connection) for field, value in zip(fields, row, strict=True)]
        for row in rows
    ]
    cursor.executemany(f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({placeholders})", prepared)
