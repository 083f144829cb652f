"""The assessment store: one class, the same behaviour on SQLite and PostgreSQL.

Answers are kept one row per question (storage/schema.py), so a save writes only the fields it
changes: two people answering different questions never collide. Every save first bumps the
assessment's revision, which takes the row's write lock, so saves of one assessment queue rather
than interleave; a save that changes nothing is rolled back and leaves no trace. Each change is kept
in the history with who made it and when, and the revision lets a tab ask cheaply "anything new?".
"""

from __future__ import annotations

import builtins
import json
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, NoReturn

from sqlalchemy import Connection, Engine, Row, bindparam, delete, exists, insert, select, text, update
from sqlalchemy.orm import Session

from storage import cleaning
from storage.cleaning import MAX_NAME, MAX_NOTES
from storage.records import (
    ASSESSOR_FIELD,
    MODE_FIELD,
    NAME_FIELD,
    NOTES_FIELD,
    Answers,
    AssessmentRecord,
    Author,
    Change,
    LockedError,
    NotFoundError,
    Saved,
    SnapshotRecord,
    Summary,
    Value,
)
from storage.schema import AnswerRow, AssessmentRow, ChangeRow, PresenceRow, SnapshotRow, TokenRow, WorkshopRow
from storage.tokens import hash_token, looks_like_token, new_token

__all__ = ["MAX_NAME", "MAX_NOTES", "Store", "clean_name"]
DRAFT_AGE = timedelta(hours=24)
META_COLUMNS = {NAME_FIELD: "client_name", NOTES_FIELD: "notes", MODE_FIELD: "mode", ASSESSOR_FIELD: "assessor"}
Summarise = Callable[[Answers], Summary]


def _now() -> datetime:
    """Naive UTC, so SQLite and PostgreSQL store and return the same values."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def clean_name(name: str) -> str:
    """Control characters removed, whitespace folded, at most 200 characters; may be empty (the UI
    shows "Untitled assessment"). Callers that must tell the user use `storage.cleaning` directly."""
    return cleaning.clean_name(name)[0]


def clean_notes(notes: str) -> str:
    return cleaning.clean_notes(notes)[0]


def _clean_meta(field: str, value: Value | None) -> Value:
    text_value = "" if value is None else str(value)
    if field == NOTES_FIELD:
        return clean_notes(text_value)
    if field == MODE_FIELD:
        return text_value if text_value in ("quick", "full") else "full"
    return clean_name(text_value)


def _dump(value: Value | None) -> str | None:
    return None if value is None else json.dumps(value)


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- assessments -------------------------------------------------------------------

    def create(self, client_name: str, answers: Answers, mode: str, bank_version: str,
               summary: Summary | None, notes: str = "", *, owner_email: str = "", org: str = "",
               author: Author | None = None, assessor: str = "") -> tuple[AssessmentRecord, str]:
        """A new assessment and the token of its first resume link; `org` is the workspace that lists
        it ("" on a server without sign-in), `owner_email` who created it (storage/access.py). The
        first answers enter the history as changes from "unanswered". Without a `summary`, the workspace's
        listing computes it (storage/listing.py)."""
        now, author = _now(), author or Author()
        assessment_id = str(uuid.uuid4())
        token = new_token()
        row = AssessmentRow(
            id=assessment_id, client_name=clean_name(client_name), mode=_clean_meta(MODE_FIELD, mode), answers="{}",
            revision=1, bank_version=bank_version, notes=clean_notes(notes), created_at=now, updated_at=now,
            owner_email=owner_email[:254], org=org[:254], assessor=clean_name(assessor), locked=False,
            summary_revision=0 if summary is None else 1, **summary_columns(summary or Summary()))
        initial: dict[str, Value] = {**answers, **{field: getattr(row, column) for field, column in META_COLUMNS.items()
                                                   if getattr(row, column) and field != MODE_FIELD}}
        with Session(self.engine) as session, session.begin():
            session.add(row)
            session.flush()
            session.add(TokenRow(token_hash=hash_token(token), assessment_id=assessment_id, created_at=now))
            for field, value in answers.items():
                session.add(AnswerRow(assessment_id=assessment_id, field=field, value=json.dumps(value),
                                      changed_by=author.name, changed_by_id=author.id, changed_at=now))
            for field, value in initial.items():
                session.add(ChangeRow(assessment_id=assessment_id, revision=1, field=field, old_value=None,
                                      new_value=json.dumps(value), changed_by=author.name,
                                      changed_by_id=author.id, changed_at=now))
        record = self.get(assessment_id)
        assert record is not None
        return record, token

    def open(self, token: object) -> AssessmentRecord | None:
        """The assessment a resume token opens, or None for a malformed or unknown token."""
        if not looks_like_token(token):
            return None
        with Session(self.engine) as session:
            found = session.scalar(select(TokenRow.assessment_id).where(TokenRow.token_hash == hash_token(str(token))))
        return self.get(found) if found else None

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
            if row is None:
                return None
            return to_record(row, answers_of(session.connection(), (assessment_id,)).get(assessment_id, {}))

    def version(self, assessment_id: str) -> tuple[int, bool] | None:
        """The assessment's revision and whether it is locked (None once deleted): one indexed read,
        for the "anything new?" polls of every open tab."""
        with self.engine.connect() as connection:
            found = connection.execute(select(AssessmentRow.revision, AssessmentRow.locked)
                                       .where(AssessmentRow.id == assessment_id)).first()
        return None if found is None else (int(found[0]), bool(found[1]))

    def save_changes(self, assessment_id: str, changes: Mapping[str, Value | None], author: Author) -> Saved:
        """Write the fields in `changes` (question ids, or META_FIELDS; None clears an answer) as one
        revision, each with `author` and the time, and keep each in the history.

        Fields not named are left as others saved them. Values equal to what is stored are not
        written; when nothing differs, nothing is written at all. The later of two saves of the same
        field wins; the history keeps both. The workspace's summary of the assessment is brought up to
        date when the workspace is listed (`storage.listing.refresh_summaries`), not at every answer.
        Raises NotFoundError once deleted, LockedError while the facilitator has locked the answers.
        """
        now = _now()
        with self.engine.connect() as connection, connection.begin() as transaction:
            # The first statement writes, so it waits for (and takes) the write lock before any read.
            row = connection.execute(_BUMP, {"of_id": assessment_id, "now": now}).first()
            if row is None:  # raises; leaving the block rolls back (nothing was written)
                self._why_not_written(connection, assessment_id)
            questions = [field for field in changes if field not in META_COLUMNS]
            stored = connection.execute(_STORED, {"of_id": assessment_id, "fields": questions}) if questions else ()
            written = _write_fields(connection, assessment_id, row, changes, author, now,
                                    {field: json.loads(value) for field, value in stored})
            if not written:
                transaction.rollback()
                return Saved(revision=int(row.revision) - 1, mode=str(row.mode), changes=())
            meta = {META_COLUMNS[c.field]: ("" if c.new is None else c.new) for c in written if c.field in META_COLUMNS}
            if meta:
                connection.execute(update(AssessmentRow).where(AssessmentRow.id == assessment_id).values(**meta))
        return Saved(revision=int(row.revision), mode=str(meta.get("mode", row.mode)), changes=tuple(written))

    def _why_not_written(self, connection: Connection, assessment_id: str) -> NoReturn:
        locked = connection.execute(select(AssessmentRow.locked).where(AssessmentRow.id == assessment_id)).first()
        if locked is None:
            raise NotFoundError(assessment_id)
        raise LockedError(assessment_id)

    def set_locked(self, assessment_id: str, locked: bool) -> None:
        """The facilitator locks (or unlocks) every answer of an assessment."""
        with self.engine.begin() as connection:
            done = connection.execute(update(AssessmentRow).where(AssessmentRow.id == assessment_id)
                                      .values(locked=locked, revision=AssessmentRow.revision + 1))
            if done.rowcount == 0:
                raise NotFoundError(assessment_id)

    def duplicate(self, assessment_id: str, author: Author | None = None) -> tuple[AssessmentRecord, str]:
        original = self.get(assessment_id)
        if original is None:
            raise NotFoundError(assessment_id)
        with Session(self.engine) as session:  # the copy stays in the original's workspace
            owner_email, org = session.execute(select(AssessmentRow.owner_email, AssessmentRow.org)
                                               .where(AssessmentRow.id == assessment_id)).one()
        return self.create(f"{original.client_name or 'Untitled assessment'} (copy)", original.answers, original.mode,
                           original.bank_version, None, original.notes, owner_email=owner_email, org=org,
                           author=author, assessor=original.assessor)

    def delete(self, assessment_id: str) -> None:
        """Remove an assessment with its answers, history, links, snapshots, presence and workshop."""
        with Session(self.engine) as session, session.begin():
            for table in (SnapshotRow, TokenRow, AnswerRow, ChangeRow, PresenceRow, WorkshopRow):
                session.execute(delete(table).where(table.assessment_id == assessment_id))
            session.execute(delete(AssessmentRow).where(AssessmentRow.id == assessment_id))

    def list(self) -> list[AssessmentRecord]:
        """Every assessment, most recently changed first."""
        with Session(self.engine) as session:
            rows = builtins.list(session.scalars(select(AssessmentRow).order_by(AssessmentRow.updated_at.desc(),
                                                                                AssessmentRow.client_name)))
            answers = answers_of(session.connection(), tuple(row.id for row in rows))
            return [to_record(row, answers.get(row.id, {})) for row in rows]

    def purge_empty_drafts(self, older_than: timedelta = DRAFT_AGE) -> int:
        """Delete assessments abandoned empty (no answers, name or notes, unchanged for `older_than`).

        Anything with content is kept, however old. Returns how many were deleted.
        """
        cutoff = _now() - older_than
        empty = (~exists().where(AnswerRow.assessment_id == AssessmentRow.id), AssessmentRow.client_name == "",
                 AssessmentRow.notes == "", AssessmentRow.updated_at < cutoff)
        with Session(self.engine) as session, session.begin():
            ids = builtins.list(session.scalars(select(AssessmentRow.id).where(*empty)))
            if ids:
                for table in (SnapshotRow, TokenRow, ChangeRow, PresenceRow, WorkshopRow):
                    session.execute(delete(table).where(table.assessment_id.in_(ids)))
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
        record = self.get(assessment_id)
        if record is None:
            raise NotFoundError(assessment_id)
        with Session(self.engine) as session, session.begin():
            snap = SnapshotRow(id=str(uuid.uuid4()), assessment_id=assessment_id, label=clean_name(label),
                               answers=json.dumps(record.answers), bank_version=record.bank_version, created_at=_now())
            session.add(snap)
            return _snapshot(snap)

    def snapshots(self, assessment_id: str | None = None) -> builtins.list[SnapshotRecord]:
        """Snapshots of one assessment, or of all of them, newest first."""
        query = select(*SnapshotRow.__table__.columns).order_by(SnapshotRow.created_at.desc(), SnapshotRow.label)
        if assessment_id is not None:
            query = query.where(SnapshotRow.assessment_id == assessment_id)
        with self.engine.connect() as connection:   # plain rows: "What changed since …" reads these every time
            return [_snapshot(row) for row in connection.execute(query)]

    def rename_snapshot(self, snapshot_id: str, label: str) -> None:
        with self.engine.begin() as connection:
            if connection.execute(update(SnapshotRow).where(SnapshotRow.id == snapshot_id)
                                  .values(label=clean_name(label))).rowcount == 0:
                raise NotFoundError(snapshot_id)

    def delete_snapshot(self, snapshot_id: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(SnapshotRow).where(SnapshotRow.id == snapshot_id))


def _write_fields(connection: Connection, assessment_id: str, row: Row[*tuple[Any, ...]],
                  changes: Mapping[str, Value | None], author: Author, now: datetime,
                  answers: Answers) -> builtins.list[Change]:
    """Write each field whose value differs from the stored one (`answers`: the stored answers of the fields
    changed; `row`: the assessment as the save's first statement returned it); return the changes made."""
    revision = int(row.revision)
    stored: dict[str, Value | None] = {field: answers[field] for field in changes
                                       if field not in META_COLUMNS and field in answers}
    stored.update({field: (str(getattr(row, column)) if getattr(row, column) != "" else None)
                   for field, column in META_COLUMNS.items() if field in changes})
    written = []
    who = {"changed_by": author.name[:200], "changed_by_id": author.id[:64], "changed_at": now}
    for field, raw in changes.items():
        new = (_clean_meta(field, raw) or None) if field in META_COLUMNS else raw
        old = stored.get(field)
        if new == old:
            continue
        if field not in META_COLUMNS:
            where = {"of_assessment": assessment_id, "of_field": field}
            if new is None:
                connection.execute(_CLEAR_ANSWER, where)
            elif field in stored:
                connection.execute(_UPDATE_ANSWER, {**where, "value": json.dumps(new), **who})
            else:
                connection.execute(_INSERT_ANSWER, {"assessment_id": assessment_id, "field": field,
                                                    "value": json.dumps(new), **who})
        connection.execute(_INSERT_CHANGE, {"assessment_id": assessment_id, "revision": revision, "field": field,
                                            "old_value": _dump(old), "new_value": _dump(new), **who})
        written.append(Change(field=field, old=old, new=new, author=author, at=now, revision=revision))
    return written


def answers_of(connection: Connection, assessment_ids: tuple[str, ...]) -> dict[str, Answers]:
    """The current answers of these assessments, in one query."""
    found: dict[str, Answers] = {}
    if not assessment_ids:
        return found
    rows = connection.execute(select(AnswerRow.assessment_id, AnswerRow.field, AnswerRow.value)
                              .where(AnswerRow.assessment_id.in_(assessment_ids)))
    for assessment_id, field, value in rows:
        found.setdefault(assessment_id, {})[field] = json.loads(value)
    return found


def summary_columns(summary: Summary) -> dict[str, object]:
    return {"reports": ",".join(summary.reports), "report_type": summary.report_type or "",
            "readiness": summary.readiness}


# The columns a record is made of (to_record), e.g. returned by the save's last statement.
RECORD_COLUMNS = (AssessmentRow.id, AssessmentRow.client_name, AssessmentRow.mode, AssessmentRow.revision,
                  AssessmentRow.bank_version, AssessmentRow.reports, AssessmentRow.report_type,
                  AssessmentRow.readiness, AssessmentRow.notes, AssessmentRow.created_at, AssessmentRow.updated_at,
                  AssessmentRow.assessor, AssessmentRow.locked)
# The save's statements, built once: building them at every save cost more than running them.
_BUMP = (update(AssessmentRow).where(AssessmentRow.id == bindparam("of_id"), AssessmentRow.locked.is_(False))
         .values(revision=AssessmentRow.revision + 1, updated_at=bindparam("now"))
         .returning(AssessmentRow.revision, *(getattr(AssessmentRow, column) for column in META_COLUMNS.values())))
_STORED = select(AnswerRow.field, AnswerRow.value).where(AnswerRow.assessment_id == bindparam("of_id"),
                                                         AnswerRow.field.in_(bindparam("fields", expanding=True)))
_ANSWER_ROW = (AnswerRow.assessment_id == bindparam("of_assessment"), AnswerRow.field == bindparam("of_field"))
_CLEAR_ANSWER = delete(AnswerRow).where(*_ANSWER_ROW)
_UPDATE_ANSWER = update(AnswerRow).where(*_ANSWER_ROW)
_INSERT_ANSWER = insert(AnswerRow)
_INSERT_CHANGE = insert(ChangeRow)


def to_record(row: AssessmentRow | Row[*tuple[Any, ...]], answers: Answers) -> AssessmentRecord:
    """The plain record of a row and its answers (shared with the workspace listing)."""
    return AssessmentRecord(
        id=row.id, client_name=row.client_name, mode=row.mode, answers=dict(answers),
        revision=row.revision, bank_version=row.bank_version,
        summary=Summary(reports=[r for r in row.reports.split(",") if r], report_type=row.report_type or None,
                        readiness=row.readiness),
        notes=row.notes or "", created_at=row.created_at, updated_at=row.updated_at,
        assessor=row.assessor or "", locked=bool(row.locked))


def _snapshot(row: SnapshotRow | Row[*tuple[Any, ...]]) -> SnapshotRecord:
    return SnapshotRecord(id=row.id, assessment_id=row.assessment_id, label=row.label,
                          answers=json.loads(row.answers), bank_version=row.bank_version, created_at=row.created_at)
