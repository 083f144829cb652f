"""One date story everywhere: Results, Plan, PDF, Excel, Markdown, CSV, the paste line and the note.

The rule (issue #9): the plan is a range (earliest, latest); promises use the latest date ("no later
than"); the deadline verdict is on_track when the latest date meets it, at_risk when only the
earliest does, not_possible when neither does; the text never contradicts the numbers.
"""

from __future__ import annotations

import csv
import io
import math
import re
from datetime import date

import openpyxl
import pytest

from reports.content import ReportData, build_report
from reports.csv_export import build_csv
from reports.excel import build_xlsx
from reports.markdown import build_markdown
from reports.pdf import build_pdf
from reports.story import VERDICT_LABEL, format_date, plan_dates, short_date, verdict_label
from scoring import assess
from tests.app.conftest import open_app, texts
from tests.conftest import profile
from tests.reports.test_pdf import text_of
from tests.scoring.test_readiness import everything

BLOCKED = everything("yes") | {"ACC-01": "no", "CHG-01": "partial"}
PROMISE = re.compile(r"no later than (.{0,25})")
MONTHS_FROM_START = re.compile(r"\d+(\.5)? months?\b")   # the engine's own months, same numbers
OLD_WORDING = ("expected by",)   # the old promise, taken from a phase end or a midpoint
BAD_MONTHS = re.compile(r"(?<![\d.])1 months|within 0 months")
# What the note to the prospect says for each verdict (it speaks to a customer, so no label).
NOTE_SAYS = {"on_track": "in time for the", "at_risk": "we are working to meet that date",
             "not_possible": "We cannot honestly promise it by"}


def with_deadline(answers: dict, verdict: str) -> dict:
    """The answers with a deadline chosen from the engine's own range so that `verdict` is hit:
    on track at the latest month, at risk between earliest and latest, not possible before both."""
    low, high = assess(answers).timeline.months_low, assess(answers).timeline.months_high
    months = {"on_track": math.ceil(high), "at_risk": math.ceil(low), "not_possible": max(0, math.floor(low) - 1)}
    chosen = answers | {"deadline_months": months[verdict]}
    assert assess(chosen).timeline.verdict == verdict, (verdict, low, high, months[verdict])
    return chosen


CASES = {
    "on track": with_deadline(everything("yes"), "on_track"),
    "at risk": with_deadline(profile(), "at_risk"),
    "not possible": with_deadline(profile(), "not_possible"),
    "type I first": profile(uptime_sla="yes", deadline_months=6),
    "SOC 1 and SOC 2": everything("yes", fin_impact="yes", user_auditor_ask="yes"),
    "quick check": profile(),
    "blockers": with_deadline(BLOCKED, "at_risk"),
}


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOC_NAVIGATOR_DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")


def export_texts(data: ReportData) -> dict[str, str]:
    """Every export of one assessment as plain text."""
    book = openpyxl.load_workbook(io.BytesIO(build_xlsx(data)))
    cells = [format_date(cell.value.date()) if cell.is_date else str(cell.value)   # real dates, read as a person would
             for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None]
    rows = csv.reader(io.StringIO(build_csv(data)))
    return {
        "PDF": text_of(build_pdf(data))[1],
        "Excel": "\n".join(cells),
        "Markdown": build_markdown(data),
        "CSV": "\n".join(" | ".join(row) for row in rows),
        "paste line": data.paste_line(),
        "prospect note": data.prospect_note,
    }


def page_texts(answers: dict) -> dict[str, str]:
    """The Results and Plan pages as the app draws them for these answers."""
    found = {}
    for name, page in (("Results page", "pages/2_Results.py"), ("Plan page", "pages/3_Plan.py")):
        at = open_app(page, answers=answers, client_name="Acme")
        found[name] = "\n".join(texts(at))
    return found


@pytest.mark.parametrize("case", list(CASES))
def test_every_page_and_export_promises_the_same_latest_date_and_verdict(case):
    answers = CASES[case]
    start = date.today()          # the Results page plans from today
    result = assess(answers)
    dates = plan_dates(result, start)
    data = build_report(result, answers, "Acme", on=start, start=start)
    everywhere = export_texts(data) | page_texts(answers)
    allowed = {dates.latest_text} | ({format_date(dates.type_ii_latest)} if dates.type_ii_latest else set())
    label = verdict_label(result)
    for where, text in everywhere.items():
        assert dates.latest_text in text, f"{case}: {where} does not promise {dates.latest_text}"
        promised = PROMISE.findall(" ".join(text.split()))
        other = [p for p in promised if not p.startswith(tuple(allowed)) and not MONTHS_FROM_START.match(p)]
        assert not other, f"{case}: {where} promises {other}, not {allowed}"
        assert not [w for w in OLD_WORDING if w in text], f"{case}: {where} uses the old promise wording"
        assert not BAD_MONTHS.search(text), f"{case}: {where}: {BAD_MONTHS.search(text).group()}"
        if not label:
            assert not any(f"{other}:" in text for other in ("On track", "At risk", "Not possible")), where
            continue
        if where == "prospect note":
            assert NOTE_SAYS[result.timeline.verdict] in text, f"{case}: the note does not say it is {label}"
        else:
            assert label in text, f"{case}: {where} does not say {label}"
        others = [v for k, v in VERDICT_LABEL.items() if k not in (result.timeline.verdict, "no_deadline")]
        assert not [o for o in others if f"{o}:" in text], f"{case}: {where} names another verdict"


@pytest.mark.parametrize("case", list(CASES))
def test_the_dates_obey_the_verdict(case):
    """on_track: the latest date meets the deadline; at_risk: only the earliest does; not_possible: neither."""
    result = assess(CASES[case])
    dates = plan_dates(result, date(2027, 1, 4))
    assert dates.earliest <= dates.latest
    if dates.deadline is None:
        assert result.timeline.verdict == "no_deadline"
        return
    expected = ("on_track" if dates.latest <= dates.deadline else
                "at_risk" if dates.earliest <= dates.deadline else "not_possible")
    assert result.timeline.verdict == expected


def test_excel_keeps_the_plan_dates_as_real_dates():
    answers = CASES["type I first"]
    data = build_report(assess(answers), answers, "Acme", start=date(2027, 1, 4))
    book = openpyxl.load_workbook(io.BytesIO(build_xlsx(data)))
    summary = {row[0].value: row[1] for row in book["Summary"].iter_rows(min_row=2)}
    for item, expected in (("Report no later than", data.dates.latest), ("Report at the earliest", data.dates.earliest),
                           ("Type II report no later than", data.dates.type_ii_latest),
                           ("Customer deadline", data.dates.deadline), ("Plan start", date(2027, 1, 4))):
        cell = summary[item]
        assert cell.is_date and cell.value.date() == expected, item


@pytest.mark.parametrize("month", range(1, 13))
def test_dates_read_in_english_whatever_the_locale(month):
    """Every month of a plan date, in full and short, as an English reader writes it (day without a zero)."""
    day = date(2027, month, 3)
    name = ("January February March April May June July August September October November December").split()[month - 1]
    assert format_date(day) == f"3 {name} 2027"
    assert short_date(day) == f"3 {name[:3]} 2027"
