"""SMS delivery backends, chosen by ``settings.SMS_BACKEND``.

``console`` prints (development), ``memory`` keeps messages in ``outbox`` (tests), ``http`` posts JSON
to a provider gateway at ``SMS_HTTP_URL`` with a bearer token (production).
"""

import json
import logging
import sys
import urllib.request

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

outbox: list[dict] = []  # filled by the memory backend; tests clear it


class SmsDeliveryError(Exception):
    """The provider did not accept the message (a transient failure: retry later)."""


def _send_console(phone: str, text: str) -> str:
    sys.stdout.write(f"[SMS → {phone}] {text}\n")
    sys.stdout.flush()
    return "console"


def _send_memory(phone: str, text: str) -> str:
    outbox.append({"phone": phone, "text": text})
    return f"memory-{len(outbox)}"


def _send_http(phone: str, text: str) -> str:
    if not settings.SMS_HTTP_URL:
        raise ImproperlyConfigured("SMS_BACKEND=http cần SMS_HTTP_URL (SMS_HTTP_URL is required).")
    body = json.dumps({"to": phone, "text": text, "sender": settings.SMS_SENDER}).encode()
    request = urllib.request.Request(
        settings.SMS_HTTP_URL,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {settings.SMS_HTTP_TOKEN}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.SMS_HTTP_TIMEOUT) as response:
            payload = response.read()
    except OSError as error:
        raise SmsDeliveryError(str(error)) from error
    try:
        return str(json.loads(payload or b"{}").get("id", ""))
    except ValueError:
        return ""


_BACKENDS = {"console": _send_console, "memory": _send_memory, "http": _send_http}


def send_sms(phone: str, text: str) -> str:
    """Send one SMS now; returns the provider's message id. Raises ``SmsDeliveryError`` on failure."""
    try:
        backend = _BACKENDS[settings.SMS_BACKEND]
    except KeyError as error:
        raise ImproperlyConfigured(f"Unknown SMS_BACKEND {settings.SMS_BACKEND!r}") from error
    return backend(phone, text)
