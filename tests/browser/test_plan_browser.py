"""The Plan page in a browser: a what-if redraws only its fragment, and the share panel under it follows."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from questions import default_bank
from scoring.summary import summarise
from storage import open_store
from tests.browser.conftest import screenshot, settle
from tests.conftest import profile

ANSWERS = profile(uptime_sla="yes", deadline_months=12)


def test_an_open_share_panel_follows_each_what_if_and_the_reset(page, app_server):
    store = open_store(app_server.env["SOC_NAVIGATOR_DATABASE_URL"])
    _, token = store.create("Plan Tester Ltd", ANSWERS, "full", default_bank().version, summarise(ANSWERS))
    store.engine.dispose()
    page.goto(f"{app_server.url}/Plan?a={token}")
    page.get_by_role("heading", name="Your plan").wait_for()
    settle(page)
    page.get_by_text("Share and export this plan").click()
    settle(page)
    paste = page.locator('[data-testid="stCode"]').filter(has_text="Plan Tester Ltd is preparing")   # the paste line
    expect(paste).to_have_count(1)
    expect(paste).not_to_contain_text("What-if")

    page.get_by_role("radiogroup", name="Type II window (months)").get_by_role("radio", name="12").click()
    settle(page)
    expect(paste).to_contain_text(re.compile(r"What-if: a 12-month Type II window"))
    screenshot(page, "plan-what-if-share-open")

    page.get_by_role("button", name="Back to the plan as answered").click()
    settle(page)
    expect(paste).not_to_contain_text("What-if")
    assert page.console_errors == []
