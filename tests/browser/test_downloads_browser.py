"""Downloads in a real browser: a PDF and a workbook named after the organisation and the date."""

from __future__ import annotations

import re
from datetime import date

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
