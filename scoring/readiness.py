"""Readiness scores: per criterion, per area and overall, over the criteria in scope only.

Scale (reference §9): yes = 1, partial = 0.5, no / unsure / not yet answered = 0. A criterion's
coverage is the mean over the visible questions that evidence it; an area's and the overall
score are means over criteria, so every criterion weighs the same. Readiness is "not assessed"
(None) until at least one readiness question is answered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from questions.criteria import all_criteria
from questions.models import Question
from scoring.models import AreaScore, CriterionCoverage, Readiness

ANSWER_VALUE = {"yes": 1.0, "partial": 0.5, "no": 0.0, "unsure": 0.0}
PRIVACY_AREA = "P"


def area_of(criterion_id: str, group: str) -> str:
    """Area id: the CC group (CC1-CC9), A1, C1, PI1, or P for all eighteen privacy criteria."""
    return PRIVACY_AREA if group.startswith("P") and not group.startswith("PI") else group


def _area_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for c in all_criteria():
        area = area_of(c.id, c.group)
        names.setdefault(area, c.category if c.category != "Security" else c.group_name)
    return names


def score_readiness(
    visible: Sequence[Question], answers: Mapping[str, object], categories: Sequence[str]
) -> Readiness:
    """Score the visible readiness questions against the in-scope criteria."""
    readiness_questions = [q for q in visible if q.kind == "readiness"]
    answered = [q for q in readiness_questions if answers.get(q.id) in ANSWER_VALUE]
    to_settle = [q.id for q in answered if answers[q.id] == "unsure"]
    if not answered:
        return Readiness(overall=None, questions=len(readiness_questions))
    scope = [c for c in all_criteria() if c.category in categories]
    evidence: dict[str, list[str]] = {c.id: [] for c in scope}
    for q in readiness_questions:
        for criterion in q.criteria:
            if criterion in evidence:
                evidence[criterion].append(q.id)
    # model_construct: these are the engine's own values, already typed; validation would only cost time
    # (scoring runs on every click of every session).
    coverage = [
        CriterionCoverage.model_construct(
            id=c.id,
            area=area_of(c.id, c.group),
            score=_percent(_mean([ANSWER_VALUE.get(str(answers.get(qid)), 0.0) for qid in evidence[c.id]])),
            questions=evidence[c.id],
        )
        for c in scope
    ]
    return Readiness(
        overall=_percent(_mean([c.score / 100 for c in coverage])),
        areas=_areas(coverage, readiness_questions, answers),
        criteria=coverage,
        answered=len(answered),
        questions=len(readiness_questions),
        to_settle=to_settle,
    )


def _areas(coverage: list[CriterionCoverage], questions: list[Question],
           answers: Mapping[str, object]) -> list[AreaScore]:
    names = _area_names()
    areas: list[AreaScore] = []
    for area in dict.fromkeys(c.area for c in coverage):
        members = [c for c in coverage if c.area == area]
        question_ids = {qid for c in members for qid in c.questions}
        areas.append(AreaScore.model_construct(
            id=area,
            name=names[area],
            score=_percent(_mean([c.score / 100 for c in members])),
            answered=sum(1 for qid in question_ids if answers.get(qid) in ANSWER_VALUE),
            questions=len(question_ids),
        ))
    return areas


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _percent(fraction: float) -> int:
    return max(0, min(100, round(fraction * 100)))
