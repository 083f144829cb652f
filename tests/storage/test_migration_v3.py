"""A real v3 database (one JSON answer blob per assessment) becomes v4 (one row per question) with
nothing lost: on a copy of the committed SQLite file, and on PostgreSQL built from the same rows.

data/v3_assessments.sqlite was written by the v3 release: "Acme Cloud" (8 answers, notes, a snapshot,
an owner and organisation), "Pay & Co — Ünïcode" (2 answers) and an untitled empty draft. Its resume
tokens are stored only as hashes, so before migrating each test adds one more link per assessment in
the v3 shape, with a token it knows, and checks those open the migrated assessments.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    inspect,
    select,
    text,
)

from storage import SCHEMA_VERSION, migrate, open_store
from storage.history import changes_since, history
from storage.listing import page, refresh_summaries
from storage.migrate import LEGACY_AUTHOR
from storage.schema import AnswerRow, AssessmentRow, SchemaVersion, TokenRow
from storage.tokens import hash_token, new_token
from tests.storage.support import ANA, counted

V3_FILE = Path(__file__).resolve().parent / "data" / "v3_assessments.sqlite"

# The v3 schema, as the v3 release created it (checked against the committed file below).
V3 = MetaData()
Table("schema_version", V3, Column("id", Integer, primary_key=True), Column("version", Integer, nullable=False))
V3_ASSESSMENTS = Table(
    "assessments", V3,
    Column("id", String(36), primary_key=True), Column("client_name", String(200), nullable=False),
    Column("mode", String(10), nullable=False), Column("answers", Text, nullable=False),
    Column("revision", Integer, nullable=False), Column("bank_version", String(40), nullable=False),
    Column("reports", String(40), nullable=False), Column("report_type", String(10), nullable=False),
    Column("readiness", Integer, nullable=True), Column("notes", Text, nullable=False, server_default=""),
    Column("created_at", DateTime, nullable=False), Column("updated_at", DateTime, nullable=False),
    Column("owner_email", String(254), nullable=False, server_default=""),
    Column("org", String(254), nullable=False, server_default=""),
    Column("link_generation", Integer, nullable=False, server_default="0"))
Index("ix_assessments_org_updated", V3_ASSESSMENTS.c.org, V3_ASSESSMENTS.c.updated_at)
Table("access_settings", V3, Column("name", String(40), primary_key=True),
      Column("value", String(200), nullable=False), Column("created_at", DateTime, nullable=False))
V3_FAILURES = Table("access_failures", V3, Column("id", Integer, primary_key=True),
                    Column("session", String(64), nullable=False), Column("address", String(64), nullable=False),
                    Column("at", DateTime, nullable=False))
Index("ix_access_failures_at", V3_FAILURES.c.at)
V3_TOKENS = Table("resume_tokens", V3, Column("token_hash", String(64), primary_key=True),
                  Column("assessment_id", String(36), ForeignKey("assessments.id", ondelete="CASCADE"),
                         nullable=False),
                  Column("created_at", DateTime, nullable=False))
Index("ix_tokens_assessment", V3_TOKENS.c.assessment_id)
V3_SNAPSHOTS = Table("snapshots", V3, Column("id", String(36), primary_key=True),
                     Column("assessment_id", String(36), ForeignKey("assessments.id", ondelete="CASCADE"),
                            nullable=False),
                     Column("label", String(200), nullable=False), Column("answers", Text, nullable=False),
                     Column("bank_version", String(40), nullable=False), Column("created_at", DateTime, nullable=False))
Index("ix_snapshots_assessment", V3_SNAPSHOTS.c.assessment_id)


def read_v3(path: Path) -> dict[str, dict]:
    """What the v3 file holds, read with sqlite3 itself (not through the code under test)."""
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        version = connection.execute("SELECT version FROM schema_version WHERE id = 1").fetchone()[0]
        assessments = {row["id"]: {**dict(row), "answers": json.loads(row["answers"])}
                       for row in connection.execute("SELECT * FROM assessments")}
        tokens = {tuple(row) for row in connection.execute("SELECT token_hash, assessment_id FROM resume_tokens")}
        snapshots = {row["id"]: {**dict(row), "answers": json.loads(row["answers"])}
                     for row in connection.execute("SELECT * FROM snapshots")}
    return {"version": version, "assessments": assessments, "tokens": tokens, "snapshots": snapshots}


def add_known_links(path: Path) -> dict[str, str]:
    """One more resume link per assessment, written as v3 wrote links; its token for each."""
    links = {}
    with sqlite3.connect(path) as connection:
        for (assessment_id,) in connection.execute("SELECT id FROM assessments").fetchall():
            links[assessment_id] = new_token()
            connection.execute("INSERT INTO resume_tokens VALUES (?, ?, '2026-11-23 22:50:00.000000')",
                               (hash_token(links[assessment_id]), assessment_id))
    return links


def postgres_from(path: Path, url: str) -> None:
    """A PostgreSQL database in the v3 shape holding every row of the v3 file."""
    source, target = create_engine(f"sqlite:///{path}"), create_engine(url)
    try:
        V3.create_all(target)
        with source.connect() as reading, target.begin() as writing:
            for table in V3.sorted_tables:
                rows = [dict(row) for row in reading.execute(select(table)).mappings()]
                if rows:
                    writing.execute(table.insert(), rows)
        with target.connect() as connection:
            assert connection.scalar(text("SELECT version FROM schema_version")) == 3
            assert "answers" not in inspect(connection).get_table_names()
    finally:
        source.dispose()
        target.dispose()


def everything(engine) -> dict[str, list[tuple]]:
    """Every row of every table, for "migrating again changes nothing"."""
    with engine.connect() as connection:
        return {table: sorted((tuple(row) for row in connection.execute(text(f'SELECT * FROM "{table}"'))), key=repr)
                for table in inspect(connection).get_table_names()}


def test_the_committed_file_is_the_v3_database_described():
    found = read_v3(V3_FILE)
    assert found["version"] == 3
    by_name = {a["client_name"]: a for a in found["assessments"].values()}
    assert set(by_name) == {"Acme Cloud", "Pay & Co — Ünïcode", ""}
    assert len(by_name["Acme Cloud"]["answers"]) == 8 and by_name["Acme Cloud"]["notes"]
    assert len(by_name["Pay & Co — Ünïcode"]["answers"]) == 2 and by_name[""]["answers"] == {}
    assert [s["assessment_id"] for s in found["snapshots"].values()] == [by_name["Acme Cloud"]["id"]]
    assert len(found["tokens"]) == 3
    file = create_engine(f"sqlite:///{V3_FILE}")
    try:   # the v3 tables written above for PostgreSQL are the file's, column for column
        with file.connect() as connection:
            actual = inspect(connection)
            assert set(actual.get_table_names()) == set(V3.tables)
            for name, table in V3.tables.items():
                assert [(c["name"], c["nullable"]) for c in actual.get_columns(name)] == [
                    (c.name, c.nullable) for c in table.columns], name
                assert {i["name"] for i in actual.get_indexes(name)} == {i.name for i in table.indexes}, name
    finally:
        file.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def v3_database(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, dict, dict[str, str]]:
    """A v3 database not yet migrated: its URL, what it held before (read from the file), its known links."""
    path = tmp_path / "v3.sqlite"
    shutil.copyfile(V3_FILE, path)
    links = add_known_links(path)
    before = read_v3(path)
    if request.param == "sqlite":
        return f"sqlite:///{path}", before, links
    url = request.getfixturevalue("postgres_url")
    postgres_from(path, url)
    return url, before, links


def test_a_v3_database_migrates_to_answers_per_question_losing_nothing(v3_database):
    url, before, links = v3_database
    store = open_store(url)
    try:
        with store.engine.connect() as connection:
            assert connection.scalar(select(SchemaVersion.version)) == SCHEMA_VERSION == 5
            owners = {row.id: (row.owner_email, row.org, row.answers) for row in connection.execute(
                select(AssessmentRow.id, AssessmentRow.owner_email, AssessmentRow.org, AssessmentRow.answers))}
            answer_rows = connection.execute(select(AnswerRow.assessment_id, AnswerRow.field, AnswerRow.changed_by,
                                                    AnswerRow.changed_at)).all()
            token_rows = set(connection.execute(select(TokenRow.token_hash, TokenRow.assessment_id)).all())

        assert set(owners) == set(before["assessments"])
        for assessment_id, old in before["assessments"].items():
            record = store.get(assessment_id)
            assert record.answers == old["answers"], old["client_name"]          # every answer, exactly
            assert {k: type(v) for k, v in record.answers.items()} == {k: type(v) for k, v in old["answers"].items()}
            assert (record.client_name, record.notes, record.mode, record.revision, record.bank_version) == (
                old["client_name"], old["notes"], old["mode"], old["revision"], old["bank_version"])
            assert (record.summary.reports, record.summary.report_type or "", record.summary.readiness) == (
                [r for r in old["reports"].split(",") if r], old["report_type"], old["readiness"])
            assert (record.created_at, record.updated_at) == (datetime.fromisoformat(old["created_at"]),
                                                              datetime.fromisoformat(old["updated_at"]))
            assert (record.assessor, record.locked) == ("", False)
            assert owners[assessment_id] == (old["owner_email"], old["org"], "{}")   # the blob is emptied
            assert store.open(links[assessment_id]) == record                       # resume links still open it
            assert changes_since(store.engine, assessment_id, 0) == ()              # no fake "new" changes
        assert sorted((a, f) for a, f, _, _ in answer_rows) == sorted(
            (a, f) for a, old in before["assessments"].items() for f in old["answers"])
        assert {(by, at) for _, _, by, at in answer_rows} == {
            (LEGACY_AUTHOR, datetime.fromisoformat(old["updated_at"]))
            for old in before["assessments"].values() if old["answers"]}
        assert token_rows == before["tokens"]                                       # every v3 link kept
        assert {s.id: (s.assessment_id, s.label, s.answers, s.bank_version, s.created_at)
                for s in store.snapshots()} == {
            i: (s["assessment_id"], s["label"], s["answers"], s["bank_version"],
                datetime.fromisoformat(s["created_at"])) for i, s in before["snapshots"].items()}

        by_name = {old["client_name"]: i for i, old in before["assessments"].items()}
        assert {r.client_name for r in page(store.engine, None).records} == {"Acme Cloud", "Pay & Co — Ünïcode"}
        assert [r.client_name for r in page(store.engine, "firm.example").records] == ["Acme Cloud"]

        migrated = everything(store.engine)
        assert migrate(store.engine) == SCHEMA_VERSION                              # a second migrate ...
        assert everything(store.engine) == migrated                                 # ... changes nothing

        acme = before["assessments"][by_name["Acme Cloud"]]
        saved = store.save_changes(acme["id"], {"GOV-03": "yes"}, ANA)      # history starts from here
        assert [(c.field, c.old, c.new, c.revision) for c in saved.changes] == [
            ("GOV-03", acme["answers"]["GOV-03"], "yes", acme["revision"] + 1)]
        assert store.get(acme["id"]).answers == {**acme["answers"], "GOV-03": "yes"}
        assert len(history(store.engine, acme["id"])) == 1
        # v5: every summary carried over is computed again at the first listing, from the answers
        assert refresh_summaries(store.engine, None, counted) == len(before["assessments"])
        assert {i: store.get(i).summary.readiness for i in before["assessments"]} == {
            i: len(store.get(i).answers) for i in before["assessments"]}
        assert refresh_summaries(store.engine, None, counted) == 0
    finally:
        store.engine.dispose()
