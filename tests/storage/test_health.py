"""Store errors diagnosed in words an operator can act on."""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import OperationalError

from storage.health import diagnose
from storage.migrate import SchemaTooNewError


def wrapped(message: str, kind: type[Exception] = sqlite3.OperationalError) -> OperationalError:
    return OperationalError("UPDATE ...", {}, kind(message))


def test_each_fault_gets_its_own_kind_and_advice():
    cases = {
        "busy": wrapped("database is locked"),
        "read_only": wrapped("attempt to write a readonly database"),
        "corrupt": wrapped("file is not a database", sqlite3.DatabaseError),
        "unreachable": wrapped('connection failed: connection to server at "127.0.0.1", port 1 failed'),
        "schema_too_new": SchemaTooNewError("database schema 9 is newer than this release (3)"),
    }
    for kind, error in cases.items():
        found = diagnose(error)
        assert found.kind == kind, (kind, found)
        assert found.advice and "\n" not in found.detail
    assert "restore" in diagnose(cases["corrupt"]).advice.lower()
    assert "writable" in diagnose(cases["read_only"]).advice


def test_the_advice_never_holds_the_databases_own_words():
    found = diagnose(wrapped("attempt to write a readonly database /secret/path.db"))
    assert "/secret/path.db" not in found.advice and "/secret/path.db" in found.detail
