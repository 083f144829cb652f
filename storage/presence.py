"""Who has an assessment open right now: each open tab refreshes its row every few seconds while
it polls, and a row not refreshed for longer than PRESENT_FOR counts as gone. Kept in the database so every
app process (and machine) sees the same people."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine, delete, insert, select, update

from storage.cleaning import clean_name
from storage.schema import PresenceRow

PRESENT_FOR = timedelta(seconds=30)
REFRESH_EVERY = timedelta(seconds=10)


class Participant(BaseModel):
    model_config = ConfigDict(frozen=True)

    participant_id: str
    name: str
    section: str
    seen_at: datetime


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def touch(engine: Engine, assessment_id: str, participant_id: str, name: str, section: str = "",
          now: datetime | None = None) -> None:
    """Say this participant is here (with their name and the section they are on)."""
    now = now or _now()
    values = {"name": clean_name(name)[0], "section": section[:80], "seen_at": now}
    where = (PresenceRow.assessment_id == assessment_id, PresenceRow.participant_id == participant_id[:64])
    with engine.begin() as connection:
        if connection.execute(update(PresenceRow).where(*where).values(**values)).rowcount == 0:
            connection.execute(insert(PresenceRow).values(assessment_id=assessment_id,
                                                          participant_id=participant_id[:64], **values))


def leave(engine: Engine, assessment_id: str, participant_id: str) -> None:
    with engine.begin() as connection:
        connection.execute(delete(PresenceRow).where(PresenceRow.assessment_id == assessment_id,
                                                     PresenceRow.participant_id == participant_id[:64]))


def present(engine: Engine, assessment_id: str, now: datetime | None = None) -> tuple[Participant, ...]:
    """Everyone seen on this assessment within PRESENT_FOR, by name."""
    cutoff = (now or _now()) - PRESENT_FOR
    query = (select(PresenceRow).where(PresenceRow.assessment_id == assessment_id, PresenceRow.seen_at >= cutoff)
             .order_by(PresenceRow.name, PresenceRow.participant_id))
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return tuple(Participant(participant_id=row.participant_id, name=row.name, section=row.section,
                             seen_at=row.seen_at) for row in rows)
