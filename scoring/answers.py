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
            problems.append(f"{str(qid)[:80]}: unknown question id")
            continue
        question = bank.question(qid)
        if question.kind == "integer":
            if not isinstance(value, int) or isinstance(value, bool):
                problems.append(f"{qid}: expected a whole number, got {_kind(value)} {_show(value)}"[:200])
            elif (question.min is not None and value < question.min) or (
                question.max is not None and value > question.max
            ):
                problems.append(f"{qid}: {_number(value)} is outside the allowed range "
                                f"{_range(question.min, question.max)}")
        elif not isinstance(value, str):
            allowed = ", ".join(question.values)
            problems.append(f"{qid}: expected one of {allowed}, got {_kind(value)} {_show(value)}"[:200])
        elif value not in question.values:
            problems.append(f"{qid}: {_show(value)} is not allowed; use one of {', '.join(question.values)}"[:300])
    return problems


def _show(value: object) -> str:
    """A short repr: never the whole of a huge value, never an error for a huge number."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"of about {_digits(value):,} digits"
    if isinstance(value, str | list | dict) and len(value) > 100:
        return repr(value[:100] if isinstance(value, str) else type(value)())[:-1] + "…"
    return repr(value)[:120]


def _number(value: int) -> str:
    """The number, or its size when it is too long to print (Python refuses ints past 4,300 digits)."""
    if value.bit_length() > 64:
        return f"a number of about {_digits(value):,} digits"
    return str(value)


def _digits(value: int) -> int:
    return int(value.bit_length() * 0.30103) + 1


def _range(low: int | None, high: int | None) -> str:
    if high is None:
        return f"{low} or more"
    return f"{low}-{high}"


def _kind(value: object) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "an object", type(None): "null"}.get(type(value), type(value).__name__)


def split_valid(answers: Mapping[object, object], bank: Bank) -> tuple[dict[str, str | int], dict[str, str]]:
    """The answers the bank allows, and a problem sentence per refused question id.

    Used server-side on every save, so a forged widget value is never stored while the valid
    answers of the same save still are. Refused ids are shortened so a forged key cannot flood the page.
    """
    valid: dict[str, str | int] = {}
    refused: dict[str, str] = {}
    for qid, value in answers.items():
        problems = answer_problems({qid: value}, bank)
        if problems:
            refused[str(qid)[:80]] = problems[0][:300]
        else:
            valid[str(qid)] = value  # type: ignore[assignment]  # checked by answer_problems
    return valid, refused
