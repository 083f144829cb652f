"""Workspace: list, open, rename, duplicate, snapshot, compare, delete, and the optional key."""

from __future__ import annotations

from scoring.summary import summarise
from services import collaboration
from storage import Author, open_store
from tests.app.conftest import chart_spec, header, open_app, widget
from tests.conftest import profile
from tests.scoring.test_readiness import everything

WORKSPACE = "pages/5_Workspace.py"


def seed(database, name="Acme", answers=None):
    answers = answers if answers is not None else profile()
    store = open_store(database)
    return store, *store.create(name, answers, "full", "v", summarise(answers))


def test_empty_workspace_says_how_to_start():
    at = open_app(WORKSPACE)
    assert "No saved assessments yet" in at.info[0].value


def test_lists_each_assessment_with_recommendation_and_readiness(database):
    seed(database, "Acme Payroll", profile(business_type="payroll", fin_impact="yes", security_ask="no"))
    seed(database, "Beta SaaS", everything("yes"))
    at = open_app(WORKSPACE)
    text = "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)
    assert "Acme Payroll" in text and "Beta SaaS" in text
    assert "SOC 1 · Type II · readiness not assessed" in text
    assert "readiness 100%" in text


def test_the_list_shows_each_summary_as_the_answers_now_stand(database):
    """A save leaves the summary to the listing (storage/listing.py): the workspace still shows the
    readiness of the answers saved since, and sorts on it."""
    store, record, _ = seed(database, "Beta SaaS", everything("yes"))
    collaboration.save(store, record.id, dict.fromkeys(everything("yes").keys() - profile().keys(), "no"),
                       Author(id="a", name="Ana"))
    at = open_app(WORKSPACE)
    text = "\n".join(c.value for c in at.caption)
    assert "readiness 0%" in text and "readiness 100%" not in text


def test_open_binds_this_tab_and_shows_the_answers(database):
    _, record, _ = seed(database)
    at = open_app(WORKSPACE)
    at.button(key=f"open-{record.id}").click().run()
    assert header(at) == "About your business"
    assert at.session_state["assessment_id"] == record.id
    assert widget(at, "headcount").value == profile()["headcount"]


def test_rename_duplicate_and_delete(database):
    store, record, _ = seed(database)
    at = open_app(WORKSPACE)
    at.text_input(key=f"name-{record.id}").set_value("Acme <Holdings>").run()
    at.button(key=f"rename-{record.id}").click().run()
    assert store.get(record.id).client_name == "Acme <Holdings>"
    at.button(key=f"dup-{record.id}").click().run()
    assert sorted(r.client_name for r in store.list()) == ["Acme <Holdings>", "Acme <Holdings> (copy)"]
    at.button(key=f"delete-{record.id}").click().run()
    assert [r.client_name for r in store.list()] == ["Acme <Holdings> (copy)"]


def test_deleting_the_open_assessment_detaches_this_tab(database):
    store, record, _ = seed(database)
    at = open_app(WORKSPACE)
    at.button(key=f"open-{record.id}").click().run()
    at.switch_page(WORKSPACE).run()
    at.button(key=f"delete-{record.id}").click().run()
    assert "assessment_id" not in at.session_state
    assert at.session_state["answers"] == {}
    assert store.list() == []


def test_snapshot_then_compare_shows_what_changed(database):
    store, record, _ = seed(database, answers=everything("no"))
    at = open_app(WORKSPACE)
    at.button(key=f"snap-{record.id}").click().run()
    collaboration.save(store, record.id, everything("yes"), Author(name="Ana"))
    at.run()
    assert any("· As of" in option for option in at.selectbox(key="compare:before").options)
    text = "\n".join(m.value for m in at.markdown)
    assert "Open gaps:" in text
    delta = chart_spec(at, "delta-chart")["data"][0]
    assert all(x > 0 for x in delta["x"])


def test_workspace_key_keeps_the_list_private(database, monkeypatch):
    seed(database, "Secret Client")
    monkeypatch.setenv("SOC_NAVIGATOR_WORKSPACE_KEY", "s3cret")
    at = open_app(WORKSPACE)
    assert not any("Secret Client" in m.value for m in at.markdown)
    at.text_input(key="workspace:key").set_value("wrong").run()
    assert "not right" in at.error[0].value
    at.text_input(key="workspace:key").set_value("s3cret").run()
    assert any("Secret Client" in m.value for m in at.markdown)


def changed_answers(at) -> str:
    listing = next(e for e in at.expander if e.label.endswith("changed"))
    return listing.markdown[0].value


def test_compare_lists_the_answers_that_changed_in_bank_order(database):
    before = everything("no") | {"headcount": 30}
    store, record, _ = seed(database, name="Acme", answers=before)
    at = open_app(WORKSPACE)
    at.button(key=f"snap-{record.id}").click().run()
    after = before | {"ACC-01": "yes", "GOV-01": "partial", "headcount": 45}
    collaboration.save(store, record.id, after, Author(name="Ana"))
    at.run()
    assert any(e.label == "3 answers changed" for e in at.expander)
    lines = changed_answers(at).split("\n- ")
    assert len(lines) == 3
    assert "How many people" in lines[0] and lines[0].endswith("**30** → **45**")       # scoping first
    assert "accountable for the security" in lines[1] and lines[1].endswith("**No** → **Partly or informally**")
    assert "single sign-on" in lines[2]
    assert lines[2].endswith(r"**No** → **Yes\: documented and operating**")           # shown literally


def test_compare_says_when_no_answer_changed(database):
    _, record, _ = seed(database, answers=profile())
    at = open_app(WORKSPACE)
    at.button(key=f"snap-{record.id}").click().run()
    at.run()
    assert any(c.value == "Every answer is the same in both." for c in at.caption)
    assert not any(e.label.endswith("changed") for e in at.expander)
