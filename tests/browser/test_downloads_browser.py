"""Downloads in a real browser: a PDF and a workbook named after the organisation and the date."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from questions import default_bank
from tests.browser.conftest import screenshot, settle

BANK = default_bank()


def test_pdf_and_excel_download_with_safe_names(page, app_url, tmp_path):
    page.goto(app_url)
    settle(page)
    page.get_by_role("button", name="Start the quick check").click()
    page.get_by_role("heading", name="About your business").wait_for()
    settle(page)
    name = page.get_by_label("Organisation name (optional)", exact=True).and_(page.locator("input"))
    name.fill("Zoë & <Co> Ltd")
    name.press("Enter")
    settle(page)
    group = page.locator('[data-testid="stRadio"]').filter(has_text=BANK.question("security_ask").text)
    group.get_by_text("Yes", exact=True).click()
    settle(page)
    page.get_by_role("link", name="Results").first.click()
    page.get_by_role("button", name="PDF report").wait_for()
    settle(page)
    today = date.today().isoformat()
    with page.expect_download() as pdf_download:
        page.get_by_role("button", name="PDF report").click()
    pdf = pdf_download.value
    assert pdf.suggested_filename == f"zoe-co-ltd-soc-readiness-{today}.pdf"
    path = tmp_path / "report.pdf"
    pdf.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    with page.expect_download() as xlsx_download:
        page.get_by_role("button", name="Excel workbook").click()
    assert re.fullmatch(rf"zoe-co-ltd-soc-readiness-{today}\.xlsx", xlsx_download.value.suggested_filename)
    page.get_by_text("Share and export").scroll_into_view_if_needed()
    screenshot(page, "results-export-1280")
    assert page.console_errors == []


def test_copy_buttons_put_the_summary_and_the_note_on_the_clipboard_at_phone_width(page, app_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(app_url)
    settle(page)
    page.get_by_role("button", name="Start the quick check").click()
    page.get_by_role("heading", name="About your business").wait_for()
    settle(page)
    group = page.locator('[data-testid="stRadio"]').filter(has_text=BANK.question("security_ask").text)
    group.get_by_text("Yes", exact=True).click()
    settle(page)
    page.goto(f"{app_url}/Results?{page.url.split('?', 1)[1]}")
    settle(page)
    codes = page.locator('[data-testid="stCode"]')
    expect(codes.last).to_contain_text("We are preparing a SOC 2")
    for index, label in ((0, "Copy the summary"), (1, "Copy the note")):
        frame = page.frame_locator('[data-testid="stIFrame"]').nth(index)
        button = frame.get_by_role("button", name=label)
        button.scroll_into_view_if_needed()
        expect(button).to_be_visible()          # a real button, not a copy icon that needs a hover
        button.click()
        expect(frame.get_by_role("status")).to_have_text("Copied")
        copied = page.evaluate("navigator.clipboard.readText()")
        shown = codes.nth(codes.count() - 2 + index).inner_text()
        assert " ".join(copied.split()) == " ".join(shown.split())
    screenshot(page, "results-copy-390")
    assert page.console_errors == []


def test_copy_button_falls_back_to_selecting_text_without_the_clipboard_api(page, app_url):
    """Plain-http hosts (a phone on the office network) have no navigator.clipboard."""
    from ui.downloads import copy_button_html

    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(f"{app_url}/_stcore/health")
    text = "Zoë & <Co> </script> note"
    page.set_content(copy_button_html(text, "Copy the note"))
    page.get_by_role("button", name="Copy the note").click()
    expect(page.get_by_role("status")).to_have_text("Copied")
    reader = page.context.new_page()
    reader.goto(f"{app_url}/_stcore/health")
    assert reader.evaluate("navigator.clipboard.readText()") == text
