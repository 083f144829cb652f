"""What a facilitator's screen shows while a room answers: progress per section and per person,
the questions still open, and the current recommendation and readiness. Plain logic over the bank,
the engine and the store, recomputed only when the assessment changed."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from questions import default_bank
from scoring import assess
from scoring.steps import visible_by_section
from storage import Store
from storage.history import answered_by
from storage.presence import present
from storage.workshops import Workshop


class SectionProgress(BaseModel):
    model_config = ConfigDict(frozen=True)

    section_id: str
    title: str
    answered: int
    total: int
    open_questions: tuple[str, ...]
    assigned_to: tuple[str, ...]


class PersonProgress(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    here: bool
    answers_given: int
    sections: tuple[str, ...]


class RoomView(BaseModel):
    """Everything the facilitator's live view draws, for one revision of the assessment."""

    model_config = ConfigDict(frozen=True)

    sections: tuple[SectionProgress, ...]
    people: tuple[PersonProgress, ...]
    headline: str
    readiness: int | None
    answered: int
    total: int


def sections_progress(answers: Mapping[str, object], workshop: Workshop | None,
                      quick: bool = False) -> tuple[SectionProgress, ...]:
    """Per visible section: answered of shown, the open questions' texts, and who was given it."""
    bank = default_bank()
    grouped = visible_by_section(bank, answers, quick)
    given = workshop.assignments if workshop else ()
    return tuple(
        SectionProgress(section_id=section.id, title=section.title,
                        answered=sum(1 for q in grouped[section.id] if answers.get(q.id) is not None),
                        total=len(grouped[section.id]),
                        open_questions=tuple(q.text for q in grouped[section.id] if answers.get(q.id) is None),
                        assigned_to=tuple(name for name, sections in given if section.id in sections))
        for section in bank.sections if section.id in grouped)


def room_view(store: Store, assessment_id: str, answers: Mapping[str, object], workshop: Workshop | None,
              quick: bool = False) -> RoomView:
    """The facilitator's view: sections, people (here now or with answers or sections), the result."""
    sections = sections_progress(answers, workshop, quick)
    here = {p.name for p in present(store.engine, assessment_id)}
    given = answered_by(store.engine, assessment_id)
    assigned = dict(workshop.assignments) if workshop else {}
    names = sorted({*here, *(n for n in given if n), *assigned}, key=str.casefold)
    people = tuple(PersonProgress(name=name, here=name in here, answers_given=given.get(name, 0),
                                  sections=assigned.get(name, ())) for name in names)
    result = assess(answers)
    return RoomView(sections=sections, people=people, headline=result.headline,
                    readiness=result.readiness.overall, answered=sum(s.answered for s in sections),
                    total=sum(s.total for s in sections))
