"""Type I or Type II (reference §4 and rules T1-T4 of §7.4).

A Type II is what buyers and user auditors ultimately want; a Type I first only earns its fee
when a deadline cannot wait for an observation window, or when customers are already asking and
the controls have no operating history yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from scoring.models import PlanOptions, Reason
from scoring.profile import Profile
from scoring.timeline import WEEKS_PER_MONTH, Durations, Path, first_report_weeks


@dataclass
class TypeDecision:
    path: Path
    observation_months: int | None
    rationale: list[Reason] = field(default_factory=list)


def default_observation(reports: list[str]) -> int:
    """3 months is common for a first SOC 2; SOC 1 reliance wants at least 6 months of a fiscal year."""
    return 6 if "SOC 1" in reports else 3


def choose_type(
    p: Profile,
    reports: list[str],
    options: PlanOptions,
    durations_for: Callable[[int], Durations],
) -> TypeDecision:
    """Pick the path; `durations_for(observation_months)` lets deadline checks see each window."""
    if not reports:
        return TypeDecision("none", None)
    months = options.observation_months or default_observation(reports)
    d = durations_for(months)
    decision = TypeDecision(_pick_path(p, reports, options, d), months)
    decision.rationale.extend(_reasons(p, reports, options, d, decision.path))
    decision.rationale.append(_window_reason(reports, months, options))
    if d.evidenced and decision.path == "type_ii":
        decision.rationale.append(Reason(
            statement=f"Your key controls have run with evidence for {p.operating_months} months, so the first "
                      f"{months}-month Type II period can cover time already past: agree the period with your "
                      "auditor and there is no new window to wait for.",
            because=["controls_operating_months"]))
    return decision


def _pick_path(p: Profile, reports: list[str], options: PlanOptions, d: Durations) -> Path:
    if options.type_i_first is not None:
        return "type_i" if options.type_i_first else "type_ii"
    if p.deadline_months is not None:
        type_ii = first_report_weeks(d, "type_ii", "high")
        fits = type_ii <= p.deadline_months * WEEKS_PER_MONTH
        # Already-evidenced controls can make the Type II the faster report too.
        return "type_ii" if fits or type_ii <= first_report_weeks(d, "type_i", "high") else "type_i"
    if "SOC 1" in reports or p.operating_months >= 3:
        return "type_ii"
    return "type_i" if (p.security_ask or p.user_auditor_ask) else "type_ii"


def _reasons(p: Profile, reports: list[str], options: PlanOptions, d: Durations, path: Path) -> list[Reason]:
    if options.type_i_first is not None:
        chosen = "a Type I report first" if path == "type_i" else "going straight to a Type II report"
        return [Reason(statement=f"You chose {chosen} in the plan's what-if settings.", because=[])]
    if p.deadline_months is not None:
        if path == "type_ii" and first_report_weeks(d, "type_ii", "high") > p.deadline_months * WEEKS_PER_MONTH:
            return [Reason(
                statement="Your controls already have the evidence a Type II period needs, so a Type II report is "
                          "the fastest report you can get, and a Type I would not arrive sooner.",
                because=["deadline_months", "controls_operating_months"])]
        if path == "type_ii":
            return [Reason(
                statement=f"A Type II report can be ready within your {p.deadline_months}-month deadline, and it "
                          "is what customers ultimately require, so a separate Type I would add a fee without "
                          "gaining time.", because=["deadline_months", "controls_operating_months"])]
        reason = (f"A Type II report cannot be ready within {p.deadline_months} months: its observation window "
                  "cannot be shortened and evidence cannot be created after the fact. Get a Type I report "
                  "(controls designed and in place on one date) first, start the Type II window the day after, "
                  "and cover the time in between with a management-signed bridge letter.")
        if "SOC 1" in reports:
            reason += (" Customers' auditors generally need a Type II for reliance, so treat the Type I as an "
                       "interim report.")
        return [Reason(statement=reason, because=["deadline_months", "controls_operating_months"])]
    if "SOC 1" in reports:
        return [Reason(
            statement="Customers' financial auditors rely on a Type II SOC 1 report, covering a period that "
                      "overlaps at least six months of their fiscal year; many service organisations end the "
                      "period on 30 September or 31 October and give a bridge letter to year-end.",
            because=["fin_impact", "user_auditor_ask"])]
    if p.operating_months >= 3:
        return [Reason(
            statement=f"Your key controls have run with evidence for {p.operating_months} months, so you can go "
                      "straight to a Type II report; a Type I is optional, not a prerequisite.",
            because=["controls_operating_months"])]
    if path == "type_i":
        return [Reason(
            statement="Customers are already asking and your controls have little operating history, so a "
                      "Type I report gives them something within months while the Type II window runs.",
            because=["controls_operating_months", "security_ask", "user_auditor_ask"])]
    return [Reason(
        statement="Nobody has set a date, so skip the Type I fee: put controls in place and go straight to "
                  "a first Type II report over a short window.",
        because=["deadline_months", "controls_operating_months"])]


def _window_reason(reports: list[str], months: int, options: PlanOptions) -> Reason:
    if options.observation_months is not None:
        return Reason(statement=f"You chose a {months}-month Type II observation window.", because=[])
    if "SOC 1" in reports:
        return Reason(statement="The plan uses a 6-month first Type II period so it can overlap half of "
                                "customers' fiscal year; later periods run 12 months back to back.",
                      because=["fin_impact", "user_auditor_ask"])
    return Reason(statement="The plan uses a 3-month first Type II window, commonly accepted for a first "
                            "report (there is no required minimum); later periods usually run 12 months.",
                  because=[])
