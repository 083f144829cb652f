"""The deadline verdict in words, from the same (earliest, latest) months as the verdict itself."""

from __future__ import annotations

from typing import Literal

from scoring.models import Verdict
from scoring.wording import months_text

ADVICE = ("Tell the customer now, share your policies, a completed security questionnaire and your dated plan, "
          "and offer a signed engagement letter from your CPA firm (a commitment to the examination, not "
          "assurance).")
REPORT_NAMES: dict[str, Literal["Type I", "Type II"]] = {"type_i": "Type I", "type_ii": "Type II"}


def verdict_text(verdict: Verdict, report: str, low: float, high: float, deadline_months: int | None,
                 alternative: tuple[str, float] | None = None) -> str:
    """One sentence per verdict; `alternative` is the other path and its earliest months."""
    if deadline_months is None or verdict == "no_deadline":
        return ""
    if deadline_months == 0:
        needed = "your customer needs the report now"
    else:
        needed = f"your customer needs it within {months_text(deadline_months)}"
    if verdict == "on_track":
        return (f"On track: the {report} report should be in hand no later than {months_text(high)} from the "
                f"start, and {needed}.")
    if verdict == "at_risk":
        return (f"At risk: {needed}, and the {report} report is estimated at {low:g}–{high:g} months, so only "
                "the earliest estimate meets it. Start now, book an auditor early, and promise the customer "
                "the latest date, not the earliest.")
    text = (f"Not possible: {needed}, and the earliest a {report} report could be in hand is "
            f"{months_text(low)}.")
    if alternative is not None and alternative[1] < low:
        other, other_low = alternative
        meets = " and could still meet it" if other_low <= deadline_months else ""
        text += f" A {other} report could be in hand in {months_text(other_low)} at the earliest{meets}."
    return f"{text} {ADVICE}"
