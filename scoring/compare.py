"""Compare two assessments (or one client now and months ago): what changed, area by area, and
which answers changed, question by question."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from questions import Bank
from scoring.models import Result


class AreaDelta(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        return None if self.before is None or self.after is None else self.after - self.before


class Comparison(BaseModel):
    model_config = ConfigDict(frozen=True)

    changes: list[str]
    overall_before: int | None
    overall_after: int | None
    areas: list[AreaDelta]


def _reports(result: Result) -> str:
    if not result.reports:
        return "no report yet"
    return " + ".join(result.reports) + (f" ({result.report_type})" if result.report_type else "")


def compare(before: Result, after: Result) -> Comparison:
    """Plain sentences for every change in the recommendation, and readiness per area."""
    changes: list[str] = []
    if _reports(before) != _reports(after):
        changes.append(f"Recommendation: {_reports(before)} → {_reports(after)}")
    if before.categories != after.categories:
        added = [c for c in after.categories if c not in before.categories]
        removed = [c for c in before.categories if c not in after.categories]
        if added:
            changes.append("Categories added: " + ", ".join(added))
        if removed:
            changes.append("Categories removed: " + ", ".join(removed))
    if before.timeline.label != after.timeline.label:
        changes.append(f"Timeline: {before.timeline.label} → {after.timeline.label}")
    if len(before.gaps) != len(after.gaps):
        changes.append(f"Open gaps: {len(before.gaps)} → {len(after.gaps)}")
    old = {a.id: a for a in before.readiness.areas}
    new = {a.id: a for a in after.readiness.areas}
    areas = [
        AreaDelta(id=area_id, name=(new.get(area_id) or old[area_id]).name,
                  before=old[area_id].score if area_id in old else None,
                  after=new[area_id].score if area_id in new else None)
        for area_id in dict.fromkeys([*old, *new])
    ]
    return Comparison(changes=changes, overall_before=before.readiness.overall,
                      overall_after=after.readiness.overall, areas=areas)


class AnswerChange(BaseModel):
    """One question answered differently: the answers as the user read them (None: not answered)."""

    model_config = ConfigDict(frozen=True)

    question_id: str
    question: str
    before_answer: str | None
    after_answer: str | None

    @property
    def answered_before(self) -> bool:
        return self.before_answer is not None

    @property
    def answered_after(self) -> bool:
        return self.after_answer is not None


def answer_changes(bank: Bank, before: Mapping[str, object], after: Mapping[str, object]) -> tuple[AnswerChange, ...]:
    """Every question of the bank whose answer differs between `before` and `after`, in bank order.

    Answers are shown by their option labels (numbers as typed); a question answered on one side only
    is listed with None on the other. Ids the bank no longer has are not questions and are left out.
    """
    changes: list[AnswerChange] = []
    for question in bank.questions:
        old, new = before.get(question.id), after.get(question.id)
        if old == new:
            continue
        changes.append(AnswerChange(
            question_id=question.id, question=question.text,
            before_answer=None if old is None else question.label_for(old),
            after_answer=None if new is None else question.label_for(new)))
    return tuple(changes)
