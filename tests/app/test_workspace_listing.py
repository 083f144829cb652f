"""Workspace list: each order the consultant can pick, a new order starting at the first page and kept
across pages, and untitled empty drafts left out."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import update

from storage import Summary, open_store
from storage.schema import AssessmentRow
from tests.app.conftest import open_app, texts
from tests.app.test_workspace import WORKSPACE

SORT = "workspace:sort-choice"
# name, summary, last change: every order below differs from every other.
CLIENTS = (
    ("Alpha Ltd", Summary(reports=["SOC 2"], report_type="Type II", readiness=20), datetime(2026, 1, 1)),
    ("bravo GmbH", Summary(reports=["SOC 1"], report_type="Type I", readiness=None), datetime(2026, 3, 1)),
    ("Charlie Inc", Summary(reports=[], readiness=90), datetime(2026, 2, 1)),
)


def seed_clients(database):
    store = open_store(database)
    for name, summary, changed in CLIENTS:
        record, _ = store.create(name, {}, "full", "v", summary)
        with store.engine.begin() as connection:
            connection.execute(update(AssessmentRow).where(AssessmentRow.id == record.id).values(updated_at=changed))
    return store


def listed(at, names) -> list[str]:
    """The names as the rows show them, top to bottom."""
    page = "\n".join(texts(at))
    return sorted((name for name in names if f"**{name}**" in page), key=lambda name: page.index(f"**{name}**"))


@pytest.mark.parametrize(("sort", "order"), [
    ("Last change", ["bravo GmbH", "Charlie Inc", "Alpha Ltd"]),
    ("Name", ["Alpha Ltd", "bravo GmbH", "Charlie Inc"]),           # not by case: "bravo" before "Charlie"
    ("Readiness", ["Charlie Inc", "Alpha Ltd", "bravo GmbH"]),      # not assessed last
    ("Report", ["bravo GmbH", "Alpha Ltd", "Charlie Inc"]),         # SOC 1, SOC 2, no report yet
])
def test_each_sort_orders_the_rows(database, sort, order):
    seed_clients(database)
    at = open_app(WORKSPACE)
    assert at.selectbox(key=SORT).options == ["Last change", "Name", "Readiness", "Report"]
    at.selectbox(key=SORT).set_value(sort).run()
    assert not at.exception
    assert listed(at, [name for name, _, _ in CLIENTS]) == order


def test_a_new_sort_starts_at_the_first_page_and_is_kept_across_pages(database):
    store = open_store(database)
    for number in range(26):
        store.create(f"Client {number:02}", {}, "full", "v", Summary())
    at = open_app(WORKSPACE)
    at.button(key="page-next-top").click().run()
    assert "Showing 26–26 of 26" in texts(at)
    at.selectbox(key=SORT).set_value("Name").run()
    assert "Showing 1–25 of 26" in texts(at)
    assert listed(at, ["Client 00", "Client 24", "Client 25"]) == ["Client 00", "Client 24"]
    at.switch_page("app.py").run()
    at.switch_page(WORKSPACE).run()
    assert at.session_state["workspace:sort"] == "Name"
    assert at.selectbox(key=SORT).value == "Name"


def test_an_untitled_empty_draft_is_not_listed(database):
    store = open_store(database)
    store.create("", {}, "full", "v", Summary())
    at = open_app(WORKSPACE)
    assert "No saved assessments yet" in at.info[0].value
    assert "listed here from its first answer, or once it has a name" in at.info[0].value
    store.create("Acme", {}, "full", "v", Summary())
    store.create("", {"b2b": "yes"}, "full", "v", Summary())          # untitled, but answered: listed
    at.run()
    assert "2 assessments" in texts(at)
    assert sum("**Untitled assessment**" in text for text in texts(at)) == 1
