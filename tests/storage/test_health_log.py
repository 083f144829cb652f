"""The database's state is logged when it changes, not on every click while a fault lasts."""

from __future__ import annotations

from storage.health import StateLog


def test_a_lasting_problem_is_reported_once_and_again_only_when_it_changes():
    log = StateLog()
    seen = [log.changed("db", state) for state in ("read_only", "read_only", "read_only", "ready", "ready",
                                                   "corrupt", "read_only")]
    assert seen == [True, False, False, True, False, True, True]
    assert log.changed("other-db", "read_only") is True
