"""Bench-only settings: the normal settings plus a URLconf adding a bare JSON view (never used in the app)."""

from congdanso.settings.base import *  # noqa: F403

ROOT_URLCONF = "bench.open311_bench_urls"
DEBUG = False
