"""Server SIGKILL: everything typed before the kill is in the database, and the link reopens it.

Part of the fault suite (tests/faults/), kept here because it needs this folder's one browser.
"""

from __future__ import annotations

from playwright.sync_api import expect

from storage import open_store
from tests.browser.conftest import settle
from tests.browser.test_persistence_browser import checked, choose, start_full


def test_answers_and_name_typed_before_a_sigkill_are_in_the_database_after_restart(page, app_server):
    start_full(page, app_server.url)
    for qid, label in (("b2b", "Yes, we sell to organisations"), ("security_ask", "Yes"),
                       ("uptime_sla", "Yes")):
        choose(page, qid, label)
    name = page.get_by_label("Organisation name (optional)", exact=True)
    name.fill("Killed Server Ltd")
    name.press("Enter")
    settle(page)  # typed last: nothing after it would carry the name
    expect(page.get_by_text("Saved", exact=False).first).to_be_visible()
    resume_link = page.url
    app_server.kill()                                   # SIGKILL: no shutdown, no flush
    store = open_store(app_server.env["SOC_NAVIGATOR_DATABASE_URL"])
    [record] = store.list()
    assert record.client_name == "Killed Server Ltd"
    assert record.answers == {"b2b": "yes", "security_ask": "yes", "uptime_sla": "yes"}
    store.engine.dispose()
    app_server.start()
    fresh = page.context.new_page()
    fresh.goto(resume_link)
    fresh.get_by_text("3 answers so far").wait_for(timeout=20_000)
    fresh.get_by_role("link", name="Assessment").first.click()
    fresh.get_by_role("heading", name="About your business").wait_for()
    settle(fresh)
    assert checked(fresh, "uptime_sla", "Yes")
    expect(fresh.get_by_label("Organisation name (optional)", exact=True)).to_have_value("Killed Server Ltd")
