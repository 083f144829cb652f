"""Plan: the dated Gantt, the deadline verdict, what-if controls and fee bands."""

from __future__ import annotations

from datetime import date

from tests.app.conftest import chart_spec, open_app
from tests.conftest import profile

PLAN = "pages/3_Plan.py"


def bars(at) -> dict[str, float]:
    data = chart_spec(at, "gantt")["data"][0]
    return dict(zip(data["y"], data["x"], strict=True))


def test_empty_state():
    at = open_app(PLAN)
    assert "Nothing to plan yet" in at.info[0].value


def test_gantt_has_every_phase_from_the_start_date_and_marks_the_deadline():
    at = open_app(PLAN, answers=profile(deadline_months=6, security_ask="no"))
    spec = chart_spec(at, "gantt")
    assert set(bars(at)) == {"Scoping", "Remediation", "Policies", "Type I report", "Type II period", "Type II report"}
    assert spec["data"][0]["base"][-1] == date.today().isoformat()   # scoping starts today
    assert any(shape.get("line", {}).get("dash") == "dash" for shape in spec["layout"]["shapes"])
    assert at.error or at.warning or at.success   # the verdict box


def test_what_if_window_and_path_redraw_the_plan():
    at = open_app(PLAN, answers=profile(security_ask="no"))
    three_months = bars(at)["Type II period"]
    at.segmented_control(key="plan:window").set_value(12).run()
    assert bars(at)["Type II period"] > 3.5 * three_months
    at.selectbox(key="plan:path").set_value("type_i").run()
    assert "Type I report" in bars(at)
    assert "Start with a SOC 2 Type I" in next(m.value for m in at.markdown if m.value.startswith("####"))


def test_what_if_readiness_shortens_remediation():
    at = open_app(PLAN, answers=profile(security_ask="no"))
    before = bars(at)["Remediation"]
    at.slider(key="plan:readiness").set_value(90).run()
    assert bars(at)["Remediation"] < before


def test_start_date_moves_the_plan():
    at = open_app(PLAN, answers=profile())
    at.date_input(key="plan:start").set_value(date(2027, 1, 4)).run()
    assert chart_spec(at, "gantt")["data"][0]["base"][-1] == "2027-01-04"


def test_fee_bands_are_labelled_as_reported_ranges():
    at = open_app(PLAN, answers=profile(security_ask="no"))
    text = "\n".join(m.value for m in at.markdown)
    assert "SOC 2 Type II" in text and "$20,000" in text
    assert any("not a quote" in c.value for c in at.caption)
