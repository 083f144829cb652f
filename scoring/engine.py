"""`assess`: the one public entry point that turns answers into a full, explained Result.

Pure: no I/O beyond the once-per-process bank, no UI, no global state; the same answers always
give the same result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from questions import Bank, Question, default_bank, visible_questions
from scoring.categories import in_scope, select_categories
from scoring.deadline import REPORT_NAMES, verdict_text
from scoring.durations import build_durations
from scoring.fees import fee_bands
from scoring.gaps import find_gaps
from scoring.headline import headline
from scoring.misconceptions import applicable
from scoring.models import CategoryDecision, FollowUp, Gap, PlanOptions, Readiness, Reason, Result, Timeline
from scoring.profile import Profile
from scoring.readiness import MATERIAL_GAPS_BELOW, score_readiness
from scoring.recommendation import ReportDecision, recommend_reports
from scoring.report_type import TypeDecision, choose_type
from scoring.soc1 import objective_areas
from scoring.timeline import Durations, Path, build_timeline, deadline_weeks, path_range, path_weeks, verdict_by_weeks


def question_scope(answers: Mapping[str, object]) -> list[str]:
    """What decides which questions show: the categories in scope and the reports recommended
    (display conditions name either, e.g. `{category = "Privacy"}` or `{report = "SOC 1"}`)."""
    profile = Profile.from_answers(answers)
    reports = recommend_reports(profile).reports
    return [*in_scope(select_categories(profile, "SOC 2" in reports)), *reports]



def readiness_scope(categories: list[str]) -> list[str]:
    """Without a SOC 2 scope, measure the common criteria: SOC 1 has no fixed criteria, and the
    general IT controls its objectives test are what the Security criteria cover."""
    return categories or ["Security"]


@dataclass(frozen=True)
class Measured:
    """What the answers alone decide: the report families, the categories in scope, the visible questions
    and readiness. No plan option changes any of it, so a what-if reuses it (`assess(..., measured=)`)."""

    profile: Profile
    decision: ReportDecision
    category_decisions: list[CategoryDecision]
    categories: list[str]
    visible: tuple[Question, ...]
    readiness: Readiness
    gaps: list[Gap] | None = None   # `assess` finds them when not given
    to_settle: list[FollowUp] | None = None   # likewise the answers worth checking (`_settle`)


def measure(answers: Mapping[str, object], bank: Bank | None = None, gaps: bool = False) -> Measured:
    """What `assess` decides from the answers alone; with `gaps`, the gaps and the answers worth checking
    too (what a what-if reuses)."""
    bank = bank or default_bank()
    profile = Profile.from_answers(answers)
    decision = recommend_reports(profile)
    category_decisions = select_categories(profile, "SOC 2" in decision.reports)
    categories = in_scope(category_decisions)
    visible = visible_questions(bank, answers, [*categories, *decision.reports])
    readiness = score_readiness(visible, answers, readiness_scope(categories), decision.reports)
    return Measured(profile=profile, decision=decision, category_decisions=category_decisions,
                    categories=categories, visible=visible, readiness=readiness,
                    gaps=find_gaps(visible, answers, readiness) if gaps else None,
                    to_settle=_settle(readiness, visible, profile, decision.reports) if gaps else None)


@dataclass(frozen=True)
class Decided:
    """What the engine decides before it words anything: what the answers decide (`measured`), then the
    score it plans with and the report path. `summarise` stops here."""

    measured: Measured
    planning_score: int | None
    type_decision: TypeDecision
    durations: Durations

    @property
    def report_type(self) -> Literal["Type I", "Type II"] | None:
        return REPORT_NAMES.get(self.type_decision.path)


def decide(answers: Mapping[str, object], bank: Bank | None = None, options: PlanOptions | None = None,
           measured: Measured | None = None) -> Decided:
    """The decisions `assess` explains: reports, scope, visible questions, readiness and the path."""
    options = options or PlanOptions()
    m = measured or measure(answers, bank)
    profile, decision, categories, readiness = m.profile, m.decision, m.categories, m.readiness
    assumed = options.readiness_override is not None
    planning_score = options.readiness_override if assumed else readiness.planning_score

    def durations_for(observation_months: int) -> Durations:
        return build_durations(profile, decision.reports, categories, answers, planning_score,
                               readiness.blockers, observation_months, assumed)

    type_decision = choose_type(profile, decision.reports, options, durations_for)
    return Decided(measured=m, planning_score=planning_score, type_decision=type_decision,
                   durations=durations_for(type_decision.observation_months or 3))


def assess(
    answers: Mapping[str, object], bank: Bank | None = None, options: PlanOptions | None = None,
    measured: Measured | None = None,
) -> Result:
    """Recommendation, scope, type, readiness, gaps and timeline for one set of answers; `measured`, when
    given, is `measure(answers, bank)` kept from before (a what-if on the Plan page changes only the options)."""
    bank = bank or default_bank()
    options = options or PlanOptions()
    decided = decide(answers, bank, options, measured)
    m = decided.measured
    profile, decision, category_decisions, categories = m.profile, m.decision, m.category_decisions, m.categories
    visible, readiness, planning_score = m.visible, m.readiness, decided.planning_score
    type_decision, d = decided.type_decision, decided.durations
    timeline = _timeline(d, type_decision.path, type_decision.observation_months, profile.deadline_months,
                         options.deadline_shift_weeks)
    report_type = decided.report_type
    gaps = m.gaps if m.gaps is not None else find_gaps(visible, answers, readiness)
    rationale = [*decision.rationale, *_category_reasons(category_decisions), *type_decision.rationale,
                 *_readiness_reasons(readiness, planning_score)]
    return Result(
        reports=decision.reports,
        headline=headline(decision.kind, decision.reports, report_type, categories, timeline, readiness),
        report_type=report_type,
        categories=categories,
        readiness=readiness,
        timeline=timeline,
        rationale=rationale,
        gaps=gaps,
        category_decisions=category_decisions,
        follow_ups=[*decision.follow_ups, *(m.to_settle if m.to_settle is not None
                                            else _settle(readiness, visible, profile, decision.reports))],
        notes=decision.notes,
        soc1_objective_areas=objective_areas(profile.business_type) if "SOC 1" in decision.reports else [],
        fees=fee_bands(decision.reports, report_type),
        misconceptions=applicable(profile, decision.reports, report_type),
        bank_version=bank.version,
    )


def _timeline(d: Durations, path: Path, observation_months: int | None, deadline_months: int | None,
              shift: int) -> Timeline:
    """The timeline with its verdict sentence, naming the faster other path when there is one."""
    low, high = path_range(d, path) if path != "none" else (0.0, 0.0)
    deadline_week = None if deadline_months is None else deadline_weeks(deadline_months) - shift
    verdict = verdict_by_weeks(*path_weeks(d, path), deadline_week) if path != "none" else "no_deadline"
    other: Path = "type_i" if path == "type_ii" else "type_ii"
    alternative = (REPORT_NAMES[other], path_range(d, other)[0]) if path != "none" else None
    text = verdict_text(verdict, REPORT_NAMES.get(path, ""), low, high, deadline_months, alternative)
    return build_timeline(d, path, observation_months, deadline_months, text, shift)


def _category_reasons(decisions: list[CategoryDecision]) -> list[Reason]:
    return [Reason(statement=f"{d.name}: {d.reason}", because=d.because)
            for d in decisions if d.status in ("in_scope", "consider")]


def _settle(readiness: Readiness, visible: tuple[Question, ...], p: Profile, reports: list[str]) -> list[FollowUp]:
    """Answers worth checking (contract v2): readiness answered "not sure", and a SOC 1 whose
    financial-processing controls' history is unknown while security controls have some."""
    by_id = {q.id: q for q in visible}
    asks = [FollowUp(
        question=qid, ask=f"Check whether this is in place: {by_id[qid].text}",
        why="Counted as not in place until you confirm it."
            + (" It is a key control, so it holds up the Type II period until confirmed." if by_id[qid].key else ""))
        for qid in readiness.to_settle if qid in by_id]
    if "process_controls_months" in by_id and p.process_controls_months is None and p.operating_months:
        asks.append(FollowUp(
            question="process_controls_months",
            ask="For how many months have your financial-processing controls run with evidence?",
            why="A SOC 1 period can only cover months in which those controls ran; until you say, the plan "
                "counts none of your evidence."))
    return asks


def _readiness_reasons(readiness: Readiness, score: int | None) -> list[Reason]:
    """Key controls missing gate the plan (contract v2); rule T4: below 50%, remediation first."""
    reasons: list[Reason] = []
    if readiness.blockers:
        count = len(readiness.blockers)
        reasons.append(Reason(
            statement=f"{count} key control{'s are' if count > 1 else ' is'} not confirmed in place (answered no, "
                      "partly or not sure, below). An auditor tests these first, and a Type II period can only "
                      "cover time after they run, so the period starts once they are fixed or confirmed.",
            because=list(readiness.blockers)))
    if score is not None and score < MATERIAL_GAPS_BELOW:
        reasons.append(Reason(
            statement=f"Readiness is {score}%: put the key controls in place before booking any audit; "
                      "neither report type makes sense until they run.",
            because=list(readiness.blockers)))
    return reasons
