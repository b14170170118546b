"""Receipt codes ``PAKN.YYYYMMDD.NNNN``: one counter row per local day, incremented under a row lock.

Safe under concurrency on SQLite (writers are serialised) and PostgreSQL (``select_for_update`` on the day
row; the row is created with ``get_or_create``, whose unique-day race is retried by Django). Four digits at
least; the number simply grows past 9999.
"""

import datetime as dt

from django.db import transaction

from congdanso.feedback.deadlines import LOCAL
from congdanso.feedback.models import ReceiptSequence

PREFIX = "PAKN"


def receipt_code_issue(*, received_at: dt.datetime) -> str:
    """The next receipt code of the local day of ``received_at`` (inside the caller's transaction)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("receipt_code_issue must run inside the transaction that stores the report.")
    day = received_at.astimezone(LOCAL).date()
    ReceiptSequence.objects.get_or_create(day=day)
    sequence = ReceiptSequence.objects.select_for_update().get(day=day)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return f"{PREFIX}.{day:%Y%m%d}.{sequence.last_number:04d}"
