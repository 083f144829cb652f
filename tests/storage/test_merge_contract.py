"""Answers merge per question: concurrent saves from two connections, the same question from two
people, the history of every change, and the facilitator's lock. SQLite and PostgreSQL alike."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from services import collaboration
from services.collaboration import NOTICE_WINDOW, Overridden
from storage import LockedError, NotFoundError, open_store
from storage.history import changes_since, history, net_since
from storage.listing import refresh_summaries
from storage.records import NAME_FIELD
from storage.schema import AnswerRow, ChangeRow
from tests.storage.support import ANA, BEN, counted, create, history_count

ROUNDS = 50


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def test_concurrent_saves_of_different_questions_from_two_connections_all_survive(database_url):
    """Two app processes (two stores, two connection pools) save different questions at the same
    moment, ROUNDS times each: nothing is lost, nothing is written twice, every save is its own revision."""
    ana_store, ben_store = open_store(database_url), open_store(database_url)
    record, _ = create(ana_store, name="Workshop", answers={})
    barrier = threading.Barrier(2, timeout=60)

    def saves(store, author, value):
        made = []
        try:
            for n in range(ROUNDS):
                barrier.wait()                              # both saves of a round start together
                made.append(store.save_changes(record.id, {f"{author.name}-{n}": value(n)}, author))
        except BaseException:
            barrier.abort()                                 # never leave the other thread waiting
            raise
        return made

    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            ana_saves = pool.submit(saves, ana_store, ANA, lambda n: n)
            ben_saves = pool.submit(saves, ben_store, BEN, lambda n: f"answer {n}")
            by_author = {ANA: ana_saves.result(timeout=300), BEN: ben_saves.result(timeout=300)}
        expected = {**{f"Ana-{n}": n for n in range(ROUNDS)}, **{f"Ben-{n}": f"answer {n}" for n in range(ROUNDS)}}

        final = ben_store.get(record.id)
        assert final.answers == expected                    # every answer of both survived
        assert final == ana_store.get(record.id)
        refresh_summaries(ana_store.engine, None, counted)
        assert ben_store.get(record.id).summary.readiness == 2 * ROUNDS   # the summary counts all of them
        assert ana_store.version(record.id) == (record.revision + 2 * ROUNDS, False)

        revisions = []
        for author, made in by_author.items():
            assert [len(saved.changes) for saved in made] == [1] * ROUNDS
            own = [saved.changes[0].revision for saved in made]
            assert own == sorted(set(own)), author          # each author's saves: strictly increasing
            assert all(saved.changes[0].author == author for saved in made)
            revisions += own
        assert sorted(revisions) == list(range(record.revision + 1, record.revision + 2 * ROUNDS + 1))

        kept = changes_since(ana_store.engine, record.id, record.revision)
        assert Counter((c.field, c.new, c.author) for c in kept) == Counter(
            {(field, value, ANA if field.startswith("Ana") else BEN): 1 for field, value in expected.items()})
        assert all(c.old is None for c in kept)
        assert [c.revision for c in kept] == sorted(revisions)   # one change per revision, oldest first
        with ana_store.engine.connect() as connection:
            who = dict(connection.execute(select(AnswerRow.field, AnswerRow.changed_by)
                                          .where(AnswerRow.assessment_id == record.id)).all())
        assert who == {field: field.split("-")[0] for field in expected}
    finally:
        ana_store.engine.dispose()
        ben_store.engine.dispose()


def test_same_question_from_two_authors_the_later_wins_the_earlier_is_told_and_can_restore(store):
    record, _ = create(store, answers={"b2b": "yes"}, author=ANA)
    mine = collaboration.save(store, record.id, {"security_ask": "yes"}, ANA)
    ana_writes = collaboration.remember_writes({}, mine)
    theirs = collaboration.save(store, record.id, {"security_ask": "no"}, BEN)
    mine_rev, theirs_rev = mine.changes[0].revision, theirs.changes[0].revision
    assert store.get(record.id).answers == {"b2b": "yes", "security_ask": "no"}

    both = history(store.engine, record.id, field="security_ask")
    assert [(c.old, c.new, c.author, c.revision) for c in both] == [("yes", "no", BEN, theirs_rev),
                                                                    (None, "yes", ANA, mine_rev)]
    now = both[0].at
    told = collaboration.incoming(changes_since(store.engine, record.id, mine_rev), ANA.id, ana_writes, mine_rev, now)
    assert told.values == (("security_ask", "no"),) and told.revision == theirs_rev
    assert told.overridden == (Overridden(field="security_ask", mine="yes", theirs="no", by=BEN, at=now),)
    through_store = collaboration.catch_up(store, record.id, ANA.id, ana_writes, mine_rev, now)
    assert through_store.overridden == told.overridden and through_store.revision == theirs_rev

    ben_view = collaboration.catch_up(store, record.id, BEN.id, collaboration.remember_writes({}, theirs),
                                      record.revision, now)
    assert ben_view.overridden == () and ben_view.values == ()   # the later writer is not interrupted
    late = collaboration.incoming(changes_since(store.engine, record.id, mine_rev), ANA.id, ana_writes, mine_rev,
                                  ana_writes["security_ask"].at + NOTICE_WINDOW + timedelta(seconds=1))
    assert late.values == (("security_ask", "no"),) and late.overridden == ()   # long after: no notice

    restored = collaboration.save(store, record.id, {"security_ask": told.overridden[0].mine}, ANA)
    assert [(c.field, c.old, c.new, c.author) for c in restored.changes] == [("security_ask", "no", "yes", ANA)]
    assert store.get(record.id).answers == {"b2b": "yes", "security_ask": "yes"}
    assert [c.new for c in history(store.engine, record.id, field="security_ask")] == ["yes", "no", "yes"]


def test_what_changed_since_spans_from_the_first_old_value_to_the_last_new_one(store):
    record, _ = create(store, answers={"b2b": "yes", "sso": "yes"}, author=ANA)
    store.save_changes(record.id, {"mfa": "no", "sso": "no"}, ANA)
    with store.engine.begin() as connection:   # the creation an hour ago
        connection.execute(update(ChangeRow).where(ChangeRow.revision == 1)
                           .values(changed_at=_now() - timedelta(hours=1)))
    store.save_changes(record.id, {"mfa": "yes", "sso": "yes", "b2b": None}, BEN)
    recent = net_since(store.engine, record.id, _now() - timedelta(minutes=5))
    assert recent.total == 2 and [(c.field, c.old, c.new, c.by, c.revision) for c in recent.changes] == [
        ("b2b", "yes", None, "Ben", 3), ("mfa", None, "yes", "Ben", 3)]          # sso went back to "yes"
    ever = {c.field: (c.old, c.new) for c in net_since(store.engine, record.id).changes}
    assert ever == {"mfa": (None, "yes"), "sso": (None, "yes"), NAME_FIELD: (None, "Acme")}   # b2b: none to none
    newest = net_since(store.engine, record.id, newest=1)
    assert newest.total == 3 and [(c.field, c.old, c.new) for c in newest.changes] == [("sso", None, "yes")]


def test_what_changed_since_nets_any_history_as_replaying_it_would(store):
    """Any run of saves: the netted list is, per field, the value before the first change after the
    moment and the last value, by the last author, newest first, fields back where they started left out."""
    import random

    rng = random.Random(7)
    record, _ = create(store, answers={"b2b": "yes"}, author=ANA)
    for _ in range(40):
        changes = {rng.choice(["b2b", "sso", "mfa", "headcount"]): rng.choice([None, "yes", "no", 12, 40])
                   for _ in range(rng.randint(1, 3))}
        store.save_changes(record.id, changes, rng.choice([ANA, BEN]))
    every = history(store.engine, record.id)                    # newest first
    for since in (None, every[30].at, every[10].at, every[1].at):
        after = [change for change in every if since is None or change.at > since]
        first, last = {}, {}
        for change in after:                                    # newest first
            last.setdefault(change.field, change)
            first[change.field] = change.old
        expected = [(c.field, first[c.field], c.new, c.author.name, c.at, c.revision)
                    for c in last.values() if first[c.field] != c.new]
        net = net_since(store.engine, record.id, since)
        assert net.total == len(expected) and (since is None or len(after) < len(every))
        assert [(c.field, c.old, c.new, c.by, c.at, c.revision) for c in net.changes] == expected
        assert net_since(store.engine, record.id, since, newest=2).changes == net.changes[:2]


def test_history_records_each_change_with_old_new_author_time_and_revision(store):
    before = _now()
    record, _ = create(store, name="Acme", answers={"b2b": "yes"}, author=ANA)
    assert {(c.field, c.old, c.new, c.author, c.revision) for c in history(store.engine, record.id)} == {
        ("b2b", None, "yes", ANA, 1), (NAME_FIELD, None, "Acme", ANA, 1)}

    first = store.save_changes(record.id, {"b2b": "no", "headcount": 10}, BEN)
    after = _now()
    assert [(c.field, c.old, c.new, c.author, c.revision) for c in first.changes] == [
        ("b2b", "yes", "no", BEN, 2), ("headcount", None, 10, BEN, 2)]
    assert all(before <= c.at <= after for c in first.changes)
    assert history(store.engine, record.id)[:2] == tuple(reversed(first.changes))   # newest first, as kept

    store.save_changes(record.id, {"headcount": 11}, ANA)
    cleared = store.save_changes(record.id, {"b2b": None}, ANA)
    assert [(c.field, c.old, c.new) for c in cleared.changes] == [("b2b", "no", None)]
    assert store.get(record.id).answers == {"headcount": 11}
    with store.engine.connect() as connection:               # clearing deletes the answer's row
        assert connection.scalar(select(func.count()).select_from(AnswerRow).where(
            AnswerRow.assessment_id == record.id, AnswerRow.field == "b2b")) == 0

    newer = changes_since(store.engine, record.id, 2)
    assert [(c.field, c.old, c.new, c.revision) for c in newer] == [("headcount", 10, 11, 3), ("b2b", "no", None, 4)]
    assert changes_since(store.engine, record.id, 4) == ()
    everything = changes_since(store.engine, record.id, 0)
    assert len(everything) == history_count(store, record.id) == 6
    assert [c.revision for c in everything] == sorted(c.revision for c in everything)   # oldest first
    assert [(c.old, c.new) for c in history(store.engine, record.id, field="b2b")] == [
        ("no", None), ("yes", "no"), (None, "yes")]
    assert history(store.engine, record.id, since=after + timedelta(days=1)) == ()
    assert len(history(store.engine, record.id, since=before - timedelta(seconds=1))) == 6

    again = store.save_changes(record.id, {"b2b": "yes"}, BEN)   # answering it again: a new row
    assert [(c.old, c.new, c.revision) for c in again.changes] == [(None, "yes", 5)]
    assert store.get(record.id).answers == {"headcount": 11, "b2b": "yes"}


def test_a_locked_assessment_refuses_every_save_and_writes_nothing_until_unlocked(store):
    record, _ = create(store, answers={"b2b": "yes"}, notes="Before the lock")
    store.set_locked(record.id, True)
    locked = store.get(record.id)
    assert locked.locked and store.version(record.id) == (record.revision + 1, True)   # open tabs are told
    rows = history_count(store, record.id)
    for changes in ({"b2b": "no"}, {"security_ask": "yes"}, {"b2b": None}, {NAME_FIELD: "Renamed"},
                    {"@notes": "During the lock"}, {"@mode": "quick"}, {}):
        with pytest.raises(LockedError):
            store.save_changes(record.id, changes, ANA)
    assert store.get(record.id) == locked and history_count(store, record.id) == rows
    caught = collaboration.catch_up(store, record.id, BEN.id, {}, record.revision, _now())
    assert caught.locked and caught.revision == locked.revision

    store.set_locked(record.id, False)
    assert store.version(record.id) == (record.revision + 2, False)
    saved = store.save_changes(record.id, {"b2b": "no"}, ANA)
    assert store.get(record.id).answers == {"b2b": "no"} and not store.get(record.id).locked
    assert saved.revision == record.revision + 3

    store.set_locked(record.id, True)
    store.delete(record.id)
    with pytest.raises(NotFoundError):                      # deleted says so, locked or not
        store.save_changes(record.id, {"b2b": "yes"}, ANA)
