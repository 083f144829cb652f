"""AppTest of the first vertical slice: walk the bank section by section and see the result."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.conftest import SAAS

TIMEOUT = 30
APP = str(Path(__file__).resolve().parents[2] / "app.py")


def fresh(page: str = "app.py") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    if page != "app.py":
        at.switch_page(page).run()
    return at


def answer_scoping(at: AppTest, answers: dict[str, object]) -> None:
    for qid, value in answers.items():
        key = f"q:{qid}"
        widget = next((w for w in [*at.radio, *at.selectbox, *at.number_input] if w.key == key), None)
        assert widget is not None, qid
        widget.set_value(value)
    at.run()


def test_home_explains_and_offers_a_start():
    at = fresh()
    assert not at.exception
    assert at.title[0].value.endswith("SOC Navigator")
    assert any("not a certification" in c.value for c in at.caption)
    assert at.button[0].label == "Start the assessment"


def test_required_scoping_answers_are_checked_before_moving_on():
    at = fresh("pages/1_Assessment.py")
    assert at.header[0].value == "About your business"
    next_button = next(b for b in at.button if b.label.startswith("Next"))
    next_button.click().run()
    assert at.error and "Please answer before moving on" in at.error[0].value
    assert at.header[0].value == "About your business"


def test_walk_sections_and_reach_results():
    at = fresh("pages/1_Assessment.py")
    answer_scoping(at, SAAS | {"uptime_sla": "yes"})
    assert not at.exception
    next(b for b in at.button if b.label.startswith("Next")).click().run()
    assert at.header[0].value == "Governance"
    at.radio(key="q:GOV-01").set_value("partial").run()
    # Back returns to scoping with the answers still there.
    next(b for b in at.button if "Back" in b.label).click().run()
    assert at.header[0].value == "About your business"
    assert at.radio(key="q:uptime_sla").value == "yes"
    at.switch_page("pages/2_Results.py").run()
    assert not at.exception
    assert "SOC 2" in at.subheader[0].value
    assert "Security and Availability" in at.subheader[0].value
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Reports"] == "SOC 2"
    assert metrics["Readiness"].endswith("%")


def test_results_before_any_answer_says_what_to_do():
    at = fresh("pages/2_Results.py")
    assert not at.exception
    assert "Answer the questions first" in at.info[0].value
