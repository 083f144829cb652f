"""The assessment store: one class, the same behaviour on SQLite and PostgreSQL.

Writes use optimistic concurrency: a save names the revision it started from, and loses (with
ConflictError carrying the newer version) if another tab saved in between. Nothing is ever
overwritten silently.
"""

from __future__ import annotations

import builtins
import json
import uuid
from datetime import UTC, datetime

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session

from storage.records import Answers, AssessmentRecord, ConflictError, NotFoundError, SnapshotRecord, Summary
from storage.schema import AssessmentRow, SnapshotRow, TokenRow
from storage.tokens import hash_token, looks_like_token, new_token

MAX_NAME = 200
MAX_NOTES = 5000


def _now() -> datetime:
    """Naive UTC, so SQLite and PostgreSQL store and return the same values."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def clean_name(name: str) -> str:
    """Whitespace folded, at most 200 characters; may be empty (the UI shows "Untitled assessment")."""
    return " ".join(name.split())[:MAX_NAME]


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- assessments -------------------------------------------------------------------

    def create(self, client_name: str, answers: Answers, mode: str, bank_version: str,
               summary: Summary, notes: str = "") -> tuple[AssessmentRecord, str]:
        """A new assessment and the token of its first resume link."""
        now = _now()
        row = AssessmentRow(
            id=str(uuid.uuid4()), client_name=clean_name(client_name), mode=mode, answers=json.dumps(answers),
            revision=1, bank_version=bank_version, notes=notes[:MAX_NOTES], created_at=now, updated_at=now,
            **_summary_columns(summary))
        token = new_token()
        with Session(self.engine) as session, session.begin():
            session.add(row)
            session.flush()
            session.add(TokenRow(token_hash=hash_token(token), assessment_id=row.id, created_at=now))
            record = _record(row)
        return record, token

    def open(self, token: object) -> AssessmentRecord | None:
        """The assessment a resume token opens, or None for a malformed or unknown token."""
        if not looks_like_token(token):
            return None
        with Session(self.engine) as session:
            row = session.scalar(
                select(AssessmentRow).join(TokenRow, TokenRow.assessment_id == AssessmentRow.id)
                .where(TokenRow.token_hash == hash_token(str(token))))
            return _record(row) if row else None

    def new_link(self, assessment_id: str) -> str:
        """Another resume link for an existing assessment (old links keep working)."""
        token = new_token()
        with Session(self.engine) as session, session.begin():
            if session.get(AssessmentRow, assessment_id) is None:
                raise NotFoundError(assessment_id)
            session.add(TokenRow(token_hash=hash_token(token), assessment_id=assessment_id, created_at=_now()))
        return token

    def get(self, assessment_id: str) -> AssessmentRecord | None:
        with Session(self.engine) as session:
            row = session.get(AssessmentRow, assessment_id)
            return _record(row) if row else None

    def save(self, assessment_id: str, answers: Answers, expected_revision: int, summary: Summary,
             mode: str | None = None) -> AssessmentRecord:
        """Write answers if nobody saved since `expected_revision`; else raise ConflictError."""
        values: dict[str, object] = {"answers": json.dumps(answers), "updated_at": _now(),
                                     "revision": AssessmentRow.revision + 1, **_summary_columns(summary)}
        if mode:
            values["mode"] = mode
        with Session(self.engine) as session, session.begin():
            result = session.execute(
                update(AssessmentRow)
                .where(AssessmentRow.id == assessment_id, AssessmentRow.revision == expected_revision)
                .values(**values))
            if result.rowcount == 0:  # type: ignore[attr-defined]
                current = session.get(AssessmentRow, assessment_id)
                if current is None:
                    raise NotFoundError(assessment_id)
                raise ConflictError(_record(current))
        saved = self.get(assessment_id)
        if saved is None:
            raise NotFoundError(assessment_id)
        return saved

    def rename(self, assessment_id: str, client_name: str) -> AssessmentRecord:
        with Session(self.engine) as session, session.begin():
            row = session.get(AssessmentRow, assessment_id)
            if row is None:
                raise NotFoundError(assessment_id)
            row.client_name = clean_name(client_name)
            row.updated_at = _now()
            return _record(row)

    def save_notes(self, assessment_id: str, notes: str) -> AssessmentRecord:
        """Notes are the user's own words: kept literally, at most 5,000 characters."""
        with Session(self.engine) as session, session.begin():
            row = session.get(AssessmentRow, assessment_id)
            if row is None:
                raise NotFoundError(assessment_id)
            row.notes = notes[:MAX_NOTES]
            row.updated_at = _now()
            return _record(row)

    def duplicate(self, assessment_id: str) -> tuple[AssessmentRecord, str]:
        original = self.get(assessment_id)
        if original is None:
            raise NotFoundError(assessment_id)
        return self.create(f"{original.client_name or 'Untitled assessment'} (copy)", original.answers, original.mode,
                           original.bank_version, original.summary, original.notes)

    def delete(self, assessment_id: str) -> None:
        """Remove an assessment with its links and snapshots."""
        with Session(self.engine) as session, session.begin():
            session.execute(delete(SnapshotRow).where(SnapshotRow.assessment_id == assessment_id))
            session.execute(delete(TokenRow).where(TokenRow.assessment_id == assessment_id))
            session.execute(delete(AssessmentRow).where(AssessmentRow.id == assessment_id))

    def list(self) -> list[AssessmentRecord]:
        """Every assessment, most recently changed first."""
        with Session(self.engine) as session:
            rows = session.scalars(select(AssessmentRow).order_by(AssessmentRow.updated_at.desc(),
                                                                  AssessmentRow.client_name))
            return [_record(row) for row in rows]

    # --- snapshots ---------------------------------------------------------------------

    def snapshot(self, assessment_id: str, label: str) -> SnapshotRecord:
        """Freeze the assessment's current answers under `label`."""
        with Session(self.engine) as session, session.begin():
            row = session.get(AssessmentRow, assessment_id)
            if row is None:
                raise NotFoundError(assessment_id)
            snap = SnapshotRow(id=str(uuid.uuid4()), assessment_id=assessment_id, label=clean_name(label),
                               answers=row.answers, bank_version=row.bank_version, created_at=_now())
            session.add(snap)
            return _snapshot(snap)

    def snapshots(self, assessment_id: str | None = None) -> builtins.list[SnapshotRecord]:
        """Snapshots of one assessment, or of all of them, newest first."""
        query = select(SnapshotRow).order_by(SnapshotRow.created_at.desc(), SnapshotRow.label)
        if assessment_id is not None:
            query = query.where(SnapshotRow.assessment_id == assessment_id)
        with Session(self.engine) as session:
            return [_snapshot(row) for row in session.scalars(query)]


def _summary_columns(summary: Summary) -> dict[str, object]:
    return {"reports": ",".join(summary.reports), "report_type": summary.report_type or "",
            "readiness": summary.readiness}


def _record(row: AssessmentRow) -> AssessmentRecord:
    return AssessmentRecord(
        id=row.id, client_name=row.client_name, mode=row.mode, answers=json.loads(row.answers),
        revision=row.revision, bank_version=row.bank_version,
        summary=Summary(reports=[r for r in row.reports.split(",") if r], report_type=row.report_type or None,
                        readiness=row.readiness),
        notes=row.notes or "", created_at=row.created_at, updated_at=row.updated_at)


def _snapshot(row: SnapshotRow) -> SnapshotRecord:
    return SnapshotRecord(id=row.id, assessment_id=row.assessment_id, label=row.label,
                          answers=json.loads(row.answers), bank_version=row.bank_version, created_at=row.created_at)
