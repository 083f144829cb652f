"""Two and three people on one assessment in real browsers: answers appear in the others' tabs
within seconds (the live poll), nothing typed is lost, different questions never raise a notice, the
same question tells the earlier person and restores their answer, and a workshop runs from a join
link on a phone to the facilitator's live view."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from questions import default_bank
from tests.browser.conftest import screenshot, settle
from tests.browser.test_accessibility_browser import axe
from tests.browser.test_persistence_browser import choose, start_full
from ui import pages_registry as pages

BANK = default_bank()
SEEN_WITHIN_MS = 8_000   # the poll runs every 2 s; a redraw follows at once
PHONE = {"width": 390, "height": 2400}
NAME_FIELD = 'input[aria-label="Organisation name (optional)"]'


@pytest.fixture
def contexts(browser):
    """Open contexts (separate people: no shared cookies or storage), closed afterwards."""
    made = []

    def new(viewport=None):
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 1600})
        made.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        return page

    yield new
    for context in made:
        context.close()


def radio(page, question_id: str):
    """The question's radio group; `.first`, because while a live redraw runs Streamlit briefly keeps the
    previous drawing beside the new one (the assertions below wait until the state they expect shows)."""
    return page.locator('[data-testid="stRadio"]').filter(has_text=BANK.question(question_id).text).first


def open_link(page, url: str) -> None:
    page.goto(url)
    page.get_by_role("heading", name="About your business").wait_for()
    settle(page)


def shared_assessment(contexts, people: int):
    """The first person starts an assessment; the others open its resume link."""
    first = contexts()
    start_full(first, first_url := _url(first))
    choose(first, "b2b", "Yes, we sell to organisations")
    link = first.url
    assert "?a=" in link and first_url
    others = []
    for _ in range(people - 1):
        page = contexts()
        open_link(page, link)
        others.append(page)
    return [first, *others]


def _url(page) -> str:
    return page.context.app_url if hasattr(page.context, "app_url") else ""


@pytest.fixture
def app(app_url, contexts):
    def new(viewport=None):
        page = contexts(viewport)
        page.context.app_url = app_url
        return page
    return new


def test_three_people_answer_different_questions_and_see_each_other_live_without_a_notice(app):
    ana, ben, cai = shared_assessment(app, 3)
    name_box = cai.locator(NAME_FIELD)
    name_box.click()
    name_box.press_sequentially("Acme Pay")               # typing, not yet submitted
    choose(ben, "security_ask", "Yes")
    choose(ana, "has_customers", "Yes")
    for page in (ana, ben, cai):
        expect(radio(page, "security_ask").get_by_label("Yes", exact=True)).to_be_checked(timeout=SEEN_WITHIN_MS)
        expect(radio(page, "has_customers").get_by_label("Yes", exact=True)).to_be_checked(timeout=SEEN_WITHIN_MS)
        expect(radio(page, "b2b").get_by_label("Yes, we sell to organisations", exact=True)).to_be_checked()
        expect(page.get_by_text("just after you answered")).to_have_count(0)
    expect(name_box).to_have_value("Acme Pay")             # what Cai was typing survived the redraws
    name_box.press("Enter")
    settle(cai)
    expect(ana.locator(NAME_FIELD)).to_have_value("Acme Pay", timeout=SEEN_WITHIN_MS)
    expect(ben.get_by_text("3 people are here")).to_be_visible(timeout=15_000)
    screenshot(ben, "collaboration-three-people-1280")
    for page in (ana, ben, cai):
        assert page.console_errors == []


def test_the_same_question_tells_the_earlier_person_who_can_restore_their_answer(app):
    ana, ben = shared_assessment(app, 2)
    ben.get_by_label("Your name, shown to colleagues").fill("Ben")
    ben.get_by_label("Your name, shown to colleagues").press("Enter")
    settle(ben)
    choose(ana, "security_ask", "Yes")
    expect(radio(ben, "security_ask").get_by_label("Yes", exact=True)).to_be_checked(timeout=SEEN_WITHIN_MS)
    choose(ben, "security_ask", "No")
    notice = ana.get_by_text(re.compile(r"Ben changed .* just after you answered"))
    expect(notice).to_be_visible(timeout=SEEN_WITHIN_MS)
    screenshot(ana, "collaboration-same-question-notice-1280")
    ana.get_by_role("button", name="Restore my answer").click()
    settle(ana)
    expect(notice).to_have_count(0)
    expect(radio(ana, "security_ask").get_by_label("Yes", exact=True)).to_be_checked()
    expect(radio(ben, "security_ask").get_by_label("Yes", exact=True)).to_be_checked(timeout=SEEN_WITHIN_MS)


def test_a_workshop_from_the_join_link_on_a_phone_to_the_facilitators_live_view(app):
    facilitator = app({"width": 1280, "height": 2400})
    start_full(facilitator, facilitator.context.app_url)
    facilitator.locator(NAME_FIELD).fill("Acme Payroll")
    facilitator.locator(NAME_FIELD).press("Enter")
    settle(facilitator)
    choose(facilitator, "b2b", "Yes, we sell to organisations")
    facilitator.goto(facilitator.context.app_url.rstrip("/") + "/Workshop?" + facilitator.url.split("?")[1])
    settle(facilitator)
    facilitator.get_by_role("button", name="Start the workshop").click()
    settle(facilitator)
    join_url = facilitator.locator('[data-testid="stCode"]').filter(has_text="?w=").inner_text().strip()
    expect(facilitator.get_by_role("img")).not_to_have_count(0)
    phone = app(PHONE)
    phone.goto(join_url)
    settle(phone)
    expect(phone.get_by_role("heading", name="Join the workshop")).to_be_visible()
    assert axe(phone) == []                                  # WCAG 2.1 AA, as for every page
    phone.get_by_label("Your name, as colleagues know you").fill("Sam (IT lead)")
    phone.get_by_role("button", name="Join").click()
    phone.get_by_role("heading", name="About your business").wait_for()
    settle(phone)
    choose(phone, "security_ask", "Yes")
    screenshot(phone, "workshop-participant-390")
    expect(facilitator.get_by_text(re.compile(r"Sam \(IT lead\).*1 answer"))).to_be_visible(timeout=15_000)
    expect(facilitator.get_by_text(re.compile(r"About your business · 2 of"))).to_be_visible(timeout=SEEN_WITHIN_MS)
    screenshot(facilitator, "workshop-facilitator-1280")
    assert axe(facilitator) == [] and axe(phone) == []
    overflow = phone.evaluate("() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
                              " return m.scrollWidth - m.clientWidth; }")
    assert overflow <= 1
    facilitator.get_by_role("button", name="Lock the answers").click()
    settle(facilitator)
    expect(phone.get_by_text("The facilitator has locked the answers")).to_be_visible(timeout=SEEN_WITHIN_MS)
    expect(radio(phone, "security_ask").get_by_label("No", exact=True)).to_be_disabled()
    assert phone.console_errors == [] and facilitator.console_errors == []


@pytest.mark.parametrize("path", [path for path, _, _ in pages.NAVIGATION])
def test_new_assessment_from_every_page_opens_an_empty_one_and_keeps_the_old(app, path):
    page = app()
    start_full(page, page.context.app_url)
    choose(page, "b2b", "Yes, we sell to organisations")
    old_link = page.url
    slug = "" if path == pages.HOME else re.sub(r"^pages/\d+_|\.py$", "", path)
    page.goto(page.context.app_url.rstrip("/") + "/" + slug + "?" + old_link.split("?")[1])
    settle(page)
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="New assessment").click()
    page.get_by_role("heading", name="About your business").wait_for()
    settle(page)
    assert "?a=" not in page.url
    expect(radio(page, "b2b").get_by_label("Yes, we sell to organisations", exact=True)).not_to_be_checked()
    open_link(page, old_link)
    expect(radio(page, "b2b").get_by_label("Yes, we sell to organisations", exact=True)).to_be_checked()


def test_compare_lists_the_answers_that_changed_since_a_snapshot(app):
    page = app({"width": 1280, "height": 2400})
    start_full(page, page.context.app_url)
    choose(page, "b2b", "Yes, we sell to organisations")
    choose(page, "security_ask", "No")
    link = page.url
    page.goto(page.context.app_url.rstrip("/") + "/Workspace?" + link.split("?")[1])
    settle(page)
    mine = page.locator('[class*="st-key-row-"]').filter(has_text="Open in this tab")
    mine.get_by_role("button", name="Save as of today").click()
    settle(page)
    open_link(page, link)
    choose(page, "security_ask", "Yes")
    page.goto(page.context.app_url.rstrip("/") + "/Workspace?" + link.split("?")[1])
    settle(page)
    changed = page.get_by_text("1 answer changed")
    expect(changed).to_be_visible()
    listing = page.locator('[data-testid="stExpander"]').filter(has=changed)
    expect(listing).to_contain_text(BANK.question("security_ask").text)
    expect(listing).to_contain_text("No")
    expect(listing).to_contain_text("Yes")
    screenshot(page, "workspace-compare-1280")
    assert page.console_errors == []
