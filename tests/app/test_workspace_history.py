"""History in a client's row: who changed what, when, from what to what; and restoring an earlier
answer as a new change by whoever restores it, shown at once when the assessment is open in this tab."""

from __future__ import annotations

from scoring.summary import summarise
from services import collaboration
from services.wording import field_title
from storage import Author, open_store
from storage.history import history
from tests.app.conftest import open_app
from tests.app.test_workspace import WORKSPACE
from tests.conftest import profile

ANA, BEN = Author(id="ana", name="Ana"), Author(id="ben", name="Ben <b>")


def seed_with_history(database):
    """Acme, created by Ana with 30 people, then changed by Ben to 45 people and a new name."""
    store = open_store(database)
    answers = profile(headcount=30)
    record, _ = store.create("Acme", answers, "full", "v", summarise(answers), author=ANA)
    collaboration.save(store, record.id, {"headcount": 45}, BEN)
    collaboration.save(store, record.id, {"@client_name": "Acme Holdings"}, BEN)
    return store, record


def open_history(at, record):
    at.session_state[f"history-{record.id}"] = True                # the popover opened
    at.run()
    assert not at.exception, at.exception
    return next(m.value for m in at.markdown if m.value.startswith("- ") and "·" in m.value).split("\n- ")


def test_history_says_who_changed_what_newest_first(database):
    _, record = seed_with_history(database)
    at = open_app(WORKSPACE)
    assert not any(m.value.startswith("- ") and "Ben" in m.value for m in at.markdown)   # closed: not loaded
    lines = open_history(at, record)
    assert "**Ben \\<b\\>**" in lines[0] and "“Organisation name”: Acme → **Acme Holdings**" in lines[0]
    assert "**Ben \\<b\\>**" in lines[1] and lines[1].endswith("30 → **45**")
    assert field_title("headcount")[:20] in lines[1]
    assert any("**Ana**" in line and "(no answer) → **30**" in line.replace("\\(", "(").replace("\\)", ")")
               for line in lines[2:])


def test_restore_an_earlier_answer_as_a_new_change_by_this_tab(database):
    store, record = seed_with_history(database)
    at = open_app(WORKSPACE, display_name="Dana")
    open_history(at, record)
    at.selectbox(key=f"restore-field-{record.id}").set_value("headcount").run()
    values = at.selectbox(key=f"restore-value-{record.id}-headcount")
    assert values.options == ["30", "(no answer)"]                  # 45 is the answer now
    values.set_value("30").run()
    at.button(key=f"restore-{record.id}").click().run()
    assert store.get(record.id).answers["headcount"] == 30
    newest = history(store.engine, record.id)[0]
    assert (newest.field, newest.old, newest.new, newest.author.name) == ("headcount", 45, 30, "Dana")
    assert any("Restored" in s.value and "as a new change by you" in s.value for s in at.success)


def test_restore_in_the_tab_that_has_the_assessment_open_shows_it_there(database):
    store, record = seed_with_history(database)
    at = open_app(WORKSPACE)
    at.button(key=f"open-{record.id}").click().run()
    at.switch_page(WORKSPACE).run()
    assert at.session_state["answers"]["headcount"] == 45
    open_history(at, record)
    at.selectbox(key=f"restore-field-{record.id}").set_value("@client_name").run()
    at.selectbox(key=f"restore-value-{record.id}-@client_name").set_value('"Acme"').run()
    at.button(key=f"restore-{record.id}").click().run()
    assert store.get(record.id).client_name == "Acme"
    assert at.session_state["client_name"] == "Acme"                # this tab's own copy, at once
    assert "**Acme**" in [m.value.split("  ")[0] for m in at.markdown]


def test_a_locked_assessment_cannot_be_restored(database):
    store, record = seed_with_history(database)
    store.set_locked(record.id, True)
    at = open_app(WORKSPACE)
    open_history(at, record)
    assert any("locked" in i.value for i in at.info)
    assert at.button(key=f"restore-{record.id}").disabled
    store.set_locked(record.id, False)
    at.run()
    assert not at.button(key=f"restore-{record.id}").disabled
    store.set_locked(record.id, True)                                # locked while the page was shown
    at.button(key=f"restore-{record.id}").click().run()
    assert any("locked" in e.value for e in at.error)
    assert store.get(record.id).client_name == "Acme Holdings"
    assert history(store.engine, record.id)[0].new == "Acme Holdings"


def test_show_more_lists_older_changes(database):
    store, record = seed_with_history(database)
    for number in range(55):
        collaboration.save(store, record.id, {"@notes": f"note {number}"}, BEN)
    at = open_app(WORKSPACE)
    assert len(open_history(at, record)) == 50
    at.button(key=f"history-more-{record.id}").click().run()
    assert len(open_history(at, record)) == min(100, len(history(store.engine, record.id))) > 50
    assert not [b for b in at.button if b.key == f"history-more-{record.id}"]
