"""The load driver really drives the app: what it sets is what the app then holds."""

from __future__ import annotations

import asyncio

from bench.load import load
from bench.protocol import Session
from bench.server import Server
from storage import open_store


def test_driver_answers_land_in_the_saved_assessment(tmp_path):
    async def drive(url: str) -> Session:
        session = Session(url)
        await session.connect()
        assert "start-full" in " ".join(session.widgets)
        await session.click("start-full")
        await session.choose("q:b2b", 0)                    # "Yes, we sell to organisations"
        await session.choose("q:business_type", 0)          # "Payroll processing or PEO"
        await session.enter_number("q:headcount", 42)
        await session.click("Next")                         # blocked: required answers missing
        await session.close()
        return session

    with Server("app.py", tmp_path) as server:
        session = asyncio.run(drive(server.url))
    assert session.query_string.startswith("a=")            # the resume link the app put in the URL
    stored = [record.answers for record in open_store(f"sqlite:///{tmp_path / 'bench.db'}").list()]
    assert stored == [{"b2b": "yes", "business_type": "payroll", "headcount": 42}]


def test_load_runs_concurrent_sessions_and_counts_clicks(tmp_path):
    with Server("bench/bare_app.py", tmp_path) as server:
        result = load(server.url, 3, 2, (0.0, 0.05), flow="bare")
    summary = result.summary()
    assert summary["clicks"] == 6 and summary["errors"] == 0
    assert 0 < summary["p50_ms"] <= summary["max_ms"]


def test_an_app_exception_counts_as_an_error(tmp_path):
    script = tmp_path / "broken.py"
    script.write_text("import streamlit as st\nif st.button('Boom', key='boom'):\n    raise ValueError('x')\n")
    with Server(str(script), tmp_path) as server:
        async def boom() -> str:
            session = Session(server.url)
            await session.connect()
            try:
                await session.click("boom")
            except Exception as exc:  # the driver reports it as a RerunError
                return type(exc).__name__
            finally:
                await session.close()
            return "no error"

        assert asyncio.run(boom()) == "RerunError"
