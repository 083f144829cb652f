"""Workshop mode through the real pages: the facilitator starts it, participants join by link and
give their name, get sections, answer live; the facilitator sees progress, locks and ends it."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from storage import Author, LockedError, open_store, workshops
from storage.history import history
from tests.app.conftest import APP, TIMEOUT, answer, open_app, widget

WORKSHOP, ASSESS = "pages/6_Workshop.py", "pages/1_Assessment.py"


@pytest.fixture(autouse=True)
def link_secret(monkeypatch):
    monkeypatch.setenv("SOC_NAVIGATOR_LINK_SECRET", "workshop-test-secret")


def facilitator_with_workshop() -> tuple[AppTest, str]:
    """A facilitator tab with an assessment open and a workshop started; returns it and the join token."""
    at = open_app(ASSESS)
    at.text_input(key="client_name_input").input("Acme Payroll").run()
    answer(at, b2b="yes")
    at.switch_page(WORKSHOP).run()
    at.button(key="workshop-start").click().run()
    assert not at.exception, at.exception
    code = " ".join(c.value for c in at.code)
    assert "?w=" in code
    return at, code.split("?w=")[1].split()[0]


def join(token: str, name: str | None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["w"] = token
    at.run()
    assert not at.exception, at.exception
    if name is not None:
        at.text_input(key="join_name_input").input(name)
        next(b for b in at.button if b.label == "Join").click().run()
    return at


def test_the_facilitator_starts_a_workshop_with_a_join_link_and_a_qr_code(database):
    at, token = facilitator_with_workshop()
    assert any("![QR code: scan to join" in m.value and "base64," in m.value for m in at.markdown)
    assert workshops.join(open_store(database).engine, token) is not None
    assert "Acme Payroll" in at.title[0].value


def test_a_participant_gives_a_name_once_then_answers_the_same_assessment(database):
    _, token = facilitator_with_workshop()
    participant = join(token, None)
    assert any("Join the workshop" in t.value for t in participant.title)
    assert widget(participant, "b2b") is None                     # nothing until they say who they are
    participant = join(token, "Sam (IT lead)")
    assert not participant.exception
    assert widget(participant, "b2b").value == "yes"               # the room's answers are there
    answer(participant, security_ask="yes")
    store = open_store(database)
    record = store.list()[0]
    assert record.answers["security_ask"] == "yes"
    assert ("security_ask", "Sam (IT lead)") in {(c.field, c.author.name) for c in history(store.engine, record.id)}
    assert "w" in participant.query_params and "a" not in participant.query_params
    assert not any("resume link" in e.label.lower() for e in participant.sidebar.expander)


def test_the_facilitator_gives_sections_and_the_participant_starts_there(database):
    facilitator, token = facilitator_with_workshop()
    join(token, "Sam")
    facilitator.run()
    assign = next(m for m in facilitator.multiselect if "Sam" in m.label)
    assign.set_value(["access"]).run()
    store = open_store(database)
    assert workshops.get(store.engine, store.list()[0].id).sections_for("sam") == ("access",)
    later = join(token, "Sam")
    assert later.session_state["section_id"] == "access"
    assert any("gave you" in c.value for c in later.caption)


def test_locking_stops_every_change_and_unlocking_allows_it_again(database):
    facilitator, token = facilitator_with_workshop()
    participant = join(token, "Sam")
    facilitator.button(key="workshop-lock").click().run()
    participant.run()
    assert widget(participant, "b2b").disabled
    assert any("locked" in i.value for i in participant.info)
    record = open_store(database).list()[0]
    with pytest.raises(LockedError):
        open_store(database).save_changes(record.id, {"b2b": "no"}, Author())
    facilitator.button(key="workshop-unlock").click().run()
    participant.run()
    assert not widget(participant, "b2b").disabled


def test_the_facilitator_view_shows_progress_people_and_the_result(database):
    facilitator, token = facilitator_with_workshop()
    participant = join(token, "Sam")
    answer(participant, security_ask="yes")
    facilitator.run()
    text = " ".join(m.value for m in facilitator.markdown)
    assert "Sam" in text and "1 answer" in text
    assert any(m.label == "Questions answered" for m in facilitator.metric)
    assert any("still open" in e.label for e in facilitator.expander)


def test_ending_the_workshop_closes_the_join_link_and_open_participant_tabs(database):
    facilitator, token = facilitator_with_workshop()
    participant = join(token, "Sam")
    facilitator.button(key="workshop-end").click().run()
    participant.run()
    assert any("ended this workshop" in e.value for e in participant.error)
    late = join(token, None)
    assert any("does not open anything" in e.value for e in late.error)
    assert widget(late, "b2b") is None or widget(late, "b2b").value is None


def test_a_restarted_workshop_has_a_new_link_and_the_old_one_stops(database):
    facilitator, token = facilitator_with_workshop()
    facilitator.button(key="workshop-restart").click().run()
    code = " ".join(c.value for c in facilitator.code)
    assert token not in code and "?w=" in code
    assert any("does not open anything" in e.value for e in join(token, None).error)


def test_a_participant_cannot_use_the_facilitator_screen(database):
    _, token = facilitator_with_workshop()
    participant = join(token, "Sam")
    participant.switch_page(WORKSHOP).run()
    assert any("for the workshop's facilitator" in i.value for i in participant.info)
    assert all(b.key != "workshop-lock" for b in participant.button)
