"""AppTest helpers: start the app, seed answers, find widgets by question id, read chart specs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 30


def open_app(page: str | None = None, answers: dict | None = None, **state: object) -> AppTest:
    """The app at `page`, with this session's answers (and any other state) already set."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if answers is not None:
        at.session_state["answers"] = dict(answers)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def widget(at: AppTest, question_id: str):
    key = f"q:{question_id}"
    for candidates in (at.radio, at.selectbox, at.number_input):
        for found in candidates:
            if found.key == key:
                return found
    return None


def answer(at: AppTest, **answers: object) -> AppTest:
    for qid, value in answers.items():
        found = widget(at, qid)
        assert found is not None, f"{qid} is not on screen"
        found.set_value(value)
    at.run()
    assert not at.exception, at.exception
    return at


def click(at: AppTest, label_start: str) -> AppTest:
    button = next(b for b in at.button if b.label.startswith(label_start))
    button.click().run()
    assert not at.exception, at.exception
    return at


def open_tab(at: AppTest, label: str) -> AppTest:
    """Open a tab of the Results page, as a click on it does (only the open tab is built)."""
    at.session_state["results:tab"] = label
    at.run()
    assert not at.exception, at.exception
    return at


def header(at: AppTest) -> str:
    return at.header[0].value


def elements(node):
    """Every element under `node`, in the order the page shows them."""
    yield node
    for child in getattr(node, "children", {}).values():
        yield from elements(child)


TEXT_ELEMENTS = {"Markdown", "Caption", "Code", "Title", "Header", "Subheader", "Success", "Info", "Warning",
                 "Error", "Text"}


def texts(at: AppTest) -> list[str]:
    """The text of every markdown, caption, code, alert and heading on the page, in order."""
    found = []
    for node in elements(at.main):
        if hasattr(node, "children") or type(node).__name__ not in TEXT_ELEMENTS:
            continue
        found.append(node.value)
    return found


def chart_spec(at: AppTest, key: str) -> dict:
    """The Plotly figure a page drew under `key`, as the JSON the browser receives."""
    for node in at.get("plotly_chart"):
        if node.proto.id and key in node.proto.id:
            return json.loads(node.proto.spec)
    raise AssertionError(f"no chart with key {key}")


@pytest.fixture(autouse=True)
def listening_address():
    """The app as `make run` starts it, listening on 127.0.0.1 only: one person, no sign-in (ui/auth.py).
    Tests of a server reachable from the network set another address through this setter."""
    from streamlit import config

    before = config.get_option("server.address")

    def listen_on(address: str | None) -> None:
        config.set_option("server.address", address)

    listen_on("127.0.0.1")
    yield listen_on
    config.set_option("server.address", before)


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch) -> str:
    """Every app test writes to its own SQLite file, never to the real data/ folder."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("SOC_NAVIGATOR_DATABASE_URL", url)
    return url


@pytest.fixture
def walk():
    """Answer the scoping section through the widgets, then return the AppTest."""

    def run(answers: dict, mode: str = "full") -> AppTest:
        at = open_app("pages/1_Assessment.py", mode=mode)
        return answer(at, **answers)

    return run
