"""How a field and its value read to a person: the question's text and the option's label, or the
name of a non-question field, for notices, "what changed" lists and the history."""

from __future__ import annotations

from questions import default_bank
from storage.records import ASSESSOR_FIELD, MODE_FIELD, NAME_FIELD, NOTES_FIELD, Value

META_TITLES = {NAME_FIELD: "Organisation name", NOTES_FIELD: "Notes", MODE_FIELD: "Assessment mode",
               ASSESSOR_FIELD: "Assessor"}
MODE_LABELS = {"quick": "Quick check", "full": "Full readiness assessment"}
NO_ANSWER = "(no answer)"


def field_title(field: str) -> str:
    """The question's text, or the title of a non-question field; an unknown id as itself."""
    if field in META_TITLES:
        return META_TITLES[field]
    bank = default_bank()
    return bank.question(field).text if bank.has(field) else field


def value_text(field: str, value: Value | None) -> str:
    """The value as the person chose it: an option's label, a number, or the text typed."""
    if value is None or value == "":
        return NO_ANSWER
    if field == MODE_FIELD:
        return MODE_LABELS.get(str(value), str(value))
    if field in META_TITLES:
        return str(value)
    bank = default_bank()
    if bank.has(field) and bank.question(field).kind != "integer":
        return bank.question(field).label_for(str(value))
    return str(value)


def author_name(name: str) -> str:
    return name or "Someone who gave no name"
