"""Readiness scores: per criterion, per area, per report and overall, over what is in scope only.

Scale (reference §9): yes = 1, partial = 0.5, no / unsure / not yet answered = 0. A criterion's
coverage is the mean over the visible questions that evidence it; the SOC 2 score is the mean over
the criteria in scope, so every criterion weighs the same. SOC 1 has
no fixed criteria (reference §2): its score is the mean over the control-objective areas its
questions evidence, the IT general controls and the business-process objectives.

Key controls gate the result (engine contract v2): while any key control in scope is answered
no, partial or unsure it is a blocker, the overall score is capped below the ready band, and the
verdict is "blocked". "In scope" follows the reports: a key control counts for SOC 2 when it
evidences a criterion in scope, for SOC 1 when it evidences a SOC 1 objective area, so a SOC 1
report is never held up by a control only SOC 2 tests.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from questions.criteria import all_criteria
from questions.models import Question
from questions.objectives import OBJECTIVES
from scoring.models import AreaScore, CriterionCoverage, ObjectiveScore, Readiness, ReadinessVerdict

ANSWER_VALUE = {"yes": 1.0, "partial": 0.5, "no": 0.0, "unsure": 0.0}
NOT_IN_PLACE = frozenset({"no", "partial", "unsure"})
PRIVACY_AREA = "P"
READY_BAND = 80
BLOCKED_CAP = READY_BAND - 1
MATERIAL_GAPS_BELOW = 50

# Plain names first (reference §1.3 groups); the codes follow in the UI, never lead.
AREA_NAMES = {
    "CC1": "Governance and culture",
    "CC2": "Communication and information",
    "CC3": "Risk assessment",
    "CC4": "Monitoring of controls",
    "CC5": "Control activities and policies",
    "CC6": "Access control",
    "CC7": "Operations and incident response",
    "CC8": "Change management",
    "CC9": "Vendors and business disruption",
    "A1": "Availability: capacity, backups and recovery",
    "C1": "Confidential information",
    "PI1": "Processing integrity",
    PRIVACY_AREA: "Privacy",
}


def area_of(criterion_id: str, group: str) -> str:
    """Area id: the CC group (CC1-CC9), A1, C1, PI1, or P for all eighteen privacy criteria."""
    return PRIVACY_AREA if group.startswith("P") and not group.startswith("PI") else group


def score_readiness(
    visible: Sequence[Question], answers: Mapping[str, object], categories: Sequence[str],
    reports: Sequence[str] = ("SOC 2",),
) -> Readiness:
    """Score the visible readiness questions against what the recommended reports test."""
    questions = [q for q in visible if q.kind == "readiness"]
    answered = [q for q in questions if answers.get(q.id) in ANSWER_VALUE]
    to_settle = [q.id for q in answered if answers[q.id] == "unsure"]
    tsc_scope = {c.id for c in all_criteria() if c.category in categories}
    soc1_blockers = [q.id for q in questions if _blocks(q, answers) and q.objectives]
    soc2_blockers = [q.id for q in questions if _blocks(q, answers) and tsc_scope.intersection(q.criteria)]
    audited = _audited(reports)
    blockers = [q.id for q in questions if (q.id in soc1_blockers and "SOC 1" in audited)
                or (q.id in soc2_blockers and ("SOC 2" in audited or not audited))]
    if not answered:
        return Readiness(overall=None, questions=len(questions),
                         by_report={r: None for r in _audited(reports)})
    coverage = _coverage(questions, answers, categories)
    deliverables = [q for q in questions if q.deliverable]
    soc2_units = [c.score / 100 for c in coverage]
    soc1_areas = _objective_areas(questions, answers) if "SOC 1" in reports else []
    soc1_units = [a.score / 100 for a in soc1_areas]
    soc2_score = min(BLOCKED_CAP if soc2_blockers else 100, _percent(_mean(soc2_units)))
    by_report: dict[str, int | None] = {
        "SOC 1": min(BLOCKED_CAP if soc1_blockers else 100, _percent(_mean(soc1_units))) if soc1_units else None,
        "SOC 2": soc2_score,
    }
    # Overall is the weakest recommended report: the plan waits for the least ready one. Without
    # any report (readiness first), the common criteria are the basics every report builds on.
    scores = [s for r, s in by_report.items() if r in reports and s is not None]
    overall = min(scores) if scores else soc2_score
    verdict = _verdict(len(answered), len(questions), blockers, overall)
    return Readiness(
        overall=overall,
        verdict=verdict,
        blockers=blockers,
        by_report={r: by_report.get(r) for r in _audited(reports)},
        areas=_areas(coverage, questions, answers),
        soc1_areas=soc1_areas,
        deliverables=_deliverables(deliverables, answers),
        criteria=coverage,
        answered=len(answered),
        questions=len(questions),
        to_settle=to_settle,
    )


def _blocks(question: Question, answers: Mapping[str, object]) -> bool:
    return question.key and answers.get(question.id) in NOT_IN_PLACE


def _audited(reports: Sequence[str]) -> list[str]:
    """The report families that carry their own score (SOC 3 comes from the SOC 2 examination)."""
    return [r for r in reports if r in ("SOC 1", "SOC 2")]


def _verdict(answered: int, total: int, blockers: list[str], overall: int) -> ReadinessVerdict:
    if answered * 2 < total:
        return "not_assessed"
    if blockers:
        return "blocked"
    if overall < MATERIAL_GAPS_BELOW:
        return "material_gaps"
    return "findings_likely" if overall < READY_BAND else "audit_ready"


def _value(answers: Mapping[str, object], question_id: str) -> float:
    return ANSWER_VALUE.get(str(answers.get(question_id)), 0.0)


def _coverage(questions: list[Question], answers: Mapping[str, object],
              categories: Sequence[str]) -> list[CriterionCoverage]:
    scope = [c for c in all_criteria() if c.category in categories]
    evidence: dict[str, list[str]] = {c.id: [] for c in scope}
    for q in questions:
        for criterion in q.criteria:
            if criterion in evidence:
                evidence[criterion].append(q.id)
    # model_construct: the engine's own values, already typed; validation would only cost time
    # (scoring runs on every click of every session).
    return [
        CriterionCoverage.model_construct(
            id=c.id, area=area_of(c.id, c.group),
            score=_percent(_mean([_value(answers, qid) for qid in evidence[c.id]])),
            questions=evidence[c.id],
        )
        for c in scope
    ]


def _areas(coverage: list[CriterionCoverage], questions: list[Question],
           answers: Mapping[str, object]) -> list[AreaScore]:
    groups = {c.id: c.group for c in all_criteria()}
    areas: list[AreaScore] = []
    for area in dict.fromkeys(c.area for c in coverage):
        members = [c for c in coverage if c.area == area]
        question_ids = {qid for c in members for qid in c.questions}
        areas.append(AreaScore.model_construct(
            id=area,
            name=AREA_NAMES.get(area, area),
            codes=list(dict.fromkeys(groups[c.id] for c in members)),
            score=_percent(_mean([c.score / 100 for c in members])),
            answered=sum(1 for qid in question_ids if answers.get(qid) in ANSWER_VALUE),
            questions=len(question_ids),
        ))
    return areas


def _deliverables(deliverables: list[Question], answers: Mapping[str, object]) -> int | None:
    """How far the system description and management's assertion are: not a criterion, but no
    report can be issued without them, so they are shown beside the score and size their phase."""
    if not any(answers.get(q.id) in ANSWER_VALUE for q in deliverables):
        return None
    return _percent(_mean([_value(answers, q.id) for q in deliverables]))


def _objective_areas(questions: list[Question], answers: Mapping[str, object]) -> list[ObjectiveScore]:
    """SOC 1 objective areas that at least one visible question evidences, in catalogue order."""
    members: dict[str, list[str]] = {}
    for q in questions:
        for objective in q.objectives:
            members.setdefault(objective, []).append(q.id)
    return [
        ObjectiveScore.model_construct(
            id=o.id, name=o.name, family=o.family,
            score=_percent(_mean([_value(answers, qid) for qid in members[o.id]])),
            answered=sum(1 for qid in members[o.id] if answers.get(qid) in ANSWER_VALUE),
            questions=len(members[o.id]),
        )
        for o in OBJECTIVES.values() if o.id in members
    ]


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _percent(fraction: float) -> int:
    return max(0, min(100, round(fraction * 100)))
