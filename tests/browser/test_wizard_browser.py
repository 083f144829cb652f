"""The wizard in Debian's Chromium: both paths, every page, both widths, no errors."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from questions import default_bank
from tests.browser.conftest import expect_answers, screenshot, settle

BANK = default_bank()
PAYROLL = {
    "b2b": "Yes, we sell to organisations", "has_customers": "Yes", "fin_impact": "Yes",
    "user_auditor_ask": "Yes", "security_ask": "No", "customer_data": "Yes", "uptime_sla": "No",
    "confidential_nda": "No", "processing": "Yes", "personal_info": "Yes", "phi": "No", "public_artifact": "No",
}
SAAS = PAYROLL | {"fin_impact": "No", "user_auditor_ask": "No", "security_ask": "Yes", "uptime_sla": "Yes",
                  "processing": "No", "personal_info": "No"}
PHONE, LAPTOP = 390, 1280


def no_errors(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.console_errors == []


def choose(page, question_id: str, label: str) -> None:
    group = page.locator('[data-testid="stRadio"]').filter(has_text=BANK.question(question_id).text)
    group.get_by_text(label, exact=True).click()
    settle(page)


def answer_scoping(page, business: str, choices: dict[str, str], numbers: dict[str, str]) -> None:
    page.locator('[data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name=business).click()
    settle(page)
    for qid, label in choices.items():
        choose(page, qid, label)
    for qid, value in numbers.items():
        field = page.locator('[data-testid="stNumberInput"]').filter(has_text=BANK.question(qid).text)
        field.locator("input").fill(value)
        field.locator("input").press("Enter")
        settle(page)


def section_heading(page) -> str:
    return page.locator('[data-testid="stMain"] h2').first.inner_text().strip()


def shoot_both_widths(page, name: str) -> None:
    page.wait_for_timeout(400)
    screenshot(page, f"{name}-{LAPTOP}")
    page.set_viewport_size({"width": PHONE, "height": 844})
    page.wait_for_timeout(400)
    screenshot(page, f"{name}-{PHONE}")
    page.set_viewport_size({"width": LAPTOP, "height": 900})


@pytest.mark.parametrize("width", [LAPTOP, PHONE])
def test_quick_check_for_a_payroll_processor_ends_on_soc1(page, app_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(app_url)
    settle(page)
    page.get_by_role("button", name="Start the quick check").click()
    settle(page)
    answer_scoping(page, "Payroll processing or PEO", PAYROLL,
                   {"controls_operating_months": "2", "headcount": "120"})
    page.get_by_role("button", name="See my results").click()
    settle(page)
    page.get_by_text("Get a SOC 1 Type II").wait_for()
    assert "Recommended" in page.locator(".st-key-card-soc1").inner_text()
    assert "Not needed now" in page.locator(".st-key-card-soc2").inner_text()
    screenshot(page, f"quick-check-results-{width}")
    no_errors(page)


def test_full_assessment_reaches_the_plan_on_every_page_without_errors(page, app_url):
    page.goto(app_url)
    settle(page)
    shoot_both_widths(page, "home")
    page.get_by_role("button", name="Start the full assessment").click()
    settle(page)
    answer_scoping(page, "Business software (SaaS, collaboration, developer tools)", SAAS,
                   {"deadline_months": "9", "controls_operating_months": "1", "headcount": "40"})
    shoot_both_widths(page, "assessment-scoping")
    sections = 1
    while page.get_by_role("button", name="Next").count():
        previous = section_heading(page)
        page.get_by_role("button", name="Next").click()
        page.wait_for_function("(previous) => { const h = document.querySelector('[data-testid=\"stMain\"] h2');"
                               " return h && h.innerText.trim() !== previous; }", arg=previous)
        settle(page)
        sections += 1
        main = page.locator('[data-testid="stMain"]')
        for index in range(main.locator('[data-testid="stRadio"]').count()):
            label = "Partly or informally" if index % 3 == 0 else "Yes: documented and operating"
            main.locator('[data-testid="stRadio"]').nth(index).get_by_text(label, exact=True).click()
            settle(page)
        if sections == 4:
            shoot_both_widths(page, "assessment-readiness")
        no_errors(page)
    assert sections == 11   # scoping + 9 readiness sections in a Security + Availability scope + the report itself
    page.get_by_role("button", name="See my results").click()
    settle(page)
    page.get_by_text("covering Security and Availability").first.wait_for()
    shoot_both_widths(page, "results")
    page.get_by_role("tab", name="Readiness").click()
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
    shoot_both_widths(page, "results-readiness")
    no_errors(page)
    page.get_by_role("link", name="See the dated plan").click()
    settle(page)
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
    expect(page.get_by_text("Auditor fees reported publicly")).to_be_visible()
    shoot_both_widths(page, "plan")
    no_errors(page)
    page.get_by_role("link", name="Learn").first.click()
    settle(page)
    shoot_both_widths(page, "learn")
    no_errors(page)


def focused_text(page) -> str:
    return page.evaluate("() => (document.activeElement && document.activeElement.innerText) || ''")


def tab_to(page, text: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_text(page).strip() == text:
            return
    raise AssertionError(f"Tab never reached {text!r}")


def test_keyboard_alone_starts_and_answers(page, app_url):
    page.goto(app_url)
    settle(page)
    tab_to(page, "Start the quick check")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="About your business").wait_for(timeout=10_000)
    settle(page)
    radio = page.locator('[data-testid="stRadio"]').filter(has_text=BANK.question("b2b").text)
    radio.locator("input").first.focus()
    page.keyboard.press("Space")
    settle(page)
    expect(radio.locator("input").first).to_be_checked()
    expect_answers(page, 1)
    no_errors(page)
