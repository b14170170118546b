import re

import pytest
from django.conf import settings
from django.template.loader import render_to_string

from congdanso.accounts.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def test_home_is_vietnamese_by_default(client):
    response = client.get("/")

    assert '<html lang="vi">' in response.content.decode()
    assert response["Content-Language"] == "vi"


def test_language_switch_sets_cookie_and_next_page_is_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    page = client.get("/")

    assert '<html lang="en">' in page.content.decode()
    assert page["Content-Language"] == "en"
    assert 'value="en" lang="en" aria-pressed="true"' in page.content.decode()
    assert "Digital Citizen – Lạng Sơn" in page.content.decode()


def test_language_switch_back_to_vietnamese(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.post("/i18n/setlang/", {"language": "vi", "next": "/"})

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "vi"
    assert '<html lang="vi">' in client.get("/").content.decode()


def test_language_switch_is_a_post_form_to_set_language(client):
    html = client.get("/").content.decode()

    assert '<form class="lang-switch" action="/i18n/setlang/" method="post"' in html
    assert '<input type="hidden" name="next" value="/">' in html
    assert 'name="language" value="vi"' in html
    assert 'name="language" value="en"' in html


def test_unsupported_language_falls_back_to_vietnamese(client):
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})

    page = client.get("/")

    assert '<html lang="vi">' in page.content.decode()


INLINE_STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.IGNORECASE)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)


@pytest.mark.parametrize("signed_in", [False, True])
def test_csp_header_and_no_inline_style_or_unnonced_script(client, signed_in):
    if signed_in:
        client.force_login(CitizenFactory())

    response = client.get("/")
    html = response.content.decode()
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)

    assert "default-src 'self'" in policy
    assert "style-src 'self';" in policy
    assert f"script-src 'self' 'nonce-{nonce}';" in policy
    assert INLINE_STYLE_ATTRIBUTE.search(html) is None
    assert STYLE_ELEMENT.search(html) is None
    scripts = SCRIPT_TAG.findall(html)
    assert scripts == [(' src="/static/django_htmx/htmx-2.min.js" defer nonce="' + nonce + '"', "")]
    assert re.search(r"\son[a-z]+\s*=", html) is None  # no inline event handlers


def test_404_page_is_vietnamese(client):
    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    assert "Không tìm thấy trang bạn cần" in response.content.decode()


def test_500_page_renders_without_request_context():
    html = render_to_string("500.html")

    assert "Hệ thống đang gặp sự cố" in html
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html


def test_stylesheet_is_served_by_staticfiles_and_small():
    from django.contrib.staticfiles import finders

    path = finders.find("css/site.css")

    assert path is not None
    with open(path, "rb") as stylesheet:
        assert len(stylesheet.read()) < 16_000


def test_home_page_weight_stays_under_100_kb_gzip(client):
    """HTML + CSS + JS of the home page, gzip-compressed, as a phone on a slow network receives it."""
    import gzip

    from django.contrib.staticfiles import finders

    html = client.get("/").content
    assets = [finders.find("css/site.css"), finders.find("django_htmx/htmx-2.min.js")]
    total = len(gzip.compress(html))
    for path in assets:
        with open(path, "rb") as asset:
            total += len(gzip.compress(asset.read()))

    assert total < 100_000
