"""Type I or Type II (reference §4 and rules T1-T4 of §7.4).

A Type II is what buyers and user auditors ultimately want; a Type I first only earns its fee
when a deadline cannot wait for an observation period, or when customers are already asking and
a Type I would reach them sooner. Every sentence quotes the same (earliest, latest) months that
the plan and the deadline verdict use, so no page can contradict another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from scoring.models import PlanOptions, Reason, Verdict
from scoring.profile import Profile
from scoring.timeline import Durations, Path, deadline_weeks, path_range, path_weeks, verdict_by_weeks
from scoring.wording import months_text

VERDICT_RANK: dict[Verdict, int] = {"on_track": 3, "at_risk": 2, "not_possible": 1, "no_deadline": 0}


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
    """Pick the path; `durations_for(observation_months)` sizes the phases for a window length."""
    if not reports:
        return TypeDecision("none", None)
    months = options.observation_months or default_observation(reports)
    d = durations_for(months)
    path = _pick_path(p, reports, options, d)
    decision = TypeDecision(path, months)
    decision.rationale.append(_reason(p, reports, options, d, path))
    decision.rationale.append(_window_reason(reports, months, options))
    if path == "type_ii" and d.period_end("high") - d.observation < 0:
        decision.rationale.append(Reason(
            statement=f"No key control is known to be missing and your controls already have evidence, so the "
                      f"first {months}-month Type II period can include time already past: agree the period "
                      "with your auditor.",
            because=["controls_operating_months"]))
    return decision


def _pick_path(p: Profile, reports: list[str], options: PlanOptions, d: Durations) -> Path:
    if options.type_i_first is not None:
        return "type_i" if options.type_i_first else "type_ii"
    type_i, type_ii = path_range(d, "type_i"), path_range(d, "type_ii")
    if p.deadline_months is not None:
        # The path with the better deadline verdict, then the earlier latest date; a Type II wins
        # exact ties (it is what customers ultimately want, and a Type I would add a fee).
        deadline_week = deadline_weeks(p.deadline_months) - options.deadline_shift_weeks
        paths: tuple[Path, Path] = ("type_i", "type_ii")
        v1, v2 = (VERDICT_RANK[verdict_by_weeks(*path_weeks(d, path), deadline_week)] for path in paths)
        if v2 != v1:
            return "type_ii" if v2 > v1 else "type_i"
        # Rule T3: customers' auditors rely on a SOC 1 Type II, so when both meet the deadline a SOC 1
        # Type I would only add a fee.
        if "SOC 1" in reports and v2 == VERDICT_RANK["on_track"]:
            return "type_ii"
        return "type_ii" if type_ii[1] <= type_i[1] else "type_i"
    if "SOC 1" in reports:
        return "type_ii"
    if p.security_ask or p.user_auditor_ask:
        return "type_ii" if type_ii[1] <= type_i[1] else "type_i"
    return "type_ii"


def _reason(p: Profile, reports: list[str], options: PlanOptions, d: Durations, path: Path) -> Reason:
    type_i, type_ii = path_range(d, "type_i"), path_range(d, "type_ii")
    because = ["deadline_months", "controls_operating_months"]
    if options.type_i_first is not None:
        chosen = "a Type I report first" if path == "type_i" else "going straight to a Type II report"
        return Reason(statement=f"You chose {chosen} in the plan's what-if settings.", because=[])
    if p.deadline_months is not None:
        return _deadline_reason(p.deadline_months, reports, path, type_i, type_ii)
    if "SOC 1" in reports:
        return Reason(
            statement="Customers' financial auditors rely on a Type II SOC 1 report, covering a period that "
                      "overlaps at least six months of their fiscal year; many service organisations end the "
                      "period on 30 September or 31 October and give a bridge letter to year-end.",
            because=["fin_impact", "user_auditor_ask"])
    if path == "type_i":
        return Reason(
            statement=f"Customers are already asking and your controls have little clean history, so a Type I "
                      f"report reaches them sooner (no later than {months_text(type_i[1])}, against "
                      f"{months_text(type_ii[1])} for a Type II) while the Type II period runs.",
            because=["controls_operating_months", "security_ask", "user_auditor_ask"])
    if p.security_ask or p.user_auditor_ask:
        return Reason(
            statement="Your controls' evidence lets a Type II report arrive as soon as a Type I would, so go "
                      "straight to the Type II; a Type I is optional, not a prerequisite.",
            because=["controls_operating_months"])
    return Reason(
        statement="Nobody has set a date, so skip the Type I fee: put controls in place and go straight to "
                  "a first Type II report over a short period.",
        because=because)


def _deadline_reason(deadline: int, reports: list[str], path: Path, type_i: tuple[float, float],
                     type_ii: tuple[float, float]) -> Reason:
    """Why this path for this deadline, quoting the same latest months the verdict compares."""
    because = ["deadline_months", "controls_operating_months"]
    needed = "they need it now" if deadline == 0 else f"they need it within {months_text(deadline)}"
    i_latest, ii_latest = months_text(type_i[1]), months_text(type_ii[1])
    ii_meets, i_meets = type_ii[1] <= deadline, type_i[1] <= deadline
    if path == "type_ii" and ii_meets:
        return Reason(statement=f"A Type II report can be in hand no later than {ii_latest}, and {needed}. It is "
                                "what customers ultimately require, and a Type I would not reach them sooner, so "
                                "go straight to the Type II.", because=because)
    if path == "type_ii":
        return Reason(statement=f"Your customer's deadline is tight ({needed}); a Type II report (no later than "
                                f"{ii_latest}) comes no later than a Type I would, so go straight to the Type II "
                                "and agree the date with the customer now.", because=because)
    if i_meets and ii_meets:
        text = (f"Both a Type I (no later than {i_latest}) and a Type II (no later than {ii_latest}) meet your "
                f"customer's deadline ({needed}); the Type I reaches them sooner. If they accept the Type II "
                "date, skip the Type I and its fee.")
    else:
        text = (f"A Type II report cannot be promised by your customer's deadline ({needed}): its latest estimate "
                f"is {ii_latest}, its observation period cannot be shortened and evidence cannot be created "
                f"after the fact. Get a Type I report (controls designed and in place on one date, no later than "
                f"{i_latest}) first, start the Type II period the day after, and cover the time in between with "
                "a management-signed bridge letter.")
    if "SOC 1" in reports:
        text += (" Customers' auditors generally need a Type II for reliance, so treat the Type I as an "
                 "interim report.")
    return Reason(statement=text, because=because)


def _window_reason(reports: list[str], months: int, options: PlanOptions) -> Reason:
    if options.observation_months is not None:
        return Reason(statement=f"You chose a {months_text(months)} Type II observation period.", because=[])
    if "SOC 1" in reports:
        return Reason(statement="The plan uses a 6-month first Type II period so it can overlap half of "
                                "customers' fiscal year; later periods run 12 months back to back.",
                      because=["fin_impact", "user_auditor_ask"])
    return Reason(statement="The plan uses a 3-month first Type II period, commonly accepted for a first "
                            "report (there is no required minimum); later periods usually run 12 months back "
                            "to back, with a bridge letter for any gap.",
                  because=[])
