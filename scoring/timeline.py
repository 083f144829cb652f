"""The plan to the report, in weeks: the heuristic of the domain reference §5, labelled an estimate.

Phases: scoping; remediation and policy work side by side; then either a Type I (fieldwork and
report after its "as of" date) or straight to a Type II observation window, then Type II
fieldwork and report. A Type I-first plan starts the Type II window the day after the Type I
"as of" date. Every duration is a low/high range; phases are drawn at the midpoint.

When key controls have already run with evidence for at least the window's length and little
remains to fix, the first Type II period can cover time already past (evidence cannot be
created afterwards, but evidence that exists can be tested), so no new window is waited for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from scoring.models import Phase, Timeline, Verdict
from scoring.profile import Profile

WEEKS_PER_MONTH = 52 / 12
Path = Literal["none", "type_i", "type_ii"]


@dataclass(frozen=True)
class Span:
    """A duration range in weeks."""

    low: float
    high: float

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2

    def __add__(self, other: Span) -> Span:
        return Span(self.low + other.low, self.high + other.high)

    def scaled(self, factor: float) -> Span:
        return Span(self.low * factor, self.high * factor)


@dataclass(frozen=True)
class Durations:
    """How long each phase takes for this organisation."""

    scoping: Span
    remediation: Span
    policy: Span
    type_i: Span
    observation: float
    type_ii: Span
    basis: str
    evidenced: bool = False

    @property
    def wait_for_window(self) -> float:
        """Weeks of observation still to come once controls are ready (none if already evidenced)."""
        return 0.0 if self.evidenced else self.observation

    def ready(self, pick: str) -> float:
        """Weeks until controls are in place: scoping, then remediation and policies in parallel."""
        return _at(self.scoping, pick) + max(_at(self.remediation, pick), _at(self.policy, pick))


def _at(span: Span, pick: str) -> float:
    return {"low": span.low, "mid": span.mid, "high": span.high}[pick]


def effective_readiness(readiness: int | None, operating_months: int) -> int:
    """The readiness score, or before it is assessed a guess from how long controls have run."""
    if readiness is not None:
        return readiness
    return 85 if operating_months >= 6 else 60 if operating_months >= 3 else 30


def remediation_span(readiness: int | None, operating_months: int) -> tuple[Span, str]:
    """Remediation by readiness band (reference §5)."""
    if readiness is None:
        months = "1 month" if operating_months == 1 else f"{operating_months} months"
        basis = f"based on {months} of operating controls (readiness not assessed yet)"
    else:
        basis = f"based on a readiness score of {readiness}%"
    proxy = effective_readiness(readiness, operating_months)
    if proxy >= 80:
        return Span(3, 6), basis
    if proxy >= 50:
        return Span(8, 13), basis
    return Span(13, 26), basis


def headcount_factor(headcount: int | None) -> float:
    """More people, systems and access to cover lengthen preparation (reference §5 drivers)."""
    size = headcount or 1
    return 1.0 if size < 50 else 1.15 if size < 250 else 1.3 if size < 1000 else 1.5


def durations(
    profile: Profile,
    reports: list[str],
    categories: list[str],
    readiness: int | None,
    policies_answer: object,
    observation_months: int,
) -> Durations:
    """Phase lengths for this profile, scope and readiness."""
    remediation, basis = remediation_span(readiness, profile.operating_months)
    remediation = remediation.scaled(headcount_factor(profile.headcount))
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
    policy = {"yes": Span(1, 2), "partial": Span(2, 4)}.get(str(policies_answer), Span(3, 5))
    return Durations(
        scoping=scoping,
        remediation=remediation,
        policy=policy,
        type_i=Span(4, 8),
        observation=observation_months * WEEKS_PER_MONTH,
        type_ii=Span(3, 8),
        basis=basis,
        evidenced=already_evidenced(readiness, profile.operating_months, observation_months),
    )


def already_evidenced(readiness: int | None, operating_months: int, observation_months: int) -> bool:
    """Controls have run with evidence for a whole window and little remains to fix."""
    return operating_months >= observation_months and effective_readiness(readiness, operating_months) >= 80


def first_report_weeks(d: Durations, path: Path, pick: str) -> float:
    """Weeks from the start until the first report is in hand on this path."""
    ready = d.ready(pick)
    if path == "type_i":
        return ready + _at(d.type_i, pick)
    if path == "type_ii":
        return ready + d.wait_for_window + _at(d.type_ii, pick)
    return ready


def type_ii_weeks(d: Durations, pick: str) -> float:
    """Weeks until the Type II report, whichever path: the window opens once controls are ready."""
    return d.ready(pick) + d.wait_for_window + _at(d.type_ii, pick)


def build_timeline(
    d: Durations, path: Path, observation_months: int | None, deadline_months: int | None
) -> Timeline:
    """Phases at the midpoint, the low/high range to the first report, and the deadline verdict."""
    low, high = first_report_weeks(d, path, "low"), first_report_weeks(d, path, "high")
    deadline_week = None if deadline_months is None else round(deadline_months * WEEKS_PER_MONTH)
    verdict, verdict_text = _verdict(d, path, low, high, deadline_week, deadline_months)
    return Timeline(
        months_low=_months(low),
        months_high=_months(high),
        label=months_label(_months(low), _months(high)),
        phases=_phases(d, path, observation_months),
        deadline_week=deadline_week,
        verdict=verdict,
        verdict_text=verdict_text,
        observation_months=observation_months if path != "none" else None,
        type_ii_months_low=_months(type_ii_weeks(d, "low")) if path == "type_i" else None,
        type_ii_months_high=_months(type_ii_weeks(d, "high")) if path == "type_i" else None,
        estimate_basis=f"Estimate {d.basis}; durations are reported ranges, not a promise.",
    )


def months_label(low: float, high: float) -> str:
    """Displayed range clamped to 3-12 months, with "12+" past a year (reference §5)."""
    shown_low = max(3, round(low))
    if shown_low >= 12:
        return "12+ months"
    shown_high = min(12, max(shown_low, round(high)))
    plus = "+" if high > 12 else ""
    return f"{shown_low}–{shown_high}{plus} months" if shown_high != shown_low or plus else f"about {shown_low} months"


def _months(weeks: float) -> float:
    return round(weeks / WEEKS_PER_MONTH * 2) / 2


def _phases(d: Durations, path: Path, observation_months: int | None) -> list[Phase]:
    scoping = round(d.scoping.mid)
    remediation_end = scoping + max(1, round(d.remediation.mid))
    policy_end = scoping + max(1, round(d.policy.mid))
    ready = max(remediation_end, policy_end)
    phases = [
        Phase(id="scoping", name="Scoping and auditor selection", start_week=0, end_week=scoping),
        Phase(id="remediation", name="Readiness and remediation", start_week=scoping, end_week=remediation_end),
        Phase(id="policies", name="Policy writing and approval", start_week=scoping, end_week=policy_end),
    ]
    if path == "type_i":
        phases.append(Phase(id="type_i", name="Type I fieldwork and report", start_week=ready,
                            end_week=ready + round(d.type_i.mid)))
    if path == "type_ii" and d.evidenced:
        # The period ends when controls are final; it began before today, so it is drawn from week 0.
        phases.append(Phase(id="observation", start_week=0, end_week=ready,
                            name=f"Type II period ({observation_months} months, already evidenced)"))
        phases.append(Phase(id="type_ii", name="Type II fieldwork and report", start_week=ready,
                            end_week=ready + round(d.type_ii.mid)))
        return phases
    if path in ("type_i", "type_ii"):
        window_end = ready + round(d.observation)
        phases.append(Phase(id="observation", name=f"Type II observation window ({observation_months} months)",
                            start_week=ready, end_week=window_end))
        phases.append(Phase(id="type_ii", name="Type II fieldwork and report", start_week=window_end,
                            end_week=window_end + round(d.type_ii.mid)))
    return phases


def _verdict(
    d: Durations, path: Path, low: float, high: float, deadline_week: int | None, deadline_months: int | None
) -> tuple[Verdict | None, str]:
    if deadline_week is None or path == "none":
        return None, ""
    report = "Type I" if path == "type_i" else "Type II"
    if high <= deadline_week:
        return "on_track", (f"On track: the {report} report should be in hand within your "
                            f"{deadline_months}-month deadline.")
    if low <= deadline_week:
        return "at_risk", (f"At risk: the {report} report lands within {deadline_months} months only if "
                           "remediation goes quickly. Start now and book an auditor early.")
    fastest = first_report_weeks(d, "type_i", "low")
    return "not_possible", (
        f"Not possible: no report can honestly be in hand within {deadline_months} months. The fastest path is a "
        f"Type I report in about {max(1, round(fastest / WEEKS_PER_MONTH))} months. Tell the customer now, share "
        "your policies, a completed security questionnaire and your dated plan, and offer a signed engagement "
        "letter from your CPA firm (a commitment to the examination, not assurance).")


def week_to_date(start: date, week: int) -> date:
    """The calendar date `week` weeks after the plan's start."""
    return start + timedelta(weeks=week)


def dated_phases(phases: list[Phase], start: date) -> list[tuple[Phase, date, date]]:
    """Each phase with its calendar start and end, for Gantt charts and exports."""
    return [(p, week_to_date(start, p.start_week), week_to_date(start, p.end_week)) for p in phases]
