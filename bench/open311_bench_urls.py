"""Bench-only URLconf: the application's URLs plus ``/bench/bare.json``, a bare Django JSON view."""

from django.http import JsonResponse
from django.urls import path

from congdanso.urls import urlpatterns as app_urlpatterns


def bare(request):
    return JsonResponse([{"ok": True}], safe=False)


urlpatterns = [path("bench/bare.json", bare), *app_urlpatterns]
