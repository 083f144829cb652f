"""Every change of an assessment, as kept by the store: for live updates ("what is new since the
revision this tab last saw?"), for "what changed since ..." and for restoring an earlier answer."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple, cast

from sqlalchemy import Engine, Row, Select, bindparam, func, select

from storage.records import Author, Change, Value
from storage.schema import AnswerRow, ChangeRow, SnapshotRow

MAX_CHANGES = 2000


# The columns a change is made of, read as plain rows (loading ORM objects took most of the time of a
# long "what changed since ..." list).
COLUMNS = (ChangeRow.field, ChangeRow.old_value, ChangeRow.new_value, ChangeRow.changed_by_id, ChangeRow.changed_by,
           ChangeRow.changed_at, ChangeRow.revision)


def _change(row: Row[*tuple[Any, ...]], old: Value | None) -> Change:
    """A change as stored, from `old`: built without validation (the store wrote every value through
    `Change`'s types)."""
    return Change.model_construct(field=row.field, old=old, new=_load(row.new_value),
                                  author=Author.model_construct(id=row.changed_by_id, name=row.changed_by),
                                  at=row.changed_at, revision=row.revision)


def _load(value: str | None) -> Value | None:
    return None if value is None else cast(Value, json.loads(value))


def _read(engine: Engine, query: Select[*tuple[Any, ...]]) -> list[Change]:
    with engine.connect() as connection:
        return [_change(row, _load(row.old_value)) for row in connection.execute(query)]


def changes_since(engine: Engine, assessment_id: str, revision: int) -> tuple[Change, ...]:
    """The changes made after `revision`, oldest first (at most MAX_CHANGES, the newest of them)."""
    query = (select(*COLUMNS).where(ChangeRow.assessment_id == assessment_id, ChangeRow.revision > revision)
             .order_by(ChangeRow.revision.desc(), ChangeRow.id.desc()).limit(MAX_CHANGES))
    return tuple(reversed(_read(engine, query)))


def history(engine: Engine, assessment_id: str, field: str | None = None,
            since: datetime | None = None) -> tuple[Change, ...]:
    """Changes of one assessment (of one field, or after a moment), newest first."""
    query = select(*COLUMNS).where(ChangeRow.assessment_id == assessment_id)
    if field is not None:
        query = query.where(ChangeRow.field == field)
    if since is not None:
        query = query.where(ChangeRow.changed_at > since)
    return tuple(_read(engine, query.order_by(ChangeRow.revision.desc(), ChangeRow.id.desc()).limit(MAX_CHANGES)))


class Moved(NamedTuple):
    """One field's net change after a moment, as "what changed since ..." lists it: from its value before
    the first change to its value after the last, by whoever made the last. A plain tuple, since a page
    builds one per line listed (as validated models they took a third of the list's time)."""

    field: str
    old: Value | None
    new: Value | None
    by: str   # the name the last author gave
    at: datetime
    revision: int


class Net(NamedTuple):
    """What changed after a moment: how many fields, and the newest of them."""

    total: int
    changes: tuple[Moved, ...]


def _moved(old: str | None, new: str | None) -> bool:
    """Whether a field's stored value differs from an earlier one. The store writes NULL for no value and
    JSON otherwise, so the same text is the same value and only two different texts need reading."""
    if old == new:
        return False
    return old is None or new is None or _load(old) != _load(new)


# Built once: "what changed since ..." is read each time someone picks a moment.
Stored = tuple[str, str | None, str | None, str, str, datetime, int]   # a row of COLUMNS
_NEWEST_FIRST = (ChangeRow.revision.desc(), ChangeRow.id.desc())
_EVER = (select(*COLUMNS).where(ChangeRow.assessment_id == bindparam("of_id"))
         .order_by(*_NEWEST_FIRST).limit(MAX_CHANGES))
_AFTER = _EVER.where(ChangeRow.changed_at > bindparam("since"))


def net_since(engine: Engine, assessment_id: str, since: datetime | None = None, newest: int | None = None) -> Net:
    """What changed after `since` (None: ever): per field, from its value before the first of those changes
    to its value after the last, by whoever made the last, newest first; a field that ended where it
    started is left out. Read as plain rows, and only the `newest` changes (None: all) are built, since a
    page lists a few of a long history."""
    first: dict[str, str | None] = {}
    last: dict[str, Stored] = {}
    with engine.connect() as connection:
        rows = cast(Sequence[Stored], (connection.execute(_EVER, {"of_id": assessment_id}) if since is None else
                                       connection.execute(_AFTER, {"of_id": assessment_id, "since": since})).all())
    for row in rows:   # newest first; by position, in COLUMNS' order (by name took twice as long)
        field = row[0]
        if field not in last:
            last[field] = row
        first[field] = row[1]
    moved = [row for field, row in last.items() if _moved(first[field], row[2])]
    return Net(len(moved), tuple(Moved(field, _load(first[field]), _load(new), by, at, revision)
                                 for field, _, new, _, by, at, revision in moved[:newest]))


class Moment(NamedTuple):
    """A snapshot as "what changed since ..." offers it to compare against: no answers read."""

    id: str
    label: str
    at: datetime


_MOMENTS = (select(SnapshotRow.id, SnapshotRow.label, SnapshotRow.created_at)
            .where(SnapshotRow.assessment_id == bindparam("of_id"))
            .order_by(SnapshotRow.created_at.desc(), SnapshotRow.label))


def snapshot_moments(engine: Engine, assessment_id: str) -> tuple[Moment, ...]:
    """The assessment's snapshots, newest first, without their answers: read at each pick of a moment."""
    with engine.connect() as connection:
        return tuple(Moment(*row) for row in connection.execute(_MOMENTS, {"of_id": assessment_id}))


def answered_by(engine: Engine, assessment_id: str) -> dict[str, int]:
    """How many of the current answers each person gave (by the name they gave), for the
    facilitator's progress per person."""
    query = (select(AnswerRow.changed_by, func.count()).where(AnswerRow.assessment_id == assessment_id)
             .group_by(AnswerRow.changed_by))
    with engine.connect() as connection:
        return {str(name): int(count) for name, count in connection.execute(query)}
