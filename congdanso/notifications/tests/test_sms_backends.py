"""SMS backends: memory, console, and http against a local gateway on 127.0.0.1."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.exceptions import ImproperlyConfigured

from congdanso.notifications import sms_backends
from congdanso.notifications.sms_backends import SmsDeliveryError, send_sms


class _Gateway(BaseHTTPRequestHandler):
    received: list[dict] = []
    reply_status = 200
    reply_body = b'{"id": "msg-77"}'

    def do_POST(self):  # noqa: N802 - http.server API
        length = int(self.headers["Content-Length"])
        type(self).received.append(
            {
                "path": self.path,
                "authorization": self.headers["Authorization"],
                "content_type": self.headers["Content-Type"],
                "body": json.loads(self.rfile.read(length)),
            }
        )
        self.send_response(type(self).reply_status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(type(self).reply_body)

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    _Gateway.received = []
    _Gateway.reply_status, _Gateway.reply_body = 200, b'{"id": "msg-77"}'
    server = HTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SMS_BACKEND = "http"
    settings.SMS_HTTP_URL = f"http://127.0.0.1:{server.server_port}/sms/send"
    settings.SMS_HTTP_TOKEN = "bi-mat"
    settings.SMS_SENDER = "LANGSON"
    settings.SMS_HTTP_TIMEOUT = 5
    yield _Gateway
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_http_backend_posts_json_with_a_bearer_token(gateway):
    assert send_sms("0912345678", "Xin chào") == "msg-77"
    assert gateway.received == [
        {
            "path": "/sms/send",
            "authorization": "Bearer bi-mat",
            "content_type": "application/json",
            "body": {"to": "0912345678", "text": "Xin chào", "sender": "LANGSON"},
        }
    ]


def test_http_backend_error_status_is_a_delivery_error(gateway):
    gateway.reply_status, gateway.reply_body = 503, b'{"error": "busy"}'
    with pytest.raises(SmsDeliveryError):
        send_sms("0912345678", "Xin chào")
    assert len(gateway.received) == 1


def test_http_backend_tolerates_a_non_json_reply(gateway):
    gateway.reply_body = b"OK"
    assert send_sms("0912345678", "Xin chào") == ""


def test_http_backend_unreachable_is_a_delivery_error(gateway, settings):
    settings.SMS_HTTP_URL = "http://127.0.0.1:1/sms"
    with pytest.raises(SmsDeliveryError):
        send_sms("0912345678", "Xin chào")


def test_http_backend_needs_a_url(settings):
    settings.SMS_BACKEND = "http"
    settings.SMS_HTTP_URL = ""
    with pytest.raises(ImproperlyConfigured):
        send_sms("0912345678", "Xin chào")


def test_unknown_backend_is_a_configuration_error(settings):
    settings.SMS_BACKEND = "pigeon"
    with pytest.raises(ImproperlyConfigured):
        send_sms("0912345678", "Xin chào")


def test_memory_backend_keeps_messages(settings):
    settings.SMS_BACKEND = "memory"
    assert send_sms("0912345678", "Một") == "memory-1"
    assert send_sms("0987654321", "Hai") == "memory-2"
    assert sms_backends.outbox == [
        {"phone": "0912345678", "text": "Một"},
        {"phone": "0987654321", "text": "Hai"},
    ]


def test_console_backend_prints(settings, capsys):
    settings.SMS_BACKEND = "console"
    assert send_sms("0912345678", "Xin chào") == "console"
    assert capsys.readouterr().out == "[SMS → 0912345678] Xin chào\n"
