"""Autosave, resume links and an unreachable database, through the real pages (several people on one
assessment: test_collaboration.py)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from storage import open_store
from tests.app.conftest import APP, TIMEOUT, answer, open_app, widget
from tests.conftest import profile

ASSESS = "pages/1_Assessment.py"


def with_link(token: str, page: str | None = ASSESS) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["a"] = token
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_first_answer_creates_the_assessment_and_puts_its_link_in_the_url(database):
    at = open_app(ASSESS)
    assert "a" not in at.query_params
    answer(at, b2b="yes")
    token = at.query_params["a"][0] if isinstance(at.query_params["a"], list) else at.query_params["a"]
    record = open_store(database).open(token)
    assert record is not None and record.answers == {"b2b": "yes"}
    assert any("Saved" in c.value for c in at.sidebar.caption)


def test_every_change_is_written_and_reruns_without_change_write_nothing(database):
    at = open_app(ASSESS)
    answer(at, b2b="yes", has_customers="yes")
    store = open_store(database)
    record = store.list()[0]
    assert record.answers == {"b2b": "yes", "has_customers": "yes"}
    revision = record.revision
    at.run()
    at.switch_page("pages/4_Learn.py").run()
    at.switch_page(ASSESS).run()
    assert store.get(record.id).revision == revision
    answer(at, has_customers="yes")             # same value again: nothing to write
    assert store.get(record.id).revision == revision
    answer(at, has_customers="no")
    assert store.get(record.id).revision == revision + 1


def test_resume_link_reopens_the_same_assessment_in_a_new_session(database):
    first = open_app(ASSESS)
    answer(first, **{k: v for k, v in profile().items() if k in ("b2b", "security_ask", "headcount")})
    token = first.session_state["token"]
    second = with_link(token)
    assert widget(second, "b2b").value == "yes"
    assert widget(second, "headcount").value == profile()["headcount"]
    assert second.session_state["assessment_id"] == first.session_state["assessment_id"]


def test_unknown_or_malformed_link_says_so_and_opens_nothing(database):
    store = open_store(database)
    at = open_app(ASSESS)
    answer(at, b2b="yes")
    before = [(r.id, r.answers) for r in store.list()]
    for bad in ("not-a-token", "A" * 32, "<script>alert(1)</script>"):
        visitor = with_link(bad, page=None)
        assert "does not match any saved assessment" in visitor.error[0].value
        assert "a" not in visitor.query_params
        assert "assessment_id" not in visitor.session_state
        assert visitor.session_state["answers"] == {}
    assert [(r.id, r.answers) for r in store.list()] == before


def test_unreachable_database_keeps_answers_and_saves_when_back(monkeypatch, database):
    monkeypatch.setenv("SOC_NAVIGATOR_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    at = open_app(ASSESS)
    answer(at, b2b="yes", security_ask="yes")
    assert any("Not saved" in c.value for c in at.sidebar.caption)
    assert at.session_state["answers"] == {"b2b": "yes", "security_ask": "yes"}
    monkeypatch.setenv("SOC_NAVIGATOR_DATABASE_URL", database)   # the database is back
    at.run()
    assert any("Saved" in c.value for c in at.sidebar.caption)
    assert open_store(database).list()[0].answers == {"b2b": "yes", "security_ask": "yes"}


def test_the_link_carries_the_section_and_reopens_there(database):
    first = open_app(ASSESS)
    answer(first, **profile())
    assert first.query_params["s"] in ("scoping", ["scoping"])
    first.button(key="jump-access").click().run()
    assert first.query_params["s"] in ("access", ["access"])
    assert first.sidebar.code[0].value.endswith(f"?a={first.session_state['token']}&s=access")
    second = AppTest.from_file(APP, default_timeout=TIMEOUT)
    second.query_params["a"] = first.session_state["token"]
    second.query_params["s"] = "access"
    second.run()
    second.switch_page(ASSESS).run()
    assert second.header[0].value == "Access control"


@pytest.mark.parametrize("section", ["no_such_section", "privacy", ""])
def test_an_unknown_or_hidden_section_in_the_link_opens_the_first_section(database, section):
    first = open_app(ASSESS)
    answer(first, **profile())                      # SaaS, no personal information: no Privacy section
    second = AppTest.from_file(APP, default_timeout=TIMEOUT)
    second.query_params["a"] = first.session_state["token"]
    second.query_params["s"] = section
    second.session_state["section_id"] = "access"   # whatever this tab showed before
    second.run()
    assert not second.exception, second.exception
    second.switch_page(ASSESS).run()
    assert second.header[0].value == "About your business"
    assert second.query_params["s"] in ("scoping", ["scoping"])


def test_the_workspace_reopens_an_assessment_where_this_tab_left_it(database):
    at = open_app(ASSESS)
    answer(at, **profile())
    at.button(key="jump-risk").click().run()
    first_id = at.session_state["assessment_id"]
    at.button(key="new-assessment-sidebar").click().run()
    at.switch_page("pages/5_Workspace.py").run()
    at.button(key=f"open-{first_id}").click().run()
    assert at.header[0].value == "Risk assessment"
