"""Many people, one assessment: saving only what changed, taking in what others changed, and telling
someone whose fresh answer was replaced by a colleague's moments later.

A save names only the fields this person changed, so answers to different questions never collide.
For the same field the later save wins (storage/store.py); the person who answered it earlier, within
NOTICE_WINDOW, gets an `Overridden` notice saying what it became and who changed it, and can restore
theirs with one save.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict

from questions import default_bank
from scoring.answers import split_valid
from storage import Author, Change, Saved, Store
from storage.history import changes_since
from storage.records import META_FIELDS, Value

NOTICE_WINDOW = timedelta(minutes=2)


class MyWrite(BaseModel):
    """A value this person saved: the field's value, the revision it made and when."""

    model_config = ConfigDict(frozen=True)

    value: Value | None
    revision: int
    at: datetime


class Overridden(BaseModel):
    """A colleague replaced this person's recent answer: what it was, what it is now, who, when."""

    model_config = ConfigDict(frozen=True)

    field: str
    mine: Value | None
    theirs: Value | None
    by: Author
    at: datetime


class Incoming(BaseModel):
    """What a tab must take in from others: the latest value per field, and any notices."""

    model_config = ConfigDict(frozen=True)

    values: tuple[tuple[str, Value | None], ...] = ()
    overridden: tuple[Overridden, ...] = ()
    revision: int
    locked: bool = False


def checked(changes: Mapping[str, Value | None]) -> tuple[dict[str, Value | None], dict[str, str]]:
    """The changes the bank allows (clearing an answer always is), and a problem sentence per refused one."""
    answers: dict[object, object] = {field: value for field, value in changes.items()
                                     if value is not None and field not in META_FIELDS}
    valid, refused = split_valid(answers, default_bank())
    kept = {field: value for field, value in changes.items()
            if field in META_FIELDS or value is None or field in valid}
    return kept, refused


def save(store: Store, assessment_id: str, changes: Mapping[str, Value | None], author: Author) -> Saved:
    """Write these changes (already `checked`) as one revision (the workspace's listing brings its summary
    up to date)."""
    return store.save_changes(assessment_id, changes, author)


def remember_writes(writes: Mapping[str, MyWrite], saved: Saved) -> dict[str, MyWrite]:
    """This person's writes, updated with what a save just wrote."""
    updated = dict(writes)
    for change in saved.changes:
        updated[change.field] = MyWrite(value=change.new, revision=change.revision, at=change.at)
    return updated


def incoming(changes: tuple[Change, ...], me: str, writes: Mapping[str, MyWrite], since: int,
             now: datetime) -> Incoming:
    """Others' changes after revision `since`, as values to show and notices to give.

    A change older than this person's own later write of the same field is already superseded and
    ignored. A change that replaces a value this person wrote within NOTICE_WINDOW of `now` gives a
    notice, unless it set the same value.
    """
    values: dict[str, Value | None] = {}
    notices: dict[str, Overridden] = {}
    revision = since
    for change in changes:
        revision = max(revision, change.revision)
        mine = writes.get(change.field)
        if change.author.id == me or (mine is not None and mine.revision > change.revision):
            continue
        values[change.field] = change.new
        if mine is not None and mine.value != change.new and now - mine.at <= NOTICE_WINDOW:
            notices[change.field] = Overridden(field=change.field, mine=mine.value, theirs=change.new,
                                               by=change.author, at=change.at)
        elif mine is not None and mine.value == change.new:
            notices.pop(change.field, None)
    return Incoming(values=tuple(values.items()), overridden=tuple(notices.values()), revision=revision)


def catch_up(store: Store, assessment_id: str, me: str, writes: Mapping[str, MyWrite], since: int,
             now: datetime) -> Incoming | None:
    """What changed since revision `since` by others (None once the assessment is deleted). One cheap
    read when nothing did."""
    version = store.version(assessment_id)
    if version is None:
        return None
    current, locked = version
    if current <= since:
        return Incoming(revision=since, locked=locked)
    found = incoming(changes_since(store.engine, assessment_id, since), me, writes, since, now)
    return found.model_copy(update={"revision": max(found.revision, current), "locked": locked})
