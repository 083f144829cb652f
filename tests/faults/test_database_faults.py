"""Each fault of the database, through the real pages: nothing typed is lost, and it says why.

Every test types answers and a name while the database is unusable, checks they are still on the
screen and not marked saved, mends the fault as an operator would, and checks that the next rerun
writes everything, without restarting the app.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from streamlit.testing.v1 import AppTest

from storage import SCHEMA_VERSION, Summary, open_store
from tests.app.conftest import answer, open_app, widget
from tests.faults.conftest import fresh_database, read_only

ASSESS = "pages/1_Assessment.py"
TYPED = {"b2b": "yes", "security_ask": "yes", "headcount": 42}


def alerts(at: AppTest) -> str:
    return " | ".join(node.value for kind in (at.info, at.warning, at.error) for node in kind)


def saved(at: AppTest) -> bool:
    return any("Saved" in caption.value for caption in at.sidebar.caption)


def type_everything(at: AppTest, name: str = "Acme Payroll") -> AppTest:
    answer(at, **TYPED)
    at.text_input(key="client_name_input").input(name).run()
    assert not at.exception, at.exception
    return at


def assert_kept_in_the_tab(at: AppTest, name: str = "Acme Payroll") -> None:
    assert at.session_state["answers"] == TYPED
    assert at.session_state["client_name"] == name
    assert widget(at, "security_ask").value == "yes"
    assert not saved(at)


def assert_all_saved(url: str, name: str = "Acme Payroll") -> None:
    store = open_store(url)
    records = store.list()
    assert len(records) == 1
    assert records[0].answers == TYPED and records[0].client_name == name
    store.engine.dispose()


def test_read_only_file_then_fixed_saves_resume_without_a_restart(sqlite_folder: Path, monkeypatch):
    path = fresh_database(sqlite_folder / "ro.db")
    url = f"sqlite:///{path}"
    monkeypatch.setenv("SOC_NAVIGATOR_DATABASE_URL", url)
    with read_only(path):
        at = type_everything(open_app(ASSESS))
        assert_kept_in_the_tab(at)
        assert "cannot be written" in alerts(at) and "Not saved yet" in alerts(at)
        at.run()                                        # still broken: still kept, still said
        assert_kept_in_the_tab(at)
    at.run()                                            # the operator fixed the file
    assert not at.exception, at.exception
    assert saved(at) and "Not saved" not in alerts(at)
    assert_all_saved(url)


def test_corrupt_file_keeps_everything_until_a_backup_is_restored(tmp_path: Path, monkeypatch):
    good = fresh_database(tmp_path / "backup.db")
    path = tmp_path / "live.db"
    path.write_bytes(b"this is not an SQLite database " * 200)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("SOC_NAVIGATOR_DATABASE_URL", url)
    at = type_everything(open_app(ASSESS))
    assert_kept_in_the_tab(at)
    assert "damaged or truncated" in alerts(at)
    shutil.copyfile(good, path)                         # the operator restores the backup
    at.run()
    assert saved(at), alerts(at)
    assert_all_saved(url)


def test_truncated_file_keeps_everything_until_a_backup_is_restored(tmp_path: Path, monkeypatch):
    path = tmp_path / "live.db"
    store = open_store(f"sqlite:///{path}")
    for n in range(50):                                 # enough pages that a cut leaves a damaged file
        store.create(f"Client {n}", {"b2b": "yes"}, "full", "v", Summary(), "x" * 3000)
    store.engine.dispose()
    backup = tmp_path / "backup.db"
    shutil.copyfile(path, backup)
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 3)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("SOC_NAVIGATOR_DATABASE_URL", url)
    at = type_everything(open_app(ASSESS))
    assert_kept_in_the_tab(at)
    assert "damaged or truncated" in alerts(at)
    shutil.copyfile(backup, path)
    at.run()
    assert saved(at), alerts(at)
    restored = open_store(url)
    assert len(restored.list()) == 51
    assert restored.get(at.session_state["assessment_id"]).answers == TYPED


def test_locked_file_says_busy_and_saves_once_free(tmp_path: Path, monkeypatch):
    path = fresh_database(tmp_path / "locked.db")
    url = f"sqlite:///{path}"
    monkeypatch.setenv("SOC_NAVIGATOR_DATABASE_URL", url)
    at = open_app(ASSESS)
    answer(at, b2b="yes")                               # created while the file is free
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")                   # another program locks the file
    try:
        answer(at, security_ask="yes", headcount=42)
        at.text_input(key="client_name_input").input("Acme Payroll").run()
        assert_kept_in_the_tab(at)
        assert "Database busy, retrying" in alerts(at)
        assert "cannot be reached" not in alerts(at)
    finally:
        holder.rollback()
        holder.close()
    at.run()
    assert saved(at), alerts(at)
    assert_all_saved(url)


def test_postgresql_stopped_and_restarted_loses_nothing(postgres_cluster, monkeypatch):
    url = postgres_cluster.database()
    monkeypatch.setenv("SOC_NAVIGATOR_DATABASE_URL", url)
    at = open_app(ASSESS)
    answer(at, b2b="yes")
    assert saved(at)
    postgres_cluster.stop()
    answer(at, security_ask="yes", headcount=42)
    at.text_input(key="client_name_input").input("Acme Payroll").run()
    assert_kept_in_the_tab(at)
    assert "Not saved yet" in alerts(at)
    postgres_cluster.start()
    at.run()
    assert saved(at), alerts(at)
    assert_all_saved(url.replace("postgresql://", "postgresql+psycopg://"))


def test_a_newer_schema_is_explained_on_every_page_and_the_workspace_does_not_crash(tmp_path, monkeypatch):
    path = fresh_database(tmp_path / "newer.db")
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    monkeypatch.setenv("SOC_NAVIGATOR_DATABASE_URL", f"sqlite:///{path}")
    for page in (None, "pages/5_Workspace.py", ASSESS):
        at = open_app(page)
        assert "newer release of SOC Navigator" in alerts(at), (page, alerts(at))
    at = type_everything(open_app(ASSESS))
    assert_kept_in_the_tab(at)
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM assessments").fetchone() == (0,)


def test_the_start_up_check_tells_the_operator_before_anyone_types(sqlite_folder: Path, monkeypatch, caplog):
    path = fresh_database(sqlite_folder / "ro-start.db")
    monkeypatch.setenv("SOC_NAVIGATOR_DATABASE_URL", f"sqlite:///{path}")
    with read_only(path):
        at = open_app()
        assert "Saving is not possible right now" in alerts(at) and "cannot be written" in alerts(at)
    assert any("is not usable (read_only)" in record.getMessage() and str(path) in record.getMessage()
               for record in caplog.records)
    assert str(path) not in alerts(at)                 # the path is for the log, not for every visitor
    at.run()
    assert "Saving is not possible" not in alerts(at)


def test_after_a_failed_write_the_connections_are_reopened_and_checked_again(tmp_path, monkeypatch, caplog):
    """A connection that went bad (here: an I/O error on write) is not reused: the next save opens afresh."""
    from sqlalchemy.exc import OperationalError

    from storage.store import Store
    from ui import store_access

    path = fresh_database(tmp_path / "io.db")
    url = f"sqlite:///{path}"
    monkeypatch.setenv("SOC_NAVIGATOR_DATABASE_URL", url)
    at = open_app(ASSESS)
    answer(at, b2b="yes")
    first = store_access._open_store(url)
    real_save = Store.save_changes

    def failing_save(self, *args, **kwargs):
        raise OperationalError("UPDATE assessments ...", {}, sqlite3.OperationalError("disk I/O error"))

    monkeypatch.setattr(Store, "save_changes", failing_save)
    answer(at, security_ask="yes", headcount=42)
    at.text_input(key="client_name_input").input("Acme Payroll").run()
    assert_kept_in_the_tab(at)
    assert any("Saving failed" in record.getMessage() and "disk I/O error" in record.getMessage()
               for record in caplog.records)
    monkeypatch.setattr(Store, "save_changes", real_save)
    at.run()
    assert saved(at), alerts(at)
    assert store_access._open_store(url) is not first
    assert_all_saved(url)
