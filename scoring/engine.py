"""`assess`: the one public entry point that turns answers into a full, explained Result.

Pure: no I/O beyond the once-per-process bank, no UI, no global state; the same answers always
give the same result.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from questions import Bank, default_bank, visible_questions
from scoring.categories import in_scope, select_categories
from scoring.fees import fee_bands
from scoring.gaps import find_gaps
from scoring.headline import headline
from scoring.misconceptions import applicable
from scoring.models import CategoryDecision, Gap, PlanOptions, Reason, Result
from scoring.profile import Profile
from scoring.readiness import score_readiness
from scoring.recommendation import recommend_reports
from scoring.report_type import choose_type
from scoring.soc1 import objective_areas
from scoring.timeline import Durations, build_timeline, durations

POLICIES_QUESTION = "GOV-03"
REPORT_TYPE: dict[str, Literal["Type I", "Type II"]] = {"type_i": "Type I", "type_ii": "Type II"}


def scope_categories(answers: Mapping[str, object]) -> list[str]:
    """Categories in scope for these answers: what decides which readiness questions show."""
    profile = Profile.from_answers(answers)
    return in_scope(select_categories(profile, "SOC 2" in recommend_reports(profile).reports))


def readiness_scope(categories: list[str]) -> list[str]:
    """Without a SOC 2 scope, measure the common criteria: SOC 1 has no fixed criteria, and the
    general IT controls its objectives test are what the Security criteria cover."""
    return categories or ["Security"]


def assess(
    answers: Mapping[str, object], bank: Bank | None = None, options: PlanOptions | None = None
) -> Result:
    """Recommendation, scope, type, readiness, gaps and timeline for one set of answers."""
    bank = bank or default_bank()
    options = options or PlanOptions()
    profile = Profile.from_answers(answers)
    decision = recommend_reports(profile)
    category_decisions = select_categories(profile, "SOC 2" in decision.reports)
    categories = in_scope(category_decisions)
    visible = visible_questions(bank, answers, categories)
    readiness = score_readiness(visible, answers, readiness_scope(categories))
    planning_score = (options.readiness_override if options.readiness_override is not None
                      else readiness.planning_score)

    def durations_for(observation_months: int) -> Durations:
        return durations(profile, decision.reports, categories, planning_score,
                         answers.get(POLICIES_QUESTION), observation_months)

    type_decision = choose_type(profile, decision.reports, options, durations_for)
    d = durations_for(type_decision.observation_months or 3)
    timeline = build_timeline(d, type_decision.path, type_decision.observation_months, profile.deadline_months)
    report_type = REPORT_TYPE.get(type_decision.path)
    gaps = find_gaps(visible, answers, readiness)
    rationale = [*decision.rationale, *_category_reasons(category_decisions), *type_decision.rationale,
                 *_readiness_reasons(planning_score, gaps)]
    return Result(
        reports=decision.reports,
        headline=headline(decision.kind, decision.reports, report_type, categories, timeline, planning_score),
        report_type=report_type,
        categories=categories,
        readiness=readiness,
        timeline=timeline,
        rationale=rationale,
        gaps=gaps,
        category_decisions=category_decisions,
        follow_ups=decision.follow_ups,
        notes=decision.notes,
        soc1_objective_areas=objective_areas(profile.business_type) if "SOC 1" in decision.reports else [],
        fees=fee_bands(decision.reports, report_type),
        misconceptions=applicable(profile, decision.reports, report_type),
        bank_version=bank.version,
    )


def _category_reasons(decisions: list[CategoryDecision]) -> list[Reason]:
    return [Reason(statement=f"{d.name}: {d.reason}", because=d.because)
            for d in decisions if d.status in ("in_scope", "consider")]


def _readiness_reasons(score: int | None, gaps: list[Gap]) -> list[Reason]:
    """Rule T4: below 50% readiness, remediation comes before either report type."""
    if score is None or score >= 50:
        return []
    return [Reason(
        statement=f"Readiness is {score}%: put the key controls in place before booking any audit; "
                  "neither report type makes sense until they run.",
        because=[g.question for g in gaps if g.priority == "high"])]
