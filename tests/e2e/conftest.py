"""Browser tests: Playwright driving the Debian Chromium (never a downloaded browser) against live_server.

Run: ``.venv/bin/python -m pytest tests/e2e -m e2e``. On failure a screenshot of each open page is saved to
``test-artifacts/<test name>-<n>.png``.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    pages = []
    for name in ("page", "axe_page"):
        candidate = item.funcargs.get(name) if hasattr(item, "funcargs") else None
        if candidate is not None:
            pages.append(candidate)
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    safe_name = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid.split("::", 1)[-1])[:120]
    for number, open_page in enumerate(pages, start=1):
        try:
            open_page.screenshot(path=str(ARTIFACTS_DIR / f"{safe_name}-{number}.png"), full_page=True)
        except Exception as error:  # the page may be gone; the test failure matters more
            item.add_report_section("call", "screenshot", f"Không chụp được màn hình: {error}")


@pytest.fixture
def sign_in(live_server):
    """Put a signed-in session cookie for ``user`` into a browser context (no login form involved)."""

    def _sign_in(context, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )

    return _sign_in


@pytest.fixture
def axe_page(new_context):
    """A page in a context that ignores CSP, so the axe-core script can be injected (axe checks only)."""
    context = new_context(bypass_csp=True)
    return context.new_page()


@pytest.fixture
def run_axe():
    """Inject axe-core from node_modules and return the serious/critical violations on the current page."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `npm install` in the repository root.")

    def _run(page) -> list[dict]:
        page.add_script_tag(path=str(AXE_SCRIPT))
        results = page.evaluate(
            """async (tags) => {
                const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
                return result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    targets: v.nodes.map(n => n.target.join(" ")).slice(0, 5),
                }));
            }""",
            AXE_TAGS,
        )
        return [violation for violation in results if violation["impact"] in ("serious", "critical")]

    return _run
