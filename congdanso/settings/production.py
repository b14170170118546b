"""Production settings: refuse to start with DEBUG on or without a real SECRET_KEY."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, STORAGES
from .environment import env_bool, env_int, mailers_from_environment

if env_bool("DEBUG", False):
    raise ImproperlyConfigured(
        "DEBUG phải tắt trong môi trường production (DEBUG must be off in production)."
    )
DEBUG = False

if (
    not SECRET_KEY
    or SECRET_KEY.startswith("dev-insecure")
    or len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "SECRET_KEY chưa được đặt hoặc quá yếu: cần chuỗi ngẫu nhiên từ 50 ký tự "
        "(SECRET_KEY is missing or weak: set a random string of 50+ characters)."
    )

# Real email in production unless EMAIL_BACKEND says otherwise.
MAILERS = mailers_from_environment("django.core.mail.backends.smtp.EmailBackend")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
