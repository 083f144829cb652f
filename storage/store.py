"""The assessment store: one class, the same behaviour on SQLite and PostgreSQL.

Writes use optimistic concurrency: a save names the revision it started from, and loses (with
ConflictError carrying the newer version) if another tab saved in between. Nothing is ever
overwritten silently.
"""

from __future__ import annotations

import builtins
import json
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, select, text, update
from sqlalchemy.orm import Session

from storage import cleaning
from storage.cleaning import MAX_NAME, MAX_NOTES
from storage.records import Answers, AssessmentRecord, ConflictError, NotFoundError, SnapshotRecord, Summary
from storage.schema import AssessmentRow, SnapshotRow, TokenRow
from storage.tokens import hash_token, looks_like_token, new_token

__all__ = ["MAX_NAME", "MAX_NOTES", "Store", "clean_name"]
DRAFT_AGE = timedelta(hours=24)
EMPTY_ANSWERS = json.dumps({})


def _now() -> datetime:
    """Naive UTC, so SQLite and PostgreSQL store and return the same values."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def clean_name(name: str) -> str:
    """Control characters removed, whitespace folded, at most 200 characters; may be empty (the UI
    shows "Untitled assessment"). Callers that must tell the user use `storage.cleaning` directly."""
    return cleaning.clean_name(name)[0]


def clean_notes(notes: str) -> str:
    return cleaning.clean_notes(notes)[0]


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- assessments -------------------------------------------------------------------

    def create(self, client_name: str, answers: Answers, mode: str, bank_version: str,
               summary: Summary, notes: str = "", *, owner_email: str = "",
               org: str = "") -> tuple[AssessmentRecord, str]:
        """A new assessment and the token of its first resume link; `org` is the workspace that lists
        it ("" on a server without sign-in), `owner_email` who created it (storage/access.py)."""
        now = _now()
        row = AssessmentRow(
            id=str(uuid.uuid4()), client_name=clean_name(client_name), mode=mode, answers=json.dumps(answers),
            revision=1, bank_version=bank_version, notes=clean_notes(notes), created_at=now, updated_at=now,
            owner_email=owner_email[:254], org=org[:254], **_summary_columns(summary))
        token = new_token()
        with Session(self.engine) as session, session.begin():
            session.add(row)
            session.flush()
            session.add(TokenRow(token_hash=hash_token(token), assessment_id=row.id, created_at=now))
            record = to_record(row)
        return record, token

    def open(self, token: object) -> AssessmentRecord | None:
        """The assessment a resume token opens, or None for a malformed or unknown token."""
        if not looks_like_token(token):
            return None
        with Session(self.engine) as session:
            row = session.scalar(
                select(AssessmentRow).join(TokenRow, TokenRow.assessment_id == AssessmentRow.id)
                .where(TokenRow.token_hash == hash_token(str(token))))
            return to_record(row) if row else None

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
            return to_record(row) if row else None

    def save(self, assessment_id: str, answers: Answers, expected_revision: int, summary: Summary,
             mode: str | None = None, *, client_name: str | None = None,
             notes: str | None = None) -> AssessmentRecord:
        """One revisioned write of everything a tab edits: answers, mode, client name and notes.

        Succeeds only if nobody saved since `expected_revision`; else raises ConflictError with the
        newer version (NotFoundError when the assessment was deleted). Name and notes are cleaned
        (see storage/cleaning.py) before they are written.
        """
        values: dict[str, object] = {"answers": json.dumps(answers), **_summary_columns(summary)}
        if mode:
            values["mode"] = mode
        return self._write(assessment_id, values, expected_revision, client_name, notes)

    def rename(self, assessment_id: str, client_name: str,
               expected_revision: int | None = None) -> AssessmentRecord:
        """A new name, as a new revision: a tab still holding the old revision is told, not overwritten."""
        return self._write(assessment_id, {}, expected_revision, client_name, None)

    def save_notes(self, assessment_id: str, notes: str, expected_revision: int | None = None) -> AssessmentRecord:
        """Notes are the user's own words: kept literally (line breaks too), at most 5,000 characters."""
        return self._write(assessment_id, {}, expected_revision, None, notes)

    def _write(self, assessment_id: str, values: dict[str, object], expected_revision: int | None,
               client_name: str | None, notes: str | None) -> AssessmentRecord:
        values = {**values, "updated_at": _now(), "revision": AssessmentRow.revision + 1}
        if client_name is not None:
            values["client_name"] = clean_name(client_name)
        if notes is not None:
            values["notes"] = clean_notes(notes)
        conditions = [AssessmentRow.id == assessment_id]
        if expected_revision is not None:
            conditions.append(AssessmentRow.revision == expected_revision)
        with Session(self.engine) as session, session.begin():
            result = session.execute(update(AssessmentRow).where(*conditions).values(**values))
            if result.rowcount == 0:  # type: ignore[attr-defined]
                current = session.get(AssessmentRow, assessment_id)
                if current is None:
                    raise NotFoundError(assessment_id)
                raise ConflictError(to_record(current))
        saved = self.get(assessment_id)
        if saved is None:
            raise NotFoundError(assessment_id)
        return saved

    def duplicate(self, assessment_id: str) -> tuple[AssessmentRecord, str]:
        original = self.get(assessment_id)
        if original is None:
            raise NotFoundError(assessment_id)
        with Session(self.engine) as session:  # the copy stays in the original's workspace
            owner_email, org = session.execute(select(AssessmentRow.owner_email, AssessmentRow.org)
                                               .where(AssessmentRow.id == assessment_id)).one()
        return self.create(f"{original.client_name or 'Untitled assessment'} (copy)", original.answers, original.mode,
                           original.bank_version, original.summary, original.notes, owner_email=owner_email, org=org)

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
            return [to_record(row) for row in rows]

    def purge_empty_drafts(self, older_than: timedelta = DRAFT_AGE) -> int:
        """Delete assessments abandoned empty (no answers, name or notes, unchanged for `older_than`).

        Anything with content is kept, however old. Returns how many were deleted.
        """
        cutoff = _now() - older_than
        empty = (AssessmentRow.answers == EMPTY_ANSWERS, AssessmentRow.client_name == "",
                 AssessmentRow.notes == "", AssessmentRow.updated_at < cutoff)
        with Session(self.engine) as session, session.begin():
            ids = builtins.list(session.scalars(select(AssessmentRow.id).where(*empty)))
            if ids:
                session.execute(delete(SnapshotRow).where(SnapshotRow.assessment_id.in_(ids)))
                session.execute(delete(TokenRow).where(TokenRow.assessment_id.in_(ids)))
                session.execute(delete(AssessmentRow).where(AssessmentRow.id.in_(ids), *empty))
        return len(ids)

    def check_writable(self) -> None:
        """Start a write and roll it back: raises the database's own error when it cannot be written."""
        with self.engine.connect() as connection, connection.begin() as transaction:
            connection.execute(text("UPDATE schema_version SET version = version WHERE id = 1"))
            transaction.rollback()

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


def to_record(row: AssessmentRow) -> AssessmentRecord:
    """The plain record of a row (shared with the workspace listing)."""
    return AssessmentRecord(
        id=row.id, client_name=row.client_name, mode=row.mode, answers=json.loads(row.answers),
        revision=row.revision, bank_version=row.bank_version,
        summary=Summary(reports=[r for r in row.reports.split(",") if r], report_type=row.report_type or None,
                        readiness=row.readiness),
        notes=row.notes or "", created_at=row.created_at, updated_at=row.updated_at)


def _snapshot(row: SnapshotRow) -> SnapshotRecord:
    return SnapshotRecord(id=row.id, assessment_id=row.assessment_id, label=row.label,
                          answers=json.loads(row.answers), bank_version=row.bank_version, created_at=row.created_at)
