"""One revisioned save for answers, name and notes; control characters; empty drafts. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from storage import ConflictError, NotFoundError, Summary
from storage.health import check
from storage.schema import AssessmentRow


def create(store, name="Acme", answers=None, notes=""):
    return store.create(name, {"b2b": "yes"} if answers is None else answers, "full", "bank-1", Summary(),
                        notes)


def test_one_save_writes_answers_name_notes_and_mode_as_one_revision(store):
    record, _ = create(store)
    saved = store.save(record.id, {"b2b": "no"}, record.revision, Summary(), "quick",
                       client_name="Acme Payroll", notes="Call back\n\tTuesday")
    assert saved.revision == record.revision + 1
    again = store.get(record.id)
    assert (again.answers, again.client_name, again.notes, again.mode) == (
        {"b2b": "no"}, "Acme Payroll", "Call back\n\tTuesday", "quick")


def test_a_stale_save_of_name_or_notes_is_a_conflict_not_an_overwrite(store):
    record, _ = create(store)
    store.save(record.id, record.answers, record.revision, Summary(), client_name="Tab A's name")
    with pytest.raises(ConflictError) as conflict:
        store.save(record.id, record.answers, record.revision, Summary(), client_name="Tab B's name")
    assert conflict.value.current.client_name == "Tab A's name"
    with pytest.raises(ConflictError):
        store.save_notes(record.id, "Tab B's notes", expected_revision=record.revision)
    current = store.get(record.id)
    assert current.client_name == "Tab A's name" and current.notes == ""


def test_rename_and_notes_are_new_revisions_so_an_open_tab_is_told(store):
    record, _ = create(store)
    renamed = store.rename(record.id, "Renamed in the workspace")
    assert renamed.revision == record.revision + 1
    noted = store.save_notes(record.id, "Noted")
    assert noted.revision == record.revision + 2
    with pytest.raises(ConflictError):   # a tab still at the first revision cannot overwrite either
        store.save(record.id, {"b2b": "no"}, record.revision, Summary(), client_name="Acme", notes="")
    assert store.get(record.id).client_name == "Renamed in the workspace"


def test_saving_name_or_notes_of_a_deleted_assessment_says_so(store):
    record, _ = create(store)
    store.delete(record.id)
    for call in (lambda: store.rename(record.id, "x"), lambda: store.save_notes(record.id, "x"),
                 lambda: store.save(record.id, {}, record.revision, Summary(), client_name="x")):
        with pytest.raises(NotFoundError):
            call()
    assert store.get(record.id) is None


def test_nul_and_control_characters_never_reach_the_database(store):
    record, _ = create(store, name="Ac\x00me\x07 Ltd\x1b", notes="line one\x00\nline\ttwo\x7f\r\nthree")
    assert record.client_name == "Acme Ltd"
    assert record.notes == "line one\nline\ttwo\nthree"
    saved = store.save(record.id, record.answers, record.revision, Summary(),
                       client_name="\x00Beta\x85 Co\ud800", notes="\x00kept\tas\ntyped\x9b")
    assert (saved.client_name, saved.notes) == ("Beta Co", "kept\tas\ntyped")
    assert store.rename(record.id, "Gamma\x00").client_name == "Gamma"
    assert store.save_notes(record.id, "Delta\x00").notes == "Delta"


def test_purge_deletes_only_old_empty_drafts(store):
    old_empty, _ = create(store, name="", answers={})
    new_empty, _ = create(store, name="", answers={})
    kept = {"answers": create(store, name="", answers={"b2b": "yes"})[0],
            "name": create(store, name="Named only", answers={})[0],
            "notes": create(store, name="", answers={}, notes="A note")[0]}
    long_ago = old_empty.updated_at - timedelta(days=3)
    ids = [old_empty.id, *(record.id for record in kept.values())]
    with store.engine.begin() as connection:
        connection.execute(update(AssessmentRow).where(AssessmentRow.id.in_(ids)).values(updated_at=long_ago))
    assert store.purge_empty_drafts() == 1
    assert store.get(old_empty.id) is None
    assert store.get(new_empty.id) is not None            # younger than a day: maybe still being filled in
    for what, record in kept.items():
        assert store.get(record.id) is not None, what    # anything with content is kept, however old
    assert store.purge_empty_drafts() == 0


def test_the_start_up_check_passes_on_a_healthy_database(store):
    check(store)
    record, _ = create(store)
    assert store.get(record.id).revision == record.revision   # the write probe changed nothing
