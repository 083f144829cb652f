"""What the store hands out: plain pydantic records, never ORM objects."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

Answers = dict[str, str | int]
Value = str | int
# Fields that are not questions but merge and keep history the same way (stored on the assessment).
NAME_FIELD, NOTES_FIELD, MODE_FIELD, ASSESSOR_FIELD = "@client_name", "@notes", "@mode", "@assessor"
META_FIELDS = (NAME_FIELD, NOTES_FIELD, MODE_FIELD, ASSESSOR_FIELD)


class Summary(BaseModel):
    """The headline figures the workspace lists, computed by the caller when answers change."""

    model_config = ConfigDict(frozen=True)

    reports: list[str] = Field(default_factory=list)
    report_type: str | None = None
    readiness: int | None = None


class Author(BaseModel):
    """Who made a change: the participant's id (one per browser session) and the name they gave."""

    model_config = ConfigDict(frozen=True)

    id: str = ""
    name: str = ""


class Change(BaseModel):
    """One field's change, as kept in the history: a question id, or one of META_FIELDS."""

    model_config = ConfigDict(frozen=True)

    field: str
    old: str | int | None
    new: str | int | None
    author: Author
    at: datetime
    revision: int


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
    assessor: str = ""
    locked: bool = False


class SnapshotRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    assessment_id: str
    label: str
    answers: Answers
    bank_version: str
    created_at: datetime


class Saved(BaseModel):
    """What one save did: the assessment's revision and mode as they now stand and the changes it wrote
    (none when every value was already stored; `Store.get` reads the whole assessment)."""

    model_config = ConfigDict(frozen=True)

    revision: int
    mode: str
    changes: tuple[Change, ...]


class LockedError(Exception):
    """The workshop facilitator locked this assessment's answers; nothing was written."""


class NotFoundError(Exception):
    """The assessment was deleted (or never existed)."""
