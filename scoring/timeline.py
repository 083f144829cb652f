"""The plan to the report, in weeks: the heuristic of the domain reference §5, labelled an estimate.

Phases: scoping; then side by side a risk assessment, remediation, policy writing and the system
description with management's assertion; then either a Type I (fieldwork and report after its
"as of" date) or a Type II observation period, its fieldwork and report; then the cycle that keeps
the report current (back-to-back 12-month periods, bridge letters for gaps).

Every duration is a low/high range. One rule for every page and export: the plan is a range
(earliest, latest); promises use the latest date; the deadline verdict is `on_track` when the
latest date meets the deadline, `at_risk` when only the earliest does, `not_possible` when neither
does. Phases are drawn at the latest estimate so the Gantt ends on the promised date.

Evidence cannot be back-filled (reference §4): a Type II period may include time already past
only when no key control is known to be missing; otherwise the period starts once the controls
are fixed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Literal

from scoring.models import Phase, Stage, Timeline, Verdict
from scoring.wording import months_text

WEEKS_PER_MONTH = 52 / 12
RENEWAL_MONTHS = 12
Path = Literal["none", "type_i", "type_ii"]
Pick = Literal["low", "high"]

# Remediation weeks (low, high) at readiness anchors, from the bands of reference §5
# (>= 80 %: 3-6 weeks; 50-79 %: 2-3 months; < 50 %: 3-6 months), joined by straight lines so one
# point of readiness or one month of history never jumps the plan.
_REMEDIATION_ANCHORS: tuple[tuple[float, float, float], ...] = (
    (0, 20, 30), (25, 16, 26), (50, 13, 20), (65, 8, 13), (80, 3, 6), (100, 1, 2),
)


@dataclass(frozen=True)
class Span:
    """A duration range in weeks."""

    low: float
    high: float

    def __add__(self, other: Span) -> Span:
        return Span(self.low + other.low, self.high + other.high)

    def scaled(self, factor: float) -> Span:
        return Span(self.low * factor, self.high * factor)

    def at(self, pick: Pick) -> float:
        return self.low if pick == "low" else self.high


@dataclass(frozen=True)
class Durations:
    """How long each phase takes for this organisation, and how much past evidence counts."""

    scoping: Span
    risk: Span
    remediation: Span
    policy: Span
    description: Span
    type_i: Span
    observation: float
    type_ii: Span
    basis: str
    evidenced_weeks: float = 0.0

    def ready(self, pick: Pick) -> float:
        """Weeks until controls are in place: scoping, then the parallel preparation work."""
        return self.scoping.at(pick) + max(self.risk.at(pick), self.remediation.at(pick), self.policy.at(pick),
                                           self.description.at(pick))

    def period_end(self, pick: Pick) -> float:
        """When the first Type II period can end: it ends once controls are final, and up to
        `evidenced_weeks` of it may lie before that (clean evidence already gathered), so each
        week of clean evidence shortens the wait by a week until none is left."""
        return self.ready(pick) + max(0.0, self.observation - self.evidenced_weeks)


def estimated_readiness(operating_months: int) -> float:
    """Before readiness is assessed: a smooth guess from months of operating controls (0 -> 30 %,
    12 months or more -> 85 %), used only to size the plan and always labelled as an estimate.
    Gentle on purpose: one more month of history must move the plan by about a month, not four."""
    return 30 + 55 * min(max(operating_months, 0), 12) / 12


def remediation_span(readiness: float) -> Span:
    """Remediation weeks for a readiness score, interpolated between the anchors (monotonic)."""
    r = min(100.0, max(0.0, readiness))
    for (r0, lo0, hi0), (r1, lo1, hi1) in pairwise(_REMEDIATION_ANCHORS):
        if r <= r1:
            t = (r - r0) / (r1 - r0)
            return Span(lo0 + t * (lo1 - lo0), hi0 + t * (hi1 - hi0))
    return Span(_REMEDIATION_ANCHORS[-1][1], _REMEDIATION_ANCHORS[-1][2])


def headcount_factor(headcount: int | None) -> float:
    """More people, systems and access to cover lengthen preparation (reference §5 drivers); a
    startup of a few people is quicker (reference §5: about 10-16 weeks of readiness without help)."""
    size = headcount or 1
    return 0.6 if size < 10 else 0.8 if size < 50 else 1.0 if size < 250 else 1.2 if size < 1000 else 1.4


def first_report_weeks(d: Durations, path: Path, pick: Pick) -> float:
    """Weeks from the start until the first report is in hand on this path."""
    if path == "type_i":
        return d.ready(pick) + d.type_i.at(pick)
    if path == "type_ii":
        return d.period_end(pick) + d.type_ii.at(pick)
    return d.ready(pick)


def type_ii_weeks_after_type_i(d: Durations, pick: Pick) -> float:
    """After a Type I, the Type II period opens the day after its "as of" date (reference §7.4 T1)."""
    return d.ready(pick) + d.observation + d.type_ii.at(pick)


def weeks(value: float) -> int:
    """Whole weeks, rounded up: a promise is never earlier than the estimate behind it."""
    return math.ceil(round(value, 6))


def months_of(week_count: int) -> float:
    """Months for a number of weeks, rounded up to the half month: the number every page shows.

    Rounding up keeps the months and the dates in step: `months <= deadline` exactly when the
    week count fits in the deadline's whole weeks (see `deadline_weeks`).
    """
    return math.ceil(round(week_count / WEEKS_PER_MONTH * 2, 6)) / 2


def deadline_weeks(deadline_months: int) -> int:
    """The deadline as whole weeks from the start, rounded down (never later than the deadline)."""
    return math.floor(round(deadline_months * WEEKS_PER_MONTH, 6))


def verdict_by_weeks(earliest_week: int, latest_week: int, deadline_week: int | None) -> Verdict:
    """Contract v2: on_track when the latest date meets the deadline, at_risk when only the earliest
    does, not_possible when neither does. Counted in whole weeks from the start, which gives the same
    verdict as comparing `months_high`/`months_low` with the deadline's months (see `months_of`), and
    stays right when the start date moves while the deadline's calendar day stays."""
    if deadline_week is None:
        return "no_deadline"
    if latest_week <= deadline_week:
        return "on_track"
    return "at_risk" if earliest_week <= deadline_week else "not_possible"


def path_weeks(d: Durations, path: Path) -> tuple[int, int]:
    """(earliest, latest) whole weeks to the first report on this path."""
    return weeks(first_report_weeks(d, path, "low")), weeks(first_report_weeks(d, path, "high"))


def path_range(d: Durations, path: Path) -> tuple[float, float]:
    """(earliest, latest) months to the first report on this path."""
    return (months_of(weeks(first_report_weeks(d, path, "low"))),
            months_of(weeks(first_report_weeks(d, path, "high"))))


def build_timeline(
    d: Durations, path: Path, observation_months: int | None, deadline_months: int | None,
    verdict_text: str = "", deadline_shift_weeks: int = 0,
) -> Timeline:
    """The range to the first report, the deadline verdict and the phases (drawn at the latest)."""
    earliest, latest = path_weeks(d, path)
    low, high = months_of(earliest), months_of(latest)
    deadline_week = None if deadline_months is None else deadline_weeks(deadline_months) - deadline_shift_weeks
    phases = _phases(d, path, observation_months)
    period_start = next((p.start_week for p in phases if p.id == "observation"), None)
    type_ii_latest = weeks(type_ii_weeks_after_type_i(d, "high")) if path == "type_i" else None
    return Timeline(
        months_low=low,
        months_high=high,
        label=months_label(low, high),
        verdict=verdict_by_weeks(earliest, latest, deadline_week) if path != "none" else "no_deadline",
        phases=phases,
        earliest_week=earliest,
        latest_week=latest,
        report="Type I" if path == "type_i" else "Type II" if path == "type_ii" else None,
        deadline_months=deadline_months,
        deadline_week=deadline_week,
        verdict_text=verdict_text,
        observation_months=observation_months if path != "none" else None,
        period_starts_week=period_start,
        type_ii_months_low=months_of(weeks(type_ii_weeks_after_type_i(d, "low"))) if path == "type_i" else None,
        type_ii_months_high=months_of(type_ii_latest) if type_ii_latest is not None else None,
        type_ii_latest_week=type_ii_latest,
        estimate_basis=f"Estimate {d.basis}; durations are reported ranges, not a promise.",
    )


def months_label(low: float, high: float) -> str:
    """The range in words, from the same numbers as the verdict; "12+" past a year (reference §5)."""
    if low >= 12 and high > 12:
        return "12+ months"
    if high > 12:
        return f"{low:g}–12+ months"
    if low == high:
        return f"about {months_text(high)}"
    return f"{low:g}–{high:g} months"


def _phase(id_: str, name: str, start: float, end: float, stage: Stage = "prepare") -> Phase:
    return Phase.model_construct(id=id_, name=name, start_week=weeks(start), end_week=weeks(end), stage=stage)


def _phases(d: Durations, path: Path, observation_months: int | None) -> list[Phase]:
    """Every phase at the latest estimate, from scoping to the renewal that keeps the report current."""
    s = d.scoping.high
    phases = [
        _phase("scoping", "Scoping, system boundary and auditor selection", 0, s),
        _phase("risk", "Risk assessment", s, s + d.risk.high),
        _phase("remediation", "Developing and implementing controls", s, s + d.remediation.high),
        _phase("policies", "Policy writing and approval", s, s + d.policy.high),
    ]
    if d.description.high:
        phases.append(_phase("description", "System description and management's assertion", s,
                             s + d.description.high))
    ready = d.ready("high")
    if path == "none":
        return phases
    months = observation_months or 3
    if path == "type_i":
        phases.append(_phase("type_i", "Type I fieldwork and report (controls as of one date)", ready,
                             ready + d.type_i.high, "audit"))
        period_start, period_end = ready, ready + d.observation
    else:
        period_end = d.period_end("high")
        period_start = period_end - d.observation
    past = " (began before the start date, on evidence you already have)" if period_start < 0 else ""
    phases.append(_phase("observation", f"Type II observation period ({months_text(months)}){past}",
                         max(0.0, period_start), period_end, "audit"))
    report_end = period_end + d.type_ii.high
    phases.append(_phase("type_ii", "Type II fieldwork and report", period_end, report_end, "audit"))
    renewal_end = period_end + RENEWAL_MONTHS * WEEKS_PER_MONTH
    phases.append(_phase("next_period", "Next Type II period: 12 months, back to back, with ongoing monitoring",
                         period_end, renewal_end, "maintain"))
    phases.append(_phase("renewal", "Renewal report (a bridge letter covers any gap until it is issued)",
                         renewal_end, renewal_end + d.type_ii.high, "maintain"))
    return phases


def week_to_date(start: date, week: int) -> date:
    """The calendar date `week` weeks after the plan's start."""
    return start + timedelta(weeks=week)


def dated_phases(phases: list[Phase], start: date) -> list[tuple[Phase, date, date]]:
    """Each phase with its calendar start and end, for Gantt charts and exports."""
    return [(p, week_to_date(start, p.start_week), week_to_date(start, p.end_week)) for p in phases]
