"""Workshops: a join link for the room, the sections given to each participant, and the end.

The join link opens one assessment only (like a resume link, never the workspace); its token is
stored hashed, and the caller derives it from a secret and the start time (`join_token`), so the
facilitator's screen can show it again after a reload. Starting again issues a new link and the old
one stops working; ending a workshop stops the link too. Both move the assessment's revision, so the
participants' open tabs notice at their next "anything new?" read and check their link.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from storage.cleaning import clean_name
from storage.records import NotFoundError
from storage.schema import AssessmentRow, WorkshopRow
from storage.tokens import hash_token, looks_like_token

MAX_PEOPLE = 200


class Workshop(BaseModel):
    model_config = ConfigDict(frozen=True)

    assessment_id: str
    started_by: str
    started_at: datetime
    active: bool
    assignments: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def sections_for(self, name: str) -> tuple[str, ...]:
        """The sections given to a participant of this name (none: all are theirs)."""
        key = name.casefold()
        return next((sections for person, sections in self.assignments if person.casefold() == key), ())


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def _workshop(row: WorkshopRow) -> Workshop:
    given = json.loads(row.assignments or "{}")
    return Workshop(assessment_id=row.assessment_id, started_by=row.started_by, started_at=row.started_at,
                    active=bool(row.active),
                    assignments=tuple(sorted((str(k), tuple(str(s) for s in v)) for k, v in given.items())))


def join_token(secret: bytes, assessment_id: str, started_at: datetime) -> str:
    """The join link's token for a workshop started at `started_at`: 32 URL-safe characters."""
    digest = hmac.new(secret, f"workshop:{assessment_id}:{started_at.isoformat()}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode()


def start(engine: Engine, secret: bytes, assessment_id: str, started_by: str) -> tuple[Workshop, str]:
    """Start (or restart) the workshop on an assessment; returns it with its new join token.
    Assignments given earlier are kept."""
    with Session(engine) as session, session.begin():
        if session.get(AssessmentRow, assessment_id) is None:
            raise NotFoundError(assessment_id)
        row = session.get(WorkshopRow, assessment_id)
        now = _now()
        if row is not None and row.started_at >= now:
            now = row.started_at + timedelta(seconds=1)  # a restart always changes the link
        token = join_token(secret, assessment_id, now)
        if row is None:
            row = WorkshopRow(assessment_id=assessment_id, join_hash=hash_token(token),
                              started_by=clean_name(started_by)[0], started_at=now, assignments="{}", active=True)
            session.add(row)
        else:
            row.join_hash, row.active, row.started_at = hash_token(token), True, now
            row.started_by = clean_name(started_by)[0]
        session.execute(update(AssessmentRow).where(AssessmentRow.id == assessment_id)
                        .values(revision=AssessmentRow.revision + 1))
        session.flush()
        return _workshop(row), token


def get(engine: Engine, assessment_id: str) -> Workshop | None:
    with Session(engine) as session:
        row = session.get(WorkshopRow, assessment_id)
        return _workshop(row) if row else None


def join(engine: Engine, token: object) -> Workshop | None:
    """The active workshop a join token opens, or None (malformed, unknown, restarted or ended)."""
    if not looks_like_token(token):
        return None
    with Session(engine) as session:
        row = session.scalar(select(WorkshopRow).where(WorkshopRow.join_hash == hash_token(str(token)),
                                                       WorkshopRow.active.is_(True)))
        return _workshop(row) if row else None


def assign(engine: Engine, assessment_id: str, name: str, sections: tuple[str, ...]) -> Workshop:
    """Give a participant (by the name they joined with) these sections; an empty tuple removes it."""
    with Session(engine) as session, session.begin():
        row = session.get(WorkshopRow, assessment_id)
        if row is None:
            raise NotFoundError(assessment_id)
        given = {k: v for k, v in json.loads(row.assignments or "{}").items() if k.casefold() != name.casefold()}
        person = clean_name(name)[0]
        if person and sections and len(given) < MAX_PEOPLE:
            given[person] = list(dict.fromkeys(sections))
        row.assignments = json.dumps(given)
        return _workshop(row)


def end(engine: Engine, assessment_id: str) -> None:
    """End the workshop: its join link stops opening the assessment."""
    with engine.begin() as connection:
        connection.execute(update(WorkshopRow).where(WorkshopRow.assessment_id == assessment_id).values(active=False))
        connection.execute(update(AssessmentRow).where(AssessmentRow.id == assessment_id)
                           .values(revision=AssessmentRow.revision + 1))
