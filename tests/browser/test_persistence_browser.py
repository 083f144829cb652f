"""Nobody loses an answer: not on reload, not when the server is killed."""

from __future__ import annotations

from playwright.sync_api import expect

from questions import default_bank
from tests.browser.conftest import expect_answers, screenshot, settle

BANK = default_bank()


def choose(page, question_id: str, label: str) -> None:
    group = page.locator('[data-testid="stRadio"]').filter(has_text=BANK.question(question_id).text)
    group.get_by_text(label, exact=True).click()
    settle(page)


def checked(page, question_id: str, label: str) -> bool:
    group = page.locator('[data-testid="stRadio"]').filter(has_text=BANK.question(question_id).text)
    expect(group.get_by_label(label, exact=True)).to_be_checked()
    return True


def start_full(page, url: str) -> None:
    page.goto(url)
    settle(page)
    page.get_by_role("button", name="Start the full assessment").click()
    page.get_by_role("heading", name="About your business").wait_for()
    settle(page)


def test_reload_keeps_every_answer(page, app_url):
    start_full(page, app_url)
    choose(page, "b2b", "Yes, we sell to organisations")
    choose(page, "security_ask", "Yes")
    field = page.locator('[data-testid="stNumberInput"]').filter(has_text=BANK.question("headcount").text)
    field.locator("input").fill("42")
    field.locator("input").press("Enter")
    settle(page)
    assert "?a=" in page.url
    page.reload()
    page.get_by_role("heading", name="About your business").wait_for()
    settle(page)
    assert checked(page, "b2b", "Yes, we sell to organisations")
    assert checked(page, "security_ask", "Yes")
    expect(field.locator("input")).to_have_value("42")
    expect_answers(page, 3)
    assert page.console_errors == []


def test_answers_given_before_a_sigkill_are_there_after_restart(page, app_server):
    start_full(page, app_server.url)
    for qid, label in (("b2b", "Yes, we sell to organisations"), ("has_customers", "Yes"),
                       ("fin_impact", "Not sure"), ("uptime_sla", "Yes")):
        choose(page, qid, label)
    resume_link = page.url
    assert "?a=" in resume_link
    app_server.kill()
    app_server.start()
    fresh = page.context.new_page()
    fresh.goto(resume_link)
    fresh.get_by_text("4 answers so far").wait_for(timeout=20_000)
    fresh.get_by_role("link", name="Assessment").first.click()
    fresh.get_by_role("heading", name="About your business").wait_for()
    settle(fresh)
    assert checked(fresh, "fin_impact", "Not sure")
    assert checked(fresh, "uptime_sla", "Yes")
    screenshot(fresh, "resumed-after-sigkill-1280")


def test_a_broken_link_says_so_kindly(page, app_url):
    page.goto(f"{app_url}/?a=this-is-not-a-real-link")
    settle(page)
    expect(page.get_by_text("does not match any saved assessment")).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0


def test_workspace_import_explains_a_bad_file_and_adds_a_good_one(page, app_url, tmp_path):
    import json

    from storage.transfer import FORMAT

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "' + FORMAT + '", "schema_version": 1, "client_name": "X", '
                   '"answers": {"b2b": "maybe", "GOV-99": "yes"}}')
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"format": FORMAT, "schema_version": 1, "bank_version": BANK.version,
                                "client_name": "Imported Client", "mode": "quick",
                                "answers": {"b2b": "yes", "security_ask": "yes"}}))
    page.goto(f"{app_url}/Workspace")
    settle(page)
    page.get_by_text("Import an assessment from a JSON export").click()
    chooser = page.locator('[data-testid="stFileUploaderDropzoneInput"][accept*=".json"]')
    chooser.set_input_files(str(bad))
    page.get_by_text("cannot be imported; nothing was changed").wait_for()
    expect(page.get_by_text("b2b: \"maybe\" is not one of the allowed answers")).to_be_visible()
    chooser.set_input_files(str(good))   # a single-file uploader replaces the bad file
    page.get_by_text("Imported as a new assessment: Imported Client").wait_for()
    page.reload()
    settle(page)
    assert page.get_by_text("Imported Client", exact=True).count() == 1   # imported once, not on every rerun
    screenshot(page, "workspace-after-import-1280")
