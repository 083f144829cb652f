"""Saved assessments: SQLAlchemy over SQLite (default) or PostgreSQL. No UI code here."""

from storage.database import ENV_URL, database_url, make_engine
from storage.migrate import SCHEMA_VERSION, migrate
from storage.records import AssessmentRecord, Author, Change, LockedError, NotFoundError, Saved, SnapshotRecord, Summary
from storage.store import Store


def open_store(url: str | None = None) -> Store:
    """Connect, create or migrate the schema, and return the store."""
    engine = make_engine(url)
    migrate(engine)
    return Store(engine)


__all__ = [
    "ENV_URL",
    "SCHEMA_VERSION",
    "AssessmentRecord",
    "Author",
    "Change",
    "LockedError",
    "NotFoundError",
    "Saved",
    "SnapshotRecord",
    "Store",
    "Summary",
    "database_url",
    "make_engine",
    "migrate",
    "open_store",
]
