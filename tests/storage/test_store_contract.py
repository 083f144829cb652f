"""One contract, run against SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import create_engine, inspect, select, text

from storage import SCHEMA_VERSION, NotFoundError, Summary, migrate, open_store, presence, workshops
from storage.history import history
from storage.migrate import LEGACY_AUTHOR, SchemaTooNewError
from storage.records import NAME_FIELD
from storage.schema import AnswerRow, AssessmentRow, SchemaVersion, TokenRow
from storage.tokens import hash_token
from tests.storage.support import ANA, BEN, rows_of, set_updated_at, start_workshop

SUMMARY = Summary(reports=["SOC 2"], report_type="Type II", readiness=None)


def create(store, name="Acme", answers=None, **extra):
    return store.create(name, answers or {"b2b": "yes"}, "full", "bank-1", SUMMARY, **extra)


def test_schema_is_created_with_its_version_and_migrating_again_changes_nothing(store):
    tables = set(inspect(store.engine).get_table_names())
    assert {"assessments", "resume_tokens", "snapshots", "schema_version", "answers", "answer_history", "presence",
            "workshops", "firms", "access_settings", "access_failures"} <= tables
    with store.engine.connect() as connection:
        assert connection.scalar(select(SchemaVersion.version)) == SCHEMA_VERSION == 5
    record, _ = create(store, answers={"b2b": "yes", "headcount": 3})
    assert migrate(store.engine) == SCHEMA_VERSION
    assert store.get(record.id) == record                  # a fresh database has no blob to move again


def test_a_newer_schema_is_refused(store):
    with store.engine.begin() as connection:
        connection.execute(SchemaVersion.__table__.update().values(version=SCHEMA_VERSION + 1))
    with pytest.raises(SchemaTooNewError):
        migrate(store.engine)


def test_create_then_open_by_token(store):
    record, token = create(store, answers={"b2b": "yes", "headcount": 12}, owner_email="ana@firm.example",
                           org="firm.example", author=ANA, assessor="Sam")
    opened = store.open(token)
    assert opened == record
    assert opened.answers == {"b2b": "yes", "headcount": 12} and opened.assessor == "Sam" and not opened.locked
    assert opened.summary.reports == ["SOC 2"] and opened.summary.report_type == "Type II"
    with store.engine.connect() as connection:
        rows = connection.execute(select(AnswerRow.field, AnswerRow.value, AnswerRow.changed_by)
                                  .where(AnswerRow.assessment_id == record.id)).all()
    assert sorted(rows) == [("b2b", '"yes"', "Ana"), ("headcount", "12", "Ana")]   # one row per question


def test_only_the_hash_of_a_token_is_stored(store):
    _, token = create(store)
    with store.engine.connect() as connection:
        rows = connection.execute(select(TokenRow.token_hash)).scalars().all()
        dump = " ".join(str(v) for table in ("assessments", "answers", "answer_history")
                        for row in connection.execute(text(f"SELECT * FROM {table}")) for v in row)
    assert rows == [hash_token(token)]
    assert token not in dump


@pytest.mark.parametrize("token", [None, "", "short", "A" * 32, "x" * 33, "../../etc/passwd", 42])
def test_unknown_or_malformed_tokens_open_nothing(store, token):
    create(store)
    assert store.open(token) is None


def test_each_save_bumps_the_revision_and_the_later_value_is_kept(store):
    record, _ = create(store)
    saved = store.save_changes(record.id, {"b2b": "no"}, ANA)
    assert saved.revision == record.revision + 1 and store.get(record.id).answers == {"b2b": "no"}
    again = store.save_changes(record.id, {"b2b": "yes"}, BEN)   # no conflict: the later save wins
    assert again.revision == record.revision + 2
    assert store.get(record.id).answers == {"b2b": "yes"}


def test_duplicate_is_a_new_assessment_with_its_own_link(store):
    record, token = create(store, answers={"b2b": "yes", "GOV-01": "partial"}, owner_email="ana@firm.example",
                           org="firm.example", assessor="Sam")
    store.save_changes(record.id, {"@notes": "Notes to copy"}, ANA)
    copy, copy_token = store.duplicate(record.id, author=BEN)
    assert copy.id != record.id and copy_token != token
    assert copy.client_name == "Acme (copy)" and copy.answers == record.answers
    assert (copy.notes, copy.assessor, copy.mode, copy.bank_version) == ("Notes to copy", "Sam", "full", "bank-1")
    assert store.open(copy_token).id == copy.id and store.open(token).id == record.id
    with store.engine.connect() as connection:
        owners = connection.execute(select(AssessmentRow.id, AssessmentRow.owner_email, AssessmentRow.org)).all()
    assert {(owner, org) for _, owner, org in owners} == {("ana@firm.example", "firm.example")}
    assert {(c.field, c.author.name, c.revision) for c in history(store.engine, copy.id)} == {
        ("b2b", "Ben", 1), ("GOV-01", "Ben", 1), (NAME_FIELD, "Ben", 1), ("@notes", "Ben", 1), ("@assessor", "Ben", 1)}
    store.save_changes(copy.id, {"b2b": "no"}, BEN)
    assert store.get(record.id).answers["b2b"] == "yes"    # the copy's answers are its own rows
    with pytest.raises(NotFoundError):
        store.duplicate("no-such-id")


def test_an_untitled_assessment_duplicates_under_a_readable_name(store):
    record, _ = create(store, name="")
    assert store.duplicate(record.id)[0].client_name == "Untitled assessment (copy)"


def test_delete_removes_links_snapshots_answers_history_presence_and_workshop(store):
    record, token = create(store, answers={"b2b": "yes", "headcount": 4})
    other, other_token = create(store, name="Other")
    store.save_changes(record.id, {"b2b": "no"}, ANA)
    store.new_link(record.id)
    store.snapshot(record.id, "As of today")
    presence.touch(store.engine, record.id, ANA.id, "Ana")
    join = start_workshop(store, record.id)
    assert all(rows_of(store, record.id).values())        # every kind of row exists before
    store.delete(record.id)
    assert store.open(token) is None and store.get(record.id) is None and store.version(record.id) is None
    assert store.snapshots(record.id) == [] and workshops.join(store.engine, join) is None
    assert rows_of(store, record.id) == dict.fromkeys(rows_of(store, record.id), 0)
    assert store.open(other_token) == other               # nothing of another assessment went
    store.delete(record.id)                                # deleting again is harmless


def test_list_newest_change_first(store):
    first, _ = create(store, "First")
    second, _ = create(store, "Second")
    set_updated_at(store, datetime(2026, 1, 1, 9, 0), first.id)
    set_updated_at(store, datetime(2026, 1, 2, 9, 0), second.id)
    assert [r.client_name for r in store.list()] == ["Second", "First"]
    store.save_changes(first.id, {"b2b": "no"}, ANA)
    listed = store.list()
    assert [r.client_name for r in listed] == ["First", "Second"]
    assert listed[0].answers == {"b2b": "no"} and listed[1].answers == {"b2b": "yes"}
    store.save_changes(second.id, {"b2b": "yes"}, ANA)   # changes nothing: its place is kept
    assert [r.client_name for r in store.list()] == ["First", "Second"]


def test_snapshots_freeze_the_answers_of_the_moment(store):
    record, _ = create(store, answers={"GOV-01": "no", "b2b": "yes"})
    snap = store.snapshot(record.id, "As of 1 September\x00")
    store.save_changes(record.id, {"GOV-01": "yes", "b2b": None, "headcount": 9}, ANA)
    frozen = store.snapshots(record.id)
    assert [s.answers for s in frozen] == [{"GOV-01": "no", "b2b": "yes"}]
    assert snap.label == frozen[0].label == "As of 1 September" and snap.bank_version == "bank-1"
    assert store.get(record.id).answers == {"GOV-01": "yes", "headcount": 9}
    with pytest.raises(NotFoundError):
        store.snapshot("no-such-id", "x")


def test_more_links_for_one_assessment_all_open_it(store):
    record, token = create(store)
    second = store.new_link(record.id)
    assert store.open(token).id == store.open(second).id == record.id
    with pytest.raises(NotFoundError):
        store.new_link("no-such-id")


def test_sqlite_runs_in_wal_mode(tmp_path):
    sqlite_store = open_store(f"sqlite:///{tmp_path / 'wal.db'}")
    with sqlite_store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_backup_copies_a_live_sqlite_database(tmp_path):
    from storage.backup import backup

    live = open_store(f"sqlite:///{tmp_path / 'live.db'}")
    record, token = create(live, answers={"b2b": "yes", "headcount": 5})
    live.save_changes(record.id, {"b2b": "no"}, ANA)
    copy = open_store(f"sqlite:///{backup(tmp_path / 'live.db', tmp_path / 'copy' / 'backup.db')}")
    assert copy.open(token).answers == {"b2b": "no", "headcount": 5}
    assert len(history(copy.engine, record.id)) == 4       # created with 2 answers and a name, then 1 change


def test_a_version_1_database_is_migrated_with_its_answers_per_question(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'v1.db'}")
    with engine.begin() as connection:   # the schema as release 1 created it
        connection.exec_driver_sql(
            "CREATE TABLE assessments (id VARCHAR(36) PRIMARY KEY, client_name VARCHAR(200), mode VARCHAR(10), "
            "answers TEXT, revision INTEGER, bank_version VARCHAR(40), reports VARCHAR(40), report_type VARCHAR(10), "
            "readiness INTEGER, created_at DATETIME, updated_at DATETIME)")
        connection.exec_driver_sql("CREATE TABLE schema_version (id INTEGER PRIMARY KEY, version INTEGER)")
        connection.exec_driver_sql("INSERT INTO schema_version VALUES (1, 1)")
        connection.exec_driver_sql(
            """INSERT INTO assessments VALUES ('a1', 'Old Co', 'full', '{"b2b": "yes", "headcount": 7}', 3, 'v', """
            "'SOC 2', 'Type II', NULL, '2026-01-01 00:00:00', '2026-01-01 00:00:00')")
    engine.dispose()
    upgraded = open_store(f"sqlite:///{tmp_path / 'v1.db'}")
    old = upgraded.get("a1")
    assert old.answers == {"b2b": "yes", "headcount": 7} and old.notes == "" and old.revision == 3
    assert (old.assessor, old.locked) == ("", False)
    with upgraded.engine.connect() as connection:
        assert connection.scalar(select(SchemaVersion.version)) == SCHEMA_VERSION
        assert connection.scalar(select(AssessmentRow.answers)) == "{}"
        assert set(connection.execute(select(AnswerRow.field, AnswerRow.changed_by, AnswerRow.changed_at))) == {
            ("b2b", LEGACY_AUTHOR, datetime(2026, 1, 1)), ("headcount", LEGACY_AUTHOR, datetime(2026, 1, 1))}
    saved = upgraded.save_changes("a1", {"b2b": "no"}, ANA)
    assert saved.revision == 4 and [(c.old, c.new) for c in saved.changes] == [("yes", "no")]
