"""CSV and XLSX exports of the reports in an official's scope, one row per report.

No personal data ever: no reporter, contact, title, description, address or coordinates; only the
report's code, classification, responsible units, status, times and deadlines, escalation and rating.
Times are local (Asia/Ho_Chi_Minh). CSV is UTF-8 with a BOM (so Excel shows Vietnamese correctly) and
streamed row by row; XLSX is written by XlsxWriter in ``constant_memory`` mode to a temporary file
(flat memory for any size).
"""

import csv
import datetime as dt
import tempfile
from collections.abc import Iterator
from typing import IO

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _

from congdanso.feedback.deadlines import LOCAL
from congdanso.feedback.models import ReportStatus
from congdanso.feedback.statistics import received_between, reports_in_scope

FIELDS = (
    "code",
    "created_at",
    "category__name",
    "commune__name",
    "agency__name",
    "status",
    "acknowledged_at",
    "resolved_at",
    "closed_at",
    "acknowledge_due_at",
    "resolve_due_at",
    "is_overdue",
    "escalation_level",
    "rating",
)
STATUS_GROUPS = {"open": ReportStatus.open_values(), "closed": ReportStatus.closed_values()}
_DATETIME_COLUMNS = (1, 6, 7, 8, 9, 10)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_headers() -> list[str]:
    return [
        _("Mã phản ánh"),
        _("Ngày gửi"),
        _("Lĩnh vực"),
        _("Xã/phường"),
        _("Cơ quan xử lý"),
        _("Trạng thái"),
        _("Tiếp nhận lúc"),
        _("Giải quyết lúc"),
        _("Đóng lúc"),
        _("Hạn tiếp nhận"),
        _("Hạn giải quyết"),
        _("Quá hạn"),
        _("Cấp chuyển lên"),
        _("Đánh giá"),
    ]


def export_queryset(*, user, since: dt.date | None = None, until: dt.date | None = None, status: str = ""):
    """The reports to export: in scope, received in ``[since, until]``, with ``status`` (a status, "open",
    "closed" or empty for all), oldest first."""
    reports = received_between(reports_in_scope(user), since, until)
    if status in STATUS_GROUPS:
        reports = reports.filter(status__in=list(STATUS_GROUPS[status]))
    elif status:
        reports = reports.filter(status=status)
    return reports.order_by("created_at", "code")


def _is_late(row: tuple, now: dt.datetime) -> bool:
    status, resolved_at, resolve_due_at, flagged = row[5], row[7], row[10], row[11]
    if flagged:
        return True
    if resolve_due_at is None:
        return False
    if status in ReportStatus.open_values():
        return resolve_due_at < now
    return resolved_at is not None and resolved_at > resolve_due_at


def export_rows(queryset, *, now: dt.datetime | None = None) -> Iterator[list]:
    """Typed rows: local naive datetimes, status label, overdue as bool, numbers as numbers (one query)."""
    now = now or timezone.now()
    for row in queryset.values_list(*FIELDS).iterator(chunk_size=2000):
        values = list(row)
        for index in _DATETIME_COLUMNS:
            if values[index] is not None:
                values[index] = values[index].astimezone(LOCAL).replace(tzinfo=None)
        values[5] = str(ReportStatus(values[5]).label)
        values[11] = _is_late(row, now)
        yield values


class _Echo:
    """A file-like object whose ``write`` returns the line (for streaming the csv writer's output)."""

    def write(self, value: str) -> str:
        return value


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text  # no formulas in Excel


def export_csv_lines(rows) -> Iterator[str]:
    """A byte-order mark, the header line, then one line per row (for StreamingHttpResponse)."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(export_headers())
    for row in rows:
        yield writer.writerow([_csv_cell(value) for value in row])


def export_xlsx_file(rows) -> IO[bytes]:
    """Write the rows to an XLSX workbook in a temporary file (rewound, ready to stream)."""
    output = tempfile.TemporaryFile()
    workbook = xlsxwriter.Workbook(
        output, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    sheet = workbook.add_worksheet(_("Phản ánh"))
    bold = workbook.add_format({"bold": True})
    moment = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 10, 18)
    sheet.write_row(0, 0, export_headers(), bold)
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, bool):
                sheet.write_string(row_number, column, _("Có") if value else _("Không"))
            elif isinstance(value, dt.datetime):
                sheet.write_datetime(row_number, column, value, moment)
            elif isinstance(value, int):
                sheet.write_number(row_number, column, value)
            else:
                sheet.write_string(row_number, column, str(value))
    workbook.close()
    output.seek(0)
    return output
