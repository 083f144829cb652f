"""The workbook a consultant hands over: summary, answers, criteria coverage, action plan, timeline."""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from reports.content import DISCLAIMER, ReportData

HEADER_FILL = PatternFill("solid", fgColor="1F5FBF")
MAX_WIDTH = 80


def _summary(data: ReportData) -> pd.DataFrame:
    result = data.result
    rows = [
        ("Organisation", data.organisation),
        ("Assessed by", data.assessed_by),
        ("Date", data.on.isoformat()),
        ("Headline", result.headline),
        ("Reports recommended", data.reports_line),
        ("Trust Services Criteria categories", ", ".join(result.categories) or "n/a"),
        ("Overall readiness", "not assessed" if result.readiness.overall is None else f"{result.readiness.overall}%"),
        ("Timeline", result.timeline.label),
        ("Deadline", f"{data.deadline:%Y-%m-%d}: {result.timeline.verdict_text}" if data.deadline else "none given"),
        ("Notes", data.notes),
        ("", ""),
        ("Important", DISCLAIMER),
    ]
    rows += [(f"Readiness: {a.id} {a.name}", f"{a.score}%") for a in result.readiness.areas]
    rows += [(f"Reason {n}", r.statement) for n, r in enumerate(result.rationale, start=1)]
    return pd.DataFrame(rows, columns=["Item", "Value"])


def build_xlsx(data: ReportData) -> bytes:
    sheets = {
        "Summary": _summary(data),
        "Answers": pd.DataFrame([a.model_dump() for a in data.answers],
                                columns=["section", "question_id", "question", "answer"]),
        "Criteria coverage": pd.DataFrame([c.model_dump() for c in data.coverage],
                                          columns=["criterion", "area", "title", "coverage", "questions"]),
        "Action plan": pd.DataFrame([{**a.model_dump(), "owner": "", "due_date": ""} for a in data.actions],
                                    columns=["rank", "priority", "control", "action", "criteria", "answer",
                                             "owner", "due_date"]),
        "Timeline": pd.DataFrame([p.model_dump() for p in data.phases],
                                 columns=["phase", "starts", "ends", "start_week", "end_week"]),
    }
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.columns = [str(c).replace("_", " ").capitalize() for c in frame.columns]
            frame.to_excel(writer, sheet_name=name, index=False)
            _tidy(writer.sheets[name])
    return buffer.getvalue()


def _tidy(sheet: Worksheet) -> None:
    """Readable headers and widths; user text that looks like a formula stays text."""
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        longest = 0
        for cell in column:
            if cell.data_type == "f":       # e.g. a client name starting with "="
                cell.data_type = "s"
            if isinstance(cell.value, datetime | date):
                cell.number_format = "yyyy-mm-dd"
            text = "" if cell.value is None else str(cell.value)
            longest = max(longest, min(len(text), MAX_WIDTH))
            if len(text) > MAX_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[column[0].column_letter].width = max(10, longest + 2)
