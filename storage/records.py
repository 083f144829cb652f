"""What the store hands out: plain pydantic records, never ORM objects."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

Answers = dict[str, str | int]


class Summary(BaseModel):
    """The headline figures the workspace lists, computed by the caller when answers change."""

    model_config = ConfigDict(frozen=True)

    reports: list[str] = Field(default_factory=list)
    report_type: str | None = None
    readiness: int | None = None


class AssessmentRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    client_name: str
    mode: str
    answers: Answers
    revision: int
    bank_version: str
    summary: Summary
    notes: str = ""
    created_at: datetime
    updated_at: datetime


class SnapshotRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    assessment_id: str
    label: str
    answers: Answers
    bank_version: str
    created_at: datetime


class ConflictError(Exception):
    """Someone else saved this assessment since we last read it; carries their version."""

    def __init__(self, current: AssessmentRecord) -> None:
        self.current = current
        super().__init__(f"assessment {current.id} is at revision {current.revision}")


class NotFoundError(Exception):
    """The assessment was deleted (or never existed)."""
