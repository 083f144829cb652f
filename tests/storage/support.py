"""Small builders shared by the storage contract tests (SQLite and PostgreSQL alike)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update

from storage import Author, Store, Summary, workshops
from storage.records import Answers
from storage.schema import AnswerRow, AssessmentRow, ChangeRow, PresenceRow, SnapshotRow, TokenRow, WorkshopRow

ANA = Author(id="ana-tab", name="Ana")
WORKSHOP_SECRET = b"a test secret of the server, 32 b"
BEN = Author(id="ben-tab", name="Ben")
# Every table that holds rows of one assessment (besides the assessment itself).
PER_ASSESSMENT = (AnswerRow, ChangeRow, TokenRow, SnapshotRow, PresenceRow, WorkshopRow)


def counted(answers: Answers) -> Summary:
    """A summary that shows which answers it was computed from: their number, as the readiness."""
    return Summary(readiness=len(answers))


def create(store: Store, name: str = "Acme", answers: Answers | None = None, notes: str = "",
           summary: Summary | None = None, **extra: object):
    return store.create(name, {"b2b": "yes"} if answers is None else answers, "full", "bank-1",
                        summary or Summary(), notes, **extra)


def rows_of(store: Store, assessment_id: str) -> dict[str, int]:
    """How many rows each per-assessment table holds for this assessment."""
    with store.engine.connect() as connection:
        return {table.__tablename__: int(connection.scalar(
            select(func.count()).select_from(table).where(table.assessment_id == assessment_id)) or 0)
            for table in PER_ASSESSMENT}


def history_count(store: Store, assessment_id: str) -> int:
    return rows_of(store, assessment_id)["answer_history"]


def set_updated_at(store: Store, when: datetime, *assessment_ids: str) -> None:
    with store.engine.begin() as connection:
        connection.execute(update(AssessmentRow).where(AssessmentRow.id.in_(assessment_ids)).values(updated_at=when))


def start_workshop(store: Store, assessment_id: str, started_by: str = "Facilitator") -> str:
    """Start (or restart) the workshop on an assessment; the join token it gives."""
    _, token = workshops.start(store.engine, WORKSHOP_SECRET, assessment_id, started_by)
    return token
