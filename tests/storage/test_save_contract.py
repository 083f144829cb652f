"""One save path for answers, name, notes, mode and assessor (save_changes); control characters;
saves that change nothing; empty drafts. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage import LockedError, NotFoundError, Summary
from storage.health import check
from storage.history import changes_since, history
from storage.listing import refresh_summaries
from storage.records import ASSESSOR_FIELD, MODE_FIELD, NAME_FIELD, NOTES_FIELD
from tests.storage.support import ANA, BEN, counted, create, history_count, set_updated_at


def saved_as(store, assessment_id: str, changes: dict):
    """The assessment as stored after saving `changes`."""
    store.save_changes(assessment_id, changes, ANA)
    return store.get(assessment_id)


def test_one_save_writes_answers_name_notes_mode_and_assessor_as_one_revision(store):
    record, _ = create(store)
    saved = store.save_changes(record.id, {"b2b": "no", "headcount": 12, NAME_FIELD: "Acme Payroll",
                                           NOTES_FIELD: "Call back\n\tTuesday", MODE_FIELD: "quick",
                                           ASSESSOR_FIELD: "Sam Auditor"}, ANA)
    again = store.get(record.id)
    assert (saved.revision, saved.mode) == (again.revision, again.mode)
    assert (again.answers, again.client_name, again.notes, again.mode, again.assessor) == (
        {"b2b": "no", "headcount": 12}, "Acme Payroll", "Call back\n\tTuesday", "quick", "Sam Auditor")
    assert again.revision == record.revision + 1
    assert {change.revision for change in saved.changes} == {again.revision}
    assert {change.field for change in saved.changes} == {"b2b", "headcount", NAME_FIELD, NOTES_FIELD,
                                                          MODE_FIELD, ASSESSOR_FIELD}
    refresh_summaries(store.engine, None, counted)
    assert store.get(record.id).summary.readiness == 2     # computed from the answers as they now stand


def test_a_save_writes_only_the_fields_it_names(store):
    """The old whole-assessment save is gone: a rename from a tab that never saw a colleague's later
    answers and notes leaves them as they were saved."""
    record, _ = create(store, answers={"b2b": "yes"})
    store.save_changes(record.id, {"security_ask": "yes", NOTES_FIELD: "From tab A"}, ANA)
    store.save_changes(record.id, {NAME_FIELD: "Tab B's name"}, BEN)
    current = store.get(record.id)
    assert current.answers == {"b2b": "yes", "security_ask": "yes"}
    assert (current.client_name, current.notes) == ("Tab B's name", "From tab A")
    refresh_summaries(store.engine, None, counted)
    assert store.get(record.id).summary.readiness == 2     # the summary counts answers B never sent


def test_name_and_notes_changes_are_new_revisions_so_an_open_tab_is_told(store):
    record, _ = create(store)
    renamed = store.save_changes(record.id, {NAME_FIELD: "Renamed in the workspace"}, ANA)
    assert renamed.revision == record.revision + 1
    noted = store.save_changes(record.id, {NOTES_FIELD: "Noted"}, ANA)
    assert noted.revision == record.revision + 2
    assert store.version(record.id) == (record.revision + 2, False)
    told = changes_since(store.engine, record.id, record.revision)
    assert [(c.field, c.old, c.new) for c in told] == [(NAME_FIELD, "Acme", "Renamed in the workspace"),
                                                        (NOTES_FIELD, None, "Noted")]


def test_saving_anything_to_a_deleted_assessment_says_so(store):
    record, _ = create(store)
    store.delete(record.id)
    for changes in ({"b2b": "no"}, {NAME_FIELD: "x"}, {NOTES_FIELD: "x"}, {MODE_FIELD: "quick"}, {}):
        with pytest.raises(NotFoundError):
            store.save_changes(record.id, changes, ANA)
    with pytest.raises(NotFoundError):
        store.set_locked(record.id, True)
    assert store.get(record.id) is None and store.version(record.id) is None


def test_nul_and_control_characters_never_reach_the_database(store):
    record, _ = create(store, name="Ac\x00me\x07 Ltd\x1b", notes="line one\x00\nline\ttwo\x7f\r\nthree",
                       assessor="Sam\x00 \u202eEvil")
    assert record.client_name == "Acme Ltd"
    assert record.notes == "line one\nline\ttwo\nthree"
    assert record.assessor == "Sam Evil"
    saved = store.save_changes(record.id, {NAME_FIELD: "\x00Beta\x85 Co\ud800", NOTES_FIELD: "\x00kept\tas\ntyped\x9b",
                                           ASSESSOR_FIELD: "\u202eRi\x00ta"}, ANA)
    stored = store.get(record.id)
    assert (stored.client_name, stored.notes, stored.assessor) == ("Beta Co", "kept\tas\ntyped", "Rita")
    assert {c.field: c.new for c in saved.changes} == {NAME_FIELD: "Beta Co", NOTES_FIELD: "kept\tas\ntyped",
                                                       ASSESSOR_FIELD: "Rita"}   # the history keeps it cleaned
    assert saved_as(store, record.id, {NAME_FIELD: "Gamma\x00"}).client_name == "Gamma"
    assert saved_as(store, record.id, {NOTES_FIELD: "Delta\x00"}).notes == "Delta"
    stored = [(c.old, c.new) for c in history(store.engine, record.id) if c.field in (NAME_FIELD, NOTES_FIELD)]
    assert not any("\x00" in str(value) for pair in stored for value in pair)


def test_name_is_kept_literally_and_trimmed_and_an_unknown_mode_is_full(store):
    record, _ = create(store)
    name = "<b>Ünïcødé 🚀 مرحبا</b>  Ltd"
    assert saved_as(store, record.id, {NAME_FIELD: name}).client_name == (
        "<b>Ünïcødé 🚀 مرحبا</b> Ltd")
    assert len(saved_as(store, record.id, {NAME_FIELD: "x" * 500}).client_name) == 200
    store.save_changes(record.id, {MODE_FIELD: "quick"}, ANA)
    assert saved_as(store, record.id, {MODE_FIELD: "'; DROP TABLE"}).mode == "full"


def test_notes_are_kept_literally_up_to_5000_characters(store):
    record, _ = create(store)
    notes = "<script>alert(1)</script> **bold** مرحبا 🚀\n" + "x" * 6000
    saved = store.save_changes(record.id, {NOTES_FIELD: notes}, ANA)
    assert saved.changes[0].new == notes[:5000] == store.get(record.id).notes
    assert store.duplicate(record.id)[0].notes == notes[:5000]


def test_clearing_the_name_or_notes_stores_empty_text(store):
    record, _ = create(store, notes="Some notes")
    saved = store.save_changes(record.id, {NAME_FIELD: None, NOTES_FIELD: ""}, ANA)
    assert (store.get(record.id).client_name, store.get(record.id).notes) == ("", "")
    assert {(c.field, c.old, c.new) for c in saved.changes} == {(NAME_FIELD, "Acme", None),
                                                                (NOTES_FIELD, "Some notes", None)}


def test_a_save_that_changes_nothing_writes_nothing(store):
    record, _ = create(store, answers={"b2b": "yes", "headcount": 40}, notes="Kept", summary=Summary(readiness=7))
    before, rows = store.get(record.id), history_count(store, record.id)
    for same in ({}, {"b2b": "yes"}, {"headcount": 40}, {"security_ask": None}, {NAME_FIELD: "Acme"},
                 {NAME_FIELD: " Acme\x00 "}, {NOTES_FIELD: "Kept"}, {MODE_FIELD: "full"}, {ASSESSOR_FIELD: ""},
                 {"b2b": "yes", NAME_FIELD: "Acme", NOTES_FIELD: "Kept"}):
        saved = store.save_changes(record.id, same, BEN)
        assert saved.changes == (), same
        assert saved.revision == before.revision, same
        assert store.get(record.id) == before, same        # same revision, time and summary (not recomputed)
    assert history_count(store, record.id) == rows
    assert store.version(record.id) == (before.revision, False)


def test_a_save_that_changes_nothing_on_a_locked_assessment_is_still_refused(store):
    record, _ = create(store)
    store.set_locked(record.id, True)
    with pytest.raises(LockedError):
        store.save_changes(record.id, {"b2b": "yes"}, ANA)


def test_purge_deletes_only_old_empty_drafts(store):
    old_empty, _ = create(store, name="", answers={})
    new_empty, _ = create(store, name="", answers={})
    kept = {"answers": create(store, name="", answers={"b2b": "yes"})[0],
            "name": create(store, name="Named only", answers={})[0],
            "notes": create(store, name="", answers={}, notes="A note")[0]}
    emptied, _ = create(store, name="", answers={"b2b": "yes"})
    store.save_changes(emptied.id, {"b2b": None}, ANA)  # answered once, then cleared: empty again
    long_ago = old_empty.updated_at - timedelta(days=3)
    set_updated_at(store, long_ago, old_empty.id, emptied.id, *(record.id for record in kept.values()))
    assert store.purge_empty_drafts() == 2
    assert store.get(old_empty.id) is None and store.get(emptied.id) is None
    assert history_count(store, emptied.id) == 0           # its history went with it
    assert store.get(new_empty.id) is not None             # younger than a day: maybe still being filled in
    for what, record in kept.items():
        assert store.get(record.id) is not None, what     # anything with content is kept, however old
    assert store.purge_empty_drafts() == 0


def test_the_start_up_check_passes_on_a_healthy_database(store):
    check(store)
    record, _ = create(store)
    check(store)
    assert store.get(record.id) == record                  # the write probe changed nothing
