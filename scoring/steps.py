"""The wizard's steps, django-formtools style: sections filtered by their visible questions,
next/previous over the visible steps only, and every step revalidated at the end."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from questions import Bank, Question, Section, visible_questions
from questions.contract import SCOPING_SECTION
from scoring.engine import question_scope


def visible_by_section(bank: Bank, answers: Mapping[str, object], quick: bool = False) -> dict[str, list[Question]]:
    """Visible questions grouped by section id, in bank order; a quick check keeps scoping only."""
    grouped: dict[str, list[Question]] = {}
    for question in visible_questions(bank, answers, question_scope(answers)):
        if quick and question.section != SCOPING_SECTION:
            continue
        grouped.setdefault(question.section, []).append(question)
    return grouped


def shown(grouped: Mapping[str, Sequence[Question]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Which questions the wizard shows, section by section (`grouped` is `visible_by_section`'s): an
    answer that leaves this unchanged changes nothing on the page but its own card and the counts
    (ui/persistence.py)."""
    return tuple((section, tuple(q.id for q in questions)) for section, questions in grouped.items())


def visible_sections(bank: Bank, answers: Mapping[str, object], quick: bool = False) -> list[Section]:
    shown = visible_by_section(bank, answers, quick)
    return [s for s in bank.sections if s.id in shown]


def neighbour(sections: list[Section], current: str, step: int) -> str | None:
    """The visible section `step` places away from `current` (None past either end)."""
    ids = [s.id for s in sections]
    if current not in ids:
        return ids[0] if ids else None
    index = ids.index(current) + step
    return ids[index] if 0 <= index < len(ids) else None


def missing_required(questions: list[Question], answers: Mapping[str, object]) -> list[Question]:
    """Required visible questions without an answer: they block moving on."""
    return [q for q in questions if q.required and answers.get(q.id) is None]


def all_missing_required(bank: Bank, answers: Mapping[str, object]) -> list[Question]:
    """Revalidate every visible step at the end, not just the one on screen."""
    return [q for qs in visible_by_section(bank, answers).values() for q in missing_required(qs, answers)]


def section_progress(questions: list[Question], answers: Mapping[str, object]) -> tuple[int, int]:
    return sum(1 for q in questions if answers.get(q.id) is not None), len(questions)


def progress(bank: Bank, answers: Mapping[str, object], quick: bool = False) -> tuple[int, int]:
    """(answered, total) over the questions visible now; hidden answers do not count."""
    shown = [q for qs in visible_by_section(bank, answers, quick).values() for q in qs]
    return section_progress(shown, answers)
