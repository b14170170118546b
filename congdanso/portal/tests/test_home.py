import re

import pytest
from django.urls import reverse

from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.portal import services_registry
from congdanso.portal.services_registry import ServiceTile
from congdanso.portal.tiles import BUILTIN_TILES

pytestmark = pytest.mark.django_db

TILE_KEY = re.compile(r'<li class="tile tile-([a-z_]+)">')


def tile_keys(response) -> list[str]:
    return TILE_KEY.findall(response.content.decode())


def register_sample_tiles(registry):
    registry.register(
        ServiceTile(key="everyone", title="Cho mọi người", description="a", url_name="portal:home", order=1)
    )
    registry.register(
        ServiceTile(
            key="only_anonymous",
            title="Khách",
            description="b",
            url_name="accounts:login",
            audience="anonymous",
            order=2,
        )
    )
    registry.register(
        ServiceTile(
            key="only_citizen",
            title="Công dân",
            description="c",
            url_name="portal:home",
            audience="citizen",
            order=3,
        )
    )
    registry.register(
        ServiceTile(
            key="signed_in",
            title="Đã đăng nhập",
            description="d",
            url_name="portal:home",
            audience="signed_in",
            order=4,
        )
    )
    registry.register(
        ServiceTile(key="feedback", title="Phản ánh", description="e", url_name="procedures:home", order=5)
    )
    registry.register(
        ServiceTile(
            key="switched_off",
            title="Tắt",
            description="f",
            url_name="portal:home",
            enabled_setting="PORTAL_TEST_SWITCH",
            order=6,
        )
    )
    registry.register(
        ServiceTile(
            key="official_link",
            title="Cán bộ",
            description="g",
            url_name="portal:home",
            audience="official",
            order=7,
        )
    )


def test_anonymous_sees_public_and_anonymous_tiles_only(client, isolated_registry):
    register_sample_tiles(isolated_registry)

    response = client.get("/")

    assert response.status_code == 200
    assert tile_keys(response) == ["everyone", "only_anonymous"]
    assert 'href="/phan-anh/"' not in response.content.decode()


def test_citizen_sees_citizen_and_signed_in_tiles_and_a_greeting(client, isolated_registry):
    register_sample_tiles(isolated_registry)
    citizen = CitizenFactory(full_name="Hoàng Thị Mai")
    client.force_login(citizen)

    response = client.get("/")

    assert tile_keys(response) == ["everyone", "only_citizen", "signed_in"]
    assert "Xin chào, Hoàng Thị Mai!" in response.content.decode()


def test_official_on_home_sees_signed_in_tiles_but_not_citizen_ones(client, isolated_registry):
    register_sample_tiles(isolated_registry)
    client.force_login(OfficialFactory())

    response = client.get("/")

    assert tile_keys(response) == ["everyone", "signed_in"]
    assert 'href="/can-bo/"' in response.content.decode()


def test_greeting_falls_back_to_phone_when_no_name(client, isolated_registry):
    client.force_login(CitizenFactory(full_name="", phone="0987654321"))

    response = client.get("/")

    assert "Xin chào, 0987654321!" in response.content.decode()


def test_setting_switches_a_tile_on(client, isolated_registry, settings):
    register_sample_tiles(isolated_registry)
    settings.PORTAL_TEST_SWITCH = True

    response = client.get("/")

    assert tile_keys(response) == ["everyone", "only_anonymous", "switched_off"]


@pytest.mark.urls("congdanso.portal.tests.fake_service_urls")
def test_tile_appears_once_its_app_mounts_the_url(client, isolated_registry):
    register_sample_tiles(isolated_registry)
    isolated_registry.register(
        ServiceTile(key="mounted", title="Phản ánh", description="e", url_name="feedback:home", order=8)
    )

    response = client.get("/")

    assert tile_keys(response) == ["everyone", "only_anonymous", "mounted"]
    assert 'href="/phan-anh/"' in response.content.decode()


def test_registering_again_replaces_but_portal_defaults_do_not(isolated_registry):
    first = ServiceTile(key="feedback", title="Ứng dụng", description="x", url_name="procedures:home")
    isolated_registry.register(first)
    default = ServiceTile(key="feedback", title="Mặc định", description="y", url_name="procedures:home")

    assert isolated_registry.register(default, replace=False) is first
    assert isolated_registry.register(default) is default
    assert [tile.title for tile in isolated_registry.registered_tiles()] == ["Mặc định"]


def test_unknown_audience_is_rejected():
    with pytest.raises(ValueError, match="Unknown audience 'robots'"):
        ServiceTile(key="x", title="x", description="x", url_name="portal:home", audience="robots")


def test_unknown_icon_falls_back_to_the_default_icon():
    tile = ServiceTile(key="x", title="x", description="x", url_name="portal:home", icon="unicorn")
    app_icon = ServiceTile(
        key="y", title="y", description="y", url_name="portal:home", icon="feedback/icon.svg"
    )

    assert tile.icon_template == "components/icons.html#icon-service"
    assert app_icon.icon_template == "feedback/icon.svg"


def _resolves(url_name: str) -> bool:
    from django.urls import NoReverseMatch

    try:
        reverse(url_name)
    except NoReverseMatch:
        return False
    return True


def test_builtin_tiles_shown_exactly_when_their_pages_exist(client):
    """Planned services (feedback, procedures, assistant, border gate...) stay hidden until mounted."""
    expected_anonymous = [
        tile.key
        for tile in BUILTIN_TILES
        if tile.audience in {"everyone", "anonymous"} and _resolves(tile.url_name)
    ]
    citizen = CitizenFactory()
    expected_citizen = [
        tile.key
        for tile in BUILTIN_TILES
        if tile.audience in {"everyone", "signed_in", "citizen"} and _resolves(tile.url_name)
    ]

    anonymous_keys = tile_keys(client.get("/"))
    client.force_login(citizen)
    citizen_keys = tile_keys(client.get("/"))

    assert anonymous_keys == expected_anonymous
    assert citizen_keys == expected_citizen
    assert "login" in anonymous_keys
    assert "login" not in citizen_keys
    for hidden in ("feedback", "procedures", "assistant", "bordergate", "dossier_lookup"):
        tile = services_registry._registry[hidden]
        assert (hidden in anonymous_keys) == _resolves(tile.url_name)


def test_home_query_count_anonymous(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/")
    assert response.status_code == 200


def test_home_query_count_citizen(client, django_assert_num_queries):
    client.force_login(CitizenFactory())
    with django_assert_num_queries(2):  # session + user
        response = client.get("/")
    assert response.status_code == 200


def test_header_shows_platform_name_of_the_configured_province(client, settings):
    settings.PROVINCE_CODE = 1

    response = client.get("/")

    assert "<title>Công dân số – Hà Nội</title>" in response.content.decode()


def test_header_default_platform_name_and_account_links(client):
    html = client.get("/").content.decode()

    assert '<a class="brand" href="/">Công dân số – Lạng Sơn</a>' in html
    assert f'href="{reverse("accounts:login")}"' in html
    assert "Đăng xuất" not in html


def test_header_for_citizen_has_logout_form_and_no_workspace_link(client):
    client.force_login(CitizenFactory())

    html = client.get("/").content.decode()

    assert f'<form class="inline-form" action="{reverse("accounts:logout")}" method="post">' in html
    assert 'href="/can-bo/"' not in html
