"""Phase lengths for one organisation: the inputs of the timeline (reference §5 and §4).

Kept apart from the timeline's arithmetic so the rules that size each phase read in one place:
readiness (or, before it is assessed, months of operating controls) sizes remediation; the scope
and headcount add to it; the answers on risk assessment, policies and the system description size
their own phases; and only clean evidence (no key control known to be missing) counts toward a
first Type II period.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scoring.profile import HOSTS_CUSTOMER_SYSTEMS, Profile
from scoring.readiness import READY_BAND
from scoring.timeline import WEEKS_PER_MONTH, Durations, Span, estimated_readiness, headcount_factor, remediation_span
from scoring.wording import months_text

POLICIES_QUESTION = "GOV-03"
RISK_QUESTION = "RSK-01"
DELIVERABLE_QUESTIONS = ("DSC-01", "DSC-02")
_BY_ANSWER = {"yes": Span(1, 2), "partial": Span(2, 4)}
_FROM_SCRATCH = Span(3, 5)


def evidence_share(readiness: float) -> float:
    """How much past evidence a first period may lean on: none while much remains to build
    (readiness 50 % or less), all of it once little does (80 % or more), in between in proportion.
    A period overlapping heavy remediation would test controls that do not exist yet."""
    return min(1.0, max(0.0, (readiness - 50) / (READY_BAND - 50)))


def _half(months: float) -> float:
    return max(0.5, round(months * 2) / 2)


def evidence_months(p: Profile, reports: Sequence[str]) -> int:
    """Months of evidence every recommended report can use. SOC 1 tests the business-process
    controls as well as the IT general controls, so its months are the shorter of the two
    (an unknown `process_controls_months` counts as none: planned conservatively). Hosting and
    managed services are the exception: their SOC 1 objectives are IT general controls, physical
    and environmental security included, which is what the security months measure."""
    months = p.operating_months
    if "SOC 1" in reports and p.business_type not in HOSTS_CUSTOMER_SYSTEMS:
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
    size = headcount_factor(p.headcount)
    remediation = remediation.scaled(size)
    # Fieldwork samples more people, systems and locations in a large organisation, and covers
    # both reports when SOC 1 and SOC 2 are examined together.
    audit = max(1.0, size)
    both = Span(1, 3) if "SOC 1" in reports and "SOC 2" in reports else Span(0, 0)
    for category in categories:
        if category == "Privacy":
            remediation = remediation + Span(4, 8)
        elif category != "Security":
            remediation = remediation + Span(2, 4)
    scoping = Span(2, 2).scaled(audit)
    if "SOC 1" in reports:
        # Control objectives are agreed with the auditor and business-process controls designed.
        scoping = scoping + Span(1, 1)
        remediation = remediation + Span(2, 4)
    credit = 0.0
    evidence = evidence_months(p, reports)
    if blockers:
        if p.operating_months:
            basis += ", with no past evidence counted while key controls are missing"
    elif evidence:
        share = evidence_share(readiness if readiness is not None else estimated_readiness(p.operating_months))
        credit = min(evidence * WEEKS_PER_MONTH, observation_months * WEEKS_PER_MONTH) * share
        if credit:
            basis += (f", with about {months_text(_half(credit / WEEKS_PER_MONTH))} of your evidence counted "
                      "toward the first period")
    elif "SOC 1" in reports and p.operating_months and p.process_controls_months is None:
        basis += ", with no evidence counted until you say how long your financial-processing controls have run"
    return Durations(
        scoping=scoping,
        risk={"yes": Span(1, 1)}.get(str(answers.get(RISK_QUESTION)), Span(2, 4)),
        remediation=remediation,
        policy=_BY_ANSWER.get(str(answers.get(POLICIES_QUESTION)), _FROM_SCRATCH),
        description=_description_span(answers) if reports else Span(0, 0),
        type_i=Span(4, 8).scaled(audit) + both,
        observation=observation_months * WEEKS_PER_MONTH,
        type_ii=Span(3, 8).scaled(audit) + both,
        basis=basis,
        evidenced_weeks=credit,
    )


def _description_span(answers: Mapping[str, object]) -> Span:
    """Drafting the system description and assertion: the slower of the two answers decides."""
    spans = [_BY_ANSWER.get(str(answers.get(q)), _FROM_SCRATCH) for q in DELIVERABLE_QUESTIONS]
    return Span(max(s.low for s in spans), max(s.high for s in spans))
