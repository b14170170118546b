import pytest

from congdanso.notifications import sms_backends


@pytest.fixture
def sms_outbox():
    return sms_backends.outbox


def last_code(outbox) -> str:
    """The 6-digit code in the last SMS sent."""
    import re

    return re.search(r"\b(\d{6})\b", outbox[-1]["text"]).group(1)
