"""The action plan as CSV, safe to open in a spreadsheet.

After the actions come milestone rows (the report in hand, due on the latest date of the plan),
so a tracker that imports the file carries the same date and deadline verdict as every export;
last, who prepared it (assessor and firm), when known, so the file says whose plan it is.
"""

from __future__ import annotations

import csv
import io

from reports.content import ReportData
from reports.story import first_report, type_ii_line, verdict_label, what_if_line

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADER = ["Rank", "Priority", "Control", "Action", "Criteria", "Current answer", "Owner", "Due date"]


def neutralise(value: object) -> str:
    """Text a spreadsheet would run as a formula is prefixed with ' so it shows literally."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def build_csv(data: ReportData) -> str:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(HEADER)
    for a in data.actions:
        writer.writerow([a.rank, a.priority, neutralise(a.control), neutralise(a.action), a.criteria,
                         neutralise(a.answer), "", ""])
    for row in milestones(data):
        writer.writerow(row)
    if data.prepared_by:
        writer.writerow(["", "Prepared by", neutralise(data.prepared_by), "", "", "", "", ""])
    return out.getvalue()


def milestones(data: ReportData) -> list[list[str]]:
    """The first report (and a Type II after a Type I) as rows due on their latest dates."""
    dates, result = data.dates, data.result
    if dates.latest is None:
        return []
    when = data.expected + "."
    if dates.deadline:
        when += f" Customer deadline {dates.deadline_text}: {verdict_label(result)}."
    if data.what_if:
        when += f" {what_if_line(data.what_if)}"
    rows = [["", "Milestone", f"{first_report(result)} report in hand", when, "", "", "", dates.latest.isoformat()]]
    if dates.type_ii_latest:
        rows.append(["", "Milestone", "Type II report in hand", type_ii_line(result, data.start), "", "", "",
                     dates.type_ii_latest.isoformat()])
    return rows
