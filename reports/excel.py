"""The workbook a consultant hands over: summary (with the firm's name and logo), answers, criteria
coverage, action plan, timeline, fees."""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports.content import DISCLAIMER, STAGE, ReportData
from reports.logo import Logo
from reports.story import fee_sources, readiness_headline, verdict_detail, verdict_label, what_if_line

HEADER_FILL = PatternFill("solid", fgColor="1F5FBF")
MAX_WIDTH = 80
DATE_FORMAT = "yyyy-mm-dd"
LOGO_BOX = (151, 57)    # pixels: 40 × 15 mm at 96 dpi, as in the PDF
LOGO_ANCHOR = "D2"      # right of the summary's two columns, so it covers no value


def _summary(data: ReportData) -> pd.DataFrame:
    """Item and value; dates are real dates, so a spreadsheet can sort and count with them."""
    result = data.result
    readiness = result.readiness
    dates = data.dates
    rows: list[tuple[str, object]] = [
        ("Organisation", data.organisation),
        ("Assessed by", data.assessed_by),
        ("Firm", data.firm_name),
        ("Date", data.on),
        ("Headline", result.headline),
        ("Reports recommended", data.reports_line),
        ("Trust Services Criteria categories", ", ".join(result.categories) or "n/a"),
        ("Overall readiness", "not assessed" if readiness.overall is None else f"{readiness.overall}%"),
        ("Readiness verdict", readiness_headline(readiness)),
    ]
    rows += [(f"{name} readiness", f"{score}%") for name, score in readiness.by_report.items()
             if score is not None and len(readiness.by_report) > 1]
    rows += [("Key control missing", f"{b.control} (answered: {b.answer})") for b in data.blockers]
    rows += [
        ("Estimated time to the report", result.timeline.label),
        ("Plan start", data.start),
        ("Report expected", data.expected or "n/a"),
        ("Report no later than", dates.latest or "n/a"),
        ("Report at the earliest", dates.earliest or "n/a"),
    ]
    if dates.type_ii_latest:
        rows.append(("Type II report no later than", dates.type_ii_latest))
    rows += [
        ("Customer deadline", dates.deadline or "none given"),
        ("Deadline verdict", verdict_label(result) or "No deadline set"),
    ]
    if dates.deadline:
        rows.append(("Deadline verdict, in words", verdict_detail(result)))
    if data.what_if:
        rows.append(("Plan assumption", what_if_line(data.what_if)))
    rows += [
        ("Estimate basis", result.timeline.estimate_basis),
        ("Notes", data.notes),
        ("", ""),
        ("Important", DISCLAIMER),
    ]
    rows += [(f"Readiness: {a.area}", f"{a.score}%") for a in data.areas]
    rows += [(f"SOC 1 readiness: {a.area}", f"{a.score}%") for a in data.soc1_areas]
    rows += [(f"Reason {n}", r.statement) for n, r in enumerate(result.rationale, start=1)]
    return pd.DataFrame(rows, columns=["Item", "Value"])


def _fees(data: ReportData) -> pd.DataFrame:
    """Publicly reported fee bands, as numbers; never a quote."""
    return pd.DataFrame([{"Report": f.report, "Low (USD)": f.low_usd, "High (USD)": f.high_usd, "Note": f.note,
                          "Sources": fee_sources(f)} for f in data.result.fees],
                        columns=["Report", "Low (USD)", "High (USD)", "Note", "Sources"])


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
        "Timeline": pd.DataFrame([{**p.model_dump(), "stage": STAGE.get(p.stage, p.stage)} for p in data.phases],
                                 columns=["phase", "starts", "ends", "start_week", "end_week", "stage"]),
        "Fees": _fees(data),
    }
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.columns = [str(c).replace("_", " ").capitalize() if str(c).islower() else str(c)
                             for c in frame.columns]
            frame.to_excel(writer, sheet_name=name, index=False)
            _tidy(writer.sheets[name])
        if data.logo:
            _add_logo(writer.sheets["Summary"], data.logo)
    return buffer.getvalue()


def _add_logo(sheet: Worksheet, logo: Logo) -> None:
    """The firm's logo (checked and re-encoded, reports/logo.py), scaled to the box, shape kept.
    Guarded all the same: a logo openpyxl refuses leaves the workbook without it, never without a workbook."""
    scale = min(LOGO_BOX[0] / logo.width, LOGO_BOX[1] / logo.height)
    try:
        picture = Image(io.BytesIO(logo.png))
    except Exception:
        return
    picture.width, picture.height = round(logo.width * scale), round(logo.height * scale)
    sheet.add_image(picture, LOGO_ANCHOR)


def _tidy(sheet: Worksheet) -> None:
    """Readable headers and widths; long or multi-line text wraps inside its cell (never runs past it
    or hides its line breaks); dates show as dates; user text that looks like a formula stays text."""
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
    sheet.freeze_panes = "A2"
    for number, column in enumerate(sheet.columns, start=1):
        longest = 0
        for cell in column:
            if cell.data_type == "f":       # e.g. a client name starting with "="
                cell.data_type = "s"
            if isinstance(cell.value, datetime | date):
                cell.number_format = DATE_FORMAT
            lines = ("" if cell.value is None else str(cell.value)).splitlines() or [""]
            widest = max(len(line) for line in lines)
            longest = max(longest, min(widest, MAX_WIDTH))
            if widest > MAX_WIDTH or len(lines) > 1:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(number)].width = max(10, longest + 2)
