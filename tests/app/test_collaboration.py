"""Several people on one assessment, through the real pages: answers merge per question, the same
question tells the earlier writer and offers their answer back, and every tab takes others' changes in."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from storage import open_store
from storage.history import history
from storage.schema import ChangeRow, SnapshotRow
from tests.app.conftest import answer, open_app, widget
from tests.app.test_persistence import ASSESS, with_link
from tests.scoring.test_readiness import everything


def stored(database: str) -> dict[str, object]:
    return dict(open_store(database).list()[0].answers)


def test_different_questions_from_two_tabs_both_survive_without_a_notice(database):
    tab_a = open_app(ASSESS)
    answer(tab_a, b2b="yes")
    tab_b = with_link(tab_a.session_state["token"])
    answer(tab_a, security_ask="yes")
    answer(tab_b, has_customers="yes")                # B never saw A's latest answer
    assert stored(database) == {"b2b": "yes", "security_ask": "yes", "has_customers": "yes"}
    assert not tab_b.warning and not tab_a.warning
    assert widget(tab_b, "security_ask").value == "yes"   # B's save took A's answer in
    tab_a.run()                                            # A's next run (or its live poll) takes B's in
    assert widget(tab_a, "has_customers").value == "yes"


def test_same_question_the_later_wins_and_the_earlier_is_told_by_whom_with_a_restore(database):
    tab_a = open_app(ASSESS)
    answer(tab_a, b2b="yes")
    tab_b = with_link(tab_a.session_state["token"])
    tab_b.session_state["display_name"] = "Ben"
    answer(tab_a, security_ask="yes")
    answer(tab_b, security_ask="no")
    assert stored(database)["security_ask"] == "no"
    assert not tab_b.warning                               # the later writer is not interrupted
    tab_a.run()
    notice = " ".join(w.value for w in tab_a.warning)
    assert "Ben" in notice and "changed" in notice and "No" in notice
    assert widget(tab_a, "security_ask").value == "no"     # A's screen shows what is saved now
    tab_a.button(key="restore-security_ask").click().run()
    assert stored(database)["security_ask"] == "yes"
    assert widget(tab_a, "security_ask").value == "yes"
    assert not tab_a.warning
    tab_b.run()
    assert widget(tab_b, "security_ask").value == "yes"


def test_keeping_theirs_dismisses_the_notice_and_changes_nothing(database):
    tab_a = open_app(ASSESS)
    answer(tab_a, b2b="yes")
    tab_b = with_link(tab_a.session_state["token"])
    answer(tab_a, security_ask="yes")
    answer(tab_b, security_ask="no")
    tab_a.run()
    assert tab_a.warning
    tab_a.button(key="keep-security_ask").click().run()
    assert not tab_a.warning and stored(database)["security_ask"] == "no"


def test_name_changes_merge_like_answers_and_history_names_who(database):
    tab_a = open_app(ASSESS)
    tab_a.session_state["display_name"] = "Ana"
    answer(tab_a, b2b="yes")
    tab_b = with_link(tab_a.session_state["token"])
    tab_b.session_state["display_name"] = "Ben"
    tab_b.text_input(key="client_name_input").input("Acme Payroll").run()
    answer(tab_a, security_ask="yes")
    record = open_store(database).list()[0]
    assert record.client_name == "Acme Payroll" and record.answers["security_ask"] == "yes"
    assert tab_a.text_input(key="client_name_input").value == "Acme Payroll"
    authors = {(c.field, c.author.name) for c in history(open_store(database).engine, record.id)}
    assert {("b2b", "Ana"), ("@client_name", "Ben"), ("security_ask", "Ana")} <= authors


def test_results_show_what_changed_since_a_snapshot_with_who_changed_it(database):
    tab_a = open_app(ASSESS)
    tab_a.session_state["display_name"] = "Ana"
    answer(tab_a, b2b="yes", security_ask="no")
    store = open_store(database)
    record = store.list()[0]
    snap = store.snapshot(record.id, "Before the workshop")
    with store.engine.begin() as connection:   # taken a minute ago (times are kept to the second)
        connection.execute(update(SnapshotRow).where(SnapshotRow.id == snap.id)
                           .values(created_at=snap.created_at - timedelta(minutes=1)))
    with store.engine.begin() as connection:
        connection.execute(update(ChangeRow).values(changed_at=snap.created_at - timedelta(minutes=2)))
    tab_b = with_link(tab_a.session_state["token"])
    tab_b.session_state["display_name"] = "Ben <b>[x](http://evil.example)</b>"
    answer(tab_b, security_ask="yes")
    tab_a.switch_page("pages/2_Results.py").run()
    assert not [box for box in tab_a.selectbox if box.key == "changes:since"]   # nothing built while closed
    tab_a.session_state["changes:open"] = True                      # the expander opened: snapshots read
    tab_a.run()
    assert not any("→" in m.value for m in tab_a.markdown)          # nothing read before a choice
    tab_a.selectbox(key="changes:since").set_value(f"snap:{snap.id}").run()
    lines = " ".join(m.value for m in tab_a.markdown if "→" in m.value)
    assert "security" in lines.lower() and "Ben" in lines and "b2b" not in lines
    assert "](http" not in lines.replace("\\]", "")                  # a name is shown literally


def test_a_long_list_of_changes_shows_the_newest_until_all_are_asked_for(database):
    from ui.changes_view import ALL, SHOWN

    tab = open_app(ASSESS, answers=everything("partial"))
    answer(tab, b2b="no")                                            # saved: every answer is a change
    tab.switch_page("pages/2_Results.py").run()
    tab.session_state["changes:open"] = True
    tab.run()
    tab.selectbox(key="changes:since").set_value("start").run()
    total = len(tab.session_state["answers"])                          # each answer from "unanswered"
    listed = next(m.value for m in tab.markdown if "→" in m.value)
    assert listed.count("\n- ") == SHOWN < total                      # one line a change, after the count
    assert f"{total - SHOWN} earlier changes are not" in listed
    tab.toggle(key=ALL).set_value(True).run()
    listed = next(m.value for m in tab.markdown if "→" in m.value)
    assert listed.count("\n- ") == total
