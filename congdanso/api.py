"""The one django-ninja API at ``/api/v1/``. Each app contributes a router from its own ``api.py``."""

from django.conf import settings
from ninja import NinjaAPI
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from congdanso.core.api_errors import install_error_handlers


def build_api() -> NinjaAPI:
    api = NinjaAPI(
        title="Công dân số API",
        version="1",
        description="API của nền tảng Công dân số. Lỗi luôn có dạng {code, message, details}; "
        "gửi `Accept-Language: en` để nhận thông báo tiếng Anh.",
        urls_namespace="api",
        throttle=[AnonRateThrottle(settings.API_THROTTLE_ANON), AuthRateThrottle(settings.API_THROTTLE_AUTH)],
    )
    install_error_handlers(api)

    from congdanso.accounts.api import router as accounts_router
    from congdanso.audit.api import router as audit_router
    from congdanso.feedback.api import router as feedback_router
    from congdanso.notifications.api import router as notifications_router
    from congdanso.places.api import router as places_router
    from congdanso.uploads.api import router as uploads_router
    from congdanso.workdays.api import router as workdays_router

    api.add_router("/units", places_router)
    api.add_router("/accounts", accounts_router)
    api.add_router("/workdays", workdays_router)
    api.add_router("/audit", audit_router)
    api.add_router("/notifications", notifications_router)
    api.add_router("/uploads", uploads_router)
    api.add_router("/feedback", feedback_router)
    return api


api = build_api()
