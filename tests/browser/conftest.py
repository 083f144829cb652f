"""Browser-test fixtures: the real app on a free port, and Debian's Chromium driven by Playwright.

Nothing here skips: in CI a missing browser is a failure, since `make test` installs it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.server import Server
from ui.live import ALONE_POLL_SECONDS

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_PATHS = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    for path in CHROMIUM_PATHS:
        if os.access(path, os.X_OK):
            return path
    pytest.fail("Debian's chromium is not installed: run `make test`, which installs it")


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One app server shared by the browser tests that do not restart it."""
    server = Server("app.py", tmp_path_factory.mktemp("server")).start()
    yield server.url
    server.stop()


@pytest.fixture
def app_server(tmp_path: Path) -> Iterator[Server]:
    """A server of this test's own, for tests that kill it."""
    server = Server("app.py", tmp_path).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh page at laptop size that records console errors in `page.console_errors`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: _record_console(page, message))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    page.on("response", lambda response: _record_response(page, response))
    yield page
    context.close()


# On a deep link (/Assessment) Streamlit's frontend first probes /Assessment/_stcore/... as a
# possible base path, gets 404s, then uses the root: expected, and not an error of this app.
BASE_PATH_PROBE = re.compile(r"/[^/]+/_stcore/(health|host-config)$")


def _record_console(page: object, message: object) -> None:
    if message.type != "error":  # type: ignore[attr-defined]
        return
    if message.text.startswith("Failed to load resource"):  # type: ignore[attr-defined]
        return  # judged by URL in _record_response, which knows which resource failed
    page.console_errors.append(message.text)  # type: ignore[attr-defined]


def _record_response(page: object, response: object) -> None:
    url = response.url.split("?")[0]  # type: ignore[attr-defined]
    if response.status >= 400 and not BASE_PATH_PROBE.search(url):  # type: ignore[attr-defined]
        page.console_errors.append(f"HTTP {response.status} {url}")  # type: ignore[attr-defined]


# A question card's save leaves the page as it is; the sidebar's counts come with the live fragment's
# next run, every ALONE_POLL_SECONDS while a tab is alone on its assessment (ui/live.py).
COUNTS_CATCH_UP_MS = (ALONE_POLL_SECONDS + 5) * 1000


def expect_answers(page: object, count: int) -> None:
    """The sidebar says `count` answers so far, at the latest after the live fragment's next run."""
    from playwright.sync_api import expect

    text = f"{count} answer{'s' if count != 1 else ''} so far"
    expect(page.get_by_text(text)).to_be_visible(timeout=COUNTS_CATCH_UP_MS)  # type: ignore[attr-defined]


def settle(page: object) -> None:
    """Wait until Streamlit has finished the rerun a click started."""
    page.wait_for_timeout(150)  # type: ignore[attr-defined]
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',  # type: ignore[attr-defined]
                           timeout=20_000)


def screenshot(page: object, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[object]:
    """Keep a screenshot of the page whenever a browser test fails, to look at afterwards."""
    report = yield
    page = getattr(item, "funcargs", {}).get("page")
    if report.when == "call" and report.failed and page is not None:  # type: ignore[attr-defined]
        try:
            screenshot(page, f"FAILED-{item.name}")
        except Exception:  # a failed screenshot must not hide the real failure
            pass
    return report
