"""Top-level URLs: the API, the admin, health checks, and each app's pages.

Uploaded files are never served from MEDIA_ROOT directly: they go out through the uploads API, which checks
ownership.
"""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from congdanso.api import api
from congdanso.core import health

admin.site.site_header = "Quản trị Công dân số"
admin.site.site_title = "Công dân số"

urlpatterns = [
    path("healthz", health.liveness, name="healthz"),
    path("readyz", health.readiness, name="readyz"),
    path("api/v1/", api.urls),
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("tai-khoan/", include("congdanso.accounts.urls")),
    path("can-bo/phan-anh/", include("congdanso.feedback.inbox_urls")),
    path("can-bo/", include("congdanso.portal.workspace_urls")),
    path("phan-anh/", include("congdanso.feedback.urls")),
    path("open311/v2/", include("congdanso.feedback.open311.urls")),
    path("", include("congdanso.portal.urls")),
]
