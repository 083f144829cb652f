"""A replica's crash loses nothing: two app processes behind HAProxy (`make serve`) on one
PostgreSQL, a real browser through the proxy, and the process serving it killed with SIGKILL.

Streamlit's frontend reconnects its websocket by itself; HAProxy sends the reconnect to the
surviving process (the dead one refuses connections, then fails its health check) and gives the
browser a new cookie; the new session reopens the assessment from the `?a=` link in the address
bar. Every answer, before and after the crash, is in PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from deploy.haproxy import COOKIE, SERVED_BY
from storage import open_store
from tests.browser.conftest import expect_answers, screenshot, settle
from tests.browser.test_persistence_browser import checked, choose, start_full
from tests.deploy.conftest import Launched
from tests.storage.conftest import postgres_server, postgres_url  # noqa: F401 - the throwaway cluster

pytestmark = pytest.mark.browser
# What Streamlit's frontend logs while its server is gone (a periodic rerun it could not send).
WHILE_DISCONNECTED = ("Cannot send rerun backMessage when disconnected from server.",)


@pytest.fixture
def replicas(tmp_path: Path, postgres_url: str) -> Iterator[Launched]:  # noqa: F811 - the fixture above
    with Launched(tmp_path, workers=2, env={"SOC_NAVIGATOR_DATABASE_URL": postgres_url}) as launched:
        yield launched


def served_by(context: object) -> str:
    """The app process HAProxy's sticky cookie pins this browser to."""
    cookies = {c["name"]: c["value"] for c in context.cookies()}  # type: ignore[attr-defined]
    return cookies[COOKIE]


def stored_answers(url: str) -> dict[str, object]:
    store = open_store(url)
    try:
        [record] = store.list()
        return record.answers
    finally:
        store.engine.dispose()


def test_killing_the_replica_a_browser_uses_loses_no_answer_and_the_browser_carries_on(page, replicas,
                                                                                       postgres_url):  # noqa: F811
    start_full(page, replicas.url)
    for qid, label in (("b2b", "Yes, we sell to organisations"), ("security_ask", "Yes"),
                       ("fin_impact", "Not sure")):
        choose(page, qid, label)
    assert "?a=" in page.url
    expect_answers(page, 3)
    crashed = served_by(page.context)
    survivor = {"w1": "w2", "w2": "w1"}[crashed]

    with page.expect_websocket(timeout=60_000) as reconnect:   # the frontend's own reconnect
        replicas.kill(crashed)
    assert reconnect.value.url == f"{replicas.url.replace('http', 'ws')}/_stcore/stream"
    reconnect.value.wait_for_event("framereceived", timeout=30_000)   # the survivor runs the page
    settle(page)
    expect(page.get_by_text("3 answers so far")).to_be_visible(timeout=30_000)
    assert served_by(page.context) == survivor              # HAProxy moved the browser and said so
    assert page.url.split("?")[1].startswith("a=")          # the same resume link
    assert checked(page, "b2b", "Yes, we sell to organisations")
    assert checked(page, "fin_impact", "Not sure")
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "replica-crash-recovered-1280")

    choose(page, "uptime_sla", "Yes")                       # and the work goes on, on the survivor
    expect_answers(page, 4)
    assert served_by(page.context) == survivor
    assert stored_answers(postgres_url) == {"b2b": "yes", "security_ask": "yes", "fin_impact": "unsure",
                                            "uptime_sla": "yes"}
    assert [e for e in page.console_errors if e not in WHILE_DISCONNECTED] == []
    assert f"{crashed} exited (signal SIGKILL)" in replicas.log.read_text()   # the operator is told


def test_an_assessment_started_on_one_replica_resumes_on_the_other(browser, page, replicas,
                                                                   postgres_url):  # noqa: F811
    start_full(page, replicas.url)
    choose(page, "b2b", "Yes, we sell to organisations")
    choose(page, "uptime_sla", "Yes")
    link = page.url
    first = served_by(page.context)
    other = {"w1": "w2", "w2": "w1"}[first]

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.add_cookies([{"name": COOKIE, "value": other, "url": replicas.url}])
        fresh = context.new_page()
        response = fresh.goto(link)
        assert response is not None and response.headers[SERVED_BY.lower()] == other
        fresh.get_by_role("heading", name="About your business").wait_for()
        settle(fresh)
        expect_answers(fresh, 2)
        assert checked(fresh, "uptime_sla", "Yes")
        choose(fresh, "security_ask", "Yes")
        expect_answers(fresh, 3)
        assert served_by(context) == other                  # never moved: it was the other process all along
    finally:
        context.close()
    assert stored_answers(postgres_url) == {"b2b": "yes", "uptime_sla": "yes", "security_ask": "yes"}
