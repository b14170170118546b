"""Template context shared by every page."""

from django.conf import settings


def platform(request):
    return {"PROVINCE_CODE": settings.PROVINCE_CODE, "MAP_TILE_URL": settings.MAP_TILE_URL}
