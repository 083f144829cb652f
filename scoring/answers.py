"""Check raw input against the bank: every problem named by question id, with what is allowed.

Used by the command line and by imports; the engine itself trusts validated answers.
"""

from __future__ import annotations

from collections.abc import Mapping

from questions import Bank

MAX_NOTE = "(must be a JSON object of question id to answer)"


def answer_problems(answers: object, bank: Bank) -> list[str]:
    """One plain sentence per problem; an empty list means the answers are valid."""
    if not isinstance(answers, Mapping):
        return [f"answers: expected an object of question id to answer, got {_kind(answers)} {MAX_NOTE}"]
    problems: list[str] = []
    for qid, value in answers.items():
        if not isinstance(qid, str) or not bank.has(qid):
            problems.append(f"{qid}: unknown question id")
            continue
        question = bank.question(qid)
        if question.kind == "integer":
            if not isinstance(value, int) or isinstance(value, bool):
                problems.append(f"{qid}: expected a whole number, got {_kind(value)} {value!r}"[:200])
            elif (question.min is not None and value < question.min) or (
                question.max is not None and value > question.max
            ):
                problems.append(f"{qid}: {value} is outside the allowed range {_range(question.min, question.max)}")
        elif not isinstance(value, str):
            problems.append(f"{qid}: expected one of {', '.join(question.values)}, got {_kind(value)} {value!r}"[:200])
        elif value not in question.values:
            problems.append(f"{qid}: {value!r} is not allowed; use one of {', '.join(question.values)}"[:300])
    return problems


def _range(low: int | None, high: int | None) -> str:
    if high is None:
        return f"{low} or more"
    return f"{low}-{high}"


def _kind(value: object) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "an object", type(None): "null"}.get(type(value), type(value).__name__)
