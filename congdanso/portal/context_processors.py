"""Template context for the shared layout (header, footer): the platform name and the workspace link."""

from functools import lru_cache

from django.conf import settings
from django.utils.translation import gettext as _
from vietnam_provinces import Province, ProvinceCode

from congdanso.accounts import policies

DEFAULT_PROVINCE_NAME = "Lạng Sơn"
_PROVINCE_PREFIXES = ("Thành phố ", "Tỉnh ")


@lru_cache(maxsize=8)
def province_short_name(code: int) -> str:
    """``20`` → ``"Lạng Sơn"`` (without "Tỉnh"/"Thành phố"); unknown codes fall back to Lạng Sơn."""
    try:
        name = Province.from_code(ProvinceCode(code)).name
    except (ValueError, KeyError):
        return DEFAULT_PROVINCE_NAME
    for prefix in _PROVINCE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def can_use_workspace(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or policies.is_official(user)


def layout(request):
    province_name = province_short_name(settings.PROVINCE_CODE)
    user = getattr(request, "user", None)
    return {
        "PROVINCE_NAME": province_name,
        "PLATFORM_NAME": _("Công dân số – %(province)s") % {"province": province_name},
        # Lazy: reading request.user costs a query only on pages that show the header.
        "show_workspace_link": lambda: can_use_workspace(user),
    }
