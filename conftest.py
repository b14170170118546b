"""Suite-wide test setup: hermetic (no network beyond loopback), Vietnamese by default."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # pytest-django live_server + sync Playwright


@pytest.fixture(autouse=True)
def _clear_sms_outbox():
    from congdanso.notifications import sms_backends

    sms_backends.outbox.clear()
    yield
    sms_backends.outbox.clear()


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    yield
    try:
        cache.clear()
    except Exception:
        pass
