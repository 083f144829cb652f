"""Where the data lives: SQLite under data/ by default, PostgreSQL when the URL says so.

SQLite runs in WAL mode (readers never block the writer) with foreign keys on; PostgreSQL URLs
are routed to psycopg 3. Lock and busy waits are short (a click must not hang on a locked file: the
app says "busy, retrying" instead), and statement parameters never reach error messages or logs,
since they hold what clients typed.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

ENV_URL = "SOC_NAVIGATOR_DATABASE_URL"
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "soc_navigator.db"
SQLITE_BUSY_SECONDS = 2
POSTGRES_OPTIONS = "-c lock_timeout=2000 -c statement_timeout=15000"


def database_url() -> str:
    """The configured database URL, or the default SQLite file."""
    url = os.environ.get(ENV_URL, "").strip()
    if not url:
        return f"sqlite:///{DEFAULT_PATH}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url` (default: `database_url()`), creating the SQLite folder if needed."""
    url = url or database_url()
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10, hide_parameters=True,
                         connect_args={"connect_timeout": 5, "options": POSTGRES_OPTIONS})


def _sqlite_pragmas(connection: object, _record: object) -> None:
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
