"""The workspace with 5,000 assessments: one page through the store, and the whole Workspace page
drawn by Streamlit's AppTest (the app's own script, its widgets and the database, without a browser).

`python -m bench.workspace` prints these figures alone; `make bench` records them with the rest.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from sqlalchemy import Engine, select, update

from bench.micro import timings
from scoring.summary import summarise
from storage import listing, open_store
from storage.schema import AssessmentRow
from tests.conftest import profile

ASSESSMENTS = 5000


def seed(url: str, count: int = ASSESSMENTS) -> None:
    """`count` assessments with a full scoping profile, half in each of two organisations."""
    store = open_store(url)
    answers = profile()
    summary = summarise(answers)
    for n in range(count):
        org = "alpha.example" if n % 2 else ""
        store.create(f"Client {n:05}", answers, "full", "v", summary, owner_email="", org=org)
    store.engine.dispose()


def _after_saves(engine: Engine, saved: int = 100) -> None:
    """The first page after `saved` assessments were answered since the last listing: their summaries
    are computed then (a save leaves them behind, storage/listing.py)."""
    with engine.begin() as connection:
        connection.execute(update(AssessmentRow).where(AssessmentRow.id.in_(
            select(AssessmentRow.id).limit(saved).scalar_subquery())).values(summary_revision=0))
    listing.page(engine, None, summarise=summarise)


def measure(count: int = ASSESSMENTS) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="socnav-bench-workspace-"))
    url = f"sqlite:///{folder / 'workspace.db'}"
    seed(url, count)
    store = open_store(url)
    results: dict[str, object] = {
        "assessments": count,
        "store_first_page": timings(lambda: listing.page(store.engine, None, summarise=summarise), 50),
        "store_last_page": timings(lambda: listing.page(store.engine, None, offset=count, summarise=summarise), 50),
        "store_search": timings(lambda: listing.page(store.engine, None, "client 049", summarise=summarise), 50),
        "store_one_org": timings(lambda: listing.page(store.engine, "alpha.example", summarise=summarise), 50),
        "store_after_saves": timings(lambda: _after_saves(store.engine), 10),
    }
    store.engine.dispose()

    from streamlit import config
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP

    saved_url, saved_address = os.environ.get("SOC_NAVIGATOR_DATABASE_URL"), config.get_option("server.address")
    os.environ["SOC_NAVIGATOR_DATABASE_URL"] = url
    config.set_option("server.address", "127.0.0.1")  # as `make run` serves it: one person, no sign-in
    try:
        app = AppTest.from_file(APP, default_timeout=60)
        app.run()
        app.switch_page("pages/5_Workspace.py").run()
        assert not app.exception, app.exception
        assert f"{count:,} assessments" in app.subheader[0].value

        def rerun() -> None:
            app.run()

        def next_page() -> None:  # from the last page, back to the first
            if app.button(key="page-next-top").disabled:
                app.button(key="page-prev-top").click().run()
            else:
                app.button(key="page-next-top").click().run()

        results["page_rerun"] = timings(rerun, 20)
        results["page_next"] = timings(next_page, 20)
    finally:
        config.set_option("server.address", saved_address)
        if saved_url is None:
            os.environ.pop("SOC_NAVIGATOR_DATABASE_URL", None)
        else:
            os.environ["SOC_NAVIGATOR_DATABASE_URL"] = saved_url
    return results


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
