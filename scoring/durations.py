"""Phase lengths for one organisation: the inputs of the timeline (reference §5 and §4).

Kept apart from the timeline's arithmetic so the rules that size each phase read in one place:
readiness (or, before it is assessed, months of operating controls) sizes remediation; the scope
and headcount add to it; the answers on risk assessment, policies and the system description size
their own phases; and only clean evidence (no key control known to be missing) counts toward a
first Type II period.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scoring.profile import Profile
from scoring.readiness import READY_BAND
from scoring.timeline import WEEKS_PER_MONTH, Durations, Span, estimated_readiness, headcount_factor, remediation_span
from scoring.wording import months_text

POLICIES_QUESTION = "GOV-03"
RISK_QUESTION = "RSK-01"
DELIVERABLE_QUESTIONS = ("DSC-01", "DSC-02")
_BY_ANSWER = {"yes": Span(1, 2), "partial": Span(2, 4)}
_FROM_SCRATCH = Span(3, 5)


def evidence_months(p: Profile, reports: Sequence[str]) -> int:
    """Months of evidence every recommended report can use. SOC 1 tests the business-process
    controls as well as the IT general controls, so its months are the shorter of the two
    (an unknown `process_controls_months` counts as none: planned conservatively)."""
    months = p.operating_months
    if "SOC 1" in reports:
        months = min(months, p.process_controls_months or 0)
    return months


def build_durations(
    p: Profile,
    reports: Sequence[str],
    categories: Sequence[str],
    answers: Mapping[str, object],
    readiness: int | None,
    blockers: Sequence[str],
    observation_months: int,
    assumed: bool = False,
) -> Durations:
    """Phase lengths for this profile, scope and readiness; `assumed` marks a what-if readiness."""
    if readiness is None:
        basis = (f"based on {months_text(p.operating_months)} of operating controls" if p.operating_months
                 else "based on controls that are just starting") + " (readiness not assessed yet)"
        remediation = remediation_span(estimated_readiness(p.operating_months))
    else:
        basis = (f"based on an assumed readiness of {readiness}% (what-if)" if assumed
                 else f"based on a readiness score of {readiness}%")
        remediation = remediation_span(readiness)
    remediation = remediation.scaled(headcount_factor(p.headcount))
    for category in categories:
        if category == "Privacy":
            remediation = remediation + Span(4, 8)
        elif category != "Security":
            remediation = remediation + Span(2, 4)
    scoping = Span(2, 2)
    if "SOC 1" in reports:
        # Control objectives are agreed with the auditor and business-process controls designed.
        scoping = Span(3, 3)
        remediation = remediation + Span(2, 4)
    credit = 0.0
    if not blockers and (readiness is None or readiness >= READY_BAND):
        evidence = evidence_months(p, reports)
        credit = evidence * WEEKS_PER_MONTH
        if credit:
            basis += f", with {months_text(evidence)} of clean evidence counted toward the first period"
    elif blockers and p.operating_months:
        basis += ", with no past evidence counted while key controls are missing"
    return Durations(
        scoping=scoping,
        risk={"yes": Span(1, 1)}.get(str(answers.get(RISK_QUESTION)), Span(2, 4)),
        remediation=remediation,
        policy=_BY_ANSWER.get(str(answers.get(POLICIES_QUESTION)), _FROM_SCRATCH),
        description=_description_span(answers) if reports else Span(0, 0),
        type_i=Span(4, 8),
        observation=observation_months * WEEKS_PER_MONTH,
        type_ii=Span(3, 8),
        basis=basis,
        evidenced_weeks=credit,
    )


def _description_span(answers: Mapping[str, object]) -> Span:
    """Drafting the system description and assertion: the slower of the two answers decides."""
    spans = [_BY_ANSWER.get(str(answers.get(q)), _FROM_SCRATCH) for q in DELIVERABLE_QUESTIONS]
    return Span(max(s.low for s in spans), max(s.high for s in spans))
