"""The slice in a real browser: a payroll processor's answers end on a SOC 1 recommendation."""

from __future__ import annotations

from tests.browser.conftest import screenshot, settle

PAYROLL = {
    "b2b": "Yes, we sell to organisations",
    "has_customers": "Yes",
    "fin_impact": "Yes",
    "user_auditor_ask": "Yes",
    "security_ask": "No",
    "customer_data": "Yes",
    "uptime_sla": "No",
    "confidential_nda": "No",
    "processing": "Yes",
    "personal_info": "Yes",
    "phi": "No",
    "public_artifact": "No",
}


def choose(page, question_text: str, label: str) -> None:
    group = page.locator('[data-testid="stRadio"]').filter(has_text=question_text)
    group.get_by_text(label, exact=True).click()
    settle(page)


def test_payroll_processor_gets_a_soc1_recommendation(page, app_url):
    from questions import default_bank

    bank = default_bank()
    page.goto(app_url)
    settle(page)
    page.get_by_role("button", name="Start the assessment").click()
    settle(page)
    assert page.get_by_role("heading", name="About your business").is_visible()

    page.locator('[data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="Payroll processing or PEO").click()
    settle(page)
    for qid, label in PAYROLL.items():
        choose(page, bank.question(qid).text, label)
    for qid, value in (("controls_operating_months", "2"), ("headcount", "120")):
        field = page.locator('[data-testid="stNumberInput"]').filter(has_text=bank.question(qid).text).locator("input")
        field.fill(value)
        field.press("Enter")
        settle(page)
    screenshot(page, "slice-scoping-1280")
    page.get_by_role("button", name="Next →").click()
    settle(page)
    assert page.get_by_role("heading", name="Governance").is_visible()

    page.get_by_role("link", name="Results").click()
    settle(page)
    page.get_by_text("Get a SOC 1 Type II").wait_for(timeout=10_000)
    screenshot(page, "slice-results-1280")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.console_errors == []
