"""Home: what the product does, the two paths, and continuing where you left off."""

from __future__ import annotations

from tests.app.conftest import header, open_app
from tests.conftest import profile


def test_home_offers_both_paths_and_says_what_a_soc_report_is():
    at = open_app()
    assert at.title[0].value.endswith("SOC Navigator")
    labels = [b.label for b in at.main.button]
    assert labels == ["Start the quick check", "Start the full assessment"]
    assert any("not a certification" in c.value for c in at.caption)


def test_quick_check_path_starts_on_scoping():
    at = open_app()
    at.button(key="start-quick").click().run()
    assert at.session_state["mode"] == "quick"
    assert header(at) == "About your business"


def test_continue_where_you_left_off():
    at = open_app(answers=profile())
    assert any("Continue where you left off" in m.value for m in at.markdown)
    assert f"{len(profile())} of" in next(m.value for m in at.markdown if "Continue where" in m.value)
    next(b for b in at.button if b.label == "Continue the assessment").click().run()
    assert header(at) == "About your business"
