"""Evaluate structured display conditions (FHIR `enableWhen` style) without any `eval`.

Answers to hidden questions are kept by the wizard but never count: `visible_ids` walks the bank
in order, so a question whose condition depends on a hidden question is hidden too.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from questions.models import AnswerCondition, Bank, CategoryCondition, Condition, EnableWhen, Question, ReportCondition

Answers = Mapping[str, object]


def condition_holds(condition: Condition, answers: Answers, scope: Collection[str]) -> bool:
    """Whether one condition is met by the visible answers and the scope: the categories in scope
    and the report families recommended (names never collide: "Privacy" vs "SOC 1")."""
    if isinstance(condition, CategoryCondition):
        return condition.category in scope
    if isinstance(condition, ReportCondition):
        return condition.report in scope
    return _answer_condition_holds(condition, answers.get(condition.question))


def _answer_condition_holds(condition: AnswerCondition, answer: object) -> bool:
    op, value = condition.operator, condition.value
    if op == "answered":
        return answer is not None
    if op == "not_answered":
        return answer is None
    if answer is None:
        return op in ("not_equals", "not_in")
    if op == "equals":
        return answer == value
    if op == "not_equals":
        return answer != value
    if op == "in":
        return isinstance(value, tuple) and answer in value
    if op == "not_in":
        return isinstance(value, tuple) and answer not in value
    if not isinstance(answer, int) or not isinstance(value, int):
        return False
    return {
        "at_least": answer >= value,
        "at_most": answer <= value,
        "greater_than": answer > value,
        "less_than": answer < value,
    }[op]


def enabled(enable_when: EnableWhen | None, answers: Answers, scope: Collection[str]) -> bool:
    """Whether a question with these conditions is shown."""
    if enable_when is None:
        return True
    results = (condition_holds(c, answers, scope) for c in enable_when.conditions)
    return all(results) if enable_when.all else any(results)


def visible_questions(bank: Bank, answers: Answers, scope: Collection[str]) -> tuple[Question, ...]:
    """The questions shown for these answers, in bank order.

    Conditions only look at answers to questions that are themselves visible, so hiding a
    question also hides everything that depended on its (kept but unscored) answer.
    """
    shown: list[Question] = []
    visible_answers: dict[str, object] = {}
    for question in bank.questions:
        if enabled(question.enable_when, visible_answers, scope):
            shown.append(question)
            if question.id in answers:
                visible_answers[question.id] = answers[question.id]
    return tuple(shown)
