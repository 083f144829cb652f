"""One contract, run against SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select, text

from storage import SCHEMA_VERSION, ConflictError, NotFoundError, Summary, migrate, open_store
from storage.migrate import SchemaTooNewError
from storage.schema import SchemaVersion, TokenRow
from storage.tokens import hash_token

SUMMARY = Summary(reports=["SOC 2"], report_type="Type II", readiness=None)


def create(store, name="Acme", answers=None):
    return store.create(name, answers or {"b2b": "yes"}, "full", "bank-1", SUMMARY)


def test_schema_is_created_with_its_version_and_migrating_again_changes_nothing(store):
    tables = set(inspect(store.engine).get_table_names())
    assert {"assessments", "resume_tokens", "snapshots", "schema_version"} <= tables
    with store.engine.connect() as connection:
        assert connection.scalar(select(SchemaVersion.version)) == SCHEMA_VERSION
    assert migrate(store.engine) == SCHEMA_VERSION


def test_a_newer_schema_is_refused(store):
    with store.engine.begin() as connection:
        connection.execute(SchemaVersion.__table__.update().values(version=SCHEMA_VERSION + 1))
    with pytest.raises(SchemaTooNewError):
        migrate(store.engine)


def test_create_then_open_by_token(store):
    record, token = create(store, answers={"b2b": "yes", "headcount": 12})
    opened = store.open(token)
    assert opened == record
    assert opened.answers == {"b2b": "yes", "headcount": 12}
    assert opened.summary.reports == ["SOC 2"] and opened.summary.report_type == "Type II"


def test_only_the_hash_of_a_token_is_stored(store):
    _, token = create(store)
    with store.engine.connect() as connection:
        rows = connection.execute(select(TokenRow.token_hash)).scalars().all()
        dump = " ".join(str(v) for row in connection.execute(text("SELECT * FROM assessments")) for v in row)
    assert rows == [hash_token(token)]
    assert token not in dump


@pytest.mark.parametrize("token", [None, "", "short", "A" * 32, "x" * 33, "../../etc/passwd", 42])
def test_unknown_or_malformed_tokens_open_nothing(store, token):
    create(store)
    assert store.open(token) is None


def test_save_bumps_the_revision_and_a_stale_save_is_a_conflict(store):
    record, _ = create(store)
    saved = store.save(record.id, {"b2b": "no"}, record.revision, Summary())
    assert saved.revision == record.revision + 1 and saved.answers == {"b2b": "no"}
    with pytest.raises(ConflictError) as conflict:
        store.save(record.id, {"b2b": "yes"}, record.revision, Summary())
    assert conflict.value.current.answers == {"b2b": "no"}
    assert store.get(record.id).answers == {"b2b": "no"}


def test_saving_a_deleted_assessment_says_so(store):
    record, _ = create(store)
    store.delete(record.id)
    with pytest.raises(NotFoundError):
        store.save(record.id, {}, record.revision, Summary())


def test_rename_keeps_text_literally_and_trims_length(store):
    record, _ = create(store)
    name = "<b>Ünïcødé 🚀 مرحبا</b>  Ltd"
    assert store.rename(record.id, name).client_name == "<b>Ünïcødé 🚀 مرحبا</b> Ltd"
    assert len(store.rename(record.id, "x" * 500).client_name) == 200


def test_duplicate_is_a_new_assessment_with_its_own_link(store):
    record, token = create(store, answers={"b2b": "yes", "GOV-01": "partial"})
    copy, copy_token = store.duplicate(record.id)
    assert copy.id != record.id and copy_token != token
    assert copy.client_name == "Acme (copy)" and copy.answers == record.answers
    assert store.open(copy_token).id == copy.id and store.open(token).id == record.id


def test_delete_removes_links_and_snapshots(store):
    record, token = create(store)
    store.snapshot(record.id, "As of today")
    store.delete(record.id)
    assert store.open(token) is None and store.get(record.id) is None
    assert store.snapshots(record.id) == []


def test_list_newest_change_first(store):
    first, _ = create(store, "First")
    second, _ = create(store, "Second")
    store.save(first.id, {"b2b": "no"}, first.revision, Summary())
    names = [r.client_name for r in store.list()]
    assert set(names) == {"First", "Second"} and len(names) == 2
    assert store.list()[0].updated_at >= store.list()[1].updated_at
    assert second.id in {r.id for r in store.list()}


def test_snapshots_freeze_the_answers_of_the_moment(store):
    record, _ = create(store, answers={"GOV-01": "no"})
    snap = store.snapshot(record.id, "As of 1 September")
    store.save(record.id, {"GOV-01": "yes"}, record.revision, Summary())
    assert store.snapshots(record.id)[0].answers == {"GOV-01": "no"}
    assert snap.label == "As of 1 September"


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
    record, token = create(live)
    copy = open_store(f"sqlite:///{backup(tmp_path / 'live.db', tmp_path / 'copy' / 'backup.db')}")
    assert copy.open(token).id == record.id


def test_notes_are_kept_literally_up_to_5000_characters(store):
    record, _ = create(store)
    notes = "<script>alert(1)</script> **bold** مرحبا 🚀\n" + "x" * 6000
    saved = store.save_notes(record.id, notes)
    assert saved.notes == notes[:5000]
    assert store.duplicate(record.id)[0].notes == notes[:5000]


def test_a_version_1_database_is_migrated_to_add_notes(tmp_path):
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{tmp_path / 'v1.db'}")
    with engine.begin() as connection:   # the schema as release 1 created it
        connection.exec_driver_sql(
            "CREATE TABLE assessments (id VARCHAR(36) PRIMARY KEY, client_name VARCHAR(200), mode VARCHAR(10), "
            "answers TEXT, revision INTEGER, bank_version VARCHAR(40), reports VARCHAR(40), report_type VARCHAR(10), "
            "readiness INTEGER, created_at DATETIME, updated_at DATETIME)")
        connection.exec_driver_sql("CREATE TABLE schema_version (id INTEGER PRIMARY KEY, version INTEGER)")
        connection.exec_driver_sql("INSERT INTO schema_version VALUES (1, 1)")
        connection.exec_driver_sql(
            """INSERT INTO assessments VALUES ('a1', 'Old Co', 'full', '{"b2b": "yes"}', 3, 'v', 'SOC 2', """
            "'Type II', NULL, '2026-01-01 00:00:00', '2026-01-01 00:00:00')")
    upgraded = open_store(f"sqlite:///{tmp_path / 'v1.db'}")
    old = upgraded.get("a1")
    assert old.answers == {"b2b": "yes"} and old.notes == "" and old.revision == 3
    with upgraded.engine.connect() as connection:
        assert connection.scalar(select(SchemaVersion.version)) == SCHEMA_VERSION
