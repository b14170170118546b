"""A short-lived, per-process cache of rendered ``GET requests`` answers.

Open311 clients poll the same query again and again (FixMyStreet every few minutes), and the default
answer holds up to 1,000 requests. The key is the format, the normalised query string and a freshness
stamp: the latest ``updated_at`` of any report and of any category (two index lookups). Every change
to a report (state change, hide, transfer, answer) or to a category saves ``updated_at``, so it makes
a new key at once. Entries live ``settings.OPEN311_CACHE_SECONDS`` (0 turns the cache off); the
rolling 90-day default window can therefore lag by at most that many seconds.
"""

import time
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.db import connection

from congdanso.feedback.models import Category, Report

MAX_ENTRIES = 32
_entries: OrderedDict = OrderedDict()


def freshness_stamp() -> tuple:
    """Latest report and category updates, in one round trip (two index lookups)."""
    sql = (
        f"SELECT (SELECT MAX(updated_at) FROM {Report._meta.db_table}),"
        f" (SELECT MAX(updated_at) FROM {Category._meta.db_table})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchone())


def cache_clear() -> None:
    _entries.clear()


def cached_body(fmt: str, params, build: Callable[[], bytes]) -> bytes:
    """The rendered body for this query: from the cache when fresh, else ``build()`` (and remembered)."""
    ttl = settings.OPEN311_CACHE_SECONDS
    if ttl <= 0:
        return build()
    query = tuple(sorted((name, tuple(params.getlist(name))) for name in params))
    key = (fmt, query, freshness_stamp())
    now = time.monotonic()
    entry = _entries.get(key)
    if entry is not None and now - entry[0] < ttl:
        _entries.move_to_end(key)
        return entry[1]
    body = build()
    _entries[key] = (now, body)
    while len(_entries) > MAX_ENTRIES:
        _entries.popitem(last=False)
    return body
