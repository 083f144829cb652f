"""`python -m storage.backup [DEST]`: a consistent copy of the SQLite database, safe while the app runs.

Uses SQLite's online backup API, so the copy is consistent even with writers active (WAL mode).
For PostgreSQL use `pg_dump` instead.
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import datetime
from pathlib import Path

from storage.database import DEFAULT_PATH, database_url


def backup(source: Path, destination: Path) -> Path:
    destination.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as live, sqlite3.connect(destination) as copy:
        live.backup(copy)
    return destination


def main(argv: list[str]) -> int:
    url = database_url()
    if not url.startswith("sqlite:///"):
        print("The app uses PostgreSQL here: back it up with pg_dump.", file=sys.stderr)
        return 2
    source = Path(url.removeprefix("sqlite:///"))
    if not source.exists():
        print(f"No database yet at {source}: nothing to back up.", file=sys.stderr)
        return 2
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    default = DEFAULT_PATH.parent.parent / "backups" / f"soc_navigator-{stamp}.db"
    print(backup(source, Path(argv[0]) if argv else default))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
