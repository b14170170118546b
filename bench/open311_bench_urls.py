"""Bench-only URLconf: the application's URLs plus ``/bench/bare.json``, a bare Django JSON view."""

import json
import os

from django.http import HttpResponse, JsonResponse
from django.urls import path

from congdanso.urls import urlpatterns as app_urlpatterns


def bare(request):
    return JsonResponse([{"ok": True}], safe=False)


# A second baseline: a bare view sending a JSON body as large as the Open311 answer (its size comes
# from the bench script), built once: what moving that many bytes costs Django and the socket alone.
_SIZE = int(os.environ.get("BENCH_BARE_BODY_BYTES", "0") or 0)
_ITEM = {"service_request_id": "PAKN.20261122.0001", "description": "x" * 480}
_SAME_SIZE_BODY = json.dumps([_ITEM] * max(1, _SIZE // (len(json.dumps(_ITEM)) + 1))).encode()


def bare_same_size(request):
    return HttpResponse(_SAME_SIZE_BODY, content_type="application/json; charset=utf-8")


urlpatterns = [
    path("bench/bare.json", bare),
    path("bench/bare-same-size.json", bare_same_size),
    *app_urlpatterns,
]
