"""The one sentence a founder reads first: what to get, with what scope, and by when at the latest."""

from __future__ import annotations

from scoring.models import Readiness, Timeline
from scoring.readiness import MATERIAL_GAPS_BELOW
from scoring.wording import join


def headline(kind: str, reports: list[str], report_type: str | None, categories: list[str],
             timeline: Timeline, readiness: Readiness) -> str:
    if kind == "consumer":
        return "You don't need a SOC report: they are for businesses that serve other organisations."
    if kind == "readiness_first":
        return ("No audit yet: build the basic controls now, so a first report takes months, "
                "not a year, when a customer asks.")
    if kind == "not_needed":
        return "No SOC report is needed today; revisit when a customer or their auditor asks."
    if kind == "undecided":
        return ("Not decided yet: nothing you have answered calls for a SOC report, but the questions that "
                "decide it are still open (see To settle).")
    audited = [r for r in reports if r != "SOC 3"]
    names = " and a ".join(f"{r} {report_type}" for r in audited)
    scope = f" covering {join(categories)}" if categories else ""
    soc3 = "SOC 3" in reports
    # The range's top is the promise; past a year the label says "12+", so name the latest month.
    when = timeline.label
    if timeline.months_high > 12:
        when = f"{timeline.months_low:g}–{timeline.months_high:g} months"
    if report_type == "Type I":
        then = "then move to a Type II" + (" and a public SOC 3" if soc3 else "")
        sentence = f"Start with a {names}{scope} in {when}, {then}."
    else:
        extra = " (plus a public SOC 3)" if soc3 else ""
        sentence = f"Get a {names}{scope}{extra}: expect {when}."
    if readiness.blockers:
        count = len(readiness.blockers)
        sentence += (f" Fix or confirm {count} key control{'s' if count > 1 else ''} first: the Type II period "
                     "cannot start until they run.")
    elif readiness.planning_score is not None and readiness.planning_score < MATERIAL_GAPS_BELOW:
        sentence += " Remediation comes first: key controls are not in place yet."
    return sentence
