"""The live fragment polls every 5 s while a tab is alone on its assessment and every 2 s once a
colleague is there, through the real server (the frontend's timers are what the tab keeps)."""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlencode

from bench.live_session import LiveSession
from bench.pages import SCOPING
from bench.server import Server
from tests.bench.test_page_fragments import seed
from ui.live import ALONE_POLL_SECONDS, POLL_SECONDS


def test_a_tab_polls_slowly_alone_and_often_once_a_colleague_arrives(tmp_path):
    token = seed(tmp_path, SCOPING)

    async def drive(url: str) -> tuple[list[float], list[float], list[float]]:
        first, second = LiveSession(url, name="first"), LiveSession(url, name="second")
        for tab in (first, second):
            tab.query_string = urlencode({"a": token, "s": "access"})
        try:
            await first.connect()
            alone = first.poll_intervals
            await second.connect()          # finds the first tab there at once
            joined = second.poll_intervals
            deadline = time.monotonic() + 30   # the first tab's presence check runs every 10 s
            while first.poll_intervals != [POLL_SECONDS] and time.monotonic() < deadline:
                await asyncio.sleep(0.2)
            return alone, joined, first.poll_intervals
        finally:
            await first.close()
            await second.close()

    with Server("app.py", tmp_path) as server:
        alone, joined, together = asyncio.run(drive(server.url))
    assert alone == [ALONE_POLL_SECONDS]
    assert joined == [POLL_SECONDS]
    assert together == [POLL_SECONDS]
