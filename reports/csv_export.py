"""The action plan as CSV, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from reports.content import ReportData

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
    return out.getvalue()
