"""The one sentence a founder reads first: what to get, with what scope, and roughly when."""

from __future__ import annotations

from scoring.models import Timeline


def headline(kind: str, reports: list[str], report_type: str | None, categories: list[str],
             timeline: Timeline, readiness: int | None) -> str:
    if kind == "consumer":
        return "You don't need a SOC report: they are for businesses that serve other organisations."
    if kind == "readiness_first":
        return ("No audit yet: build the basic controls now, so a first report takes months, "
                "not a year, when a customer asks.")
    if kind == "not_needed":
        return "No SOC report is needed today; revisit when a customer or their auditor asks."
    audited = [r for r in reports if r != "SOC 3"]
    names = " and a ".join(f"{r} {report_type}" for r in audited)
    scope = f" covering {_join(categories)}" if categories else ""
    soc3 = "SOC 3" in reports
    when = timeline.label
    if report_type == "Type I":
        then = "then move to a Type II" + (" and a public SOC 3" if soc3 else "")
        sentence = f"Start with a {names}{scope} in {when}, {then}."
    else:
        extra = " (plus a public SOC 3)" if soc3 else ""
        sentence = f"Get a {names}{scope}{extra}: expect {when}."
    if readiness is not None and readiness < 50:
        sentence += " Remediation comes first: key controls are not in place yet."
    return sentence


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
