"""The live fragment, through the real server: it polls every 5 s while a tab is alone on its assessment
and every 2 s once a colleague is there (the frontend's timers are what the tab keeps), and a
colleague's answer redraws the page only when it is on the screen."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from urllib.parse import urlencode

from bench.live_session import LiveSession
from bench.pages import SCOPING
from bench.server import Server
from tests.bench.test_page_fragments import counting, seed
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


def test_a_colleagues_answer_elsewhere_redraws_only_the_counts_and_one_on_screen_the_page(tmp_path):
    token = seed(tmp_path, SCOPING)
    counts: list[int] = []

    async def until(condition: Callable[[], bool]) -> None:
        deadline = time.monotonic() + 30        # presence is checked every 10 s, and polls every 2-5 s
        while not condition() and time.monotonic() < deadline:
            await asyncio.sleep(0.1)

    async def drive(url: str) -> tuple[list[bool], list[bool], int | None]:
        watching = LiveSession(url, on_element=counting(counts), name="watching")
        answering = LiveSession(url, name="answering")
        watching.query_string = urlencode({"a": token, "s": "access"})
        answering.query_string = urlencode({"a": token, "s": "governance"})
        try:
            for tab in (watching, answering):
                await tab.connect()
                await tab.goto("Assessment")
            # it has seen its colleague: the poll that found them redrew the page, to poll every 2 s
            await until(lambda: watching.poll_intervals == [POLL_SECONDS] and any(p.redrew for p in watching.polls))
            polls = len(watching.polls)
            await answering.choose("q:GOV-01", 0)              # a question of another section
            await until(lambda: bool(counts) and counts[-1] == len(SCOPING) + 1)
            elsewhere = [poll.redrew for poll in watching.polls[polls:]]
            await answering.click("jump-access")               # the sidebar's list of sections
            polls = len(watching.polls)
            await answering.choose("q:ACC-01", 0)              # a question on the watching tab's screen
            # the radio's new value arrives before the poll that drew it has finished
            await until(lambda: watching.chosen("q:ACC-01") == 0 and len(watching.polls) > polls)
            return elsewhere, [poll.redrew for poll in watching.polls[polls:]], watching.chosen("q:ACC-01")
        finally:
            await watching.close()
            await answering.close()

    with Server("app.py", tmp_path) as server:
        elsewhere, on_screen, shown = asyncio.run(drive(server.url))
    assert counts[-1] == len(SCOPING) + 2
    assert elsewhere and not any(elsewhere)      # the counts caught up in the live fragment's own run
    assert True in on_screen and shown == 0      # the page was redrawn and shows the colleague's answer
