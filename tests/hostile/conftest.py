"""Every hostile test that starts the app writes to its own SQLite file (tests/app/conftest.py)."""

from tests.app.conftest import database  # noqa: F401 - the autouse fixture, shared
