""""New assessment": from every page and the workspace, a fresh empty assessment; the old one stays saved."""

from __future__ import annotations

import pytest

from storage import open_store
from tests.app.conftest import answer, header, open_app, widget
from tests.conftest import profile
from ui import pages_registry as pages

SIDEBAR_BUTTON = "new-assessment-sidebar"


def started_client(database):
    """A tab that answered the scoping section of Acme and moved on to Governance."""
    at = open_app(pages.ASSESSMENT)
    at.text_input(key="client_name_input").set_value("Acme").run()
    answer(at, **profile())
    at.button(key="jump-governance").click().run()
    assert header(at) == "Governance"
    return at, open_store(database)


@pytest.mark.parametrize("page", [path for path, _, _ in pages.NAVIGATION])
def test_new_assessment_from_every_page_starts_empty_at_the_first_section(database, page):
    at, store = started_client(database)
    old = store.list()[0]
    at.switch_page(page).run()
    at.button(key=SIDEBAR_BUTTON).click().run()
    assert not at.exception, at.exception
    assert header(at) == "About your business"
    assert at.text_input(key="client_name_input").value == ""
    assert widget(at, "b2b").value is None
    assert "a" not in at.query_params and "s" not in at.query_params
    assert "assessment_id" not in at.session_state
    assert [(r.id, r.client_name, r.answers) for r in store.list()] == [(old.id, "Acme", old.answers)]
    answer(at, b2b="no")                    # the first answer saves a second assessment, not the first
    assert at.session_state["assessment_id"] != old.id
    assert sorted(r.client_name or r.answers.get("b2b", "") for r in store.list()) == ["Acme", "no"]
    assert store.get(old.id).answers == old.answers


def test_new_assessment_from_the_workspace_header(database):
    at, store = started_client(database)
    at.switch_page(pages.WORKSPACE).run()
    at.button(key="new-assessment-workspace").click().run()
    assert header(at) == "About your business"
    assert at.session_state["answers"] == {}
    assert len(store.list()) == 1


def test_a_quick_check_in_progress_gives_way_to_a_full_assessment(database):
    at = open_app(pages.ASSESSMENT, mode="quick")
    answer(at, b2b="yes")
    at.button(key=SIDEBAR_BUTTON).click().run()
    assert at.session_state["mode"] == "full"
    assert "Full readiness assessment" in at.caption[0].value


def test_unsaved_changes_are_never_dropped_by_a_new_assessment(database, monkeypatch):
    monkeypatch.setenv("SOC_NAVIGATOR_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    at = open_app(pages.ASSESSMENT)
    answer(at, b2b="yes")
    at.button(key=SIDEBAR_BUTTON).click().run()
    assert any("No new assessment was started" in w.value for w in at.warning)
    assert at.session_state["answers"] == {"b2b": "yes"}
    monkeypatch.setenv("SOC_NAVIGATOR_DATABASE_URL", database)   # back: saved, then the new one may start
    at.run()
    at.button(key=SIDEBAR_BUTTON).click().run()
    assert at.session_state["answers"] == {}
    assert open_store(database).list()[0].answers == {"b2b": "yes"}
