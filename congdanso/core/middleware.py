"""Request id and language selection."""

import re
import uuid

from django.conf import settings
from django.utils import translation

from congdanso.core.request_context import current_request_id

_REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Gives each request an id (from ``X-Request-ID`` when sane), echoed back and stored on audit events."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID_PATTERN.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class LanguageMiddleware:
    """Vietnamese unless asked otherwise.

    Pages follow the language cookie set by the language switch. The API (``/api/``) follows
    ``Accept-Language`` so that machine clients can ask for English per request.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def _choose(self, request) -> str:
        if request.path.startswith("/api/"):
            header = request.headers.get("Accept-Language", "")
            for part in header.split(","):
                code = part.split(";")[0].strip().lower()[:2]
                if code in self.supported:
                    return code
            return settings.LANGUAGE_CODE
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        return cookie if cookie in self.supported else settings.LANGUAGE_CODE

    def __call__(self, request):
        language = self._choose(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        if not request.path.startswith("/api/"):
            response.headers.setdefault("Vary", "Cookie")
        return response
