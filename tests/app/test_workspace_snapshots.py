"""Snapshots in a client's row: renamed, deleted only after a confirm, and "Compare with now", which
puts that snapshot against the assessment today in the Compare section."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update

from services import collaboration
from storage import Author
from storage.schema import AssessmentRow
from tests.app.conftest import open_app, texts
from tests.app.test_workspace import WORKSPACE, changed_answers, seed
from tests.conftest import profile


def popovers(at) -> list[str]:
    return [block.proto.popover.label for block in at.get("popover")]


def test_rename_a_snapshot_and_refuse_an_empty_label(database):
    store, record, _ = seed(database)
    snap = store.snapshot(record.id, "As of 01 Jan 2026")
    at = open_app(WORKSPACE)
    assert "Snapshots (1)" in popovers(at)
    at.text_input(key=f"snap-label-{snap.id}").set_value("Before the [audit](https://x.example)").run()
    at.button(key=f"snap-rename-{snap.id}").click().run()
    assert store.snapshots(record.id)[0].label == "Before the [audit](https://x.example)"
    assert r"**Before the \[audit\]\(https\:" in "\n".join(texts(at))              # shown literally
    at.text_input(key=f"snap-label-{snap.id}").set_value("   ").run()
    at.button(key=f"snap-rename-{snap.id}").click().run()
    assert "needs a label" in at.error[0].value
    assert store.snapshots(record.id)[0].label == "Before the [audit](https://x.example)"


def test_delete_a_snapshot_only_after_the_confirm(database):
    store, record, _ = seed(database)
    snap = store.snapshot(record.id, "Kept a while")
    at = open_app(WORKSPACE)
    at.button(key=f"snap-delete-{snap.id}").click().run()
    assert any("Delete the snapshot Kept a while?" in w.value for w in at.warning)
    at.button(key=f"snap-delete-no-{snap.id}").click().run()
    assert [s.id for s in store.snapshots(record.id)] == [snap.id]
    assert not any("Delete the snapshot" in w.value for w in at.warning)
    at.button(key=f"snap-delete-{snap.id}").click().run()
    at.button(key=f"snap-delete-yes-{snap.id}").click().run()
    assert store.snapshots(record.id) == []
    assert "Snapshots (0)" in popovers(at)
    assert not at.exception


def test_compare_with_now_preselects_the_snapshot_and_lists_the_changed_answers(database):
    store, acme, _ = seed(database, "Acme", profile(headcount=30))
    snap = store.snapshot(acme.id, "Kick-off")
    collaboration.save(store, acme.id, {"headcount": 45, "b2b": "no"}, Author(name="Ana"))
    _, beta, _ = seed(database, "Beta", profile())
    with store.engine.begin() as connection:  # Beta changed last: the Compare default is about Beta
        connection.execute(update(AssessmentRow).where(AssessmentRow.id == beta.id)
                           .values(updated_at=datetime(2099, 1, 1)))
    at = open_app(WORKSPACE)
    assert at.selectbox(key="compare:before").value != f"s:{snap.id}"
    at.button(key=f"snap-compare-{snap.id}").click().run()
    assert at.selectbox(key="compare:before").value == f"s:{snap.id}"
    assert at.selectbox(key="compare:after").value == f"a:{acme.id}"
    lines = changed_answers(at).split("\n- ")
    assert len(lines) == 2
    assert "How many people" in lines[1] and lines[1].endswith("**30** → **45**")
    at.run()                                                                   # the choice stays
    assert at.selectbox(key="compare:before").value == f"s:{snap.id}"
