"""Fault fixtures: a database file to break and mend, and a PostgreSQL cluster the test can stop.

Nothing here skips. Making a file read-only works for root too: root ignores permission bits, so
as root the file is made immutable instead (on a file system without that flag, a folder in the
repository's test-artifacts/ is used, which is on the repository's own file system).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bench.server import free_port
from storage import open_store
from tests.app.conftest import database  # noqa: F401 - every fault test writes to its own SQLite file
from tests.storage.conftest import _pg_bin

ROOT = Path(__file__).resolve().parents[2]


def fresh_database(path: Path) -> Path:
    """An empty database at the current schema, closed again (as a previous run would leave it)."""
    open_store(f"sqlite:///{path}").engine.dispose()
    return path


def _immutable(path: Path, on: bool) -> bool:
    result = subprocess.run(["chattr", "+i" if on else "-i", str(path)], capture_output=True, check=False)
    return result.returncode == 0


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """`path` cannot be written by this process until the block ends (the operator fixes it)."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o644)
        return
    if not _immutable(path, True):
        pytest.fail(f"cannot make {path} read-only for root: use sqlite_folder() for this test")
    try:
        yield
    finally:
        _immutable(path, False)


@pytest.fixture
def sqlite_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder whose file system can make a file read-only even for root."""
    probe = tmp_path / "probe"
    probe.touch()
    if os.geteuid() != 0 or _immutable(probe, True):
        _immutable(probe, False)
        yield tmp_path
        return
    folder = ROOT / "test-artifacts" / "faults" / uuid.uuid4().hex
    folder.mkdir(parents=True)
    try:
        yield folder
    finally:
        for leftover in folder.iterdir():
            _immutable(leftover, False)
        shutil.rmtree(folder, ignore_errors=True)


class PostgresCluster:
    """A throwaway cluster of this test's own, so it can be stopped and started again."""

    def __init__(self) -> None:
        self.binaries = _pg_bin()
        self.base = Path(tempfile.mkdtemp(prefix="socnav-pg-fault-"))
        self.prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.prefix:
            shutil.chown(self.base, "postgres")
        self.port = free_port()
        self.data = self.base / "data"
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self.prefix, str(self.binaries / tool), *args], check=True, capture_output=True,
                       timeout=120)

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.base / "server.log"), "-w", "-t", "60", "-o",
                  f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def database(self) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        admin = create_engine(f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres",
                              isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def remove(self) -> None:
        subprocess.run([*self.prefix, str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                        "stop"], capture_output=True, timeout=60, check=False)
        shutil.rmtree(self.base, ignore_errors=True)


@pytest.fixture
def postgres_cluster() -> Iterator[PostgresCluster]:
    cluster = PostgresCluster()
    cluster.start()
    yield cluster
    cluster.remove()
