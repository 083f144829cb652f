"""Two tabs on one assessment (their changes merge; the earlier writer of a field is told and can restore
it), a deletion elsewhere, and text that cannot be stored as typed."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from storage import open_store
from storage.history import history
from storage.records import NAME_FIELD, NOTES_FIELD
from tests.app.conftest import APP, TIMEOUT, answer, open_app, widget
from tests.conftest import profile

ASSESS, RESULTS = "pages/1_Assessment.py", "pages/2_Results.py"


def with_link(token: str, page: str = ASSESS) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["a"] = token
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def alerts(at: AppTest) -> str:
    return " | ".join(node.value for kind in (at.info, at.warning, at.error) for node in kind)


def rename(at: AppTest, name: str) -> AppTest:
    at.text_input(key="client_name_input").input(name).run()
    assert not at.exception, at.exception
    return at


def write_notes(at: AppTest, notes: str) -> AppTest:
    at.text_area(key="notes_input").input(notes).run()
    assert not at.exception, at.exception
    return at


def notice_buttons(at: AppTest) -> set[str]:
    return {button.key for button in at.button if button.key and button.key.startswith(("restore-", "keep-",
                                                                                          "conflict-"))}


def test_two_tabs_renaming_the_later_name_wins_and_the_earlier_tab_can_restore_its_own(database):
    tab_a = answer(open_app(ASSESS, display_name="Ana"), b2b="yes")
    tab_b = with_link(tab_a.session_state["token"])
    tab_b.session_state["display_name"] = "Ben"
    rename(tab_a, "Name from tab A")
    rename(tab_b, "Name from tab B")                     # B never saw A's name: merged, the later save wins
    assert not tab_b.warning and notice_buttons(tab_b) == set()   # the later writer is not interrupted
    store = open_store(database)
    record = store.list()[0]
    assert record.client_name == "Name from tab B"
    tab_a.run()                                          # A's next run (or its live poll) takes B's name in
    assert all(part in alerts(tab_a) for part in ("Ben", "Organisation name", "Name from tab B", "Name from tab A"))
    assert "changed in another tab" not in alerts(tab_a)
    assert notice_buttons(tab_a) == {f"restore-{NAME_FIELD}", f"keep-{NAME_FIELD}"}
    assert tab_a.text_input(key="client_name_input").value == "Name from tab B"
    tab_a.button(key=f"restore-{NAME_FIELD}").click().run()
    assert store.list()[0].client_name == "Name from tab A"
    assert tab_a.text_input(key="client_name_input").value == "Name from tab A" and notice_buttons(tab_a) == set()
    named = [(c.new, c.author.name) for c in history(store.engine, record.id, field=NAME_FIELD)]
    assert named == [("Name from tab A", "Ana"), ("Name from tab B", "Ben"), ("Name from tab A", "Ana")]
    tab_b.run()
    assert tab_b.text_input(key="client_name_input").value == "Name from tab A"
    assert store.list()[0].answers == {"b2b": "yes"}


def test_two_tabs_writing_notes_the_later_wins_and_keeping_theirs_shows_their_notes(database):
    tab_a = open_app(RESULTS, answers=profile(), display_name="Ana")
    write_notes(tab_a, "Notes from tab A\nsecond line")
    tab_b = with_link(tab_a.session_state["token"], RESULTS)
    tab_b.session_state["display_name"] = "Ben"
    write_notes(tab_a, "Tab A again")
    write_notes(tab_b, "Notes from tab B")               # B started from A's first notes
    assert "changed in another tab" not in alerts(tab_b) and notice_buttons(tab_b) == set()
    store = open_store(database)
    record = store.list()[0]
    assert record.notes == "Notes from tab B"
    tab_a.run()
    assert "Ben" in alerts(tab_a) and "Notes from tab B" in alerts(tab_a)
    assert tab_a.text_area(key="notes_input").value == "Notes from tab B"
    tab_a.button(key=f"keep-{NOTES_FIELD}").click().run()
    assert notice_buttons(tab_a) == set() and "Ben" not in alerts(tab_a)
    assert tab_a.text_area(key="notes_input").value == "Notes from tab B"
    assert store.list()[0].notes == "Notes from tab B" and store.list()[0].answers == profile()
    assert [c.new for c in history(store.engine, record.id, field=NOTES_FIELD)] == [   # neither is lost
        "Notes from tab B", "Tab A again", "Notes from tab A\nsecond line"]


def test_name_and_notes_typed_during_an_outage_are_saved_when_it_ends(monkeypatch, database):
    at = open_app(RESULTS, answers=profile())
    write_notes(at, "First note")
    monkeypatch.setenv("SOC_NAVIGATOR_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    write_notes(at, "Typed while the database was down")
    at.switch_page(ASSESS).run()
    rename(at, "Renamed while down")
    assert "Not saved yet" in alerts(at)
    monkeypatch.setenv("SOC_NAVIGATOR_DATABASE_URL", database)
    at.run()
    record = open_store(database).list()[0]
    assert (record.client_name, record.notes) == ("Renamed while down", "Typed while the database was down")


def test_a_tab_whose_assessment_was_deleted_asks_before_recreating_it(database):
    at = answer(open_app(ASSESS), b2b="yes")
    store = open_store(database)
    store.delete(at.session_state["assessment_id"])     # deleted in the workspace
    answer(at, security_ask="yes")
    rename(at, "Acme")
    assert "was deleted" in alerts(at)
    assert store.list() == []                           # nothing recreated behind the user's back
    assert at.session_state["answers"] == {"b2b": "yes", "security_ask": "yes"}
    at.button(key="deleted-keep").click().run()
    records = store.list()
    assert len(records) == 1 and records[0].answers == {"b2b": "yes", "security_ask": "yes"}
    assert records[0].client_name == "Acme"
    assert at.session_state["assessment_id"] == records[0].id and "was deleted" not in alerts(at)


def test_start_over_after_a_deletion_recreates_nothing(database):
    at = answer(open_app(ASSESS), b2b="yes")
    store = open_store(database)
    store.delete(at.session_state["assessment_id"])
    answer(at, security_ask="yes")
    at.button(key="deleted-drop").click().run()
    assert store.list() == [] and at.session_state["answers"] == {}
    assert "a" not in at.query_params


def test_control_characters_in_a_name_are_removed_and_the_user_is_told(database):
    at = answer(open_app(ASSESS), b2b="yes")
    rename(at, "Ac\x00me\x07 Ltd")
    assert "2 control characters were removed from the name" in alerts(at)
    assert open_store(database).list()[0].client_name == "Acme Ltd"
    assert at.text_input(key="client_name_input").value == "Acme Ltd"


def test_a_forged_answer_is_refused_with_a_message_and_the_valid_ones_are_saved(database):
    forged = {"b2b": "yes", "security_ask": "[click](https://evil.example)", "headcount": 0,
              "no_such_question": "x" * 100_000}
    at = open_app(ASSESS, answers=forged)
    answer(at, has_customers="yes")
    assert "not allowed by the question bank and were not saved" in alerts(at)
    assert open_store(database).list()[0].answers == {"b2b": "yes", "has_customers": "yes"}
    assert at.session_state["answers"] == {"b2b": "yes", "has_customers": "yes"}
    assert widget(at, "security_ask").value is None
    assert not any(link in alerts(at) for link in ("](https://", "https://evil"))
    assert len(alerts(at)) < 2000


def test_creating_too_many_assessments_from_one_session_is_refused_kindly(database):
    from storage.rate_limit import PER_SESSION
    from ui import creation_limits

    at = open_app(ASSESS)
    for n in range(PER_SESSION):
        answer(at, b2b="yes" if n % 2 else "no")
        assert at.session_state.get("save_status") == "saved"
        for key in ("assessment_id", "token", "revision"):   # a new assessment, as "Start over" gives
            del at.session_state[key]
        at.query_params.pop("a")
        at.session_state["answers"] = {}
        at.run()
    answer(at, security_ask="yes")
    assert "Many new assessments were started from here" in alerts(at)
    assert len(open_store(database).list()) == PER_SESSION
    assert at.session_state["answers"] == {"security_ask": "yes"}
    assert creation_limits.PER_SESSION == PER_SESSION
