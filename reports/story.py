"""The one date story: every page and export takes its dates and promises from here.

The engine gives the plan as a range in weeks from the start (earliest, latest) and a deadline
verdict. This module turns them into calendar dates once, and writes the sentences that quote
them: promises always use the latest date ("no later than"), never the middle or the earliest.
It also words the readiness verdict and the what-if assumptions the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict

from scoring.models import FeeBand, Readiness, Result
from scoring.timeline import week_to_date
from scoring.wording import join

VERDICT_LABEL = {"no_deadline": "No deadline set", "on_track": "On track", "at_risk": "At risk",
                 "not_possible": "Not possible"}
READINESS_LABEL = {"not_assessed": "Not assessed yet", "blocked": "Blocked", "material_gaps": "Material gaps",
                   "findings_likely": "Findings likely", "audit_ready": "Audit ready"}
READINESS_MEANING = {
    "not_assessed": "Answer at least half of the readiness questions for a verdict; unanswered questions "
                    "count as not in place.",
    "blocked": "An auditor tests key controls first, and a Type II period can only start once they run.",
    "material_gaps": "Readiness is below 50%: put the missing controls in place before booking an audit.",
    "findings_likely": "The key controls are in place, but gaps remain that an auditor would likely report as "
                       "exceptions.",
    "audit_ready": "The key controls are in place and readiness is 80% or more.",
}
# Short phase names for charts (readable at phone width); tables give the engine's full names.
SHORT_NAMES = {"scoping": "Scoping", "risk": "Risk assessment", "remediation": "Fixing gaps",
               "policies": "Policies", "description": "System description", "type_i": "Type I report",
               "observation": "Type II period", "type_ii": "Type II report", "next_period": "Next period",
               "renewal": "Renewal report"}
FEE_BASIS = {"cpa_firm": "Published by CPA firms", "compliance_vendors": "From compliance vendors' guides",
             "reported_by_vendors": "Reported by compliance vendors"}


# English month names, whatever the server's locale (`%B` follows it), and a tenth of strftime's cost:
# a Plan click writes some forty dates.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
SHORT_MONTHS = tuple(month[:3] for month in MONTHS)


def format_date(day: date) -> str:
    """`7 September 2026`: the one way every page and export writes a plan date."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """`7 Sep 2026`, for tables and chart labels."""
    return f"{day.day} {SHORT_MONTHS[day.month - 1]} {day.year}"


class PlanDates(BaseModel):
    """The calendar dates of one plan, from one start date."""

    model_config = ConfigDict(frozen=True)

    start: date
    earliest: date | None
    latest: date | None
    deadline: date | None
    type_ii_latest: date | None
    report: str | None

    @property
    def latest_text(self) -> str:
        return format_date(self.latest) if self.latest else ""

    @property
    def earliest_text(self) -> str:
        return format_date(self.earliest) if self.earliest else ""

    @property
    def deadline_text(self) -> str:
        return format_date(self.deadline) if self.deadline else ""


def plan_dates(result: Result, start: date) -> PlanDates:
    timeline = result.timeline
    planned = result.report_type is not None
    return PlanDates(
        start=start,
        earliest=week_to_date(start, timeline.earliest_week) if planned else None,
        latest=week_to_date(start, timeline.latest_week) if planned else None,
        deadline=week_to_date(start, timeline.deadline_week) if timeline.deadline_week is not None else None,
        type_ii_latest=(week_to_date(start, timeline.type_ii_latest_week)
                        if timeline.type_ii_latest_week is not None else None),
        report=timeline.report,
    )


def reports_named(result: Result) -> str:
    """"a SOC 1 Type II and a SOC 2 Type II", or "" when no report is recommended."""
    audited = [r for r in result.reports if r != "SOC 3"]
    return " and a ".join(f"{r} {result.report_type}" for r in audited)


def first_report(result: Result) -> str:
    """The first report as a short noun: "SOC 2 Type I", "SOC 1 and SOC 2 Type II"."""
    audited = [r for r in result.reports if r != "SOC 3"]
    return f"{join(audited)} {result.report_type}" if audited and result.report_type else ""


def promise(result: Result, start: date) -> str:
    """"no later than 12 June 2027 (earliest 3 April 2027)": the latest date leads."""
    dates = plan_dates(result, start)
    if dates.latest is None or dates.earliest is None:
        return ""
    if dates.earliest == dates.latest:
        return f"no later than {dates.latest_text}"
    return f"no later than {dates.latest_text} (earliest {dates.earliest_text})"


def expected_line(result: Result, start: date) -> str:
    """"SOC 2 Type I report no later than 7 September 2026 (earliest 8 June 2026)", or "";
    "SOC 1 and SOC 2 Type II reports ..." when both come from one plan."""
    if result.report_type is None:
        return ""
    plural = "s" if len([r for r in result.reports if r != "SOC 3"]) > 1 else ""
    return f"{first_report(result)} report{plural} {promise(result, start)}"


def type_ii_line(result: Result, start: date) -> str:
    """After a Type I first: "The Type II report follows no later than ...", else ""."""
    dates = plan_dates(result, start)
    if dates.type_ii_latest is None:
        return ""
    return f"The Type II report follows no later than {format_date(dates.type_ii_latest)}."


def verdict_label(result: Result) -> str:
    """"On track", "At risk", "Not possible", or "" without a deadline."""
    verdict = result.timeline.verdict
    return "" if verdict == "no_deadline" or result.report_type is None else VERDICT_LABEL[verdict]


def verdict_detail(result: Result) -> str:
    """The engine's verdict sentence without its leading "At risk: " (the label is shown apart)."""
    text = result.timeline.verdict_text
    label = VERDICT_LABEL.get(result.timeline.verdict, "")
    if label and text.startswith(f"{label}: "):
        text = text[len(label) + 2:]
    return text[:1].upper() + text[1:]


def deadline_line(result: Result, start: date) -> str:
    """The verdict with its dates: "At risk: customer deadline 23 May 2027; SOC 2 Type I report
    no later than ... . <why>", or "" without a deadline."""
    dates = plan_dates(result, start)
    label = verdict_label(result)
    if dates.deadline is None or not label:
        return ""
    return (f"{label}: customer deadline {dates.deadline_text}; {expected_line(result, start)}. "
            f"{verdict_detail(result)}").strip()


def what_if_line(assumptions: Sequence[str]) -> str:
    """"What-if: readiness 90% instead of the measured 62%; a 12-month Type II window.", or ""."""
    return f"What-if: {'; '.join(assumptions)}." if assumptions else ""


def summary_line(organisation: str, result: Result, start: date, assumptions: Sequence[str] = ()) -> str:
    """The line a sales rep pastes into a CRM: about the company, in the third person."""
    if not result.reports:
        return f"{organisation} does not need a SOC report yet. {result.headline}"
    scope = f" with {join(result.categories)}" if result.categories else ""
    line = f"{organisation} is preparing a {reports_named(result)}{scope}"
    if "SOC 3" in result.reports:
        line += ", plus a public SOC 3"
    line += f"; the report is expected {promise(result, start)}, from a start on {format_date(start)}."
    dates = plan_dates(result, start)
    if dates.type_ii_latest is not None:
        line += f" A Type II report follows no later than {format_date(dates.type_ii_latest)}."
    if dates.deadline is not None and verdict_label(result):
        line += f" Customer deadline {dates.deadline_text}: {verdict_label(result)}."
    if assumptions:
        line += f" {what_if_line(assumptions)}"
    return line


def prospect_note(result: Result, start: date, assumptions: Sequence[str] = ()) -> str:
    """A ready-to-send note to the prospect, in the first person, with the same dates and verdict."""
    if not result.reports:
        return ("We are not preparing a SOC report at the moment. We are happy to answer your security "
                "questionnaire and share our security policies and practices.")
    dates = plan_dates(result, start)
    scope = f" covering {join(result.categories)}" if result.categories else ""
    lines = [f"We are preparing a {reports_named(result)}{scope}, examined by an independent CPA firm."]
    lines.append(f"We expect the report no later than {dates.latest_text}.")
    # The verdict is about this first report, so it is said before any later Type II date.
    if result.timeline.verdict == "on_track" and dates.deadline:
        lines.append(f"That is in time for the {dates.deadline_text} you asked for.")
    elif result.timeline.verdict == "at_risk" and dates.deadline:
        lines.append(f"We know you asked for it by {dates.deadline_text}; we are working to meet that "
                     "date and will confirm as soon as our audit dates are booked.")
    elif result.timeline.verdict == "not_possible" and dates.deadline:
        lines.append(f"We cannot honestly promise it by {dates.deadline_text}, and would rather tell "
                     "you now.")
    if dates.type_ii_latest is not None:
        lines.append(f"A Type II report, which tests our controls over a period, follows no later than "
                     f"{format_date(dates.type_ii_latest)}.")
    if assumptions:
        lines.append(f"These dates rest on a planning assumption: {'; '.join(assumptions)}.")
    if "SOC 3" in result.reports:
        lines.append("A public SOC 3 summary will follow from the same examination.")
    if "SOC 2" in result.reports:
        meanwhile = "our security policies, a completed security questionnaire"
    else:
        meanwhile = "a description of our controls over the processing we do for you"
    lines.append(f"Meanwhile we can share {meanwhile} and our dated plan, and, once our audit is booked, the "
                 "engagement letter from our CPA firm.")
    return " ".join(lines)


def readiness_headline(readiness: Readiness) -> str:
    """The readiness verdict in words: "Blocked: 2 key controls missing", "Findings likely"."""
    label = READINESS_LABEL[readiness.verdict]
    if readiness.verdict == "blocked":
        count = len(readiness.blockers)
        return f"{label}: {count} key control{'s' if count != 1 else ''} missing"
    return label


def area_label(name: str, codes: Sequence[str]) -> str:
    """Plain name first, codes second: "Access control (CC6)"."""
    return f"{name} ({', '.join(codes)})" if codes else name


def fee_text(band: FeeBand) -> str:
    """The band's note and who reported it, without saying "reported by compliance vendors" twice."""
    sources = fee_sources(band)
    if not band.sources and sources.rstrip(".").lower() in band.note.lower():
        return band.note
    return f"{band.note} {sources}"


def fee_sources(band: FeeBand) -> str:
    """Who reported a fee band: the named sources, or the kind of source when none is named."""
    if band.sources:
        return f"{FEE_BASIS.get(band.basis, 'Sources')}: {', '.join(band.sources)}."
    return f"{FEE_BASIS.get(band.basis, FEE_BASIS['reported_by_vendors'])}."
