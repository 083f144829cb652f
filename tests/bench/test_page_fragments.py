"""Through the real server, as the browser drives it: a question card reruns only itself, an answer that
can change what is shown reruns the whole page, and the page catches up at the live poll.

AppTest runs fragments inline with every run, so these need the websocket driver (bench/protocol.py
reruns only the fragment a widget sits in, as the browser does; bench/live_session.py also runs the live
fragment's 2-second poll).
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from urllib.parse import urlencode

from streamlit.proto.Element_pb2 import Element

from bench.live_session import LiveSession, Observer
from bench.pages import SCOPING
from bench.protocol import Session
from bench.server import Server
from questions import default_bank
from scoring.summary import summarise
from storage import open_store

COUNT = re.compile(r"^(\d+) answers? so far$")


def seed(folder: Path, answers: dict[str, str | int]) -> str:
    store = open_store(f"sqlite:///{folder / 'bench.db'}")   # the file Server points the app at
    _, token = store.create("Fragments Ltd", answers, "full", default_bank().version, summarise(answers))
    store.engine.dispose()
    return token


def stored(folder: Path) -> dict[str, str | int]:
    store = open_store(f"sqlite:///{folder / 'bench.db'}")
    try:
        return store.list()[0].answers
    finally:
        store.engine.dispose()


def counting(counts: list[int]) -> Observer:
    """A tab observer that records every "N answers so far" the sidebar shows, in order."""
    def observe(_tab: LiveSession, element: Element, _at: float) -> None:
        if element.WhichOneof("type") == "markdown" and COUNT.match(element.markdown.body):
            counts.append(int(COUNT.match(element.markdown.body).group(1)))
    return observe


def test_an_answer_reruns_only_its_card_and_the_page_catches_up_at_the_live_poll(tmp_path):
    token = seed(tmp_path, SCOPING)
    counts: list[int] = []
    observe = counting(counts)

    async def drive(url: str) -> tuple[list[int], list[int]]:
        tab = LiveSession(url, on_element=observe)
        tab.query_string = urlencode({"a": token, "s": "access"})
        try:
            await tab.connect()
            await tab.goto("Assessment")
            before = list(counts)
            await tab.choose("q:ACC-01", 0)
            after_click = list(counts)
            for _ in range(100):                      # the live poll runs every 2 s
                if len(counts) > len(after_click):
                    break
                await asyncio.sleep(0.1)
            return before, after_click
        finally:
            await tab.close()

    with Server("app.py", tmp_path) as server:
        before, after_click = asyncio.run(drive(server.url))
    assert stored(tmp_path)["ACC-01"] == "yes"                 # saved by the card's own run
    assert after_click == before                               # the sidebar was not redrawn by the click...
    assert counts[-1] == len(SCOPING) + 1                      # ...but caught up at the live poll


def test_an_answer_that_can_change_what_is_shown_reruns_the_whole_page(tmp_path):
    consumer = {k: v for k, v in SCOPING.items() if k != "personal_info"} | {"business_type": "consumer_app"}
    token = seed(tmp_path, consumer)

    async def drive(url: str) -> tuple[list[str], list[str]]:
        tab = Session(url)
        tab.query_string = urlencode({"a": token, "s": "scoping"})
        try:
            await tab.connect()
            await tab.goto("Assessment")
            sections = [w for w in tab.widgets if "-jump-" in w]
            await tab.choose("q:personal_info", 0)          # yes: the Privacy section appears
            return sections, [w for w in tab.widgets if "-jump-" in w]
        finally:
            await tab.close()

    with Server("app.py", tmp_path) as server:
        before, after = asyncio.run(drive(server.url))
    assert not [w for w in before if w.endswith("-jump-privacy")]
    assert [w for w in after if w.endswith("-jump-privacy")]   # the sidebar's sections, in the same click
    assert stored(tmp_path)["personal_info"] == "yes"


def test_a_scoping_answer_that_changes_nothing_shown_reruns_only_its_card(tmp_path):
    token = seed(tmp_path, SCOPING)

    async def drive(url: str) -> tuple[set[str], set[str]]:
        tab = Session(url)
        tab.query_string = urlencode({"a": token, "s": "scoping"})
        try:
            await tab.connect()
            await tab.goto("Assessment")
            run = await tab.choose("q:public_artifact", 0)   # yes: no question or section appears or goes
            first = set(run.widgets)
            run = await tab.choose("q:public_artifact", 1)   # and back
            return first, set(run.widgets)
        finally:
            await tab.close()

    with Server("app.py", tmp_path) as server:
        first, second = asyncio.run(drive(server.url))
    for redrawn in (first, second):
        assert [w for w in redrawn if w.endswith("q:public_artifact")]      # its card
        assert not [w for w in redrawn if "-jump-" in w or w.endswith("q:b2b")]   # not the page
    assert stored(tmp_path)["public_artifact"] == "no"
