"""How an assessment is named on screen, the same in every part of the workspace: its client's name,
or a plain placeholder while nobody has named it (the store keeps the name empty, never a placeholder)."""

from __future__ import annotations

from storage import AssessmentRecord

UNTITLED = "Untitled assessment"


def shown_name(record: AssessmentRecord) -> str:
    return record.client_name or UNTITLED
