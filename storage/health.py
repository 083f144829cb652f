"""What is wrong with the database, in words an operator can act on.

Every store error the app catches is turned into a `StoreProblem`: its kind decides what the page
says ("busy, retrying" or "not saved") and whether the connections are reopened; its operator text
is logged, and shown on the page without the file path or URL (those stay in the log).
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from typing import Literal

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from storage.migrate import SCHEMA_VERSION, SchemaTooNewError
from storage.store import Store

Kind = Literal["busy", "read_only", "corrupt", "schema_too_new", "unreachable"]
STORE_ERRORS: tuple[type[BaseException], ...] = (SQLAlchemyError, OSError, SchemaTooNewError, sqlite3.Error)

ADVICE: dict[Kind, str] = {
    "busy": "The database is busy: another program holds a lock on it. Saving is retried on its own.",
    "read_only": "The database cannot be written: the file (or its folder) is read-only for the user the app "
                 "runs as, or the server is in read-only mode. Make it writable; saving resumes on its own, "
                 "without a restart.",
    "corrupt": "The database file is damaged or truncated. Keep the app running, so open tabs keep what "
               "they typed: move the damaged file (with its -wal and -shm files) aside and restore the latest "
               "backup in its place (see \"Backups\" in the README); saving then resumes on its own. The app "
               "never overwrites the damaged file.",
    "schema_too_new": f"The database was written by a newer release of SOC Navigator (this release reads schema "
                      f"{SCHEMA_VERSION}). Run the newer release, or restore a backup made by this one; nothing "
                      f"was changed.",
    "unreachable": "The database cannot be reached. Saving resumes as soon as it answers.",
}
BUSY_WORDS = ("database is locked", "database table is locked", "lock timeout", "lock_timeout",
              "canceling statement due to lock timeout", "database is busy")
READ_ONLY_WORDS = ("readonly database", "read-only", "read only", "readonly", "permission denied")
CORRUPT_WORDS = ("file is not a database", "malformed", "disk image", "not a database", "file is encrypted",
                 "database corrupt", "no such table")


@dataclass(frozen=True)
class StoreProblem:
    kind: Kind
    detail: str  # the database's own words, for the log only

    @property
    def advice(self) -> str:
        return ADVICE[self.kind]


def diagnose(error: BaseException) -> StoreProblem:
    """The kind of fault behind a caught store error."""
    if isinstance(error, SchemaTooNewError):
        return StoreProblem("schema_too_new", str(error))
    original = error.orig if isinstance(error, DBAPIError) else error
    words = f"{type(original).__name__}: {original}".lower()
    detail = f"{type(original).__name__}: {original}".splitlines()[0][:500]
    for kind, markers in (("busy", BUSY_WORDS), ("read_only", READ_ONLY_WORDS), ("corrupt", CORRUPT_WORDS)):
        if any(marker in words for marker in markers):
            return StoreProblem(kind, detail)  # type: ignore[arg-type]
    return StoreProblem("unreachable", detail)


def check(store: Store) -> None:
    """Start-up check: the schema is one this release knows and the database takes writes.

    Raises the underlying error (diagnose it) when not; opening already migrated the schema, so a
    newer schema has raised SchemaTooNewError before this runs.
    """
    with store.engine.connect() as connection:
        found = connection.exec_driver_sql("SELECT version FROM schema_version WHERE id = 1").scalar()
    if found != SCHEMA_VERSION:
        raise SchemaTooNewError(f"database schema {found} is not {SCHEMA_VERSION}")
    store.check_writable()


class StateLog:
    """Remembers the last state reported per database, so a problem is logged when it starts or
    changes, not on every click while it lasts. Holds no user data; thread-safe."""

    def __init__(self) -> None:
        self._last: dict[str, str] = {}
        self._lock = threading.Lock()

    def changed(self, where: str, state: str) -> bool:
        with self._lock:
            if self._last.get(where) == state:
                return False
            self._last[where] = state
            return True
