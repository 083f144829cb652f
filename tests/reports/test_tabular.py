"""Excel, Markdown and CSV: read back, and user text kept literal and harmless."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import openpyxl

from reports.content import build_report
from reports.csv_export import build_csv, milestones
from reports.excel import MAX_WIDTH, build_xlsx
from reports.filenames import export_filename, safe_stem
from reports.markdown import build_markdown, escape, sentence
from scoring import assess
from tests.reports.conftest import AWKWARD_NAME, LONG_NOTES, largest_answers


def test_excel_has_every_sheet_with_headers_and_widths(largest):
    book = openpyxl.load_workbook(io.BytesIO(build_xlsx(largest)))
    assert book.sheetnames == ["Summary", "Answers", "Criteria coverage", "Action plan", "Timeline", "Fees"]
    plan = book["Action plan"]
    assert [c.value for c in plan[1]] == ["Rank", "Priority", "Control", "Action", "Criteria", "Answer",
                                         "Owner", "Due date"]
    assert plan.max_row == len(largest.actions) + 1
    assert book["Criteria coverage"].max_row == 62
    assert book["Answers"].max_row == len(largest.answers) + 1
    assert book["Timeline"]["A2"].value == largest.phases[0].phase
    assert book["Timeline"]["B2"].value.date() == largest.phases[0].starts
    assert plan.column_dimensions["D"].width > 40
    summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows(min_row=2)}
    assert summary["Organisation"] == "Acme Largest Ltd"
    assert summary["Notes"].startswith("Notes **not bold**")
    assert summary["Date"].date() == largest.on                      # real dates, not text
    assert summary["Report no later than"].date() == largest.dates.latest
    assert summary["Customer deadline"].date() == largest.deadline
    fees = book["Fees"]
    assert [c.value for c in fees[1]] == ["Report", "Low (USD)", "High (USD)", "Note", "Sources"]
    assert fees.max_row == len(largest.result.fees) + 1


def test_excel_keeps_formula_like_user_text_as_text(awkward):
    book = openpyxl.load_workbook(io.BytesIO(build_xlsx(awkward)))
    cell = book["Summary"]["B2"]
    assert cell.value == AWKWARD_NAME and cell.data_type == "s"


def test_markdown_summary_reads_like_an_email(largest):
    text = build_markdown(largest)
    assert text.startswith("# SOC readiness summary: Acme Largest Ltd")
    assert "Acme Largest Ltd is preparing a SOC 1 Type I and a SOC 2 Type I with Security, Availability" in text
    assert f"no later than {largest.dates.latest_text}" in text
    tables = [largest.actions, largest.phases, largest.areas, largest.soc1_areas]
    assert text.count("\n| ") == sum(len(rows) + 1 for rows in tables if rows)


def test_markdown_escapes_user_text(awkward):
    text = build_markdown(awkward)
    assert "<script>" not in text and "\\<script\\>" in text
    assert "\\*\\*not bold\\*\\*" in text and "\\[not a link\\]" in text
    assert "| Ltd" not in text and "\\|" in text
    assert "مرحبا 株式会社 🚀" in text
    assert escape("a\nb") == "a b"


def test_sentence_for_a_company_needing_no_report():
    from reports.content import build_report
    from scoring import assess
    from tests.conftest import profile

    answers = profile(has_customers="no", security_ask="no")
    assert "does not need a SOC report yet" in sentence(build_report(assess(answers), answers, "Tiny"))


def test_csv_round_trips_and_neutralises_formulas(awkward):
    text = build_csv(awkward)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["Rank", "Priority", "Control", "Action"]
    assert len(rows) == len(awkward.actions) + 1 + len(milestones(awkward)) + 1      # + who prepared it
    assert rows[-2][1] == "Milestone" and rows[-2][-1] == awkward.dates.type_ii_latest.isoformat()
    assert rows[-1][1:3] == ["Prepared by", "<i>O'Brien</i>"]
    assert rows[1][2] == awkward.actions[0].control
    from reports.csv_export import neutralise

    assert neutralise("=SUM(A1)") == "'=SUM(A1)" and neutralise("-1") == "'-1" and neutralise("ok") == "ok"


def test_file_names_carry_a_safe_organisation_and_the_date():
    assert export_filename(AWKWARD_NAME, "soc-readiness", "pdf", date(2026, 11, 23)).endswith("-2026-11-23.pdf")
    assert safe_stem("../../etc/passwd") == "etc-passwd"
    assert safe_stem("株式会社") == "assessment"
    assert safe_stem("Zoë & Co") == "zoe-co"


def _sheets(data):
    return openpyxl.load_workbook(io.BytesIO(build_xlsx(data)))


def test_excel_wraps_long_and_multi_line_text_inside_its_column(largest):
    short_lines = build_report(assess(largest_answers()), largest_answers(), "Acme", "Jane",
                               "First line\nsecond line")
    for data in (largest, short_lines):
        for sheet in _sheets(data):
            for row in sheet.iter_rows(min_row=2):
                for cell in row:
                    if cell.is_date or cell.value is None:
                        continue
                    text = str(cell.value)
                    width = sheet.column_dimensions[cell.column_letter].width
                    if "\n" in text or len(text) > width:
                        assert cell.alignment.wrap_text, f"{sheet.title}!{cell.coordinate} does not wrap"
                    assert width <= MAX_WIDTH + 2
    notes = {row[0].value: row[1] for row in _sheets(short_lines)["Summary"].iter_rows(min_row=2)}["Notes"]
    assert notes.value == "First line\nsecond line" and notes.alignment.wrap_text
    assert len(LONG_NOTES) > MAX_WIDTH


def test_excel_stores_every_date_as_a_date_not_text(largest):
    book = _sheets(largest)
    summary = {row[0].value: row[1] for row in book["Summary"].iter_rows(min_row=2)}
    for item in ("Date", "Plan start", "Report no later than", "Report at the earliest", "Customer deadline"):
        assert summary[item].is_date and summary[item].number_format == "yyyy-mm-dd", item
    timeline = book["Timeline"]
    for row in timeline.iter_rows(min_row=2, min_col=2, max_col=3):
        assert all(cell.is_date and cell.number_format == "yyyy-mm-dd" for cell in row)
    for sheet in book:                      # no cell is a date written as text
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                assert not (isinstance(cell.value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{1,2} \w+ \d{4}",
                                                                         cell.value)), cell.coordinate
