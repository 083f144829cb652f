"""Create and migrate the schema on start, recording the version reached.

Each migration is a function applied once, in order; the recorded version says which ran.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import cast

from sqlalchemy import Connection, Engine, Table, inspect, select, text

from storage.schema import (
    AccessFailureRow,
    AccessSettingRow,
    AnswerRow,
    AssessmentRow,
    Base,
    ChangeRow,
    FirmRow,
    PresenceRow,
    SchemaVersion,
    WorkshopRow,
)

SCHEMA_VERSION = 5


def _initial(connection: Connection) -> None:
    Base.metadata.create_all(connection)


def _add_notes(connection: Connection) -> None:
    """v2: free-text notes per assessment (a new database already has the column from v1's create_all)."""
    columns = {column["name"] for column in inspect(connection).get_columns("assessments")}
    if "notes" not in columns:
        connection.execute(text("ALTER TABLE assessments ADD COLUMN notes TEXT NOT NULL DEFAULT ''"))


def _add_access(connection: Connection) -> None:
    """v3, the access model: owner and organisation per assessment, the owner-link generation,
    access settings and failed key attempts (a new database has them from v1's create_all)."""
    columns = {column["name"] for column in inspect(connection).get_columns("assessments")}
    for name, ddl in (("owner_email", "VARCHAR(254) NOT NULL DEFAULT ''"), ("org", "VARCHAR(254) NOT NULL DEFAULT ''"),
                      ("link_generation", "INTEGER NOT NULL DEFAULT 0")):
        if name not in columns:
            connection.execute(text(f"ALTER TABLE assessments ADD COLUMN {name} {ddl}"))
    Base.metadata.create_all(connection, tables=[cast(Table, AccessSettingRow.__table__),
                                                 cast(Table, AccessFailureRow.__table__)])
    indexes = {index["name"] for index in inspect(connection).get_indexes("assessments")}
    if "ix_assessments_org_updated" not in indexes:
        connection.execute(text("CREATE INDEX ix_assessments_org_updated ON assessments (org, updated_at)"))


def _answers_per_question(connection: Connection) -> None:
    """v4, collaboration: each assessment's answer blob becomes one row per question (who: "before
    history was kept", when: the assessment's last change), plus history, presence, workshops, firms,
    and the lock and assessor columns. The blob is emptied only after its rows are written."""
    columns = {column["name"] for column in inspect(connection).get_columns("assessments")}
    for name, ddl in (("locked", "BOOLEAN NOT NULL DEFAULT FALSE"), ("assessor", "VARCHAR(200) NOT NULL DEFAULT ''")):
        if name not in columns:
            connection.execute(text(f"ALTER TABLE assessments ADD COLUMN {name} {ddl}"))
    Base.metadata.create_all(connection, tables=[cast(Table, row.__table__) for row in
                                                 (AnswerRow, ChangeRow, PresenceRow, WorkshopRow, FirmRow)])
    blobs = connection.execute(select(AssessmentRow.id, AssessmentRow.answers, AssessmentRow.updated_at)
                               .where(AssessmentRow.answers != "{}")).all()
    answer_table = cast(Table, AnswerRow.__table__)
    for assessment_id, blob, updated_at in blobs:
        answers = json.loads(str(blob or "{}"))
        if answers:
            connection.execute(answer_table.insert(), [
                {"assessment_id": assessment_id, "field": field, "value": json.dumps(value),
                 "changed_by": LEGACY_AUTHOR, "changed_by_id": "", "changed_at": updated_at}
                for field, value in answers.items()])
    connection.execute(text("UPDATE assessments SET answers = '{}'"))


LEGACY_AUTHOR = "before history was kept"


def _summary_revision(connection: Connection) -> None:
    """v5: the revision each summary was computed at. Every existing summary starts out of date (0), so the
    first listing computes it again from the answers (storage/listing.py)."""
    columns = {column["name"] for column in inspect(connection).get_columns("assessments")}
    if "summary_revision" not in columns:
        connection.execute(text("ALTER TABLE assessments ADD COLUMN summary_revision INTEGER NOT NULL DEFAULT 0"))

MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _initial, 2: _add_notes, 3: _add_access,
                                                       4: _answers_per_question, 5: _summary_revision}


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer release; refuse rather than damage it."""


def migrate(engine: Engine) -> int:
    """Bring the database to SCHEMA_VERSION; returns the version now recorded."""
    table = cast(Table, SchemaVersion.__table__)
    with engine.begin() as connection:
        if not inspect(connection).has_table(SchemaVersion.__tablename__):
            table.create(connection)
        row = connection.execute(select(SchemaVersion).where(SchemaVersion.id == 1)).first()
        current = row.version if row else 0
        if current > SCHEMA_VERSION:
            raise SchemaTooNewError(f"database schema {current} is newer than this release ({SCHEMA_VERSION})")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[version](connection)
        if row is None:
            connection.execute(table.insert().values(id=1, version=SCHEMA_VERSION))
        elif current != SCHEMA_VERSION:
            connection.execute(table.update().where(SchemaVersion.id == 1)
                               .values(version=SCHEMA_VERSION))
    return SCHEMA_VERSION
