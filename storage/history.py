"""Every change of an assessment, as kept by the store: for live updates ("what is new since the
revision this tab last saw?"), for "what changed since ..." and for restoring an earlier answer."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from storage.records import Author, Change
from storage.schema import AnswerRow, ChangeRow

MAX_CHANGES = 2000


def _change(row: ChangeRow) -> Change:
    return Change(field=row.field, old=None if row.old_value is None else json.loads(row.old_value),
                  new=None if row.new_value is None else json.loads(row.new_value),
                  author=Author(id=row.changed_by_id, name=row.changed_by), at=row.changed_at, revision=row.revision)


def changes_since(engine: Engine, assessment_id: str, revision: int) -> tuple[Change, ...]:
    """The changes made after `revision`, oldest first (at most MAX_CHANGES, the newest of them)."""
    query = (select(ChangeRow).where(ChangeRow.assessment_id == assessment_id, ChangeRow.revision > revision)
             .order_by(ChangeRow.revision.desc(), ChangeRow.id.desc()).limit(MAX_CHANGES))
    with Session(engine) as session:
        return tuple(reversed([_change(row) for row in session.scalars(query)]))


def history(engine: Engine, assessment_id: str, field: str | None = None,
            since: datetime | None = None) -> tuple[Change, ...]:
    """Changes of one assessment (of one field, or after a moment), newest first."""
    query = select(ChangeRow).where(ChangeRow.assessment_id == assessment_id)
    if field is not None:
        query = query.where(ChangeRow.field == field)
    if since is not None:
        query = query.where(ChangeRow.changed_at > since)
    query = query.order_by(ChangeRow.revision.desc(), ChangeRow.id.desc()).limit(MAX_CHANGES)
    with Session(engine) as session:
        return tuple(_change(row) for row in session.scalars(query))


def answered_by(engine: Engine, assessment_id: str) -> dict[str, int]:
    """How many of the current answers each person gave (by the name they gave), for the
    facilitator's progress per person."""
    query = (select(AnswerRow.changed_by, func.count()).where(AnswerRow.assessment_id == assessment_id)
             .group_by(AnswerRow.changed_by))
    with engine.connect() as connection:
        return {str(name): int(count) for name, count in connection.execute(query)}
