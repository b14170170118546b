"""Base settings: every value that differs between installations comes from the environment.

See ``.env.example`` for the variables. ``test.py`` and ``production.py`` import from here.
"""

import importlib.util
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from .environment import env_bool, env_int, env_list, env_str, mailers_from_environment

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("CONGDANSO_DATA_DIR", str(Path.cwd() / "var"))).resolve()

SECRET_KEY = env_str("SECRET_KEY", "dev-insecure-only-for-local-development-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

PROVINCE_CODE = env_int("PROVINCE_CODE", 20)  # 20 = Lạng Sơn

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "django_tasks_db",
    "congdanso.core",
    "congdanso.places",
    "congdanso.accounts",
    "congdanso.workdays",
    "congdanso.audit",
    "congdanso.jobs",
    "congdanso.notifications",
    "congdanso.uploads",
    "congdanso.portal",
    "congdanso.feedback",
]

MIDDLEWARE = [
    "congdanso.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "congdanso.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "congdanso.urls"
WSGI_APPLICATION = "congdanso.wsgi.application"
ASGI_APPLICATION = "congdanso.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "congdanso.core.context_processors.platform",
                "congdanso.portal.context_processors.layout",
            ],
        },
    }
]

# Database: SQLite (WAL) by default, PostgreSQL via DATABASE_URL=postgres://...
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'congdanso.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["congdanso.accounts.backends.PhoneOrUsernameBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Redis is optional: with REDIS_URL set, the cache and the task queue use it.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "congdanso_cache"}
    }

TASK_QUEUES = ["default", "notifications", "sweeps"]
if REDIS_URL:
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": TASK_QUEUES}}
    RQ_QUEUES = {name: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600} for name in TASK_QUEUES}
    INSTALLED_APPS.append("django_rq")  # django-tasks-rq's system check requires it
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}
# A task still RUNNING this many seconds after it started is taken as orphaned by a crashed worker.
TASK_STUCK_AFTER_SECONDS = env_int("TASK_STUCK_AFTER_SECONDS", 900)

# Language: Vietnamese by default, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Leaflet's own files, as shipped by the django-leaflet package (only its static files: the app itself is not
# installed because its admin needs GDAL). Served as static/leaflet/leaflet.js and leaflet.css.
_LEAFLET_SPEC = importlib.util.find_spec("leaflet")
if _LEAFLET_SPEC is not None and _LEAFLET_SPEC.origin:
    STATICFILES_DIRS.append(("leaflet", Path(_LEAFLET_SPEC.origin).parent / "static" / "leaflet"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "local")  # "local" or "s3"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if STORAGE_BACKEND == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "access_key": env_str("S3_ACCESS_KEY"),
            "secret_key": env_str("S3_SECRET_KEY"),
            "region_name": env_str("S3_REGION") or None,
            "default_acl": None,
            "querystring_auth": True,
        },
    }
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
UPLOAD_ALLOWED_TYPES = env_list(
    "UPLOAD_ALLOWED_TYPES", ["image/jpeg", "image/png", "image/webp", "application/pdf"]
)
UPLOAD_MAX_IMAGE_PIXELS = env_int("UPLOAD_MAX_IMAGE_PIXELS", 40_000_000)  # decompression-bomb guard
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024

# Email through Django 6.1 MAILERS: the console while developing, SMTP in production (see production.py).
MAILERS = mailers_from_environment("django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Công dân số <no-reply@congdanso.local>")

# SMS: "console" while developing, "http" for a provider gateway in production.
SMS_BACKEND = env_str("SMS_BACKEND", "console")
SMS_HTTP_URL = env_str("SMS_HTTP_URL")
SMS_HTTP_TOKEN = env_str("SMS_HTTP_TOKEN")
SMS_SENDER = env_str("SMS_SENDER", "CONGDANSO")
SMS_HTTP_TIMEOUT = env_int("SMS_HTTP_TIMEOUT", 10)

# One-time codes and lockouts.
OTP_TTL_SECONDS = env_int("OTP_TTL_SECONDS", 300)
OTP_MAX_ATTEMPTS = env_int("OTP_MAX_ATTEMPTS", 5)
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 900)
OTP_RESEND_INTERVAL_SECONDS = env_int("OTP_RESEND_INTERVAL_SECONDS", 60)
OTP_MAX_PER_HOUR = env_int("OTP_MAX_PER_HOUR", 5)
LOGIN_MAX_FAILURES_PER_IP = env_int("LOGIN_MAX_FAILURES_PER_IP", 50)

# Feedback (phản ánh kiến nghị).
FEEDBACK_DUPLICATE_RADIUS_M = env_int("FEEDBACK_DUPLICATE_RADIUS_M", 250)
FEEDBACK_MAX_PHOTOS = env_int("FEEDBACK_MAX_PHOTOS", 5)
FEEDBACK_REOPEN_DAYS = env_int("FEEDBACK_REOPEN_DAYS", 7)
FEEDBACK_OFFICE_HOURS = env_str("FEEDBACK_OFFICE_HOURS", "07:30-11:30,13:30-17:00")
OPEN311_JURISDICTION_ID = env_str("OPEN311_JURISDICTION_ID", "langson.gov.vn")
OPEN311_CACHE_SECONDS = env_int("OPEN311_CACHE_SECONDS", 30)

# Map tiles and the like are settings: nothing needs the internet at run time.
MAP_TILE_URL = env_str("MAP_TILE_URL", "")

# Security headers.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"] + ([MAP_TILE_URL.split("/{")[0]] if MAP_TILE_URL else []),
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

API_THROTTLE_ANON = env_str("API_THROTTLE_ANON", "120/m")
API_THROTTLE_AUTH = env_str("API_THROTTLE_AUTH", "600/m")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.server": {"level": "WARNING"}},
}
