"""The registry of service tiles (citizen home) and workspace links (officials' shell).

Every app adds its own entry, usually from its ``AppConfig.ready()``::

    from congdanso.portal.services_registry import ServiceTile, register

    register(ServiceTile(key="feedback", title=_("Phản ánh kiến nghị"), description=_("..."),
                         url_name="feedback:home", icon="feedback", audience="everyone"))

A tile is shown only when its URL name resolves (a service whose URLs are not mounted yet stays hidden,
never a dead link), when its ``enabled_setting`` (if any) is truthy, and when the visitor belongs to its
audience. Registering a key again replaces the earlier entry, so an app may override a tile the portal
registered in advance. Deciding what to show costs no database query (except ``roles``, see below).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from congdanso.accounts import policies

# Audiences on the citizen home page.
EVERYONE = "everyone"  # signed in or not
ANONYMOUS = "anonymous"  # only visitors who are not signed in (e.g. register / sign in)
SIGNED_IN = "signed_in"  # any signed-in person (citizen or official)
CITIZEN = "citizen"  # signed-in citizens only
# Audience of the officials' workspace navigation.
OFFICIAL = "official"

HOME_AUDIENCES = frozenset({EVERYONE, ANONYMOUS, SIGNED_IN, CITIZEN})
AUDIENCES = HOME_AUDIENCES | {OFFICIAL}

# Icons drawn in ``templates/components/icons.html`` (one partial per name).
ICON_NAMES = frozenset(
    {
        "account",
        "assistant",
        "bell",
        "border",
        "calendar",
        "feedback",
        "login",
        "procedure",
        "register",
        "search",
        "service",
        "workspace",
    }
)
DEFAULT_ICON = "service"


@dataclass(frozen=True)
class ServiceTile:
    """One entry on the citizen home page (or, with ``audience="official"``, in the workspace menu).

    ``title`` and ``description`` should be lazy translations (``gettext_lazy``) with Vietnamese msgids.
    ``icon`` is a name from ``ICON_NAMES`` or a template path (containing ``/``) of the app's own SVG.
    ``enabled_setting`` names a boolean setting; when given, the tile shows only while it is truthy
    (a missing setting counts as off). ``roles`` (workspace links) limits the link to officials holding
    one of these roles somewhere; superusers see every link.
    """

    key: str
    title: str
    description: str
    url_name: str
    icon: str = DEFAULT_ICON
    audience: str = EVERYONE
    enabled_setting: str | None = None
    order: int = 100
    roles: tuple[str, ...] = field(default=())

    def __post_init__(self):
        if self.audience not in AUDIENCES:
            raise ValueError(f"Unknown audience {self.audience!r} for tile {self.key!r}")

    @property
    def icon_template(self) -> str:
        if "/" in self.icon:
            return self.icon
        name = self.icon if self.icon in ICON_NAMES else DEFAULT_ICON
        return f"components/icons.html#icon-{name}"

    def url(self) -> str | None:
        """The tile's address, or None while its URL name is not mounted."""
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None

    def is_enabled(self) -> bool:
        return self.enabled_setting is None or bool(getattr(settings, self.enabled_setting, False))


@dataclass(frozen=True)
class VisibleTile:
    """A tile resolved for one request: what the templates render."""

    tile: ServiceTile
    url: str

    @property
    def key(self) -> str:
        return self.tile.key

    @property
    def title(self) -> str:
        return self.tile.title

    @property
    def description(self) -> str:
        return self.tile.description

    @property
    def icon_template(self) -> str:
        return self.tile.icon_template


_registry: dict[str, ServiceTile] = {}


def register(tile: ServiceTile, *, replace: bool = True) -> ServiceTile:
    """Add (or replace, by ``key``) a tile and return the registered one.

    With ``replace=False`` an existing tile with the same key wins (used for the portal's defaults, which
    load after the other apps).
    """
    if replace or tile.key not in _registry:
        _registry[tile.key] = tile
    return _registry[tile.key]


def unregister(key: str) -> None:
    _registry.pop(key, None)


def registered_tiles() -> list[ServiceTile]:
    return sorted(_registry.values(), key=lambda tile: (tile.order, tile.key))


def _visible(tiles: Iterable[ServiceTile]) -> list[VisibleTile]:
    visible = []
    for tile in tiles:
        if not tile.is_enabled():
            continue
        url = tile.url()
        if url is not None:
            visible.append(VisibleTile(tile=tile, url=url))
    return visible


def _home_audiences_for(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return {EVERYONE, ANONYMOUS}
    audiences = {EVERYONE, SIGNED_IN}
    if policies.is_citizen(user):
        audiences.add(CITIZEN)
    return audiences


def home_tiles(user) -> list[VisibleTile]:
    """Tiles for the citizen home page, in display order. No database query."""
    audiences = _home_audiences_for(user)
    return _visible(tile for tile in registered_tiles() if tile.audience in audiences)


def workspace_links(user) -> list[VisibleTile]:
    """Links in the officials' workspace menu for this official (or superuser)."""
    if not (getattr(user, "is_superuser", False) or policies.is_official(user)):
        return []
    allowed = [
        tile
        for tile in registered_tiles()
        if tile.audience == OFFICIAL
        and (not tile.roles or user.is_superuser or policies.has_role(user, tile.roles))
    ]
    return _visible(allowed)
