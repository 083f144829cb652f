"""Hostile input through the app itself (AppTest): typed names, notes and "assessed by" are shown
literally; forged widget values are refused with a message and never stored."""

from __future__ import annotations

import pytest

from storage import open_store
from storage.cleaning import clean_name
from tests.app.conftest import open_app
from tests.conftest import profile
from tests.hostile.inputs import ANSWERS, TEXTS
from tests.hostile.test_text_and_exports import live, unliteral

NAMES = [name for name in TEXTS if name not in {"newlines", "reference link", "code fence", "list", "table",
                                                 "setext heading"}]


def caption_name(at) -> str:
    caption = next(c.value for c in at.caption if c.value.startswith("Reports are made for **"))
    return caption.removeprefix("Reports are made for **").split("**. Change the name", 1)[0]


@pytest.mark.parametrize("name", NAMES)
def test_a_hostile_client_name_is_stored_cleaned_and_shown_literally(database, name):
    at = open_app("pages/1_Assessment.py", answers=profile())
    at.text_input(key="client_name_input").set_value(TEXTS[name]).run()  # as a forged message could
    assert not at.exception
    expected = clean_name(TEXTS[name])[0]
    at.switch_page("pages/2_Results.py").run()
    shown = caption_name(at)
    assert unliteral(shown) == (expected or "Your organisation")
    assert not live(shown)
    stored = [record.client_name for record in open_store(database).list()]
    assert stored == ([expected] if expected else [])  # an empty name alone creates nothing


@pytest.mark.parametrize("name", ["markdown link", "script tag", "NUL", "100,000 characters", "newlines", "emoji"])
def test_hostile_notes_and_assessed_by_are_kept_and_never_break_the_page(database, name):
    at = open_app("pages/2_Results.py", answers=profile())
    at.text_area(key="notes_input").set_value(TEXTS[name]).run()
    at.text_input(key="assessor_input").set_value(TEXTS[name]).run()
    assert not at.exception
    stored = open_store(database).list()[0].notes
    assert "\x00" not in stored and len(stored) <= 5000
    assert not [link for link in at.get("markdown") if "](" in link.value and "\\]" not in link.value]


@pytest.mark.parametrize("name", list(ANSWERS))
def test_a_forged_answer_is_refused_with_a_message_and_not_stored(database, name):
    qid, forged = ANSWERS[name]
    at = open_app("pages/1_Assessment.py", answers={**profile(b2b=None, headcount=None), qid: forged})
    at.radio(key="q:b2b").set_value("yes").run() if qid != "b2b" else at.number_input(key="q:headcount") \
        .set_value(25).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("not allowed" in e for e in errors), errors
    assert all(not live(e.split("\n\n", 1)[-1]) for e in errors)
    record = open_store(database).list()[0]
    assert record.answers.get(qid) != forged or qid not in record.answers
    assert qid not in at.session_state["answers"] or at.session_state["answers"][qid] != forged
